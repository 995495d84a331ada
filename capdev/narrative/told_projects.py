"""A second project told in a paragraph of a labelled record: minutes of one project's steering committee that
present the concept note of another ('4. ... la nota conceptual del "Proyecto de Gobierno Abierto Municipal" (código
PY-GA-2024-01) ... presupuesto estimado de EUR 650.000 ... a partir de enero de 2025'), a report whose last section
announces the next phase by its quoted name, its start and its budget.

The segmenter reads the whole document as the first project's record, and that paragraph's facts then become the
first project's (its partners, its amount). A paragraph is another project's record when, after the record's own
head, it names a project the text before it never named (a code a naming word introduces, or a quoted title with
a word for a project or a phase), that is not the record's own code, and states both a date and an amount of its
own, while a paragraph before it has told the record's own project with a date and an amount (a call for proposals
whose first paragraphs give only its own dates then names the project it serves: that project is the record's). It
then opens a record of its own from that paragraph to the end of the record; what follows the paragraph is
kept there, unplaced (it goes on with the first project's document, never read as the second one's facts). A name
in passing, without a date and an amount in its paragraph, is no record.

Text with no labelled record that reads as one project's prose (split_prose) is cut the same way, where the text
before the paragraph tells of a project and states a date and an amount: "Une seconde phase, intitulée « ... », ...
devrait démarrer en janvier 2027, pour un budget indicatif de 12 M€" at the end of a programme's page of questions.
"""
from __future__ import annotations

import re

from .folding import fold
from .lines import Excerpt
from .named_projects import _dated
from .segment import Block, RawRecord
from .values.money import parse_money
from .values.prose import _QUOTE, _code_match

_PROJECT_WORD = re.compile(r"\b(?:project|projet|proyecto|programme|program|programa|initiative|iniciativa|phase|"
                           r"fase)s?\b", re.IGNORECASE)
_BLANK = re.compile(r"\n[ \t]*\r?\n")


def _name(paragraph: str) -> str | None:
    """The code or the quoted title this paragraph names a project by (folded), or None."""
    code = _code_match(paragraph)
    if code:
        return fold(code.group("code").rstrip(".")).casefold()
    quote = _QUOTE.search(paragraph)
    if quote and _PROJECT_WORD.search(paragraph):
        return " ".join(fold(quote.group("title")).casefold().split())
    return None


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _not_earlier(piece: str, before: str) -> bool:
    """Does the paragraph reach as late as the text before it (its latest year no earlier than theirs)? A project
    told after the record's own is its successor; one whose years all lie before is its predecessor, told in passing
    ("it builds on ... which ran from 2015 to 2018 with USD 1.2 million")."""
    mine, theirs = _YEAR.findall(piece), _YEAR.findall(before)
    return bool(mine) and (not theirs or max(mine) >= max(theirs))


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text).casefold()).split())


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of the text (blank lines end one), relative to the text."""
    out, at = [], 0
    for m in _BLANK.finditer(text):
        if text[at : m.start()].strip():
            out.append((at + len(text[at : m.start()]) - len(text[at : m.start()].lstrip()), m.start()))
        at = m.end()
    if text[at:].strip():
        out.append((at + len(text[at:]) - len(text[at:].lstrip()), len(text.rstrip())))
    return out


def split_told(raw: RawRecord, text: Excerpt) -> list[tuple[RawRecord, Excerpt]]:
    """The record, or the record and the record of the other project one of its paragraphs tells of."""
    if raw.news or raw.sections or not any(b.kind in ("label", "header") for b in raw.blocks):
        return [(raw, text)]
    if raw.start != text.offset or raw.end != text.offset + len(text.text):
        return [(raw, text)]
    body = text.text
    starts = {b.start - text.offset for b in raw.blocks}
    own = {fold(b.header.code).casefold() for b in raw.blocks if b.kind == "header" and b.header and b.header.code}
    titles = [_folded(b.header.title) for b in raw.blocks if b.kind == "header" and b.header and b.header.title]
    titles += [_folded(text[b.value_start : b.end]) for b in raw.blocks if b.field == "title"]
    titles = [t for t in titles if len(t) >= 8]
    paragraphs = _paragraphs(body)
    labelled = [blk for blk in raw.blocks if blk.kind in ("label", "header")]
    for n, (a, b) in enumerate(paragraphs):
        if n == 0 or a not in starts or not any(blk.start < text.offset + a for blk in labelled):
            continue  # the record's own labels (or header) come before the paragraph
        if any(text.offset + a <= blk.start < text.offset + b for blk in labelled):
            continue  # a paragraph with labels of its own is the record's own (the segmenter cuts labelled records)
        piece = body[a:b]
        name = _name(piece)
        if name is None or name in own or name in " ".join(fold(body[:a]).casefold().split()):
            continue
        if any(t in _folded(name) or _folded(name) in t for t in titles):
            continue  # the record's own title, quoted with a word more ("the "Open Courts project"")
        if not (_dated(piece) and parse_money(piece)) or not _not_earlier(piece, body[:a]):
            continue
        if not any(_dated(body[c:d]) and parse_money(body[c:d]) for c, d in paragraphs[:n]):
            continue  # the record's own project told nowhere before with its date and amount: this is its own
        return _cut(raw, text, text.offset + a, text.offset + b)
    return [(raw, text)]


def _cut(raw: RawRecord, text: Excerpt, a: int, b: int) -> list[tuple[RawRecord, Excerpt]]:
    first = [blk for blk in raw.blocks if blk.start < a]
    inside = [blk for blk in raw.blocks if a <= blk.start < b]
    after = [blk for blk in raw.blocks if blk.start >= max(b, inside[-1].end if inside else b)]
    end = inside[-1].end if inside else b
    told = [Block("summary", "prose", a, end, a)]
    told += [Block("unparsed", "text" if text[blk.start:blk.end].strip() else "blank", blk.start, blk.end, blk.start)
             for blk in after]
    one, two = RawRecord(first), RawRecord(told, sections=True)
    return [(one, Excerpt(text[one.start:one.end], one.start)), (two, Excerpt(text[two.start:two.end], two.start))]


def split_prose(text: str) -> list[RawRecord] | None:
    """Text with no labelled record, read as one project's prose: [its record, the other project's] when a paragraph
    names another project (not named before) with a date and an amount of its own, after text that names the first
    project and states its date and its amount (a page of questions whose last answers announce the next phase by
    its quoted name); None otherwise."""
    paragraphs = _paragraphs(text)
    for n, (a, b) in enumerate(paragraphs):
        if n == 0:
            continue
        piece, before = text[a:b], text[:a]
        name = _name(piece)
        if name is None or name in " ".join(fold(before).casefold().split()):
            continue
        if not (_dated(piece) and parse_money(piece)) or not (_dated(before) and parse_money(before)):
            continue
        if not _not_earlier(piece, before):
            continue
        if not _PROJECT_WORD.search(before):
            continue  # the text before tells of a project
        end = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else len(text)
        told = [Block("summary", "prose", a, end, a)]
        if end < len(text):
            told.append(Block("unparsed", "text", end, len(text), end))
        return [RawRecord([Block("summary", "prose", 0, a, 0)]), RawRecord(told)]
    return None
