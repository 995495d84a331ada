"""A labelled record that is several items under headlines: a newsletter whose items each open with a Markdown or bold
headline ("### Land Registry in Rwanda") and tell their project in a paragraph, one of them with a line or two of
labels ("Budget: USD 450,000"). The segmenter, finding those labels, reads the whole page as one record; the
headlines divide it again, each item that tells of a project (its words and a fact of its own) a record.

The headlines divide at the kind of the first item that tells of a project (a Markdown heading of a higher level
too); the usual sections of one project's document ("Background", "Objectives", "Activities") never do, nor do
headlines in a record whose code or title is labelled (the segmenter divides labelled records itself), nor items that
tell of the same project again. A cut falls only where a block of the record begins.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .card_pages import split_cards
from .headline_records import closes, headline
from .labels import LabelMatch
from .lines import Excerpt, split_lines
from .named_projects import fact_kinds
from .record_evidence import is_project_section, is_section_name
from .segment import Block, RawRecord
from .told_projects import split_told
from .values.prose import project_name, tells_of_a_project

_FACTS = frozenset({"time_frame", "start", "end", "budget", "countries", "region", "partners", "funding_source",
                    "status", "funding", "donors"})


def split_headlined(segments: Iterable[tuple[RawRecord, Excerpt]]) -> Iterator[tuple[RawRecord, Excerpt]]:
    """The segmenter's records, each that is several headline items cut into one record per item."""
    for raw, text in segments:
        for piece in _split(raw, text):
            yield from split_told(*piece)  # another project told in a paragraph (told_projects.py)


def _split(raw: RawRecord, text: Excerpt) -> list[tuple[RawRecord, Excerpt]]:
    cards = split_cards(raw, text)
    if cards is not None:
        return cards  # a page of cards with a contact at its foot (card_pages.py)
    if raw.news or any(b.kind in ("label", "header") and b.field in ("code", "title") for b in raw.blocks):
        return [(raw, text)]
    body = text.text
    lines = split_lines(body)
    heads = []
    for k, ln in enumerate(lines):
        if ln.text.strip() and (k == 0 or not lines[k - 1].text.strip()):
            found = headline(lines, k, plain=False)
            if found is not None:
                heads.append((k, *found))
    if len(heads) < 2:
        return [(raw, text)]
    items = []
    for n, (k, kind, at) in enumerate(heads):
        end = lines[heads[n + 1][0]].start if n + 1 < len(heads) else len(body)
        head, item = lines[k].text[at:], body[lines[k].stop:end]
        start, stop = text.offset + lines[k].start, text.offset + end
        labelled = any(b.kind == "label" and b.field in _FACTS and start <= b.start < stop for b in raw.blocks)
        told = not is_section_name(head.strip(" *_#")) and fact_kinds(item) >= 1 and (
            tells_of_a_project(head + "\n" + item) or labelled)
        items.append((k, kind, at, start, told, head + "\n" + item))
    first = next((it for it in items if it[4]), None)
    if first is None:
        return [(raw, text)]
    level = first[1]
    cuts, names, pieces = [], set(), []
    for _k, kind, _at, start, told, piece in items:
        name = project_name(piece)
        if kind == level and told and not (name is not None and name in names):
            cuts.append(start)
            pieces.append(piece)
            if name:
                names.add(name)
        elif cuts and closes(kind, level):
            return [(raw, text)]  # a higher heading over no project after the items: not this shape
    starts = {b.start for b in raw.blocks}
    if len(cuts) < 2 or any(c not in starts for c in cuts[1:]):
        return [(raw, text)]
    if sum(is_project_section(lines[k].text[at:].strip(" *_#")) for k, _kind, at in heads) >= 2:
        return [(raw, text)]  # "### Background", "### Objectives": one project's document
    at_of = {text.offset + lines[k].start: at for k, _kind, at in heads if text.offset + lines[k].start in cuts}
    records = _cut(raw, cuts[1:])
    for rec in records:
        _title_from_headline(rec, at_of)
    out = []
    for rec in records:
        out.append((rec, Excerpt(text[rec.start:rec.end], rec.start)))
    return out


def _title_from_headline(rec: RawRecord, at_of: dict[int, int]) -> None:
    """The item's headline line is its title (its marks a heading), read as if labelled, as a box's headline."""
    for n, b in enumerate(rec.blocks):
        if b.start not in at_of or b.kind not in ("text", "heading"):
            continue
        at = b.start + at_of[b.start]
        lab = LabelMatch("title", "", 0, 0, 0, True, sep="typed")
        title = Block("title", "label", at, b.end, at, label=lab, value_on_label_line=True)
        rec.blocks[n : n + 1] = [Block("heading", "heading", b.start, at, at), title] if at > b.start else [title]
        return


def _cut(raw: RawRecord, cuts: list[int]) -> list[RawRecord]:
    records = [RawRecord([])]
    at = iter(cuts)
    nxt = next(at, None)
    for b in raw.blocks:
        if nxt is not None and b.start == nxt:
            records.append(RawRecord([]))
            nxt = next(at, None)
        records[-1].blocks.append(b)
    return records
