"""A manager practises the aspirations-and-workload scenario on a phone, twice: first with
closed and leading questions (the feedback says so, and little comes out), then with open,
probing ones (more comes out, and the feedback is better). The page never scrolls sideways,
and the browser reports no Content-Security-Policy violation or script error."""

import re

import pytest

from careermap.people import demo
from careermap.practice import demo as practice_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCENARIO = "aspirations-and-workload"
PHONE = {"width": 390, "height": 844}

CLOSED_AND_LEADING = [
    "Are you happy in your current role?",
    "You'd be up for leading the new project, wouldn't you?",
    "Is your workload okay at the moment?",
    "Surely more responsibility is what you want, right?",
    "Do you want to stay on the platform team?",
]
OPEN_AND_PROBING = [
    "What have you enjoyed most in your work over the last year?",
    "Tell me more about that. What made it so satisfying?",
    "Where would you like your career to be in a couple of years?",
    "What skills would you like to build next?",
    "It sounds like you've been carrying a lot lately; thank you for being open about it.",
    "How is your workload at the moment, honestly?",
    "What support would you need to take on something new alongside your current work?",
    "What kind of opportunity would excite you most?",
]

REPORT_PROBLEMS = """
document.addEventListener("securitypolicyviolation", (e) => window.problem(
  "CSP " + e.violatedDirective + " " + e.blockedURI));
"""


def sign_in(browser, base, email, problems):
    context = browser.new_context(viewport=PHONE)
    context.expose_binding("problem", lambda source, text: problems.append(text))
    context.add_init_script(REPORT_PROBLEMS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("pageerror", lambda e: problems.append(f"error {e}"))
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def scrolls_sideways(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def play(page, base, lines, *, late_tab=False) -> tuple[int, str]:
    """Plays the scenario with `lines`; returns the facts found and the feedback's text. With
    `late_tab`, a second tab left open on the attempt tries a line after it is finished."""
    page.goto(f"{base}/practice/scenarios/{SCENARIO}/")
    assert not scrolls_sideways(page)
    page.click("button:has-text('Start')")
    page.wait_for_url("**/practice/attempts/*/")
    for n, line in enumerate(lines):
        answers = page.locator(".turn-persona").count()
        page.fill("#say-text", line)
        if n % 2:  # from the keyboard, every other line
            page.press("#say-text", "Control+Enter")
        else:
            page.click("button:has-text('Say it')")
        page.wait_for_function(
            f"() => document.querySelectorAll('.turn-persona').length > {answers}"
        )
        # The box is emptied and has the focus, ready for the next line.
        page.wait_for_function("() => document.activeElement.id === 'say-text'")
        assert page.input_value("#say-text") == ""
    assert line in page.locator(".transcript").inner_text()
    assert not scrolls_sideways(page)
    found = int(re.search(r"(\d+) of \d+ things", page.inner_text(".practice-side")).group(1))
    other = page.context.new_page() if late_tab else None
    if other:
        other.goto(page.url)
    page.click("button:has-text('Finish and see feedback')")
    page.wait_for_url("**/feedback/")
    if other:  # told in place, with the words it did not send
        other.fill("#say-text", "One last thing?")
        other.click("button:has-text('Say it')")
        other.wait_for_selector("text=This practice is finished")
        assert "One last thing?" in other.inner_text("#practice")
        other.close()
    assert not scrolls_sideways(page)
    return found, page.inner_text("main")


def test_closed_questions_then_open_ones_on_a_phone(live_server, browser):
    demo.build_demo()
    practice_demo.load()
    base = live_server.url
    problems = []
    page = sign_in(browser, base, "daniel.okafor@example.com", problems)

    # The demo's past attempt: his history is not empty.
    page.goto(f"{base}/practice/")
    assert "Last score" in page.inner_text("#scenarios")
    assert not scrolls_sideways(page)

    first_found, first = play(page, base, CLOSED_AND_LEADING, late_tab=True)
    assert "Closed question" in first and "Leading question" in first
    first_score = int(page.inner_text("[data-role=score]"))

    second_found, _ = play(page, base, OPEN_AND_PROBING)
    second_score = int(page.inner_text("[data-role=score]"))
    assert second_found > first_found
    assert second_found >= 3
    assert second_score > first_score

    # Both attempts in the history, the better one last.
    page.goto(f"{base}/practice/")
    row = page.locator("#history tr", has_text="Aspirations and a stretch project")
    trail = [int(score) for score in row.locator(".score-trail a").all_inner_texts()]
    assert len(trail) == 3 and trail[1:] == [first_score, second_score]  # the demo's first
    assert problems == []
    page.context.close()


def test_rehearsing_the_demo_conversation_shows_only_what_maya_shared(live_server, browser):
    """Daniel rehearses his conversation with Maya: while her reflection is a draft the persona
    knows only the agenda; once she shares it, asking well brings out her words."""
    from careermap.conversations import services as conversations
    from careermap.conversations.demo import load as load_conversations
    from careermap.conversations.models import Conversation

    demo.build_demo()
    load_conversations()
    conversation = Conversation.objects.get()
    maya = conversation.guest
    draft = "Honestly the Quokka migration was my favourite work, and I would like to lead a team"
    conversations.save_reflection(
        conversation, actor=maya.user, answers={"enjoyed-work": draft}, version=0
    )
    base = live_server.url
    problems = []
    page = sign_in(browser, base, "daniel.okafor@example.com", problems)

    def rehearse() -> str:
        page.goto(f"{base}/conversations/{conversation.pk}/")
        page.click("text=Rehearse this conversation")
        page.wait_for_url("**/rehearse/")
        assert not scrolls_sideways(page)
        brief = page.inner_text("main")
        page.click("button:has-text('Start the rehearsal')")
        page.wait_for_url("**/practice/attempts/*/")
        for line in (
            "What have you enjoyed most in your work over the last year?",
            "Where would you like your career to go next?",
        ):
            answers = page.locator(".turn-persona").count()
            page.fill("#say-text", line)
            page.click("button:has-text('Say it')")
            page.wait_for_function(
                f"() => document.querySelectorAll('.turn-persona').length > {answers}"
            )
        assert not scrolls_sideways(page)
        return brief + page.inner_text("main")

    seen = rehearse()
    assert maya.name in seen and "Moving towards leading a team" in seen
    assert "Quokka" not in seen and "has not shared a reflection" in seen

    conversations.save_reflection(
        conversation, actor=maya.user, answers={"enjoyed-work": draft}, version=1, share=True
    )
    assert draft in rehearse()
    assert problems == []
    page.context.close()
