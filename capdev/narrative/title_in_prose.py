"""A project's name that running text writes with its project word capitalised, and the evidence that it is the
record's own: 'Est approuvé le Projet d'appui à la transformation numérique de l'École nationale d'administration,
ci-après dénommé « le Projet »', 'informar sobre el Proyecto de Interoperabilidad de Servicios Municipales, PRISMA,
código CL-T1298', 'Le Programme Gouvernance numérique au Sahel (PGNS) accompagne ...'.

In French, Spanish and English, a project word written with a capital in the middle of a sentence, after an article
("le Projet d'...", "del Programa de ...", "the Programme for ..."), begins a proper name: the name runs to a
punctuation mark, a relative pronoun or a participle (data/title_words.json name_stops), as prose_titles reads it.
Where such a name ends is still a guess, so it is only taken as the record's title on evidence that the text is
about it:
- the record's code written right after it (", código CL-T1298", "(BEN/19/01)", "enregistré sous le code ...");
- "hereinafter the Project", "ci-après dénommé « le Projet »", "en adelante, el Proyecto" right after it;
- its acronym in brackets (or between commas) after it, used again in the text ("(PGNS)" ... "Le PGNS a démarré");
- the same name written twice or more (a decree's heading, its table of contents, its first article).
A name that is an organisation's ("le Programme des Nations Unies pour le développement") or that the title checks
reject (a sentence, a date, a label) is never taken; when two names have evidence, none is (the reviewer chooses).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .folding import fold, fold_key

_DATA = Path(__file__).with_name("data") / "title_words.json"
_NOT_NAMES = Path(__file__).with_name("data") / "title_in_prose.json"
_MIN_WORDS, _MAX_WORDS = 3, 20
_CODE_AFTER = 80  # characters between a name and the code that follows it
_LOOKED_AT = 60  # names read in one record at most
_PROJECT_WORDS = r"(?:Projet|Programme|Program|Project|Proyecto|Programa|Initiative|Iniciativa)"
# An article or a preposition with its article before the capitalised project word: the word opens a name.
_DETERMINER = (r"(?i:(?<![\w'])(?:le|du|au|el|del|al|the|of\s+the|for\s+the|to\s+the|from\s+the|of\s+this|"
               r"sur\s+le|sobre\s+el|con\s+el|para\s+el|por\s+el|avec\s+le|par\s+le|pour\s+le|dans\s+le))\s+")
# What comes right after the project word in a name: a joining word, or a capitalised word ("Programme Gouvernance").
_NAME_GOES_ON = (r"(?:(?:de|d'|d\u2019|du|des|pour|sur|para|sobre|del|of|for|on|to|en|in|a|au|aux)\s*"
                 r"|[A-Z\u00c0-\u00de])")

_JOINING = r"(?:d'|d\u2019|(?:de|du|des|pour|sur|para|sobre|del|of|for|on|to|en|in|a|au|aux)[ \t])"


@lru_cache(maxsize=1)
def _name() -> re.Pattern[str]:
    """An article, the capitalised project word and what shows a name goes on: a joining word, a capital, or an
    adjective written small ("le Projet régional d'...", "del Programa nacional de ..."), read on folded text."""
    data = json.loads(_NOT_NAMES.read_text(encoding="utf-8"))
    adjectives = "|".join(re.escape(a) for a in sorted(data["name_adjectives"], key=len, reverse=True))
    adjective = rf"(?:{adjectives})(?:e|s|es)?[ \t\r\n]"
    # Over a line's end only a joining word or an adjective goes on: a capital there opens the next line's words.
    return re.compile(rf"{_DETERMINER}(?P<name>{_PROJECT_WORDS}(?:[ \t]+(?={_NAME_GOES_ON}|{adjective})"
                      rf"|[ \t]*\r?\n[ \t]*(?={_JOINING}|{adjective})))")


_NAME_CHARS = 300
# "The Civil Service Performance Management Project (CSPMP)": capitalised words ending on a capitalised project word,
# the acronym the text will call it by in brackets right after (English puts the project word last).
_NAME_FIRST = re.compile(r"(?<![\w'])(?:[Tt]he|[Ii]ts|[Oo]ur|[Tt]heir)\s+(?P<name>[A-Z][\w'-]*(?:[ \t]+"
                         r"(?:(?:of|for|and|in|on|the|to|&)[ \t]+)*[A-Z][\w'-]*){1,14}[ \t]+"
                         r"(?:Project|Programme|Program|Initiative))(?=[ \t]*\([A-Z])")
# "our project Inclusive Civil Registration for Rural Families (ICR-RF)", "le projet Appui aux greffes (PAG)": a
# capitalised name right after a project word written small, up to the acronym in brackets.
_NAME_AFTER_WORD = re.compile(r"(?<![\w'])(?i:the|our|its|their|this|le|notre|son|ce|du|el|nuestro|su|este|del)\s+"
                              r"(?:project|programme|program|initiative|projet|proyecto|programa|iniciativa)[ \t]+"
                              r"(?P<name>[A-Z\u00c0-\u00de][\w'\u2019-]*(?:[ \t]+[\w'\u2019-]+){2,18}?)"
                              r"(?=[ \t]*\([A-Z])")
_ACRONYM = re.compile(r"^\s*(?:\(|,\s*)(?P<acr>[A-Z][A-Za-z]{0,3}[A-Z][A-Z0-9-]{0,8})\s*(?:\)|,)")
_HEREINAFTER = re.compile(r"^[\s,(]*(?:ci-apres|ci-dessous|hereinafter|hereafter|en\s+adelante|en\s+lo\s+sucesivo)"
                          r"[^.;\n]{0,30}?(?:projet|programme|program|project|proyecto|programa)(?![\w])")
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_HEREAFTER = "the text calls it the project hereinafter"
_CODE_NEXT = "the record's code follows it"
_ACRONYM_USED = "its acronym is used again in the text"
_REPEATED = "the text names it so more than once"
HEADING_WRITTEN_OUT = "the record's heading, written out in a sentence"
IN_PROSE = frozenset({_HEREAFTER, _CODE_NEXT, _ACRONYM_USED, _REPEATED, HEADING_WRITTEN_OUT})


@lru_cache(maxsize=1)
def _stop() -> re.Pattern[str]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    stops = sorted({fold(w).lower() for w in data["name_stops"]}, key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in stops)
    # A name ends at a blank line, a punctuation mark (not an apostrophe), a dash between spaces, a relative
    # pronoun or a participle, and at a finite verb's usual forms ("Le Projet est exécuté", "el Programa tiene").
    return re.compile(r"[ \t]*\n\s*\n|[ \t]*\n(?=[^\n:]{1,40}:)"
                      r"|\s*[,.;:()\[\]!?\"\u201c\u201d\u00ab\u00bb|]|\s[-\u2013\u2014]\s|\s\.{2,}"
                      rf"|\s+(?:{alt}|est|sont|ont|etait|sera|is|was|has|will|es|fue|esta|tiene|ha|sera)(?![\w'])")


@lru_cache(maxsize=1)
def _not_names() -> tuple[frozenset[str], re.Pattern[str]]:
    data = json.loads(_NOT_NAMES.read_text(encoding="utf-8"))
    after = "|".join(re.escape(w) for w in sorted(data["not_project_after_de"], key=len, reverse=True))
    return (frozenset(data["not_project_name_words"]),
            re.compile(rf"^\S+\s+(?:de\s+|d'\s*|du\s+|del\s+|of\s+|of\s+the\s+)?(?:la\s+|l'\s*|el\s+)?(?:{after})(?![\w'])"))


def not_a_project(name: str) -> bool:
    """Is the name a body or a paper of a project ('Project Management Unit'), a bill or a decree ('Proyecto de
    Ley ...', 'Projet de décret ...'), not a project?"""
    words, after = _not_names()
    folded = fold(name).lower()
    return bool(after.match(folded)) or any(w in words for w in re.findall(r"[\w]+", folded))


def _trim(name: str) -> str:
    words = name.split()
    while words and fold(words[-1]).lower() in {"of", "for", "and", "in", "on", "the", "to", "&", "de", "du", "des",
                                                "la", "le", "les", "et", "en", "y", "el", "los", "las", "del", "para",
                                                "pour", "a", "au", "aux", "l'", "d'"}:
        words.pop()
    return " ".join(words).strip(" -\u2013\u2014")


def names_in_prose(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each name written with a capitalised project word after an article, in order."""
    stop = _stop()
    out: list[tuple[int, int, str]] = []
    for m in _name().finditer(fold(text)):
        start = m.start("name")
        head = text[start : start + _NAME_CHARS]
        end = stop.search(fold(head).lower())
        raw = head[: end.start() if end else len(head)]
        name = _trim(" ".join(raw.split()))
        if _MIN_WORDS <= len(name.split()) <= _MAX_WORDS:
            out.append((start, start + len(raw.rstrip()), name))
        if len(out) >= _LOOKED_AT:
            break
    for m in (*_NAME_FIRST.finditer(text), *_NAME_AFTER_WORD.finditer(text)):
        if len(out) >= _LOOKED_AT:
            break
        # The start is the article's when a project word comes first ("our project X"): the cues of another
        # project ("builds on the project X") are read before it.
        start = m.start("name") if m.re is _NAME_FIRST else m.start()
        out.append((start, m.end("name"), " ".join(m.group("name").split())))
    return sorted(out)


def _evidence(text: str, end: int, name: str, code: str, keys: list[str]) -> str:
    """Why the text says the name at text[:end] is its project's ('' when it does not)."""
    after = text[end : end + 200]
    folded = fold(after).lower()
    if _HEREINAFTER.match(folded):
        return _HEREAFTER
    if code:
        sentence_end = _SENTENCE_END.search(after)
        window = after[: min(_CODE_AFTER, sentence_end.start() if sentence_end else _CODE_AFTER)]
        if re.search(rf"(?<![\w/.-]){re.escape(code)}(?![\w/-])", window):
            return _CODE_NEXT
    acr = _ACRONYM.match(after)
    if acr and len(re.findall(rf"(?<![\w-]){re.escape(acr.group('acr'))}(?![\w-])", text)) >= 3:
        return _ACRONYM_USED
    if keys.count(fold_key(name)) >= 2:
        return _REPEATED
    return ""


def _candidates(text: str) -> list[tuple[int, int, str]]:
    """The names in prose that may be a project's: no sentence, date or label, no body, bill or organisation, no
    other project's."""
    from .title_choice import _another_project, clean, rejection
    from .values.orgs import resolve_organisation

    out = []
    for start, end, name in names_in_prose(text):
        name = clean(name)
        if rejection(name, "prose") or not_a_project(name) or resolve_organisation(name) is not None:
            continue
        if not _another_project(text, start):
            out.append((start, end, name))
    return out


def evidenced_name(text: str, code: str | None) -> tuple[str, str]:
    """(the one name the text writes as its project's, why); ('', '') when there is none, or more than one."""
    keys = [fold_key(name) for _, _, name in names_in_prose(text)]
    chosen: dict[str, tuple[str, str]] = {}
    acronyms: set[str] = set()
    for _start, end, name in _candidates(text):
        key = fold_key(name)
        why = "" if key in chosen else _evidence(text, end, name, code or "", keys)
        if why:
            chosen[key] = (name, why)
            acr = _ACRONYM.match(text[end : end + 40])
            acronyms.add(acr.group("acr") if acr else key)
    longest = max(chosen, key=len, default="")
    if len(chosen) > 1 and len(acronyms) == 1 and all(longest.startswith(k) for k in chosen):
        # "le Projet de renforcement ... territoriaux (PRCET)" in an agenda, "... territoriaux de la Casamance
        # (PRCET)" in the minutes: one acronym, the shorter names the longer cut short: one project, its full name.
        return chosen[longest]
    if len(chosen) != 1:
        return "", ""
    return next(iter(chosen.values()))


def lone_name(text: str) -> str:
    """The one name the text writes with a capitalised project word, with no evidence that it is the record's
    (a paragraph that names one project once): at most a proposed title; '' when there is none, or several."""
    names = {fold_key(name): name for _, _, name in _candidates(text)}
    return next(iter(names.values())) if len(names) == 1 else ""


def runs_into(line: str, name: str) -> bool:
    """Does the line end where the name begins ("La Conférence se félicite ..., du Projet régional")? It is the
    sentence that carries the name, not a heading."""
    folded = fold_key(line)
    heads = (fold_key(" ".join(name.split()[:k])) for k in (1, 2, 3))
    return any(len(folded) > len(head) and folded.endswith(f" {head}") for head in heads)


# "POINT 4 - ", "Item 3: ", "Punto 2. ": an agenda's item and its number before the heading's words.
_ITEM = re.compile(r"^[^\W\d_]{2,12}\s+\d{1,3}\s*[-:.\u2013\u2014]\s*")


def writes_out(heading: str, name: str) -> bool:
    """Does the name a sentence gives hold the whole heading after its project word ("Digitalisation de l'état
    civil" / "le Programme de digitalisation de l'état civil de la Commune de Ziguinchor")? The same project,
    its name written out."""
    head, full = fold_key(_ITEM.sub("", heading)), fold_key(name)
    return len(head.split()) >= _MIN_WORDS and head != full and f" {head} " in f" {' '.join(full.split()[1:])} "
