"""Who implements, read from prose: the bodies after an implementing cue ("implemented by", "mis en œuvre par",
"ejecutado entre enero de 2020 y diciembre de 2022 por"), split from the partners they work with, our own unit left
out (it is the lead). The cue words are data (data/role_cues.json)."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _role_cues
from .places import find_demonyms
from .prose_names import _ITEM_SPLIT, name_extent


def _folded(text: str) -> str:
    return fold(text)


def implementer_cue_ends(text: str) -> list[int]:
    """Where the implementing body's name begins after each implementing cue ("implemented by ", "mis en œuvre
    par ", "ejecutado por "): data/role_cues.json."""
    folded = _folded(text)
    ends = [m.end() for m in _role_cues.words_rx("implementer_lead").finditer(folded)]
    ends += [m.end() for m in _entrusted_rx().finditer(folded)]  # "Sa mise en œuvre est confiée à Enabel"
    return sorted(set(ends + [m.end() for m in _gapped_implementer_rx().finditer(folded)]))


@functools.cache
def _entrusted_rx() -> re.Pattern[str]:
    """"Its implementation is entrusted to ", "Sa mise en œuvre est confiée à ", "La ejecución del proyecto está a
    cargo de la ": a noun of implementing as the subject of a verb of entrusting, up to four words between (data/
    role_cues.json: implementing_nouns, entrusting_verbs); the body it is entrusted to implements."""
    nouns, verbs = _role_cues.alternation("implementing_nouns"), _role_cues.alternation("entrusting_verbs")
    return re.compile(rf"(?<![\w'-])(?:{nouns})(?:\s+[^\s.,;:!?()]+){{0,4}}?\s+(?:{verbs})\s+"
                      r"(?:(?:the|le|la|les|el|los|las)\s+|l['’]\s?)?(?=[A-Z\u00c0-\u00de])", re.IGNORECASE)


@functools.cache
def _gapped_implementer_rx() -> re.Pattern[str]:
    """"ejecutado entre enero de 2020 y diciembre de 2022 por ", "implemented over the biennium by ": a verb of
    implementing, a short gap with no verb of paying or hosting, the agent's preposition."""
    stop = _role_cues.alternation("gap_stop")
    return re.compile(rf"(?<![\w'-])(?:{_role_cues.alternation('implementer_verbs')})(?![\w-])"
                      rf"(?:(?!\s(?:{stop})\s)[^.;:()]){{1,70}}?\s(?:{_role_cues.alternation('agent_words')})\s+",
                      re.IGNORECASE)


def implements(cue: str) -> bool:
    """Is a cue one of implementing ("implemented by", "ejecutado por"), not of cooperating ("in partnership with")?"""
    return bool(_role_cues.words_rx("implementer_lead").fullmatch(_folded(cue).strip()))


def implementers_and_partners(phrases: list[str]) -> tuple[list[str], list[str]]:
    """The phrases after implementing cues split into the bodies that implement and those they work with: "UN DESA
    with the Caribbean Centre for Development Administration (CARICAD)" gives UN DESA, and CARICAD as a partner."""
    from .roles import read_lead

    implementers: list[str] = []
    partners: list[str] = []
    for phrase in phrases:
        read = read_lead(phrase)
        lead = name_extent(read.lead) if read.lead else ""
        for names in [lead, *(name_extent(p) for p in read.implementers)]:
            implementers.extend(_split_list(without_own_units(names)))
        partners.extend(read.partners)
    return [n for n in implementers if n], partners


def not_split_off(phrase: str, partners: list[str]) -> list[str]:
    """The partners another cue read that an implementing cue's phrase runs over without splitting them off
    itself: "ejecutado por la ONSEC, en alianza con la Universidad de San Carlos" splits its partner off after "en
    alianza con" (the ONSEC implements, read_lead), so the phrase is read; a phrase that holds a partner no cue of
    its own splits off is not."""
    from .roles import read_lead

    split = read_lead(phrase).partners if any(p in phrase for p in partners) else []
    return [p for p in partners if not any(s in p or p in s for s in split)]


