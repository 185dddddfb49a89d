from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from bangphlat.admin import ReadOnlyAdminMixin
from bangphlat.forms import ThaiFormMixin
from communities import services
from communities.models import Activity, ActivityType, Community, IndicatorSnapshot


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "order", "is_active"]
    list_editable = ["order", "is_active"]


class CommunityAdminForm(ThaiFormMixin, forms.ModelForm):
    """Clean text (ThaiFormMixin), and the one-name-per-district rule checked on the form so
    a duplicate is a message, not an error page."""

    class Meta:
        model = Community
        fields = [  # not version: the services bump it
            "district", "name", "number", "community_type", "population", "male", "female",
            "households", "registered_on", "address", "latitude", "longitude", "status",
            "chair_name", "chair_phone", "model_step", "step_changed_on", "is_deleted",
        ]  # fmt: skip

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() - {"name_key"}


@admin.register(Community)
class CommunityAdmin(SimpleHistoryAdmin):
    form = CommunityAdminForm
    list_display = [
        "name",
        "code",
        "district",
        "number",
        "community_type",
        "population",
        "model_step",
        "status",
        "is_deleted",
    ]
    list_filter = ["district__zone_group", "community_type", "model_step", "status", "is_deleted"]
    list_select_related = ["district"]
    search_fields = ["name", "code"]
    readonly_fields = ["code"]
    raw_id_fields = ["district"]

    def save_model(self, request, obj, form, change):
        """Through the services, like every other write (history user, version, clean text)."""
        if change:
            fields = {name: form.cleaned_data[name] for name in form.changed_data}
            fields.pop("district", None)
            # The admin form carries no version (an edit without one is refused): the row as
            # loaded for this save is the version the administrator overwrites.
            saved = services.community_update(
                community=obj, by=request.user, version=obj.version, **fields
            )
        else:
            saved = services.community_create(by=request.user, **form.cleaned_data)
        obj.pk, obj.code, obj.version = saved.pk, saved.code, saved.version


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
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
class IndicatorSnapshotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["community", "year", "households_surveyed"]
    raw_id_fields = ["community"]
