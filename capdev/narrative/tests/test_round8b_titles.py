"""Titles, round 8b (tests/files/round8b/titles): a title label set apart from its value by a column gap whose value
is more column heads ("Proyecto      Presupuesto total      Ejecutado 2023") heads a table and names no project:
it is refused (flagged), and the record keeps the heading above it. A heading in sentence case followed by a
paragraph whose first words ("With a budget of", "Avec l'appui de", "Con financiación de") are glued onto it, on its
line or on the next one, keeps its own words only: a capitalised small word after words written small opens a
sentence. A heading in Title Case keeps a capitalised "For"."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.title_choice import glued_sentence, wraps_on
from capdev.narrative.title_columns import column_heads

FILES = Path(__file__).parent / "files" / "round8b" / "titles"


@pytest.mark.parametrize("name, title, heads", [
    ("en_table_head.txt", "Public Procurement Integrity in West Africa", "Total budget"),
    ("fr_table_head.txt", "Modernisation de l'état civil au Niger", "Budget total"),
    ("es_table_head.txt", "Catastro multifinalitario en municipios rurales de Bolivia", "Presupuesto"),
])
def test_a_table_head_is_no_title(name: str, title: str, heads: str) -> None:
    (record,) = parse_file(FILES / name)
    assert heads not in record.title
    assert record.title == title
    assert any(f.field == "title" and "a table's column heads" in f.reason for f in record.flags)


def test_a_title_beside_its_label_stays() -> None:
    (record,) = parse_file(FILES / "en_guard_spaced_title.txt")
    assert record.title == "Digital Skills for Civil Servants in the Pacific"
    assert not any(f.field == "title" for f in record.flags)


@pytest.mark.parametrize("sep, value, why", [
    ("spaces", "Presupuesto total      Ejecutado 2023", "a table's column heads"),
    ("tab", "Statut\tBudget", "a table's column heads"),
    ("spaces", "Strengthening   digital government in Bhutan", ""),  # a name spaced out: no label among its cells
    ("colon", "Budget      Status", ""),  # "Title: ..." with a colon is a label and its value
    ("spaces", "Digital Skills for Civil Servants in the Pacific", ""),
])
def test_column_heads(sep: str, value: str, why: str) -> None:
    assert column_heads(sep, value) == why


@pytest.mark.parametrize("name, title", [
    ("en_heading_paragraph.txt", "Strengthening e-government in Bhutan"),
    ("en_heading_glued.txt", "Digital skills for local governments in Nepal"),
    ("fr_heading_paragraph.txt", "Modernisation de l'état civil au Niger"),
    ("es_heading_paragraph.txt", "Gobierno abierto local en la región andina"),
])
def test_a_paragraph_glued_to_its_heading(name: str, title: str) -> None:
    (record,) = parse_file(FILES / name)
    assert record.title == title
    assert record.title_is_proposed


def test_a_title_case_heading_keeps_its_small_words() -> None:
    (record,) = parse_file(FILES / "en_guard_title_case.txt")
    assert record.title == "Strengthening Capacities For Resilient Public Service Delivery"


@pytest.mark.parametrize("phrase, cut", [
    ("Strengthening e-government in Bhutan With a budget", "Strengthening e-government in Bhutan"),
    ("Appui aux communes du Bénin Avec le soutien de l'AFD", "Appui aux communes du Bénin"),
    ("Catastro rural en Bolivia El proyecto apoya", "Catastro rural en Bolivia"),
    ("Strengthening Capacities For Resilient Service", ""),  # Title Case: "For" is the title's
    ("With the support of the EU, the project trains", ""),  # a sentence's first word is no glue
    ("Gobierno abierto en La Paz y El Alto", ""),  # a name: a capital follows the small word
    ("Open government in Bolivia Funded by Sweden", "Open government in Bolivia"),
])
def test_glued_sentence(phrase: str, cut: str) -> None:
    at = glued_sentence(phrase)
    assert (phrase[:at].rstrip() if at > 0 else "") == cut


def test_a_wrapped_title_still_wraps() -> None:
    assert wraps_on("Programa de fortalecimiento del servicio civil para la", "profesionalización de la función")
    assert not wraps_on("Strengthening e-government in Bhutan", "With a budget of USD 450,000 from")
