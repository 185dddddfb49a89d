from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from communities.models import Activity, ActivityType, Community, IndicatorSnapshot


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(Community)
class CommunityAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "district",
        "number",
        "community_type",
        "model_step",
        "status",
        "is_deleted",
    ]
    list_filter = ["district__zone_group", "community_type", "model_step", "status", "is_deleted"]
    list_select_related = ["district"]
    search_fields = ["name"]
    raw_id_fields = ["district"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "community",
        "date",
        "activity_type",
        "participants_total",
        "is_deleted",
    ]
    list_filter = ["activity_type", "model_step", "is_deleted"]
    list_select_related = ["community", "activity_type"]
    raw_id_fields = ["community", "created_by", "updated_by"]
    date_hierarchy = "date"


@admin.register(IndicatorSnapshot)
class IndicatorSnapshotAdmin(admin.ModelAdmin):
    list_display = ["community", "year", "households_surveyed"]
    raw_id_fields = ["community"]
