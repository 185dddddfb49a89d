from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LineoaConfig(AppConfig):
    name = "lineoa"
    verbose_name = _("LINE")

    def ready(self):
        from lineoa import channel
        from notices.channels import register_channel

        register_channel(name="line", notified=channel.notified, digest=channel.digest)
