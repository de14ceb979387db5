from django.contrib import admin
from django.urls import include, path

from careermap.people import views as people_views

admin.site.site_header = "Careermap administration"
admin.site.site_title = "Careermap"

urlpatterns = [
    path("", people_views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("careermap.frameworks.urls")),
    path("conversations/", include("careermap.conversations.urls")),
    path("", include("careermap.people.urls")),
]
