from django.urls import path

from . import views

# The list and an opportunity's page show what the viewer's plan wants, so careermap/core/views.py
# serves them; careermap/urls.py files them here, as opportunities:list and opportunities:detail.
app_name = "opportunities"
urlpatterns = [
    path("new/", views.create, name="create"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
]
