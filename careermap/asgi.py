"""The application `careermap serve` runs: Django's pages, and live streams on the event loop
(careermap/live/bridge.py explains why it is built this way)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careermap.settings")

from django.core.wsgi import get_wsgi_application

from careermap.live.bridge import Bridge

application = Bridge(get_wsgi_application())
