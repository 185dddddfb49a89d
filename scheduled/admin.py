"""Subscriptions and sent reports, to read: users manage their own on /reports/monthly/, and
the sending command alone writes ReportSent (its unique row is what sends once)."""

from django.contrib import admin

from scheduled.models import ReportSent, ReportSubscription


@admin.register(ReportSubscription)
class ReportSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "scope", "zone_group", "district", "day", "by_email", "by_line"]
    list_filter = ["scope", "by_email", "by_line"]
    list_select_related = ["user", "zone_group", "district"]
    readonly_fields = ["code", "created_at"]


@admin.register(ReportSent)
class ReportSentAdmin(admin.ModelAdmin):
    list_display = ["subscription", "period", "created_at", "emailed_at"]
    list_filter = ["period"]
    list_select_related = ["subscription__user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
