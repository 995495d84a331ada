"""IATI import: real files import whole and export again valid, re-import changes nothing, hostile input is refused."""
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from lxml import etree

from capdev.activities.models import Resource
from capdev.iati import export
from capdev.iati.importer import IatiImporter
from capdev.iati.models import IatiActivity, TransactionSummary
from capdev.iati.validate import validate_bytes
from capdev.organisations.models import Organisation
from capdev.projects.models import (
    Budget,
    IndicatorValue,
    Project,
    ProjectPartner,
    ProjectSector,
    ReviewState,
    SourceRecord,
)

from ._helpers import FILES, count_activities, data_files, schema, without_generated

GOOD = FILES / "good_activity.xml"


def table_sizes() -> dict[str, int]:
    """Row counts (history included) of everything an import may write."""
    models = [Project, Project.history.model, Organisation, ProjectPartner, Budget, SourceRecord, IatiActivity,
              TransactionSummary, ProjectSector, Resource, IndicatorValue]
    return {m._meta.label: m.objects.count() for m in models}


def export_xml(qs=None) -> bytes:
    buf = io.BytesIO()
    export.write_activities(buf, qs if qs is not None else export.projects_for_export(include_unpublished=True))
    return buf.getvalue()


# ------------------------------------------------------------------------------------------------ real files
@pytest.mark.slow
@pytest.mark.parametrize("path", data_files() or [None], ids=lambda p: p.name if p else "absent")
def test_each_shared_file_imports_whole_and_exports_valid(portfolio, db, path):
    if path is None:
        pytest.skip("shared/iati/data is absent (set CAPDEV_SHARED)")
    before = Project.objects.count()
    result = IatiImporter().import_file(path)
    assert not result.refused, [str(f) for f in result.errors[:5]]
    expected = count_activities(path)
    assert result.activities == result.created == expected
    assert Project.objects.count() - before == expected
    imported = Project.objects.filter(iati__isnull=False)
    assert SourceRecord.objects.filter(project__in=imported, format="iati").count() == expected
    xml = export_xml(export.projects_for_export(include_unpublished=True).filter(iati__isnull=False))
    assert len(etree.fromstring(xml)) == expected
    xsd = schema()
    if xsd is not None:
        assert xsd.validate(etree.fromstring(xml)), xsd.error_log.last_error
    # what Capdev publishes of it has no more ruleset errors than the publisher's own file
    errors = [f for f in validate_bytes(xml) if f.is_error]
    assert len(errors) <= 3, [str(f) for f in errors[:5]]


# ------------------------------------------------------------------------------------------------ one activity
def test_an_activity_becomes_a_project_with_everything(portfolio, db):
    result = IatiImporter(publish=True).import_file(GOOD)
    assert (result.created, result.refused) == (1, False)
    p = Project.objects.get(iati_identifier="XM-DAC-41127-GOOD-1")
    assert p.review_state == ReviewState.PUBLISHED and p.title.startswith("Digital government")
    assert p.summary.startswith("Training") and p.objective.startswith("Public servants")
    assert (p.start_date, p.end_date, p.start_precision) == (dt.date(2022, 2, 1), dt.date(2025, 12, 31), "day")
    roles = {(link.role, link.organisation.name) for link in p.partner_links.select_related("organisation")}
    assert ("funding", "United Nations Development Programme") in roles
    assert ("implementing", "Ministry of Public Service, Saint Lucia") in roles
    assert not any(r == "accountable" for r, _ in roles)  # the reporting organisation is implied
    assert {(c.country_id, c.percentage) for c in p.country_links.all()} == {("LCA", 60), ("BRB", 40)}
    assert {(s.vocabulary, s.code) for s in p.sectors.all()} == {("1", "15110"), ("7", "16")}
    assert list(p.sdg_goal_links.values_list("goal", flat=True)) == [16]
    assert list(p.sdg_target_links.values_list("target", flat=True)) == ["16.6"]
    budget = p.budgets.get()
    assert (budget.amount, budget.currency_id, budget.period_start, budget.year) == \
        (Decimal("100000"), "USD", dt.date(2022, 1, 1), 2022)
    summary = {(t.transaction_type, t.currency): (t.total, t.count)
               for t in TransactionSummary.objects.filter(project=p)}
    assert summary == {("2", "USD"): (Decimal("250000"), 1), ("3", "USD"): (Decimal("75000.50"), 2)}
    indicator = p.outcomes.get().indicators.get()
    assert (indicator.baseline_value, indicator.baseline_year) == (0, 2021)
    value = indicator.values.get()
    assert (value.target, value.actual, value.period_end) == (2, 1, dt.date(2022, 12, 31))
    resource = p.resources.get()
    assert (resource.url, resource.type, resource.language) == ("https://example.org/report.pdf", "report", "en")
    source = p.sources.get()
    assert source.format == "iati" and source.text.startswith("<iati-activity") and "GOOD-1" in source.text
    assert p.iati.reporting_org_ref == "XM-DAC-41127" and p.iati.activity_status == "2"


