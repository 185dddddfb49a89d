"""Any change to the records the dashboard counts makes its cached figures stale.

The dashboard listens to the models' own signals (connected in ``DashboardConfig.ready()``, so
no writer imports the dashboard). A change marks the data-version keys of the districts it
touches (bangphlat/versions.py): dated records (activities, mentoring sessions, targets) the
key of their district and fiscal year, the others the district's own key; the kernel bumps
them once per transaction, after it commits. Writes that send no signals (bulk inserts,
``update()``, a month's approval) call ``bangphlat.versions.data_changed`` themselves. The
activity sums themselves are kept by database triggers (dashboard/summary.py), in the writer's
transaction.
"""

from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from bangphlat.thai import fiscal_year_of
from bangphlat.versions import data_changed as mark_stale
from bangphlat.versions import district_key


def _key(district_id, on=None):
    return district_key(district_id, fiscal_year_of(on) if on is not None else None)


def _remember_activity_date(instance, **kwargs):
    # Only if loaded: reading a deferred field here would cost a query per instance.
    instance._dashboard_loaded_date = instance.__dict__.get("date")


def _activity_changed(instance, **kwargs):
    dates = {instance.__dict__.get("date"), getattr(instance, "_dashboard_loaded_date", None)}
    dates.discard(None)
    district_id = instance.__dict__.get("district_id")
    if district_id is None or not dates:
        mark_stale({"epoch"})  # too little known: make everything stale
    else:
        mark_stale({_key(district_id, on) for on in dates})
    instance._dashboard_loaded_date = instance.__dict__.get("date")


def _district_record_changed(instance, **kwargs):
    mark_stale({_key(instance.district_id)})


def _target_changed(instance, **kwargs):
    mark_stale({district_key(instance.district_id, instance.fiscal_year)})


def _transition_changed(instance, **kwargs):
    mark_stale({_key(instance.lesson.district_id)})


def _pairing_changed(instance, **kwargs):
    mark_stale({_key(instance.mentor_id), _key(instance.mentee_id)})


def _session_keys(session, mentee_ids=None):
    if mentee_ids is None:
        mentee_ids = set(session.mentees.values_list("pk", flat=True)) if session.pk else set()
    return {_key(d, session.date) for d in {session.mentor_id, *mentee_ids}} | {
        _key(d)
        for d in {session.mentor_id, *mentee_ids}  # overdue follow-ups are undated
    }


def _session_changed(instance, **kwargs):
    mark_stale(_session_keys(instance))


def _follow_up_changed(instance, **kwargs):
    mark_stale(_session_keys(instance.session))


def _mentees_changed(instance, pk_set, **kwargs):
    from mentoring.models import MentoringSession

    if isinstance(instance, MentoringSession):  # the current mentees and those added/removed
        mark_stale(_session_keys(instance) | _session_keys(instance, pk_set or ()))
    else:  # changed from the district's side: the sessions are the pk_set
        for session in MentoringSession.objects.filter(pk__in=pk_set or ()):
            mark_stale(_session_keys(session) | {_key(instance.pk)})


def _everything_changed(**kwargs):
    mark_stale({"epoch"})  # a district's name or stage shows on other districts' rows too


def connect():
    from communities.models import Activity, Community
    from dashboard.models import DistrictTarget
    from districts.models import District
    from lessons.models import Lesson, Transition
    from mentoring.models import FollowUp, MentoringSession, Pairing

    post_init.connect(_remember_activity_date, sender=Activity, dispatch_uid="dashboard-init")
    handlers = [
        (Activity, _activity_changed),
        (Community, _district_record_changed),
        (Lesson, _district_record_changed),
        (Transition, _transition_changed),  # lesson edits save with .update()
        (DistrictTarget, _target_changed),
        (District, _everything_changed),
        (FollowUp, _follow_up_changed),
        (MentoringSession, _session_changed),
        (Pairing, _pairing_changed),
    ]
    for model, handler in handlers:
        post_save.connect(handler, sender=model, dispatch_uid=f"dashboard-save-{model.__name__}")
        post_delete.connect(
            handler, sender=model, dispatch_uid=f"dashboard-delete-{model.__name__}"
        )
    m2m_changed.connect(
        _mentees_changed, sender=MentoringSession.mentees.through, dispatch_uid="dashboard-mentees"
    )
