"""Records in layouts and languages beyond the seed's (files/layouts/), each hand-labelled in files/layouts/gold.json.

One file per layout and language: portal pages copied as text (label line, value line), several labels on one line,
facts after the narrative, labels in capitals with dashes, activity tables (pipes, tabs, runs of spaces), past events
recalled as history, in English, French and Spanish. A failure names the file, the record and the key."""
from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from capdev.narrative import parse_file
from capdev.narrative.types import Record

from ._shared import FILES
from .gold import check

LAYOUTS = FILES / "layouts"
GOLD = json.loads((LAYOUTS / "gold.json").read_text(encoding="utf-8"))
CASES = [(name, i, key, value) for name, recs in GOLD.items() if not name.startswith("_")
         for i, rec in enumerate(recs) for key, value in rec.items()]


@cache
def records(name: str) -> list[Record]:
    return parse_file(LAYOUTS / name)


@pytest.mark.parametrize("name", [n for n in GOLD if not n.startswith("_")])
def test_record_count(name: str) -> None:
    assert len(records(name)) == len(GOLD[name])


@pytest.mark.parametrize("name, index, key, expected", CASES,
                         ids=[f"{n.removesuffix('.txt')}-{i + 1}-{k}" for n, i, k, _ in CASES])
def test_gold(name: str, index: int, key: str, expected: Any) -> None:
    recs = records(name)
    assert len(recs) > index, f"only {len(recs)} records"
    check(recs[index], key, expected, recs)


def test_every_file_has_its_gold() -> None:
    assert {p.name for p in LAYOUTS.glob("*.txt")} == {n for n in GOLD if not n.startswith("_")}


@pytest.mark.parametrize("name", [n for n in GOLD if not n.startswith("_")])
def test_every_character_is_in_one_span(name: str) -> None:
    """Nothing lost in any layout: the records' spans partition the file (chrome and headings included)."""
    text = (LAYOUTS / name).read_text(encoding="utf-8")
    spans = [s for r in records(name) for s in r.spans]
    assert "".join(text[s.start : s.end] for s in spans) == text
    assert all(a.end == b.start for a, b in zip(spans, spans[1:]))
