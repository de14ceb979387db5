"""The demo's opportunities: what the organisation offers, posted by the people who offer it.

Daniel's security review suits Maya (it grows the planning and project management she aims to
improve for Engineering Team Lead); two of them are already linked to the plans of Daniel's
other reports (careermap/core/demo.py, once the plans are there too), so the plan pages show
what linking looks like.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from careermap.frameworks.models import Skill
from careermap.people.demo import DOMAIN
from careermap.people.models import Person

from . import services

# (offered by, kind, title, description, skills, where, starts in days, lasts days,
#  hours a week, places)
OPPORTUNITIES = [
    (
        "daniel.okafor",
        "stretch",
        "Lead the security review project",
        "Our yearly security review of the platform services is due. Lead it end to end: agree "
        "the scope with the security team, plan the work across three teams, run the weekly "
        "check-point and present the findings to engineering leadership. A senior engineer who "
        "wants to try leading a cross-team project is ideal; Daniel will coach you through it.",
        ["security", "planning", "project-management", "stakeholder-management"],
        "Platform team",
        14,
        90,
        4,
        1,
    ),
    (
        "marcus.bell",
        "mentoring",
        "Mentoring circle for new and aspiring leads",
        "Six people, one experienced manager, an hour every other week. Each session takes one "
        "real situation from the group (a hard piece of feedback, a hiring call, a team that "
        "has gone quiet) and works through it together. For new team leads and for engineers "
        "who are thinking about leading a team.",
        ["coaching", "giving-feedback", "team-building", "performance-management"],
        "Engineering, online",
        7,
        180,
        1,
        6,
    ),
    (
        "kwame.asante",
        "training",
        "Facilitation skills: the internal course",
        "Four half-day sessions on running meetings people want to come to: agendas that work, "
        "drawing out quiet voices, handling conflict in the room, and closing with decisions. "
        "You facilitate a real meeting from your own team between sessions.",
        ["facilitation", "listening", "giving-feedback"],
        "People Operations, room 3.2",
        21,
        28,
        3,
        12,
    ),
    (
        "sofia.rossi",
        "rotation",
        "Six weeks with the data team",
        "Spend two days a week for six weeks on the data team: build a pipeline from one of our "
        "product databases into the warehouse, model it and ship one dashboard the team will "
        "use. You get a buddy on the data team and your own manager agrees the time up front.",
        ["data-pipelines", "data-modelling", "statistics", "cross-team-collaboration"],
        "Data team",
        30,
        42,
        16,
        2,
    ),
    (
        "marcus.bell",
        "conference",
        "Two days at an engineering leadership conference",
        "We send up to four people to an engineering leadership conference each year, tickets "
        "and travel paid. Come back with one talk written up for the team and one thing you "
        "will try.",
        ["strategic-thinking", "team-building", "presenting"],
        "London",
        75,
        2,
        None,
        4,
    ),
    (
        "grace.liu",
        "project",
        "Run the payments incident-review programme",
        "Payments wants blameless incident reviews to become routine. Set up the format, "
        "facilitate the first three reviews and make sure the actions get done. About two "
        "hours a week for a quarter.",
        ["operations", "facilitation", "continuous-improvement", "writing"],
        "Payments team",
        10,
        90,
        2,
        1,
    ),
    (
        "daniel.okafor",
        "certification",
        "Cloud architecture certification, with study group",
        "A study group of four meets weekly for ten weeks; the company pays for the exam and "
        "one retake. Good preparation for designing across services.",
        ["system-design", "operations", "security"],
        "Platform team, online",
        20,
        70,
        3,
        4,
    ),
    (
        "ivan.petrov",
        "mentoring",
        "Buddy a new hire through their first 90 days",
        "We have three engineers joining Mobile next month. Be one's buddy: a weekly half hour, "
        "help with their first pull requests and introductions around the company.",
        ["mentoring", "coaching", "giving-feedback"],
        "Mobile team",
        30,
        90,
        1,
        3,
    ),
]
# Posted, then closed once its places were taken: only its editors still see it.
CLOSED = (
    "grace.liu",
    "project",
    "Organise the spring hackathon",
    "Two days, all of engineering and product, themed on customer pain points. Organising "
    "committee of three.",
    ["planning", "facilitation", "cross-team-collaboration"],
    "Whole company",
    -60,
    2,
    2,
    3,
)


def load() -> None:
    today = timezone.localdate()
    who = {spec[0] for spec in [*OPPORTUNITIES, CLOSED]}
    people = {
        p.email.split("@")[0]: p
        for p in Person.objects.filter(email__in=[f"{w}@{DOMAIN}" for w in who]).select_related(
            "user"
        )
    }
    skills = {s.key: s for s in Skill.objects.filter(retired=False)}
    posted = {}
    for spec in [*OPPORTUNITIES, CLOSED]:
        who, kind, title, description, keys, where, starts, lasts, hours, places = spec
        person = people.get(who)
        if person is None:
            continue
        posted[title] = services.create_opportunity(
            actor=person.user,
            kind=kind,
            title=title,
            description=description,
            skills=[skills[k] for k in keys if k in skills],
            where=where,
            starts_on=today + dt.timedelta(days=starts),
            ends_on=today + dt.timedelta(days=starts + lasts),
            hours_per_week=hours,
            places=places,
        )
    if CLOSED[2] in posted:
        services.close_opportunity(posted[CLOSED[2]], actor=None)
