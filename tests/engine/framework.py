"""A small framework the engine tests share, and a random large one for cross-checks.

    eng-1 ─12→ eng-2 ─24→ eng-3 ─6 (lateral)→ em-3
                │  ↑        ↑
     6 (lateral)│  │6       │18
                ↓  │        │
               data-2 ──────┘
    eng-2 ─36→ em-3 (promotion)

Expectations (proficiency on a 1..5 scale):
    eng-1   coding 2, delivery 1                                  (nothing else)
    eng-2   coding 3, design 2, delivery 2                        on-call
    eng-3   coding 4, design 3, delivery 3, mentoring 2           on-call, led-project;
                                                                  product-partner
    em-3    design 2, delivery 3, mentoring 3                     led-project, hiring-panel;
                                                                  product-partner, recruiter
    data-2  coding 2, delivery 2, statistics 3                    product-partner
"""

import random

from careermap.engine.model import Framework, MoveSpec, Profile, RoleSpec

SKILLS = ["coding", "design", "delivery", "mentoring", "statistics"]

ROLES = [
    RoleSpec("eng-1", "Engineer I", "engineering", 1, {"coding": 2, "delivery": 1}),
    RoleSpec(
        "eng-2",
        "Engineer II",
        "engineering",
        2,
        {"coding": 3, "design": 2, "delivery": 2},
        experiences=frozenset({"on-call"}),
    ),
    RoleSpec(
        "eng-3",
        "Senior Engineer",
        "engineering",
        3,
        {"coding": 4, "design": 3, "delivery": 3, "mentoring": 2},
        experiences=frozenset({"on-call", "led-project"}),
        relationships=frozenset({"product-partner"}),
    ),
    RoleSpec(
        "em-3",
        "Engineering Manager",
        "engineering-management",
        3,
        {"design": 2, "delivery": 3, "mentoring": 3},
        experiences=frozenset({"led-project", "hiring-panel"}),
        relationships=frozenset({"product-partner", "recruiter"}),
    ),
    RoleSpec(
        "data-2",
        "Data Analyst II",
        "data",
        2,
        {"coding": 2, "delivery": 2, "statistics": 3},
        relationships=frozenset({"product-partner"}),
    ),
]

MOVES = [
    MoveSpec("eng-1", "eng-2", "promotion", 12),
    MoveSpec("eng-2", "eng-3", "promotion", 24),
    MoveSpec("eng-2", "data-2", "lateral", 6),
    MoveSpec("data-2", "eng-2", "lateral", 6),
    MoveSpec("data-2", "eng-3", "promotion", 18),
    MoveSpec("eng-3", "em-3", "lateral", 6),
    MoveSpec("eng-2", "em-3", "promotion", 36),
]

# A strong engineer with no mentoring and little statistics.
ADA = Profile(
    {"coding": 4, "design": 2, "delivery": 3, "statistics": 1},
    experiences=frozenset({"on-call"}),
)
# Just short of Engineer II, with no experiences.
BO = Profile({"coding": 3, "design": 1, "delivery": 2})
# Exactly an Engineer I.
CY = Profile({"coding": 2, "delivery": 1})


def small_framework() -> Framework:
    return Framework(skills=SKILLS, roles=ROLES, moves=MOVES)


def random_framework(seed: int, *, n_roles: int = 50, n_skills: int = 200) -> Framework:
    """Roles expecting 3..20 random skills, some experiences and relationships (or none)."""
    rng = random.Random(seed)
    skills = [f"skill-{i}" for i in range(n_skills)]
    experiences = [f"experience-{i}" for i in range(12)]
    relationships = [f"relationship-{i}" for i in range(6)]
    roles = [
        RoleSpec(
            f"role-{i}",
            f"Role {i}",
            f"track-{i % 5}",
            rng.randint(1, 6),
            {skill: rng.randint(1, 5) for skill in rng.sample(skills, rng.randint(3, 20))},
            experiences=frozenset(rng.sample(experiences, rng.randint(0, 4))),
            relationships=frozenset(rng.sample(relationships, rng.randint(0, 2))),
        )
        for i in range(n_roles)
    ]
    moves = [
        MoveSpec(source.key, target.key, rng.choice(["promotion", "lateral"]), rng.randint(3, 36))
        for source, target in (rng.sample(roles, 2) for _ in range(n_roles * 3))
    ]
    unique = list({(move.source, move.target): move for move in moves}.values())
    return Framework(skills=skills, roles=roles, moves=unique)


def random_profile(framework: Framework, rng: random.Random) -> Profile:
    """Someone assessed on a random third of the skills, with levels 0..5 and a few extras."""
    assessed = rng.sample(framework.skills, len(framework.skills) // 3)
    return Profile(
        {skill: rng.randint(0, 5) for skill in assessed},
        experiences=frozenset(rng.sample(framework.experiences, rng.randint(0, 4))),
        relationships=frozenset(rng.sample(framework.relationships, rng.randint(0, 2))),
    )
