from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the portal: the task worker that recovers abandoned builds, backup and
    restore. No models of its own."""

    name = "ops"
    verbose_name = _("การดูแลระบบ")
