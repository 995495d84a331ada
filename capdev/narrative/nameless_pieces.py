"""A piece that names no project and states none of a project's own facts goes on the record before it.

A project sheet's second half ("       Actividades: ...", then "INSTITUCIONES PARTICIPANTES", "ODS: 16",
"ANTECEDENTES"): the segmenter starts a record where a label comes back (a component's second "Actividades:"), and
the piece after the cut holds partners, goals or a background, but no title, no code, no period, no amount, no status
and no country. No project is named there: it is the rest of the record above, which names one (its title or code),
and its facts are that record's. Only a piece that opens where the record above was (an indented line, or a label
of a field the record above already has) is so read; a piece of its own ("Project 2", a heading) stays a record.

A piece headed by the name of a section of one project's document ("SCHEDULE", "CRONOGRAMA", "CALENDRIER") and no
code goes on the record above too when every fact it states is one that record leaves empty (its dates under a
sheet's title, code and status): the sections of one document, not two projects. Its heading is no title.
"""
from __future__ import annotations

from .blocks import Block
from .lines import Excerpt
from .record_evidence import is_project_section, own_code
from .segment import RawRecord

Piece = tuple[RawRecord, Excerpt]

# What names a project or is one project's own: a piece with any of these may be a record of its own.
_OWN = frozenset({"title", "code", "time_frame", "start", "end", "budget", "status", "countries", "region",
                  "funding_source", "donors", "funding"})


def _first(raw: RawRecord, text: Excerpt):
    return next((b for b in raw.blocks if b.kind not in ("blank", "chrome") and text[b.start : b.end].strip()), None)


def continues(held: Piece, seg: Piece) -> bool:
    """Is seg the rest of the record held: no project named in it, none of a project's own facts, opening within
    the record above (an indented line, or a label of a field the record above has)?"""
    (rh, th), (rs, ts) = held, seg
    if th.offset + len(th.text) != ts.offset or rs.news or rs.sections or rh.news:
        return False
    if not any(b.field in ("title", "code") for b in rh.blocks):
        return False
    if {b.field for b in rs.blocks} & _OWN or own_code(ts[rs.start : rs.end]) is not None:
        return False
    first = _first(rs, ts)
    if first is None:
        return False
    line = ts[first.start : first.end]
    indented = line[:1] in (" ", "\t") and line.strip() != ""
    again = first.kind == "label" and first.field in {b.field for b in rh.blocks if b.kind == "label"}
    return indented or again


_FACTS = frozenset({"time_frame", "start", "end", "budget", "status", "countries", "region", "funding_source",
                    "donors", "funding", "partners", "lead_unit", "implementing", "sdgs"})


def completes(held: Piece, seg: Piece) -> bool:
    """Is seg a section of the record held ("SCHEDULE" and its dates): headed by a section's name, no code, and
    only facts the record above leaves empty? Its heading is then made a heading, no title."""
    (rh, th), (rs, ts) = held, seg
    if th.offset + len(th.text) != ts.offset or rs.news or rs.sections or rh.news:
        return False
    if not any(b.field in ("title", "code") for b in rh.blocks):
        return False
    first = _first(rs, ts)
    if first is None or first.field != "title" or first.kind == "label":
        return False
    head = ts[first.start : first.end].strip()
    if not head or len(head.split()) > 4 or not is_project_section(head):
        return False
    fields = {b.field for b in rs.blocks if b is not first}
    if "title" in fields or "code" in fields or own_code(ts[rs.start : rs.end]) is not None:
        return False
    facts = fields & _FACTS
    if not facts or facts & {b.field for b in rh.blocks}:
        return False
    k = next(n for n, b in enumerate(rs.blocks) if b is first)
    rs.blocks[k] = Block("heading", "heading", first.start, first.end, first.end)
    return True


def rest_of(held: Piece, seg: Piece) -> bool:
    """Is seg the rest of the record held (continues) or a section of it (completes)?"""
    return continues(held, seg) or completes(held, seg)
