from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("การอบรมวิทยากรต้นแบบ")

    def ready(self):
        from training import personal_data

        personal_data.register()
        from bangphlat.versions import mark_on_change
        from mentoring.models import Trainer
        from training import models
        from training.selectors import VERSION_KEY

        # The district page's training panel reads all of these (counts, runs, hours); they
        # are few and rarely written, so one version stands for them all.
        for model in (
            models.TrainingModule,
            models.Course,
            models.CourseModule,
            models.Participant,
            models.Certificate,
            Trainer,
        ):
            mark_on_change(model, lambda instance: {VERSION_KEY})
        mark_on_change(
            models.CourseRun, lambda instance: {VERSION_KEY}, m2m=("trainers", "target_districts")
        )
        from districts.page import register_page_keys

        register_page_keys(lambda user, district: (VERSION_KEY,))  # the training panel
