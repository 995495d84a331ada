"""Every value of shared/seeds/seed-gold.json, one test per record and key, so a failure names both."""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import pytest

from capdev.narrative import parse_file
from capdev.narrative.types import Record

from ._shared import GOLD, SEED
from .gold import check

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


@pytest.mark.parametrize(
    "index, key, expected", _gold_cases(), ids=[f"rec{i + 1:02d}-{k}" for i, k, _ in _gold_cases()]
)
def test_gold(index: int, key: str, expected: Any) -> None:
    recs = records()
    assert len(recs) > index, f"only {len(recs)} records"
    check(recs[index], key, expected, recs)


def test_ten_records() -> None:
    assert len(records()) == 10
