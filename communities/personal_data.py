"""The communities' personal data: each committee chair's name and phone (also in the
change history), and the captions and file names of activity photos (PDPA, see
bangphlat/personal_data.py)."""

from django.utils.translation import gettext as _

from bangphlat.personal_data import Place, register_personal_data
from bangphlat.thai import format_date_th
from communities.models import ActivityPhoto, Community


def _community(community) -> str:
    return _("%(community)s เขต%(district)s") % {
        "community": community.name,
        "district": community.district.name_th,
    }


def _photo(photo) -> str:
    activity = photo.activity
    return _("รูปของกิจกรรม %(title)s (%(date)s)") % {
        "title": activity.title,
        "date": format_date_th(activity.date),
    }


def register() -> None:
    register_personal_data(
        Place(
            model=Community,
            category="community_contacts",
            names=(("chair_name",),),
            contacts=("chair_phone",),
            describe=_community,
        )
    )
    register_personal_data(
        Place(
            model=ActivityPhoto,
            category="uploads",
            texts=("caption",),
            files=("image", "thumbnail"),
            describe=_photo,
        )
    )
