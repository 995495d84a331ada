"""The label table: every spelling matches in its variants, false labels do not, codes head records."""
from __future__ import annotations

import json

import pytest

from capdev.narrative import assemble
from capdev.narrative.labels import LABELS_FILE, build_table, default_table, match_header, match_label

DATA = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
SPELLINGS = sorted((spelling, target) for key, table in DATA.items() if key.startswith("labels")
                   for spelling, target in table.items())


def _field(target: str | dict) -> str:
    return target if isinstance(target, str) else target["field"]


@pytest.mark.parametrize("spelling, target", SPELLINGS, ids=[s for s, _ in SPELLINGS])
def test_every_spelling_matches_in_its_variants(spelling: str, target: str | dict) -> None:
    field = _field(target)
    for line in (f"{spelling}: value", f"{spelling.lower()}:value", f"{spelling.upper()} : value", f"  {spelling}:"):
        m = match_label(line)
        assert m is not None and m.field == field, line
        assert m.colon
    alone = match_label(spelling)
    assert alone is not None and alone.field == field and not alone.colon
    assert f"{spelling}: value"[match_label(f"{spelling}: value").value_start :] == "value"


def test_table_is_consistent_and_every_field_has_a_handler() -> None:
    table = default_table()
    fields = {_field(t) for key, table in DATA.items() if key.startswith("labels") for t in table.values()}
    fields |= set(DATA["numbered_labels"].values())
    assert fields <= set(table.fields), fields - set(table.fields)
    for name in fields:
        assert hasattr(assemble._Assembler, f"on_{name}"), name


@pytest.mark.parametrize(
    "line",
    [
        "Objective of the mission was to review the draft strategy.",
        "Objectives were met in full",
        "Training of Trainers: A Training of Trainers will be organized in Saint Lucia.",
        "Regional workshop: 12 May 2010",
        "Partnership: a new approach",
        "Outcome of the meeting was positive",
        "The Objective: is a quote",
        "Budgeting: principles",
    ],
)
def test_false_labels_are_narrative(line: str) -> None:
    assert match_label(line) is None


@pytest.mark.parametrize(
    "line, field, number, value",
    [
        ("Outcome 1: By 2026, x", "outcomes", 1, "By 2026, x"),
        ("OC 2 - By 2026, y", "outcomes", 2, "By 2026, y"),
        ("OC3: z", "outcomes", 3, "z"),
        ("Outcome 12. By 2030 w", "outcomes", 12, "By 2030 w"),
        ("EA 1: Improved", "expected_accomplishments", 1, "Improved"),
        ("Outcome 4", "outcomes", 4, ""),
    ],
)
def test_numbered_labels(line: str, field: str, number: int, value: str) -> None:
    m = match_label(line)
    assert m is not None and (m.field, m.number) == (field, number)
    assert line[m.value_start :] == value


@pytest.mark.parametrize(
    "line, field, modifiers",
    [
        ("Yearly Budget: US$ 1", "budget", {"budget_kind": "yearly"}),
        ("Donor: EU", "partners", {"role": "funding"}),
        ("Donors: EU, Spain", "partners", {"role": "funding"}),
        ("Key Accomplishments (to-date): x", "key_accomplishments", {"to_date": True}),
        ("Key Accomplishments (to date): x", "key_accomplishments", {"to_date": True}),
        ("Implementing Entity (Lead): DESA", "lead_unit", {}),
        ("Start date: 2010", "time_frame", {"date_part": "start"}),
        ("**Budget:** $5", "budget", {}),
        ("Objective / Purpose of Project: x", "objective", {}),
        ("Time frame : 2010", "time_frame", {}),
        ("Cooperation Partners:DRC Government", "partners", {}),
    ],
)
def test_label_modifiers(line: str, field: str, modifiers: dict) -> None:
    m = match_label(line)
    assert m is not None and m.field == field and m.modifiers == modifiers


def test_an_administrator_can_add_a_spelling_without_code() -> None:
    data = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    assert match_label("Zeitraum: 2010 - 2012") is None
    data["labels"]["Zeitraum"] = "time_frame"
    m = match_label("Zeitraum: 2010 - 2012", build_table(data))
    assert m is not None and m.field == "time_frame"


@pytest.mark.parametrize(
    "line, code, title",
    [
        ("ZAI/08/001: Support to Public Administration", "ZAI/08/001", "Support to Public Administration"),
        ("ROA 206-8: E-Government Readiness", "ROA 206-8", "E-Government Readiness"),
        ("1819C - Strengthening Institutions", "1819C", "Strengthening Institutions"),
        ("1819C – Strengthening Institutions", "1819C", "Strengthening Institutions"),
        ("DA1617B:", "DA1617B", ""),
        ("INT-08-X01 Global Forum", "INT-08-X01", "Global Forum"),
        ("RAF/09/X01 - Regional Governance", "RAF/09/X01", "Regional Governance"),
    ],
)
def test_code_headers(line: str, code: str, title: str) -> None:
    m = match_header(line)
    assert m is not None and (m.code, m.title) == (code, title)


@pytest.mark.parametrize(
    "line",
    ["2010 - 2012 was a good period", "COVID-19 pandemic slowed work", "In 2009 the project", "ABC/DEF: no digits"],
)
def test_not_code_headers(line: str) -> None:
    assert match_header(line) is None
