from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data under the PDPA: finding, exporting and erasing one person's data,
    retention and the record of processing. It sits on top: it reads every app's
    personal-data places through the kernel's registry."""

    name = "privacy"
    verbose_name = _("ข้อมูลส่วนบุคคล")
