from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("การอบรมวิทยากรต้นแบบ")

    def ready(self):
        from training import personal_data

        personal_data.register()
