"""Every main page of the demo, as each role sees it on a 390-pixel phone: nothing is wider than
the screen, and axe-core finds no critical or serious accessibility problem. On every page a
keyboard user can skip to the content, open the collapsed navigation and close it again, and
after an HTMX update the focus lands in what arrived."""

import re
from pathlib import Path

import pytest

from careermap.conversations import demo as conversation_demo
from careermap.core import demo as joined_demo
from careermap.frameworks import demo as framework_demo
from careermap.opportunities import demo as opportunity_demo
from careermap.people import demo
from careermap.people.models import Person
from careermap.plans import demo as plan_demo
from careermap.plans.models import Plan
from careermap.practice import demo as practice_demo
from careermap.reminders import services as reminders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# axe-core, vendored for the tests only (scripts/vendor-assets.sh); never served by Careermap.
AXE = (Path(__file__).parent / "vendor" / "axe" / "axe.min.js").read_text()
# Run through the DevTools protocol before each page's own scripts, so the page's
# Content-Security-Policy (which would refuse an injected <script>) stays as it is.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => window.problem(
  "CSP " + e.violatedDirective + " " + e.blockedURI));
"""
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => v.id + " (" + v.impact + "): " + v.help + " | " +
      v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "));
}"""


def load_the_demo():
    """The organisation `careermap demo` builds, in the same steps."""
    demo.build_demo()
    framework_demo.load()
    conversation_demo.load()
    practice_demo.load()
    plan_demo.load()
    opportunity_demo.load()
    joined_demo.link_opportunities()
    reminders.sweep()


def sign_in(browser, base, email, problems):
    context = browser.new_context(viewport=PHONE)
    context.expose_binding("problem", lambda source, text: problems.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    context.add_init_script(AXE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("pageerror", lambda e: problems.append(f"script error on {page.url}: {e}"))
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def first_link(page, base, path, pattern):
    """The first link on `path` whose address matches `pattern`: a detail page to visit."""
    page.goto(base + path)
    for href in page.eval_on_selector_all("main a[href]", "els => els.map(e => e.pathname)"):
        if re.fullmatch(pattern, href):
            return href
    raise AssertionError(f"no link like {pattern} on {path}")


def check(page, base, paths):
    """Visits each page; returns what is wrong with them, page by page."""
    found = []
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide = page.evaluate(
                """() => [...document.querySelectorAll("main *")]
                  .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
                  .slice(-3).map((e) => e.tagName.toLowerCase() + "." + e.className)"""
            )
            found.append(f"{path}: {width} px wide ({', '.join(wide)})")
        found.extend(f"{path}: {v}" for v in page.evaluate(RUN_AXE))
    return found


ROLE = r"/framework/roles/(?!new/)[\w-]+/"


def with_a_plan() -> Person:
    """One of Daniel's reports whose plan the demo filled in (Maya has none yet)."""
    return Plan.objects.select_related("person").order_by("person__name").first().person


def member_pages(page, base, maya):
    return [
        "/",
        "/me/",
        "/team/",
        "/framework/",
        first_link(page, base, "/framework/", ROLE),
        first_link(page, base, "/framework/", r"/framework/skills/[\w-]+/"),
        "/conversations/",
        first_link(page, base, "/conversations/", r"/conversations/\d+/"),
        "/conversations/playbooks/",
        "/conversations/playbooks/career-aspirations/",
        "/conversations/playbooks/career-aspirations/guide/",
        "/opportunities/",
        first_link(page, base, "/opportunities/", r"/opportunities/\d+/"),
        "/practice/",
        "/me/reminders/",
        "/me/access-log/",
        f"/people/{maya.pk}/",
        f"/people/{maya.pk}/career/",
        f"/people/{maya.pk}/career/map/",
        f"/people/{maya.pk}/skills/",
        f"/people/{maya.pk}/plan/",  # none yet: the form to start one
        "/accounts/password_change/",
    ]


def planner_pages(page, base, maya):
    planner = with_a_plan()
    return [
        f"/people/{planner.pk}/plan/",
        f"/people/{planner.pk}/plan/history/",
        f"/people/{planner.pk}/plan/write-up/",
    ]


def manager_pages(page, base, maya):
    return [
        "/",
        "/me/",
        "/team/",
        "/team/at-a-glance/",
        "/conversations/",
        "/conversations/new/",
        first_link(page, base, "/conversations/", r"/conversations/\d+/"),
        "/practice/",
        first_link(page, base, "/practice/", r"/practice/scenarios/[\w-]+/"),
        first_link(page, base, "/practice/", r"/practice/lessons/[\w-]+/"),
        first_link(page, base, "/practice/", r"/practice/attempts/\d+/feedback/"),
        "/practice/pairs/",
        f"/people/{maya.pk}/",
        f"/people/{maya.pk}/career/",
        f"/people/{maya.pk}/skills/",
        f"/people/{with_a_plan().pk}/plan/",
        f"/people/{with_a_plan().pk}/plan/check-in/",
        f"/people/{with_a_plan().pk}/plan/write-up/",
    ]


def hr_pages(page, base, maya):
    return [
        "/",
        "/insights/",
        "/me/",
        "/people/",
        "/people/import/",
        "/people/erasures/",
        f"/people/{maya.pk}/",
        f"/people/{maya.pk}/edit/",
        "/framework/",
        "/framework/import/",
        first_link(page, base, "/framework/", ROLE),
        first_link(page, base, "/framework/", ROLE) + "bench/",
        "/framework/roles/new/",
        "/opportunities/",
        "/opportunities/new/",
        "/practice/insights/",
    ]


@pytest.mark.parametrize(
    "email, pages",
    [
        ("maya.chen@example.com", member_pages),
        (None, planner_pages),
        ("daniel.okafor@example.com", manager_pages),
        ("rosa.delgado@example.com", hr_pages),
    ],
    ids=["team member", "team member with a plan", "manager", "hr admin"],
)
def test_every_main_page_fits_a_phone_and_passes_axe(live_server, browser, email, pages):
    load_the_demo()
    base = live_server.url
    problems = []
    page = sign_in(browser, base, email or with_a_plan().email, problems)
    maya = Person.objects.get(email="maya.chen@example.com")
    found = check(page, base, pages(page, base, maya))
    assert found == []
    assert problems == []
    page.context.close()


def focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.id || e.getAttribute('aria-controls') || e.textContent.trim(); }"
    )


