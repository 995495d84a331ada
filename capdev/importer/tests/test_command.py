"""`capdev import-legacy`: encodings, bad input, dry runs, JSON, re-import reports."""
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from capdev.projects.models import Project, ReviewState, SourceRecord

pytestmark = pytest.mark.django_db

FILES = Path(__file__).resolve().parents[2] / "narrative" / "tests" / "files"


@pytest.fixture(autouse=True)
def reference():
    call_command("load_reference", stdout=io.StringIO())


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_legacy", *map(str, args), stdout=out, stderr=out)
    return out.getvalue()


@pytest.mark.parametrize("name", ["record_utf8.txt", "record_utf8_bom.txt", "record_cp1252.txt",
                                  "record_utf16le_bom.txt", "record_utf16be_bom.txt", "record_utf16le_nobom.txt"])
def test_every_encoding_gives_the_same_project(name):
    assert "1 records, 1 created" in run(FILES / name)
    project = Project.objects.get()
    assert "Côte d’Ivoire" in project.objective
    assert project.countries.get().iso3 == "CIV"
    assert [(b.amount, b.currency_id) for b in project.budgets.all()] == [(125000, "EUR")]
    assert project.start.iso() == "2011-03" and project.end.iso() == "2013-06"
    assert project.review_state == ReviewState.IN_REVIEW
    assert SourceRecord.objects.get().text.startswith("Main Expectations: A “national”")


@pytest.mark.parametrize("name, message", [
    ("empty.txt", "empty"),
    ("whitespace_only.txt", "empty"),
    ("binary.png", "binary"),
    ("binary_controls.bin", "binary"),
    ("no_record.txt", "no recognisable project record"),
])
def test_bad_input_is_one_clear_line_and_writes_nothing(name, message):
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 files failed"):
        call_command("import_legacy", str(FILES / name), stdout=io.StringIO(), stderr=err)
    lines = [line for line in err.getvalue().splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0] and message in lines[0].lower()
    assert Project.objects.count() == 0


def test_a_missing_file_is_an_error():
    with pytest.raises(CommandError):
        run(FILES / "does-not-exist.txt")


def test_a_bad_file_does_not_stop_the_good_ones_but_fails_the_command():
    with pytest.raises(CommandError, match="1 of 2 files failed"):
        run(FILES / "empty.txt", FILES / "record_utf8.txt")
    assert Project.objects.count() == 1


def test_dry_run_reports_and_writes_nothing():
    out = run("--dry-run", FILES / "label_families.txt")
    assert "dry run" in out and " created" in out
    assert Project.objects.count() == 0


def test_json_prints_the_import_shape_and_writes_nothing():
    out = io.StringIO()
    call_command("import_legacy", "--json", str(FILES / "record_utf8.txt"), stdout=out)
    records = json.loads(out.getvalue())
    assert Project.objects.count() == 0
    (record,) = records
    for key in ("code", "title", "title_is_proposed", "summary", "objective", "expected_accomplishments",
                "planned_activities", "key_accomplishments", "partners", "lead_unit", "funding_source", "budgets",
                "start", "end", "status", "region", "countries", "sdgs", "sdg_targets", "thematic_areas",
                "outcomes", "activities", "resources", "related_to", "flags", "unparsed", "source"):
        assert key in record, key
    assert record["budgets"] == [{"amount": 125000, "currency": "EUR", "kind": "total", "label": "",
                                  "period_start": None, "period_end": None}]
    assert record["start"] == "2011-03" and record["countries"] == ["CIV"]
    assert record["source"]["text"].startswith("Main Expectations:")


def test_reimport_reports_unchanged_and_kept_editor_values():
    run(FILES / "record_utf8.txt")
    assert "0 created, 0 updated, 1 unchanged" in run(FILES / "record_utf8.txt")
    project = Project.objects.get()
    project.objective = "Edited by a programme manager."
    project.save()
    out = run(FILES / "record_utf8.txt")
    assert "kept the editor's value" in out and "objective" in out
    project.refresh_from_db()
    assert project.objective == "Edited by a programme manager."
    out = run("--update", FILES / "record_utf8.txt")
    project.refresh_from_db()
    assert project.objective.startswith("To help the Government")
    assert "1 updated" in out


def test_publish_publishes():
    run("--publish", FILES / "record_utf8.txt")
    assert Project.objects.get().review_state == ReviewState.PUBLISHED


def test_an_import_run_for_a_user_writes_only_their_units_projects(django_user_model):
    from django.contrib.auth.models import Group

    from capdev.accounts.models import UnitAssignment
    from capdev.organisations.models import OrgUnit

    user = django_user_model.objects.create_user("pm", "pm@example.org", "a long passphrase 2026", is_staff=True)
    user.groups.add(Group.objects.get(name="editor"))
    UnitAssignment.objects.create(user=user, unit=OrgUnit.objects.get(code="PACB"))
    # record_utf8.txt is an EGB project: refused whole, with the record and the unit named.
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_legacy", "--user", "pm", str(FILES / "record_utf8.txt"), stdout=io.StringIO(), stderr=err)
    assert "pm may not write projects of unit EGB" in err.getvalue() and Project.objects.count() == 0
    UnitAssignment.objects.create(user=user, unit=OrgUnit.objects.get(code="DPADM"))  # EGB's parent
    assert "1 created" in run("--user", "pm", FILES / "record_utf8.txt")
    with pytest.raises(CommandError):  # editors do not publish
        call_command("import_legacy", "--user", "pm", "--publish", str(FILES / "record_utf8.txt"),
                     stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="no active user"):
        run("--user", "nobody", FILES / "record_utf8.txt")
