"""A status given to every project of a section by its heading, in English, French and Spanish: "ONGOING PROJECTS",
"4.2 Completed programmes", "Projets en cours", "Proyectos finalizados", "Projects in the pipeline". The heading is a
line of its own naming projects (or programmes, initiatives) and a status (values.status.status_category); it holds
for the records after it until another such heading. A record that states its own status keeps it.

Where a heading stands among a record's blocks says which records it is over: before the record's first line of its
own it opens the record's section; after its last, it opens the next record's."""
from __future__ import annotations

import re

from ..folding import fold
from .status import status_category

__all__ = ["section_marks"]

# Plural: a section holds projects ("Project completed" alone is one record's badge, not a section's heading).
_NOUNS = r"projects|programmes|programs|initiatives|projets|proyectos|programas|iniciativas|operations|operaciones"
_NUMBERING = re.compile(r"^[\s#*_>|-]*(?:\d+(?:\.\d+)+\.?\s*|(?:[\dIVXivx]+|[A-Za-z])[.)]\s*)*")
_AFTER = re.compile(rf"^(?:(?:the|our|les|nos|los|las|nuestros)\s+)?(?:{_NOUNS})\s+(?P<status>.+)$", re.IGNORECASE)
_BEFORE = re.compile(rf"^(?P<status>.+?)\s+(?:{_NOUNS})$", re.IGNORECASE)
_MAX_LINE = 60  # a section's heading is short
_EDGE = ("blank", "heading", "chrome", "text")  # what may stand around a record's own lines ...
_EDGE_FIELDS = ("unparsed", "title", "blank", "", "heading")  # ... unplaced, or a line taken for a title


def section_status(line: str) -> str | None:
    """The status a line that is a section's heading gives ("Ongoing projects": "active"), or None."""
    text = _NUMBERING.sub("", line.strip()).strip(" \t*_#:|-")
    text = re.sub(r"\s*\(\d+\)$", "", text)  # "Completed projects (4)"
    if not text or len(text) > _MAX_LINE or not any(c.isalpha() for c in text):
        return None
    folded = " ".join(fold(text).casefold().split())
    m = _AFTER.match(folded) or _BEFORE.match(folded)
    if not m:
        return None
    words = m.group("status")
    # "Proyectos finalizados", "Projets achevés": the status words agree with the plural noun
    category = status_category(words) or status_category(" ".join(w[:-1] if w.endswith("s") else w
                                                                   for w in words.split()))
    # The status words must be the whole rest ("Projets en cours", not "Projects completed by the Division in 2023").
    return category if category and len(words.split()) <= 4 else None


def _edge_status(blocks, text) -> str | None:
    found = None
    for block in blocks:
        for line in text[block.start : block.end].splitlines():
            category = section_status(line)
            if category:
                found = category  # the last heading read is the one in force
    return found


def section_marks(raw, text) -> tuple[str | None, str | None]:
    """(the status a section heading before the record's own lines gives it, the status a heading after them gives
    the records that follow); None where there is none."""
    blocks = list(raw.blocks)
    own = [i for i, b in enumerate(blocks) if b.kind not in _EDGE or b.field not in _EDGE_FIELDS]
    if not own:
        return None, None
    return _edge_status(blocks[: own[0]], text), _edge_status(blocks[own[-1] + 1 :], text)
