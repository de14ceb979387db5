"""Each role's home in a real browser, on a desktop and on a phone: what it shows, acting on
one item from it, and no sideways scrolling at 390 pixels."""

import pytest

from careermap.conversations import demo as conversation_demo
from careermap.people import demo
from careermap.plans import demo as plan_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def organisation(framework):
    demo.build_demo()
    conversation_demo.load()
    plan_demo.load()


def sign_in(browser, base, email, size):
    width, height = SIZES[size]
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def assert_fits(page, width):
    """Nothing on the home page's content is wider than the screen."""
    widest = page.evaluate("() => document.querySelector('main').scrollWidth")
    assert widest <= width, f"main is {widest}px wide on a {width}px screen"


@pytest.mark.parametrize("size", SIZES)
def test_manager_follows_prepare_to_the_conversation(live_server, browser, organisation, size):
    page = sign_in(browser, live_server.url, "daniel.okafor@example.com", size)
    assert page.locator("h2", has_text="Your team this week").is_visible()
    assert_fits(page, SIZES[size][0])
    prepare = page.get_by_role("link", name="Prepare: Career aspirations with Maya Chen")
    assert "Moving towards leading a team" in page.content()  # Maya's agenda topic
    prepare.focus()
    page.keyboard.press("Enter")  # keyboard usable: the link is reached and followed
    page.wait_for_url("**/conversations/*/")
    assert "Career aspirations" in page.locator("h1").inner_text()
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_team_member_goes_to_write_her_reflection(live_server, browser, organisation, size):
    page = sign_in(browser, live_server.url, "maya.chen@example.com", size)
    assert page.get_by_text("Career aspirations with Daniel Okafor").is_visible()
    assert page.locator("h2", has_text="Your team this week").count() == 0
    assert_fits(page, SIZES[size][0])
    page.get_by_role("link", name="Write your reflection").click()
    page.wait_for_url("**/conversations/*/#prepare")
    assert page.locator("#prepare").is_visible()
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_hr_admin_who_manages_sees_the_team_first_then_the_organisation(
    live_server, browser, organisation, size
):
    page = sign_in(browser, live_server.url, "rosa.delgado@example.com", size)
    headings = page.locator("main h2").all_inner_texts()
    assert headings.index("Your team this week") < headings.index("The organisation at a glance")
    assert page.locator(".home-figures dd").first.inner_text() == "60"
    assert_fits(page, SIZES[size][0])
    page.get_by_role("link", name="Open the people directory").click()
    page.wait_for_url("**/people/")
    page.context.close()
