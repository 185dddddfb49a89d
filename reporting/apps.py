from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("รายงานประจำเดือน")

    def ready(self):
        from notices.digests import register_digest_section
        from reporting import digest

        register_digest_section(order=10, gather=digest.gather, lines=digest.lines_for)
