"""A project's status told by what its document is, not by a status label: a completion report or a closure memo is
written of a closed project, a letter of award or an "acta de inicio" of one under way (data/status_genres.json);
and a status badge beside a web page's title ("[Closed] Civil registration reform", "Réforme ... [En cours]").
A status of an event or of a report ("the report was finalised") is never read here: only a heading of the
document's own first lines, or a badge in square brackets on the title, counts."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import alternation, fold
from . import meta_periods as _meta
from . import status_lines as _lines
from .earlier_phases import EARLIER as _EARLIER
from .period_badges import period_badge

__all__ = ["genre_status", "head_badge", "meta_badge", "title_badge"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "status_genres.json"
_HEAD_LINES = 4  # a document says what it is in its first lines (a letterhead, a reference, then its kind)
_HEAD_CHARS = 600
_MAX_HEADING = 120  # a heading is a short line; a sentence that names a completion report is no heading


def _norm(text: str) -> str:
    return " ".join(fold(text).casefold().replace("-", " ").replace("\u2019", "'").split())


def _alternation(words: list[str]) -> str:
    return alternation(words, form=_norm)


@functools.cache
def _tables() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], re.Pattern[str], dict[str, str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    # The kind alone on its line, or followed by what it is about after a colon, a dash or a code: "PROJECT
    # COMPLETION REPORT", "Rapport d'achèvement – Projet SEN/20/003", "Acta de inicio del proyecto".
    genres = tuple(
        (cat, re.compile(rf"^(?:(?:project|projet|proyecto|final|finale)\s+)?(?:{_alternation(data[cat])})"
                         rf"(?:\s*$|\s*[:\u2013\u2014-]\s|\s+(?:\(|no\b|n°|nº|for|of|du|de|del|pour|para)\b)"))
        for cat in ("completed", "active"))
    badges = {_norm(w): cat
              for cat, words in data["badges"].items() for w in words}
    badge_rx = re.compile(r"^\s*\[\s*([^\[\]]{2,24}?)\s*\]\s*|\s*\[\s*([^\[\]]{2,24}?)\s*\]\s*$")
    return genres, badge_rx, badges


def genre_status(head: str) -> str | None:
    """"completed" or "active" when one of a record's first lines says what kind of document it is ("PROJECT
    COMPLETION REPORT", "ACTA DE INICIO DEL PROYECTO"); None otherwise."""
    genres, _, _ = _tables()
    lines = [ln.strip(" \t*#_|=") for ln in head[:_HEAD_CHARS].splitlines()]
    for line in [ln for ln in lines if ln][:_HEAD_LINES]:
        if len(line) > _MAX_HEADING:
            continue
        folded = _norm(line)
        for category, rx in genres:
            if rx.match(folded):
                return category
    return None


def title_badge(title: str) -> tuple[str | None, str]:
    """A status badge in square brackets at the start or the end of a title, and the title without it:
    "[Closed] Civil registration reform" -> ("completed", "Civil registration reform"). (None, title) when there
    is no badge, or when the brackets hold something else ("[Draft]", "[2019]")."""
    if not isinstance(title, str):
        return None, title
    _, badge_rx, badges = _tables()
    m = badge_rx.search(title)
    if not m:
        return None, title
    word = _norm(m.group(1) or m.group(2))
    category = badges.get(word)
    if category is None:
        return None, title
    return category, (title[: m.start()] + " " + title[m.end() :]).strip()


# A card's meta line: short parts cut by a middle dot, a bullet or a bar ("Kenya · Ongoing · 2021–2024").
_META_SEP = re.compile(r"\s*[\u00b7\u2022|\u2219\u22c5]\s*")
_MAX_PART = 24


def _line_badge(line: str) -> str | None:
    """The status a first line gives as a badge: in square brackets, alone on its line ("Terminé"), or as one
    part of a card's meta line; a line whose parts name two statuses gives none."""
    category, _ = title_badge(line)
    if category:
        return category
    _, _, badges = _tables()
    parts = [p for p in _META_SEP.split(line.strip(" \t*_#")) if p]
    if len(parts) > 1 and any(len(p) > _MAX_PART * 2 for p in parts):
        return None  # a sentence with a bar in it, not a meta line
    found = {badges[_norm(p)] for p in parts if len(p) <= _MAX_PART and _norm(p) in badges}
    return found.pop() if len(found) == 1 else None


def head_badge(head: str) -> str | None:
    """The status a badge gives on one of a record's first lines ("[Closed] Civil registration reform", a line
    "[En cours]" or "Terminé" alone, "Kenya · Ongoing · 2021–2024"), or None."""
    lines = [ln.strip() for ln in head[:_HEAD_CHARS].splitlines()]
    for line in [ln for ln in lines if any(c.isalnum() for c in ln)][:_HEAD_LINES]:  # a rule "-----" is no line
        if len(line) <= _MAX_HEADING:
            category = _line_badge(line)
            if category:
                return category
    return None




def meta_badge(text: str) -> str | None:
    """The status a card's line of facts gives anywhere in a record, where the line also gives the period ("Sénégal
    · En cours · 2021–2024" under a title the page's navigation pushed down); lines that name two statuses give
    none. A line without a period (an activity's row "Workshop | Nairobi | Completed") is no card's."""
    _, _, badges = _tables()
    found = set()
    for line in text.splitlines():
        if len(line) > 6 * (_meta.MAX_ITEM + 3):
            continue
        items = _meta.line_items(line.strip(" \t*_#")) or []
        if _EARLIER.search(fold(line)):
            continue  # "Phase I · 2015–2018 · Completed": an earlier phase's or project's line
        if sum(1 for i in items if _meta.item_period(i)) == 1:
            found |= {badges[_norm(i)] for i in items if _norm(i) in badges}
    if not found:  # "Estado" on its line, "En ejecución" on the next: a fact sheet's label and value; else the
        # brackets after the period ("Duration: January 2025 to December 2028 (ongoing)": values.period_badges)
        return _lines.label_line_status(text) or period_badge(text)
    return found.pop() if len(found) == 1 else None
