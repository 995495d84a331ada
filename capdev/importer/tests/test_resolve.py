"""Funding sources and organisations are matched by their names and aliases in the reference data, in English,
French and Spanish, before anything new is created; what an import creates is flagged for review."""
from __future__ import annotations

import pytest

from capdev.importer.loader import FileResult, RecordLoader
from capdev.importer.resolve import Resolver, tranche_of
from capdev.narrative.types import Partner, Record
from capdev.organisations.loading import load_funding_sources, load_organisations
from capdev.organisations.models import FundingSource, Organisation
from capdev.projects.models import Project, ReviewFlag

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    load_funding_sources()
    load_organisations()


@pytest.mark.parametrize("written, code", [
    ("XBTC", "XBTC"),
    ("Development Account", "DA"),
    ("UN Development Account", "DA"),
    ("Compte pour le développement", "DA"),
    ("Compte pour le developpement", "DA"),
    ("Cuenta para el Desarrollo", "DA"),
    ("CUENTA PARA EL DESARROLLO", "DA"),
    ("Regular Programme of Technical Cooperation (RPTC)", "RPTC"),
    ("Programme ordinaire de coopération technique", "RPTC"),
    ("Fonds extrabudgétaires (XB)", "XB"),
    ("Fondos extrapresupuestarios", "XB"),
    ("Extrabudgetary resources", "XB"),
])
def test_a_known_source_is_found_by_code_name_or_alias(reference, written, code):
    resolver = Resolver([])
    before = FundingSource.objects.count()
    assert resolver.funding_source(written).code == code
    assert FundingSource.objects.count() == before and resolver.take_fresh() == []


def test_a_development_account_tranche_is_one_source_however_written(reference):
    resolver = Resolver([])
    first = resolver.funding_source("DA Tranche 16 Account")
    assert (first.kind, first.tranche) == ("development_account", 16)
    assert resolver.take_fresh() == [("funding_source", "DA Tranche 16 Account")]
    for written in ("Development Account - 16th tranche", "Compte pour le développement, 16e tranche",
                    "Cuenta para el Desarrollo (16.º tramo)"):
        assert resolver.funding_source(written) == first, written
    assert resolver.take_fresh() == []
    assert Resolver([]).funding_source("Compte pour le développement – 16e tranche") == first  # a later import


@pytest.mark.parametrize("written, tranche", [("DA Tranche 16 Account", 16), ("11th tranche", 11), ("11e tranche", 11),
                                              ("Cuenta para el Desarrollo (14.º tramo)", 14), ("DA 13th tranche", 13),
                                              ("Development Account", None)])
def test_tranche_of(written, tranche):
    assert tranche_of(written) == tranche


def test_an_unknown_source_is_created_as_written_and_noted_for_review(reference):
    resolver = Resolver([])
    made = resolver.funding_source("Government of Japan Trust Fund")
    assert (made.code, made.kind) == ("Government of Japan Trust Fund", "trust_fund")
    assert resolver.take_fresh() == [("funding_source", "Government of Japan Trust Fund")]


def _record(**values) -> Record:
    record = Record(index=0, text=f"record {values}", source_file="x.txt", title="A project")
    for key, value in values.items():
        setattr(record, key, value)
    return record


def test_the_loader_flags_what_it_creates_and_matches_aliases_without_a_flag(reference):
    record = _record(code="2023Q", funding_source="Compte pour le développement",
                     partners=[Partner(name="PNUD", text="PNUD"),
                               Partner(name="Red de Sistemas Nacionales de Inversión Pública", acronym="Red SNIP",
                                       text="Red de Sistemas Nacionales de Inversión Pública (Red SNIP)")])
    RecordLoader().load_records([record], FileResult("x.txt"), file_sha="0" * 64)
    project = Project.objects.get(code="2023Q")
    assert project.funding_source.code == "DA"
    assert project.partners.get(project_links__name_as_written="PNUD").acronym == "UNDP"  # no new UNDP
    flags = list(ReviewFlag.objects.filter(project=project).values_list("field", "reason"))
    assert flags == [("partners", "new organisation, not in the reference data: "
                                  "Red de Sistemas Nacionales de Inversión Pública")]
    assert Organisation.objects.filter(acronym="Red SNIP").count() == 1


def test_a_new_funding_source_is_flagged_once(reference):
    record = _record(code="2024A", funding_source="Government of Japan Trust Fund")
    result = RecordLoader().load_records([record], FileResult("x.txt"), file_sha="0" * 64)
    assert result.flags == 1
    assert ReviewFlag.objects.filter(project__code="2024A", field="funding_source").count() == 1
    again = RecordLoader().load_records([_record(code="2024A", funding_source="Government of Japan Trust Fund")],
                                        FileResult("x.txt"), file_sha="0" * 64)
    assert (again.unchanged, FundingSource.objects.filter(code="Government of Japan Trust Fund").count()) == (1, 1)
