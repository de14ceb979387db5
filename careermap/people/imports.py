"""Import people from a CSV file, all or nothing.

The whole file is checked before anything is written. Any problem (a bad encoding, a missing or
misspelt column, a bad e-mail or date, an unknown manager, a duplicate, a reporting cycle) is
reported with its line and column, and nothing changes. A clean file creates new people and
updates existing ones, matched by e-mail; people not in the file are left alone, so importing the
same file twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from careermap.core.spreadsheets import from_spreadsheet

from .models import Person, Team, User, normalize_email

REQUIRED = ("email", "name")
OPTIONAL = ("title", "team", "manager_email", "start_date", "hr_admin")
COLUMNS = REQUIRED + OPTIONAL
TRUE_WORDS = {"yes", "y", "true", "1", "x"}
FALSE_WORDS = {"no", "n", "false", "0", ""}
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    line: int | None  # line in the file (the header is line 1); None for the file as a whole
    column: str | None
    message: str

    def __str__(self) -> str:
        where = "file" if self.line is None else f"line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass
class Row:
    line: int
    email: str
    name: str
    title: str | None
    team: str | None
    manager_email: str | None
    start_date: dt.date | None
    hr_admin: bool | None
    columns: frozenset[str]


@dataclass
class Change:
    email: str
    name: str
    fields: list[str] = field(default_factory=list)  # empty for a new person


@dataclass
class ImportReport:
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    created: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    unchanged: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def applied(self) -> bool:
        return self.ok and not self.dry_run

    def summary(self) -> str:
        if not self.ok:
            return (
                f"Nothing was imported: {len(self.problems)} problem"
                f"{'s' if len(self.problems) != 1 else ''} to fix."
            )
        verb = "Would create" if self.dry_run else "Created"
        return (
            f"{verb} {len(self.created)}, {'would update' if self.dry_run else 'updated'} "
            f"{len(self.updated)}, {self.unchanged} unchanged, out of {self.rows} rows."
        )


def import_people(
    data: bytes,
    *,
    actor: User | None,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    say = progress or (lambda message: None)
    say("Reading the file")
    rows = _parse(data, report)
    report.rows = len(rows)
    if not report.ok:
        return report
    say(f"Checking {len(rows)} rows against the organisation")
    with transaction.atomic():
        existing = {p.email: p for p in Person.objects.select_related("team", "manager")}
        _check_managers(rows, existing, report)
        if report.ok:
            _check_cycles(rows, existing, report)
        if not report.ok:
            return report
        plan = _plan(rows, existing, report)
        if dry_run:
            return report
        say(f"Writing {len(report.created)} new and {len(report.updated)} changed people")
        _write(plan, rows, existing)
    return report


# Reading and checking each row on its own ---------------------------------------------------


def _decode(data: bytes, report: ImportReport) -> str | None:
    if len(data) > MAX_BYTES:
        report.problems.append(Problem(None, None, "The file is larger than 20 MB."))
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        report.problems.append(
            Problem(None, None, "The file is UTF-16 text; save it as “CSV UTF-8” and try again.")
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.problems.append(
            Problem(
                line,
                None,
                f"The file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read). "
                "Save it as “CSV UTF-8” and try again.",
            )
        )
        return None


def _header(raw: list[str], report: ImportReport) -> list[str] | None:
    names = [h.strip().lower().replace(" ", "_").replace("-", "_") for h in raw]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            report.problems.append(Problem(1, name, "This column appears twice."))
        seen.add(name)
        if name and name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f" Did you mean “{close[0]}”?" if close else ""
            report.problems.append(
                Problem(1, name, f"Unknown column.{hint} Columns are: {', '.join(COLUMNS)}.")
            )
    for name in REQUIRED:
        if name not in seen:
            report.problems.append(Problem(1, name, "This column is missing."))
    return names if report.ok else None


def _parse(data: bytes, report: ImportReport) -> list[Row]:
    text = _decode(data, report)
    if text is None:
        return []
    if not text.strip():
        report.problems.append(Problem(None, None, "The file is empty."))
        return []
    first_line = text.splitlines()[0]
    # Spreadsheets in some locales save with semicolons or tabs; the header tells which.
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    first_seen: dict[str, int] = {}
    try:
        header = _header(next(reader), report)
        if header is None:
            return []
        for values in reader:
            if not any(v.strip() for v in values):
                continue  # blank lines are harmless
            line = reader.line_num
            if len(values) != len(header):
                report.problems.append(
                    Problem(line, None, f"Has {len(values)} values; the header has {len(header)}.")
                )
                continue
            # Exports mark cells that start like a formula with an apostrophe (see
            # core/spreadsheets.py): read back, the apostrophe is not part of the name.
            cells = [from_spreadsheet(value) for value in values]
            row = _row(line, dict(zip(header, cells, strict=True)), report)
            if row is None:
                continue
            if row.email in first_seen:
                report.problems.append(
                    Problem(
                        line, "email", f"{row.email} is already on line {first_seen[row.email]}."
                    )
                )
                continue
            first_seen[row.email] = line
            rows.append(row)
    except csv.Error as exc:
        report.problems.append(Problem(reader.line_num or None, None, f"Not valid CSV: {exc}."))
    if report.ok and not rows:
        report.problems.append(Problem(None, None, "The file has a header but no people."))
    return rows


def _row(line: int, values: dict[str, str], report: ImportReport) -> Row | None:
    before = len(report.problems)

    def bad(column: str, message: str) -> None:
        report.problems.append(Problem(line, column, message))

    def text(column: str, limit: int) -> str | None:
        if column not in values:
            return None
        value = " ".join(values[column].split())
        if len(value) > limit:
            bad(column, f"Longer than {limit} characters.")
        return value

    email = normalize_email(values["email"])
    if not email:
        bad("email", "An e-mail address is required.")
    elif not _is_email(email):
        bad("email", f"“{email}” is not an e-mail address.")
    name = text("name", 200) or ""
    if not name:
        bad("name", "A name is required.")
    manager_email = normalize_email(values.get("manager_email", "")) or None
    if manager_email and not _is_email(manager_email):
        bad("manager_email", f"“{manager_email}” is not an e-mail address.")
    elif manager_email and manager_email == email:
        bad("manager_email", "A person cannot be their own manager.")
    start_date = None
    raw_date = values.get("start_date", "").strip()
    if raw_date:
        try:
            start_date = dt.date.fromisoformat(raw_date)
        except ValueError:
            bad("start_date", f"“{raw_date}” is not a date written as YYYY-MM-DD.")
    hr_admin = None
    if "hr_admin" in values:
        flag = values["hr_admin"].strip().lower()
        if flag in TRUE_WORDS:
            hr_admin = True
        elif flag in FALSE_WORDS:
            hr_admin = False
        else:
            bad("hr_admin", f"“{values['hr_admin']}” is not yes or no.")
    title = text("title", 200)
    team = text("team", 120)
    if len(report.problems) > before:
        return None
    return Row(
        line=line,
        email=email,
        name=name,
        title=title,
        team=team,
        manager_email=manager_email,
        start_date=start_date,
        hr_admin=hr_admin,
        columns=frozenset(values),
    )


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


# Checking the file against the organisation --------------------------------------------------


def _check_managers(rows: list[Row], existing: dict[str, Person], report: ImportReport) -> None:
    in_file = {row.email for row in rows}
    for row in rows:
        if row.manager_email and row.manager_email not in in_file | existing.keys():
            report.problems.append(
                Problem(
                    row.line,
                    "manager_email",
                    f"Unknown manager {row.manager_email}: not in this file and not in Careermap.",
                )
            )


def _final_manager(row: Row, existing: dict[str, Person]) -> str | None:
    if "manager_email" in row.columns:
        return row.manager_email
    person = existing.get(row.email)
    return person.manager.email if person and person.manager else None


def _check_cycles(rows: list[Row], existing: dict[str, Person], report: ImportReport) -> None:
    """Walk up from every row through the reporting line the import would leave behind."""
    manager_of = {email: (p.manager.email if p.manager else None) for email, p in existing.items()}
    manager_of.update({row.email: _final_manager(row, existing) for row in rows})
    line_of = {row.email: row.line for row in rows}
    reported: set[str] = set()
    for row in rows:
        path: list[str] = []
        email: str | None = row.email
        while email is not None and email not in path:
            path.append(email)
            email = manager_of.get(email)
        if email is None or email in reported:
            continue
        loop = path[path.index(email) :]
        reported.update(loop)
        chain = " → ".join([*loop, loop[0]])
        first = min((line_of[e] for e in loop if e in line_of), default=row.line)
        report.problems.append(
            Problem(first, "manager_email", f"These managers form a reporting cycle: {chain}.")
        )


# Planning and writing ------------------------------------------------------------------------


@dataclass
class _Plan:
    new: list[Row]
    changed: list[tuple[Row, Person]]


def _plan(rows: list[Row], existing: dict[str, Person], report: ImportReport) -> _Plan:
    plan = _Plan(new=[], changed=[])
    for row in rows:
        person = existing.get(row.email)
        if person is None:
            plan.new.append(row)
            report.created.append(Change(row.email, row.name))
            continue
        fields = _differences(row, person, existing)
        if fields:
            plan.changed.append((row, person))
            report.updated.append(Change(row.email, row.name, fields))
        else:
            report.unchanged += 1
    return plan


def _differences(row: Row, person: Person, existing: dict[str, Person]) -> list[str]:
    fields = []
    if row.name != person.name:
        fields.append("name")
    if row.title is not None and row.title != person.job_title:
        fields.append("title")
    current_team = person.team.name if person.team else ""
    if row.team is not None and row.team.lower() != current_team.lower():
        fields.append("team")
    if "manager_email" in row.columns and row.manager_email != (
        person.manager.email if person.manager else None
    ):
        fields.append("manager")
    if "start_date" in row.columns and row.start_date != person.start_date:
        fields.append("start date")
    if row.hr_admin is not None and row.hr_admin != person.is_hr_admin:
        fields.append("HR admin")
    return fields


def _teams(names: set[str]) -> dict[str, Team]:
    teams = {t.name.lower(): t for t in Team.objects.all()}
    missing = {n.lower(): n for n in names if n and n.lower() not in teams}
    if missing:
        Team.objects.bulk_create([Team(name=name) for name in missing.values()])
        teams = {t.name.lower(): t for t in Team.objects.all()}
    return teams


def _write(plan: _Plan, rows: list[Row], existing: dict[str, Person]) -> None:
    teams = _teams({r.team for r in plan.new + [r for r, _ in plan.changed] if r.team})
    users = {u.email: u for u in User.objects.filter(email__in=[r.email for r in plan.new])}
    new_users = []
    for row in plan.new:
        if row.email not in users:
            user = User(email=row.email)
            user.set_unusable_password()  # they choose one through "Forgot password"
            new_users.append(user)
    User.objects.bulk_create(new_users)
    users = {u.email: u for u in User.objects.filter(email__in=[r.email for r in plan.new])}
    created = Person.objects.bulk_create(
        [
            Person(
                name=row.name,
                email=row.email,
                job_title=row.title or "",
                team=teams.get((row.team or "").lower()),
                start_date=row.start_date,
                is_hr_admin=bool(row.hr_admin),
                user=users[row.email],
            )
            for row in plan.new
        ]
    )
    # Managers are set once everyone exists, since a manager may be a new person further down.
    by_email = {**existing, **{p.email: p for p in created}}
    to_update: list[Person] = []
    for person, row in zip(created, plan.new, strict=True):
        if row.manager_email:
            person.manager = by_email[row.manager_email]
            to_update.append(person)
    Person.objects.bulk_update(to_update, ["manager"], batch_size=1000)
    now = timezone.now()
    for row, person in plan.changed:
        person.name = row.name
        if row.title is not None:
            person.job_title = row.title
        if row.team is not None:
            person.team = teams.get(row.team.lower())
        if "manager_email" in row.columns:
            person.manager = by_email[row.manager_email] if row.manager_email else None
        if "start_date" in row.columns:
            person.start_date = row.start_date
        if row.hr_admin is not None:
            person.is_hr_admin = row.hr_admin
        person.updated_at = now
        person.version = F("version") + 1
    Person.objects.bulk_update(
        [p for _, p in plan.changed],
        [
            "name",
            "job_title",
            "team",
            "manager",
            "start_date",
            "is_hr_admin",
            "updated_at",
            "version",
        ],
        batch_size=1000,
    )
