from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "districts"
    verbose_name = _("เขต")

    def ready(self):
        from bangphlat.reference import register_reference_loader
        from districts.loaders import ensure_districts

        register_reference_loader(ensure_districts)
        from bangphlat.versions import mark_on_change
        from districts.models import District, ZoneGroup

        # A district's name, code, group or pilot status, and a group's name, are on every
        # district's page, the district list, the dashboard and the grid.
        mark_on_change(District, lambda district: {"epoch"})
        mark_on_change(ZoneGroup, lambda group: {"epoch"})
