"""From conversation to plan, end to end: Maya's plan is built from the next steps she and
Daniel agreed, she finishes a step with evidence, Daniel records a check-in with a roadblock,
his team page shows it and the plan's PDF write-up has all of it."""

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from careermap.conversations import demo as conversation_demo
from careermap.conversations import services as conversations
from careermap.conversations.models import Conversation
from careermap.people import demo
from careermap.people.models import Person
from tests.browser.test_conversation import open_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _close_the_demo_conversation():
    """Daniel and Maya hold the demo's career aspirations conversation and agree a stretch
    project (the conversation itself is driven in the browser in test_conversation.py)."""
    daniel = Person.objects.get(email="daniel.okafor@example.com")
    maya = Person.objects.get(email="maya.chen@example.com")
    held = Conversation.objects.get(host=daniel, guest=maya, playbook_key="career-aspirations")
    conversations.add_next_step(
        held,
        actor=daniel.user,
        what="Lead the upcoming security project",
        owner=maya,
        due_on=dt.date.today() + dt.timedelta(days=30),
        support="Two days a week protected; Daniel takes her on-call shifts",
    )
    conversations.close(
        held,
        actor=daniel.user,
        version=held.version,
        summary="Maya aims to lead; the security project is the first step.",
        follow_up_on=dt.date.today() + dt.timedelta(days=28),
        write_up_wanted=True,
    )
    return maya


def test_plan_from_next_steps_to_check_in_and_write_up(live_server, browser):
    demo.build_demo()
    conversation_demo.load()
    maya_person = _close_the_demo_conversation()
    base = live_server.url

    # Maya starts her plan: the agreed next step comes in by itself.
    maya = open_as(browser, base, "maya.chen@example.com")
    maya.goto(f"{base}/me/")  # signing in lands on her home; her page has the tabs
    maya.click(".tabs >> text=Plan")
    maya.fill("textarea[name=goal]", "Lead a platform team within two years")
    maya.click("button:has-text('Start the plan')")
    step_row = maya.locator("tr", has_text="Lead the upcoming security project")
    assert "Daniel takes her on-call shifts" in step_row.inner_text()

    # She finishes it, with the evidence.
    step_row.locator("a:has-text('Update')").click()  # the form is fetched when asked for
    step_row.locator("select[name=status]").select_option("done")
    reflection = "Harder than I thought; asking for help early paid off"
    step_row.locator("textarea[name=reflection]").fill(reflection)
    step_row.locator("button:has-text('Save')").click()
    # Done without evidence is refused, next to the field, keeping what she typed.
    maya.wait_for_selector("text=Say what shows it is done")
    assert maya.input_value("textarea[name=reflection]") == reflection
    maya.fill("textarea[name=evidence]", "Threat model reviewed and signed off")
    maya.click("button:has-text('Save')")
    done_row = maya.locator("tr", has_text="Lead the upcoming security project")
    assert "Done" in done_row.inner_text()
    assert "Threat model reviewed and signed off" in done_row.inner_text()
    assert maya.locator(".plan-glance").inner_text().startswith("1 done")

    # Daniel records a check-in on her plan, with a roadblock, and books the next one.
    daniel = open_as(browser, base, "daniel.okafor@example.com")
    daniel.goto(f"{base}/people/{maya_person.pk}/plan/")
    daniel.click("a[role=button]:has-text('Record a check-in')")
    assert "Threat model reviewed" in daniel.locator("aside").inner_text()  # done since
    objective = daniel.locator("fieldset.progress-row").first
    objective.locator("select").select_option("done")
    objective.locator("textarea").fill("Shipped a week early")
    daniel.fill("textarea[name=summary]", "Security project done; next: mentoring a junior.")
    daniel.fill("textarea[name=roadblocks]", "No junior joins before March")
    daniel.click("button:has-text('Record the check-in')")
    assert "Check-in recorded" in daniel.locator(".messages").inner_text()
    assert "No junior joins before March" in daniel.locator("#timeline").inner_text()

    # His team page shows it.
    daniel.click("nav >> text=My team")
    daniel.click("text=Conversations and plans at a glance")
    row = daniel.locator("tr", has_text="Maya Chen")
    text = row.inner_text()
    assert "1 of 1 steps done" in text and "No junior joins before March" in text
    assert f"last {dt.date.today():%-d %b %Y}" in text

    # The write-up she keeps has all of it.
    maya.goto(f"{base}/people/{maya_person.pk}/plan/")
    maya.click("text=Write-up to keep")
    with maya.expect_download() as download:
        maya.click("text=PDF")
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    pdf_text = " ".join(p.extract_text() for p in pdf.pages)
    for expected in (
        "Lead a platform team within two years",
        "Lead the upcoming security project",
        "Threat model reviewed and signed off",
        "Shipped a week early",
        "No junior joins before March",
    ):
        assert expected in pdf_text, expected
    for page in (maya, daniel):
        page.context.close()
