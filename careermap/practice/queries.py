"""Reads for practice pages. Lists start from careermap/access.py's querysets."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from careermap import access
from careermap.conversations import playbooks
from careermap.people.models import Team

from . import classifier, lessons, persona, scenarios
from .models import Attempt, CustomLesson, CustomScenario, LessonProgress, Turn

_custom_cache: dict[tuple, object] = {}


def available_scenarios() -> dict:
    """The built-in scenarios and the organisation's own adaptations (one query; each
    adaptation parsed once per version and process)."""
    found = dict(scenarios.library())
    for row in CustomScenario.objects.only("pk", "key", "version", "source", "updated_at"):
        stamp = (row.pk, row.version, row.updated_at)
        cached = _custom_cache.get(stamp)
        if cached is None:
            cached = _custom_cache[stamp] = scenarios.from_yaml(
                row.source, row.key, playbooks=set(playbooks.available())
            )
        found[row.key] = cached
    return found


_custom_lessons: dict[tuple, object] = {}


def available_lessons() -> dict:
    """The course's lessons and the organisation's adaptations (one query; each adaptation
    parsed once per version and process; it was checked against the scenarios when saved)."""
    found = dict(lessons.library())
    for row in CustomLesson.objects.only("pk", "key", "version", "source", "updated_at"):
        stamp = (row.pk, row.version, row.updated_at)
        cached = _custom_lessons.get(stamp)
        if cached is None:
            cached = _custom_lessons[stamp] = lessons.parse(row.source, row.key, scenarios=None)
        found[row.key] = cached
    return found


@dataclass
class Course:
    audience: str
    title: str
    lessons: list  # (lesson, done) pairs
    done: int = 0

    @property
    def total(self) -> int:
        return len(self.lessons)


@dataclass
class ScenarioRow:
    scenario: object
    title: str = ""
    last_score: int | None = None
    scores: list = field(default_factory=list)  # finished attempts, oldest first
    open_attempt: Attempt | None = None


COURSE_TITLES = {
    "manager": "For managers",
    "member": "For team members leading their own discussion",
}


def courses(done_keys: set[str]) -> list[Course]:
    """Each audience's lessons in order, with which of them this person has done."""
    found = []
    built_in = lessons.library()
    everything = sorted(
        available_lessons().values(), key=lambda lesson: (lesson.order, lesson.key not in built_in)
    )
    for audience in lessons.AUDIENCES:
        pairs = [
            (lesson, lesson.key in done_keys)
            for lesson in everything
            if lesson.audience == audience
        ]
        found.append(
            Course(
                audience=audience,
                title=COURSE_TITLES.get(audience, audience.title()),
                lessons=pairs,
                done=sum(1 for _, done in pairs if done),
            )
        )
    return found


def practice_home(user) -> dict:
    """The course with this person's progress, the scenario library with their last score on
    each, and their history per scenario (rehearsals included). Four queries."""
    done_keys = set(
        LessonProgress.objects.filter(person_id=access.person_of(user).pk).values_list(
            "lesson_key", flat=True
        )
    )
    mine = list(
        access.visible_attempts(user)
        .defer("scenario_data", "state", "feedback")
        .order_by("started_at", "pk")
    )
    rows = {key: ScenarioRow(scenario) for key, scenario in available_scenarios().items()}
    rehearsals: dict[str, ScenarioRow] = {}
    for attempt in mine:
        row = rows.get(attempt.scenario_key)
        if row is None:  # a rehearsal, or a scenario since taken out of the library
            row = rehearsals.setdefault(attempt.scenario_key, ScenarioRow(None))
        if attempt.finished_at is None:
            row.open_attempt = attempt
        else:
            row.scores.append(attempt)
            row.last_score = attempt.score
    for row in rehearsals.values():
        row.title = (row.scores or [row.open_attempt])[-1].scenario_title
    return {
        "courses": courses(done_keys),
        "library": list(rows.values()),
        "rehearsals": list(rehearsals.values()),
        "history": [row for row in rows.values() if row.scores],
    }


def practice_page(attempt: Attempt, scenario) -> dict:
    """The transcript, and the side panel: each goal met or not, and facts found so far."""
    turns = list(attempt.turns.all())
    state = persona.State.from_json(attempt.state)
    met = persona.goals_met(scenario, state)
    found = {key for t in turns for key in t.revealed}
    return {
        "turns": turns,
        "goals": [(goal, bool(met.get(goal.key))) for goal in scenario.goals],
        "facts_found": len(found & {f.key for f in scenario.facts}),
        "facts_total": len(scenario.facts),
        "said": sum(1 for t in turns if t.speaker == Turn.MANAGER),
        "latest_reply": turns[-1].text if turns and turns[-1].speaker == Turn.PERSONA else "",
        "kind_names": classifier.KIND_NAMES,
    }


@dataclass
class TeamCount:
    name: str
    people: int
    attempts: int | None  # None: too small a team to show a figure
    finished: int | None
    practised: int | None  # how many of its people practised at least once


def practice_counts() -> list[TeamCount]:
    """Attempts per team, for HR admins: counts only, and none for a team under
    access.PRACTICE_COUNT_MIN_TEAM people. A person counts in their current team. Two
    queries, whatever the size of the organisation."""
    teams = Team.objects.annotate(
        people=Count("members", filter=Q(members__erased_at__isnull=True))
    ).order_by("name")
    per_team = {
        row["person__team_id"]: row
        for row in Attempt.objects.filter(person__erased_at__isnull=True)
        .values("person__team_id")
        .annotate(
            attempts=Count("pk"),
            finished=Count("pk", filter=Q(finished_at__isnull=False)),
            practised=Count("person_id", distinct=True),
        )
    }
    rows = []
    for team in teams:
        if team.people == 0:
            continue
        counts = per_team.get(team.pk, {"attempts": 0, "finished": 0, "practised": 0})
        shown = team.people >= access.PRACTICE_COUNT_MIN_TEAM
        rows.append(
            TeamCount(
                name=team.name,
                people=team.people,
                attempts=counts["attempts"] if shown else None,
                finished=counts["finished"] if shown else None,
                practised=counts["practised"] if shown else None,
            )
        )
    return rows
