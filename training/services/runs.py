"""Runs: creation and status, sessions, enrolment and the waitlist, attendance, scores,
completion and certificates, check-in codes (see the package docstring for the rules)."""

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangphlat.submissions import KEY_PATTERN
from mentoring.models import Pairing
from training import access
from training.models import (
    RUN_TRANSITIONS,
    Assessment,
    AssessmentKind,
    Attendance,
    AttendanceSource,
    Certificate,
    CourseRun,
    Participant,
    ParticipantKind,
    ParticipantStatus,
    RunSession,
    RunStatus,
)

# Attendance needed for a certificate: 80 % of the run's sessions (as a fraction, exact).
ATTENDANCE_NUMERATOR, ATTENDANCE_DENOMINATOR = 4, 5
CHECKIN_MINUTES = 15
# No 0/O or 1/I/L: read off a projector and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CHECKIN_CODE_LENGTH = 6
PERSONAL_CODE_LENGTH = 8


class KeyConflict(Exception):
    """The submission key was used before for another record."""


def _short_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_personal_code() -> str:
    """A participant's personal check-in code (for people without an account)."""
    return _short_code(PERSONAL_CODE_LENGTH)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("คุณไม่มีสิทธิ์ดำเนินการกับรุ่นการอบรมนี้"))


def _check_key(key: str | None) -> str | None:
    if key in (None, ""):
        return None
    if not KEY_PATTERN.fullmatch(key):
        raise ValidationError(
            {"submission_key": _("ต้องมีคีย์การส่ง 20–64 ตัวอักษร (A-Z a-z 0-9 _ -) เช่น UUID")}
        )
    return key


def _writable(run: CourseRun) -> None:
    """Refuse writes to a cancelled run; the status is read afresh (the caller's run object
    may be older than a cancellation)."""
    status = CourseRun.objects.filter(pk=run.pk).values_list("status", flat=True).first()
    if status == RunStatus.CANCELLED:
        raise ValidationError(_("รุ่นนี้ถูกยกเลิกแล้ว แก้ไขข้อมูลไม่ได้"))


def _locked(run: CourseRun) -> CourseRun:
    """The run row locked until the end of the transaction: enrolments and completion of one
    run are serialised, so two enrolments never both take the last place."""
    return CourseRun.objects.select_for_update().get(pk=run.pk)


@transaction.atomic
def course_run_create(
    *,
    by,
    course,
    host,
    starts_on: dt.date,
    ends_on: dt.date,
    capacity: int,
    venue: str = "",
    online_url: str = "",
    target_districts=None,
    trainers=(),
) -> CourseRun:
    """A planned run. Without ``target_districts`` it invites the host's mentees (active
    pairings)."""
    _require(access.can_create_run(by, host))
    run = CourseRun(
        course=course,
        host=host,
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
        venue=venue.strip(),
        online_url=online_url.strip(),
        created_by=by,
    )
    run.full_clean()
    trainers = list(trainers)
    if any(not trainer.is_active for trainer in trainers):
        raise ValidationError({"trainers": _("เลือกได้เฉพาะวิทยากรที่ยังปฏิบัติงาน")})
    run.save()
    if target_districts is None:
        target_districts = list(
            Pairing.objects.active().filter(mentor=host).values_list("mentee_id", flat=True)
        )
    run.target_districts.set(target_districts)
    run.trainers.set(trainers)
    return run


@transaction.atomic
def course_run_transition(*, run: CourseRun, to: str, by) -> CourseRun:
    _require(access.can_manage_run(by, run))
    run = _locked(run)
    if to not in RUN_TRANSITIONS.get(run.status, set()):
        raise ValidationError(
            _("เปลี่ยนสถานะจาก %(old)s เป็น %(new)s ไม่ได้")
            % {
                "old": run.get_status_display(),
                "new": RunStatus(to).label if to in RunStatus.values else to,
            }
        )
    if to == RunStatus.COMPLETED:  # completing also certifies: one path for both
        course_run_complete(run=run, by=by)
        run.refresh_from_db()
        return run
    run.status = to
    run.save(update_fields=["status"])
    return run


