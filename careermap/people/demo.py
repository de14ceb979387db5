"""A believable demo organisation, and a large one for benchmarks.

The core is a 60-person software company with two levels of management under its directors.
On the Platform team, Maya Chen (a senior engineer) reports to Daniel Okafor: she enjoyed
integrating systems across teams on last year's platform work and is thinking about leading a
team, which is where the demo's career conversations start. Larger organisations add generated
people below the core, eight reports to a manager, inserted in bulk one level at a time.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from .models import Person, Team, User

DEMO_PASSWORD = "careermap-demo"  # noqa: S105 (printed by `careermap demo`; demo data only)
DOMAIN = "example.com"
SPAN = 8
BATCH = 2000


@dataclass(frozen=True)
class Spec:
    key: str
    name: str
    title: str
    team: str
    manager: str | None
    years: float  # time at the company
    hr: bool = False


# The core company: leaders, managers and the people on each team.
LEADERS = [
    Spec("ceo", "Helena Vasquez", "Chief Executive Officer", "Leadership", None, 9),
    Spec("eng", "Marcus Bell", "Director of Engineering", "Engineering", "ceo", 7),
    Spec("prod", "Aiko Tanaka", "Director of Product and Design", "Product", "ceo", 5),
    Spec("people", "Rosa Delgado", "Head of People", "People Operations", "ceo", 6, hr=True),
    Spec("sales", "Tom Fairweather", "Head of Sales", "Sales", "ceo", 4),
    Spec("platform", "Daniel Okafor", "Engineering Manager", "Platform", "eng", 5),
    Spec("payments", "Grace Liu", "Engineering Manager", "Payments", "eng", 3),
    Spec("mobile", "Ivan Petrov", "Engineering Manager", "Mobile", "eng", 2.5),
    Spec("data", "Sofia Rossi", "Data Lead", "Data", "eng", 4),
    Spec("product", "Ben Carter", "Group Product Manager", "Product", "prod", 3),
    Spec("design", "Leah Mendes", "Design Manager", "Design", "prod", 4),
    Spec("hrbp", "Kwame Asante", "HR Business Partner", "People Operations", "people", 3, hr=True),
    Spec("emea", "Owen Price", "Sales Manager, EMEA", "Sales", "sales", 2),
    Spec("success", "Nina Haddad", "Customer Success Lead", "Customer Success", "sales", 3),
]
MEMBER = Spec("member", "Maya Chen", "Senior Software Engineer", "Platform", "platform", 3.5)
TEAMS = {
    # manager key: (titles to draw from, how many people)
    "platform": (["Software Engineer", "Senior Software Engineer", "Site Reliability Engineer"], 6),
    "payments": (["Software Engineer", "Senior Software Engineer", "QA Engineer"], 6),
    "mobile": (["Mobile Engineer", "Senior Mobile Engineer"], 6),
    "data": (["Data Analyst", "Data Engineer", "Senior Data Scientist"], 5),
    "product": (["Product Manager", "Senior Product Manager", "Associate Product Manager"], 5),
    "design": (["Product Designer", "Senior Product Designer", "UX Researcher"], 5),
    "people": (["People Partner", "Recruiter", "Learning and Development Specialist"], 2),
    "emea": (["Account Executive", "Sales Development Representative"], 6),
    "success": (["Customer Success Manager", "Support Specialist"], 4),
}
FIRST = [
    "Aaliyah",
    "Adam",
    "Alba",
    "Amir",
    "Ana",
    "Anders",
    "Arjun",
    "Ayesha",
    "Bea",
    "Bruno",
    "Camila",
    "Chidi",
    "Clara",
    "Dario",
    "Dev",
    "Elif",
    "Emil",
    "Esther",
    "Farah",
    "Felix",
    "Freya",
    "Gabriel",
    "Hana",
    "Hugo",
    "Ines",
    "Isaac",
    "Jonas",
    "Kai",
    "Lara",
    "Leon",
    "Lina",
    "Luca",
    "Mai",
    "Malik",
    "Marta",
    "Mateo",
    "Mei",
    "Mila",
    "Nadia",
    "Noah",
    "Olga",
    "Omar",
    "Paula",
    "Pedro",
    "Priya",
    "Quinn",
    "Ravi",
    "Rina",
    "Sam",
    "Sara",
    "Selin",
    "Tariq",
    "Tess",
    "Theo",
    "Uma",
    "Vera",
    "Viktor",
    "Wen",
    "Yara",
    "Yusuf",
    "Zoe",
    "Zain",
]
LAST = [
    "Abbott",
    "Achterberg",
    "Adeyemi",
    "Alvarez",
    "Andersson",
    "Bakker",
    "Banerjee",
    "Berger",
    "Brennan",
    "Castro",
    "Chowdhury",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Fonseca",
    "Garcia",
    "Gupta",
    "Hansen",
    "Hoffmann",
    "Ibrahim",
    "Ito",
    "Jansen",
    "Kaur",
    "Kowalski",
    "Larsen",
    "Lopez",
    "Moreau",
    "Murphy",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Oyelaran",
    "Park",
    "Patel",
    "Quinteros",
    "Reyes",
    "Richter",
    "Sato",
    "Schmidt",
    "Silva",
    "Singh",
    "Sousa",
    "Takahashi",
    "Tan",
    "Torres",
    "Varga",
    "Wagner",
    "Weber",
    "Yilmaz",
    "Zhang",
]
TEAM_WORDS = [
    "Atlas",
    "Beacon",
    "Comet",
    "Delta",
    "Ember",
    "Falcon",
    "Glacier",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Nova",
    "Orbit",
    "Prism",
    "Quartz",
    "Ridge",
    "Summit",
    "Tidal",
    "Umbra",
    "Vertex",
    "Willow",
    "Zenith",
]


@dataclass
class DemoResult:
    people: int
    sign_ins: list[tuple[str, str, str]]  # (what they show, name, e-mail)


def email_for(name: str, taken: set[str]) -> str:
    base = ".".join(name.lower().split())
    email = f"{base}@{DOMAIN}"
    n = 2
    while email in taken:
        email = f"{base}{n}@{DOMAIN}"
        n += 1
    taken.add(email)
    return email


def build_demo(
    *, people: int = 60, seed: int = 2026, advance: Callable[[int], None] | None = None
) -> DemoResult:
    """Create the demo organisation in an empty database; `people` is the total head count.
    `advance` is told how many more people were made, as they are (for a progress bar)."""
    if Person.objects.exists():
        raise ValueError("The database already has people in it; the demo needs an empty one.")
    say = advance or (lambda count: None)
    rng = random.Random(seed)
    today = dt.date.today()
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing per person would take minutes
    taken: set[str] = set()
    with transaction.atomic():
        core = _build_core(rng, today, password, taken)
        say(len(core))
        extra = max(0, people - len(core))
        if extra:
            _build_extra(extra, core["ceo"], rng, today, password, taken, say)
    sign_ins = [
        ("manager", core["platform"].name, core["platform"].email),
        ("team member", core["member"].name, core["member"].email),
        ("second-line manager", core["eng"].name, core["eng"].email),
        ("HR admin", core["people"].name, core["people"].email),
    ]
    return DemoResult(people=Person.objects.count(), sign_ins=sign_ins)


def _new_person(spec_name, email, title, team, manager, start, hr, password) -> Person:
    user = User.objects.create(email=email, password=password)
    return Person.objects.create(
        name=spec_name,
        email=email,
        job_title=title,
        team=team,
        manager=manager,
        start_date=start,
        is_hr_admin=hr,
        user=user,
    )


def _build_core(rng, today, password, taken) -> dict[str, Person]:
    teams: dict[str, Team] = {}

    def team(name: str) -> Team:
        if name not in teams:
            teams[name] = Team.objects.create(name=name)
        return teams[name]

    made: dict[str, Person] = {}
    for spec in [*LEADERS, MEMBER]:
        made[spec.key] = _new_person(
            spec.name,
            email_for(spec.name, taken),
            spec.title,
            team(spec.team),
            made[spec.manager] if spec.manager else None,
            today - dt.timedelta(days=int(spec.years * 365)),
            spec.hr,
            password,
        )
    names = _names(rng)
    for key, (titles, count) in TEAMS.items():
        manager = made[key]
        for i in range(count):
            name = next(names)
            person = _new_person(
                name,
                email_for(name, taken),
                titles[i % len(titles)],
                manager.team,
                manager,
                today - dt.timedelta(days=rng.randint(60, 6 * 365)),
                False,
                password,
            )
            made[f"{key}-{i}"] = person
    return made


def _names(rng: random.Random):
    pairs = [f"{first} {last}" for first, last in itertools.product(FIRST, LAST)]
    rng.shuffle(pairs)
    core = {spec.name for spec in [*LEADERS, MEMBER]}
    for n in itertools.count():
        for pair in pairs:
            if pair not in core:
                yield pair if n == 0 else f"{pair} {chr(ord('A') + n % 26)}."


def _build_extra(count, ceo, rng, today, password, taken, say) -> None:
    """Generated divisions under the chief executive: person i reports to person (i-1)//SPAN."""
    names = _names(rng)
    for _ in range(100):  # skip the names the core company already uses
        next(names)
    levels: list[range] = []
    start, width = 0, 1
    while start < count:
        levels.append(range(start, min(count, start + width)))
        start, width = start + width, width * SPAN
    previous: list[Person] = []
    for depth, level in enumerate(levels):
        team_of_manager: dict[int, Team] = {}
        if depth >= 1:
            # Everyone below the division head sits in their manager's team.
            new_teams = [
                Team(name=f"{TEAM_WORDS[j % len(TEAM_WORDS)]} {depth}.{j + 1}")
                for j in range(len(previous))
            ]
            Team.objects.bulk_create(new_teams, batch_size=BATCH)
            team_of_manager = {p.pk: t for p, t in zip(previous, new_teams, strict=True)}
        current: list[Person] = []
        for chunk in _chunks(level, BATCH):
            users, people = [], []
            for i in chunk:
                name = next(names)
                email = email_for(name, taken)
                manager = ceo if depth == 0 else previous[(i - 1) // SPAN - levels[depth - 1].start]
                users.append(User(email=email, password=password))
                people.append(
                    Person(
                        name=name,
                        email=email,
                        job_title=_title(depth, len(levels), rng),
                        team=team_of_manager.get(manager.pk) or ceo.team,
                        manager=manager,
                        start_date=today - dt.timedelta(days=rng.randint(30, 12 * 365)),
                    )
                )
            User.objects.bulk_create(users)
            for person, user in zip(people, users, strict=True):
                person.user = user
            current.extend(Person.objects.bulk_create(people))
            say(len(chunk))
        previous = current


def _title(depth: int, depth_count: int, rng: random.Random) -> str:
    if depth == 0:
        return "Vice President, Operations"
    if depth < depth_count - 1:
        return rng.choice(["Director", "Senior Manager", "Engineering Manager", "Team Lead"])
    return rng.choice(
        ["Software Engineer", "Analyst", "Specialist", "Consultant", "Designer", "Coordinator"]
    )


def _chunks(seq: range, size: int):
    for i in range(0, len(seq), size):
        yield seq[i : i + size]
