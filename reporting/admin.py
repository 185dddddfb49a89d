from django.contrib import admin
from django.core.cache import cache

from communities.models import ConfirmedOutlier
from notices.models import Notice, NoticePreference
from periods.models import ReportingDeadline, ReportingMonth
from periods.selectors import DUE_DAYS_CACHE_KEY
from reporting.models import ReportingTransition


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "due_day", "set_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.set_by = request.user
        super().save_model(request, obj, form, change)
        cache.delete(DUE_DAYS_CACHE_KEY)  # the grid and digests read it cached

    def has_delete_permission(self, request, obj=None):
        return False  # a fiscal year's due day is changed, never removed


class TransitionInline(admin.TabularInline):
    model = ReportingTransition
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "by", "at", "comment", "summary"]

    def has_add_permission(self, request, obj=None):
        return False  # transitions go through reporting.services only


@admin.register(ReportingMonth)
class ReportingMonthAdmin(admin.ModelAdmin):
    """Read-only: every change of state goes through the services (and is recorded)."""

    list_display = ["district", "month", "status", "first_submitted_at", "approved_at"]
    list_filter = ["status", "district__zone_group", "month"]
    list_select_related = ["district"]
    readonly_fields = [
        "district", "month", "status", "summary",
        "first_submitted_at", "submitted_at", "approved_at",
    ]  # fmt: skip
    inlines = [TransitionInline]

    def has_add_permission(self, request):
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["user", "text", "created_at", "read_at", "emailed_at"]
    list_select_related = ["user"]


admin.site.register(NoticePreference)


@admin.register(ConfirmedOutlier)
class ConfirmedOutlierAdmin(admin.ModelAdmin):
    list_display = ["activity", "participants", "district_median", "confirmed_by", "confirmed_at"]
    list_select_related = ["activity", "confirmed_by"]
