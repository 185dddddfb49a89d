from django.urls import path

from districts import views

app_name = "districts"
urlpatterns = [
    path("", views.district_list, name="list"),
    path("<str:code>/", views.district_detail, name="detail"),
]
