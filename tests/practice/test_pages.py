"""The practice pages: the course and library, a role-play from the first line to the feedback,
the lessons, and the HR admins' counts. Practice is the practiser's alone."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from careermap.core.errors import Closed
from careermap.practice import lessons, scenarios, services
from careermap.practice.models import Attempt, LessonProgress, Turn
from tests.factories import PersonFactory, TeamFactory

SCENARIO = "aspirations-and-workload"
OPEN = "What did you enjoy most about your work this year?"


@pytest.fixture
def scenario():
    return scenarios.library()[SCENARIO]


@pytest.fixture
def attempt(manager, scenario):
    return services.start_attempt(actor=manager.user, scenario=scenario)


def _say(client, attempt, text, **headers):
    return client.post(reverse("practice:say", args=[attempt.pk]), {"text": text}, **headers)


HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "practice"}


def test_practice_page_lists_the_course_and_every_scenario(client, manager):
    client.force_login(manager.user)
    page = client.get(reverse("practice:home")).content.decode()
    for scenario in scenarios.library().values():
        assert escape(scenario.title) in page
    for audience in lessons.AUDIENCES:
        for lesson in lessons.course(audience):
            assert escape(lesson.title) in page
    assert "Not tried yet" in page and "Nothing yet." in page


def test_the_navigation_links_to_practice(client, report):
    client.force_login(report.user)
    page = client.get(reverse("people:me")).content.decode()
    assert f'href="{reverse("practice:home")}"' in page and ">Practice</a>" in page


def test_the_brief_shows_the_persona_situation_and_goals(client, manager, scenario):
    client.force_login(manager.user)
    page = client.get(reverse("practice:scenario", args=[SCENARIO])).content.decode()
    assert escape(scenario.persona.name) in page and escape(scenario.persona.role) in page
    assert all(escape(goal.text) in page for goal in scenario.goals)
    assert 'action="{}"'.format(reverse("practice:start", args=[SCENARIO])) in page


def test_starting_opens_the_practice_page_with_the_persona_opening(client, manager, scenario):
    client.force_login(manager.user)
    response = client.post(reverse("practice:start", args=[SCENARIO]))
    attempt = Attempt.objects.get()
    assert response["Location"] == attempt.get_absolute_url()
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert escape(scenario.opening) in page
    assert "What would you say?" in page and 'name="text"' in page
    assert attempt.person == manager and attempt.scenario_title == scenario.title


def test_a_line_gets_the_persona_answer_through_htmx(client, manager, attempt):
    client.force_login(manager.user)
    response = _say(client, attempt, OPEN, **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    mine, theirs = Turn.objects.filter(attempt=attempt).order_by("number")[1:]
    assert (mine.speaker, mine.text, theirs.speaker) == ("manager", OPEN, "persona")
    assert mine.kind == "open"
    assert OPEN in page and escape(theirs.text) in page
    # The practice area alone, for HTMX to swap in; the reply announced to screen readers.
    assert "<html" not in page and 'id="practice"' in page
    assert 'id="persona-said" hx-swap-oob="true"' in page


def test_without_script_the_form_posts_and_the_page_shows_the_answer(client, manager, attempt):
    client.force_login(manager.user)
    response = _say(client, attempt, OPEN)
    assert response["Location"] == f"{attempt.get_absolute_url()}#latest"
    reply = Turn.objects.filter(attempt=attempt).last()
    assert escape(reply.text) in client.get(attempt.get_absolute_url()).content.decode()


def test_an_empty_line_is_refused_with_the_reason(client, manager, attempt):
    client.force_login(manager.user)
    response = _say(client, attempt, "   ", **HTMX)
    assert response.status_code == 400
    assert "Write what you would say first." in response.content.decode()
    assert attempt.turns.count() == 1


def test_a_line_too_long_is_refused_and_kept_in_the_box(client, manager, attempt):
    client.force_login(manager.user)
    text = "word " * 300
    response = _say(client, attempt, text, **HTMX)
    assert response.status_code == 400
    page = response.content.decode()
    assert "characters" in page and text.strip() in page
    assert attempt.turns.count() == 1


def test_the_side_panel_shows_goals_and_facts_found(client, manager, attempt, scenario):
    client.force_login(manager.user)
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert all(escape(goal.text) in page for goal in scenario.goals)
    assert f"<strong>0</strong> of {len(scenario.facts)} things" in page
    assert page.count("(not met yet)") == len(scenario.goals)


def test_finishing_stores_the_feedback_and_opens_it(client, manager, attempt):
    client.force_login(manager.user)
    _say(client, attempt, OPEN)
    response = client.post(reverse("practice:finish", args=[attempt.pk]))
    assert response["Location"] == reverse("practice:feedback", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.finished_at and attempt.feedback and 0 <= attempt.score <= 100
    page = client.get(response["Location"]).content.decode()
    assert f"{attempt.score}" in page and "Suggestions" in page


def test_finishing_with_nothing_said_is_refused(client, manager, attempt):
    client.force_login(manager.user)
    response = client.post(reverse("practice:finish", args=[attempt.pk]), follow=True)
    assert "Say at least one thing before finishing" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.finished_at is None


def test_a_finished_attempt_stays_finished(client, manager, attempt):
    """A tab left open on it is told, keeps the words typed, and nothing is stored; finishing
    again changes nothing."""
    client.force_login(manager.user)
    services.say(attempt, actor=manager.user, text=OPEN)
    finished = services.finish(attempt, actor=manager.user)
    turns = attempt.turns.count()
    response = _say(client, attempt, "One more thing?", **HTMX)
    assert response.status_code == 409
    page = response.content.decode()
    assert "This practice is finished" in page and "Not sent: <q>One more thing?</q>" in page
    assert attempt.turns.count() == turns
    with pytest.raises(Closed):
        services.say(attempt, actor=manager.user, text="And another?")
    again = services.finish(attempt, actor=manager.user)
    assert (again.finished_at, again.score, again.feedback) == (
        finished.finished_at,
        finished.score,
        finished.feedback,
    )


def test_the_history_shows_scores_over_time(client, manager, scenario):
    for lines in ([OPEN], [OPEN, "Tell me more about that: what made it good?"]):
        attempt = services.start_attempt(actor=manager.user, scenario=scenario)
        for line in lines:
            services.say(attempt, actor=manager.user, text=line)
        services.finish(attempt, actor=manager.user)
    client.force_login(manager.user)
    page = client.get(reverse("practice:home")).content.decode()
    first, second = Attempt.objects.order_by("pk")
    history = page[page.index('id="history"') :]
    trail = re.findall(r'/feedback/">(\d+)</a>', history)
    assert trail == [str(first.score), str(second.score)]  # oldest first
    assert f"Last score {second.score}" in page


def test_an_unfinished_attempt_can_be_picked_up(client, manager, attempt):
    client.force_login(manager.user)
    page = client.get(reverse("practice:home")).content.decode()
    assert f'href="{attempt.get_absolute_url()}">Carry on where you left off' in page


def test_marking_a_lesson_done_shows_progress(client, manager):
    course = lessons.course("manager")
    lesson = course[0]
    client.force_login(manager.user)
    page = client.get(reverse("practice:lesson", args=[lesson.key])).content.decode()
    assert escape(lesson.title) in page and "Mark as done" in page
    response = client.post(reverse("practice:lesson_done", args=[lesson.key]))
    assert response["Location"] == reverse("practice:lesson", args=[lesson.key])
    client.post(reverse("practice:lesson_done", args=[lesson.key]))  # twice is once
    assert LessonProgress.objects.filter(person=manager).count() == 1
    page = client.get(reverse("practice:home")).content.decode()
    assert f"1 of {len(course)} lessons done" in page


def test_an_unknown_lesson_or_scenario_is_not_found(client, manager):
    client.force_login(manager.user)
    assert client.get(reverse("practice:lesson", args=["no-such"])).status_code == 404
    assert client.get(reverse("practice:scenario", args=["no-such"])).status_code == 404
    assert client.post(reverse("practice:start", args=["no-such"])).status_code == 404


def test_an_attempt_is_its_practisers_alone(client, manager, report, director, hr, attempt):
    """Not the practiser's manager, not an HR admin: the pages say "not found", the practice
    page lists none of it, and nothing can be said in it."""
    services.say(attempt, actor=manager.user, text=OPEN)
    for person in (report, director, hr):
        client.force_login(person.user)
        assert client.get(attempt.get_absolute_url()).status_code == 404
        assert _say(client, attempt, "Hello?").status_code == 404
        page = client.get(reverse("practice:home")).content.decode()
        assert "Carry on" not in page
    assert attempt.turns.count() == 3


def test_hr_admins_see_counts_per_team_and_nothing_else(client, hr, scenario):
    big, small = TeamFactory(name="Big team"), TeamFactory(name="Small team")
    big_people = PersonFactory.create_batch(5, team=big)
    small_people = PersonFactory.create_batch(3, team=small)
    for person in [*big_people[:2], small_people[0]]:
        attempt = services.start_attempt(actor=person.user, scenario=scenario)
        services.say(attempt, actor=person.user, text="A line only its author should see")
    services.finish(attempt, actor=small_people[0].user)
    services.finish(Attempt.objects.filter(person=big_people[0]).get(), actor=big_people[0].user)
    client.force_login(hr.user)
    page = client.get(reverse("practice:insights")).content.decode()
    row = page[page.index("Big team") :].split("</tr>")[0]
    assert (
        '<td data-label="People">5</td><td data-label="Attempts">2</td>'
        '<td data-label="Finished">1</td><td data-label="People who practised">2</td>'
    ) in row
    small_row = page[page.index("Small team") :].split("</tr>")[0]
    assert (
        '<td data-label="People">3</td><td colspan="3" class="muted">Too small a team to show</td>'
    ) in small_row
    assert "A line only its author should see" not in page
    assert not any(p.name in page for p in [*big_people, *small_people])


def test_practice_page_query_count_is_flat(client, manager, scenario, django_assert_num_queries):
    for _ in range(3):
        attempt = services.start_attempt(actor=manager.user, scenario=scenario)
        services.say(attempt, actor=manager.user, text=OPEN)
        services.finish(attempt, actor=manager.user)
    services.start_attempt(actor=manager.user, scenario=scenario)
    client.force_login(manager.user)
    # 1 the user with their person, 2 the lessons they have done, 3 the organisation's own
    # lessons, 4 their attempts (without transcripts or feedback), 5 the organisation's own
    # scenarios, 6 unread reminders (the menu)
    with django_assert_num_queries(6):
        client.get(reverse("practice:home"))


@pytest.mark.parametrize("lines", [1, 8])
def test_attempt_page_query_count_is_flat(
    client, manager, attempt, lines, django_assert_num_queries
):
    for i in range(lines):
        services.say(attempt, actor=manager.user, text=f"{OPEN} ({i})")
    client.force_login(manager.user)
    # 1 the user with their person, 2 the attempt (theirs), 3 its turns, 4 unread reminders
    with django_assert_num_queries(4):
        page = client.get(attempt.get_absolute_url()).content.decode()
    assert page.count('class="turn turn-manager"') == lines
