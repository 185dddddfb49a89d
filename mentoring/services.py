"""Writes for mentoring: pairings, rollout stages, sessions and follow-ups."""

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import sees_all_districts
from districts.models import District, RolloutStage
from mentoring import pairing
from mentoring.access import (
    can_change_session,
    can_change_stage,
    can_manage_pairings,
    can_propose_stage,
    can_record_session_for,
    can_record_session_with,
    can_view_session,
)
from mentoring.models import (
    FollowUp,
    MentoringSession,
    Pairing,
    PairingStatus,
    StageChange,
    StageChangeStatus,
)

# A district at or beyond this stage is running the model itself: it needs a mentor first.
STAGES = list(RolloutStage.values)
NEEDS_MENTOR_FROM = STAGES.index(RolloutStage.IMPLEMENTING)


# --- Pairings ---------------------------------------------------------------------------
def suggested_pairings() -> list[pairing.Proposal]:
    """Proposals for every non-pilot district without an active mentor (nothing is saved)."""
    pilots = list(District.objects.pilots().select_related("zone_group"))
    active = list(Pairing.objects.active().values_list("mentor__code", "mentee_id"))
    paired_ids = {mentee_id for _code, mentee_id in active}
    loads: dict[str, int] = {}
    for mentor_code, _mentee_id in active:
        loads[mentor_code] = loads.get(mentor_code, 0) + 1
    unpaired = District.objects.non_pilots().exclude(pk__in=paired_ids).select_related("zone_group")
    return pairing.suggest(
        mentors=[(d.code, d.zone_group.slug) for d in pilots],
        mentees=[(d.code, d.zone_group.slug) for d in unpaired],
        existing_loads=loads,
    )


@transaction.atomic
def pairings_apply(*, proposals: list[pairing.Proposal], by, start_date: dt.date | None = None):
    """Create the proposed pairings as active. Refuses (and writes nothing) when any mentee
    has gained an active mentor meanwhile: the database's unique index backs this up."""
    if not can_manage_pairings(by):
        raise PermissionDenied
    districts = District.objects.in_bulk(
        [p.mentee_code for p in proposals] + [p.mentor_code for p in proposals], field_name="code"
    )
    created = []
    for proposal in proposals:
        item = Pairing(
            mentor=districts[proposal.mentor_code],
            mentee=districts[proposal.mentee_code],
            start_date=start_date or timezone.localdate(),
            status=PairingStatus.ACTIVE,
        )
        item.full_clean()
        item.save()
        created.append(item)
    return created


@transaction.atomic
def pairing_end(*, item: Pairing, by, end_date: dt.date | None = None) -> Pairing:
    if not can_manage_pairings(by):
        raise PermissionDenied
    item.status = PairingStatus.ENDED
    item.end_date = end_date or timezone.localdate()
    item.full_clean()
    item.save()
    return item


# --- Rollout stages ---------------------------------------------------------------------
def _check_stage_rules(district: District, stage: str):
    if stage not in STAGES:
        raise ValidationError({"stage": _("ขั้นไม่ถูกต้อง")})
    if (
        not district.is_pilot
        and STAGES.index(stage) >= NEEDS_MENTOR_FROM
        and not Pairing.objects.active().filter(mentee=district).exists()
    ):
        raise ValidationError(
            {"stage": _("เขตที่ไม่ใช่เขตนำร่องต้องมีพี่เลี้ยงที่ดำเนินการอยู่ก่อน จึงจะเข้าสู่ขั้นดำเนินการได้")}
        )


@transaction.atomic
def stage_change(*, district: District, stage: str, reason: str, by, on: dt.date | None = None):
    """The strategy office changes a district's stage; the change is kept with its reason."""
    if not can_change_stage(by):
        raise PermissionDenied
    district = District.objects.select_for_update().get(pk=district.pk)
    _check_stage_rules(district, stage)
    change = StageChange(
        district=district,
        stage=stage,
        previous_stage=district.rollout_stage,
        changed_on=on or timezone.localdate(),
        reason=reason.strip(),
        author=by,
        status=StageChangeStatus.APPLIED,
        decided_by=by,
        decided_at=timezone.now(),
    )
    change.full_clean()
    change.save()
    district.rollout_stage = stage
    district.save(update_fields=["rollout_stage"])
    return change