def test_reimport_changes_nothing(portfolio, db):
    IatiImporter().import_file(GOOD)
    sizes = table_sizes()
    result = IatiImporter().import_file(GOOD)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert table_sizes() == sizes


def test_a_changed_activity_is_updated_in_place(portfolio, db, tmp_path):
    IatiImporter().import_file(GOOD)
    changed = tmp_path / "changed.xml"
    changed.write_bytes(GOOD.read_bytes().replace(b'percentage="60"', b'percentage="70"')
                        .replace(b'percentage="40"', b'percentage="30"'))
    result = IatiImporter().import_file(changed)
    assert (result.created, result.updated) == (0, 1)
    p = Project.objects.get(iati_identifier="XM-DAC-41127-GOOD-1")
    assert {(c.country_id, c.percentage) for c in p.country_links.all()} == {("LCA", 70), ("BRB", 30)}
    assert p.budgets.count() == 1 and p.outcomes.count() == 1 and p.sources.count() == 2


def test_dry_run_writes_nothing(portfolio, db):
    sizes = table_sizes()
    result = IatiImporter(dry_run=True).import_file(GOOD)
    assert result.created == 1 and not result.refused
    assert table_sizes() == sizes


# ------------------------------------------------------------------------------------------------ hostile input
@pytest.mark.parametrize("name,message", [
    ("xxe.xml", "DOCTYPE"),
    ("billion_laughs.xml", "DOCTYPE"),
    ("dtd.xml", "DOCTYPE"),
    ("truncated.xml", "not well-formed"),
    ("wrong_root.xml", "wrong root element <iati-organisations>"),
    ("version_1.xml", "version '1.05' is not supported"),
])
def test_hostile_and_broken_files_are_refused_and_change_nothing(portfolio, db, name, message):
    sizes = table_sizes()
    result = IatiImporter(publish=True).import_file(FILES / name)
    assert result.refused
    error = result.errors[0]
    assert message in error.message, str(error)
    assert error.line and error.file.endswith(name)
    assert "root:" not in error.message and "/etc/passwd" not in str(result.findings)
    assert table_sizes() == sizes


def test_a_refusal_names_the_file_and_line(portfolio, db):
    result = IatiImporter().import_file(FILES / "truncated.xml")
    assert result.errors[0].format().startswith(f"{FILES / 'truncated.xml'}:")
    assert result.errors[0].line and "[xml] the XML is not well-formed" in result.errors[0].format()


def test_damage_late_in_a_file_rolls_back_the_activities_before_it(portfolio, db, tmp_path):
    good = GOOD.read_bytes()
    body = good.split(b"<iati-activities", 1)[1].split(b">", 1)[1].replace(b"</iati-activities>", b"")
    many = [body.replace(b"GOOD-1", f"BATCH-{i}".encode()) for i in range(40)]
    many.append(body.replace(b"GOOD-1", b"BAD").replace(b"</title>", b"</titel>"))  # damaged: not well-formed
    path = tmp_path / "late.xml"
    path.write_bytes(good.split(b"<iati-activity ", 1)[0] + b"".join(many) + b"</iati-activities>\n")
    sizes = table_sizes()
    result = IatiImporter(batch=2).import_file(path)  # batches of two were written, then undone
    # The parser reads ahead by 32 KB: the activities in the damaged stretch are never seen.
    assert result.refused and 20 <= result.activities <= 40 and "not well-formed" in result.summary()
    assert result.created == 0 and "refused whole, nothing imported" in result.summary()
    assert table_sizes() == sizes