@transaction.atomic
def session_add(*, run: CourseRun, by, date: dt.date, title: str, module=None) -> RunSession:
    _require(access.can_manage_run(by, run))
    _writable(run)
    session = RunSession(run=run, date=date, title=title.strip(), module=module)
    session.full_clean()
    session.save()
    return session


def _next_waitlist_position(run) -> int:
    top = run.participants.filter(status=ParticipantStatus.WAITLISTED).aggregate(
        top=Max("waitlist_position")
    )["top"]
    return (top or 0) + 1


def _place_status(run) -> tuple[str, int | None]:
    enrolled = run.participants.filter(status=ParticipantStatus.ENROLLED).count()
    if enrolled < run.capacity:
        return ParticipantStatus.ENROLLED, None
    return ParticipantStatus.WAITLISTED, _next_waitlist_position(run)


@transaction.atomic
def participant_enroll(
    *,
    run: CourseRun,
    by,
    user=None,
    name: str = "",
    role: str = "",
    district=None,
    community=None,
    phone: str = "",
    consent: bool = False,
    kind: str | None = None,
) -> Participant:
    """Enrol a portal user, or a person without an account (their consent recorded now, by
    ``by``). Past capacity the person is waitlisted at the end of the queue."""
    _require(access.can_manage_run(by, run))
    run = _locked(run)
    if run.status in (RunStatus.COMPLETED, RunStatus.CANCELLED):
        raise ValidationError(_("รุ่นนี้ปิดรับผู้เข้าอบรมแล้ว"))
    status, position = _place_status(run)
    if user is not None:
        participant = run.participants.filter(user=user).first()
        if participant is not None and participant.status != ParticipantStatus.WITHDRAWN:
            raise ValidationError({"username": _("ผู้ใช้นี้ลงทะเบียนในรุ่นนี้แล้ว")})
        if user.district_id is None and district is None:
            raise ValidationError({"district": _("กรุณาระบุเขตของผู้เข้าอบรม")})
        participant = participant or Participant(run=run, user=user)
        participant.district = district or user.district
        participant.kind = kind or ParticipantKind.STAFF
        participant.role = role.strip()
    else:
        if district is None:
            raise ValidationError({"district": _("กรุณาระบุเขตของผู้เข้าอบรม")})
        participant = Participant(
            run=run,
            name=" ".join(name.split()),
            role=role.strip(),
            district=district,
            community=community,
            phone=phone.strip(),
            kind=kind or ParticipantKind.LEADER,
            personal_code=new_personal_code(),
        )
        if consent:
            participant.consent = True
            participant.consent_recorded_by = by
            participant.consent_recorded_at = timezone.now()
    if community is not None and community.district_id != participant.district_id:
        raise ValidationError({"community": _("ชุมชนต้องอยู่ในเขตของผู้เข้าอบรม")})
    participant.status, participant.waitlist_position = status, position
    participant.full_clean(validate_constraints=False)
    participant.save()
    return participant


@transaction.atomic
def participant_withdraw(*, participant: Participant, by) -> Participant | None:
    """Withdraw; a place freed by an enrolled person goes to the first on the waitlist, who
    is returned (None when nobody moved up)."""
    _require(access.can_manage_run(by, participant.run))
    run = _locked(participant.run)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.status == ParticipantStatus.WITHDRAWN:
        return None
    freed = participant.status == ParticipantStatus.ENROLLED
    participant.status, participant.waitlist_position = ParticipantStatus.WITHDRAWN, None
    participant.save(update_fields=["status", "waitlist_position"])
    if not freed:
        return None
    return _promote(run)


def _promote(run) -> Participant | None:
    first = (
        run.participants.filter(status=ParticipantStatus.WAITLISTED)
        .order_by("waitlist_position", "pk")
        .first()
    )
    if first is None:
        return None
    first.status, first.waitlist_position = ParticipantStatus.ENROLLED, None
    first.save(update_fields=["status", "waitlist_position"])
    return first


