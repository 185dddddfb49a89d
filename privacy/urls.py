from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    # The record of processing (PDPA s.39), for every logged-in user.
    path("", views.record_of_processing, name="record"),
]
