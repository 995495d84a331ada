"""Whether a piece of a document is a project's record of its own, for the readings that divide prose into records
(headed_records.py, named_projects.py, segment_merge.py).

A piece is a record when it carries its own evidence of a project: its own code, or a project named in it (the word
project/projet/proyecto/programme with a name or a quoted title) together with at least one fact of its own (a period
or dated start, an amount, a country served, a funder or partner, a status). The usual section names of ONE project's
document ("Background", "Objectifs", "Antecedentes", "Budget", "Component 2") never open a record: a document whose
headings are such names is one project, whatever its sections say. The words are data/section_headings.json.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .folding import fold
from .named_projects import fact_kinds, names_in
from .values.money import parse_money
from .values.prose import project_name, tells_of_a_project
from .values.prose_facts import has_project_evidence

_DATA = Path(__file__).resolve().parent / "data" / "section_headings.json"
_SECTION_WORDS = 6  # "Background and context of the project": a section's name is a few words
_PROJECT_WORD = re.compile(r"\b(?:project|projet|proyecto|programme|program|programa|initiative|iniciativa)s?\b",
                           re.IGNORECASE)
_NUMBERING = re.compile(r"^[\s\W\d]*(?:(?:[IVX]{1,4}|[A-H])[.)])?[.)\s\d:\u2013\u2014-]*\s*")


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text).lower()).split())


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return (frozenset(_folded(w) for w in data["project_sections"]),
            frozenset(_folded(w) for w in data["report_sections"] + data["contents_headings"]),
            frozenset(_folded(w) for w in data["section_tails"]))


def _starts_with(title: str, names: frozenset[str]) -> bool:
    words = _folded(_NUMBERING.sub("", title, count=1)).split()
    if not words or len(words) > _SECTION_WORDS:
        return False
    # "Objectives", "Objectives of the project", "Budget and financing", "Résultats obtenus", "Component 2:
    # Training": a name, then nothing, a number or a word that goes on naming the section.
    tails = _names()[2]
    return any(" ".join(words[:n]) in names and (n == len(words) or words[n] in tails or words[n][:1].isdigit()
                                                 or len(words[n]) == 1)
               for n in range(min(5, len(words)), 0, -1))


def is_project_section(title: str) -> bool:
    """Is a heading one of the usual sections of one project's document ("2. Objectives", "III. Résultats
    attendus", "Componente 1")?"""
    return _starts_with(title, _names()[0])


def is_report_section(title: str) -> bool:
    """Is a heading a section any report has ("1. Introduction", "Conclusiones", "Annexes", "Contents")?"""
    return _starts_with(title, _names()[1])


def is_section_name(title: str) -> bool:
    return is_project_section(title) or is_report_section(title)


def own_code(text: str) -> str | None:
    """The code a piece names its project by (folded), if it gives one."""
    name = project_name(text)
    if name and re.search(r"\d", name) and " " not in name:
        return name
    return None


def has_own_evidence(text: str, named: bool = False) -> bool:
    """Does a piece of text carry its own evidence of a project: its code, or a project's name and a fact? A
    project is named by a quoted title or a name after or before the word project ("le projet PAGOF", "the Open
    Courts Project"), or by the piece's heading (named=True: a numbered section's title); "the project" alone, in
    a section that goes on telling of the project above it, names none."""
    if own_code(text):
        return True
    if not _PROJECT_WORD.search(text) or not (named or names_in(text)):
        return False
    return (tells_of_a_project(text) or bool(parse_money(text)) or has_project_evidence(text)
            or fact_kinds(text) > 0)
