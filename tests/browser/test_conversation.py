"""The worked example, end to end: a manager and a team member hold a career aspirations
conversation; she enjoyed integrating systems across teams and wants to lead, he offers the
security project with support for her workload."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from careermap.conversations.models import Conversation
from careermap.people import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_as(browser, base, email):
    # Each person in their own browser context; closed by the `browser` fixture's teardown
    # would be too late: an open page keeps its event stream to the live server open.
    page = browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def test_career_aspirations_conversation_from_invite_to_write_up(live_server, browser):
    demo.build_demo()
    base = live_server.url

    # The manager schedules it from Maya's page.
    daniel = open_as(browser, base, "daniel.okafor@example.com")
    daniel.click("nav >> text=My team")
    daniel.click("text=Maya Chen")
    daniel.click("text=Schedule a conversation")
    daniel.select_option("select[name=playbook]", "career-aspirations")
    daniel.fill("input[name=time]", "10:00")
    daniel.fill("input[name=place]", "Small room 3.2")
    daniel.click("button:has-text('Schedule')")
    daniel.wait_for_url("**/conversations/*/")
    url = daniel.url
    daniel.fill("input[name=text]", "The upcoming security project")
    daniel.click("#agenda button:has-text('Add')")

    # She prepares, saved as she types, and shares her reflection.
    maya = open_as(browser, base, "maya.chen@example.com")
    maya.goto(url)
    assert "The upcoming security project" in maya.locator("#agenda").inner_text()
    maya.fill("#answer-strengths", "Getting different teams' systems to work together")
    maya.wait_for_selector("text=Draft saved, not shared.")
    maya.click("button:has-text('Share with Daniel Okafor')")
    maya.wait_for_selector("text=Saved and shared.")
    daniel.reload()
    assert "Getting different teams" in daniel.locator(".their-reflection").inner_text()

    # They hold it: both write in the shared notes at the same moment; both edits survive.
    maya.fill("#private-notes", "Maya private: nervous about the on-call load")
    daniel.fill("#private-notes", "Daniel private: check the training budget")
    for page, words in (
        (maya, "Maya: loved the platform integration work. "),
        (daniel, "Daniel: offered to lead the security project. "),
    ):
        page.click("#shared-notes")
        page.keyboard.type(words)
    for page in (maya, daniel):
        page.wait_for_function(
            "() => { const t = document.querySelector('#shared-notes').value;"
            " return t.includes('platform integration') && t.includes('security project'); }",
            timeout=15_000,
        )
        page.wait_for_selector("[data-status-for=private-notes]:has-text('Saved.')")

    # The stretch project, with the support that keeps her workload manageable.
    daniel.reload()
    daniel.fill("#next-steps input[name=what]", "Lead the upcoming security project")
    daniel.select_option("#next-steps select[name=owner]", label="Maya Chen")
    daniel.fill(
        "#next-steps input[name=support]",
        "Two days a week protected; Daniel takes her on-call shifts",
    )
    daniel.click("button:has-text('Add next step')")
    assert "Daniel takes her on-call shifts" in daniel.locator("#next-steps").inner_text()

    # Close-out and the write-up.
    daniel.fill(
        "textarea[name=summary]",
        "Maya aims to lead; the security project is the first step, with her workload protected.",
    )
    daniel.click("button:has-text('Close and write up')")
    daniel.wait_for_url("**/write-up/")
    with daniel.expect_download() as download:
        daniel.click("text=PDF")
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "platform integration" in text and "security project" in text
    assert "on-call shifts" in text
    assert "nervous" not in text and "training budget" not in text
    for page in (maya, daniel):
        page.context.close()
    held, follow_up = Conversation.objects.order_by("starts_at")
    assert held.status == "closed"
    assert follow_up.playbook_key == "development-check-in" and follow_up.status == "scheduled"
