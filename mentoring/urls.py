from django.urls import path, re_path

from mentoring import views

app_name = "mentoring"
urlpatterns = [
    # /mentoring/ — mentors, mentees and the table of all districts
    path("", views.mentoring_home, name="home"),
    re_path(r"^export\.(?P<fmt>xlsx|csv)$", views.export_table, name="export"),
    path("suggest/", views.suggest, name="suggest"),
    # Sessions and their follow-up actions
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    # Model trainers and rollout stages
    path("trainers/", views.trainer_list, name="trainers"),
    path("stage/<str:code>/", views.stage_edit, name="stage"),
    path("stage-proposals/<int:pk>/decide/", views.stage_decide, name="stage_decide"),
]