def test_a_doctype_after_the_sniffed_prolog_is_still_refused(portfolio, db, tmp_path):
    text = (FILES / "xxe.xml").read_bytes()
    decl, rest = text.split(b"\n", 1)
    path = tmp_path / "late_doctype.xml"
    path.write_bytes(decl + b"\n<!--" + b" " * 70000 + b"-->\n" + rest)
    result = IatiImporter().import_file(path)
    assert result.refused and "DOCTYPE" in result.errors[0].message
    assert not Project.objects.filter(iati_identifier="XM-DAC-41127-XXE").exists()


def test_import_command_reports_and_fails_on_refusal(portfolio, db):
    out, err = io.StringIO(), io.StringIO()
    call_command("iati", "import", str(GOOD), "--publish", stdout=out, stderr=err)
    assert "1 activities read, 1 imported, 0 updated, 0 unchanged, 0 skipped" in out.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("iati", "import", str(FILES / "xxe.xml"), stdout=out, stderr=err)
    assert "xxe.xml:2: [xml] a DOCTYPE" in err.getvalue()


def test_findings_reported_as_they_come_are_not_kept(portfolio, db):
    path = FILES / "warnings_activity.xml"
    kept = IatiImporter(dry_run=True).import_file(path)
    not_stored = [f for f in kept.findings if f.rule == "not-stored"]
    assert len(not_stored) == 2 and kept.by_rule["not-stored"] == 2 and not kept.refused
    assert kept.finding_count == len(kept.findings) > 2  # IATI's ruleset speaks too (percentages over 100)
    heard = []
    streamed = IatiImporter(dry_run=True, on_finding=heard.append).import_file(path)
    assert heard == kept.findings  # the same findings, in the same order, as they came
    assert streamed.findings == [] and streamed.by_rule == kept.by_rule  # nothing kept but the counts


def test_import_command_prints_findings_when_verbose_and_counts_them(portfolio, db):
    out, err = io.StringIO(), io.StringIO()
    call_command("iati", "import", str(FILES / "warnings_activity.xml"), "--dry-run", stdout=out, stderr=err)
    assert "not-stored 2" in out.getvalue() and err.getvalue() == ""
    call_command("iati", "import", str(FILES / "warnings_activity.xml"), "--dry-run", verbosity=2,
                 stdout=out, stderr=err)
    assert "'20222-02-01' is not a date" in err.getvalue() and "'140' is not between 0 and 100" in err.getvalue()


# ------------------------------------------------------------------------------------------------ round trip
def test_export_import_export_gives_the_same_xml(portfolio, db, tmp_path):
    project = Project.objects.published().get(title__startswith="Strengthen public")
    project.sdg_target_links.create(target_id="16.6")
    outcome = project.outcomes.order_by("position").first()
    indicator = outcome.indicators.create(title="Officials trained", unit="people", baseline_value=0,
                                          baseline_year=2023)
    indicator.values.create(period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31), target=40, actual=35)
    project.resources.create(title="Toolkit", url="https://example.org/toolkit.pdf", type="report", language="en")
    Project.objects.filter(pk=Project.objects.published().order_by("pk").first().pk).update(code="ZAI/08/001")
    first = export_xml(export.projects_for_export())
    Project.objects.all().delete()
    path = tmp_path / "first.xml"
    path.write_bytes(first)
    result = IatiImporter(publish=True).import_file(path)
    assert not result.refused and result.created == 10, [str(f) for f in result.findings[:5]]
    assert Project.objects.filter(code="ZAI/08/001").exists()
    second = export_xml(export.projects_for_export())
    assert without_generated(second) == without_generated(first), _debug_diff(first, second)


def _debug_diff(a: bytes, b: bytes) -> str:
    import difflib

    return "\n".join(difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), lineterm="", n=1))


@pytest.mark.django_db
def test_imported_activities_are_found_by_search(tmp_path):
    """IATI imports write in bulk; the full-text index must still know the new projects."""
    from capdev.iati.importer import IatiImporter
    from capdev.projects.filtersets import ProjectFilterSet
    from capdev.projects.models import Project

    call_command("load_reference", stdout=io.StringIO())
    IatiImporter(publish=True).import_file(GOOD)
    project = Project.objects.exclude(title="").first()
    word = max(project.title.split(), key=len)
    found = ProjectFilterSet({"q": word}, queryset=Project.objects.published()).qs
    assert project in found


