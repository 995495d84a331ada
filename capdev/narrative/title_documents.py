"""Lines that name the document or one of its sections, never the project (round 12).

A report, a work plan, a memo or a set of minutes writes its own title near the project's: "INFORME SEMESTRAL -
PRIMER SEMESTRE 2025", "RAPPORT D'AVANCEMENT N° 4", "Second Quarterly Progress Report 2024", "Plan de travail et
budget annuel 2026". Such a line is made only of a document's noun, the words that say which one it is (its period,
its kind, its order) and numbers or dates: it names the document, whatever its layout. And a short heading that ends
on "of the project", "du projet", "del programa" ("RAPPEL DU PROJET", "Overview of the project", "SÍNTESIS DEL
PROGRAMA") names a section of the record: a project's own name never speaks of "the project". The words are data
(data/title_documents.json), in English, French and Spanish.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .folding import alternation, fold

_DATA = Path(__file__).with_name("data") / "title_documents.json"
_SECTION_HEAD_WORDS = 4  # "Rappel", "Overview", "Description détaillée", "Antecedentes y justificación"
# Numbers, Roman numerals, "n°", dates' separators and brackets: what a document's title holds besides its words.
_FILLER = re.compile(r"(?<![\w'])(?:\d[\d./-]*|[ivxlc]{1,6}|n[o\u00b0\u00ba]?\.?)(?![\w'])|[^\w'\s]|\u00b0|\u00ba")


def _alternation(words: list[str]) -> str:
    return alternation(words)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    from .values.dates import MONTHS

    data = json.loads(_DATA.read_text(encoding="utf-8"))
    noun = re.compile(rf"(?<![\w'])(?:{_alternation(data['document_nouns'])})(?![\w'])")
    others = data["document_qualifiers"] + list(MONTHS)
    qualifier = re.compile(rf"(?<![\w'])(?:{_alternation(others)})(?![\w'])")
    section = re.compile(
        rf"^(?:[\w'-]+\s+){{1,{_SECTION_HEAD_WORDS}}}?(?:of\s+the|of\s+this|du|de\s+la|de\s+l'\s*|des|del|de\s+los"
        rf"|de\s+las|de\s+ce|de\s+este|de\s+esta)\s*(?:{_alternation(data['section_words'])})$")
    return noun, qualifier, section


def document_title(line: str) -> bool:
    """Is the line a document's own title, made only of a document's noun, its qualifiers, numbers and dates?"""
    noun, qualifier, _ = _patterns()
    folded = fold(" ".join(line.split())).lower().replace("\u2019", "'")
    if not noun.search(folded):
        return False
    rest = qualifier.sub(" ", noun.sub(" ", folded))
    return not _FILLER.sub(" ", rest).strip()


def project_section(line: str) -> bool:
    """Is the line a short heading of a section of the project ("RAPPEL DU PROJET", "Overview of the project")?"""
    folded = " ".join(fold(line).lower().replace("\u2019", "'").strip(" .:;-\u2013\u2014").split())
    return bool(_patterns()[2].match(folded))


@lru_cache(maxsize=1)
def _section_opening() -> re.Pattern[str]:
    # A section's heading (data/title_words.json section_openings: "lessons learned", "next steps", "résultats
    # attendus", "resultados esperados"), then what it is of or from.
    data = json.loads((_DATA.parent / "title_words.json").read_text(encoding="utf-8"))
    heads = _alternation(data["section_openings"])
    return re.compile(rf"^(?:{heads})\s+(?:of|from|for|on|in|du|de|des|d'|sur|pour|del|sobre|para|en)(?![\w])")


def section_opening(line: str) -> bool:
    """Does the line open on a section's heading and say what it is of ("Lessons learned from the first phase",
    "Prochaines étapes du programme", "Resultados esperados del proyecto")?"""
    folded = " ".join(fold(line).lower().replace("\u2019", "'").strip(" .:;-\u2013\u2014#*").split())
    return bool(_section_opening().match(folded))