@transaction.atomic
def stage_propose(*, district: District, stage: str, reason: str, by) -> StageChange:
    """District staff propose a stage change for their own district."""
    if not can_propose_stage(by, district):
        raise PermissionDenied
    district = District.objects.select_for_update().get(pk=district.pk)  # one proposer at a time
    _check_stage_rules(district, stage)
    pending = StageChange.objects.filter(district=district, status=StageChangeStatus.PROPOSED)
    if waiting := pending.first():
        message = _(
            "เขตนี้มีข้อเสนอเปลี่ยนเป็นขั้น “%(stage)s” ที่รอสำนักยุทธศาสตร์ฯ พิจารณาอยู่แล้ว "
            "เสนอใหม่ได้เมื่อมีผลการพิจารณา"
        ) % {"stage": waiting.get_stage_display()}
        raise ValidationError({NON_FIELD_ERRORS: message})
    change = StageChange(
        district=district,
        stage=stage,
        previous_stage=district.rollout_stage,
        reason=reason.strip(),
        author=by,
        status=StageChangeStatus.PROPOSED,
    )
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def stage_decide(*, change: StageChange, accept: bool, by, note: str = "") -> StageChange:
    if not can_change_stage(by):
        raise PermissionDenied
    change = StageChange.objects.select_for_update().get(pk=change.pk)
    if change.status != StageChangeStatus.PROPOSED:
        raise ValidationError(_("ข้อเสนอนี้ได้รับการพิจารณาไปแล้ว"))
    district = District.objects.select_for_update().get(pk=change.district_id)
    if accept:
        _check_stage_rules(district, change.stage)
        change.previous_stage = district.rollout_stage
        change.changed_on = timezone.localdate()
        district.rollout_stage = change.stage
        district.save(update_fields=["rollout_stage"])
    change.status = StageChangeStatus.APPLIED if accept else StageChangeStatus.REJECTED
    change.decided_by = by
    change.decided_at = timezone.now()
    change.decision_note = note
    change.save()
    return change


# --- Sessions and follow-ups ---------------------------------------------------------
@transaction.atomic
def session_create(*, by, mentor: District, mentees, trainers, follow_ups=(), **fields):
    if not can_record_session_for(by, mentor):
        raise PermissionDenied
    mentees = list(mentees)
    trainers = list(trainers)
    _check_session_people(by=by, mentor=mentor, mentees=mentees, trainers=trainers)
    session = MentoringSession(mentor=mentor, created_by=by, **fields)
    session.full_clean()
    _save_session(session, by=by, mentees=mentees, trainers=trainers, created=True)
    for item in follow_ups:
        follow_up = FollowUp(session=session, **item)
        follow_up.full_clean()
        follow_up.save()
    return session


def _save_session(session, *, by, mentees, trainers, created: bool):
    """Save the fields and both lists as ONE history record (simple-history would write one
    per save and per list change), so the history reads one line per edit."""
    session.skip_history_when_saving = True
    try:
        session.save()
        session.mentees.set(mentees)
        session.trainers.set(trainers)
    finally:
        del session.skip_history_when_saving
    session._history_user = by
    session.save()
    if created:
        session.history.filter(history_id=session.history.latest().history_id).update(
            history_type="+"
        )


def _check_session_people(*, by, mentor, mentees, trainers, keep=()):
    """Mentees must be pilots' mentees the recorder may name (``keep``: already on the
    session); trainers must belong to the mentor district unless the strategy office says so."""
    if not mentees:
        raise ValidationError({"mentees": _("เลือกเขตที่เข้าร่วมอย่างน้อยหนึ่งเขต")})
    if any(m.is_pilot for m in mentees):
        raise ValidationError({"mentees": _("เขตที่เข้าร่วมต้องไม่ใช่เขตนำร่อง")})
    strangers = [
        m.name_th
        for m in mentees
        if m.pk not in keep and not can_record_session_with(by, mentor, m)
    ]
    if strangers:
        raise ValidationError(
            {
                "mentees": _("เลือกได้เฉพาะเขตที่เขตของคุณเป็นพี่เลี้ยง: %(names)s ไม่ใช่")
                % {"names": ", ".join(strangers)}
            }
        )
    if not sees_all_districts(by) and any(t.district_id != mentor.pk for t in trainers):
        raise ValidationError({"trainers": _("เลือกได้เฉพาะวิทยากรของเขตพี่เลี้ยง")})


@transaction.atomic
def session_update(*, session: MentoringSession, by, mentees, trainers, **fields):
    """Correct a saved session (its mentor district or the strategy office); the history
    keeps who changed what."""
    if not can_change_session(by, session):
        raise PermissionDenied
    mentees = list(mentees)
    trainers = list(trainers)
    already = set(session.mentees.values_list("pk", flat=True))
    _check_session_people(
        by=by, mentor=session.mentor, mentees=mentees, trainers=trainers, keep=already
    )
    for name, value in fields.items():
        setattr(session, name, value)
    session.full_clean()
    _save_session(session, by=by, mentees=mentees, trainers=trainers, created=False)
    return session


@transaction.atomic
def follow_up_add(*, session: MentoringSession, by, **fields) -> FollowUp:
    if not can_record_session_for(by, session.mentor):
        raise PermissionDenied
    follow_up = FollowUp(session=session, **fields)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_set_done(*, follow_up: FollowUp, done: bool, by) -> FollowUp:
    if not can_view_session(by, follow_up.session) or not (
        can_record_session_for(by, follow_up.session.mentor)
        or follow_up.session.mentees.filter(pk=by.district_id).exists()
    ):
        raise PermissionDenied
    follow_up.done = done
    follow_up.done_on = timezone.localdate() if done else None
    follow_up.save()
    return follow_up
