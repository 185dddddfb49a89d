"""Training's personal data: course participants without an account, their names and phones
(PDPA, see bangphlat/personal_data.py). Participants with an account are found as users."""

from django.utils.translation import gettext as _

from bangphlat.personal_data import Place, register_personal_data
from bangphlat.thai import format_date_th
from training.models import Participant


def _participant(participant) -> str:
    run = participant.run
    return _("ผู้เข้าอบรม %(course)s รุ่นวันที่ %(date)s") % {
        "course": run.course.title,
        "date": format_date_th(run.starts_on),
    }


def register() -> None:
    register_personal_data(
        Place(
            model=Participant,
            category="training_participants",
            names=(("name",),),
            contacts=("phone",),
            describe=_participant,
        )
    )
