"""`careermap export people|framework [-o FILE]`: in the import format, so it reads back."""

from django.core.management import call_command

from careermap.frameworks import exports
from careermap.people.imports import import_people

PEOPLE = (
    "email,name,title,team,manager_email,start_date,hr_admin\n"
    "ana@example.com,Ana Silva,Engineering Manager,Platform,,2019-03-01,no\n"
    "kim@example.com,Kim Park,People Partner,People,ana@example.com,2021-01-04,yes\n"
)


def test_export_people_reads_back_as_no_change(db, tmp_path, capsys):
    source = tmp_path / "people.csv"
    source.write_text(PEOPLE)
    call_command("import", "people", str(source))
    exported = tmp_path / "out.csv"
    call_command("export", "people", "-o", str(exported))
    assert "Exported 2 people." in capsys.readouterr().err
    assert import_people(exported.read_bytes(), actor=None).unchanged == 2
    assert "kim@example.com,Kim Park,People Partner,People,ana@example.com,2021-01-04,yes" in (
        exported.read_text()
    )


def test_export_framework_to_stdout_or_a_file(framework, tmp_path, capsys):
    call_command("export", "framework")
    assert capsys.readouterr().out == exports.framework_yaml()
    exported = tmp_path / "framework.yaml"
    call_command("export", "framework", "-o", str(exported))
    assert "Exported the career framework." in capsys.readouterr().err
    assert exported.read_text() == exports.framework_yaml()
