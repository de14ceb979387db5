from django.urls import path

from . import views

# The Me page gathers several apps' parts, so careermap/core/views.py serves it; careermap/urls.py
# files it here, as people:me.
app_name = "people"
urlpatterns = [
    path("team/", views.team, name="team"),
    path("people/", views.directory, name="directory"),
    path("people/import/", views.import_people, name="import"),
    path("people/<int:pk>/", views.detail, name="detail"),
    path("people/<int:pk>/edit/", views.edit, name="edit"),
]