def _keyed(model, key, lookup: dict):
    """The row created before with ``key`` (it must be the same record), or None."""
    if key is None:
        return None
    done = model.objects.filter(submission_key=key).first()
    if done is None:
        return None
    if any(getattr(done, name) != value for name, value in lookup.items()):
        raise KeyConflict
    return done


def _upsert(model, *, key, lookup: dict, values: dict):
    """Exactly once per key and per ``lookup`` (the row's unique fields): (row, created).
    Without a matching key an existing row for ``lookup`` is corrected in place."""
    if (done := _keyed(model, key, lookup)) is not None:
        return done, False
    row = model.objects.select_for_update().filter(**lookup).first()
    created = row is None
    if created:
        row = model(**lookup, submission_key=key)
    for name, value in values.items():
        setattr(row, name, value)
    row.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # the same key or record saved meanwhile by a concurrent request
        done = _keyed(model, key, lookup) or model.objects.filter(**lookup).first()
        if done is None:
            raise
        return done, False
    return row, created


def _attending(participant) -> None:
    if participant.status != ParticipantStatus.ENROLLED:
        raise ValidationError({"participant": _("บันทึกได้เฉพาะผู้ที่ลงทะเบียนแล้ว (ไม่ใช่ผู้รอที่ว่าง)")})


@transaction.atomic
def attendance_record(
    *,
    session: RunSession,
    participant: Participant,
    present: bool,
    by,
    key: str | None = None,
    source: str = AttendanceSource.TRAINER,
) -> tuple[Attendance, bool]:
    """Mark one person at one session (by hand, or by the offline queue with its key)."""
    _require(access.can_manage_run(by, session.run))
    _writable(session.run)
    if session.run_id != participant.run_id:
        raise ValidationError({"participant": _("ผู้เข้าอบรมไม่ได้อยู่ในรุ่นนี้")})
    _attending(participant)
    return _upsert(
        Attendance,
        key=_check_key(key),
        lookup={"session": session, "participant": participant},
        values={"present": bool(present), "recorded_by": by, "source": source},
    )


@transaction.atomic
def assessment_record(
    *, participant: Participant, kind: str, score, by, key: str | None = None
) -> tuple[Assessment, bool]:
    """The pre- or post-test score (0–100) of one person, entered by the host; a later score
    of the same kind replaces the earlier one."""
    _require(access.can_manage_run(by, participant.run))
    return record_score(participant=participant, kind=kind, score=score, by=by, key=key)


def record_score(*, participant, kind, score, by, key=None) -> tuple[Assessment, bool]:
    """The write under ``assessment_record`` and ``answers_submit`` (who may is theirs)."""
    _writable(participant.run)
    _attending(participant)
    return _upsert(
        Assessment,
        key=_check_key(key),
        lookup={"participant": participant, "kind": kind},
        values={"score": score, "recorded_by": by},
    )


def qualifies(*, present: int, sessions: int, post_score, pass_mark: int) -> bool:
    """The completion rule: present at ≥ 80 % of the sessions and a post-test ≥ the pass mark."""
    if sessions == 0 or post_score is None:
        return False
    enough = present * ATTENDANCE_DENOMINATOR >= sessions * ATTENDANCE_NUMERATOR
    return enough and post_score >= pass_mark


