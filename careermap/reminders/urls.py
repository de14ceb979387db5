from django.urls import path

from . import views

app_name = "reminders"
urlpatterns = [
    path("me/reminders/", views.reminder_list, name="list"),
    path("me/reminders/settings/", views.save_settings, name="settings"),
    path("me/reminders/read/", views.mark_all_read, name="read_all"),
    path("me/reminders/<int:pk>/read/", views.mark_read, name="read"),
]
