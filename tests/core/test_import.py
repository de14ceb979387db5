"""`careermap import people|framework FILE [--dry-run]`: all or nothing, with the report."""

import pytest
from django.core.management import CommandError, call_command

from careermap.frameworks import exports
from careermap.frameworks.models import FrameworkInfo, Skill
from careermap.people.models import Person

HEADER = "email,name,title,team,manager_email,start_date,hr_admin\n"
PEOPLE = (
    HEADER
    + "ana@example.com,Ana Silva,Engineering Manager,Platform,,2019-03-01,no\n"
    + "li@example.com,Li Wei,Software Engineer,Platform,ana@example.com,2023-09-18,no\n"
)


def test_import_people_adds_them_and_lists_each(db, tmp_path, capsys):
    source = tmp_path / "people.csv"
    source.write_text(PEOPLE)
    call_command("import", "people", str(source))
    out = capsys.readouterr().out
    assert "added: Ana Silva <ana@example.com>" in out and "added: Li Wei <li@example.com>" in out
    assert Person.objects.get(email="li@example.com").manager.name == "Ana Silva"


def test_import_people_dry_run_lists_changes_and_writes_nothing(db, tmp_path, capsys):
    source = tmp_path / "people.csv"
    source.write_text(PEOPLE)
    call_command("import", "people", str(source), "--dry-run")
    out = capsys.readouterr().out
    assert "would add: Ana Silva <ana@example.com>" in out and "Dry run, nothing written" in out
    assert not Person.objects.exists()


def test_import_people_fails_with_the_report(db, tmp_path, capsys):
    source = tmp_path / "people.csv"
    source.write_text(HEADER + "x@example.com,X,,,,yesterday,no\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import", "people", str(source))
    assert "line 2, column start_date" in capsys.readouterr().out
    assert not Person.objects.exists()


def test_import_without_a_file_or_with_a_missing_one_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="Name the file to import"):
        call_command("import", "people")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import", "people", str(tmp_path / "nowhere.csv"))


def test_import_framework_refuses_a_bad_file(framework, tmp_path, capsys):
    text = exports.framework_yaml()
    assert "  follows: l1\n" in text
    bad = tmp_path / "fw.yaml"
    bad.write_text(text.replace("  follows: l1\n", "  follows: l3\n", 1))
    version = FrameworkInfo.objects.get().version
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import", "framework", str(bad))
    assert "level order loops" in capsys.readouterr().out
    assert FrameworkInfo.objects.get().version == version


def test_import_framework_default_loads_it_into_an_empty_installation(db, capsys):
    from careermap.frameworks.services import reset_framework

    reset_framework()
    call_command("import", "framework", "--default")
    assert "added" in capsys.readouterr().out
    assert Skill.objects.count() >= 40
