"""A piece the segmenter cuts that is no project's record of its own joins its neighbour.

A cover page ("Country: Liberia", then the project's title page), a logical framework's second page (objectives and
outcomes, no title, no code), a document's last section ("Modalités de l'aide ..."): the segmenter starts a record
at each of them, and the file then holds a record of nothing. A piece is a record when it has a code, a labelled
title, two facts of its own (a period, an amount, a country, a partner, a funder, a status...), one fact and what
the project does (an objective, a description), or a code in its text (record_evidence.py); otherwise it joins
the record before it (or, at the top of the file, the record after it), its blocks kept as they are. The records
are passed on one behind, so that memory stays bounded by two records.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

from .contents_entries import split_entries
from .cover_pieces import as_cover, names_next
from .event_pieces import is_event_piece
from .glossary_entries import split_glossary
from .head_parts import Shares
from .index_heads import indexes_next
from .item_cuts import split_items
from .lines import Excerpt
from .nameless_pieces import rest_of
from .parallel_blocks import phase_of
from .part_pieces import as_part, part_of
from .record_evidence import own_code
from .reference_labels import references_only
from .repeat_cuts import split_repeated
from .segment import RawRecord
from .sibling_cuts import split_siblings
from .values.event_words import language_of
from .values.prose import project_name
from .word_numbered_cuts import split_numbered_blocks

_FACTS = frozenset({"time_frame", "start", "end", "budget", "countries", "region", "partners", "funding_source",
                    "status", "lead_unit", "implementing", "funding", "donors"})


def _is_a_record(raw: RawRecord, text: Excerpt) -> bool:
    fields = {b.field for b in raw.blocks}
    facts = len(fields & _FACTS)
    labelled_title = any(b.field == "title" and b.kind == "label" for b in raw.blocks)
    # A code only under "Ref.:" or "Référence :" names a memo or a report, not a project (reference_labels.py).
    coded = "code" in fields and not references_only(raw.blocks)
    if raw.news or raw.sections or coded or facts >= 2 or labelled_title:
        return True
    # One fact and what the record tells (an objective, a description) is a record; one fact under a line ("Country:
    # Liberia" under an agency's name on a cover page) is none, nor a piece with no fact at all (a second page).
    if facts == 1 and fields - _FACTS - {"title", "unparsed", "blank", "heading", "chrome"}:
        return True
    return own_code(text[raw.start : raw.end]) is not None


def _same_news_project(a: tuple[RawRecord, Excerpt], b: tuple[RawRecord, Excerpt]) -> bool:
    """Are two news items in a row about the same project (its code or quoted title) and the same phase: a news
    archive's briefs, ONE record? A phase of its own ("Phase II", its own code) is a record of its own."""
    (ra, ta), (rb, tb) = a, b
    if not (ra.news and rb.news):
        return False
    name = project_name(tb.text)
    if name is None or name != project_name(ta.text) or phase_of(ta.text) != phase_of(tb.text):
        return False
    # The same item twice is another copy of the record (the relater links the two), not more of it.
    return " ".join(tb.text.split()) not in " ".join(ta.text.split())


def _joined(a: tuple[RawRecord, Excerpt], b: tuple[RawRecord, Excerpt]) -> tuple[RawRecord, Excerpt]:
    (ra, ta), (rb, tb) = a, b
    if ta.offset + len(ta.text) != tb.offset:
        return b  # not contiguous (never so from the segmenter): nothing joined
    return RawRecord([*ra.blocks, *rb.blocks], news=ra.news or rb.news), Excerpt(ta.text + tb.text, ta.offset)


def _event_of(held: tuple[RawRecord, Excerpt], seg: tuple[RawRecord, Excerpt]) -> bool:
    """Is a piece an event of the project record before it (a side event, a workshop, with its own "Title:")?"""
    raw, text = held
    project = "code" in {b.field for b in raw.blocks} or len({b.field for b in raw.blocks} & _FACTS) >= 2
    return project and is_event_piece(*seg) and not is_event_piece(*held)


def _told(seg: tuple[RawRecord, Excerpt]) -> tuple[RawRecord, Excerpt]:
    """An event's labels are narrative of the record it joins (its events are read there), not that record's."""
    raw, text = seg
    for b in raw.blocks:
        if b.kind not in ("heading", "blank", "chrome"):
            b.field, b.kind, b.label = "narrative", "text", None
    return seg


def _code_of(raw: RawRecord, text: Excerpt) -> str | None:
    block = next((b for b in raw.blocks if b.field == "code" and b.kind == "label"), None)
    return " ".join(text[block.value_start : block.end].split()).casefold() if block is not None else None


def _cover_of(held: tuple[RawRecord, Excerpt], seg: tuple[RawRecord, Excerpt]) -> bool:
    """Is the piece held a cover page (the project's code, its title and nothing of its facts) of the record that
    follows with the same code? One project's document, not the same project published twice."""
    raw, text = held
    fields = {b.field for b in raw.blocks}
    if raw.news or fields & _FACTS or fields - {"code", "title", "summary", "unparsed", "blank", "heading", "chrome"}:
        return False
    code = _code_of(raw, text)
    return code is not None and code == _code_of(*seg)


def _covered(held: tuple[RawRecord, Excerpt]) -> tuple[RawRecord, Excerpt]:
    """A cover page's lines are kept, unplaced: the record's title and facts are those its own page gives."""
    for b in held[0].blocks:
        if b.field in ("title", "summary"):
            b.field, b.kind, b.label = "unparsed", "text", None
    return held


