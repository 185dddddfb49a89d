from django.urls import path

from dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard, name="home"),
    path("export.xlsx", views.export_xlsx, name="export"),
    path("print.pdf", views.print_pdf, name="print"),
    path("targets/", views.targets, name="targets"),
    path("mentor/", views.mentor_view, name="mentor"),
]
