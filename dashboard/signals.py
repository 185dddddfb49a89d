"""Any change to the records the dashboard counts makes its cached figures stale.

An activity changes the token of its fiscal year (and of the year it was in before, if its
date was edited), so only that year's activity slice is recomputed; any other counted record
changes the token of the assembled figures. The tokens are written in the writer's transaction.
"""

from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from bangphlat.thai import fiscal_year_of


def _bump(**kwargs):
    from dashboard.selectors import bump_version

    bump_version(fiscal_years=())


def _remember_activity_date(instance, **kwargs):
    # Only if loaded: reading a deferred field here would cost a query per instance.
    instance._dashboard_loaded_date = instance.__dict__.get("date")


def _bump_activity(instance, **kwargs):
    from dashboard.selectors import bump_version

    dates = {instance.__dict__.get("date"), getattr(instance, "_dashboard_loaded_date", None)}
    years = [fiscal_year_of(d) for d in dates if d is not None]
    if years:
        bump_version(fiscal_years=years)
    else:  # no date known: make everything stale
        bump_version()
    instance._dashboard_loaded_date = instance.__dict__.get("date")


def connect():
    from communities.models import Activity, Community
    from dashboard.models import DistrictTarget
    from districts.models import District
    from lessons.models import Lesson, Transition
    from mentoring.models import FollowUp, MentoringSession, Pairing

    post_init.connect(_remember_activity_date, sender=Activity, dispatch_uid="dashboard-init")
    post_save.connect(_bump_activity, sender=Activity, dispatch_uid="dashboard-save-Activity")
    post_delete.connect(_bump_activity, sender=Activity, dispatch_uid="dashboard-delete-Activity")
    for model in (
        Community,
        DistrictTarget,
        District,
        Lesson,
        Transition,  # lesson edits save with .update(); every status change records one
        FollowUp,
        MentoringSession,
        Pairing,
    ):
        post_save.connect(_bump, sender=model, dispatch_uid=f"dashboard-save-{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"dashboard-delete-{model.__name__}")
    m2m_changed.connect(
        _bump, sender=MentoringSession.mentees.through, dispatch_uid="dashboard-mentees"
    )
