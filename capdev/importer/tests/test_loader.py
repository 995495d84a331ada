"""The loader: creates, re-imports without change, keeps editors' values, rolls back, stays in bulk."""
from decimal import Decimal

import pytest

from capdev.activities.models import Activity
from capdev.importer.loader import FileResult, RecordLoader
from capdev.narrative.types import Event, Flag, Money, Outcome, PartialDate, Partner, Record, Span
from capdev.organisations.models import Organisation, OrganisationAlias
from capdev.projects.models import Project, ProjectRelation, ReviewFlag, ReviewState, SourceRecord
from capdev.reference.models import Country, Currency, SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reference_rows():
    Currency.objects.create(code="USD", name="US Dollar")
    for iso3, iso2, name in [("BRB", "BB", "Barbados"), ("LCA", "LC", "Saint Lucia"), ("BHS", "BS", "Bahamas")]:
        Country.objects.create(iso3=iso3, iso2=iso2, name=name)
    for n in (1, 16):
        SdgGoal.objects.create(number=n, short_title=f"Goal {n}", title=f"Goal {n}")
    undp = Organisation.objects.create(name="United Nations Development Programme", acronym="UNDP", type="un")
    for alias in ("UNDP", "United Nations Development Programme"):
        OrganisationAlias.objects.create(organisation=undp, alias=alias)


def make_record(index=0, code="2326B", **overrides) -> Record:
    text = overrides.pop("text", f"record {index} {code} Main Expectations: 1. a; 2. b")
    r = Record(index=index, text=text, source_file="portfolio.txt", code=code,
               title=overrides.pop("title", "Digital government in the Caribbean"))
    r.summary = "Strengthening public sector capacities."
    r.expected_accomplishments = ["Vision developed", "Plan developed"]
    r.partners = [Partner(name="United Nations Development Programme", acronym="UNDP", text="UNDP"),
                  Partner(name="Caribbean Centre for Development Administration", acronym="CARICAD", text="CARICAD")]
    r.lead_unit, r.funding_source = "DPIDG", "DA Tranche 16 Account"
    r.budgets = [Money(Decimal("500000"), "USD")]
    r.start, r.end = PartialDate(2024, 1), PartialDate(2027, 6)
    r.countries, r.region, r.sdgs = ["BHS", "LCA", "BRB"], "Americas", [1, 16]
    r.outcomes = [Outcome("By 2026, policy makers ...", 2026, 1)]
    r.activities = [Event(type="advisory_mission", title="Advisory Mission to the Bahamas", country="BHS",
                          start=PartialDate(2024, 8, 20), end=PartialDate(2024, 8, 21), participants=40,
                          participants_qualifier="over", organisers=["UNDP"])]
    r.flags = [Flag("countries", "inferred from text")]
    r.spans = [Span("summary", 0, len(text))]
    for key, value in overrides.items():
        setattr(r, key, value)
    return r


def load(records, **kwargs) -> FileResult:
    return RecordLoader(**kwargs).load_records(records, FileResult("portfolio.txt"), file_sha="f" * 64)


