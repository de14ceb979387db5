"""The persona's wording from the organisation's own model server (optional).

Careermap's engine decides everything that matters in a practice: what kind of line the
practiser said, which facts it earned, and the feedback. An organisation that runs its own
language model behind an OpenAI-compatible endpoint (vLLM, llama.cpp's server, Ollama, a
gateway) can let that model say the engine's answer in a more natural voice. The model is
given the persona's card, the situation, what the persona has already told, the practiser's
line and the engine's answer, and asked to say the same thing in its own words. It is never
given a fact the engine has not revealed, so it cannot give away what the practiser has not
earned.

Any failure (no answer in time, an error status, a reply that is empty, too long or not JSON)
raises Unavailable; the caller then uses the engine's own wording and says so on the page.
No Django here: the endpoint is passed in (see endpoint_from_settings in services).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from .scenarios import Scenario

LONGEST_REPLY = 800  # characters: a spoken turn, not a speech


class Unavailable(Exception):
    """The model server gave no usable wording."""


@dataclass(frozen=True)
class Endpoint:
    url: str  # the API's base, e.g. http://10.0.0.7:8000/v1
    model: str
    api_key: str = ""
    timeout: float = 8.0


def messages(scenario: Scenario, revealed: list[str], line: str, draft: str) -> list[dict]:
    """The chat the model is sent: the persona and what it may say, then the turn."""
    person = scenario.persona
    told = [fact.text for fact in scenario.facts if fact.key in revealed]
    card = "\n".join(
        [
            f"You are {person.name}, {person.role}, in a career conversation at work.",
            f"Your temperament: {person.temperament}.",
            f"Your history: {person.history}",
            f"The situation: {scenario.situation}",
            "What you have told so far:",
            *(f"- {text}" for text in told or ["(nothing yet)"]),
            "",
            "Each turn gives the other person's line and DRAFT, your answer. Say DRAFT again in "
            "your own natural voice, in character, in at most three sentences. Keep its meaning: "
            "add no fact, plan, name or feeling that is not in DRAFT or in what you have told. "
            "Answer with the words you say and nothing else.",
        ]
    )
    turn = f"They said: {line}\nDRAFT: {draft}"
    return [{"role": "system", "content": card}, {"role": "user", "content": turn}]


def reword(endpoint: Endpoint, scenario: Scenario, revealed: list[str], line: str, draft: str):
    """The model's wording of `draft`, or Unavailable."""
    body = {
        "model": endpoint.model,
        "messages": messages(scenario, revealed, line, draft),
        "temperature": 0.3,
        "max_tokens": 200,
    }
    headers = {"Content-Type": "application/json"}
    if endpoint.api_key:
        headers["Authorization"] = f"Bearer {endpoint.api_key}"
    request = urllib.request.Request(  # noqa: S310 (the operator's configured endpoint)
        endpoint.url.rstrip("/") + "/chat/completions",
        data=json.dumps(body).encode(),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=endpoint.timeout) as answer:  # noqa: S310
            data = json.loads(answer.read())
        text = data["choices"][0]["message"]["content"]
    except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
        # OSError covers refused connections, timeouts and HTTP error statuses (HTTPError).
        raise Unavailable(f"{type(error).__name__}: {error}") from None
    text = text.strip() if isinstance(text, str) else ""
    if not text or len(text) > LONGEST_REPLY:
        raise Unavailable("empty or overlong reply")
    return text
