"""Titles, round 8b (tests/files/round8b/titles): a title label set apart from its value by a column gap whose value
is more column heads ("Proyecto      Presupuesto total      Ejecutado 2023") heads a table and names no project:
it is refused (flagged), and the record keeps the heading above it."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
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
