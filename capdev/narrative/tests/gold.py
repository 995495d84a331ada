"""Checks of hand-labelled values on parsed records, one per gold key (shared/seeds/seed-gold.json's keys and more).

Used by test_seed_gold.py (the seed) and test_layouts.py (files/layouts/gold.json)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from capdev.narrative.labels import fold_key
from capdev.narrative.types import Event, Record


def _month(iso: str | None) -> str | None:
    return iso[:7] if iso else None


def _rows(events: list[Event]) -> list[tuple[str | None, str | None]]:
    return [(_month(e.start.iso() if e.start else None), e.country) for e in events]


def _names(record: Record, role: str | None = None) -> set[str]:
    """Each partner's name, acronym and words as written; also without, and only, what they put in brackets."""
    partners = [p for p in record.partners if role is None or p.role == role]
    out = set()
    for n in (n for p in partners for n in (p.name, p.acronym, p.text) if n):
        out |= {fold_key(n), fold_key(re.sub(r"\s*\([^)]*\)", "", n))}
        out |= {fold_key(inner) for inner in re.findall(r"\(([^)]*)\)", n)}
    return out


def check(record: Record, key: str, expected: Any, records: Sequence[Record] = ()) -> None:
    """Assert one gold key on one record (records: the whole parse, for related_to)."""
    if key == "budget":
        amount, currency = expected
        got = [(b.amount, b.currency) for b in record.budgets]
        assert (Decimal(str(amount)), currency) in got, got
    elif key in ("start", "end"):
        value = getattr(record, key)
        assert (value.iso() if value else None) == expected
    elif key in ("partners", "funders"):
        names = _names(record, "funding" if key == "funders" else None)
        missing = [n for n in expected if fold_key(n) not in names]
        assert not missing, f"missing {missing} among {sorted(names)}"
    elif key == "countries":
        assert sorted(record.countries) == sorted(expected)
    elif key == "expectations":
        assert len(record.expected_accomplishments) == expected, record.expected_accomplishments
    elif key == "activities":
        assert len(record.planned_activities) == expected, record.planned_activities
    elif key == "accomplishments":
        assert len(record.key_accomplishments) == expected, record.key_accomplishments
    elif key == "accomplishments_min":
        assert len(record.key_accomplishments) >= expected, record.key_accomplishments
    elif key == "outcomes":
        assert len(record.outcomes) == expected
    elif key == "sdgs":
        assert sorted(record.sdgs) == sorted(expected)
    elif key in ("region", "lead_unit", "funding_source", "code", "title", "status"):
        assert getattr(record, key) == expected
    elif key == "events":
        rows = _rows(record.activities)
        missing = [tuple(ev) for ev in expected if tuple(ev) not in rows]
        assert not missing, f"no activity row for {missing}; rows: {rows}"
    elif key in ("recalled", "counted"):
        # Events told as the project's history (before it began) are kept, marked recalled; the others count.
        rows = _rows([e for e in record.activities if e.recalled == (key == "recalled")])
        assert sorted(rows, key=str) == sorted((tuple(ev) for ev in expected), key=str), rows
    elif key == "participants":
        counts = [e.participants for e in record.activities]
        missing = [n for n in expected if n not in counts]
        assert not missing, f"no activity row with {missing} participants; counts: {counts}"
    elif key == "event_participants":
        rows = [(*row, e.participants) for row, e in zip(_rows(record.activities), record.activities)]
        missing = [tuple(ev) for ev in expected if tuple(ev) not in rows]
        assert not missing, f"no activity row for {missing}; rows: {rows}"
    elif key == "related_to":
        # The gold gives the other record's position counting from 1; Record.index counts from 0.
        other = records[expected - 1]
        assert (other.code or other.index) in record.related_to, record.related_to
    else:
        raise AssertionError(f"gold key {key!r} has no check")
