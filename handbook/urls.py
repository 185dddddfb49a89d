from django.urls import path

from handbook import views

app_name = "handbook"
urlpatterns = [
    path("", views.handbook_home, name="home"),
    path("build/", views.build, name="build"),
    path("preview/", views.preview, name="preview"),
    path("editions/<int:pk>/", views.edition_detail, name="edition"),
    path("editions/<int:pk>/status.json", views.edition_status, name="edition_status"),
    path("editions/<int:pk>/download/", views.edition_download, name="download"),
    path("editions/<int:pk>/publish/", views.edition_publish, name="publish"),
    path("editions/<int:pk>/rebuild/", views.edition_rebuild, name="rebuild"),
    path("front-matter/<str:key>/", views.front_matter_edit, name="front_matter"),
    path("curriculum/new/", views.module_edit, name="module_new"),
    path("curriculum/<int:pk>/", views.module_edit, name="module_edit"),
    path("curriculum/<int:pk>/delete/", views.module_delete, name="module_delete"),
]
