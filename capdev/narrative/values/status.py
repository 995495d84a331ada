"""A record's status words, in English, French and Spanish, to one of three categories (data/status_words.json)."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import fold

__all__ = ["phase_category", "status_alone", "status_category", "status_extent"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "status_words.json"


def _norm(text: str) -> str:
    return " ".join(fold(text or "").casefold().replace("-", " ").replace("\u2019", "'").split())


@functools.cache
def _data() -> dict:
    return json.loads(_DATA.read_text(encoding="utf-8"))


@functools.cache
def _spellings() -> tuple[tuple[str, str], ...]:
    pairs = [(_norm(s), cat) for cat, words in _data().items() if not cat.startswith("_") and isinstance(words, list)
             for s in words]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))  # "operationally closed" before "open"...


@functools.cache
def _phase_rx() -> tuple[re.Pattern[str], dict[str, str]]:
    """A stage named by what is done in it: "phase de formulation", "fase de ejecución", "implementation phase"."""
    phases = _data()["_phases"]
    words = {_norm(w): cat for cat, ws in phases["stages"].items() for w in ws}
    alt = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(words, key=len, reverse=True))
    nouns = "|".join(re.escape(_norm(n)) for n in phases["nouns"])
    rx = re.compile(rf"^(?:(?:in|at|en|dans|a)\s+)?(?:(?:the|its|a|sa|la|une|su|una|el|le)\s+)?"
                    rf"(?:(?:{nouns})\s+(?:of\s+|de\s+|d'\s*|del\s+)?(?:la\s+|l'\s*|el\s+)?(?P<a>{alt})"
                    rf"|(?P<b>{alt})\s+(?:{nouns}))(?![\w])")
    return rx, words


def phase_category(text: str | None) -> str | None:
    """"planned" or "active" when a text opens with a stage named by its work ("en phase de formulation",
    "Implementation phase", "se encuentra" left to the caller); None otherwise."""
    rx, words = _phase_rx()
    m = rx.match(_norm(text or ""))
    return words.get(" ".join((m.group("a") or m.group("b")).split())) if m else None


def status_alone(text: str | None) -> str | None:
    """The category of a text that is nothing but a status's words ("en ejecución", "CLOSED", "pipeline"), None for
    any other text and for words that say nothing of a project alone ("open", "approved": data '_not_alone')."""
    words = _norm(re.sub(r"^[\W_]+|[\W_]+$", "", text or ""))
    if not words or words in {_norm(w) for w in _data()["_not_alone"]}:
        return None
    category = next((cat for spelling, cat in _spellings() if spelling == words), None)
    if category is None and _PLURAL.match(text or ""):
        return status_alone(_PLURAL.sub(r"\1", text.strip(), count=1))
    return category


# Words that say nothing of the status around its words: the project named before them ("projet clôturé", "Project
# completed", "el proyecto está concluido") and "full" inside a stage ("en plena ejecución", "in full implementation").
_PROJECT_HEAD = re.compile(r"^(?:(?:the|this|le|ce|cet|el|este|la)\s+)?(?:project|projet|proyecto|programme|program|"
                           r"programa|initiative|iniciativa)\s+(?:(?:is|est|esta|se\s+encuentra|se\s+trouve)\s+)?")
_FULL = re.compile(r"^(en|in)\s+(?:plena|pleno|pleine|plein|full)\s+")


def status_category(text: str | None) -> str | None:
    """"planned", "active" or "completed" for the words a status value opens with ("En cours d'exécution",
    "concluido", "Operationally closed", "Phase de formulation"), or None when they name none of them. A badge's
    mark before the words ("✓ Completed", "● Ongoing", "(Closed)") is no word, nor is the project named before them
    ("projet clôturé") or "full" in a stage ("en plena ejecución")."""
    words = _norm(re.sub(r"^[\W_]+", "", text or ""))
    words = _FULL.sub(r"\1 ", _PROJECT_HEAD.sub("", words))
    for spelling, category in _spellings():
        if words.startswith(spelling) and not words[len(spelling) : len(spelling) + 1].isalnum():
            return category
    category = phase_category(words)
    if category is None and _PLURAL.match(text or ""):  # "Finalizados", "vigentes", "achevées": their singular
        return status_category(_PLURAL.sub(r"\1", text, count=1))
    return category


# A Romance plural at a value's first word: "finalizados", "concluidas", "vigentes", "terminés", "clôturées" (never an
# English verb's "-s": "closes", "opens").
_PLURAL = re.compile(r"^(\W*\w*?(?:[oa]|ente|ée|é|ee))s(?!\w)", re.IGNORECASE)


# Where a status value ends: a sentence's stop, a semicolon, a bracket or a bar; the words after it are the record's
# text, not its status ("en cours. Depuis 2021, ...", "En ejecución (cierre previsto el 30/06/2025)").
_VALUE_END = re.compile(r"\s*(?:[.;!?](?=\s|$)|[(\[|\u00b7\u2022]|\s[\u2013\u2014-]\s|,\s|:\s)")


def status_extent(value: str) -> int:
    """How many characters of a status label's value are the status: up to its sentence's or field's end."""
    m = _VALUE_END.search(value)
    return m.start() if m and m.start() > 0 else len(value)


def status_value(record, value: str) -> str:
    """A status label's value: its words up to their sentence's or field's end, flagged on the record when they
    name no status the importer knows (it then reads the status from the dates). Words that name none before a
    status ("As of June 2023, completed") give the status after them, flagged."""
    head = " ".join(value[: status_extent(value)].split())
    if status_category(head) is None:
        pieces = [" ".join(p.split()) for p in _VALUE_END.split(value)]
        named = [p for p in pieces if p and status_category(p)]
        if len({status_category(p) for p in named}) == 1:
            record.flag("status", f"read after other words: {head[:60]}")
            return named[0][: status_extent(named[0])] or named[0]
        record.flag("status", f"status words not known, left to the dates: {head[:60]}")
    return head
