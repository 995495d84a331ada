"""Each step made linear gives what the step it replaces gave: the replaced definitions are kept here as the
reference and compared on generated input (hypothesis), so the parser's results are unchanged."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from capdev.narrative import decode, segment
from capdev.narrative.assemble import _AREA_SPLIT, _split_areas
from capdev.narrative.intervals import Intervals
from capdev.narrative.relate import Relater, _ref, link_related, record_tokens, similarity
from capdev.narrative.types import Record
from capdev.narrative.values import event_facts, orgs, partners, places, served

TEXT = st.lists(st.sampled_from(list("ab ,;.!?()\n\t\u2022A") + ["Kenya", "the ", "of ", "Government ", "UNDP ",
                                                                   "is ", "E.g. "]), max_size=40).map("".join)
SETTINGS = settings(max_examples=300, deadline=None)


@SETTINGS
@given(TEXT)
def test_thematic_areas_split_alike(text):
    assert _split_areas(text) == _AREA_SPLIT.split(text)


def _old_sentence_bounds(text: str, at: int) -> tuple[int, int]:
    starts = [m.end() for m in re.finditer(r"(?:[.!?]\s+(?=[A-Z(])|\n|;\s*)", text[:at])]
    lo = starts[-1] if starts else 0
    m = re.search(r"(?:[.!?](?=\s+[A-Z(]|\s*$)|\n|;)", text[at:])
    return lo, at + m.start() if m else len(text)


@SETTINGS
@given(TEXT, st.data())
def test_sentence_bounds_alike(text, data):
    at = data.draw(st.integers(0, len(text)))
    assert served._Sentences(text).bounds(at) == _old_sentence_bounds(text, at)


@SETTINGS
@given(TEXT, st.data())
def test_context_windows_alike(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    mention = places.CountryMention(start, end, "KEN", text[start:end])
    masked = text[:start] + served._C + text[end:]
    lo, hi = max(0, start - 140), min(len(masked), start + 80)
    for rxs in (served.DONOR_RX, served._NATIONAL_RX, served._PURPOSE_RX):
        old = any(m.start("c") + lo == start for rx in rxs for m in rx.finditer(masked[lo:hi]))
        assert served.matches_at(rxs, text, mention) == old


@SETTINGS
@given(TEXT, st.data())
def test_sentence_openings_alike(text, data):
    at = data.draw(st.integers(0, len(text)))
    assert partners._opens_sentence(text, at) == bool(re.search(r"(?:^|[.!?]\s+)(?:the\s+)?$", text[:at], re.I))


@SETTINGS
@given(TEXT, st.data())
def test_government_of_alike(text, data):
    at = data.draw(st.integers(0, len(text)))
    assert event_facts._after_government_of(text, at) == bool(re.search(r"\bGovernment\s+of\s+$", text[:at]))


@SETTINGS
@given(TEXT, st.data(), st.integers(0, 15))
def test_word_distances_alike(text, data, most):
    a, b = data.draw(st.integers(0, len(text))), data.draw(st.integers(0, len(text)))
    assert event_facts._within_words(text, a, b, most) == (len(re.findall(r"\S+", text[min(a, b) : max(a, b)])) <= most)


NAMES = st.lists(st.sampled_from(["UNDP", "UN DESA", "World Bank", "Kenya", "and", ",", " ", "the ", "(", ")", "/",
                                   "Ministry of Finance", "x", "."]), max_size=20).map("".join)


@SETTINGS
@given(NAMES)
def test_whole_names_resolve_alike(text):
    t = orgs._clean_name(text)
    old = next((m.org for m in orgs._scan(t) if m.start == 0 and m.end == len(t)), None)
    assert orgs.resolve_organisation(text) == old


@SETTINGS
@given(NAMES, st.data())
def test_a_scan_of_part_of_a_text_is_the_scan_of_that_part(text, data):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    part = [(m.start + a, m.end + a, m.org) for m in orgs._scan(text[a:b])]
    assert [(m.start, m.end, m.org) for m in orgs.scan_span(text, a, b)] == part


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20)), max_size=12), st.integers(0, 70),
       st.integers(0, 20))
def test_intervals_answer_as_a_scan_does(spans, start, length):
    spans = [(a, a + n) for a, n in spans]
    found = Intervals(spans)
    assert found.overlaps(start, start + length) == any(a < start + length and start < b for a, b in spans)
    assert found.holds(start) == any(a <= start < b for a, b in spans)
    assert found.holds_inside(start) == any(a < start < b for a, b in spans)


def _old_link_related(records, threshold=0.8):
    tokens = [record_tokens(r) for r in records]
    for i, a in enumerate(records):
        for j in range(i + 1, len(records)):
            b = records[j]
            if similarity(tokens[i], tokens[j]) > threshold:
                if _ref(b) not in a.related_to:
                    a.related_to.append(_ref(b))
                if _ref(a) not in b.related_to:
                    b.related_to.append(_ref(a))


WORDS = [f"word{i}" for i in range(14)]


@SETTINGS
@given(st.lists(st.tuples(st.sets(st.sampled_from(WORDS), max_size=14), st.sampled_from(["", "A1", "B2"])),
                max_size=12))
def test_related_records_are_found_alike(drafts):
    def records():
        return [Record(index=i, text="", objective=" ".join(sorted(words)), code=code)
                for i, (words, code) in enumerate(drafts)]

    new, old = records(), records()
    link_related(new)
    _old_link_related(old)
    assert [r.related_to for r in new] == [r.related_to for r in old]


def test_a_record_takes_at_most_so_many_links_and_says_so():
    records = [Record(index=i, text="", objective=" ".join(WORDS)) for i in range(30)]
    link_related(records)
    assert all(len(r.related_to) <= Relater().most for r in records)
    assert any(f.field == "related_to" for f in records[-1].flags)


BYTES = st.binary(max_size=60) | st.text(max_size=40).map(lambda t: t.encode("utf-16-le")) | \
    st.text(max_size=40).map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"))


@SETTINGS
@given(BYTES, st.integers(1, 9))
def test_a_file_read_in_chunks_decodes_as_its_bytes_do(tmp_path_factory, data, chunk):
    path = Path(tmp_path_factory.mktemp("decode")) / "f.txt"
    path.write_bytes(data)

    def whole():
        return decode.decode_bytes(data, name="f")

    def chunked():
        return "".join(decode.TextFile(path, "f").chunks())

    old_chunk, decode.CHUNK = decode.CHUNK, chunk
    try:
        assert _outcome(chunked) == _outcome(whole)
    finally:
        decode.CHUNK = old_chunk


def _outcome(fn):
    try:
        return "text", fn()
    except decode.InputError as exc:
        return "error", str(exc)


@SETTINGS
@given(st.lists(st.sampled_from(["Objective: To help.", "Division: DMB", "", "A line of narrative.",
                                 "ZAI/08/001: A title", "Budget: $5", "Title Line", "Countries:, ,"]), max_size=25),
       st.sampled_from(["\n", "\r\n", "\r"]), st.integers(1, 30))
def test_segments_of_a_text_read_in_pieces_are_those_of_the_whole(lines, newline, size):
    text = newline.join(lines)
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    whole = [(r.start, r.end, [(b.field, b.kind, b.start, b.end) for b in r.blocks]) for r in segment.segment(text)]
    streamed = [(r.start, r.end, [(b.field, b.kind, b.start, b.end) for b in r.blocks], excerpt.text)
                for r, excerpt in segment.iter_segments(segment.iter_lines(pieces))]
    assert [s[:3] for s in streamed] == whole
    assert all(excerpt == text[start:end] for start, end, _, excerpt in streamed)
