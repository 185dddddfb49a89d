"""Database constraints on pairings, rollout stage rules and history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from districts.models import District
from mentoring import services
from mentoring.models import Pairing, PairingStatus, StageChange

pytestmark = pytest.mark.django_db


def district(code):
    return District.objects.get(code=code)


def test_the_database_refuses_a_pilot_as_mentee():
    with pytest.raises(IntegrityError), transaction.atomic():
        Pairing.objects.create(
            mentor=district("1025"), mentee=district("1030"), start_date="2025-01-01"
        )


def test_the_database_refuses_a_non_pilot_as_mentor():
    with pytest.raises(IntegrityError), transaction.atomic():
        Pairing.objects.create(
            mentor=district("1001"), mentee=district("1002"), start_date="2025-01-01"
        )


def test_the_database_refuses_two_active_mentors_for_one_mentee():
    Pairing.objects.create(
        mentor=district("1025"),
        mentee=district("1001"),
        start_date="2025-01-01",
        status=PairingStatus.ACTIVE,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Pairing.objects.create(
            mentor=district("1030"),
            mentee=district("1001"),
            start_date="2025-01-01",
            status=PairingStatus.ACTIVE,
        )
    # An ended pairing does not count.
    Pairing.objects.create(
        mentor=district("1030"),
        mentee=district("1001"),
        start_date="2024-01-01",
        end_date="2024-12-31",
        status=PairingStatus.ENDED,
    )


def test_validation_explains_the_pairing_rules_in_thai():
    with pytest.raises(ValidationError) as error:
        Pairing(
            mentor=district("1001"), mentee=district("1030"), start_date="2025-01-01"
        ).full_clean()
    assert "เขตนำร่อง" in error.value.message_dict["mentor"][0]
    assert "mentee" in error.value.message_dict


def test_a_non_pilot_cannot_start_implementing_without_an_active_mentor(strategy):
    with pytest.raises(ValidationError) as error:
        services.stage_change(
            district=district("1001"), stage="implementing", reason="เริ่มแล้ว", by=strategy
        )
    assert "พี่เลี้ยง" in error.value.messages[0]
    services.stage_change(
        district=district("1001"), stage="preparing", reason="เตรียมทีม", by=strategy
    )
    Pairing.objects.create(
        mentor=district("1037"),
        mentee=district("1001"),
        start_date="2025-01-01",
        status=PairingStatus.ACTIVE,
    )
    services.stage_change(
        district=district("1001"), stage="implementing", reason="มีพี่เลี้ยงแล้ว", by=strategy
    )
    assert district("1001").rollout_stage == "implementing"


def test_every_stage_change_is_kept_with_date_reason_and_author(strategy):
    services.stage_change(
        district=district("1001"), stage="preparing", reason="เตรียมทีม", by=strategy, on="2025-03-01"
    )
    change = StageChange.objects.get(district__code="1001")
    assert (
        change.previous_stage,
        change.stage,
        str(change.changed_on),
        change.reason,
        change.author,
    ) == ("not_started", "preparing", "2025-03-01", "เตรียมทีม", strategy)


def test_a_reason_is_required(strategy):
    with pytest.raises(ValidationError):
        services.stage_change(
            district=district("1001"), stage="preparing", reason="  ", by=strategy
        )


def test_only_the_strategy_office_changes_stages_district_staff_propose(
    staff_mentee, staff_bangphlat, strategy
):
    with pytest.raises(PermissionDenied):
        services.stage_change(
            district=district("1001"), stage="preparing", reason="x", by=staff_mentee
        )
    proposal = services.stage_propose(
        district=district("1001"), stage="preparing", reason="พร้อมแล้ว", by=staff_mentee
    )
    assert district("1001").rollout_stage == "not_started"
    with pytest.raises(PermissionDenied):
        services.stage_propose(
            district=district("1001"), stage="preparing", reason="x", by=staff_bangphlat
        )
    with pytest.raises(PermissionDenied):
        services.stage_decide(change=proposal, accept=True, by=staff_mentee)
    services.stage_decide(change=proposal, accept=True, by=strategy)
    assert district("1001").rollout_stage == "preparing"


def test_a_mentor_records_sessions_only_with_its_own_mentees(login, staff_bangphlat, strategy):
    import datetime as dt

    from django.urls import reverse

    from mentoring.models import MentoringSession

    Pairing.objects.create(
        mentor=district("1025"), mentee=district("1001"), start_date="2025-01-01",
        status=PairingStatus.ACTIVE,
    )  # fmt: skip
    session = {
        "date": dt.date(2025, 6, 1),
        "kind": "site_visit",
        "topics": "บัญชีครัวเรือน",
        "attendee_count": 5,
    }
    with pytest.raises(ValidationError) as refused:
        services.session_create(
            by=staff_bangphlat, mentor=district("1025"), mentees=[district("1001"), district("1002")],
            trainers=[], **session,
        )  # fmt: skip
    assert "เลือกได้เฉพาะเขตที่เขตของคุณเป็นพี่เลี้ยง: ดุสิต ไม่ใช่" in str(refused.value)
    # The form offers only the mentor's own mentees; posting another is refused.
    client = login(staff_bangphlat)
    url = reverse("mentoring:session_create")
    assert list(client.get(url).context["form"].fields["mentees"].queryset) == [district("1001")]
    response = client.post(
        url, {"date": "2568-06-01", "mentor": district("1025").pk, "mentees": [district("1002").pk],
              "kind": "site_visit", "topics": "บัญชีครัวเรือน", "attendee_count": 5,
              "fu-TOTAL_FORMS": 0, "fu-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 200 and not MentoringSession.objects.exists()
    # The strategy office records with any non-pilot district.
    services.session_create(
        by=strategy, mentor=district("1025"), mentees=[district("1002")], trainers=[], **session
    )
    assert MentoringSession.objects.count() == 1


def test_a_district_has_one_pending_stage_proposal_at_a_time(login, staff_mentee, strategy):
    from django.urls import reverse

    client = login(staff_mentee)
    url = reverse("mentoring:stage", args=["1001"])
    assert client.post(url, {"stage": "preparing", "reason": "พร้อมแล้ว"}).status_code == 302
    again = client.post(url, {"stage": "preparing", "reason": "ส่งซ้ำ"})
    assert again.status_code == 200
    assert "เขตนี้มีข้อเสนอเปลี่ยนเป็นขั้น “เตรียมการ” ที่รอ" in again.content.decode()
    pending = StageChange.objects.filter(district__code="1001", status="proposed")
    assert pending.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says so too
        StageChange.objects.create(
            district=district("1001"), stage="preparing", reason="x", author=staff_mentee,
            status="proposed",
        )  # fmt: skip
    services.stage_decide(change=pending.get(), accept=False, by=strategy)
    assert client.post(url, {"stage": "preparing", "reason": "ครั้งใหม่"}).status_code == 302


@pytest.mark.parametrize("note", ["ก" * 301, "มี\x00ศูนย์"])
def test_a_decision_note_too_long_or_with_nul_is_refused_in_thai(
    login, staff_mentee, strategy, note
):
    from django.urls import reverse

    proposal = services.stage_propose(
        district=district("1001"), stage="preparing", reason="พร้อมแล้ว", by=staff_mentee
    )
    client = login(strategy)
    url = reverse("mentoring:stage_decide", args=[proposal.pk])
    response = client.post(url, {"accept": "1", "note": note}, follow=True)
    assert response.status_code == 200
    assert "หมายเหตุต้องยาวไม่เกิน 300 ตัวอักษร" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "proposed"
