from django.urls import path, re_path

from opendata import views

app_name = "opendata"
urlpatterns = [
    # /open-data/ — public, aggregated figures (no login)
    path("", views.home, name="home"),
    re_path(r"^(?P<fiscal_year>\d{4})\.(?P<fmt>csv|xlsx|json)$", views.download, name="download"),
]