def _translation_of(held: tuple[RawRecord, Excerpt], seg: tuple[RawRecord, Excerpt]) -> bool:
    """Is a piece the record before it in another language (a bilingual page: the same code, told again in Spanish
    after French)? One project, told twice; the copy's lines are kept, unplaced (its facts are the same)."""
    code = _code_of(*held)
    if code is None or code != _code_of(*seg):
        return False
    (ra, ta), (rb, tb) = held, seg
    return language_of(ta[ra.start : ra.end]) != language_of(tb[rb.start : rb.end])


_PERIOD_OR_MONEY = frozenset({"time_frame", "start", "end", "budget"})


def _document_head(held: tuple[RawRecord, Excerpt], seg: tuple[RawRecord, Excerpt]) -> bool:
    """Is the file's first piece the document's own head (a factsheet's heading, its "At a glance" over the
    portfolio, "Main counterparts: ...") over records that each have their code or labelled title: no title, no
    code, no period, no amount of its own? It is no project's record."""
    raw, _text = held
    fields = {b.field for b in raw.blocks}
    if raw.news or "code" in fields or fields & _PERIOD_OR_MONEY:
        return False
    nxt = seg[0]
    if any(b.field == "code" for b in nxt.blocks):
        return not any(b.field == "title" and b.kind == "label" for b in raw.blocks)  # "Updated: ..." is no title
    if "title" in fields:
        return False
    return any(b.field == "title" and b.kind == "label" for b in nxt.blocks) or (
        any(b.field == "title" for b in nxt.blocks) and len({b.field for b in nxt.blocks} & _FACTS) >= 2)


def _unplaced(held: tuple[RawRecord, Excerpt]) -> tuple[RawRecord, Excerpt]:
    """The document's head is kept, unplaced: none of its words are the record's facts."""
    for b in held[0].blocks:
        if b.kind in ("label", "text", "prose"):
            b.field, b.kind, b.label = "unparsed", "text", None
    return held


def _table_row(lines: list[str], k: int) -> bool:
    """Is line k a row of a table of three cells or more, with another row of as many cells below it (a rule's line
    between): "| Réf | Activité | T1 | ... |" over "| 1.1 | Atelier ... |"?"""
    line = lines[k].strip()
    bars = line.count("|")
    if line[:1] != "|" or bars < 4:
        return False
    below = [ln.strip() for ln in lines[k + 1 : k + 3] if ln.strip() and not set(ln.strip()) <= set("+-=|: ")]
    return bool(below) and below[0][:1] == "|" and below[0].count("|") == bars


def _rows_unlabelled(seg: tuple[RawRecord, Excerpt]) -> tuple[RawRecord, Excerpt]:
    """A table's header row or row ("| Réf | Activité | T1 | ... |" over its rows) holds no label and its value: its
    words are text of the record (a code or a status read there would be a column's name)."""
    raw, text = seg
    if "|" not in text.text:
        return seg
    lines = text.text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    for b in raw.blocks:
        if b.kind == "label" and _table_row(lines, bisect_right(starts, b.start - text.offset) - 1):
            b.field, b.kind, b.label = "narrative", "text", None
    return seg


def _cut(held: tuple[RawRecord, Excerpt]) -> Iterator[tuple[RawRecord, Excerpt]]:
    """A record cut where it states two projects' facts under codes of their own or in sibling sections."""
    for piece in split_repeated(*held):
        for part in split_siblings(*piece):
            for item in split_items(*part):
                for entry in split_entries(*item):  # a table of contents whose entries are projects
                    for glossed in split_glossary(*entry):  # a list of acronyms whose entries are projects
                        yield from split_numbered_blocks(*glossed)


def join_pieces(segments: Iterable[tuple[RawRecord, Excerpt]]) -> Iterator[tuple[RawRecord, Excerpt]]:
    """The segmenter's records, each piece that is no record joined to its neighbour."""
    held: tuple[RawRecord, Excerpt] | None = None
    held_is_record = False
    shares = Shares()  # a record's numbered activities or budget lines, each with its amount within its total
    first = True  # the piece held is the file's first
    for seg in segments:
        is_record = _is_a_record(*_rows_unlabelled(seg))
        if is_record and held is not None and held_is_record and _event_of(held, seg):
            seg, is_record = _told(seg), False
        if held is None:
            held, held_is_record = seg, is_record
        elif (not is_record or not held_is_record or _same_news_project(held, seg)
              or (_cover_of(held, seg) and _covered(held)) or (first and names_next(held, seg) and as_cover(held, seg))
              or (_translation_of(held, seg) and _unplaced(seg))
              or (held_is_record and (part_of(held, seg) and as_part(seg) or rest_of(held, seg)))
              or (held_is_record and is_record and shares.takes(held, seg) and as_part(seg))
              or (first and (_document_head(held, seg) or indexes_next(held, seg)) and _unplaced(held))):
            joined = _joined(held, seg)
            first = first and joined is not seg and not held_is_record
            if joined is seg:
                yield from _cut(held)
                held, held_is_record = seg, is_record
            else:
                if shares.owner is held[0]:
                    shares.follow(joined[0])
                held, held_is_record = joined, held_is_record or is_record
        else:
            yield from _cut(held)
            held, held_is_record, first = seg, is_record, False
    if held is not None:
        yield from _cut(held)
