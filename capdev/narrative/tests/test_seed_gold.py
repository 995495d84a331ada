"""Every value of shared/seeds/seed-gold.json, one test per record and key, so a failure names both."""
from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from typing import Any

import pytest

from capdev.narrative import parse_file
from capdev.narrative.types import Record

from ._shared import GOLD, SEED

pytestmark = pytest.mark.skipif(
    not (SEED.exists() and GOLD.exists()),
    reason=f"shared seed not found at {SEED.parent} (set CAPDEV_SHARED to the shared/ folder)",
)


@lru_cache(maxsize=1)
def records() -> list[Record]:
    return parse_file(SEED)


def _gold_cases() -> list[tuple[int, str, Any]]:
    if not GOLD.exists():
        return []
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return [(i, key, value) for i, rec in enumerate(gold["records"]) for key, value in rec.items()]


def _month(iso: str | None) -> str | None:
    return iso[:7] if iso else None


def check(record: Record, key: str, expected: Any) -> None:
    """Assert one gold key (see the 'keys' section of seed-gold.json) on one record."""
    if key == "budget":
        amount, currency = expected
        got = [(b.amount, b.currency) for b in record.budgets]
        assert (Decimal(str(amount)), currency) in got, got
    elif key in ("start", "end"):
        value = getattr(record, key)
        assert (value.iso() if value else None) == expected
    elif key == "partners":
        names = {p.name for p in record.partners} | {p.acronym for p in record.partners if p.acronym}
        missing = [n for n in expected if n not in names]
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
    elif key == "region":
        assert record.region == expected
    elif key == "lead_unit":
        assert record.lead_unit == expected
    elif key == "funding_source":
        assert record.funding_source == expected
    elif key == "events":
        rows = [(_month(e.start.iso() if e.start else None), e.country) for e in record.activities]
        missing = [tuple(ev) for ev in expected if tuple(ev) not in rows]
        assert not missing, f"no activity row for {missing}; rows: {rows}"
    elif key == "participants":
        counts = [e.participants for e in record.activities]
        missing = [n for n in expected if n not in counts]
        assert not missing, f"no activity row with {missing} participants; counts: {counts}"
    elif key == "related_to":
        # The gold gives the other record's position counting from 1; Record.index counts from 0.
        other = records()[expected - 1]
        assert (other.code or other.index) in record.related_to, record.related_to
    else:
        pytest.fail(f"gold key {key!r} has no check")


@pytest.mark.parametrize(
    "index, key, expected", _gold_cases(), ids=[f"rec{i + 1:02d}-{k}" for i, k, _ in _gold_cases()]
)
def test_gold(index: int, key: str, expected: Any) -> None:
    recs = records()
    assert len(recs) > index, f"only {len(recs)} records"
    check(recs[index], key, expected)


def test_ten_records() -> None:
    assert len(records()) == 10
