"""Computing the organisation's figures: a snapshot of counts per cell (models.py).

Reads every app through its own queries module, a fixed number of queries whatever the size,
then counts in NumPy: 100,000 people take seconds, which is why this runs in the background
(tasks.py) and pages only add up its cells.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict

import numpy as np
from django.db import transaction
from django.utils import timezone

from careermap.conversations import queries as conversations
from careermap.engine import scoring
from careermap.frameworks import queries as frameworks
from careermap.frameworks.models import Role, Skill
from careermap.people import queries as people
from careermap.plans.queries import organisation as plans

from .models import PERIODS, BenchCount, Cell, SkillGap, Snapshot

# Bench strength bands, on the engine's readiness (careermap/engine/scoring.py). At 90% what is
# left is a step or two on a skill, closed on the job: ready now. From 75% the gaps are a few
# steps a plan with a couple of hours a week usually closes within a year.
READY_NOW = 90.0
WITHIN_YEAR = 75.0

BATCH = 2000


def refresh(*, now: dt.datetime | None = None) -> Snapshot:
    """Compute a new snapshot and keep only it. Safe to run twice: each run replaces the last."""
    started = time.perf_counter()
    now = now or timezone.now()
    today = timezone.localdate(now)
    frameworks.forget_version()  # outside a request: read the framework's version afresh
    rows = list(people.present_people(today))
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    index = {pk: i for i, pk in enumerate(ids.tolist())}
    placed = {p: (key, track, since) for p, key, track, since in frameworks.placements()}

    cell_of_key: dict[tuple, int] = {}
    cell = np.zeros(len(rows), dtype=np.int64)
    for i, (pk, team, manager, _start) in enumerate(rows):
        track = placed[pk][1] if pk in placed else None
        cell[i] = cell_of_key.setdefault((team, manager, track), len(cell_of_key))
    counts = _Counts(len(cell_of_key), cell, index)

    counts.add("people", ids)
    back = {months: now - dt.timedelta(days=days) for months, days in PERIODS.items()}
    longest = max(PERIODS)
    for pk, last in conversations.last_closed_as_guest(back[longest]):
        counts.add_by_period("conversed", pk, last, back)
    for pk, weeks, last_check_in in plans.active_plans():
        counts.add("with_plan", [pk])
        if last_check_in is not None and last_check_in >= today - dt.timedelta(weeks=weeks):
            counts.add("cadence_kept", [pk])
    for pk, created in plans.plans_started(back[longest]):
        counts.add_by_period("plans_started", pk, created, back)
    days_back = {months: today - dt.timedelta(days=days) for months, days in PERIODS.items()}
    for pk, done_on in plans.steps_done(days_back[longest]):
        counts.add_by_period("steps_done", pk, done_on, days_back)
    for pk, open_count, overdue in plans.open_steps(today):
        counts.add("steps_open", [pk], open_count)
        counts.add("steps_overdue", [pk], overdue)
    counts.add("took_opportunity", list(plans.opportunity_takers()))
    for pk, _team, _manager, start in rows:
        since = placed.get(pk, (None, None, None))[2]
        if since is not None and (start is None or since > start):
            counts.add_by_period("moved", pk, since, days_back)

    framework = frameworks.compiled_framework()
    gaps, bench = _readiness(framework, ids, index, cell, placed)

    with transaction.atomic():
        snapshot = Snapshot.objects.create(computed_at=now, people=len(rows))
        keys = list(cell_of_key)
        cells = Cell.objects.bulk_create(
            [
                Cell(snapshot=snapshot, team_id=t, manager_id=m, track_id=k, **counts.row(n))
                for n, (t, m, k) in enumerate(keys)
            ],
            batch_size=BATCH,
        )
        skill_pk = dict(Skill.objects.values_list("key", "pk"))
        role_pk = dict(Role.objects.values_list("key", "pk"))
        SkillGap.objects.bulk_create(
            [
                SkillGap(cell=cells[n], skill_id=skill_pk[key], people_short=p, steps_short=s)
                for (n, key), (p, s) in gaps.items()
                if key in skill_pk
            ],
            batch_size=BATCH,
        )
        BenchCount.objects.bulk_create(
            [
                BenchCount(cell=cells[n], role_id=role_pk[key], **values)
                for (n, key), values in bench.items()
                if key in role_pk
            ],
            batch_size=BATCH,
        )
        Snapshot.objects.exclude(pk=snapshot.pk).delete()
        snapshot.took_ms = round(1000 * (time.perf_counter() - started))
        snapshot.save(update_fields=["took_ms"])
    return snapshot


class _Counts:
    """Per-cell counters, one per Cell field: people are noted as they come (with an amount)
    and counted into their cells in one go, per field, when the rows are written."""

    def __init__(self, n_cells: int, cell: np.ndarray, index: dict[int, int]):
        self.n_cells, self.cell, self.index = n_cells, cell, index
        self.noted: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        self.columns: dict[str, np.ndarray] = {}

    def add(self, name: str, person_ids, amount: int = 1) -> None:
        rows, amounts = self.noted[name]
        for pk in np.asarray(person_ids).tolist():
            row = self.index.get(pk)
            # Someone who left or was erased since is in none of the cells: not counted.
            if row is not None:
                rows.append(row)
                amounts.append(amount)

    def add_by_period(self, name: str, person_id: int, when, since: dict) -> None:
        for months, start in since.items():
            if when >= start:
                self.add(f"{name}_{months}", [person_id])

    def row(self, n: int) -> dict[str, int]:
        if not self.columns:
            self.columns = {
                name: np.bincount(
                    self.cell[np.array(rows, dtype=np.int64)],
                    weights=np.array(amounts, dtype=np.float64),
                    minlength=self.n_cells,
                ).astype(np.int64)
                for name, (rows, amounts) in self.noted.items()
            }
        return {name: int(values[n]) for name, values in self.columns.items()}


def _readiness(framework, ids, index, cell, placed):
    """Gaps to target roles per (cell, skill), and bench bands per (cell, role), from everyone's
    readiness for every role at once (the engine's scoring, as on the bench page)."""
    skills = framework.skills
    levels = np.zeros((len(ids), len(skills)), dtype=np.int16)
    for pk, key, level in frameworks.everyone_ratings():
        row, column = index.get(pk), framework.skill_index.get(key)
        if row is not None and column is not None:
            levels[row, column] = min(level, framework.scale_max)
    had_experience = np.zeros((len(ids), len(framework.experiences)), dtype=np.int64)
    had_relationship = np.zeros((len(ids), len(framework.relationships)), dtype=np.int64)
    for pk, experience, relationship in frameworks.everyone_achievements():
        row = index.get(pk)
        if row is None:
            continue
        if experience in framework.experience_index:
            had_experience[row, framework.experience_index[experience]] = 1
        if relationship in framework.relationship_index:
            had_relationship[row, framework.relationship_index[relationship]] = 1

    gaps: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    # A person aiming at two roles counts once per skill, by the larger of the two gaps.
    short: dict[int, np.ndarray] = {}
    for pk, key in frameworks.target_pairs():
        row = index.get(pk)
        if row is None or key not in framework.role_index:
            continue
        need = framework.requirements[framework.role_index[key]]
        lack = np.maximum(need.astype(np.int16) - levels[row], 0)
        short[row] = np.maximum(short[row], lack) if row in short else lack
    for row, lack in short.items():
        for column in np.flatnonzero(lack):
            entry = gaps[(int(cell[row]), skills[column])]
            entry[0] += 1
            entry[1] += int(lack[column])

    # The role each person holds (-1: none), and each role's track and level, as arrays.
    held = np.full(len(ids), -1, dtype=np.int64)
    for pk, (key, _track, _since) in placed.items():
        if pk in index and key in framework.role_index:
            held[index[pk]] = framework.role_index[key]
    tracks = sorted({role.track for role in framework.roles})
    role_track = np.array([tracks.index(role.track) for role in framework.roles] + [-1])
    role_level = np.array([role.level for role in framework.roles] + [0])
    bench: dict[tuple[int, str], dict[str, int]] = {}
    size = int(cell.max(initial=0)) + 1
    for role in framework.roles:
        r = framework.role_index[role.key]
        need = framework.requirements[r]
        readiness = scoring.readiness(
            np.minimum(levels, need).sum(axis=1, dtype=np.int64),
            int(need.sum(dtype=np.int64)),
            had_experience @ framework.experience_requirements[r].astype(np.int64),
            int(framework.experience_requirements[r].sum()),
            had_relationship @ framework.relationship_requirements[r].astype(np.int64),
            int(framework.relationship_requirements[r].sum()),
        )
        # Those who hold the role, or one at its level or above on its track, are not its
        # bench: they are there already. (held == -1 picks the sentinel: no track, level 0.)
        holders = held == r
        there = (role_track[held] == role_track[r]) & (role_level[held] >= role.level)
        now_ = (readiness >= READY_NOW) & ~there
        soon = (readiness >= WITHIN_YEAR) & (readiness < READY_NOW) & ~there
        per_cell = {
            "holders": np.bincount(cell[holders], minlength=size),
            "ready_now": np.bincount(cell[now_], minlength=size),
            "within_year": np.bincount(cell[soon], minlength=size),
        }
        for n in np.flatnonzero(sum(per_cell.values())):
            bench[(int(n), role.key)] = {name: int(v[n]) for name, v in per_cell.items()}
    return gaps, bench
