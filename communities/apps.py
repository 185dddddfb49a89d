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
