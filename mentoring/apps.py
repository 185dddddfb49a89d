from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("พี่เลี้ยงและการขยายผล")

    def ready(self):
        from mentoring import personal_data

        personal_data.register()
