from django.urls import path, re_path

from communities import views
from communities.io import views as views_io

app_name = "communities"
urlpatterns = [
    # /communities/ — the registry
    path("", views.community_list, name="list"),
    path("new/", views.community_create, name="create"),
    path("<int:pk>/", views.community_detail, name="detail"),
    path("<int:pk>/edit/", views.community_edit, name="edit"),
    path("<int:pk>/delete/", views.community_delete, name="delete"),
    path("<int:pk>/step/", views.community_step, name="step"),
    path("<int:pk>/snapshots/new/", views.snapshot_create, name="snapshot_create"),
    path("search.json", views.community_search, name="search"),
    # /communities/activities/ — activity records
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    # Export (the list's filters as query parameters) and import
    re_path(r"^export\.(?P<fmt>xlsx|csv)$", views_io.export_communities, name="export"),
    re_path(
        r"^activities/export\.(?P<fmt>xlsx|csv)$",
        views_io.export_activities,
        name="activity_export",
    ),
    path("import/", views_io.import_upload, name="import"),
    path("import/template.xlsx", views_io.import_template, name="import_template"),
    path("import/<str:token>/", views_io.import_preview, name="import_preview"),
    path("import/<str:token>/confirm/", views_io.import_confirm, name="import_confirm"),
]
