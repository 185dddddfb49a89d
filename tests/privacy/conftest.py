"""One person, นายสมชาย ใจดี (081-234-5678), written the ways people write him, in every kind of
place the portal keeps personal data; and a second person who must never be touched."""

import pytest
from django.core.files.base import ContentFile

from communities.models import Community
from lessons.models import LessonAttachment
from notices.models import Notice
from tests.communities.factories import CommunityFactory
from tests.lessons.factories import approved_lesson
from tests.training.conftest import course, run  # noqa: F401 - fixtures reused (also for retention)
from training import services as training_services

NAME = "นายสมชาย ใจดี"
PHONE = "081-234-5678"
OTHER = "นางมาลี มีสุข"
OTHER_PHONE = "089-999-0000"


@pytest.fixture
def everywhere(staff_bangphlat, strategy, run, phranakhon):  # noqa: F811
    """The person in a chair's current row and in a chair's history only, a lesson's
    interviewees and its approved snapshot, a course run, a notice and an attachment."""
    current = CommunityFactory(chair_name="สมชาย  ใจดี", chair_phone="๐๘๑-๒๓๔-๕๖๗๘")
    past = CommunityFactory(chair_name=NAME, chair_phone=PHONE)
    past.chair_name, past.chair_phone = OTHER, OTHER_PHONE
    past.save()  # the history keeps him
    lesson = approved_lesson(
        staff_bangphlat,
        strategy,
        interviewees=[
            {"name": "นาย สมชาย ใจดี", "role": "ประธานชุมชน", "consent": True},
            {"name": OTHER, "role": "อาสาสมัคร", "consent": True},
        ],
    )
    participant = training_services.participant_enroll(
        run=run,
        by=staff_bangphlat,
        name=NAME,
        role="ประธานชุมชน",
        district=phranakhon,
        phone="0812345678",
        consent=True,
    )
    notice = Notice.objects.create(user=strategy, text=f"{NAME} ลงทะเบียนอบรมแล้ว")
    attachment = LessonAttachment(lesson=lesson, title=f"บันทึกสัมภาษณ์ {NAME}")
    attachment.file.save("สมชาย ใจดี.pdf", ContentFile(b"%PDF-1.4 interview"), save=True)
    return {
        "current": current,
        "past": past,
        "lesson": lesson,
        "participant": participant,
        "notice": notice,
        "attachment": attachment,
        "other_community": Community.objects.get(pk=past.pk),
    }
