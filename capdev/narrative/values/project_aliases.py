"""A project named by its acronym where a sentence tells its dates or its status, in English, French and Spanish:
"Le Programme Gouvernance numérique au Sahel (PGNS) ... Le PGNS a démarré en janvier 2022", "the Customs Data
Exchange Initiative (CDEI) ... CDEI closed in 2024", "el Proyecto de Catastro Rural (PROCAT) ... El PROCAT concluyó".
The acronym is the project's where the text defines it in brackets right after a name that opens or ends with a
project word (data/prose_cues.json "project_words"); its other mentions then read as "the project" for the readers
of the project's own verbs (values.prose_periods, values.prose_facts.read_status), whose subject must be the
project. An acronym in brackets after any other name (a ministry's, an agency's) is no alias."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

__all__ = ["named_as_project"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "prose_cues.json"
_ACRONYM = r"\((?P<{}>[A-Z][A-Z0-9]{{2,11}}(?:-[A-Z0-9]{{1,6}})?)\)"
# "projet de loi (PLF)", "proyecto de ley", "draft": a bill or a decree, not a project.
_NOT_PROJECT = r"(?!\s+(?:de\s+)?(?:loi|d[ée]cret|ley|decreto|r[ée]solution|resoluci[oó]n|law|bill)\b)"
# Before the definition: a project the record's continues or another one ("fait suite au Projet ... (PX)").
_OTHER = re.compile(r"(?:builds?\s+on|building\s+on|follows?|successor\s+to|suite\s+(?:à|a|au)|s'appuie\s+sur|"
                    r"continuidad\s+al?|continuaci[oó]n\s+del?|previous|earlier|former|pr[ée]c[ée]dent|ancien|"
                    r"anterior|first|premier|primer|phase\s+I\b|fase\s+I\b)[^.;\n]{0,20}$", re.IGNORECASE)


@functools.cache
def _rx() -> re.Pattern[str]:
    words = json.loads(_DATA.read_text(encoding="utf-8"))["project_words"]
    nouns = "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))
    # "Programme Gouvernance numérique au Sahel (PGNS)", "Customs Data Exchange Initiative (CDEI)"
    return re.compile(rf"(?<![\w'-])(?i:{nouns}){_NOT_PROJECT}(?:\s+[^\s()\n.;:]+){{0,14}}?\s*{_ACRONYM.format('a')}|"
                      rf"(?<![\w'-])(?i:{nouns})\s*{_ACRONYM.format('b')}")


@functools.cache
def _organisations() -> frozenset[str]:
    """Known organisations' acronyms (data/organisations.json): "United Nations Development Programme (UNDP)" ends
    with a project word, but UNDP is an agency, never the project."""
    from .orgs import load_organisations

    return frozenset(a for o in load_organisations() for a in (o.acronym, *o.aliases) if a and re.fullmatch(
        r"[A-Z][A-Z0-9-]{1,17}", a))  # "PNUD", an alias in capitals, is the acronym in another language


def _acronyms(text: str) -> set[str] | None:
    """The acronyms defined after a project's name; None when one is another project's."""
    found = set()
    for m in _rx().finditer(text):
        acronym = m.group("a") or m.group("b")
        if acronym in _organisations():
            continue
        if _OTHER.search(text, max(0, m.start() - 40), m.start()):
            return None
        found.add(acronym)
    return found


_ARTICLE = re.compile(r"(?:\b(?:the|this|le|la|l'|ce|cet|el|este|del|du|al|au)\s*|l[\u2019'])$", re.IGNORECASE)


def named_as_project(text: str) -> str:
    """The text with each mention of the project's acronym, outside its definition, read as "the project" ("Le PGNS
    a démarré" as "Le project a démarré", "PGNS closed in" as "the project closed in")."""
    if not isinstance(text, str) or "(" not in text:
        return text
    found = _acronyms(text)
    if not found or len(found) > 1:
        return text  # none, or two projects' acronyms: which one a sentence tells of is not plain
    alternation = "|".join(re.escape(a) for a in sorted(found, key=len, reverse=True))

    def swap(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 1) : m.start()]
        if before == "(":
            return m.group(0)  # the definition itself
        return "project" if _ARTICLE.search(text, max(0, m.start() - 8), m.start()) else "the project"

    return re.sub(rf"(?<![\w-])(?:{alternation})(?![\w-])", swap, text)
