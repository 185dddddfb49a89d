from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from api import (
    schema,  # noqa: F401  (registers the token scheme with drf-spectacular)
    views,
    views_evaluation,
    views_pages,
    views_training,
)

app_name = "api"

router = SimpleRouter()
router.register("districts", views.DistrictViewSet, basename="district")
router.register("communities", views.CommunityViewSet, basename="community")
router.register("activity-types", views.ActivityTypeViewSet, basename="activity-type")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("snapshots", views.SnapshotViewSet, basename="snapshot")
router.register("pairings", views.PairingViewSet, basename="pairing")
router.register("sessions", views.SessionViewSet, basename="session")
router.register("stage-changes", views.StageChangeViewSet, basename="stage-change")
router.register("lessons", views.LessonViewSet, basename="lesson")
router.register("handbook-editions", views.EditionViewSet, basename="edition")
router.register("courses", views_training.CourseViewSet, basename="course")
router.register("course-runs", views_training.CourseRunViewSet, basename="course-run")
router.register("attendance", views_training.AttendanceViewSet, basename="attendance")
router.register("assessments", views_training.AssessmentViewSet, basename="assessment")

urlpatterns = [
    # /api/v1/ — the JSON API, its schema and its documentation page
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", views_pages.docs, name="docs"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("evaluation/", views_evaluation.EvaluationView.as_view(), name="evaluation"),
    path("", include(router.urls)),
]
