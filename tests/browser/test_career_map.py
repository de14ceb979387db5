import pytest

from careermap.frameworks import demo as framework_demo
from careermap.frameworks.models import SkillRating
from careermap.people import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/me/")  # the career tabs are on the Me page; sign-in lands on home


def test_member_picks_a_target_on_the_map_and_manager_rates_her(live_server, browser):
    demo.build_demo()
    framework_demo.load()
    base = live_server.url

    maya = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    maya.set_default_timeout(10_000)
    sign_in(maya, base, "maya.chen@example.com")
    maya.click("nav.tabs >> text=Career map")
    # A function, not a bare expression: Playwright would eval() that in the page, and the
    # Content-Security-Policy forbids eval.
    maya.wait_for_function("() => window.careerMap && window.careerMap.nodes().length > 20")
    # Click the Staff Software Engineer node where Cytoscape drew it.
    box = maya.locator("#career-map").bounding_box()
    spot = maya.evaluate("() => careerMap.getElementById('engineering-l4').renderedPosition()")
    maya.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    panel = maya.locator("#map-panel")
    panel.locator("text=Staff Software Engineer").first.wait_for()
    assert "% ready" in panel.inner_text()
    panel.locator("button", has_text="Aim for this role").click()
    maya.wait_for_url("**/career/?target=engineering-l4")
    gap = maya.locator("#gap")
    assert "Staff Software Engineer" in gap.inner_text()
    assert "skill gaps" in gap.inner_text().lower()
    routes = maya.locator(".path").first.inner_text()
    assert "route 1: 1 step" in routes.lower() and "Staff Software Engineer" in routes
    assert "Build " in routes  # the milestone names the skills to build

    daniel = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    daniel.set_default_timeout(10_000)
    sign_in(daniel, base, "daniel.okafor@example.com")
    daniel.click("nav >> text=My team")
    daniel.click("text=Maya Chen")
    daniel.click("nav.tabs >> text=Career")
    assert "Staff Software Engineer" in daniel.locator(".target-list").inner_text()
    daniel.click("nav.tabs >> text=Skills")
    row = daniel.locator("#skill-planning")
    row.locator("a", has_text="Rate as manager").click()
    row.locator("select[name=level]").select_option("4")
    row.locator("textarea[name=evidence]").fill("Planned the Q3 migration end to end")
    row.locator("button", has_text="Save rating").click()
    daniel.locator("#skill-planning .saved").wait_for()
    maya.context.close()
    daniel.context.close()
    assert (
        SkillRating.objects.get(
            person__email="maya.chen@example.com", skill__key="planning"
        ).manager_level
        == 4
    )
