"""A heading at a record's head that names itself a project ("PROJET D'APPUI À LA GESTION ... / DANS
L'ADMINISTRATION PUBLIQUE (PAGPEC)", "Programa de Modernización del Sistema ...", "Project for Open Courts in ..."),
among the lines a cover page puts before the facts: the state's and the ministry's names, the unit's, the document's
own title ("PLAN DE TRAVAIL ET BUDGET ANNUEL 2026"), a section's heading ("1. RAPPEL DU PROJET"). Its project word
says it is a project's name, wherever it stands before the facts and whatever the segmenter made of the lines
around it (round 12).

A line is taken only when it stands as a heading (in capitals, or with a blank line or the record's start above
it), does not end a sentence, passes the title checks (title_choice.rejection: no body, no bill, no organisation,
no sentence) and is the only such line: two project names at a record's head leave the choice to the reviewer.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .folding import fold_key

if TYPE_CHECKING:
    from .blocks import Block

_LOOKED_AT = 16  # the blocks before the facts looked at: a cover page's lines
_NARRATIVE = frozenset({"summary", "narrative", "unparsed", "title", "heading", "chrome", "blank", "description",
                        "background", "objective"})


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and not any(c.islower() for c in letters)


def head_lines(blocks: list[Block], text: str) -> list[tuple[str, bool]]:
    """The lines before the record's first labelled fact, each with whether a blank line (or the start) is above."""
    out: list[tuple[str, bool]] = []
    blank = True
    for block in blocks[:_LOOKED_AT]:
        if block.kind in ("label", "header", "table") and block.field not in _NARRATIVE:
            break
        for line in text[block.start : block.end].replace("\r", "").splitlines():
            if not line.strip():
                blank = True
                continue
            out.append((line.strip(), blank))
            blank = False
    return out


def self_named_head(blocks: list[Block], text: str) -> str:
    """The one line at the record's head (joined with the line it wraps onto) that names itself a project; ''."""
    from .title_choice import clean, rejection, wraps_on
    from .title_evidence import self_named
    from .title_in_prose import not_a_project

    lines = head_lines(blocks, text)
    found: dict[str, str] = {}
    for n, (line, alone) in enumerate(lines):
        if not (alone or _capitals(line)) or not self_named(clean(line)):
            continue
        if n + 1 < len(lines) and not lines[n + 1][1] and wraps_on(line, lines[n + 1][0]):
            line = f"{line} {lines[n + 1][0]}"
        title = clean(line)
        if line.rstrip()[-1:] in ".;!?" or rejection(title) or not_a_project(title):
            continue
        found.setdefault(fold_key(title), title)
    return next(iter(found.values())) if len(found) == 1 else ""


def self_named_choice(blocks: list[Block], text: str):  # -> title_choice.Choice | None
    """The self-named heading as the title's choice: sure when labelled facts follow in the record, else proposed."""
    from .title_choice import Choice

    title = self_named_head(blocks, text)
    if not title:
        return None
    facts = sum(1 for b in blocks if b.kind in ("label", "header", "table") and b.field not in _NARRATIVE)
    return Choice(title, facts >= 2, "" if facts >= 2 else "a heading that names itself a project, with no facts")
