from django.urls import path

from scheduled import views

app_name = "scheduled"
urlpatterns = [
    # /reports/monthly/ — the user's own subscriptions; a subscription by its public code.
    path("", views.subscriptions, name="subscriptions"),
    path("<str:code>/delete/", views.subscription_delete, name="delete"),
]
