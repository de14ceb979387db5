"""A private note is its author's alone, logs included: even with DEBUG logging on (and Django's
DEBUG too), saving one writes none of its words to any log line."""

import io
import logging

from careermap.conversations.models import Note
from careermap.core.logs import JsonFormatter, RequestIdFilter, TextFormatter
from tests.conversations.conftest import conversation  # noqa: F401  (the fixture)
from tests.conversations.copies import PageCopy

SECRET = "Thinking of leaving in spring, do not share"


def test_saving_a_private_note_with_debug_logging_logs_none_of_it(
    client,
    conversation,  # noqa: F811
    manager,
    settings,
):
    settings.DEBUG = True  # Django then records every SQL statement with its parameters
    stream = io.StringIO()
    handlers = []
    for formatter in (JsonFormatter(), TextFormatter()):
        handler = logging.StreamHandler(stream)
        handler.addFilter(RequestIdFilter())
        handler.setFormatter(formatter)
        handlers.append(handler)
    root, django_logs = logging.getLogger(), logging.getLogger("django")
    levels = root.level, django_logs.level
    for handler in handlers:
        root.addHandler(handler)
    # Everything at DEBUG, Django's own loggers included (which Django keeps at INFO).
    root.setLevel(logging.DEBUG)
    django_logs.setLevel(logging.DEBUG)
    try:
        client.force_login(manager.user)
        page = PageCopy(client, conversation, "private")
        page.insert(0, SECRET)
        page.sync()
    finally:
        for handler in handlers:
            root.removeHandler(handler)
        root.setLevel(levels[0])
        django_logs.setLevel(levels[1])
    assert Note.objects.get(private_to=manager).text == SECRET  # it was saved
    written = stream.getvalue()
    assert "POST /conversations/" in written  # the request itself is logged
    for words in (SECRET, "leaving in spring"):
        assert words not in written
