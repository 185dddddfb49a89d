from django.urls import path

from privacy import views, views_requests

app_name = "privacy"

urlpatterns = [
    # /privacy/ — the record of processing (h28b)
    path("", views.record_of_processing, name="record"),
    # /privacy/requests/… — a person's requests: find (POST), copy, erase, the log
    path("requests/", views_requests.find, name="find"),
    path("requests/export/", views_requests.export, name="export"),
    path("requests/erase/", views_requests.erase, name="erase"),
    path("requests/log/", views_requests.request_log, name="request_log"),
]
