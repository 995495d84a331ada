"""A cover that names the next piece's project is that project's document, not a record of its own.

A letter's head and its first paragraph ("Objet : Demande de paiement ...", "Réf. : Convention FED/2024/445-702",
"au titre du Projet d'appui ..."), a memo's routing block, a form's cover: the segmenter reads a record there (a
reference number labelled "N°", a title line), then a second one at the project's own labelled facts below
("Intitulé ...", "Référence ... FED/2024/445-702"). When the piece before gives none of a project's facts (no
period, amount, country, partner, funder or status, no labelled title) and its text already names the code the next
piece labels (or its labelled title), the two are one project's document: the cover joins the record, its lines
kept, unplaced (the letter's own number is no code of the project).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .lines import Excerpt
from .segment import RawRecord

Piece = tuple[RawRecord, Excerpt]

_FACTS = frozenset({"time_frame", "start", "end", "budget", "countries", "region", "partners", "funding_source",
                    "status", "lead_unit", "implementing", "funding", "donors"})


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _labelled(raw: RawRecord, text: Excerpt, field: str) -> str | None:
    block = next((b for b in raw.blocks if b.field == field and b.kind == "label"), None)
    if block is None or block.end <= block.value_start:
        return None
    value = _folded(text[block.value_start : block.end])
    return value or None


def _names_code(held: Piece, seg: Piece) -> bool:
    (ra, ta), (rb, tb) = held, seg
    code = _labelled(rb, tb, "code")
    told = _folded(ta[ra.start : ra.end])
    return bool(code and re.search(r"\d", code) and len(code) >= 5
                and re.search(rf"(?<!\w){re.escape(code)}(?!\w)", told))


def names_next(held: Piece, seg: Piece) -> bool:
    """Is the piece held a cover of no facts that names the project the next piece labels (its code or title)?"""
    (ra, ta), (rb, tb) = held, seg
    if ta.offset + len(ta.text) != tb.offset or ra.news or rb.news or ra.sections:
        return False
    fields = {b.field for b in ra.blocks}
    if fields & _FACTS or any(b.field == "title" and b.kind == "label" for b in ra.blocks):
        return False
    if _names_code(held, seg):
        return True
    told = _folded(ta[ra.start : ra.end])
    title = _labelled(rb, tb, "title")
    return bool(title) and len(title.split()) >= 4 and title in told


def as_cover(held: Piece, seg: Piece) -> Piece:
    """The cover's lines are kept, unplaced: the record's title, code and facts are those its own page gives. A
    reference the cover names and the project's own data label again ("Réf. : Convention FED/...", then "Référence
    ... FED/...") is the project's, not the letter's own number."""
    for b in held[0].blocks:
        if b.field in ("title", "summary", "code") and b.kind in ("text", "label"):
            b.field, b.kind, b.label = "unparsed", "text", None
    if _names_code(held, seg):
        for b in seg[0].blocks:
            if b.field == "code" and b.kind == "label" and b.label is not None and b.label.modifiers.get("secondary"):
                b.label = replace(b.label, modifiers={k: v for k, v in b.label.modifiers.items() if k != "secondary"})
    return held
