"""training.services: runs, enrolment and the waitlist, exactly-once attendance and scores,
completion and certificates, check-in codes."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from mentoring.models import Pairing, Trainer
from training import services
from training.models import Attendance, Certificate, Participant, RunStatus

pytestmark = pytest.mark.django_db


def key():
    return str(uuid.uuid4())


def test_a_run_invites_the_hosts_mentees_by_default(course, bangphlat, phranakhon, staff_bangphlat):
    Pairing.objects.create(
        mentor=bangphlat, mentee=phranakhon, start_date=dt.date(2025, 1, 1), status="active"
    )
    run = services.course_run_create(
        by=staff_bangphlat, course=course, host=bangphlat, starts_on=dt.date(2025, 8, 4),
        ends_on=dt.date(2025, 8, 5), capacity=10, venue="ห้องประชุม",
    )  # fmt: skip
    assert list(run.target_districts.all()) == [phranakhon]
    assert run.status == RunStatus.PLANNED
    assert run.created_by == staff_bangphlat


def test_a_non_pilot_cannot_host_and_its_staff_cannot_create(
    course, phranakhon, bangphlat, staff_mentee
):
    args = {"course": course, "starts_on": dt.date(2025, 8, 4), "ends_on": dt.date(2025, 8, 5),
            "capacity": 10, "venue": "ห้อง"}  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.course_run_create(by=staff_mentee, host=phranakhon, **args)
    with pytest.raises(PermissionDenied):
        services.course_run_create(by=staff_mentee, host=bangphlat, **args)


def test_a_run_needs_a_venue_or_link_and_dates_in_order(course, bangphlat, strategy):
    with pytest.raises(ValidationError) as error:
        services.course_run_create(
            by=strategy, course=course, host=bangphlat, starts_on=dt.date(2025, 8, 5),
            ends_on=dt.date(2025, 8, 4), capacity=0,
        )  # fmt: skip
    assert {"venue", "ends_on", "capacity"} <= set(error.value.message_dict)


def test_inactive_trainers_are_refused(course, bangphlat, strategy):
    gone = Trainer.objects.create(
        name="ก", district=bangphlat, position="-", topics="-", is_active=False
    )
    with pytest.raises(ValidationError):
        services.course_run_create(
            by=strategy, course=course, host=bangphlat, starts_on=dt.date(2025, 8, 4),
            ends_on=dt.date(2025, 8, 4), capacity=5, online_url="https://meet.example.org/x",
            trainers=[gone],
        )  # fmt: skip


def test_status_moves_only_along_the_allowed_transitions(run, staff_bangphlat):
    with pytest.raises(ValidationError):
        services.course_run_transition(run=run, to=RunStatus.RUNNING, by=staff_bangphlat)
    services.course_run_transition(run=run, to=RunStatus.OPEN, by=staff_bangphlat)
    services.course_run_transition(run=run, to=RunStatus.CANCELLED, by=staff_bangphlat)
    with pytest.raises(ValidationError):
        services.course_run_transition(run=run, to=RunStatus.OPEN, by=staff_bangphlat)
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED


def test_a_session_must_fall_within_the_run(run, staff_bangphlat):
    with pytest.raises(ValidationError) as error:
        services.session_add(run=run, by=staff_bangphlat, date=dt.date(2025, 9, 1), title="นอกช่วง")
    assert "date" in error.value.message_dict


def test_past_capacity_people_are_waitlisted_and_move_up_in_order(run, staff_bangphlat, phranakhon):
    people = [
        services.participant_enroll(run=run, by=staff_bangphlat, name=f"คนที่ {i}", district=phranakhon, consent=True)
        for i in range(5)
    ]  # fmt: skip
    assert [p.status for p in people] == ["enrolled"] * 3 + ["waitlisted"] * 2
    assert [p.waitlist_position for p in people[3:]] == [1, 2]
    promoted = services.participant_withdraw(participant=people[0], by=staff_bangphlat)
    assert promoted.pk == people[3].pk
    assert promoted.status == "enrolled"
    # A waitlisted person leaving frees no place: nobody moves up.
    assert services.participant_withdraw(participant=people[4], by=staff_bangphlat) is None
    assert services.participant_withdraw(participant=people[4], by=staff_bangphlat) is None
    assert run.participants.filter(status="enrolled").count() == 3


def test_people_without_an_account_need_consent_recorded_by_whom_and_when(
    run, staff_bangphlat, phranakhon
):
    with pytest.raises(ValidationError) as error:
        services.participant_enroll(
            run=run, by=staff_bangphlat, name="ไม่ยินยอม", district=phranakhon
        )
    assert "consent" in error.value.message_dict
    person = services.participant_enroll(
        run=run, by=staff_bangphlat, name="  นาง   ยินยอม ", district=phranakhon, consent=True
    )
    assert person.name == "นาง ยินยอม"
    assert person.consent_recorded_by == staff_bangphlat
    assert person.consent_recorded_at is not None
    assert len(person.personal_code) == services.PERSONAL_CODE_LENGTH


def test_the_database_refuses_a_person_without_account_or_consent(run, phranakhon):
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(run=run, name="ก", district=phranakhon)


def test_a_user_is_enrolled_once_with_their_own_district(run, staff_bangphlat, staff_mentee):
    person = services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)
    assert (person.district, person.kind) == (staff_mentee.district, "staff")
    with pytest.raises(ValidationError):
        services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)


def test_only_the_host_or_the_strategy_office_enrol(run, staff_mentee, strategy, phranakhon):
    with pytest.raises(PermissionDenied):
        services.participant_enroll(
            run=run, by=staff_mentee, name="ก", district=phranakhon, consent=True
        )
    assert services.participant_enroll(
        run=run, by=strategy, name="ก", district=phranakhon, consent=True
    )


def test_attendance_is_recorded_once_per_key_and_per_session(
    run, sessions, leader, staff_bangphlat
):
    first_key = key()
    row, created = services.attendance_record(
        session=sessions[0], participant=leader, present=True, by=staff_bangphlat, key=first_key
    )
    again, created_again = services.attendance_record(
        session=sessions[0], participant=leader, present=False, by=staff_bangphlat, key=first_key
    )
    assert (created, created_again, again.pk, again.present) == (True, False, row.pk, True)
    # A new key for the same person and session corrects the record, never adds one.
    corrected, created_now = services.attendance_record(
        session=sessions[0], participant=leader, present=False, by=staff_bangphlat, key=key()
    )
    assert (created_now, corrected.pk, corrected.present) == (False, row.pk, False)
    assert Attendance.objects.count() == 1


def test_a_key_used_for_another_record_is_a_conflict(run, sessions, leader, staff_bangphlat):
    used = key()
    services.attendance_record(
        session=sessions[0], participant=leader, present=True, by=staff_bangphlat, key=used
    )
    with pytest.raises(services.KeyConflict):
        services.attendance_record(
            session=sessions[1], participant=leader, present=True, by=staff_bangphlat, key=used
        )


def test_a_malformed_key_is_refused(run, sessions, leader, staff_bangphlat):
    with pytest.raises(ValidationError):
        services.attendance_record(
            session=sessions[0], participant=leader, present=True, by=staff_bangphlat, key="x"
        )


def test_waitlisted_people_get_no_attendance_or_scores(run, sessions, staff_bangphlat, phranakhon):
    people = [
        services.participant_enroll(run=run, by=staff_bangphlat, name=f"ค{i}", district=phranakhon, consent=True)
        for i in range(4)
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        services.attendance_record(
            session=sessions[0], participant=people[3], present=True, by=staff_bangphlat
        )
    with pytest.raises(ValidationError):
        services.assessment_record(participant=people[3], kind="pre", score=50, by=staff_bangphlat)


def test_scores_are_bounded_and_once_per_kind(leader, staff_bangphlat):
    for bad in (-1, 101, "abc"):
        with pytest.raises(ValidationError) as error:
            services.assessment_record(
                participant=leader, kind="pre", score=bad, by=staff_bangphlat
            )
        assert "score" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.assessment_record(participant=leader, kind="mid", score=50, by=staff_bangphlat)
    k = key()
    row, created = services.assessment_record(
        participant=leader, kind="pre", score=40, by=staff_bangphlat, key=k
    )
    same, again = services.assessment_record(
        participant=leader, kind="pre", score=90, by=staff_bangphlat, key=k
    )
    assert (created, again, same.pk, same.score) == (True, False, row.pk, Decimal("40"))
    retake, _ = services.assessment_record(
        participant=leader, kind="pre", score=45, by=staff_bangphlat
    )
    assert (retake.pk, retake.score) == (row.pk, Decimal("45"))


def _attend(sessions, person, by, days):
    for session in sessions[:days]:
        services.attendance_record(session=session, participant=person, present=True, by=by)


def test_completion_certifies_80_percent_attendance_and_a_passing_post_test(
    run, sessions, staff_bangphlat, phranakhon
):
    names = ["ผ่าน", "ขาดเรียน", "สอบตก", "ไม่ได้สอบ"]
    people = {
        name: services.participant_enroll(run=run, by=staff_bangphlat, name=name, district=phranakhon, consent=True)
        for name in names[:3]
    }  # fmt: skip
    run.capacity = 4
    run.save()
    people["ไม่ได้สอบ"] = services.participant_enroll(
        run=run, by=staff_bangphlat, name="ไม่ได้สอบ", district=phranakhon, consent=True
    )
    waiting = services.participant_enroll(
        run=run, by=staff_bangphlat, name="รอ", district=phranakhon, consent=True
    )
    _attend(sessions, people["ผ่าน"], staff_bangphlat, 4)  # 4 of 5 = 80 %: enough
    _attend(sessions, people["ขาดเรียน"], staff_bangphlat, 3)  # 60 %
    _attend(sessions, people["สอบตก"], staff_bangphlat, 5)
    _attend(sessions, people["ไม่ได้สอบ"], staff_bangphlat, 5)
    for name, score in [("ผ่าน", 60), ("ขาดเรียน", 95), ("สอบตก", "59.9")]:
        services.assessment_record(
            participant=people[name], kind="post", score=score, by=staff_bangphlat
        )
    certificates = services.course_run_complete(run=run, by=staff_bangphlat)
    assert [c.participant.name for c in certificates] == ["ผ่าน"]
    assert waiting.status == "waitlisted"
    run.refresh_from_db()
    assert run.status == RunStatus.COMPLETED
    # Completing again issues no second certificate.
    again = services.course_run_complete(run=run, by=staff_bangphlat)
    assert [c.pk for c in again] == [certificates[0].pk]
    assert Certificate.objects.count() == 1


def test_certificate_codes_are_long_and_random(run, sessions, staff_bangphlat, phranakhon):
    run.capacity = 3
    people = [
        services.participant_enroll(run=run, by=staff_bangphlat, name=f"ค{i}", district=phranakhon, consent=True)
        for i in range(2)
    ]  # fmt: skip
    for person in people:
        _attend(sessions, person, staff_bangphlat, 5)
        services.assessment_record(participant=person, kind="post", score=80, by=staff_bangphlat)
    codes = [c.code for c in services.course_run_complete(run=run, by=staff_bangphlat)]
    assert len(set(codes)) == 2
    assert all(len(code) >= 20 for code in codes)


def test_a_run_without_sessions_or_cancelled_cannot_complete(run, staff_bangphlat):
    with pytest.raises(ValidationError):
        services.course_run_complete(run=run, by=staff_bangphlat)
    services.course_run_transition(run=run, to=RunStatus.CANCELLED, by=staff_bangphlat)
    with pytest.raises(ValidationError):
        services.course_run_complete(run=run, by=staff_bangphlat)


def test_revoking_needs_a_reason_and_keeps_the_certificate(
    run, sessions, leader, staff_bangphlat, staff_mentee
):
    _attend(sessions, leader, staff_bangphlat, 5)
    services.assessment_record(participant=leader, kind="post", score=70, by=staff_bangphlat)
    (certificate,) = services.course_run_complete(run=run, by=staff_bangphlat)
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, by=staff_bangphlat, reason="  ")
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(certificate=certificate, by=staff_mentee, reason="ผิด")
    revoked = services.certificate_revoke(
        certificate=certificate, by=staff_bangphlat, reason="ออกผิดคน"
    )
    assert (revoked.is_valid, revoked.revoke_reason, revoked.revoked_by) == (
        False,
        "ออกผิดคน",
        staff_bangphlat,
    )
    assert services.course_run_complete(run=run, by=staff_bangphlat) == []


def test_check_in_by_code_records_presence_once(
    run, sessions, leader, staff_bangphlat, staff_mentee
):
    user_person = services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)
    code = services.checkin_open(session=sessions[0], by=staff_bangphlat)
    assert len(code) == services.CHECKIN_CODE_LENGTH
    row, created = services.checkin_by_code(code=code.lower(), user=staff_mentee)
    _, again = services.checkin_by_code(code=code, user=staff_mentee)
    assert (row.participant, row.source, created, again) == (user_person, "self", True, False)
    spaced = " ".join(leader.personal_code)
    by_code, created = services.checkin_by_code(code=code, personal_code=spaced)
    assert (by_code.participant, created, by_code.recorded_by) == (leader, True, None)
    assert Attendance.objects.filter(session=sessions[0]).count() == 2


def test_a_wrong_expired_or_closed_code_is_refused(run, sessions, leader, staff_bangphlat, frozen):
    frozen(dt.datetime(2025, 8, 4, 9, 0))
    code = services.checkin_open(session=sessions[0], by=staff_bangphlat, minutes=15)
    with pytest.raises(ValidationError):
        services.checkin_by_code(code=code, personal_code="WRONG123")
    with pytest.raises(ValidationError):
        services.checkin_by_code(
            code="ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY", personal_code=leader.personal_code
        )
    frozen(dt.datetime(2025, 8, 4, 9, 16))
    with pytest.raises(ValidationError):
        services.checkin_by_code(code=code, personal_code=leader.personal_code)
    frozen(dt.datetime(2025, 8, 4, 9, 20))
    code = services.checkin_open(session=sessions[0], by=staff_bangphlat)
    services.checkin_close(session=sessions[0], by=staff_bangphlat)
    with pytest.raises(ValidationError):
        services.checkin_by_code(code=code, personal_code=leader.personal_code)


def test_only_the_host_opens_a_check_in(sessions, staff_mentee):
    with pytest.raises(PermissionDenied):
        services.checkin_open(session=sessions[0], by=staff_mentee)


def test_a_withdrawn_user_can_enrol_again_at_the_end_of_the_queue(
    run, staff_bangphlat, staff_mentee, phranakhon
):
    person = services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)
    services.participant_withdraw(participant=person, by=staff_bangphlat)
    for i in range(3):
        services.participant_enroll(
            run=run, by=staff_bangphlat, name=f"ค{i}", district=phranakhon, consent=True
        )
    back = services.participant_enroll(run=run, by=staff_bangphlat, user=staff_mentee)
    assert (back.pk, back.status, back.waitlist_position) == (person.pk, "waitlisted", 1)


def test_running_to_completed_certifies_through_the_same_rule(
    run, sessions, leader, staff_bangphlat
):
    for to in (RunStatus.OPEN, RunStatus.RUNNING):
        services.course_run_transition(run=run, to=to, by=staff_bangphlat)
    _attend(sessions, leader, staff_bangphlat, 5)
    services.assessment_record(participant=leader, kind="post", score=60, by=staff_bangphlat)
    done = services.course_run_transition(run=run, to=RunStatus.COMPLETED, by=staff_bangphlat)
    assert (done.status, done.completed_at is not None) == (RunStatus.COMPLETED, True)
    assert Certificate.objects.filter(participant=leader).exists()


def test_a_cancelled_run_takes_no_check_in_sessions_or_enrolment(
    run, sessions, staff_bangphlat, phranakhon
):
    services.course_run_transition(run=run, to=RunStatus.CANCELLED, by=staff_bangphlat)
    with pytest.raises(ValidationError):
        services.checkin_open(session=sessions[0], by=staff_bangphlat)
    with pytest.raises(ValidationError):
        services.session_add(run=run, by=staff_bangphlat, date=run.starts_on, title="ก")
    with pytest.raises(ValidationError):
        services.participant_enroll(
            run=run, by=staff_bangphlat, name="ก", district=phranakhon, consent=True
        )


def test_a_community_of_another_district_is_refused(run, staff_bangphlat, phranakhon, bangphlat):
    from tests.communities.factories import CommunityFactory

    elsewhere = CommunityFactory(district=bangphlat)
    with pytest.raises(ValidationError) as error:
        services.participant_enroll(
            run=run,
            by=staff_bangphlat,
            name="ก",
            district=phranakhon,
            consent=True,
            community=elsewhere,
        )
    assert "community" in error.value.message_dict
