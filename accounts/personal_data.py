"""The portal users' names and e-mail addresses (PDPA, see bangphlat/personal_data.py). The
login name is not erased here: it is how the account signs in; an administrator renames or
deactivates the account."""

from django.utils.translation import gettext as _

from accounts.models import User
from bangphlat.personal_data import Place, register_personal_data


def _user(user) -> str:
    if user.district_id:
        return _("ผู้ใช้งาน (%(role)s เขต%(district)s)") % {
            "role": user.get_role_display(),
            "district": user.district.name_th,
        }
    return _("ผู้ใช้งาน (%(role)s)") % {"role": user.get_role_display()}


def register() -> None:
    register_personal_data(
        Place(
            model=User,
            category="user_accounts",
            names=(("first_name", "last_name"),),
            contacts=("email",),
            describe=_user,
        )
    )
