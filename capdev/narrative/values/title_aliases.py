"""A project named by the words its heading opens with, where a sentence tells its dates or its status, in English,
French and Spanish: "4.3 Escuela de Verano de Innovación Pública" then "La Escuela de Verano, iniciada en 2021, finalizó
en octubre de 2023", "Registre national des agents publics" then "Le Registre national a été lancé en mars 2024".

The heading is the text's first line: short, no sentence (no stop at its end), maybe numbered. Its first words (two,
or more up to a capitalised one, the first capitalised, as a name is written) after an article ("the", "le", "la",
"el", ...) in a later sentence read as "the project" for the readers of the project's own verbs (values.prose_periods,
values.prose_facts.read_status), as values.project_aliases reads an acronym. A heading that opens with a word of
project ("Project", "Programme") is left to the readers of those words; one of an event ("Regional Workshop on ...")
or a report ("Mid-term Evaluation of ...") names no project. "The Procurement Academy" after "Regional Procurement
Academy" is not read: the words must open the heading."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from .event_words import _TYPE_RX  # the words of workshops, missions, conferences: a heading of no project

__all__ = ["titled_as_project"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "prose_cues.json"
_OTHERS = Path(__file__).resolve().parent.parent / "data" / "status_prose.json"
_MAX_HEADING_WORDS = 14
_NUMBER = re.compile(r"^[\s#*_>|-]*(?:(?:\d+(?:\.\d+)*|[IVX]+|[A-Z])[.)]?\s+)?")
_ARTICLES = (r"(?:The|the|Le|le|La|la|L'|l'|El|el|Les|les|Los|los|Las|las|This|this|Ce|ce|Cet|cet|Cette|cette|"
             r"Este|este|Esta|esta)")
_SMALL = {"de", "del", "des", "du", "la", "le", "el", "of", "the", "for", "and", "et", "y", "en", "in", "d'", "l'",
          "para", "pour", "los", "las", "les", "a", "au", "aux", "on"}


@functools.cache
def _others() -> frozenset[str]:
    """Nouns of things other than a project (an evaluation, a report, a strategy: data/status_prose.json)."""
    return frozenset(w.casefold() for w in json.loads(_OTHERS.read_text(encoding="utf-8"))["other_subjects"])


@functools.cache
def _project_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in json.loads(_DATA.read_text(encoding="utf-8"))["project_words"])


def _heading_name(first: str) -> str | None:
    """The words of the text's first line that may name it again ("Escuela de Verano" of "Escuela de Verano de
    Innovación Pública"): the longest run of its opening words whose first and last are capitalised, two at least."""
    line = _NUMBER.sub("", first).strip(" \t*#_:")
    words = line.split()
    if not 2 <= len(words) <= _MAX_HEADING_WORDS or line.endswith((".", "!", "?", ";", ",")):
        return None
    if words[0].casefold() in _project_words() or not words[0][:1].isupper() or line.isupper():
        return None
    if any(rx.search(line) for _, rx in _TYPE_RX) or any(w.casefold().strip(",:") in _others() for w in words):
        return None  # "Regional Workshop on ...", "Mid-term Evaluation of ...": an event's or a report's heading
    # The shortest opening run of two words or more that ends on a capitalised word, or on the second ("Escuela de
    # Verano", "Registre national"), as a sentence names it again.
    for n in range(2, len(words) + 1):
        if words[n - 1].casefold() not in _SMALL and (words[n - 1][:1].isupper() or n == 2):
            return " ".join(words[:n]) if all(w.isalpha() or "'" in w or "-" in w for w in words[:n]) else None
    return None


def titled_as_project(text: str, title: str | None = None) -> str:
    """The text with each mention of its title's (else its first line's) opening words after an article read as "the
    project" (the first line itself kept)."""
    if not isinstance(text, str):
        return text
    lo = 0
    if not isinstance(title, str):
        title = next((ln for ln in text.splitlines() if ln.strip()), "")
        lo = text.find("\n", text.find(title)) if title else -1
        if lo < 0:
            return text
    name = _heading_name(title)
    if name is None:
        return text
    words = r"\s+".join(map(re.escape, name.split()))
    rx = re.compile(rf"(?<![\w'-]){_ARTICLES}\s*(?P<name>{words})(?![\w'-])")
    return text[:lo] + rx.sub(lambda m: m.group(0)[: m.start("name") - m.start()] + "project", text[lo:])
