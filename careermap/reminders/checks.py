from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def base_url_set(app_configs, **kwargs):
    """Reminder e-mails link back to Careermap: a local address would send people nowhere."""
    host = urlsplit(settings.CAREERMAP_BASE_URL).hostname or ""
    if host in {"", "localhost", "127.0.0.1", "::1"}:
        return [
            Warning(
                f"CAREERMAP_BASE_URL is {settings.CAREERMAP_BASE_URL!r}: links in reminder "
                "e-mails will not open for anyone else.",
                hint="Set it to the address people open Careermap at, "
                "e.g. https://careers.example.com.",
                id="careermap.W101",
            )
        ]
    return []