def test_a_record_becomes_a_project_with_all_its_lists():
    result = load([make_record()])
    # The record's flag, and one per row the reference data lacked (issue #16): the DA tranche 16 source, CARICAD.
    assert (result.created, result.updated, result.unchanged, result.flags) == (1, 0, 0, 3)
    p = Project.objects.get(code="2326B")
    assert p.review_state == ReviewState.IN_REVIEW
    assert p.lead_unit.code == "DPIDG" and p.funding_source.tranche == 16
    assert [e.text for e in p.expected_accomplishments.all()] == ["Vision developed", "Plan developed"]
    assert sorted(p.countries.values_list("iso3", flat=True)) == ["BHS", "BRB", "LCA"]
    assert list(p.budgets.values_list("amount", "currency_id")) == [(Decimal("500000.00"), "USD")]
    assert p.start.iso() == "2024-01" and p.end.iso() == "2027-06"
    assert sorted(p.sdg_goals.values_list("number", flat=True)) == [1, 16]
    assert p.regions.get().name == "Americas"
    activity = Activity.objects.get(project=p)
    assert (activity.country_id, activity.participants, activity.participants_qualifier) == ("BHS", 40, "over")
    assert list(activity.organisers.values_list("acronym", flat=True)) == ["UNDP"]
    assert [link.name_as_written for link in p.partner_links.all()] == ["UNDP", "CARICAD"]
    assert p.partners.get(acronym="UNDP").name == "United Nations Development Programme"  # the known one
    assert sorted(ReviewFlag.objects.filter(project=p).values_list("field", "reason")) == [
        ("countries", "inferred from text"),
        ("funding_source", "new funding source, not in the reference data: DA Tranche 16 Account"),
        ("partners", "new organisation, not in the reference data: Caribbean Centre for Development Administration")]
    source = SourceRecord.objects.get(project=p)
    assert source.text == make_record().text and source.spans[0][0] == "summary"


def test_publish_publishes():
    load([make_record()], publish=True)
    p = Project.objects.get()
    assert p.review_state == ReviewState.PUBLISHED and p.published_at is not None


def test_loading_the_same_records_again_changes_nothing():
    load([make_record(), make_record(index=1, code=None, text="another record", title="Another")])
    history_before = Project.history.count()
    sources_before = SourceRecord.objects.count()
    result = load([make_record(), make_record(index=1, code=None, text="another record", title="Another")])
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert Project.objects.count() == 2
    assert Project.history.count() == history_before
    assert SourceRecord.objects.count() == sources_before


def test_a_changed_record_updates_its_project():
    load([make_record()])
    result = load([make_record(objective="A new objective", budgets=[Money(Decimal("750000"), "USD")])])
    assert (result.created, result.updated) == (0, 1)
    p = Project.objects.get()
    assert p.objective == "A new objective"
    assert list(p.budgets.values_list("amount", flat=True)) == [Decimal("750000.00")]


def test_an_editors_change_is_kept_unless_update_is_given():
    load([make_record()])
    p = Project.objects.get()
    p.title = "Title chosen by the editor"
    p.save()
    result = load([make_record(title="A new title in the file")])
    p.refresh_from_db()
    assert p.title == "Title chosen by the editor"
    assert any("title" in kept for kept in result.kept)
    result = load([make_record(title="A new title in the file")], update=True)
    p.refresh_from_db()
    assert p.title == "A new title in the file"
    assert not result.kept


def test_a_funding_source_named_by_its_alias_is_unchanged_on_reimport():
    from capdev.organisations.models import FundingSource

    da = FundingSource.objects.create(code="DA", name="United Nations Development Account", kind="development_account",
                                      aliases=["Compte pour le développement"])
    load([make_record(funding_source="Compte pour le développement")])
    assert Project.objects.get().funding_source == da
    result = load([make_record(funding_source="Compte pour le développement")])
    assert not result.kept
    assert (result.updated, result.unchanged) == (0, 1)
    Project.objects.update(funding_source=None)  # an editor clears it: the file's alias no longer overwrites it
    result = load([make_record(funding_source="Compte pour le développement")])
    assert any("funding_source" in kept for kept in result.kept)
    assert Project.objects.get().funding_source is None


def test_an_editors_list_change_is_kept():
    load([make_record()])
    p = Project.objects.get()
    p.expected_accomplishments.filter(position=1).update(text="Plan developed and adopted")
    result = load([make_record(expected_accomplishments=["Vision developed", "Plan drafted"])])
    assert [e.text for e in p.expected_accomplishments.all()] == ["Vision developed", "Plan developed and adopted"]
    assert any("expected_accomplishments" in kept for kept in result.kept)


def test_a_dry_run_writes_nothing():
    result = load([make_record()], dry_run=True)
    assert result.created == 1
    assert Project.objects.count() == 0 and Organisation.objects.filter(acronym="CARICAD").count() == 0


