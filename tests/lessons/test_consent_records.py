"""Interviewees' consent records: who recorded a consent and when, kept while it lasts; a
withdrawal takes the name out of the revisions (and the next edition) and is logged with who
and when, never the name."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lessons import services
from lessons.models import ConsentWithdrawal, Interviewee
from tests.conftest import make_user
from tests.lessons.factories import TEXT, approved_lesson, make_lesson

pytestmark = pytest.mark.django_db

NAMED = {"name": "นายบุญมี รักถิ่น", "role": "อาสาสมัครสาธารณสุข", "consent": True}
UNNAMED = {"name": "นางสมศรี ใจดี", "role": "ประธานชุมชน", "consent": False}
BANGKOK = dt.timezone(dt.timedelta(hours=7))


def _person(lesson, name):
    return lesson.interviewees.get(name=name)


def test_the_lesson_form_records_who_gave_the_consent_and_when(login, staff_bangphlat, frozen):
    frozen(dt.datetime(2026, 3, 2, 10, 30, tzinfo=BANGKOK))
    response = login(staff_bangphlat).post(
        reverse("lessons:create"),
        {
            "title": "บทเรียนใหม่",
            "step": "reach",
            **TEXT,
            "interviewees-TOTAL_FORMS": "2",
            "interviewees-INITIAL_FORMS": "0",
            "interviewees-0-name": UNNAMED["name"],
            "interviewees-0-role": UNNAMED["role"],
            "interviewees-1-name": NAMED["name"],
            "interviewees-1-role": NAMED["role"],
            "interviewees-1-consent": "on",
        },
    )
    assert response.status_code == 302
    consenting = Interviewee.objects.get(name=NAMED["name"])
    assert consenting.consent_recorded_by == staff_bangphlat
    assert consenting.consent_recorded_at == dt.datetime(2026, 3, 2, 10, 30, tzinfo=BANGKOK)
    refusing = Interviewee.objects.get(name=UNNAMED["name"])
    assert refusing.consent_recorded_by is None and refusing.consent_recorded_at is None


def test_a_later_edit_by_someone_else_keeps_the_original_consent_record(
    staff_bangphlat, bangphlat, frozen
):
    frozen(dt.datetime(2026, 3, 2, 9, 0, tzinfo=BANGKOK))
    lesson = make_lesson(staff_bangphlat, interviewees=[NAMED])
    colleague = make_user("staff1025_b", "district_staff", bangphlat)
    frozen(dt.datetime(2026, 4, 1, 9, 0, tzinfo=BANGKOK))
    services.lesson_update(
        lesson=lesson, by=colleague, version=lesson.version, interviewees=[NAMED, UNNAMED]
    )
    person = _person(lesson, NAMED["name"])
    assert person.consent_recorded_by == staff_bangphlat
    assert person.consent_recorded_at == dt.datetime(2026, 3, 2, 9, 0, tzinfo=BANGKOK)
    assert not ConsentWithdrawal.objects.exists()


def test_consent_given_later_is_recorded_as_the_editors(staff_bangphlat, bangphlat, frozen):
    lesson = make_lesson(staff_bangphlat, interviewees=[{**NAMED, "consent": False}])
    colleague = make_user("staff1025_b", "district_staff", bangphlat)
    frozen(dt.datetime(2026, 5, 5, 14, 0, tzinfo=BANGKOK))
    services.lesson_update(
        lesson=lesson, by=colleague, version=lesson.version, interviewees=[NAMED]
    )
    person = _person(lesson, NAMED["name"])
    assert person.consent_recorded_by == colleague
    assert person.consent_recorded_at == dt.datetime(2026, 5, 5, 14, 0, tzinfo=BANGKOK)


def test_withdrawing_consent_hides_the_name_and_logs_who_and_when_without_the_name(
    staff_bangphlat, strategy, frozen
):
    lesson = approved_lesson(staff_bangphlat, strategy, interviewees=[NAMED, UNNAMED])
    assert lesson.approved_revision.interviewees[0]["name"] == NAMED["name"]
    frozen(dt.datetime(2026, 6, 1, 8, 0, tzinfo=BANGKOK))
    services.lesson_update(
        lesson=lesson,
        by=staff_bangphlat,
        version=lesson.version,
        interviewees=[{**NAMED, "consent": False}, UNNAMED],
    )
    lesson.approved_revision.refresh_from_db()
    assert lesson.approved_revision.interviewees[0] == {"name": "", "role": NAMED["role"]}
    log = ConsentWithdrawal.objects.get()
    assert log.lesson == lesson and log.withdrawn_by == staff_bangphlat
    assert log.withdrawn_at == dt.datetime(2026, 6, 1, 8, 0, tzinfo=BANGKOK)
    assert log.revisions_changed == 1
    stored = " ".join(str(getattr(log, f.attname)) for f in ConsentWithdrawal._meta.fields)
    assert "บุญมี" not in stored and NAMED["role"] not in stored
    person = _person(lesson, NAMED["name"])
    assert person.consent_recorded_by is None and person.consent_recorded_at is None


def test_removing_a_consenting_person_is_a_withdrawal_and_others_are_not(staff_bangphlat):
    lesson = make_lesson(staff_bangphlat, interviewees=[NAMED, UNNAMED])
    services.lesson_update(
        lesson=lesson, by=staff_bangphlat, version=lesson.version, interviewees=[NAMED]
    )
    assert not ConsentWithdrawal.objects.exists()  # the one removed had not consented
    lesson.refresh_from_db()
    services.lesson_update(
        lesson=lesson, by=staff_bangphlat, version=lesson.version, interviewees=[]
    )
    assert ConsentWithdrawal.objects.filter(lesson=lesson, revisions_changed=0).count() == 1


def test_the_admins_interviewee_edits_go_through_the_same_records(
    staff_bangphlat, strategy, portal_admin
):
    lesson = approved_lesson(staff_bangphlat, strategy, interviewees=[NAMED])
    services.interviewees_replace(
        lesson=lesson, people=[{**NAMED, "consent": False}], by=portal_admin
    )
    lesson.approved_revision.refresh_from_db()
    assert lesson.approved_revision.interviewees[0]["name"] == ""
    assert ConsentWithdrawal.objects.get().withdrawn_by == portal_admin


def test_someone_who_may_not_read_the_names_cannot_change_them(staff_bangphlat, staff_mentee):
    lesson = make_lesson(staff_bangphlat, interviewees=[NAMED])
    with pytest.raises(PermissionDenied):
        services.interviewees_replace(lesson=lesson, people=[], by=staff_mentee)
    assert lesson.interviewees.count() == 1


def test_the_district_reads_when_each_consent_was_recorded_and_others_do_not(
    login, staff_bangphlat, staff_mentee, strategy, frozen
):
    frozen(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BANGKOK))
    lesson = approved_lesson(staff_bangphlat, strategy, interviewees=[NAMED, UNNAMED])
    url = reverse("lessons:detail", args=[lesson.pk])
    own = login(staff_bangphlat).get(url).content.decode()
    assert own.count('class="text-muted consent-record"') == 1  # the consenting person only
    assert "ยินยอมเผยแพร่ชื่อ บันทึกเมื่อ 2 มี.ค. 2569" in own
    assert "consent-record" not in login(staff_mentee).get(url).content.decode()


def _form_fields(body: str) -> dict:
    """What the admin's change form would post as it stands (inputs, checked boxes)."""
    from html.parser import HTMLParser

    fields = {}

    class Form(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag != "input" or not attrs.get("name") or attrs.get("type") == "submit":
                return
            if attrs.get("type") == "checkbox" and "checked" not in attrs:
                return
            fields[attrs["name"]] = attrs.get("value") or (
                "on" if attrs.get("type") == "checkbox" else ""
            )

    Form().feed(body)
    return fields


def test_withdrawing_consent_in_the_admin_is_logged_and_reaches_the_revisions(
    login, portal_admin, staff_bangphlat, strategy
):
    lesson = approved_lesson(staff_bangphlat, strategy, interviewees=[NAMED])
    client = login(portal_admin)
    url = reverse("admin:lessons_lesson_change", args=[lesson.pk])
    data = _form_fields(client.get(url).content.decode())
    assert data["interviewees-0-consent"] == "on"
    del data["interviewees-0-consent"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson.approved_revision.refresh_from_db()
    assert lesson.approved_revision.interviewees[0]["name"] == ""
    log = ConsentWithdrawal.objects.get()
    assert log.withdrawn_by == portal_admin and log.revisions_changed == 1
    assert list(lesson.interviewees.values_list("name", "consent")) == [(NAMED["name"], False)]
