"""Titles, round 8b (tests/files/round8b/titles): a title label set apart from its value by a column gap whose value
is more column heads ("Proyecto      Presupuesto total      Ejecutado 2023") heads a table and names no project:
it is refused (flagged), and the record keeps the heading above it. A heading in sentence case followed by a
paragraph whose first words ("With a budget of", "Avec l'appui de", "Con financiación de") are glued onto it, on its
line or on the next one, keeps its own words only: a capitalised small word after words written small opens a
sentence. A heading in Title Case keeps a capitalised "For". A line that ends in a word cut by a hyphen
("... de Munici-") is a paragraph's, never a title; a summary opening mid-sentence ("palidades Ecuatorianas ...")
proposes no title."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.title_choice import rejection, wraps_on
from capdev.narrative.title_columns import column_heads
from capdev.narrative.title_glued import glued_sentence
from capdev.narrative.titles import propose_title

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


@pytest.mark.parametrize("line", [
    "Trabaja con la Red de Municipalidades Rurales del Perú y con la Asociación de Munici-",
    "The project works with the National School of Public Admin-",
    "Le projet s'appuie sur l'École nationale d'adminis-",
])
def test_a_line_cut_in_a_word_is_no_title(line: str) -> None:
    assert rejection(line) == "a line cut in the middle of a word"


def test_a_hyphenated_name_may_be_a_title() -> None:
    assert rejection("Gobierno abierto local en la región andina") == ""
    assert rejection("Digital government for small island developing states - ") != "a line cut in the middle of a word"


@pytest.mark.parametrize("summary", [
    "palidades Ecuatorianas (AME). El principal hito del año fue el taller binacional de Cuenca.",
    "ment of Health. The workshop gathered 40 officials of six countries in Accra.",
    "tion des finances publiques. Le séminaire a réuni 30 cadres à Dakar en 2023.",
])
def test_a_summary_cut_mid_sentence_proposes_no_title(summary: str) -> None:
    assert propose_title(summary, "", [], []) == ""


def test_a_summary_proposes_its_first_sentence() -> None:
    assert propose_title("Open data for budget transparency in Mongolia. The project published ...", "", [], []) == (
        "Open data for budget transparency in Mongolia")
