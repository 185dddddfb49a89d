"""Lessons' section of the daily digest (registered in ``LessonsConfig.ready()``; sent by
notices/digests.py): the strategy office reads how many lessons wait for its decision."""

import datetime as dt

from django.utils.translation import gettext as _

from accounts.models import Role
from lessons.models import Lesson


def gather(today: dt.date) -> int:
    return Lesson.objects.submitted().count()


def lines_for(user, waiting: int) -> list[str]:
    if user.role != Role.STRATEGY or not waiting:
        return []
    return [_("บทเรียนรอพิจารณา %(count)s เรื่อง") % {"count": waiting}]
