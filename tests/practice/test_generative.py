"""The optional model server, faked on loopback: its wording is used when it answers well, it
never sees a fact the practiser has not earned, and every failure is an Unavailable the page
falls back from (careermap/practice/generative.py)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from careermap.practice import generative, scenarios

SCENARIO = scenarios.library()["aspirations-and-workload"]


class FakeModelServer:
    """An OpenAI-compatible /chat/completions on a free loopback port; `mode` says how it
    behaves: "ok", "error" (500), "slow" (answers after the client gave up), "garbage"."""

    def __init__(self):
        self.mode = "ok"
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append({"path": self.path, "headers": dict(self.headers), **body})
                if fake.mode == "error":
                    self.send_error(500)
                    return
                if fake.mode == "slow":
                    time.sleep(1.5)
                reply = (
                    b"not json"
                    if fake.mode == "garbage"
                    else json.dumps(
                        {
                            "choices": [
                                {
                                    "message": {
                                        "role": "assistant",
                                        "content": " Honestly? I loved the migration work. ",
                                    }
                                }
                            ]
                        }
                    ).encode()
                )
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake():
    server = FakeModelServer()
    yield server
    server.close()


def _endpoint(url, **kwargs):
    return generative.Endpoint(url=url, model="house-model", timeout=0.5, **kwargs)


def test_the_models_wording_is_used_and_it_sees_only_what_was_earned(fake):
    first, second = SCENARIO.facts[0], SCENARIO.facts[1]
    text = generative.reword(
        _endpoint(fake.url, api_key="s3cret"),
        SCENARIO,
        revealed=[first.key],
        line="What have you enjoyed most this year?",
        draft=first.text,
    )
    assert text == "Honestly? I loved the migration work."
    sent = fake.requests[0]
    assert sent["path"] == "/v1/chat/completions" and sent["model"] == "house-model"
    assert sent["headers"]["Authorization"] == "Bearer s3cret"
    chat = json.dumps(sent["messages"])
    assert SCENARIO.persona.name in chat and first.text in chat
    assert "What have you enjoyed most this year?" in chat
    assert second.text not in chat  # not earned yet: the model cannot give it away


@pytest.mark.parametrize("mode", ["error", "slow", "garbage"])
def test_a_failing_model_server_is_unavailable(fake, mode):
    fake.mode = mode
    started = time.monotonic()
    with pytest.raises(generative.Unavailable):
        generative.reword(_endpoint(fake.url), SCENARIO, [], "Hello", "Hi.")
    assert time.monotonic() - started < 1.4  # the timeout holds: the page does not hang


def test_a_server_that_is_not_there_is_unavailable(fake):
    url = fake.url
    fake.close()
    with pytest.raises(generative.Unavailable):
        generative.reword(_endpoint(url), SCENARIO, [], "Hello", "Hi.")
