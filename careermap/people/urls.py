from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("team/", views.team, name="team"),
    path("people/", views.directory, name="directory"),
    path("people/import/", views.import_people, name="import"),
    path("people/<int:pk>/", views.detail, name="detail"),
    path("people/<int:pk>/edit/", views.edit, name="edit"),
]
