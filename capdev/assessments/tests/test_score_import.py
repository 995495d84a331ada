"""Scores from CSV and XLSX files: both layouts, several countries and years, a preview of what is written, and
refusals that say where (row, column, value, why), with nothing written."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from capdev.assessments import score_files, score_import
from capdev.assessments.models import Assessment, AssessmentState, DimensionScore

from .conftest import FILES

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


def plan_of(name: str, **options):
    path = FILES / name
    return score_import.plan(score_files.read(path.read_bytes(), path.name), today=TODAY, **options)


def test_a_long_file_plans_one_assessment_per_country_date_and_assessor(countries, framework):
    plan = plan_of("scores-long.csv")
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.layout == "long"
    lca, brb = plan.assessments
    assert (lca.country.iso3, lca.date.iso(), lca.assessor_type, lca.title) == ("LCA", "2023-11", "self",
                                                                                  "Baseline self-assessment")
    assert {s.dimension.code: s.score for s in lca.scores.values()} == {
        "strategy": 2, "institutions": 2, "legal": 3, "services": 2, "data": 1, "mindsets": 1}
    assert lca.scores[next(d for d, s in lca.scores.items() if s.dimension.code == "data")].evidence == \
        "No data-sharing rules"
    assert (brb.country.iso3, brb.date.iso(), brb.assessor_type) == ("BRB", "2024-03-15", "peer")
    assert Decimal("2.5") in [s.score for s in brb.scores.values()]
    assert [a.action for a in plan.assessments] == ["create", "create"]
    assert not Assessment.objects.exists()  # planning writes nothing


def test_writing_creates_drafts_then_a_second_upload_updates_only_what_changed(countries, framework, staff):
    result = score_import.write(plan_of("scores-long.csv"), user=staff["editor"])
    assert (result.created, result.updated, result.scores) == (2, 0, 8)
    lca = Assessment.objects.get(country="LCA")
    assert lca.state == AssessmentState.DRAFT and not lca.internal and lca.date_precision == "month"
    assert lca.history.first().history_user == staff["editor"]
    again = plan_of("scores-long.csv")
    assert [a.action for a in again.assessments] == ["unchanged", "unchanged"]
    path = FILES / "scores-long.csv"
    changed = path.read_text().replace("self,data,1,", "self,data,2,")
    plan = score_import.plan(score_files.read(changed.encode(), "changed.csv"), today=TODAY)
    update = plan.assessments[0]
    assert update.action == "update" and update.existing == lca
    data = next(s for s in update.scores.values() if s.dimension.code == "data")
    assert (data.old.score, data.score, data.changed) == (1, 2, True)
    result = score_import.write(plan, user=staff["editor"])
    assert (result.created, result.updated, result.unchanged, result.scores) == (0, 1, 1, 1)
    assert DimensionScore.objects.get(assessment=lca, dimension__code="data").score == 2


def test_publishing_is_for_reviewers_and_a_published_assessment_is_changed_by_them_only(countries, framework, staff):
    score_import.write(plan_of("scores-long.csv"), user=staff["editor"], publish=True)
    assert set(Assessment.objects.values_list("state", flat=True)) == {AssessmentState.DRAFT}
    Assessment.objects.all().delete()
    score_import.write(plan_of("scores-long.csv"), user=staff["reviewer"], publish=True, internal=True)
    assert set(Assessment.objects.values_list("state", "internal")) == {(AssessmentState.PUBLISHED, True)}
    changed = (FILES / "scores-long.csv").read_text().replace("self,data,1,", "self,data,2,")
    plan = score_import.plan(score_files.read(changed.encode(), "changed.csv"), today=TODAY)
    with pytest.raises(PermissionDenied, match="only a reviewer"):
        score_import.write(plan, user=staff["editor"])
    assert DimensionScore.objects.get(assessment__country="LCA", dimension__code="data").score == 1
    with pytest.raises(PermissionDenied):
        score_import.write(plan, user=staff["viewer"])


def test_a_wide_index_series_takes_its_framework_and_assessor_from_the_options(countries, index_framework):
    plan = plan_of("scores-wide.csv", framework=index_framework, assessor_type="external")
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.layout == "wide"
    assert [(a.country.iso3, a.date.iso()) for a in plan.assessments] == [
        ("LCA", "2020"), ("LCA", "2022"), ("LCA", "2024"), ("BRB", "2022"), ("BHS", "2022")]
    bahamas = plan.assessments[-1]
    assert sorted(s.dimension.code for s in bahamas.scores.values()) == ["human_capital", "services"]  # empty cell
    result = score_import.write(plan)
    assert (result.created, result.scores) == (5, 14)
    assert Assessment.objects.filter(country="LCA", date_precision="year").count() == 3


def test_a_workbook_is_read_from_its_scores_sheet_with_dates_and_numbers(countries, index_framework):
    plan = plan_of("scores.xlsx")
    assert plan.ok, [str(p) for p in plan.problems]
    assert [(a.country.iso3, a.date.iso(), len(a.scores)) for a in plan.assessments] == [
        ("LCA", "2021", 3), ("BRB", "2021-06-30", 3), ("LCA", "2023", 2)]
    assert next(iter(plan.assessments[0].scores.values())).score == Decimal("0.45")


def test_semicolons_and_decimal_commas_are_read(countries, framework):
    plan = plan_of("scores-semicolon.csv")
    assert plan.ok and next(iter(plan.assessments[0].scores.values())).score == Decimal("2.5")


def test_every_cell_that_does_not_fit_is_refused_with_row_column_value_and_why(countries, framework):
    plan = plan_of("scores-faulty.csv")
    assert not plan.ok and not plan.assessments
    found = {(p.row, p.column, p.value): p.why for p in plan.problems}
    assert "no country has this code or name" in found[(2, "A", "Atlantis")]
    assert "not a date" in found[(3, "B", "2023-13")]
    assert "no framework has this identifier" in found[(4, "C", "no-such-framework")]
    assert "self, peer or external" in found[(5, "D", "sometimes")]
    assert "not a dimension of capdev-example-digital-government" in found[(6, "E", "courage")]
    assert "strategy, institutions" in found[(6, "E", "courage")]
    assert "outside capdev-example-digital-government's scale (levels 1 to 5)" in found[(7, "F", "7")]
    assert "not a number" in found[(8, "F", "two")]
    assert "after today" in found[(9, "B", "2099")]
    text = str(next(p for p in plan.problems if p.value == "Atlantis"))
    assert text == "row 2, column A (country), “Atlantis”: no country has this code or name"
    with pytest.raises(ValueError):
        score_import.write(plan)
    assert not Assessment.objects.exists()


def test_an_unknown_column_a_missing_one_and_a_score_twice_are_refused(countries, framework):
    unknown = plan_of("scores-unknown-column.csv")
    assert [(p.row, p.column, p.header) for p in unknown.problems] == [(1, "G", "notes")]
    missing = score_import.plan(score_files.read(b"country,date,dimension,score\nLCA,2023,data,1\n", "x.csv"),
                                today=TODAY)
    assert {p.header for p in missing.problems} == {"framework", "assessor_type"}
    twice = (b"country,date,framework,assessor_type,dimension,score\n"
             b"LCA,2023,capdev-example-digital-government,self,data,1\n"
             b"LCA,2023,capdev-example-digital-government,self,data,2\n")
    plan = score_import.plan(score_files.read(twice, "x.csv"), today=TODAY)
    assert [str(p) for p in plan.problems] == [
        "row 3, column – (dimension): a second score for data in this assessment (first in row 2)"]


def test_an_institution_must_be_known_and_of_the_country(countries, framework):
    from capdev.organisations.models import Organisation

    Organisation.objects.create(name="Department of Public Sector Modernisation", acronym="DPSM",
                                country=countries["LCA"])
    Organisation.objects.create(name="Barbados Revenue Authority", country=countries["BRB"])
    rows = (b"country,institution,date,framework,assessor_type,dimension,score\n"
            b"LCA,DPSM,2023,capdev-example-digital-government,self,data,1\n"
            b"LCA,Barbados Revenue Authority,2023,capdev-example-digital-government,self,data,1\n"
            b"LCA,Ministry of Magic,2023,capdev-example-digital-government,self,data,1\n")
    plan = score_import.plan(score_files.read(rows, "x.csv"), today=TODAY)
    assert [(p.row, p.why) for p in plan.problems] == [
        (3, "not an institution of Saint Lucia (its country is BRB)"),
        (4, "no organisation has this name; add it in the admin first")]


@pytest.mark.parametrize("name, data, message", [
    ("empty.csv", b"  \n", "empty"), ("damaged.xlsx", (FILES / "damaged.xlsx").read_bytes(), "not a workbook"),
    ("big.csv", b"x" * (score_files.MAX_BYTES + 1), "larger than"),
    ("twice.csv", b"country,Country\nLCA,LCA\n", "given twice"),
    ("binary.csv", b"\x00\x01\x02country", "not a CSV or XLSX"),
])
def test_files_that_are_no_table_are_refused_saying_why(name, data, message):
    with pytest.raises(score_files.FileProblem, match=message):
        score_files.read(data, name)


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(score_files, "MAX_ROWS", 3)
    with pytest.raises(score_files.FileProblem, match="More than 3 rows"):
        score_files.read(b"a\n1\n2\n3\n4\n", "x.csv")


def test_the_import_assessments_command_previews_with_dry_run_and_refuses_with_where(countries, framework,
                                                                                      index_framework):
    out = io.StringIO()
    call_command("import_assessments", str(FILES / "scores-long.csv"), "--dry-run", stdout=out)
    assert "create    LCA" in out.getvalue() and "2 to create" in out.getvalue()
    assert not Assessment.objects.exists()
    call_command("import_assessments", str(FILES / "scores-long.csv"), "--publish", stdout=out)
    assert Assessment.objects.filter(state=AssessmentState.PUBLISHED).count() == 2
    with pytest.raises(CommandError, match=r"(?s)nothing imported.*row 2, column A \(country\), “Atlantis”"):
        call_command("import_assessments", str(FILES / "scores-faulty.csv"), stdout=out)
    call_command("import_assessments", str(FILES / "scores-wide.csv"), "--framework", "capdev-example-index",
                 "--assessor-type", "external", "--internal", stdout=out)
    assert Assessment.objects.filter(internal=True).count() == 5
    with pytest.raises(CommandError, match="No framework"):
        call_command("import_assessments", str(FILES / "scores-wide.csv"), "--framework", "nope", stdout=out)
