"""Run-in headings: a numbered paragraph that opens on its title, a stop, then its text on the same line ("3.1
Programa de Fortalecimiento ... (FORMUNI). Financiado por ...", "2. Projet d'appui à la réforme (PARGC). Le projet
..."). headed_records.py reads such a paragraph as a numbered section named by its title, as it reads a heading on a
line of its own; whether the sections are records is decided there, as for any heading (each tells of a project
with evidence of its own, two of them or more, not a document's usual sections).

The title is a name, not a sentence: a few words with no comma before the first stop, and either most of its long
words in capitals (a name in title case), or opening on a project word, or ending on an acronym in brackets. A
report's numbered paragraphs ("12. In 2023, the Division trained ...") open on a sentence and have no such title.
"""
from __future__ import annotations

import re

_TITLE_WORDS = 14
_PROJECT_WORD = re.compile(r"(?:project|projet|proyecto|programme|program|programa|initiative|iniciativa|diplomado|"
                           r"diploma|diplôme|école|escuela|school|academy|académie|academia)s?\b", re.IGNORECASE)
_ACRONYM = re.compile(r"\((?:[A-Z][A-Za-z0-9\-]{1,14})\)$")
_STOP = re.compile(r"[.!?](?=\s+\S)")  # the title's stop, text going on after it on the same line


def title_end(line: str, at: int) -> int | None:
    """Where the run-in title that begins at `at` (after its number) ends, before its stop; None if the line's
    words after the number are no run-in title followed by text."""
    m = _STOP.search(line, at)
    if m is None:
        return None
    title = line[at:m.start()].strip()
    words = title.split()
    if not 2 <= len(words) <= _TITLE_WORDS or any(c in title for c in ",;:\u00ab\u00bb\"\u201c\u201d"):
        return None
    if re.search(r"\b\d{4}\b", title):
        return None  # "3. In 2023 the project ended.": a sentence, not a name
    long = [w for w in words if len(w.strip("()")) > 3]
    capitals = sum(w.strip("(")[:1].isupper() for w in long)
    named = (bool(long) and capitals * 2 > len(long)) or bool(_PROJECT_WORD.match(words[0])) or bool(
        _ACRONYM.search(title))
    return at + len(line[at:m.start()].rstrip()) if named else None


def heading_title(line: str, at: int) -> str:
    """A numbered heading's title: up to its stop when text runs on after it ("2. Objectives. The project ..."
    gives "Objectives"), else the rest of its line."""
    m = _STOP.search(line, at)
    if m is not None and 0 < len(line[at:m.start()].split()) <= _TITLE_WORDS and "," not in line[at:m.start()]:
        return line[at:m.start()]
    return line[at:]
