from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("me/access-log/", views.access_log, name="log"),
]
