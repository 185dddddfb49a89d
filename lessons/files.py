"""The /media/ files lessons own: photos (with thumbnails) and attachments (registered in
``LessonsConfig.ready()``)."""

from functools import partial

from django.db.models import Q

from bangphlat.files import StoredFile
from lessons.access import can_view_lesson_file
from lessons.models import LessonAttachment, LessonPhoto


def lesson_photo_file(name: str) -> StoredFile | None:
    photo = (
        LessonPhoto.objects.select_related("lesson__district")
        .filter(Q(image=name) | Q(thumbnail=name))
        .first()
    )
    if photo is None:
        return None
    field = photo.image if photo.image.name == name else photo.thumbnail
    return StoredFile(field, partial(can_view_lesson_file, lesson=photo.lesson, file_obj=photo))


def lesson_attachment_file(name: str) -> StoredFile | None:
    attachment = (
        LessonAttachment.objects.select_related("lesson__district").filter(file=name).first()
    )
    if attachment is None:
        return None
    rule = partial(can_view_lesson_file, lesson=attachment.lesson, file_obj=attachment)
    return StoredFile(attachment.file, rule, attachment=True)
