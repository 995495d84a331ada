"""Where the shared seed lives for tests: $CAPDEV_SHARED, or `shared/` beside the repository root."""
from __future__ import annotations

import os
from pathlib import Path

FILES = Path(__file__).with_name("files")


def shared_dir() -> Path:
    """The shared/ folder (it may not exist on every machine)."""
    env = os.environ.get("CAPDEV_SHARED")
    if env:
        return Path(env)
    # tests -> narrative -> capdev -> repository root; shared/ is the root's sibling.
    return (Path(__file__).resolve().parents[3] / ".." / "shared").resolve()


SEED = shared_dir() / "seeds" / "000_eacd3102e0b2e2d6.txt"
GOLD = shared_dir() / "seeds" / "seed-gold.json"


def only_record(path: Path):
    """The one record a test file holds (the test fails, naming the titles, when the parser finds more or none)."""
    from capdev.narrative import parse_file

    records = parse_file(path)
    assert len(records) == 1, [r.title for r in records]
    return records[0]


def only_record_in(text: str):
    """The one record a text holds (the test fails, naming the titles, when the parser finds more or none)."""
    from capdev.narrative import parse_text

    records = parse_text(text)
    assert len(records) == 1, [r.title for r in records]
    return records[0]


def suggested(record, field: str) -> list[str]:
    """The reasons of the record's flags on field that say its value was suggested (values/suggestions.py)."""
    return [f.reason for f in record.flags if f.field == field and f.reason.startswith("suggested")]


def assert_no_text_lost(text: str, records) -> None:
    """Every non-blank character of text is in some record's spans (spans may come in any order across records)."""
    at = 0
    for a, b in sorted((s.start, s.end) for r in records for s in r.spans):
        assert not text[at:a].strip(), text[at:a]
        at = max(at, b)
    assert not text[at:].strip(), text[at:]
