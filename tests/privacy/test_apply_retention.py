"""``manage.py apply_retention``: each category's period applied (or counted with --dry-run),
the same counts both ways, and a second run that changes nothing."""

import datetime as dt
import io
import os
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Role, User
from communities.io import importing
from communities.models import Community
from mentoring import services as mentoring
from mentoring.models import MentoringSession, Pairing, PairingStatus
from notices.models import DigestSent, Notice
from privacy.retention import apply_retention, m2m_history_models
from tests.communities.factories import CommunityFactory
from tests.conftest import make_user
from training import services as training
from training.models import Participant

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - dt.timedelta(days=6 * 365)


def _counts(outcomes) -> dict:
    return {outcome.category.key: outcome.count for outcome in outcomes}


def _old_file(path, *, hours):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    stamp = time.time() - hours * 3600
    os.utime(path, (stamp, stamp))


@pytest.fixture
def old_run(course, bangphlat, staff_bangphlat):
    """A run that ended years ago, with one participant's phone, and a recent one."""
    run = training.course_run_create(
        by=staff_bangphlat,
        course=course,
        host=bangphlat,
        starts_on=dt.date(2020, 8, 3),
        ends_on=dt.date(2020, 8, 7),
        capacity=5,
        venue="สำนักงานเขตบางพลัด",
        target_districts=[],
    )
    training.participant_enroll(
        run=run,
        by=staff_bangphlat,
        name="นางสมศรี ใจดี",
        role="ประธานชุมชน",
        district=bangphlat,
        phone="081-111-2222",
        consent=True,
    )
    return run


@pytest.fixture
def personal_data(old_run, run, staff_bangphlat, bangphlat, settings):
    """Something to remove in every timed category, beside something that must stay."""
    training.participant_enroll(
        run=run, by=staff_bangphlat, name="นายบุญมี รักถิ่น", district=bangphlat,
        phone="089-000-1111", consent=True,
    )  # fmt: skip
    gone = CommunityFactory(name="ชุมชนที่ยุบแล้ว")
    gone.chair_name = "นายเปลี่ยน ชื่อใหม่"
    gone.save()  # a second history row holding the chair's name
    Community.objects.filter(pk=gone.pk).update(is_deleted=True, updated_at=LONG_AGO)
    Community.history.filter(id=gone.pk).update(history_date=LONG_AGO)
    kept = CommunityFactory(name="ชุมชนที่ยังอยู่")
    kept.chair_phone = "082-222-3333"
    kept.save()
    Community.history.filter(id=kept.pk).update(history_date=LONG_AGO)
    old = Notice.objects.create(user=staff_bangphlat, text="เก่า")
    Notice.objects.filter(pk=old.pk).update(created_at=LONG_AGO)
    Notice.objects.create(user=staff_bangphlat, text="ใหม่")
    DigestSent.objects.create(user=staff_bangphlat, day=LONG_AGO.date())
    make_user("left_t", Role.STRATEGY, email="left@example.org", is_active=False,
              last_login=LONG_AGO)  # fmt: skip
    make_user("away_t", Role.STRATEGY, email="away@example.org", last_login=LONG_AGO)
    _old_file(importing.upload_dir() / "abandoned.xlsx", hours=30)
    _old_file(importing.upload_dir() / "waiting.xlsx", hours=2)
    _old_file(settings.MEDIA_ROOT / "pending" / str(staff_bangphlat.pk) / "a.jpg", hours=30)
    _old_file(settings.MEDIA_ROOT / "pending" / str(staff_bangphlat.pk) / "a-thumb.jpg", hours=30)
    return {"gone": gone, "kept": kept}


