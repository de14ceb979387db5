"""Framework files: the default loads, round-trips, and every kind of bad file is refused whole."""

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careermap.frameworks import exports, services
from careermap.frameworks.models import FrameworkInfo, Level, Move, Role, Skill, Track


def test_default_framework_is_complete_enough_for_a_real_company(framework):
    assert Track.objects.filter(retired=False).count() >= 5
    assert Level.objects.filter(retired=False).count() == 5
    assert Skill.objects.filter(retired=False).count() >= 40
    assert Role.objects.filter(retired=False).count() >= 25
    assert Move.objects.filter(kind="lateral").exists()
    every_skill_described = all(len(s.steps) == 5 for s in Skill.objects.all())
    assert every_skill_described


def test_export_then_import_changes_nothing_and_exports_the_same_text(framework):
    text = exports.framework_yaml()
    version = FrameworkInfo.objects.get().version
    result = services.import_framework(text.encode(), actor=None)
    assert result.ok and not result.changed
    assert result.summary() == "The framework already matches this file: nothing changed."
    assert FrameworkInfo.objects.get().version == version
    assert exports.framework_yaml() == text


def _broken(framework, old: str, new: str, count: int = 1) -> bytes:
    text = exports.framework_yaml()
    assert old in text, old
    return text.replace(old, new, count).encode()


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            "    system-design: 3\n",
            "    sistem-design: 3\n",
            "roles > engineering-l3 > skills",
            "unknown skill “sistem-design”",
        ),
        (
            "- id: testing\n",
            "- id: code-quality\n",
            "skills > code-quality",
            "duplicate id “code-quality”",
        ),
        ("  follows: l1\n", "  follows: l3\n", "levels > l", "the level order loops"),
        (
            "    system-design: 3\n",
            "    system-design: 7\n",
            "roles > engineering-l3 > skills > system-design",
            "proficiency 7 is outside the scale",
        ),
        (
            "  track: engineering\n",
            "  track: engineerin\n",
            "roles > engineering-l1 > track",
            "unknown track “engineerin”",
        ),
        (
            "  typical_months: 18\n",
            "  typical_months: 0\n",
            "moves[1] > typical_months",
            "whole number of months",
        ),
        ("format: 1\n", "format: 2\n", "format", "must be 1"),
    ],
)
def test_each_kind_of_bad_file_is_refused_with_its_place_and_nothing_changes(
    framework, old, new, where, message
):
    before = (FrameworkInfo.objects.get().version, Role.objects.count(), Skill.objects.count())
    result = services.import_framework(_broken(framework, old, new), actor=None)
    assert not result.ok
    assert any(p.where.startswith(where) and message in p.message for p in result.problems), [
        str(p) for p in result.problems
    ]
    assert all(p.line for p in result.problems if p.where != "levels")
    after = (FrameworkInfo.objects.get().version, Role.objects.count(), Skill.objects.count())
    assert after == before


def test_a_promotion_across_tracks_is_refused(framework):
    text = exports.framework_yaml()
    bad = text.replace(
        "- from: engineering-l1\n  to: engineering-l2\n  kind: promotion",
        "- from: engineering-l1\n  to: data-l2\n  kind: promotion",
    )
    result = services.import_framework(bad.encode(), actor=None)
    assert any("a promotion stays in its track" in p.message for p in result.problems)


def test_not_yaml_at_all_says_where(db):
    result = services.import_framework(b"format: 1\nroles: [unclosed\n", actor=None)
    assert not result.ok and result.problems[0].line == 3
    assert "not valid YAML" in result.problems[0].message


def test_dry_run_counts_changes_and_writes_nothing(framework):
    renamed = _broken(framework, "name: Senior Software Engineer\n", "name: Senior Engineer\n")
    result = services.import_framework(renamed, actor=None, dry_run=True)
    assert result.ok and result.updated == {"roles": 1}
    assert result.summary().startswith("Dry run, nothing written")
    assert Role.objects.get(key="engineering-l3").name == "Senior Software Engineer"


def test_roles_left_out_of_a_file_are_retired_not_deleted(framework, report):
    services.set_current_role(report, actor=None, role=Role.objects.get(key="sales-l1"))
    data = exports.framework_data()
    data["roles"] = [r for r in data["roles"] if r["id"] != "sales-l1"]
    data["moves"] = [m for m in data["moves"] if "sales-l1" not in (m["from"], m["to"])]
    result = services.import_framework(yaml.safe_dump(data).encode(), actor=None)
    assert result.ok, [str(p) for p in result.problems]
    assert result.retired == {"roles": 1, "moves": 1}
    role = Role.objects.get(key="sales-l1")
    assert role.retired and report.career_role.role == role  # their history stays
    again = services.import_framework(exports.framework_yaml().encode(), actor=None)
    assert again.ok and not again.changed  # the export no longer has it either


def test_hr_imports_through_the_page_and_sees_problems(client, hr, framework):
    client.force_login(hr.user)
    upload = SimpleUploadedFile(
        "fw.yaml", _broken(framework, "    system-design: 3\n", "    sistem-design: 3\n")
    )
    response = client.post(reverse("frameworks:import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400 and "unknown skill “sistem-design”" in page


def test_hr_downloads_the_framework(client, hr, framework):
    client.force_login(hr.user)
    response = client.get(reverse("frameworks:export"))
    assert response["Content-Disposition"] == 'attachment; filename="career-framework.yaml"'
    assert b"- id: engineering-l3" in response.content


def test_hr_loads_the_default_framework_into_an_empty_installation(client, hr, db):
    from careermap.frameworks.services import reset_framework

    reset_framework()
    client.force_login(hr.user)
    page = client.get(reverse("frameworks:overview")).content.decode()
    assert "No framework yet" in page and "Load the default framework" in page
    client.post(reverse("frameworks:load_default"))
    assert Role.objects.filter(key="engineering-l3", retired=False).exists()