def test_a_changed_activity_updates_the_original_not_its_working_copy(portfolio, db, tmp_path, django_user_model):
    """A published project's working copy keeps its identifier and code: the import must still match the
    original (and, at a million projects, find it by the registry's unique index, not a scan)."""
    from capdev.editor.workflow import start_working_copy

    IatiImporter(publish=True).import_file(GOOD)
    original = Project.objects.get(iati_identifier="XM-DAC-41127-GOOD-1", draft_of__isnull=True)
    editor = django_user_model.objects.create_superuser("chief", "chief@example.org", "a long passphrase here")
    copy = start_working_copy(original, editor)
    assert copy.iati_identifier == original.iati_identifier and copy.code == original.code
    changed = tmp_path / "changed.xml"
    changed.write_bytes(GOOD.read_bytes().replace(b'percentage="60"', b'percentage="70"')
                        .replace(b'percentage="40"', b'percentage="30"'))
    for _ in range(3):  # whichever row the database happens to return first
        result = IatiImporter().import_file(changed)
        assert (result.created, result.updated + result.unchanged) == (0, 1)
        assert {(c.country_id, c.percentage) for c in original.country_links.all()} == {("LCA", 70), ("BRB", 30)}
        assert {(c.country_id, c.percentage) for c in copy.country_links.all()} == {("LCA", 60), ("BRB", 40)}
    assert Project.objects.filter(iati_identifier="XM-DAC-41127-GOOD-1").count() == 2  # nothing created beside them


# ------------------------------------------------------------------------------------------------ SDGs
SDG_TARGETS_ONLY = FILES / "sdg_targets_only.xml"


def test_a_target_links_its_goal_too(portfolio, db, client):
    result = IatiImporter(publish=True).import_file(SDG_TARGETS_ONLY)
    assert (result.created, result.refused) == (1, False)
    p = Project.objects.get(iati_identifier="XM-EXAMPLE-SDG-1")
    assert sorted(p.sdg_target_links.values_list("target", flat=True)) == ["16.6", "3.8"]
    # 3 only through target 3.8; 16 given outright and through 16.6, linked once
    assert sorted(p.sdg_goal_links.values_list("goal", flat=True)) == [3, 16]
    # ... so the project is counted and listed under goal 3
    assert p.title in client.get("/projects/", {"sdg": "3"}).content.decode()
    assert p.title in client.get("/sdgs/3/").content.decode()


def test_a_reimport_adds_the_goals_an_earlier_importer_version_left_out(portfolio, db):
    IatiImporter().import_file(SDG_TARGETS_ONLY)
    p = Project.objects.get(iati_identifier="XM-EXAMPLE-SDG-1")
    # What importer version iati-1 wrote: the targets without the goal they imply.
    p.sdg_goal_links.filter(goal=3).delete()
    SourceRecord.objects.filter(project=p).update(importer_version="iati-1")
    result = IatiImporter().import_file(SDG_TARGETS_ONLY)
    assert (result.updated, result.unchanged) == (1, 0)
    assert sorted(p.sdg_goal_links.values_list("goal", flat=True)) == [3, 16]


# ------------------------------------------------------------------------------------------------ budgets
BUDGET_PERIODS = FILES / "budget_periods.xml"


def test_a_budget_is_yearly_only_for_a_whole_year(portfolio, db):
    result = IatiImporter().import_file(BUDGET_PERIODS)
    assert not result.refused, [str(f) for f in result.errors]
    p = Project.objects.get(iati_identifier="XM-EXAMPLE-BUDGET-KINDS")
    lines = [(b.period_start.isoformat(), b.kind, b.year) for b in p.budgets.order_by("position")]
    assert lines == [
        ("2022-01-01", Budget.Kind.YEARLY, 2022),  # a calendar year
        ("2022-10-01", Budget.Kind.YEARLY, None),  # a fiscal year: twelve months over two calendar years
        ("2024-02-29", Budget.Kind.YEARLY, None),  # twelve months from 29 February
        ("2024-01-01", Budget.Kind.OTHER, 2024),  # a quarter
        ("2024-04-01", Budget.Kind.OTHER, 2024),  # a month
        ("2025-01-01", Budget.Kind.OTHER, 2025),  # a day short of a year
    ]


