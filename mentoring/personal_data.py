"""Mentoring's personal data: the model trainers' names and contact details (PDPA, see
bangphlat/personal_data.py). Filed with the training participants: the people of the
training programme."""

from django.utils.translation import gettext as _

from bangphlat.personal_data import Place, register_personal_data
from mentoring.models import Trainer


def _trainer(trainer) -> str:
    return _("วิทยากรต้นแบบ เขต%(district)s") % {"district": trainer.district.name_th}


def register() -> None:
    register_personal_data(
        Place(
            model=Trainer,
            category="training_participants",
            names=(("name",),),
            contacts=("phone", "email"),
            describe=_trainer,
        )
    )
