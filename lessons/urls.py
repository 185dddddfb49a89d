from django.urls import path

from lessons import views

app_name = "lessons"
urlpatterns = [
    path("", views.lesson_list, name="list"),
    path("review/", views.review_queue, name="review_queue"),
    path("new/", views.lesson_create, name="create"),
    path("preview/", views.markdown_preview, name="preview"),
    path("activities/", views.activity_picker, name="activity_picker"),
    path("<int:pk>/", views.lesson_detail, name="detail"),
    path("<int:pk>/edit/", views.lesson_edit, name="edit"),
    path("<int:pk>/transition/", views.lesson_transition, name="transition"),
]
