"""The layout step: where label-value pairs are, however a page lays them out.

The text is cut into lines, and each line is read once: a label at its start ("Budget: ...", "BUDGET - ...",
"Budget<TAB>...", "Proposed Budget US$ 148,000"), more labels after the first one's value ("Code: 2122M   Budget: ...")
which cut the line into pieces of their own, a heading of a facts block ("PROJECT SUMMARY"), a project-code header,
or a row of a table (a header row naming its columns, then rows cut by '|', tabs or runs of spaces). Pieces are
consecutive: together they cover the text, every character once, so that the segmenter's blocks keep exact spans.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .activity_tables import iter_table_roles
from .code_choice import COLUMN_NAMES, not_a_code
from .labels import HeaderMatch, LabelMatch, LabelTable, default_table, inline_labels, match_header, match_label
from .lines import Line, iter_lines, split_lines
from .page_lines import match_chrome, match_heading
from .running_lines import page_marked, running_code
from .values.event_cards import CARD_LINES, card_length, is_card_line

__all__ = ["Line", "iter_layout", "lay_out", "split_lines"]


# ---------------------------------------------------------------- pieces of a line


def _pieces(ln: Line, lab: LabelMatch, table: LabelTable) -> list[Line]:
    """A labelled line cut before each further label on it; the last piece keeps the line break."""
    if lab.value_start >= len(ln.text):
        return [ln]
    loose = table.spec(lab.field).shape == "short"
    found = inline_labels(ln.text, lab.value_start, table, loose=loose, spaced=lab.sep in ("spaces", "tab"))
    if not found:
        return [ln]
    return _cut(ln, lab, found)


def _cut(ln: Line, lab: LabelMatch | None, found: list[tuple[int, LabelMatch]]) -> list[Line]:
    """The line cut before each label found on it; the first piece keeps `lab` (or none), the last the line break."""
    out: list[Line] = []
    cuts = [0] + [at for at, _ in found]
    labels = [lab] + [m for _, m in found]
    for k, at in enumerate(cuts):
        nxt = cuts[k + 1] if k + 1 < len(cuts) else None
        end = ln.start + nxt if nxt is not None else ln.end
        stop = end if nxt is not None else ln.stop
        text = ln.text[at:nxt] if nxt is not None else ln.text[at:]
        out.append(Line(ln.start + at, end, stop, text, label=labels[k], piece=k > 0))
    return out


_STRONG_GAP = re.compile(r"\t|  |[ \t]*[;|\u00b7\u2022][ \t]|[ \t][-\u2013\u2014][ \t]")


def lay_out(text: str, table: LabelTable | None = None) -> list[Line]:
    """The lines and pieces of text, each with what it holds: a label, a header, a heading or a table row."""
    return [ln for ln, _raw in iter_layout(iter_lines([text]), table)]


def iter_layout(lines: Iterable[tuple[Line, str]], table: LabelTable | None = None, limit: int | None = None
                ) -> Iterator[tuple[Line, str]]:
    """The lines and pieces of a text read line by line (iter_lines), each as written and with what it holds,
    handed on as soon as it is known (a table's rows need a line or two of look-ahead: see iter_table_roles)."""
    table = table or default_table()
    for ln, raw, role, card in _cards(iter_table_roles(lines, table, limit)):
        if card:
            yield ln, raw  # a line of an event card ("Lieu : Bamako"): the event's, no label of the record
            continue
        for piece in _laid_out(ln, role, table):
            yield piece, raw[piece.start - ln.start : piece.stop - ln.start]


def _cards(source: Iterable[tuple[Line, str, str | None]]) -> Iterator[tuple[Line, str, str | None, bool]]:
    """Each line with whether it is a line of an event card ("Event: ... / Date: ... / Venue: ..."); the lines that
    may open one are held until the card ends (a few lines at most)."""
    held: list[tuple[Line, str, str | None]] = []

    def flush(final: bool) -> Iterator[tuple[Line, str, str | None, bool]]:
        while held and (final or len(held) >= CARD_LINES):
            n = card_length([ln.text for ln, _, _ in held])
            for k in range(max(n, 1)):
                ln, raw, role = held.pop(0)
                yield ln, raw, role, n > 0

    for ln, raw, role in source:
        if role is None and is_card_line(ln.text):
            held.append((ln, raw, role))
            yield from flush(False)
            continue
        yield from flush(True)
        yield ln, raw, role, False
    yield from flush(True)


def _laid_out(ln: Line, role: str | None, table: LabelTable) -> list[Line]:
    """One line with what it holds, or the pieces it is cut into."""
    if role is not None:
        ln.table = "header" if role == "header" else "row"
        return [ln]
    if not ln.text.strip():
        return [ln]
    lab = match_label(ln.text, table)
    if lab is not None and lab.sep == "spaces" and lab.modifiers.get("date_part") and not re.search(
            r"\d", ln.text[lab.value_start :]):
        lab = None  # "Inicio   Quiénes somos   Dónde cooperamos": a menu's words in columns, no date after a gap
    if lab is not None and lab.field == "code" and not_a_code(ln.text[lab.value_start :]) == COLUMN_NAMES:
        lab = None  # "| N° | Engagement | Responsable |": a table's head, no code
    if lab is not None:
        ln.label = lab
        return _pieces(ln, lab, table)
    ln.header = match_header(ln.text, table)
    running = running_code(ln.text) if ln.header is None or page_marked(ln.header.title) else None
    if running is not None:
        # "GHA/22/003 – Annual Report 2023 – page 3 of 12", "SEN/22/011 · Rapport · p. 2": the page's footer, which
        # names the record's project but is no record's head.
        ln.header = HeaderMatch(*running, "", len(ln.text), running=True)
    if ln.header is None:
        ln.heading = match_heading(ln.text, table)
        ln.chrome = not ln.heading and match_chrome(ln.text, table)
    if not ln.heading and not ln.chrome and _STRONG_GAP.search(ln.text):
        # "2122M   Time frame: March 2021 ...": a value (or a code), then labels of their own after a clear break.
        found = [(at, m) for at, m in inline_labels(ln.text, 0, table) if at > 0]
        if found:
            pieces = _cut(ln, None, found)
            if ln.header is not None:
                h = ln.header
                pieces[0].header = HeaderMatch(h.code, h.code_start, h.code_end, "", len(pieces[0].text))
            return pieces
    return [ln]