def test_a_dry_run_counts_what_a_real_run_then_removes(personal_data):
    dry = _counts(apply_retention(dry_run=True))
    assert dry == {
        "community_contacts": 3,  # the deleted community and its two history rows
        "interviewees": None,
        "training_participants": 1,  # the old run's phone, not this year's
        "user_accounts": 1,  # the closed account's e-mail, not the open one's
        "notices": 2,  # the old notice and the old digest record
        "uploads": 2,  # one import file, one kept photo (with its thumbnail)
        "change_history": 2,  # the older row of each community; the latest stays
    }
    assert Participant.objects.exclude(phone="").count() == 2  # nothing changed yet
    assert Notice.objects.count() == 2
    assert (importing.upload_dir() / "abandoned.xlsx").exists()

    assert _counts(apply_retention()) == dry


def test_a_real_run_removes_only_what_is_past_its_period(personal_data, settings):
    apply_retention()
    assert list(Participant.objects.exclude(phone="").values_list("name", flat=True)) == [
        "นายบุญมี รักถิ่น"
    ]
    assert Participant.objects.filter(name="นางสมศรี ใจดี").exists()  # the certificate's name stays
    gone = Community.objects.get(pk=personal_data["gone"].pk)
    assert (gone.chair_name, gone.chair_phone) == ("", "")
    kept = Community.objects.get(pk=personal_data["kept"].pk)
    assert kept.chair_phone == "082-222-3333"
    assert Community.history.filter(id=kept.pk).count() == 1  # the latest row stays
    assert list(Notice.objects.values_list("text", flat=True)) == ["ใหม่"]
    assert not DigestSent.objects.exists()
    emails = dict(
        User.objects.filter(username__in=["left_t", "away_t"]).values_list("username", "email")
    )
    assert emails == {"left_t": "", "away_t": "away@example.org"}
    assert sorted(p.name for p in importing.upload_dir().iterdir()) == ["waiting.xlsx"]
    assert not [path for path in (settings.MEDIA_ROOT / "pending").rglob("*") if path.is_file()]


def test_a_second_run_changes_nothing(personal_data):
    apply_retention()
    assert set(_counts(apply_retention()).values()) <= {0, None}


def test_the_periods_follow_the_settings(personal_data, settings):
    settings.PRIVACY_RETENTION = {**settings.PRIVACY_RETENTION, "training_participants": 1}
    assert _counts(apply_retention(dry_run=True))["training_participants"] == 2  # both runs ended
    settings.PRIVACY_RETENTION = {**settings.PRIVACY_RETENTION, "training_participants": 9000}
    assert _counts(apply_retention(dry_run=True))["training_participants"] == 0


def test_the_command_prints_a_count_per_category(personal_data):
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "training_participants: 1 to remove (period 2 years)" in text
    assert "uploads: 2 to remove (period 24 hours)" in text
    assert "interviewees: kept while the record is (no period)" in text
    assert "apply_retention --dry-run: 11 to remove, nothing changed." in text
    assert Notice.objects.count() == 2

    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "notices: 2 removed (period 1 year)" in out.getvalue()
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "apply_retention: 0 removed." in out.getvalue()


def test_old_history_goes_with_its_many_to_many_rows(bangphlat, phranakhon, strategy):
    """A mentoring session's history keeps its mentees in a table of its own, whose key does
    nothing on delete: the rows of a deleted history row go too."""
    Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )
    session = mentoring.session_create(
        by=strategy, mentor=bangphlat, mentees=[phranakhon], trainers=[],
        date=dt.date(2025, 6, 1), kind="site_visit", topics="การสำรวจข้อมูลครัวเรือน",
        attendee_count=20,
    )  # fmt: skip
    session.topics = "แก้หัวข้อ"
    session.save()
    history = MentoringSession.history.model
    history.objects.update(history_date=LONG_AGO)
    older = history.objects.order_by("history_id").first()
    tables = m2m_history_models(history)
    assert any(table.objects.filter(history=older).exists() for table in tables)

    assert _counts(apply_retention())["change_history"] == 1
    assert list(history.objects.values_list("id", flat=True)) == [session.pk]  # the latest
    assert not any(table.objects.filter(history_id=older.pk).exists() for table in tables)
