from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduledConfig(AppConfig):
    name = "scheduled"
    verbose_name = _("รายงานรายเดือนอัตโนมัติ")

    def ready(self):
        from bangphlat.files import register_file_owner
        from scheduled.files import report_file

        register_file_owner("scheduled-reports/", report_file)