def an_adjective(name: str) -> bool:
    """Is a "name" read after a word of funding an adjective of nationality ("funding covers the training of Malawian
    treasurers")? It names no funder."""
    first = name.split()[0] if name.split() else ""
    found = find_demonyms(first)
    return bool(found) and found[0].start == 0 and found[0].end == len(first)


@functools.cache
def _own_unit_rx() -> re.Pattern[str]:
    return re.compile(rf"^\W*(?:(?:the|le|la|el|l')\s*)?(?:{_role_cues.alternation('own_units')})\W*$", re.IGNORECASE)


@functools.cache
def _generic_head_rx() -> re.Pattern[str]:
    # Case kept: "la organización México Evalúa" loses its noun, "la Organización Paraguaya ..." is a name.
    heads = _role_cues.alternation("generic_heads")
    return re.compile(rf"(^|,\s*|\s(?:and|et|y)\s+)(?:{heads})\s+(?=[A-Z\u00c0-\u00de])")


def bare_name(name: str) -> str:
    """Partners' names without the common noun a writer put before one: "el INAI y la organización México Evalúa" ->
    "el INAI y México Evalúa"."""
    return _generic_head_rx().sub(r"\1", name)


def our_unit(name: str, unit: str | None) -> bool:
    """Does a name after an implementing cue name the lead unit alone ("la Division des institutions publiques et de
    l'administration numérique du DAES"), not a list of bodies ("UNDP and DPIDG")?"""
    return bool(unit) and not re.search(r",|;|\s(?:and|et|y|&)\s", name) or bool(_own_unit_rx().match(name))


@functools.cache
def _own_names_rx() -> re.Pattern[str]:
    from .orgs import _is_acronym, load_units

    names = {n for u in load_units() for n in (u.name, *u.aliases) if n and not _is_acronym(n)}
    spelled = "|".join(_role_cues.phrase_pattern(n) for n in sorted(names, key=len, reverse=True))
    own = _role_cues.alternation("own_units")
    acronyms = {c for u in load_units() for c in (u.code, *u.aliases) if c and _is_acronym(c)}
    codes = "|".join(re.escape(c) for c in sorted(acronyms | {"UN DESA", "ONU-DAES", "DAES"}, key=len, reverse=True))
    # "... Digital Government of UN DESA (DPIDG)": the department it belongs to and its acronym go with it
    tail = rf"(?:\s+(?:of|du|de|del)\s+(?:the\s+|l['’]\s?|la\s+)?(?:{codes}))?(?:\s*\(\s*[A-Z][\w/-]{{1,15}}\s*\))?"
    return re.compile(rf"(?<![\w'-])(?:(?:the|le|la|el|l['’]\s?)\s*)?(?:{spelled}|{own})(?![\w-]){tail}", re.IGNORECASE)


def without_own_units(names: str) -> str:
    """names with our own units' full names taken out before the list is split, so that "Division for Public
    Institutions and Digital Government" or "División de Instituciones Públicas y Gobierno Digital" is not cut at
    its "and"/"y" into two bodies (our unit is the lead, never a partner)."""
    if not names:
        return names
    folded = _folded(names)
    out, at = [], 0
    for m in _own_names_rx().finditer(folded):
        out.append(names[at : m.start()])
        at = m.end()
    if not at:
        return names
    out.append(names[at:])
    return re.sub(r"^(?:\s*(?:,|;|and|et|y|&)\s*)+|(?:\s*(?:,|;|and|et|y|&)\s*)+$", "", re.sub(
        r"(?:\s*(?:,|;|\band\b|\bet\b|\by\b|&)\s*){2,}", ", ", " ".join(out))).strip()



def _split_list(names: str) -> list[str]:
    """"el DAES y la CEPAL" -> ["el DAES", "la CEPAL"]: each body on its own, so that our unit can be left out."""
    return [n.strip(" ,;") for n in _ITEM_SPLIT.split(names) if n and n.strip(" ,;")] if names else []
