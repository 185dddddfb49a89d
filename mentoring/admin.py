from django.contrib import admin

from bangphlat.admin import ReadOnlyAdminMixin
from mentoring.models import FollowUp, MentoringSession, Pairing, StageChange, Trainer


@admin.register(Pairing)
class PairingAdmin(admin.ModelAdmin):
    list_display = ["mentor", "mentee", "status", "start_date", "end_date"]
    list_filter = ["status", "mentor"]
    list_select_related = ["mentor", "mentee"]


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    list_display = ["district", "stage", "changed_on", "status", "author"]
    list_filter = ["status", "stage"]
    list_select_related = ["district", "author"]


@admin.register(Trainer)
class TrainerAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "position", "is_active"]
    list_select_related = ["district"]


class FollowUpInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = FollowUp
    extra = 0


@admin.register(MentoringSession)
class MentoringSessionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["date", "mentor", "kind", "topics", "attendee_count"]
    list_filter = ["kind", "mentor"]
    inlines = [FollowUpInline]
