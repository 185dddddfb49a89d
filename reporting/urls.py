from django.urls import path, register_converter

from reporting import views


class MonthConverter:
    """2568-style BE years are never used in URLs: ``2025-08``."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(MonthConverter, "yyyymm")

app_name = "reporting"
urlpatterns = [
    # The completeness grid and its export
    path("", views.completeness, name="completeness"),
    path("export.xlsx", views.completeness_export, name="export"),
    # The strategy office's pages
    path("deadlines/", views.deadlines, name="deadlines"),
    path("outliers/", views.outliers, name="outliers"),
    # One district's month
    path("<str:code>/<yyyymm:month>/", views.month_detail, name="month"),
    path("<str:code>/<yyyymm:month>/transition/", views.month_transition, name="transition"),
    # Notices (the bell)
    path("notices/", views.notices, name="notices"),
]
