"""A page that fails, for tests/core/test_request_logs.py."""

from django.urls import path


def fails(request):
    raise RuntimeError("the page broke")


urlpatterns = [path("fails/", fails)]
