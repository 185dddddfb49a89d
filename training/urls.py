from django.urls import path, re_path

from training import views, views_attendance, views_public

app_name = "training"
urlpatterns = [
    # /training/ — courses and their tests
    path("training/", views.course_list, name="course_list"),
    path("training/courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("training/courses/<int:pk>/questions/new/", views.question_edit, name="question_create"),
    path(
        "training/courses/<int:pk>/questions/<int:question_pk>/",
        views.question_edit,
        name="question_edit",
    ),
    # Runs, their sessions and people
    path("training/runs/", views.run_list, name="run_list"),
    path("training/runs/new/", views.run_create, name="run_create"),
    path("training/runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("training/runs/<int:pk>/edit/", views.run_edit, name="run_edit"),
    path("training/runs/<int:pk>/status/", views.run_status, name="run_status"),
    path("training/runs/<int:pk>/certify/", views.run_certify, name="run_certify"),
    path("training/runs/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("training/runs/<int:pk>/participants/new/", views.enrol, name="enrol"),
    path(
        "training/runs/<int:pk>/participants/<int:participant_pk>/withdraw/",
        views.withdraw,
        name="withdraw",
    ),
    # Attendance: the trainer's sheet, the projector, the participant's phone
    path("training/sessions/<int:pk>/", views_attendance.attendance_sheet, name="attendance"),
    path(
        "training/sessions/<int:pk>/check-in/",
        views_attendance.checkin_projector,
        name="checkin_projector",
    ),
    path(
        "training/sessions/<int:pk>/check-in/open/",
        views_attendance.checkin_open,
        name="checkin_open",
    ),
    path(
        "training/sessions/<int:pk>/check-in/close/",
        views_attendance.checkin_close,
        name="checkin_close",
    ),
    path("training/check-in/", views_attendance.checkin, name="checkin"),
    path("training/runs/<int:pk>/tests/<str:kind>/", views_attendance.take_test, name="take_test"),
    # Coverage per district
    path("training/coverage/", views_public.coverage, name="coverage"),
    re_path(
        r"^training/coverage/export\.(?P<fmt>xlsx|csv)$",
        views_public.coverage_export,
        name="coverage_export",
    ),
    # Certificates: public, no login (an unknown or altered code is a 404)
    path("certificates/<str:code>.pdf", views_public.certificate_pdf, name="certificate_pdf"),
    path("certificates/<str:code>/", views_public.certificate_check, name="certificate"),
]
