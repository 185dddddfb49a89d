"""Reads for mentoring pages; each function runs a fixed number of queries."""

import datetime as dt

from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone

from accounts.roles import sees_all_districts
from bangphlat.history import change_history
from districts.models import District
from mentoring.access import mentored_district_ids, readable_district_ids, sessions_visible_to
from mentoring.models import (
    FollowUp,
    MentoringSession,
    Pairing,
    StageChange,
    StageChangeStatus,
    Trainer,
)


def mentor_overview():
    """The seven mentors with their active mentees, load and last session (3 queries)."""
    active = Pairing.objects.active().select_related("mentee").order_by("mentee__code")
    return list(
        District.objects.pilots()
        .select_related("zone_group")
        .annotate(last_session=Max("sessions_led__date"))
        .prefetch_related(Prefetch("mentee_pairings", queryset=active, to_attr="active_pairings"))
        .order_by("code")
    )


def district_table():
    """All 50 districts with their active mentor (2 queries)."""
    active = Pairing.objects.active().select_related("mentor")
    return list(
        District.objects.select_related("zone_group")
        .prefetch_related(Prefetch("mentor_pairings", queryset=active, to_attr="active_mentor"))
        .order_by("code")
    )


def sessions_for(user):
    qs = MentoringSession.objects.select_related("mentor").prefetch_related("mentees", "trainers")
    return (
        sessions_visible_to(user, qs)
        .annotate(open_follow_ups=Count("follow_ups", filter=Q(follow_ups__done=False)))
        .order_by("-date", "-pk")
    )


def overdue_follow_ups(user):
    sessions = sessions_visible_to(user, MentoringSession.objects.all())
    return (
        FollowUp.objects.overdue(timezone.localdate())
        .filter(session__in=sessions.values("pk"))
        .select_related("session__mentor")
    )


def trainers():
    return (
        Trainer.objects.filter(is_active=True)
        .select_related("district")
        .annotate(sessions_led=Count("sessions"))
        .order_by("district__code", "name", "pk")
    )


def pending_stage_proposals():
    return StageChange.objects.filter(status=StageChangeStatus.PROPOSED).select_related(
        "district", "author"
    )


def district_mentoring(*, district, user):
    """What a district page shows: stage timeline, mentor or mentees, recent sessions."""
    stage_changes = list(
        district.stage_changes.exclude(status=StageChangeStatus.PROPOSED)
        .select_related("author")
        .order_by("-changed_on", "-pk")[:12]
    )
    mentor = (
        Pairing.objects.active().filter(mentee=district).select_related("mentor").first()
        if not district.is_pilot
        else None
    )
    mentees = (
        list(
            Pairing.objects.active()
            .filter(mentor=district)
            .select_related("mentee")
            .order_by("mentee__code")
        )
        if district.is_pilot
        else []
    )
    sessions = sessions_visible_to(
        user,
        MentoringSession.objects.filter(Q(mentor=district) | Q(mentees=district)).distinct(),
    ).select_related("mentor")[:5]
    return {
        "stage_changes": stage_changes,
        "mentor": mentor.mentor if mentor else None,
        "mentees": [p.mentee for p in mentees],
        "sessions": list(sessions),
    }


def session_mentee_choices(*, user, session=None):
    """Districts the user may name as a session's mentees: a mentor district its own mentees
    (active pairings), the strategy office any non-pilot; plus those already on ``session``."""
    districts = District.objects.non_pilots()
    ids = readable_district_ids(user)
    if ids is not None:
        allowed = Q(pk__in=mentored_district_ids(user))
        if session is not None and session.pk:
            allowed |= Q(pk__in=session.mentees.values("pk"))
        districts = districts.filter(allowed)
    return districts.order_by("code")


def session_trainer_choices(*, user, session=None):
    """Trainers a session may list: the mentor district's own (the strategy office: all);
    plus those already on ``session``."""
    editing = session is not None and session.pk
    allowed = Q(is_active=True)
    if not sees_all_districts(user):
        allowed &= Q(district_id=session.mentor_id if editing else user.district_id)
    if editing:
        allowed |= Q(pk__in=session.trainers.values("pk"))
    return Trainer.objects.filter(allowed).order_by("district__code", "name", "pk")


def open_follow_ups_of(*, district, user):
    """Open follow-ups of sessions a mentee district attended, soonest due first."""
    sessions = sessions_visible_to(user, MentoringSession.objects.filter(mentees=district))
    return list(
        FollowUp.objects.filter(done=False, session__in=sessions.values("pk"))
        .select_related("session")
        .order_by("due_date", "pk")[:20]
    )


def follow_ups_due_for(*, district, user, within_days=14, limit=5):
    """Open follow-ups of the district's sessions (as mentor or mentee) due within
    ``within_days`` days or overdue, soonest first (one query): a district home's to-do."""
    due_by = timezone.localdate() + dt.timedelta(days=within_days)
    sessions = sessions_visible_to(
        user, MentoringSession.objects.filter(Q(mentor=district) | Q(mentees=district))
    )
    return list(
        FollowUp.objects.filter(done=False, due_date__lte=due_by, session__in=sessions.values("pk"))
        .select_related("session")
        .order_by("due_date", "pk")[:limit]
    )


def mentees_of(district):
    """A mentor district's active mentees, by code (one query; none for a mentee district)."""
    if not district.is_pilot:
        return []
    pairings = Pairing.objects.active().filter(mentor=district).select_related("mentee")
    return [pairing.mentee for pairing in pairings.order_by("mentee__code")]


def my_mentees(user):
    """The user's own mentees, for a mentor's mentoring page: each district with its stage,
    last session it attended and open follow-ups (one query; [] for everyone else)."""
    ids = mentored_district_ids(user)
    if not ids:
        return []
    return list(
        District.objects.filter(pk__in=ids)
        .annotate(
            last_session=Max("sessions_attended__date"),
            open_follow_ups=Count(
                "sessions_attended__follow_ups",
                filter=Q(sessions_attended__follow_ups__done=False),
                distinct=True,
            ),
        )
        .order_by("code")
    )


def session_history(*, session, limit=20):
    """Who created and corrected a session, and which fields changed (two queries)."""
    return change_history(obj=session, limit=limit)
