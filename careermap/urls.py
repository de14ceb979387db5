from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django_ratelimit.decorators import ratelimit

from careermap.core import erasure_views
from careermap.core import views as core_views
from careermap.home import views as home_views
from careermap.opportunities import urls as opportunity_urls
from careermap.people import urls as people_urls
from careermap.people.forms import PasswordResetRequestForm

# Password-reset requests send e-mail: a few an hour from one address is plenty for a person
# and stops anyone using Careermap to flood inboxes. The e-mail goes through the task queue.
reset_password = ratelimit(key="ip", rate="5/h", method="POST", block=True)(
    auth_views.PasswordResetView.as_view(form_class=PasswordResetRequestForm)
)

# Pages composed above the apps (careermap/core/views.py) keep their names among the pages they
# belong with, so links and the navigation are the same as for the app's own pages.
people_pages = [
    path("me/", core_views.me, name="me"),
    path("people/erasures/", erasure_views.erasures, name="erasures"),
    path("people/<int:pk>/erase/", erasure_views.erase_person, name="erase"),
    *people_urls.urlpatterns,
]
opportunity_pages = [
    path("", core_views.opportunity_list, name="list"),
    path("<int:pk>/", core_views.opportunity_detail, name="detail"),
    *opportunity_urls.urlpatterns,
]

urlpatterns = [
    path("", home_views.home, name="home"),
    path("accounts/password_reset/", reset_password, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("careermap.frameworks.urls")),
    path("", include("careermap.plans.urls")),
    path("", include("careermap.audit.urls")),
    path("conversations/", include("careermap.conversations.urls")),
    path("", include("careermap.practice.urls")),
    path("opportunities/", include((opportunity_pages, opportunity_urls.app_name))),
    path("", include("careermap.reminders.urls")),
    path("", include("careermap.insights.urls")),
    path("", include((people_pages, people_urls.app_name))),
]
