from django.urls import path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    # /evaluation/ — the page; /evaluation/<panel|results>.<csv|xlsx> — its downloads
    path("", views.home, name="home"),
    path("<slug:what>.<slug:fmt>", views.download, name="download"),
]