@pytest.mark.parametrize("start, end, whole", [
    ("2022-01-01", "2022-12-31", True), ("2022-07-01", "2023-06-30", True), ("2024-02-29", "2025-02-28", True),
    ("2023-03-01", "2024-02-29", True), ("2024-01-01", "2024-03-31", False), ("2024-01-01", "2024-12-30", False),
    ("2024-01-02", "2024-12-31", False), ("2022-01-01", "2023-01-01", False),
])
def test_is_one_year(start, end, whole):
    from capdev.iati.mapping import is_one_year

    assert is_one_year(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) is whole


def test_a_revised_budget_replaces_the_original_for_its_period_in_the_list(portfolio, db, client):
    IatiImporter(publish=True).import_file(BUDGET_PERIODS)
    p = Project.objects.get(iati_identifier="XM-EXAMPLE-BUDGET-REVISED")
    assert [(b.label, b.amount) for b in p.budgets.filter(period_start__month=2)] == [
        ("", Decimal("50000.00")), ("Revised committed", Decimal("70000.00"))]  # both kept, as the file says
    page = client.get("/projects/", {"q": "Monthly budgets original revised"}).content.decode()
    assert p.title in page
    # January's revision equals its original, February's is 70,000, March has none: 50 + 70 + 20 thousand
    assert "USD 140,000 (other)" in page and "USD 240,000" not in page


@pytest.mark.slow
def test_the_world_bank_budget_is_not_counted_twice(portfolio, db):
    from capdev.projects.views import budget_summary

    path = next((p for p in data_files() if p.name == "worldbank-sv.xml"), None)
    if path is None:
        pytest.skip("shared/iati/data/worldbank-sv.xml is absent (set CAPDEV_SHARED)")
    assert not IatiImporter().import_file(path).refused
    p = Project.objects.get(title="El Salvador Water Sector Resilience Project")
    # Every month twice, original and revised, to the same amounts: the project is a US$100 million one.
    assert budget_summary(p.budgets.all()) == "USD 100,000,000 (other)"


def test_new_projects_reach_an_index_built_before_the_import(portfolio, db, client):
    # The list is answered by the process's in-memory index (checked against SQL in the tests): built now...
    assert "Universal health coverage" not in client.get("/projects/", {"sdg": "3"}).content.decode()
    IatiImporter(publish=True).import_file(SDG_TARGETS_ONLY)
    # ... it must learn of the projects the import created, though bulk writes send no signals.
    assert "Universal health coverage" in client.get("/projects/", {"sdg": "3"}).content.decode()


def test_a_region_the_import_creates_reaches_an_index_built_before(portfolio, db, client, tmp_path):
    IatiImporter(publish=True).import_file(SDG_TARGETS_ONLY)  # its organisation exists from now on
    client.get("/projects/", {"sdg": "3"})  # the index, built before the import
    path = tmp_path / "region.xml"
    path.write_bytes(SDG_TARGETS_ONLY.read_bytes().replace(
        b'<recipient-country code="LC" percentage="100"/>',
        b'<recipient-country code="LC" percentage="50"/><recipient-region vocabulary="1" code="289" percentage="50"/>'))
    IatiImporter(publish=True).import_file(path)
    page = client.get("/projects/", {"sdg": "3"}).content.decode()  # the index checks itself against SQL
    assert "Universal health coverage" in page and "South of Sahara" in page


def test_the_title_standing_in_for_a_description_is_not_stored_as_a_summary(portfolio, db, tmp_path):
    project = Project.objects.create(title="Open data for local governments", start_date=dt.date(2024, 1, 1),
                                     end_date=dt.date(2025, 12, 31), review_state=ReviewState.PUBLISHED)
    first = export_xml(export.projects_for_export(ids=[project.pk]))
    assert b"<description type=\"1\">" in first
    path = tmp_path / "title_only.xml"
    path.write_bytes(first)
    Project.objects.filter(pk=project.pk).delete()
    assert IatiImporter(publish=True).import_file(path).created == 1
    imported = Project.objects.get(title="Open data for local governments")
    assert (imported.summary, imported.objective, imported.background) == ("", "", "")
    assert without_generated(export_xml(export.projects_for_export(ids=[imported.pk]))) == without_generated(first)
