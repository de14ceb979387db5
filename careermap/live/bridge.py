"""How `careermap serve` runs Django: every request on one thread, live streams on none.

Pages are ordinary Django views (WSGI). Each server process runs them one at a time on one
thread that keeps its database connection, exactly as a synchronous worker would, so a page
costs the same here as under a plain WSGI server (measured: docs/benchmarks.md).

The event stream of an open page is different: it stays open for as long as the page does.
Its view decides who may listen to what (careermap/access.py) and answers an `EventStream`;
this bridge then hands the connection to the process's event loop (careermap/live/hub.py),
where an open page costs a queue and an idle socket instead of a worker. Django's own ASGI
handler was measured too: it opens a thread, and so a database connection, per request, and
made pages two to three times slower.
"""

from __future__ import annotations

import asyncio
import io
import sys
from concurrent.futures import ThreadPoolExecutor

# Request bodies are read whole before the view runs (CSV imports are the largest).
MAX_BODY = 64 * 1024 * 1024


class Bridge:
    def __init__(self, wsgi_application):
        self.wsgi = wsgi_application
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="django")

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > MAX_BODY:
                await _plain(send, 413, b"Request too large.")
                return
            if not message.get("more_body"):
                break
        environ = _environ(scope, bytes(body))
        loop = asyncio.get_running_loop()
        status, headers, content = await loop.run_in_executor(self.thread, self._run, environ)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": headers,
            }
        )
        if _is_event_stream(content):
            await _stream(content.channels, receive, send)
        else:
            await send({"type": "http.response.body", "body": content})

    def _run(self, environ):
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer["status"] = int(status.split(" ", 1)[0])
            answer["headers"] = [
                (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers
            ]

        result = self.wsgi(environ, start_response)
        try:
            if _is_event_stream(result):
                return answer["status"], answer["headers"], result
            content = b"".join(result)
        finally:
            # Ends the request for Django (request_finished: database connections are
            # recycled as usual); an event stream's view has done all its database work.
            close = getattr(result, "close", None)
            if close is not None:
                close()
        return answer["status"], answer["headers"], content


def _is_event_stream(answer) -> bool:
    # careermap.live.responses.EventStream, recognised without importing it (and with it
    # Careermap's models): benchmarks/ratio.py serves a bare Django project through this bridge
    # too, so that it is served exactly as Careermap is.
    return getattr(answer, "is_event_stream", False)


async def _stream(channels, receive, send) -> None:
    from .hub import stream

    async def write():
        async for text in stream(channels):
            await send({"type": "http.response.body", "body": text.encode(), "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    async def hang_up():
        while (await receive())["type"] != "http.disconnect":
            pass

    # Whichever ends first ends both: the stream (after its time is up, or when the browser's
    # queue overflowed) or the browser (the page was closed: its queue is given up at once).
    writing, gone = asyncio.ensure_future(write()), asyncio.ensure_future(hang_up())
    try:
        await asyncio.wait({writing, gone}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (writing, gone):
            task.cancel()
        await asyncio.gather(writing, gone, return_exceptions=True)


async def _plain(send, status: int, text: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": text})


async def _lifespan(receive, send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def _environ(scope, body: bytes) -> dict:
    server = scope.get("server") or ("localhost", 80)
    environ = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": scope.get("root_path", "").encode("utf-8").decode("latin-1"),
        # WSGI carries the path as bytes decoded as latin-1 (PEP 3333); Django re-decodes it.
        "PATH_INFO": scope["path"].encode("utf-8").decode("latin-1"),
        "QUERY_STRING": scope["query_string"].decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1] or 80),
        "SERVER_PROTOCOL": f"HTTP/{scope['http_version']}",
        "REMOTE_ADDR": (scope.get("client") or ("", 0))[0],
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for raw_name, raw_value in scope["headers"]:
        name, value = raw_name.decode("latin-1"), raw_value.decode("latin-1")
        if name == "content-type":
            environ["CONTENT_TYPE"] = value
        elif name != "content-length":
            key = "HTTP_" + name.upper().replace("-", "_")
            environ[key] = f"{environ[key]},{value}" if key in environ else value
    return environ
