"""A system's export pasted into a text (issue #16, round 8): its column names are field names, words joined by an
underscore, a dot or a capital ("fecha_inicio", "startDate", "Fecha.Termino"), often without a label's linking
words ("bailleurFonds", "Fuente.Financiamiento"). Each row is one project with its code, title, country, funder,
budget, period and status; a column of amounts paid out is no budget and stays unplaced. In English, French and
Spanish (tests/files/round8/exports)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.structured.cells import column_label
from capdev.narrative.structured.export_names import label_words, spelling_of
from capdev.narrative.values.status import status_category

FILES = Path(__file__).parent / "files" / "round8" / "exports"

# file -> per project: code, title, country, funder, budget, start, end, status category
EXPECTED = {
    "en_snake_case_export.txt": [
        ("GOV-2021-07", "Civil Service Performance Management", "GHA", "Government of Canada", (780000, "USD"),
         "2021-04-01", "2024-03-31", "active"),
        ("GOV-2019-02", "Open Budget Portals for Municipalities", "PHL", "European Union", (1150000, "EUR"),
         "2019-01-15", "2021-12-31", "completed"),
    ],
    "fr_camel_case_export.txt": [
        ("BF-GOUV-22", "Appui à la gestion prévisionnelle des effectifs de l'État", "BFA",
         "Coopération luxembourgeoise", (950000, "EUR"), "2022-02-01", "2025-01-31", "active"),
        ("NE-DEC-20", "Formation des élus locaux à la gestion budgétaire", "NER", "African Development Bank",
         (1200000, "USD"), "2020-06-01", "2023-05-31", "completed"),
    ],
    "es_dotted_export.txt": [
        ("PAN-GD-21", "Ventanilla única digital para trámites municipales", "PAN", "Inter-American Development Bank",
         (650000, "USD"), "2021-10-01", "2024-09-30", "active"),
        ("CRI-SC-18", "Carrera administrativa basada en el mérito", "CRI", "European Union", (820000, "EUR"),
         "2018-03-01", "2021-02-28", "completed"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_row_of_an_export_is_a_project(name: str) -> None:
    records = parse_file(FILES / name)
    assert len(records) == len(EXPECTED[name])
    for record, (code, title, country, funder, budget, start, end, status) in zip(records, EXPECTED[name]):
        assert (record.code, record.title, record.countries) == (code, title, [country])
        assert [p.name for p in record.partners if p.role == "funding"] == [funder]
        assert [(b.amount, b.currency) for b in record.budgets] == [(Decimal(budget[0]), budget[1])]
        assert (record.start.iso(), record.end.iso()) == (start, end)
        assert status_category(record.status) == status
        assert not any(p.role != "funding" for p in record.partners), "a funder is no other partner"


def test_an_amount_paid_out_is_no_budget_and_is_kept() -> None:
    first, second = parse_file(FILES / "en_snake_case_export.txt")
    assert [b.amount for b in first.budgets] == [Decimal(780000)]
    assert any("disbursed_usd" in f.reason for f in first.flags)  # the column named, its cell unplaced
    assert any("512000" in f.reason for f in first.flags)


@pytest.mark.parametrize("name, field", [
    ("fecha_inicio", "time_frame"), ("startDate", "time_frame"), ("Fecha.Termino", "time_frame"),
    ("total_budget", "budget"), ("montantTotal", "budget"), ("project_id", "code"), ("intituleProjet", "title"),
    ("bailleurFonds", "partners"), ("implementing_partner", "partners"), ("fecha_fin_revisada", "time_frame"),
])
def test_field_names_read_as_labels(name: str, field: str) -> None:
    label = column_label(name)
    assert label is not None and label.field == field


def test_a_revised_end_column_is_a_revised_end() -> None:
    assert column_label("fecha_fin_revisada").modifiers.get("date_kind") == "revised"


@pytest.mark.parametrize("name", ["disbursed_usd", "ejecutado", "montantDecaisse", "remarks_2024", "fooBar"])
def test_other_field_names_are_no_label(name: str) -> None:
    assert column_label(name) is None


def test_words_of_a_field_name() -> None:
    assert label_words("fecha_inicio") == "fecha inicio"
    assert label_words("startDate") == "start Date"
    assert label_words("Budget") is None  # one word: a label or not as it stands
    assert spelling_of("bailleurFonds") == "Bailleur de fonds"
    assert spelling_of("Fuente.Financiamiento") == "Fuente de financiamiento"
    assert spelling_of("colorRed") is None
