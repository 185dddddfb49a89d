"""The lessons' personal data: the people interviewed, the revisions' snapshots of them and
of the authors' names, and the captions, titles and file names of photos and attachments
(PDPA, see bangphlat/personal_data.py)."""

from django.utils.translation import gettext as _

from bangphlat.personal_data import Place, register_personal_data
from lessons.models import Interviewee, LessonAttachment, LessonPhoto, LessonRevision


def _of_lesson(row) -> str:
    return _("บทเรียน %(title)s") % {"title": row.lesson.title}


def _revision(revision) -> str:
    return _("บทเรียน %(title)s ฉบับที่ %(number)s") % {
        "title": revision.title,
        "number": revision.number,
    }


def register() -> None:
    register_personal_data(
        Place(model=Interviewee, category="interviewees", names=(("name",),), describe=_of_lesson)
    )
    # The snapshot others read: [{"name", "role"}] and the authors' display names.
    register_personal_data(
        Place(
            model=LessonRevision,
            category="change_history",
            snapshots=("interviewees", "authors"),
            describe=_revision,
        )
    )
    for model, text in ((LessonPhoto, "caption"), (LessonAttachment, "title")):
        files = ("image", "thumbnail") if model is LessonPhoto else ("file",)
        register_personal_data(
            Place(model=model, category="uploads", texts=(text,), files=files, describe=_of_lesson)
        )
