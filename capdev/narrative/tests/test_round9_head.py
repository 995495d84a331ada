"""Round 9: a country programme's page says once, in its head, the country it serves; its projects, which name
none of their own, are that country's, flagged (page_head.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.page_head import REASON

FILES = Path(__file__).parent / "files" / "round9" / "head"


@pytest.mark.parametrize("name, country, titles", [
    ("en_country_office.txt", "BTN", 2),
    ("fr_fiche_pays.txt", "BFA", 2),
    ("es_ficha_pais.txt", "BOL", 2),
])
def test_the_country_the_pages_head_serves_goes_to_each_project(name, country, titles):
    records = parse_file(FILES / name)
    assert len(records) == titles
    for rec in records:
        assert rec.countries == [country]
    for rec in records[1:]:  # (the first one's head is its own text, where a page's intro reads as its summary)
        assert any(f.field == "countries" and f.reason == REASON for f in rec.flags)


def test_a_head_naming_two_countries_lends_none_and_a_records_own_country_stays():
    _, second, third = parse_file(FILES / "en_regional_page.txt")
    assert second.countries == ["RWA"]
    assert third.countries == []  # Kenya or Uganda: the head does not say which
    assert not any(f.reason == REASON for rec in (second, third) for f in rec.flags)


def test_a_funders_country_in_the_head_is_not_lent():
    rec, other = parse_file(FILES / "en_country_office.txt")
    assert "JPN" not in rec.countries + other.countries
