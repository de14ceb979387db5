"""How readiness is scored, in one place, so one person and a whole organisation get the same
number for the same facts.

Readiness is a weighted mean of up to three parts, each "met out of expected":
  Skills         proficiency steps covered, min(have, need) per skill, out of the steps needed;
                 exceeding one skill never makes up for a gap in another
  Experiences    expected experiences had, out of those expected
  Relationships  expected relationships built, out of those expected
A part the role expects nothing of is left out and the other weights renormalised; a role
that expects nothing at all is 100% reachable.
"""

import numpy as np

WEIGHTS = {"Skills": 0.7, "Experiences": 0.2, "Relationships": 0.1}


def readiness(
    skill_steps_met,
    skill_steps_needed,
    experiences_met,
    experiences_expected,
    relationships_met,
    relationships_expected,
) -> np.ndarray:
    """Readiness 0..100, rounded to 1 decimal, from the counts behind each part.

    Takes scalars or arrays (which broadcast), so the same arithmetic serves one role, every
    role, or everyone in the organisation.
    """
    counts = [
        (skill_steps_met, skill_steps_needed),
        (experiences_met, experiences_expected),
        (relationships_met, relationships_expected),
    ]
    shape = np.broadcast_shapes(*(np.shape(value) for pair in counts for value in pair))
    numerator = np.zeros(shape)
    denominator = np.zeros(shape)
    for (met, expected), weight in zip(counts, WEIGHTS.values(), strict=True):
        present = np.asarray(expected) > 0
        score = np.divide(met, expected, out=np.zeros(shape), where=present)
        numerator += np.where(present, weight * score, 0.0)
        denominator += np.where(present, weight, 0.0)
    value = np.divide(
        100 * numerator, denominator, out=np.full(shape, 100.0), where=denominator > 0
    )
    return np.round(value, 1)


def steps_met(have: int, need: int) -> int:
    """Proficiency steps of `need` that `have` covers; a level above the need counts as the need."""
    return min(max(have, 0), need)
