"""The session form names only the mentor's own mentees and trainers; sessions are
corrected by their district with history; a mentee's page lists its open follow-ups."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from districts.models import District
from mentoring import services
from mentoring.models import MentoringSession, Pairing, PairingStatus, Trainer

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairing(bangphlat, phranakhon):
    return Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date="2025-01-01", status=PairingStatus.ACTIVE
    )


@pytest.fixture
def trainers(bangphlat):
    other_pilot = District.objects.pilots().exclude(pk=bangphlat.pk).first()
    return (
        Trainer.objects.create(name="ครูบางพลัด", district=bangphlat, position="p", topics="t"),
        Trainer.objects.create(name="ครูเขตอื่น", district=other_pilot, position="p", topics="t"),
    )


def _session(by, pairing, **extra):
    fields = {"date": dt.date(2025, 6, 1), "kind": "site_visit", "topics": "สำรวจครัวเรือน",
                  "attendee_count": 20, "trainers": []}  # fmt: skip
    fields.update(extra)
    return services.session_create(by=by, mentor=pairing.mentor, mentees=[pairing.mentee], **fields)


def test_the_form_offers_a_mentor_only_its_own_mentees_and_trainers(
    login, staff_bangphlat, pairing, trainers
):
    body = login(staff_bangphlat).get(reverse("mentoring:session_create")).content.decode()
    assert "พระนคร" in body
    assert "ดุสิต" not in body  # a district Bang Phlat does not mentor
    assert "ครูบางพลัด" in body
    assert "ครูเขตอื่น" not in body


def test_the_strategy_office_may_name_any_non_pilot_district(login, strategy, pairing, trainers):
    body = login(strategy).get(reverse("mentoring:session_create")).content.decode()
    assert "ดุสิต" in body
    assert "ครูเขตอื่น" in body


def test_a_mentor_cannot_record_a_session_with_another_pilots_mentee(staff_bangphlat, pairing):
    with pytest.raises(ValidationError, match="เลือกได้เฉพาะเขตที่เขตของคุณเป็นพี่เลี้ยง"):
        services.session_create(
            by=staff_bangphlat, mentor=pairing.mentor, trainers=[],
            mentees=[District.objects.get(code="1002")], date=dt.date(2025, 6, 1),
            kind="site_visit", topics="t", attendee_count=3,
        )  # fmt: skip


def test_a_mentor_cannot_name_another_districts_trainer(staff_bangphlat, pairing, trainers):
    with pytest.raises(ValidationError, match="เลือกได้เฉพาะวิทยากรของเขตพี่เลี้ยง"):
        _session(staff_bangphlat, pairing, trainers=[trainers[1]])


def test_the_mentoring_page_button_opens_the_form(login, staff_bangphlat, staff_mentee, pairing):
    body = login(staff_bangphlat).get(reverse("mentoring:home")).content.decode()
    assert f'href="{reverse("mentoring:session_create")}" id="record-session"' in body
    assert (
        'id="record-session"'
        not in login(staff_mentee).get(reverse("mentoring:home")).content.decode()
    )


def test_the_mentor_district_edits_a_session_and_the_history_says_who(
    login, staff_bangphlat, strategy, pairing
):
    session = _session(strategy, pairing)
    url = reverse("mentoring:session_edit", args=[session.pk])
    client = login(staff_bangphlat)
    response = client.post(
        url,
        {"date": "2025-06-02", "mentees": [pairing.mentee.pk], "kind": "site_visit",
         "topics": "สำรวจครัวเรือน รอบ 2", "attendee_count": "25", "notes": ""},
    )  # fmt: skip
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.topics, session.attendee_count) == ("สำรวจครัวเรือน รอบ 2", 25)
    body = client.get(reverse("mentoring:session_detail", args=[session.pk])).content.decode()
    assert "ประวัติการแก้ไข" in body
    assert staff_bangphlat.username in body
    assert "หัวข้อ" in body  # the changed field is named


def test_the_mentee_district_and_outsiders_cannot_edit_a_session(
    login, staff_mentee, strategy, pairing, django_user_model
):
    session = _session(strategy, pairing)
    url = reverse("mentoring:session_edit", args=[session.pk])
    assert login(staff_mentee).get(url).status_code == 403
    outsider = django_user_model.objects.create(
        username="staff1006_t", role="district_staff", district=District.objects.get(code="1006")
    )
    assert login(outsider).get(url).status_code == 404
    assert MentoringSession.objects.get().topics == "สำรวจครัวเรือน"


def test_a_mentee_districts_page_lists_its_open_follow_ups_with_due_dates(
    login, staff_mentee, strategy, pairing
):
    _session(strategy, pairing, follow_ups=[
        {"who": "ทีมเขต", "what": "ส่งแผนชุมชน", "due_date": dt.date(2025, 7, 1)},
        {"who": "ทีมเขต", "what": "งานที่เสร็จแล้ว", "due_date": dt.date(2025, 7, 2)},
    ])  # fmt: skip
    from mentoring.models import FollowUp

    FollowUp.objects.filter(what="งานที่เสร็จแล้ว").update(done=True, done_on=dt.date(2025, 7, 2))
    body = login(staff_mentee).get(reverse("districts:detail", args=["1001"])).content.decode()
    assert "งานติดตามที่ยังไม่เสร็จ" in body
    assert "ส่งแผนชุมชน" in body
    assert "1 ก.ค. 2568" in body
    assert "งานที่เสร็จแล้ว" not in body
