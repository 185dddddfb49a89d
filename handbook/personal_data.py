"""The handbook's personal data: every edition keeps the snapshot it was printed from, with
the interviewees who consented to be named and the lessons' authors (PDPA, see
bangphlat/personal_data.py)."""

from django.utils.translation import gettext as _

from bangphlat.personal_data import Place, register_personal_data
from handbook.models import Edition


def _describe(edition) -> str:
    return _("%(title)s (ครั้งที่ %(number)s)") % {"title": edition.title, "number": edition.number}


def _rebuild(edition_ids) -> None:
    # An erased name must leave the printed book too: the PDFs go and the book is rebuilt
    # from the corrected snapshot (as a withdrawn consent does).
    from handbook.services import rebuild_editions

    rebuild_editions(edition_ids=list(edition_ids))


def register() -> None:
    register_personal_data(
        Place(
            model=Edition,
            category="interviewees",
            snapshots=("inputs",),
            describe=_describe,
            after_erase=_rebuild,
        )
    )
