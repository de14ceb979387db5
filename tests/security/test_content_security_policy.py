"""Every page carries a Content-Security-Policy under which a script slipped into it would not
run: scripts come from Careermap's own files or carry the response's nonce, never from inline
code or event-handler attributes, and no inline style is needed either.

Walks every page of the access matrix for every role that may open it, and the pages and HTMX
parts the matrix does not name (sign-in, error pages, edit forms loaded into the plan page).
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from careermap.frameworks import services as framework_services
from careermap.frameworks.models import Role, Skill
from careermap.plans.models import Objective, Step
from tests import test_access_matrix as matrix

# The matrix's cast (its people, a conversation, an opportunity), a fixture here too.
cast = matrix.cast

# Every page the matrix opens (writes redirect; they are in WRITTEN_TO), for each role it opens for.
MATRIX_PAGES = [
    (page, role)
    for page, codes in matrix.MATRIX.items()
    if page not in matrix.WRITTEN_TO
    for role, code in zip(matrix.ROLES, codes, strict=True)
    if code == 200
]


def _skill(content):
    return Skill.objects.filter(retired=False).first().key  # the one career_content rated


# Pages and parts the matrix does not name: (role, url from the cast, HTMX request or not).
OTHER_PAGES = {
    "sign_in": ("anonymous", lambda c, content: reverse("login"), False),
    "password_reset": ("anonymous", lambda c, content: reverse("password_reset"), False),
    "missing_page": ("report", lambda c, content: "/no-such-page/", False),
    "missing_page_anonymous": ("anonymous", lambda c, content: "/no-such-page/", False),
    "closed_to_role": ("report", lambda c, content: reverse("people:directory"), False),
    "password_change": ("report", lambda c, content: reverse("password_change"), False),
    "playbook": (
        "report",
        lambda c, content: reverse("conversations:playbook", args=["career-aspirations"]),
        False,
    ),
    "playbook_guide": (
        "report",
        lambda c, content: reverse("conversations:guide", args=["career-aspirations"]),
        False,
    ),
    "schedule": ("manager", lambda c, content: reverse("conversations:schedule"), False),
    "directory_search": (
        "hr",
        lambda c, content: reverse("people:directory") + "?q=Rita",
        True,
    ),
    "skill": (
        "report",
        lambda c, content: reverse("frameworks:skill", args=[_skill(content)]),
        False,
    ),
    "skill_history": (
        "report",
        lambda c, content: reverse("frameworks:history", args=[content.guest.pk, _skill(content)]),
        False,
    ),
    "skill_history_part": (
        "report",
        lambda c, content: reverse("frameworks:history", args=[content.guest.pk, _skill(content)]),
        True,
    ),
    "rating_form_part": (
        "report",
        lambda c, content: reverse("frameworks:rate", args=[content.guest.pk, _skill(content)]),
        True,
    ),
    "objective_edit_page": (
        "manager",
        lambda c, content: reverse(
            "plans:edit_objective",
            args=[content.guest.pk, Objective.objects.get(plan__person=content.guest).pk],
        ),
        False,
    ),
    "objective_edit_part": (
        "manager",
        lambda c, content: reverse(
            "plans:edit_objective",
            args=[content.guest.pk, Objective.objects.get(plan__person=content.guest).pk],
        ),
        True,
    ),
    "step_edit_part": (
        "manager",
        lambda c, content: reverse(
            "plans:edit_step",
            args=[content.guest.pk, Step.objects.get(objective__plan__person=content.guest).pk],
        ),
        True,
    ),
    "map_panel_part": (
        "report",
        lambda c, content: (
            reverse("frameworks:career", args=[content.guest.pk]) + "?target=engineering-l4&panel=1"
        ),
        True,
    ),
}


@pytest.fixture
def content(career_content, report):
    """The report's career content, and a current role so that their career page suggests
    next roles (each with a readiness bar)."""
    framework_services.set_current_role(
        report, actor=None, role=Role.objects.get(key="engineering-l3")
    )
    return career_content


class _Page(HTMLParser):
    """The scripts (attributes and inline text), and every attribute of every element."""

    def __init__(self):
        super().__init__()
        self.scripts, self.attributes, self._script = [], [], None

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag == "script":
            self._script = [dict(attrs), ""]
            self.scripts.append(self._script)

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_nothing_inline_runs(response):
    """The response's policy refuses inline code, and the page needs none: every inline script
    carries the response's nonce, no element has an event-handler or style attribute, and no
    HTMX attribute evaluates code."""
    assert response["Content-Type"].startswith("text/html")
    directives = _directives(response)
    script_src = directives["script-src"]
    nonces = [v for v in script_src if re.fullmatch(r"'nonce-[A-Za-z0-9+/]{22}=='", v)]
    assert len(nonces) == 1, script_src
    nonce = nonces[0][len("'nonce-") : -1]
    assert set(script_src) == {"'self'", nonces[0]}
    for name in ("script-src", "style-src", "default-src"):
        assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"} & set(
            directives[name]
        ), name
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["connect-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]

    page = _Page()
    page.feed(response.content.decode())
    for attrs, text in page.scripts:
        if attrs.get("type") == "application/json":
            continue  # data for a script (json_script), never run; cached parts carry them
        if "src" in attrs:  # allowed by 'self': Careermap's own files, the admin's included
            assert attrs["src"].startswith("/static/"), attrs
        else:
            assert attrs.get("nonce") == nonce, text[:80]
    for tag, name, value in page.attributes:
        assert not name.startswith("on"), (tag, name, value)
        assert name != "style", (tag, value)
        assert not name.startswith(("hx-on", "data-hx-on")), (tag, name)
        assert not re.match(r"\s*(js|javascript):", value, re.I), (tag, name, value)
    assert "<style" not in response.content.decode()


def _get(client, cast, role, url, htmx=False):
    if role != "anonymous":
        client.force_login(cast[role])
    return client.get(url, headers={"HX-Request": "true"} if htmx else {})


@pytest.mark.parametrize(("page", "role"), MATRIX_PAGES)
def test_every_page_of_the_matrix_refuses_inline_code(client, cast, content, page, role):
    method, url, _ = matrix._prepare(page, cast)
    assert method == "get"
    response = _get(client, cast, role, url)
    assert response.status_code == 200, (page, role)
    if not response["Content-Type"].startswith("text/html"):
        return  # a calendar file, a spreadsheet, the live notes' event stream
    assert_nothing_inline_runs(response)


@pytest.mark.parametrize("page", OTHER_PAGES)
def test_pages_and_parts_outside_the_matrix_refuse_inline_code(client, cast, content, page):
    role, url, htmx = OTHER_PAGES[page]
    response = _get(client, cast, role, url(cast, content), htmx)
    expected = {"missing_page": 404, "missing_page_anonymous": 404, "closed_to_role": 403}
    assert response.status_code == expected.get(page, 200)
    assert_nothing_inline_runs(response)


def test_the_pages_with_scripts_tag_them_with_the_nonce(client, cast, content):
    """The career page's readiness bars, the plan's chart, the map and the conversation are
    the pages that used inline style or script: they still have what they draw with."""
    client.force_login(cast["report"])
    report = cast["people"]["report"]
    career = client.get(reverse("frameworks:career", args=[report.pk])).content.decode()
    assert '<progress class="bar" max="100" value="' in career
    plan = client.get(reverse("plans:plan", args=[report.pk]))
    assert 'id="skill-chart"' in plan.content.decode()
    assert "js/skill-chart.js" in plan.content.decode()
    map_page = client.get(reverse("frameworks:map", args=[report.pk])).content.decode()
    assert "js/career-map.js" in map_page and 'id="__________cytoscape_stylesheet"' in map_page
    conversation = client.get(content.get_absolute_url()).content.decode()
    assert "js/conversation.js" in conversation
    for response in (plan, client.get(reverse("frameworks:map", args=[report.pk]))):
        assert_nothing_inline_runs(response)


def test_each_response_has_a_nonce_of_its_own(client, cast):
    client.force_login(cast["report"])
    first, second = (_directives(client.get(reverse("people:me")))["script-src"] for _ in "ab")
    assert first != second


def test_a_refused_form_shows_careermaps_own_page(cast):
    """A form sent without its CSRF token gets Careermap's page, under the same policy
    (Django's own page for it has an inline <style>)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["report"])
    response = client.post(reverse("people:me"), {})
    assert response.status_code == 403
    assert "This form was not sent" in response.content.decode()
    assert_nothing_inline_runs(response)


def test_other_security_headers(client, cast):
    client.force_login(cast["report"])
    response = client.get(reverse("people:me"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    # HSTS only in production, where Careermap is served over HTTPS (tests/core/test_production.py).
    assert "Strict-Transport-Security" not in response
