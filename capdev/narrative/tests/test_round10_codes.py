"""Codes under the order of words French and Spanish use ("Code Atlas/Quantum :", "Código Quantum:"), and a
project's acronym that holds a country's ("PRC-IGE", "PRC-TZ") naming no country (round 10)."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text
from capdev.narrative.values.places import find_countries

from ._shared import FILES, only_record

CODES = FILES / "round10" / "codes"


@pytest.mark.parametrize("name,code,countries", [
    ("fr_code_atlas.txt", "BEN/23/011", []),
    ("es_codigo_quantum.txt", "00145678", ["HND"]),
    ("en_acronym_codes.txt", "2024T", ["TZA"]),
], ids=["fr", "es", "en"])
def test_code_labels_and_acronyms(name, code, countries):
    record = only_record(CODES / name)
    assert record.code == code
    assert "CHN" not in record.countries
    for iso3 in countries:
        assert iso3 in record.countries


@pytest.mark.parametrize("text,found", [
    ("the project (PRC-IGE) trains inspectors", []),
    ("a programme in the PRC and in Viet Nam", ["CHN", "VNM"]),
    ("UNDP-Mali supports it", ["MLI"]),
])
def test_an_acronym_joined_to_another_by_a_hyphen_names_no_country(text, found):
    assert [m.iso3 for m in find_countries(text)] == found


def test_a_code_label_in_french_word_order_in_a_record_of_labels():
    [record] = parse_text("Titre : Projet de modernisation\nCode Atlas : MDG/22/005\nStatut : en cours\n")
    assert record.code == "MDG/22/005"
