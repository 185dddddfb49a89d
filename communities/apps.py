from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = pgettext_lazy("plural", "ชุมชน")

    def ready(self):
        from communities import personal_data

        personal_data.register()
        from bangphlat.export_jobs import register_export_source
        from bangphlat.files import register_file_owner
        from bangphlat.reference import register_reference_loader
        from communities.files import activity_photo_file
        from communities.io.export_jobs import activities_export
        from communities.reference import ensure_activity_types

        register_file_owner("activities/", activity_photo_file)
        register_export_source("activities", activities_export)
        register_reference_loader(ensure_activity_types)
        from bangphlat.versions import mark_on_change
        from communities.models import ActivityPhoto

        # "Activities without a photo" is on the district's page (its month's checklist).
        # A confirmed outlier needs no mark: it is written only with its activity.
        mark_on_change(ActivityPhoto, _photo_keys)
        from districts.page import register_page_keys

        register_page_keys(_page_keys)


def _page_keys(user, district) -> tuple[str, ...]:
    """An administrator's "my recent entries" on a district page lists their entries in any
    district: their page changes with every district's data."""
    from accounts.roles import is_admin
    from bangphlat.versions import ANY

    return (ANY,) if is_admin(user) else ()


def _photo_keys(photo) -> set[str]:
    """The key of the photo's activity's district and year (none left if the activity went
    with it: the activity's own delete marks it)."""
    from bangphlat.thai import fiscal_year_of
    from bangphlat.versions import district_key
    from communities.models import Activity

    found = Activity.objects.filter(pk=photo.activity_id).values_list("district_id", "date")
    return {district_key(district, fiscal_year_of(on)) for district, on in found}
