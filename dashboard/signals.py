"""Any change to the records the dashboard counts makes its cached figures stale."""

from django.db.models.signals import m2m_changed, post_delete, post_save


def _bump(**kwargs):
    from dashboard.selectors import bump_version

    bump_version()


def connect():
    from communities.models import Activity, Community
    from dashboard.models import DistrictTarget
    from districts.models import District
    from lessons.models import Lesson
    from mentoring.models import FollowUp, MentoringSession, Pairing

    for model in (
        Activity,
        Community,
        DistrictTarget,
        District,
        Lesson,
        FollowUp,
        MentoringSession,
        Pairing,
    ):
        post_save.connect(_bump, sender=model, dispatch_uid=f"dashboard-save-{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"dashboard-delete-{model.__name__}")
    m2m_changed.connect(
        _bump, sender=MentoringSession.mentees.through, dispatch_uid="dashboard-mentees"
    )
