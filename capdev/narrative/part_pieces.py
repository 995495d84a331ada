"""A part of one project is no record of its own: a stretch headed "Component 2", "Phase II (2022-2024)",
"Objetivo específico 1", "Résultat 1", "Volet 3", with its own amount and period but no code of its own, belongs to
the project above it.

The heading's words are the usual parts of one project's document (record_evidence.is_project_section, with its
word list in data/section_headings.json) and a phase named by its number or its ordinal (parallel_blocks.phase_of:
"Phase II", "la deuxième phase", "Fase 2"), in English, French and Spanish. A part with a code of its own (a second
phase financed as a project of its own, "Phase II – code XY-22") is not read so: it stays a record.
"""
from __future__ import annotations

import re

from .blocks import Block, RawRecord
from .lines import Excerpt
from .record_evidence import is_project_section, own_code

# "Phase II", "Phase 2 (2022-2024)", "Fase II:", "Deuxième phase", "Segunda fase": a phase's heading by itself.
_PHASE_HEAD = re.compile(
    r"^\s*(?:(?:phase|fase|stage|étape|etapa)\s+(?:[IVX]{1,4}|\d{1,2})\b"
    r"|(?:first|second|third|fourth|première|premiere|deuxième|deuxieme|seconde|troisième|troisieme"
    r"|primera|segunda|tercera|cuarta)\s+(?:phase|fase|stage|étape|etapa)\b)", re.IGNORECASE)
# The heading's words before a number: "Objetivo específico 1", "Specific objective 2", "Objectif spécifique 3".
_NUMBERED_PART = re.compile(
    r"^\s*(?:specific\s+objective|immediate\s+objective|objectif\s+spécifique|objectif\s+specifique|objectif\s+"
    r"immédiat|objetivo\s+específico|objetivo\s+especifico|objetivo\s+inmediato|sub-?component|sous-composante|"
    r"sub-?componente|lot|lote|activity|activité|activite|actividad)\s+\d{1,2}(?:\.\d{1,2})?\b", re.IGNORECASE)
_HEAD_WORDS = 8


def is_part_heading(text: str) -> bool:
    """Does a stretch open with the heading of a part of a project (its first line, a few words)?"""
    first = next((ln for ln in text.splitlines() if ln.strip()), "").strip()
    if not first:
        return False
    head = re.split(r"\s[–—-]\s|:", first, maxsplit=1)[0].strip()
    if len(head.split()) > _HEAD_WORDS:
        return False
    if _PHASE_HEAD.match(head) or _NUMBERED_PART.match(head):
        return True
    # "Component 1 – Budget preparation", "Résultat 1", "Eje 3": a section name with its number.
    return bool(re.search(r"\d|\b[IVX]{1,4}\b", head)) and is_project_section(head)


def _head_line(raw: RawRecord, text: Excerpt) -> str:
    for b in raw.blocks:
        if b.kind in ("blank", "chrome") or not text[b.start : b.end].strip():
            continue
        return text[b.start : b.end]
    return ""


def _has_code(raw: RawRecord, text: Excerpt) -> bool:
    if any(b.field == "code" for b in raw.blocks):
        return True
    return own_code(text[raw.start : raw.end]) is not None


def part_of(held: tuple[RawRecord, Excerpt], seg: tuple[RawRecord, Excerpt]) -> bool:
    """Is the piece seg a part of the project record held before it (its component, its phase, its objective),
    stating no code of its own? The record held must name its project (a code or a title)."""
    rh, (rs, ts) = held[0], seg
    if rs.news or _has_code(rs, ts) or not is_part_heading(_head_line(rs, ts)):
        return False
    return any(b.field in ("code", "title") for b in rh.blocks)


def as_part(seg: tuple[RawRecord, Excerpt]) -> tuple[RawRecord, Excerpt]:
    """A part's lines are narrative of the record it joins: its amount and period are the part's, never the
    project's total or its period; its heading stays a heading."""
    raw, _text = seg
    first = True
    for n, b in enumerate(raw.blocks):
        if b.kind in ("blank", "chrome"):
            continue
        if first:
            raw.blocks[n] = Block("heading", "heading", b.start, b.end, b.end)
            first = False
        elif b.kind not in ("heading",):
            b.field, b.kind, b.label = "narrative", "text", None
    return seg
