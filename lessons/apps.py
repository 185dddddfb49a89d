from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("ถอดบทเรียน")

    def ready(self):
        from lessons import personal_data

        personal_data.register()
        from bangphlat.files import register_file_owner
        from bangphlat.reference import register_reference_loader
        from lessons import digest
        from lessons.files import lesson_attachment_file, lesson_photo_file
        from lessons.reference import ensure_topics
        from notices.digests import register_digest_section

        register_file_owner("lessons/photos/", lesson_photo_file)
        register_file_owner("lessons/files/", lesson_attachment_file)
        register_reference_loader(ensure_topics)
        # after reporting's months (order 10), as the strategy office has always read them
        register_digest_section(order=20, gather=digest.gather, lines=digest.lines_for)
