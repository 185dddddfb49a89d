from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    # /privacy/ — the record of processing (h28b)
    path("", views.record_of_processing, name="record"),
    # /privacy/requests/… — find, export and erase one person's data (h28a)
]
