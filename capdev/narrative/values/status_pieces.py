"""A status word standing alone as one piece of a line of the record's head (round 18): "Inicio junio 2025 - fin mayo
2027, en ejecución", "PFM Training for Local Councils - code PFM-LC-2023 - CLOSED (Jan 2023 to Dec 2025)",
"Samoa and Vanuatu · pipeline, start 2027 · NZD 2 million", "| HND-01 | 2022-2025 | finalizado |".

A record's facts are often run together on a line with commas, dashes, bars or dots between them and no labels; a
piece that is nothing but a status's words (values.status.status_alone) is the record's status. Only the record's
first lines are read, and only lines of two pieces or more (a word alone on its line is a heading, which the
readers of sections read). Never read: a line about an earlier phase, a component or an event (its status is not the
project's); words that say nothing alone ("open", "approved"); two categories on the head's lines (split evidence).
The status is placed FLAGGED with the words it was read from, and only where no rule placed one.
"""
from __future__ import annotations

import re

from .earlier_phases import EARLIER
from .status import status_alone

__all__ = ["status_piece"]

_HEAD_LINES = 6  # non-blank lines: a record's title and the lines of facts about it
_PIECES = re.compile(r"\s*(?:[,;|\u00b7\u2022()\[\]]|\s[-\u2013\u2014]\s|[\u2013\u2014]|\s{3,}|\t)\s*")
# Lines about a part of the project or one of its events: their status is theirs.
_PART = re.compile(r"(?<![\w-])(?:components?|composantes?|componentes?|activit(?:y|ies|[ée]s?)|actividad(?:es)?|"
                   r"workshops?|ateliers?|talleres?|events?|[ée]v[ée]nements?|eventos?|calls?|appels?|"
                   r"convocatorias?|tenders?|contracts?|contrats?|contratos?|modules?|m[oó]dulos?|courses?|cours|"
                   r"cursos?|sessions?|sesi[oó]n(?:es)?|registrations?|inscriptions?|inscripci[oó]n(?:es)?)(?![\w-])",
                   re.IGNORECASE)


def _head_lines(text: str) -> list[str]:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines[:_HEAD_LINES]


def status_piece(record) -> None:
    """Place, flagged, the status a piece of one of the record's head lines is made of, where no rule placed one."""
    text = record.text if isinstance(record.text, str) else ""
    if record.status or not text:
        return
    found: dict[str, tuple[str, str]] = {}
    for line in _head_lines(text):
        if EARLIER.search(line) or _PART.search(line):
            continue
        pieces = [p for p in _PIECES.split(line) if p and p.strip(" .:*_#")]
        if len(pieces) < 2:
            continue
        for piece in pieces:
            category = status_alone(piece)
            if category:
                found.setdefault(category, (piece.strip(" .:*_#"), " ".join(line.split())))
    if len(found) != 1:
        return
    ((category, (words, line)),) = found.items()
    record.status = category
    record.flag("status", f"suggested: {category}, '{words}' standing alone on the record's line '{line[:120]}'")