def test_skip_link_and_navigation_by_keyboard(live_server, browser):
    demo.build_demo()
    base = live_server.url
    problems = []
    page = sign_in(browser, base, "daniel.okafor@example.com", problems)
    page.goto(f"{base}/team/")

    # The first Tab reaches the skip link, shown once focused; Enter puts the focus on main.
    page.keyboard.press("Tab")
    assert focused(page) == "Skip to content"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert focused(page) == "main"

    # The menu is collapsed behind its button; the keyboard opens it, Escape closes it.
    menu = page.locator("#site-menu")
    toggle = page.locator("button.nav-toggle")
    assert toggle.is_visible() and not menu.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    page.goto(f"{base}/team/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")
    assert focused(page) == "site-menu"
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    page.keyboard.press("Tab")
    assert focused(page) == "Me"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # My team
    page.wait_for_url(f"{base}/team/")
    assert not menu.is_visible()  # a new page starts collapsed
    toggle.press("Enter")
    assert menu.is_visible()
    page.keyboard.press("Escape")
    assert not menu.is_visible() and focused(page) == "site-menu"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

    # On a wide screen the menu is simply there, and the button is not.
    page.set_viewport_size({"width": 1280, "height": 900})
    assert menu.is_visible() and not toggle.is_visible()
    assert problems == []
    page.context.close()


def test_focus_moves_into_what_htmx_brought(live_server, browser):
    """Opening a step's update form from the keyboard puts the focus in the form, not back at
    the top of the page; the link says which step it updates."""
    load_the_demo()
    base = live_server.url
    problems = []
    planner = with_a_plan()
    page = sign_in(browser, base, planner.email, problems)
    page.goto(f"{base}/people/{planner.pk}/plan/")
    update = page.locator(".steps-table a", has_text="Update").first
    name = update.evaluate("(a) => a.textContent")
    assert re.fullmatch(r"Update step: .+", name), name
    assert page.get_by_role("link", name=name).count() == 1
    update.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('.step-status-form') !== null")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert problems == []
    page.context.close()
