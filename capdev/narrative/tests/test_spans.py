"""Nothing lost: for any text the spans of all records reassemble it exactly, and only InputError escapes."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from capdev.narrative import InputError, parse_text
from capdev.narrative.labels import LABELS_FILE

from ._shared import FILES, SEED

_LABELS = [spelling for key, table in json.loads(LABELS_FILE.read_text(encoding="utf-8")).items()
           if key.startswith("labels") for spelling in table]
_SAMPLES = [p.read_text(encoding="utf-8") for p in sorted([*FILES.glob("*.txt"), *FILES.glob("layouts/*.txt")])
            if p.stat().st_size and "record_" not in p.name]
_SEED_TEXT = SEED.read_text(encoding="utf-8") if SEED.exists() else ""
_LINES = [ln for t in [_SEED_TEXT, *_SAMPLES] for ln in t.splitlines() if ln.strip()]

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_partition(text: str) -> None:
    """The property itself: spans partition the text, records are contiguous, unparsed matches its spans."""
    try:
        records = parse_text(text)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    spans = [s for r in records for s in r.spans]
    assert "".join(text[s.start : s.end] for s in spans) == text
    pos = 0
    for s in spans:
        assert s.start == pos and s.end > s.start, (s, pos)
        pos = s.end
    for r in records:
        assert r.spans[0].start == r.offset
        assert text[r.offset : r.spans[-1].end] == r.text
        assert r.unparsed == [
            text[s.start : s.end].strip() for s in r.spans if s.field == "unparsed" and text[s.start : s.end].strip()
        ]
        assert all(s.field for s in r.spans)


label_lines = st.builds(
    lambda label, sep, value: f"{label}{sep}{value}",
    st.sampled_from(_LABELS),
    st.sampled_from([": ", ":", " : ", "", ":\n", " - ", "\t", " | ", "  ", " \u2014 ", " ...... "]),
    st.text(max_size=40),
)
seed_lines = st.sampled_from(_LINES) if _LINES else st.text(max_size=80)
newlines = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Shuffled seed and sample lines, labels and random text, joined by mixed line breaks, lightly mutated."""
    parts = draw(st.lists(st.one_of(seed_lines, label_lines, st.text(max_size=30)), min_size=1, max_size=25))
    text = "".join(p + draw(newlines) for p in parts)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(max_size=3)) + text[at + draw(st.integers(0, 3)) :]
    return text


@_SETTINGS
@given(st.text())
@example("")
@example("\x00\ud800Objective:\r")
@example("Objective: x\r\n\r\nDivision: DMB\rNarrative\n")
def test_any_text(text: str) -> None:
    check_partition(text)


@_SETTINGS
@given(documents())
def test_shuffled_and_mutated_records(text: str) -> None:
    check_partition(text)


def test_seed_and_samples_partition() -> None:
    for text in [_SEED_TEXT, *_SAMPLES]:
        if text:
            check_partition(text)
            check_partition(text.replace("\n", "\r\n"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_value_parsers_do_not_fail_on_record_like_text(text: str) -> None:
    """The value parsers (values/*.py) are guarded; this shows when one of them raised instead of saying no."""
    try:
        records = parse_text(text)
    except InputError:
        return
    failures = [f for r in records for f in r.flags if f.reason.startswith("could not be read")]
    assert not failures, failures
