from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("แดชบอร์ดการขยายผล")

    def ready(self):
        from dashboard import signals

        signals.connect()
