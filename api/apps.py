from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("API และข้อมูลเปิด")
    # The token scheme (api.schema) is registered by api/urls.py, which every schema is
    # generated from: imported here, drf-spectacular cost every process 0.14 s at start-up
    # (management commands, the handbook build, test workers) that never draws a schema.
