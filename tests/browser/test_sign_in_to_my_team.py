import pytest

from careermap.people import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_manager_signs_in_and_reaches_my_team(live_server, page):
    demo.build_demo()
    page.goto(live_server.url)
    assert page.locator("h1").inner_text() == "Sign in"
    page.fill("input[name=username]", "daniel.okafor@example.com")
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert "Daniel Okafor" in page.locator("h1").inner_text()
    page.click("nav >> text=My team")
    page.wait_for_url(f"{live_server.url}/team/")
    cards = page.locator(".team-card")
    assert cards.count() == 7
    assert page.locator(".team-card", has_text="Maya Chen").count() == 1
    # Nobody from another team is on the page.
    assert "Grace Liu" not in page.content()


def test_wrong_password_then_right_one(live_server, page):
    demo.build_demo()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "maya.chen@example.com")
    page.fill("input[name=password]", "not-her-password")
    page.click("button[type=submit]")
    assert page.locator("[role=alert]").is_visible()
    assert page.input_value("input[name=username]") == "maya.chen@example.com"
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.click("nav >> text=My team")
    assert page.locator("text=Nobody reports to you").is_visible()


def test_hr_admin_searches_the_directory_as_they_type(live_server, page):
    demo.build_demo()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "rosa.delgado@example.com")
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.click("nav >> text=People")
    assert page.locator("#directory").inner_text().startswith("60 people")
    page.fill("input[name=q]", "okafor")
    # A function, not a bare expression: Playwright would eval() that in the page, and the
    # Content-Security-Policy forbids eval.
    page.wait_for_function(
        "() => document.getElementById('directory').innerText.includes('1 match')"
    )
    assert page.locator("#directory tbody tr").count() == 1
    assert "q=okafor" in page.url
