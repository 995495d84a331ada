"""Labels in forms the table does not spell (round 12): a key read by its head words (qualifiers, articles, owners,
currencies and abbreviations set aside, in English, French and Spanish), a key naming two fields read as both, the
separators '=', '->', '=>', and list marks "(a)", "2.1" before a label; with guards where no label is."""
from __future__ import annotations

from decimal import Decimal

import pytest

from capdev.narrative import parse_file, parse_text
from capdev.narrative.labels import match_label
from capdev.narrative.types import PartialDate
from capdev.narrative.values.status import status_category

from ._shared import FILES

SAMPLE = FILES / "round12" / "labels"


# ---------------------------------------------------------------- keys read by their words


@pytest.mark.parametrize(("line", "field", "part"), [
    ("Expected completion: 28 February 2029", "time_frame", "end"),
    ("Fecha prevista de cierre: junio de 2027", "time_frame", "end"),
    ("**Launch** — 1 June 2023", "time_frame", "start"),
    ("Clôture prévue : décembre 2027", "time_frame", "end"),
    ("Coûts totaux : 3 000 000 EUR", "budget", None),
    ("Overall allocation: USD 310,000", "budget", None),
    ("Bud. approved (USD): 40,000", "budget", None),
    ("Importe aprobado en USD: 40.000", "budget", None),
    ("Op. No.: PAC-FISH-22", "code", None),
    ("Code opération : CIV-FON-07", "code", None),
    ("Estado de situación: en ejecución", "status", None),
    ("Socio ejecutor: Instituto Nacional de Innovación Agraria", "partners", None),
])
def test_a_key_is_a_label_when_its_head_words_name_a_field(line: str, field: str, part: str | None) -> None:
    m = match_label(line)
    assert m is not None and m.field == field and m.colon
    assert m.modifiers.get("date_part") == part


def test_a_currency_written_in_the_key_is_the_budgets() -> None:
    assert match_label("Montant approuvé en FCFA : 250 000 000").aside == "FCFA"
    assert match_label("Coste total estimado (€) -> 650.000").aside == "€"
    assert match_label("Importe aprobado en USD: 40.000").aside == "USD"
    [record] = parse_file(SAMPLE / "fr_romain.txt")
    assert [(m.amount, m.currency) for m in record.budgets] == [(Decimal(250000000), "XOF")]
    assert record.title == "Programme de modernisation des registres fonciers ruraux"


@pytest.mark.parametrize("line", [
    "Fecha de presentación: 31 de julio de 2023",  # a date of something else, not the project's period
    "Numéro 7712 - Samedi 15 mars 2025",  # a number in the key: a journal's issue
    "project (budget: US$ 1.1 million) built on the recommendations",  # inside brackets of a sentence
    "Monto del contrato: USD 412.500,00",  # a contract's, not the project's
    "Partners and donors: Government of Norway, UNDP",  # two roles in one key: neither placed as sure
    "The budget: is a quote",  # a sentence's beginning
    "Budget support is provided: USD 3 million",  # words of no field
    "Number of participants: 35",  # a count, no code
    "Activity: launch workshop",  # the singular of a list's label the table spells in the plural only
    "No. Code:",  # two columns' heads side by side ("No.", "Code"), not one label
    "N/Réf. : DAES/DIPGN/2023/204",  # a letter's own reference
    "Ejecutado: USD 40.000",  # an amount spent, not "Ejecutado por"
    "Donor and implementing partner: Government of Norway / UNDP",  # one field in two roles: no share is sure
])
def test_a_key_whose_words_name_no_single_field_stays_text(line: str) -> None:
    assert match_label(line) is None


# ---------------------------------------------------------------- a key naming two fields


def test_a_key_naming_a_period_and_a_budget_gives_each_its_part() -> None:
    [record] = parse_file(SAMPLE / "en_numbered_memo.txt")
    assert (record.start, record.end) == (PartialDate(2025, 1), PartialDate(2027, 12))
    assert [(m.amount, m.currency) for m in record.budgets] == [(Decimal(1200000), "USD")]
    [fr] = parse_text("Titre : Appui à la statistique agricole\n(c) Durée et coût : 2024-2026 ; 450 000 EUR\n")
    assert (fr.start, fr.end) == (PartialDate(2024), PartialDate(2026))
    assert [(m.amount, m.currency) for m in fr.budgets] == [(Decimal(450000), "EUR")]


def test_parts_written_in_the_other_order_go_by_their_type() -> None:
    [record] = parse_text("Proyecto: Escuelas de campo para productores de cacao\n"
                          "Presupuesto y plazo: 2023-2025 / 1.100.000 USD\n")
    assert (record.start, record.end) == (PartialDate(2023), PartialDate(2025))
    assert [(m.amount, m.currency) for m in record.budgets] == [(Decimal(1100000), "USD")]


def test_names_under_a_key_of_two_fields_go_in_order_or_not_at_all() -> None:
    [record] = parse_text("Título: Catastro multifinalitario en municipios del altiplano\n"
                          "Financiador / país beneficiario: Gobierno de Suiza / Bolivia\n")
    assert [(p.name, p.role) for p in record.partners] == [("Gobierno de Suiza", "funding")]
    assert record.countries == ["BOL"]
    [guard] = parse_text("Title: Tax audit functions in coastal West Africa\n"
                         "Donor and countries: Government of Norway, Ghana and Togo\n")
    assert not guard.partners and guard.countries != ["GHA", "TGO"]  # one value, two fields: given to neither
    assert any(f.field == "partners" for f in guard.flags)  # flagged for a reviewer


# ---------------------------------------------------------------- separators and list marks


@pytest.mark.parametrize(("line", "field"), [
    ("Réf. -> CEMAC-TRAV-12", "code"),
    ("**Total budget (USD)** -> 350,000", "budget"),
    ("Donante = Gobierno de Suiza", "partners"),
    ("Title => Open contracting portal", "title"),
    ("Partenaire financier \u2192 Banque mondiale", "partners"),
    ("(f) Situation : en cours", "status"),
    ("(b) N° de projet : BEN-STAT-204", "code"),
    ("2.3 Budget: USD 40,000", "budget"),
])
def test_assignment_signs_and_list_marks(line: str, field: str) -> None:
    m = match_label(line)
    assert m is not None and m.field == field


@pytest.mark.parametrize("line", ["n = 35 participants", "Budget==total", "a -> b", "x = the budget", "Total = 35"])
def test_an_assignment_sign_makes_no_label_of_words_that_are_none(line: str) -> None:
    assert match_label(line) is None


def test_sample_records_read_whole() -> None:
    [md] = parse_file(SAMPLE / "en_markdown_bold.md")
    assert md.title == "Fisheries licensing registry for small island states"
    assert md.code == "PAC-FISH-22"
    assert (md.start, md.end) == (PartialDate(2023, 6, 1), PartialDate(2026, 5, 31))
    [note] = parse_file(SAMPLE / "fr_note_fleches.txt")
    assert note.title == "Formation des inspecteurs du travail en Afrique centrale"
    assert note.code == "CEMAC-TRAV-12" and status_category(note.status) == "completed"


def test_a_table_header_of_keys_the_table_does_not_spell_names_its_columns() -> None:
    first, second = parse_file(SAMPLE / "en_table_header.md")
    assert (first.code, first.title) == ("KE-WAT-01", "Water utilities performance contracts")
    assert (first.start, first.end) == (PartialDate(2024, 3), PartialDate(2027, 2))
    assert [(m.amount, m.currency) for m in first.budgets] == [(Decimal(650000), "USD")]
    assert second.countries == ["UGA"] and second.code == "UG-TAX-02"
