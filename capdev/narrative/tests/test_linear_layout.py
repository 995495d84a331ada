"""The layout step and the segmenter made to stream and to stay linear give what the whole-text steps gave: each
replaced definition is kept here as the reference and compared on generated input (hypothesis)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from capdev.narrative import activity_tables as at
from capdev.narrative import segment
from capdev.narrative.blocks import AROUND, Block, RawRecord, RecordState
from capdev.narrative.labels import HeaderMatch, LabelMatch, default_table
from capdev.narrative.lines import Line, iter_lines, split_lines
from capdev.narrative.values.event_drafts import _Place, _Runs
from capdev.narrative.window import Seek, Window

SETTINGS = settings(max_examples=300, deadline=None)

TABLE_LINES = [
    "| Date | Activity | Venue | Participants |", "|---|---|---|---|", "| :-- | --- | --- | --- |",
    "| 3 May 2021 | Workshop on services | Nairobi, Kenya | 25 |", "| 4 June 2022 | Webinar | online | 40 |",
    "Date\tActivity\tVenue", "12/03/2021\tTraining of trainers\tLima, Peru", "Fecha; Actividad; Lugar",
    "15/03/2021; Taller de inducción; Guatemala; 25", "02/04/2022; Misión de asesoría; Bolivia; 12",
    "Date    Activity    Venue", "3 May 2021    National workshop    Dakar", "", "A line of narrative.",
    "Objective: To help.", "| a | b |",
]


def _old_find_tables(lines: list[Line], table) -> dict[int, str]:
    """activity_tables.find_tables before it streamed (all the lines at once)."""
    out: dict[int, tuple[str, int]] = {}
    i, n = 0, len(lines)
    while i < n:
        text = lines[i].text
        found = at.header_roles(text, table) if text.strip() and len(text) <= at._MAX_ROW else None
        if not found:
            width = _old_event_rows(lines, i)
            for r in range(i, i + width):
                out[r] = ("row", i)
            i += max(width, 1)
            continue
        kind, roles = found
        j, rows = i + 1, []
        while j < n:
            t = lines[j].text
            if kind == "pipe" and at._RULE_ROW.match(t) and t.strip() and not rows:
                out[j] = ("rule", i)
                j += 1
                continue
            if not at._row_fits(t, kind, len(roles)):
                break
            rows.append(j)
            j += 1
        if rows:
            out[i] = ("header", i)
            for r in rows:
                out[r] = ("row", i)
            i = j
        else:
            out.pop(i + 1, None)
            i += 1
    return {k: role for k, (role, _) in out.items()}


def _old_event_rows(lines: list[Line], i: int) -> int:
    kind = at._row_kind(lines[i].text) if len(lines[i].text) <= at._MAX_ROW else ""
    if kind not in ("pipe", "tab", "semi"):
        return 0
    width = len(at.split_row(lines[i].text, kind))
    j = i
    while j < len(lines) and at._row_kind(lines[j].text) == kind and len(at.split_row(lines[j].text, kind)) == width \
            and at.row_roles(at.split_row(lines[j].text, kind)):
        j += 1
    return j - i if j - i >= 2 else 0


@SETTINGS
@given(st.lists(st.sampled_from(TABLE_LINES), max_size=14))
def test_table_roles_alike(rows):
    lines = split_lines("\n".join(rows))
    streamed = {k: role for k, (_, _, role) in enumerate(at.iter_table_roles(iter_lines(["\n".join(rows)]),
                                                                               default_table())) if role}
    assert streamed == _old_find_tables(lines, default_table())


# ---------------------------------------------------------------- what the segmenter asks of a record

KINDS = [("label", "objective"), ("label", "code"), ("label", "title"), ("label", "budget"), ("text", "title"),
         ("text", "summary"), ("text", "narrative"), ("text", "unparsed"), ("header", "code"), ("blank", "unparsed"),
         ("heading", "heading"), ("chrome", "chrome"), ("table", "activity_table"), ("aside", "title")]
OPS = st.lists(st.one_of(st.tuples(st.just("add"), st.sampled_from(KINDS), st.booleans()),
                         st.tuples(st.just("heading"), st.integers(0, 30), st.booleans()),
                         st.tuples(st.just("titles aside"), st.integers(0, 0), st.booleans())), max_size=25)


def _aside_fields(block: Block) -> set[str]:
    return set(block.label.aside.split("/")) if block.label else set()


def _old_head_block(rec: RawRecord, name: str) -> Block | None:
    for b in rec.blocks:
        if b.kind == "label" and b.field == name:
            return b
        if b.kind == "header" and b.header and (name == "code" or b.header.title):
            return b
        if b.kind == "label" and b.label is not None and "/" in b.label.aside and name in _aside_fields(b):
            return b
    return None


@SETTINGS
@given(OPS)
def test_the_record_state_answers_as_the_blocks_do(ops):
    rec = RawRecord()
    state = RecordState(rec, _aside_fields)
    for op, arg, flag in ops:
        if op == "add":
            kind, name = arg
            label = LabelMatch(name, name, 0, 1, 1, True, aside="code/title" if flag else "")
            if kind == "aside":
                kind, name = "label", "partners"
            block = Block(name, kind, 0, 1, 1, label=label if kind == "label" else None,
                          header=HeaderMatch("X1", 0, 2, "A title" if flag else "", 3) if kind == "header" else None)
            rec.blocks.append(block)
            state.add(block)
        elif op == "heading" and rec.blocks:
            block = rec.blocks[arg % len(rec.blocks)]
            if block.kind == "label":
                state.retag(block, "heading", "heading")
        elif op == "titles aside":
            state.set_titles_aside()
            assert not any(b.kind == "text" and b.field == "title" for b in rec.blocks)
        assert state.has_content() == rec.has_content()
        assert state.label_fields() == rec.label_fields()
        assert state.first_content() is rec.first_content()
        assert state.text_first() == rec.text_first()
        assert state.has_text_but_titles() == any(b.kind == "text" and b.field != "title" for b in rec.blocks)
        assert state.only_titles() == (any(b.field == "title" for b in rec.blocks) and all(
            b.kind in AROUND or b.field in ("title", "unparsed") for b in rec.blocks))
        for kind, name in KINDS:
            assert state.has(kind) == any(b.kind == kind for b in rec.blocks)
            assert state.has(kind, name) == any(b.kind == kind and b.field == name for b in rec.blocks)
            assert state.labelled(name) == any(b.kind == "label" and (b.field == name or (
                "/" in b.label.aside and name in _aside_fields(b))) for b in rec.blocks)
        for name in ("code", "title"):
            assert state.head_block(name) is _old_head_block(rec, name)


# ---------------------------------------------------------------- looking ahead


@SETTINGS
@given(st.lists(st.booleans(), max_size=30), st.lists(st.tuples(st.integers(0, 32), st.none() | st.integers(0, 32)),
                                                      max_size=20))
def test_a_seek_finds_what_a_scan_finds(passes, questions):
    lines = [Line(k, k, k + 1, "x" if ok else "") for k, ok in enumerate(passes)]
    window = Window(iter((ln, ln.text) for ln in lines), None)
    seek = Seek(window, lambda j, floor: bool(window.line(j).text))
    for i, until in questions:
        stop = len(lines) if until is None else min(until, len(lines))
        expected = next((k for k in range(i, stop) if passes[k]), None)
        assert seek(i, 0, until) == expected


@SETTINGS
@given(st.lists(st.integers(0, 60), max_size=8), st.lists(st.integers(0, 60), max_size=8), st.integers(0, 60),
       st.integers(0, 60))
def test_venues_are_found_in_the_list_s_order(countries, cities, lo, hi):
    # The places of a sentence: its countries in the text's order, then its cities in theirs.
    places = [_Place(a, a + 2, "KEN", "x") for a in sorted(countries)] + \
             [_Place(a, a + 2, "KEN", "x", "y") for a in sorted(cities)]
    runs = _Runs(places)
    before = [p for p in places if lo <= p.start < hi]
    assert runs.last_in(lo, hi) is (before[-1] if before else None)
    near = [p for p in places if lo <= p.start < hi and p.start - lo <= 20]
    assert runs.first_in(lo, hi, lambda p: p.start - lo <= 20) is (near[0] if near else None)


NEW_LAYOUT_LINES = ["Objectif : Aider.", "Division : DMB", "Title", "Support to ministry", "PROJECT SUMMARY",
                    "Home > Projects > 2021", "Share | Print", "| Date | Activity | Venue |", "|---|---|---|",
                    "| 3 May 2021 | Workshop on services | Nairobi, Kenya |", "", "A line of narrative.",
                    "Code: 2122M   Budget: USD 420,000", "Objetivo: Ayudar.", "Budget", "US$ 5,000", "Title Line"]


@SETTINGS
@given(st.lists(st.sampled_from(NEW_LAYOUT_LINES), max_size=25), st.sampled_from(["\n", "\r\n", "\r"]),
       st.integers(1, 30))
def test_segments_of_new_layouts_read_in_pieces_are_those_of_the_whole(lines, newline, size):
    text = newline.join(lines)
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    whole = [(r.start, r.end, [(b.field, b.kind, b.start, b.end) for b in r.blocks]) for r in segment.segment(text)]
    streamed = [(r.start, r.end, [(b.field, b.kind, b.start, b.end) for b in r.blocks], excerpt.text)
                for r, excerpt in segment.iter_segments(segment.iter_lines(pieces))]
    assert [s[:3] for s in streamed] == whole
    assert all(excerpt == text[start:end] for start, end, _, excerpt in streamed)
