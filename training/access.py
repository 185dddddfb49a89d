"""Who may do what with courses, runs and their people (built on accounts/roles.py).

- Staff of a pilot district run courses for their own district; the strategy office and
  administrators for any pilot; staff of other districts run none.
- A run is seen by its host district, the districts it invites, the strategy office,
  administrators and the people enrolled in it.
- Participants' names and phone numbers are personal data, as interviewees' are
  (``districts.access.can_view_personal_data``: the district's own staff and administrators):
  here the host district that collected them, the person's own district, the person, the one
  who created the run and administrators. Everyone else who may see the run sees counts, not names.
"""

from django.db.models import Q, QuerySet

from accounts.roles import is_staff_of, sees_all_districts
from districts.access import can_view_personal_data
from training.models import ParticipantStatus


def _is_pilot_staff(user) -> bool:
    if not user.is_authenticated:
        return False
    if not user.is_district_staff:
        return False
    return user.district is not None and user.district.is_pilot


def can_run_courses(user) -> bool:
    """Whether the user may create runs at all (the "new run" button)."""
    if sees_all_districts(user):
        return True
    return _is_pilot_staff(user)


def can_create_run(user, host) -> bool:
    """A run hosted by ``host``: its own staff if it is a pilot, or the strategy office."""
    if not host.is_pilot:
        return False
    if sees_all_districts(user):
        return True
    return is_staff_of(user, host)


def can_manage_run(user, run) -> bool:
    """Sessions, enrolment, attendance, scores, check-in, completion of a run."""
    if sees_all_districts(user):
        return True
    return is_staff_of(user, run.host)


def can_view_run(user, run) -> bool:
    if not user.is_authenticated:
        return False
    if sees_all_districts(user):
        return True
    if is_staff_of(user, run.host):
        return True
    if user.district_id is not None and user.district_id in _target_ids(run):
        return True
    return run.participants.filter(user=user).exists()


def _target_ids(run) -> set[int]:
    cached = getattr(run, "_target_ids", None)
    if cached is None:
        cached = {d.pk for d in run.target_districts.all()}
        run._target_ids = cached
    return cached


def runs_visible_to(user, queryset: QuerySet) -> QuerySet:
    """The same rule as ``can_view_run`` as a filter on a queryset of runs."""
    if not user.is_authenticated:
        return queryset.none()
    if sees_all_districts(user):
        return queryset
    seen = Q(participants__user=user)
    if user.district_id is not None:
        seen |= Q(host_id=user.district_id) | Q(target_districts=user.district_id)
    return queryset.filter(pk__in=queryset.filter(seen).values("pk"))


def can_view_participant_personal_data(user, participant) -> bool:
    """Name, phone and community of one participant (else the person is only counted): the
    district rule for residents' personal data (``districts.access.can_view_personal_data``)
    for the host that recorded them and for the person's own district, plus the person
    themselves and whoever created the run."""
    if can_view_personal_data(user, participant.run.host):
        return True
    if can_view_personal_data(user, participant.district):
        return True
    if participant.user_id is not None and participant.user_id == user.pk:
        return True
    return user.is_authenticated and participant.run.created_by_id == user.pk


def can_take_test(user, participant) -> bool:
    """A participant answers the pre/post test on their own phone while enrolled."""
    if not user.is_authenticated:
        return False
    if participant.user_id != user.pk:
        return False
    return participant.status == ParticipantStatus.ENROLLED


def can_edit_course(user, course) -> bool:
    """A course and its test: the pilot that wrote it, or the strategy office."""
    if sees_all_districts(user):
        return True
    if course.district_id is None:
        return False
    return is_staff_of(user, course.district)


def can_create_course(user) -> bool:
    return can_run_courses(user)


def can_revoke_certificate(user, certificate) -> bool:
    return can_manage_run(user, certificate.participant.run)


def can_take_test_by_code(participant, personal_code: str) -> bool:
    """A person without an account answers their own test with their personal code."""
    if not participant.personal_code:
        return False
    code = "".join(str(personal_code).split()).upper()
    return bool(code) and participant.personal_code == code