def test_a_failure_inside_the_file_leaves_the_database_unchanged(monkeypatch):
    load([make_record()])
    counts = (Project.objects.count(), Activity.objects.count(), SourceRecord.objects.count())

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(RecordLoader, "_write_source", staticmethod(boom))
    with pytest.raises(RuntimeError):
        load([make_record(index=0, code="NEW-1", text="new one"), make_record(index=1, code="NEW-2", text="two")])
    assert (Project.objects.count(), Activity.objects.count(), SourceRecord.objects.count()) == counts


def test_related_records_are_linked_not_merged():
    a = make_record(index=0, code="IGF-2009", text="igf 2009")
    b = make_record(index=1, code="IGF-2010", text="igf 2010", related_to=[0])
    load([a, b])
    assert Project.objects.count() == 2
    relation = ProjectRelation.objects.get()
    assert {relation.from_project.code, relation.to_project.code} == {"IGF-2009", "IGF-2010"}
    load([a, b])
    assert ProjectRelation.objects.count() == 1


def test_unknown_codes_are_dropped_and_reimport_stays_unchanged():
    record = make_record(countries=["BRB", "XXX"], sdgs=[16, 42])
    load([record])
    p = Project.objects.get()
    assert list(p.countries.values_list("iso3", flat=True)) == ["BRB"]
    assert load([make_record(countries=["BRB", "XXX"], sdgs=[16, 42])]).unchanged == 1


def test_reimporting_unchanged_records_takes_the_same_queries_for_2_or_8():
    def batch(n, offset):
        return [make_record(index=i, code=f"P-{offset + i}", text=f"text {offset + i}") for i in range(n)]

    small, large = batch(2, 100), batch(8, 200)
    load(small)
    load(large)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q_small:
        assert load(batch(2, 100)).unchanged == 2
    with CaptureQueriesContext(connection) as q_large:
        assert load(batch(8, 200)).unchanged == 8
    assert len(q_large) == len(q_small)


@pytest.mark.parametrize("text, status", [("Completed", "completed"), ("Ongoing", "active"), ("closed", "completed"),
                                          ("Pipeline", "planned"), ("", ""), (None, ""), ("unknown words", ""),
                                          ("En cours d'exécution", "active"), ("EN EJECUCIÓN", "active"),
                                          ("concluido", "completed"), ("Achevée", "completed"),
                                          ("Operationally closed", "completed"), ("prévu", "planned"),
                                          ("Suspended", "")])
def test_status_labels_map_to_statuses(text, status):
    from capdev.importer.status import status_from_text

    assert status_from_text(text) == status
    load([make_record(status=text)])
    assert Project.objects.get().status_override == status


def test_a_target_links_its_goal_too():
    SdgTarget.objects.create(code="16.6", goal_id=16, text="Effective, accountable and transparent institutions")
    # The parser of narrative pages gives the goal of each target; a JSON record or the API may give targets only.
    load([make_record(sdgs=[], sdg_targets=["16.6"])])
    p = Project.objects.get()
    assert list(p.sdg_targets.values_list("code", flat=True)) == ["16.6"]
    assert list(p.sdg_goals.values_list("number", flat=True)) == [16]
    assert load([make_record(sdgs=[], sdg_targets=["16.6"])]).unchanged == 1


def test_a_reimport_adds_the_goal_an_earlier_import_left_out():
    SdgTarget.objects.create(code="16.6", goal_id=16, text="Effective, accountable and transparent institutions")
    load([make_record(sdgs=[1], sdg_targets=["16.6"])])
    p = Project.objects.get()
    # What the loader wrote before targets implied their goals (the registry and the import agreeing on it).
    p.sdg_goal_links.filter(goal=16).delete()
    source = SourceRecord.objects.get(project=p)
    source.parsed["sdgs"] = [1]
    source.save()
    result = load([make_record(sdgs=[1], sdg_targets=["16.6"])])
    assert (result.updated, result.kept) == (1, [])
    assert sorted(p.sdg_goals.values_list("number", flat=True)) == [1, 16]
