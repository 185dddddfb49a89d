from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("ถอดบทเรียน")

    def ready(self):
        from bangphlat.files import register_file_owner
        from bangphlat.reference import register_reference_loader
        from lessons.files import lesson_attachment_file, lesson_photo_file
        from lessons.reference import ensure_topics

        register_file_owner("lessons/photos/", lesson_photo_file)
        register_file_owner("lessons/files/", lesson_attachment_file)
        register_reference_loader(ensure_topics)
