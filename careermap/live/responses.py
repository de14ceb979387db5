"""The response a view answers to open a page's event stream."""

from __future__ import annotations

from django.http import StreamingHttpResponse

from . import events


class EventStream(StreamingHttpResponse):
    """Server-sent events on the given channels: "ready" once listening, then each update.

    Under `careermap serve` the stream is carried by the event loop (careermap/live/bridge.py)
    and this object's own content is never read. Under a server with a thread per request
    (the test server, `runserver`, plain WSGI) the content below is the stream: it polls,
    and ends after a while so the thread is freed; the browser reconnects by itself.
    """

    is_event_stream = True  # how careermap/live/bridge.py tells it from a page

    def __init__(self, channels: list[str]):
        self.channels = list(channels)
        super().__init__(events.blocking_stream(self.channels), content_type="text/event-stream")
        self["Cache-Control"] = "no-cache, no-store"
        # Proxies such as nginx would otherwise hold the events back to fill their buffers.
        self["X-Accel-Buffering"] = "no"
