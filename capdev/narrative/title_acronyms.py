"""A project's name written with its acronym in brackets, when the record gave no better title (round 17).

A communiqué, an agenda, a call for applications or a brief names its project once in full, with the acronym the
rest of the text uses: "le Projet d'appui à la réforme de l'administration publique (PARAP) ... Le PARAP
contribue", "el Proyecto de Modernización de la Gestión Pública (PMGP)", "1. Public Service Transformation
Capacity Project (PSTCP) / The PSTCP is financed by". That the acronym's letters are the initials of the name's
words (or that the name starts on a project's noun: "Projet", "Programme", "Proyecto", "Programa", "Project")
is evidence that the words before the bracket are a name, in any language: a sentence is not abbreviated.
Where the record's title was only proposed (a document's heading, a sentence, a greeting) or missing, such a
name is the better proposal; it stays flagged, with what it was read from.
"""
from __future__ import annotations

import re

from .folding import fold

_PROJECT_NOUNS = {"projet", "programme", "proyecto", "programa", "project", "program", "projecto"}
# Words a name's acronym skips: articles, prepositions and conjunctions of EN, FR and ES.
_SMALL = {
    "a", "an", "and", "at", "au", "aux", "de", "del", "des", "du", "el", "en", "et", "for", "in", "la", "las", "le",
    "les", "los", "of", "on", "para", "por", "pour", "sur", "the", "to", "y", "e", "à", "al", "con", "with", "dans",
}
_ACRONYM = re.compile(r"\(\s*((?:[a-z]{1,2}-)?[A-Z][A-Za-z0-9]*(?:[-&.][A-Za-z0-9]+)?)\s*\)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_MAX_WORDS = 18  # a name is read back at most this far from its bracket
_STOP = re.compile(r"[.;:!?\[\]()\"“”«»|\t]|\n\s*\n| {3,}")  # what a name does not run across


def _letters(acronym: str) -> str:
    return "".join(c for c in acronym if c.isupper())


def _core(word: str) -> str:
    """"d'appui" -> "appui", "l'État" -> "État"."""
    return re.split(r"['’]", word)[-1] if re.match(r"^[A-Za-z]['’]\w", word) else word


def _initials_match(words: list[str], letters: str) -> bool:
    """Are the acronym's letters the initials of the name's words, in order, the small words skipped?"""
    initials = "".join(fold(_core(w))[:1].upper() for w in words if fold(_core(w)).lower() not in _SMALL)
    return len(letters) >= 2 and initials == letters


def _name_before(text: str, at: int, acronym: str) -> str:
    """The name the bracket at `at` abbreviates, or ''."""
    back = text[max(0, at - 400) : at]
    stops = list(_STOP.finditer(back))
    back = back[stops[-1].end() :] if stops else back
    words = [m for m in _WORD.finditer(back)][-_MAX_WORDS:]
    if not words:
        return ""
    letters = _letters(acronym)
    chosen = None
    for k in range(len(words) - 1, -1, -1):  # the shortest name whose initials give the acronym
        span = [w.group() for w in words[k:]]
        if _initials_match(span, letters):
            chosen = k
            break
    nouns = [k for k, w in enumerate(words) if fold(w.group()).lower() in _PROJECT_NOUNS and w.group()[0].isupper()]
    if chosen is not None:
        # "Projet de gouvernance électronique des collectivités territoriales décentralisées (e-CTD)": the acronym
        # abbreviates the name's end; the name starts on its project noun, when one comes shortly before.
        before = [k for k in nouns if k < chosen and chosen - k <= 6]
        if before:
            chosen = before[-1]
    elif nouns and fold(words[nouns[-1]].group()).lower() in _PROJECT_NOUNS:
        k = nouns[-1]
        rest = [fold(_core(w.group())) for w in words[k:] if fold(_core(w.group())).lower() not in _SMALL]
        # "Programa de Fortalecimiento de Capacidades Municipales ... (FORMUNI)": a name on a project noun whose
        # acronym starts with the initial of its noun or of the word after it.
        if len(rest) >= 3 and letters and letters[0] in {r[:1].upper() for r in rest[:2]}:
            chosen = k
    if chosen is None:
        return ""
    name = back[words[chosen].start() :].strip()
    name = re.sub(r"\s+", " ", name)
    if len(name.split()) < 2 or not name[0].isupper():
        return ""
    return f"{name} ({acronym})"


def acronym_names(text: str) -> list[tuple[str, str, int]]:
    """(name with its acronym, acronym, how often the text uses the acronym), in the order of the text."""
    found: dict[str, tuple[str, str, int]] = {}
    for m in _ACRONYM.finditer(text):
        acronym = m.group(1)
        if acronym in found or len(_letters(acronym)) < 2:
            continue
        name = _name_before(text, m.start(), acronym)
        if name:
            uses = len(re.findall(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text))
            found[acronym] = (name, acronym, uses)
    return list(found.values())


def project_acronym_name(text: str) -> str:
    """The one project named with its acronym in `text`: a name on a project noun (or ending on one); when the
    text names several, the one whose acronym it uses most; '' when there is none, or no one used most."""
    names = [n for n in acronym_names(text) if _names_a_project(n[0])]
    if len(names) > 1:
        names = [n for n in names if n[2] >= 2]
        names.sort(key=lambda n: -n[2])
        if len(names) > 1 and names[0][2] == names[1][2]:
            return ""
    return names[0][0] if names else ""


def _names_a_project(name: str) -> bool:
    """"Projet d'appui à ...", "... Capacity Project": a project noun, capitalised, starts or ends the name ("Unité
    de coordination du projet" is a body); a known organisation ("Programa de las Naciones Unidas para el
    Desarrollo (PNUD)") is not a project."""
    from .values.orgs import resolve_organisation

    bare, acronym = name.rsplit(" (", 1)
    words = _WORD.findall(bare)
    if len(words) < 2 or resolve_organisation(bare) or resolve_organisation(acronym.rstrip(")")):
        return False
    first, last = (fold(w).lower() for w in (words[0], words[-1]))
    return (first in _PROJECT_NOUNS and words[0][0].isupper()) or (
        last in _PROJECT_NOUNS and words[-1][0].isupper() and fold(words[-2]).lower() not in _SMALL
    )
