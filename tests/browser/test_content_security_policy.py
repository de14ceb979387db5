"""A manager and an HR admin walk Careermap's main pages in Chromium under its
Content-Security-Policy: the browser reports no violation, and what used inline script, inline
event handlers or inline style still works (the live notes save, the chart and the career map
draw, HTMX forms load and save, a removal asks first)."""

import pytest

from careermap.conversations import demo as conversation_demo
from careermap.conversations.models import Conversation, Note
from careermap.frameworks import demo as framework_demo
from careermap.frameworks.models import SkillRating
from careermap.people import demo
from careermap.people.models import Person
from careermap.plans import demo as plan_demo
from careermap.plans import services as plans
from careermap.plans.models import Step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs in every page before its own scripts (through the browser's DevTools protocol, which
# the page's policy does not govern) and hands each violation the page reports to the test.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => window.cspViolation({
  page: location.pathname, directive: e.violatedDirective, blocked: e.blockedURI,
  sample: e.sample,
}));
"""


@pytest.fixture
def walk(live_server, browser):
    """open(email) -> a signed-in page; and the violations, console errors and uncaught
    script errors of every page opened."""
    problems = {"violations": [], "console": [], "errors": []}
    contexts = []

    def open_as(email):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        contexts.append(context)
        context.expose_binding("cspViolation", lambda source, v: problems["violations"].append(v))
        context.add_init_script(REPORT_VIOLATIONS)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on(
            "console",
            lambda m: m.type == "error" and problems["console"].append((page.url, m.text)),
        )
        page.on("pageerror", lambda e: problems["errors"].append((page.url, str(e))))
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", email)
        page.fill("input[name=password]", demo.DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield open_as, problems
    for context in contexts:  # before the live server stops: the notes' stream is open
        context.close()


def _csp_messages(problems):
    return [m for m in problems["console"] if "Content Security Policy" in m[1]]


def test_the_policy_is_enforced_and_the_listener_hears_it(walk):
    """The browser refuses an inline script and an inline style put into a page, and says so:
    the walk below would hear of any violation."""
    demo.build_demo()
    open_as, problems = walk
    page = open_as("daniel.okafor@example.com")
    ran = page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.appendChild(script);
          document.querySelector("main").setAttribute("style", "color: red");
          return window.injected === true;
        }"""
    )
    assert not ran
    page.wait_for_timeout(300)  # the reports arrive as events
    directives = {v["directive"] for v in problems["violations"]}
    assert {"script-src-elem", "style-src-attr"} <= directives, problems["violations"]
    assert _csp_messages(problems)


def test_main_pages_run_without_a_violation(live_server, walk):
    demo.build_demo()
    framework_demo.load()
    conversation_demo.load()
    plan_demo.load()
    base = live_server.url
    daniel_person = Person.objects.get(email="daniel.okafor@example.com")
    maya = Person.objects.get(email="maya.chen@example.com")
    conversation = Conversation.objects.get(
        host=daniel_person, guest=maya, playbook_key="career-aspirations"
    )
    # Maya's skills have been assessed over time (the demo's), so her plan has a chart.
    plan = plans.start_plan(maya, actor=maya.user, goal="Lead a platform team")
    objective = plans.add_objective(plan, actor=maya.user, title="Run the security project")
    step = plans.add_step(objective, actor=maya.user, what="Write the threat model")
    open_as, problems = walk
    daniel = open_as("daniel.okafor@example.com")

    for path in [
        "/",
        "/me/",
        "/team/",
        "/team/at-a-glance/",
        "/framework/",
        "/conversations/",
        "/conversations/playbooks/",
        "/conversations/playbooks/career-aspirations/guide/",
        "/opportunities/",
        "/me/reminders/",
        "/me/access-log/",
        maya.get_absolute_url(),
        f"/people/{maya.pk}/career/",
    ]:
        assert daniel.goto(base + path).status == 200, path
    # The readiness bars on the career page are <progress> elements now, not inline widths.
    assert daniel.locator("progress.bar").count() > 0

    # The live notes: typed, sent, saved.
    daniel.goto(base + conversation.get_absolute_url())
    daniel.click("#shared-notes")
    daniel.keyboard.type("Maya wants to lead the security project")
    daniel.locator("[data-status-for=shared-notes]", has_text="Saved.").wait_for()
    note = Note.objects.get(conversation=conversation, private_to=None, question_key="")
    assert note.text == "Maya wants to lead the security project"

    # The career map draws, and a click on a role loads its panel through HTMX.
    daniel.goto(f"{base}/people/{maya.pk}/career/map/")
    daniel.wait_for_function("() => window.careerMap && window.careerMap.nodes().length > 20")
    box = daniel.locator("#career-map").bounding_box()
    spot = daniel.evaluate("() => careerMap.getElementById('engineering-l4').renderedPosition()")
    daniel.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    panel = daniel.locator("#map-panel")
    panel.locator("text=Staff Software Engineer").first.wait_for()
    assert "% ready" in panel.inner_text()

    # A rating form loaded and saved through HTMX.
    daniel.goto(f"{base}/people/{maya.pk}/skills/")
    row = daniel.locator("#skill-planning")
    row.locator("a", has_text="Rate as manager").click()
    row.locator("select[name=level]").select_option("2")
    row.locator("button", has_text="Save rating").click()
    daniel.locator("#skill-planning .saved").wait_for()
    rating = SkillRating.objects.get(person=maya, skill__key="planning")
    assert rating.manager_level == 2

    # The plan's chart is drawn on its canvas.
    daniel.goto(f"{base}/people/{maya.pk}/plan/")
    daniel.wait_for_function(
        """() => {
          const canvas = document.getElementById("skill-chart");
          if (!canvas || !window.Chart || !Chart.getChart(canvas)) return false;
          const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
          return pixels.data.some((value, i) => i % 4 === 3 && value > 0);
        }"""
    )

    # A step's edit form comes in through HTMX; its removal asks first, and "no" keeps it.
    daniel.locator(f"#step-form-{step.pk} a", has_text="Edit").click()
    remove = daniel.locator(f"#step-form-{step.pk} button", has_text="Remove the step")
    asked = []
    daniel.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    remove.click()
    daniel.wait_for_timeout(300)
    assert asked == ["Remove this step? It stays in the plan's history."]
    assert Step.objects.filter(pk=step.pk).exists()
    daniel.once("dialog", lambda d: d.accept())
    remove.click()
    daniel.locator(".message", has_text="Removed").wait_for()
    assert not Step.objects.filter(pk=step.pk).exists()

    # An HR admin's directory search, typed and answered through HTMX.
    hr = open_as("kwame.asante@example.com")
    hr.goto(f"{base}/people/")
    hr.fill("input[name=q]", "Maya")
    hr.wait_for_url("**/people/?q=Maya")
    hr.locator("#directory", has_text="Maya Chen").wait_for()

    assert problems["violations"] == []
    assert _csp_messages(problems) == []
    assert problems["errors"] == []
