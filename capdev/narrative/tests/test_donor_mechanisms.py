"""A donor label or a Donor column that names a budget mechanism (the Development Account, "DA", a trust fund)
gives the record's funding source, never a funding partner called "Compte pour le développement"; who pays stays
a funder (a government, the Global Fund, "Government of Norway (XB)")."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_text
from capdev.narrative.values.funding import names_a_mechanism_only

FILES = Path(__file__).parent / "files" / "donor_mechanisms"


def _records(name: str):
    return parse_text((FILES / name).read_text(encoding="utf-8"))


def _funders(record) -> list[str]:
    return [p.name for p in record.partners if p.role == "funding"]


@pytest.mark.parametrize("name, source", [
    ("labelled_en.txt", "UN Development Account"),
    ("labelled_es.txt", "Cuenta para el Desarrollo de las Naciones Unidas"),
])
def test_a_donor_label_naming_a_mechanism_gives_the_funding_source(name: str, source: str) -> None:
    [record] = _records(name)
    assert record.funding_source == source
    assert _funders(record) == []
    assert any(f.field == "funding_source" for f in record.flags)


def test_a_donor_column_keeps_mechanisms_and_payers_apart() -> None:
    records = _records("table_fr.txt")
    assert [r.code for r in records] == ["2225P", "SEN/23/007", "TGO/24/002"]
    da, global_fund, luxembourg = records
    assert da.funding_source == "Compte pour le développement" and _funders(da) == []
    assert global_fund.funding_source is None and _funders(global_fund) == ["Fonds mondial"]
    assert luxembourg.funding_source is None and _funders(luxembourg) == ["Gouvernement du Luxembourg"]


def test_a_payer_with_its_mechanism_stays_a_funder() -> None:
    [record] = _records("payer_en.txt")
    assert _funders(record) == ["Government of Norway"]
    assert not any(f.field == "funding_source" and "donor label" in f.reason for f in record.flags)


@pytest.mark.parametrize("value, expected", [
    ("DA", True), ("DA 14", True), ("XB", True), ("Development Account", True),
    ("Compte pour le développement", True), ("Cuenta para el Desarrollo", True),
    ("Global Fund", False), ("Fonds mondial", False), ("Trust fund of Korea", False),
    ("Government of Norway (XB)", False), ("Sida", False), ("Luxembourg", False),
])
def test_what_names_a_mechanism_only(value: str, expected: bool) -> None:
    assert names_a_mechanism_only(value) is expected
