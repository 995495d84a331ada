"""The header of a fixed-width listing as reports print it: column names set apart by two spaces or more, or by one
where a report squeezes its columns ("CTRY DONOR CCY", "BEG DATE END DATE ST"), and names stacked on two lines
("PROJECT" over "CODE"). A single space in the header cuts two names only where every row below has a space too (a
gutter) and the pieces are each a column's name; a second line joins the first when its words sit under the first
line's names and it holds no figure."""
from __future__ import annotations

import re

from ..labels import LabelTable
from .cells import Column, Project, column_label

_GAP = re.compile(r"\S(?:[^\S\r\n]?\S)*")  # a run of text with no two spaces in it
_BREAK = re.compile(r"\r\n|\r|\n")
_LOOK_AHEAD = 30  # rows read ahead for the gutters
_RULE = re.compile(r"^[ \t]*(?=[^\r\n]*[-=\u2013\u2014_]{3})[-=\u2013\u2014_]+(?:[ \t]+[-=\u2013\u2014_]+)*[ \t]*$")


def segments(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _GAP.finditer(line)]


def is_rule(line: str) -> bool:
    """A dashed rule under a header ("-------  ----  --"): runs of dashes, one of them three long at least."""
    return bool(_RULE.match(line))


def _following(text: str, pos: int) -> list[str]:
    """The non-blank lines from pos up to the first blank one (at most _LOOK_AHEAD), rules left out."""
    out: list[str] = []
    while pos < len(text) and len(out) < _LOOK_AHEAD:
        m = _BREAK.search(text, pos)
        end, nxt = (m.start(), m.end()) if m else (len(text), len(text))
        line = text[pos:end]
        if not line.strip():
            break
        if not is_rule(line):
            out.append(line)
        pos = nxt
    return out


def stacked_names(line: str, below: str) -> list[tuple[int, int, str]] | None:
    """The header's names when the line below finishes them ("PROJECT" over "CODE"): (start, end, name) per
    column; None when the line below is no second header line (a figure in it, a word under no name)."""
    segs = segments(line)
    low = segments(below)
    if not low or len(low) >= len(segs) or re.search(r"\d", below) or len(below) > 1000:
        return None
    names = [[a, b, line[a:b]] for a, b in segs]
    for a, b in low:
        k = next((k for k, (s, e) in enumerate(segs) if s - 2 <= a < e + 2), None)
        if k is None:
            return None
        names[k][2] = f"{names[k][2]} {below[a:b]}"
        names[k][1] = max(names[k][1], b)
    return [(a, b, n) for a, b, n in names]


def split_names(text: str, line: str, after: int, names: list[tuple[int, int, str]], table: LabelTable
                ) -> list[tuple[int, int, str]]:
    """The header's names, each one that is no column name cut at the gutters of the rows below (from `after`)
    into pieces that all are."""
    todo = [k for k, (a, b, n) in enumerate(names) if " " in n and column_label(n, table) is None]
    if not todo:
        return names
    rows = _following(text, after)
    if not rows:
        return names
    out: list[tuple[int, int, str]] = []
    for k, (a, b, n) in enumerate(names):
        if k not in todo or "\n" in n:
            out.append((a, b, n))
            continue
        cuts = [i for i in range(a + 1, min(b, len(line)))
                if line[i] == " " and all(i >= len(r) or r[i] == " " for r in rows)]
        bounds = [a] + [c + 1 for c in cuts]
        pieces = []
        for j, s in enumerate(bounds):
            e = cuts[j] if j < len(cuts) else b
            pieces.append((s, e, line[s:e].strip()))
        if len(pieces) > 1 and all(p[2] and column_label(p[2], table) is not None for p in pieces):
            out.extend(pieces)
        else:
            out.append((a, b, n))
    return out


def cut_at_columns(line: str, segs: list[tuple[int, int]], starts: list[int]) -> list[tuple[int, int]]:
    """A row's runs of text cut where one runs over a column's start with a space just before it
    ("20211001 20240930 A" under "BEG DATE END DATE ST")."""
    out: list[tuple[int, int]] = []
    for a, b in segs:
        for s in starts:
            if a < s < b and line[s - 1] == " " and line[s] != " ":
                out.append((a, s - 1))
                a = s
        out.append((a, b))
    return out


_CODE_LIKE = re.compile(r"^[\w./\-]+(?: [\w./\-]+)?$")


def like_key(row: str, cols: list[tuple[int, int, int]], key: int, first: Project, columns: list[Column]) -> bool:
    """Does a row's code cell read as a code when the listing's first row's did ("2231K", "HAI/19/001")? A legend
    or a note under the listing ("ST : C = Closed") does not."""
    if columns[key].field != "code":
        return True
    cell = next((c for c in first.cells if c.column == key), None)
    if cell is None or not re.search(r"\d", cell.value) or not _CODE_LIKE.match(cell.value.strip()):
        return True
    value = next((row[a:b] for c, a, b in cols if c == key), "")
    return bool(_CODE_LIKE.match(value.strip()) and re.search(r"\d", value))
