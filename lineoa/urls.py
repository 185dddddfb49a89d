from django.urls import path

from lineoa import views

app_name = "lineoa"
urlpatterns = [
    path("webhook/", views.webhook, name="webhook"),
]
