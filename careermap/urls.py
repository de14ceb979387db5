from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django_ratelimit.decorators import ratelimit

from careermap.people import views as people_views
from careermap.people.forms import PasswordResetRequestForm

# Password-reset requests send e-mail: a few an hour from one address is plenty for a person
# and stops anyone using Careermap to flood inboxes. The e-mail goes through the task queue.
reset_password = ratelimit(key="ip", rate="5/h", method="POST", block=True)(
    auth_views.PasswordResetView.as_view(form_class=PasswordResetRequestForm)
)

urlpatterns = [
    path("", people_views.home, name="home"),
    path("accounts/password_reset/", reset_password, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("careermap.frameworks.urls")),
    path("", include("careermap.plans.urls")),
    path("", include("careermap.audit.urls")),
    path("conversations/", include("careermap.conversations.urls")),
    path("opportunities/", include("careermap.opportunities.urls")),
    path("", include("careermap.reminders.urls")),
    path("", include("careermap.people.urls")),
]