@transaction.atomic
def course_run_complete(*, run: CourseRun, by) -> list[Certificate]:
    """Complete the run and certify everyone enrolled who meets the rule. Idempotent: a
    second completion issues certificates only to people who qualify since, never a second
    one to the same person. Returns the run's certificates that are not revoked."""
    _require(access.can_manage_run(by, run))
    run = _locked(run)
    if run.status == RunStatus.CANCELLED:
        raise ValidationError(_("รุ่นที่ถูกยกเลิกแล้วจบการอบรมไม่ได้"))
    sessions = run.sessions.count()
    if sessions == 0:
        raise ValidationError(_("ยังไม่มีช่วงการอบรมในรุ่นนี้ จึงยังจบการอบรมไม่ได้"))
    people = (
        run.participants.filter(status=ParticipantStatus.ENROLLED, certificate__isnull=True)
        .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
        .prefetch_related("assessments")
    )
    pass_mark = run.course.pass_mark
    for person in people:
        post = next(
            (a.score for a in person.assessments.all() if a.kind == AssessmentKind.POST), None
        )
        if qualifies(
            present=person.present, sessions=sessions, post_score=post, pass_mark=pass_mark
        ):
            Certificate.objects.create(participant=person)
    if run.status != RunStatus.COMPLETED:
        run.status, run.completed_at = RunStatus.COMPLETED, timezone.now()
        run.save(update_fields=["status", "completed_at"])
    return list(
        Certificate.objects.filter(participant__run=run, revoked_at__isnull=True)
        .select_related("participant")
        .order_by("participant_id")
    )


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    _require(access.can_revoke_certificate(by, certificate))
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่เพิกถอน")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is None:
        certificate.revoked_at, certificate.revoked_by = timezone.now(), by
        certificate.revoke_reason = reason[:300]
        certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return certificate


# --- Check-in: a short code on the projector, typed or scanned on a phone ------------------
@transaction.atomic
def checkin_open(*, session: RunSession, by, minutes: int = CHECKIN_MINUTES) -> str:
    """Open (or renew) the session's check-in: a new short code valid for ``minutes``."""
    _require(access.can_manage_run(by, session.run))
    _writable(session.run)
    for _attempt in range(5):
        code = _short_code(CHECKIN_CODE_LENGTH)
        # An expired code of another session may still hold this value: free those first.
        RunSession.objects.filter(checkin_code=code, checkin_expires_at__lt=timezone.now()).update(
            checkin_code="", checkin_expires_at=None
        )
        try:
            with transaction.atomic():
                RunSession.objects.filter(pk=session.pk).update(
                    checkin_code=code,
                    checkin_expires_at=timezone.now() + dt.timedelta(minutes=minutes),
                )
        except IntegrityError:
            continue
        session.refresh_from_db(fields=["checkin_code", "checkin_expires_at"])
        return code
    raise RuntimeError("no free check-in code after 5 attempts")  # 31**6 codes: never


@transaction.atomic
def checkin_close(*, session: RunSession, by) -> None:
    _require(access.can_manage_run(by, session.run))
    RunSession.objects.filter(pk=session.pk).update(checkin_code="", checkin_expires_at=None)
    session.checkin_code, session.checkin_expires_at = "", None


def _normal_code(code: str) -> str:
    return "".join(str(code).split()).upper()


def open_session_for_code(code: str) -> RunSession | None:
    """The session whose check-in is open under ``code`` now, or None."""
    code = _normal_code(code)
    if len(code) != CHECKIN_CODE_LENGTH:
        return None
    return (
        RunSession.objects.select_related("run__course", "run__host")
        .filter(checkin_code=code, checkin_expires_at__gt=timezone.now())
        .exclude(run__status=RunStatus.CANCELLED)
        .first()
    )


@transaction.atomic
def checkin_by_code(*, code: str, user=None, personal_code: str = "") -> tuple[Attendance, bool]:
    """A participant checks in: a logged-in ``user`` or, without an account, with the personal
    code given at enrolment. Records presence once per session: (attendance, created)."""
    session = open_session_for_code(code)
    if session is None:
        raise ValidationError({"code": _("รหัสเช็กอินไม่ถูกต้องหรือหมดเวลาแล้ว")})
    people = session.run.participants.select_for_update()
    if user is not None and user.is_authenticated:
        participant = people.filter(user=user).first()
    else:
        personal = _normal_code(personal_code)
        participant = people.filter(personal_code=personal).first() if personal else None
    if participant is None:
        raise ValidationError({"participant": _("ไม่พบชื่อของท่านในรุ่นนี้ กรุณาติดต่อวิทยากร")})
    _attending(participant)
    recorder = user if user is not None and user.is_authenticated else None
    return _upsert(
        Attendance,
        key=None,
        lookup={"session": session, "participant": participant},
        values={"present": True, "recorded_by": recorder, "source": AttendanceSource.SELF},
    )
