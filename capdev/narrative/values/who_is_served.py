"""Which countries a record names without serving them, whatever the rule that first read them as served:

- a country that pays: named in a funder's name anywhere in the record ("Government of Norway", "Royaume de
  Belgique", "Swiss Agency for Development and Cooperation"), by its adjective beside a word of funding
  ("Norwegian funding", "financement japonais", "financiación española", "cooperación alemana"), or in the name
  of its aid agency anywhere in the text ("Agencia Mexicana de Cooperación Internacional", values/aid_agencies.py);
- a country named only in a context that says it is not served: a comparison or an example ("as in Estonia",
  "à l'instar du Rwanda", "como en Uruguay"), an organisation's seat ("based in Nairobi, Kenya", "con sede en
  Chile"), participants' origin ("participants from Ghana"), a study visit's venue ("study visit to Estonia"),
  the venue of an event a sentence recalls from the past;
- a country whose only evidence is the venue of the project's own event: uncertain, flagged and not placed.

The cue words are data (data/role_cues.json, data/prose_cues.json). Each test looks at a bounded window before a
mention, so the work stays linear in the text."""
from __future__ import annotations

import bisect
import functools
import re

from ..folding import fold
from . import prose_facts as _prose
from . import role_cues as _cues
from .aid_agencies import agency_countries
from .bracket_payers import bracket_payers
from .places import find_countries, find_demonyms
from .romance_demonyms import romance_mentions

_FOREIGN_BODIES = ("igo", "un")  # "UNDP Ghana", "ECLAC (Chile)": a country in a UN body's name pays nothing
_WINDOW = 60


def blank_un_bodies(text: str) -> str:
    from .orgs import scan_span

    chars = list(text)
    for m in scan_span(text):
        if m.org.type in _FOREIGN_BODIES:
            chars[m.start : m.end] = " " * (m.end - m.start)
    return "".join(chars)


def _countries_in(text: str) -> list[str]:
    """Countries a name holds: by name, by English adjective, by French or Spanish adjective (lower case)."""
    found = [c.iso3 for c in find_countries(text)] + [d.iso3 for d in find_demonyms(text)]
    scanner, forms = _prose._romance_demonyms()
    found += [forms[m.group(0)] for m in scanner.finditer(fold(text))]
    return found


@functools.cache
def _funding_adjective_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(English: adjective then a word of funding; French and Spanish: a word of funding then the adjective)."""
    en = _cues.alternation("funding_nouns_en")
    romance = _cues.alternation("funding_nouns_romance")
    gap_en = r"(?:\s+(?:government|governments|bilateral|official))?"
    gap_romance = r"(?:\s+(?:du\s+gouvernement|de\s+l'etat|del\s+gobierno|bilaterale?|gouvernementale?|publique?|" \
                  r"oficial))?"
    return (re.compile(rf"{gap_en}\s+(?:{en})(?![\w-])", re.IGNORECASE),
            re.compile(rf"(?<![\w'-])(?:{romance}){gap_romance}\s+$", re.IGNORECASE))


@functools.cache
def _funder_adjectives() -> tuple[re.Pattern[str], dict[str, str]]:
    """French and Spanish adjectives of paying countries, every gender and number, folded, lower case."""
    forms: dict[str, str] = {}
    for iso3, words in _cues.table()["funder_adjectives"].items():
        for word in words:
            french = word in words[:1]
            for form in _prose._inflections(fold(word).lower(), french):
                forms.setdefault(form, iso3)
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=lambda s: (-len(s), s)))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), forms


def funder_countries(donor_texts: list[str], text: str) -> list[str]:
    """ISO3 codes of the countries a record names as funders: in a funder's name, or by their adjective beside a word
    of funding in the text ("Norwegian funding", "la coopération suisse", "financiación española")."""
    out: list[str] = []
    for name in donor_texts:
        if isinstance(name, str) and name.strip():
            out += _countries_in(blank_un_bodies(name))
    if isinstance(text, str) and text:
        en_after, romance_before = _funding_adjective_rx()
        folded = fold(text)
        out += [d.iso3 for d in find_demonyms(text) if en_after.match(folded, d.end)]
        scanner, forms = _funder_adjectives()
        for m in scanner.finditer(folded):
            if romance_before.search(folded[max(0, m.start() - _WINDOW) : m.start()]):
                out.append(forms[m.group(0)])
        out += [iso3 for _s, _e, iso3 in bracket_payers(text)]  # "USD 2 M (Norway)" (values.bracket_payers)
        out += agency_countries(text)  # "Agencia Mexicana de Cooperación ...", "Norwegian Agency for Development ..."
    return list(dict.fromkeys(out))


# ------------------------------------------------------------------------------------ contexts of no service

_BRIDGE = (r"(?:\s*(?:the|le|la|les|l'|el|los|las|de|del|du|des|d'|en|au|aux|a|from|in|of|to|dans|"
           r"the\s+city\s+of|city\s+of|ciudad\s+de|ville\s+de|"
           r"the\s+republic\s+of)(?![\w-]))*")
# "based in Nairobi, Kenya", "con sede en Santiago, Chile", "una pasantía en Santiago de Chile" (a city named by its
# country)
_CITY_COMMA = r"(?:\s*[\w'-]+(?:\s+[\w'-]+)?\s*(?:,|\s(?:de|del|du)\s))?"
_LIST_GAP = re.compile(r"^\s*(?:,\s*)?(?:(?:and|or|et|ou|y|e|as\s+well\s+as|ainsi\s+que)\s+)?"
                       r"(?:(?:the|le|la|les|l'|el|los|las|du|des|au|aux|de|del|en)\s+)?$", re.IGNORECASE)


@functools.cache
def _context_rxs() -> tuple[tuple[str, re.Pattern[str]], ...]:
    kinds = (("comparison", "a comparison or an example"), ("seat", "an organisation's seat"),
             ("origin", "participants' origin"), ("study_visit", "a study visit's venue"))
    return tuple((reason, re.compile(rf"(?<![\w'-])(?:{_cues.alternation(key)}){_BRIDGE}{_CITY_COMMA}{_BRIDGE}\s*$",
                                     re.IGNORECASE)) for key, reason in kinds)


@functools.cache
def _venue_rx() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?:{_prose._cue_pattern(_prose.cues()['venue_cues'])}){_BRIDGE}{_CITY_COMMA}"
                      rf"{_BRIDGE}\s*$", re.IGNORECASE)


def _context(folded: str, start: int, past: bool) -> str | None:
    """Why the country named at start is not served, from the words right before it; None when they say nothing."""
    before = folded[max(0, start - _WINDOW) : start]
    for reason, rx in _context_rxs():
        if rx.search(before):
            return reason
    if _venue_rx().search(before):
        return "the venue of a past event" if past else "venue"
    return None


def unserved(text: str, countries: list[str]) -> dict[str, str]:
    """Of the countries given, those every mention of which in text is in a context of no service, with the reason
    ("venue" alone: only the venue of the project's own event, an uncertain country)."""
    if not countries or not isinstance(text, str) or not text:
        return {}
    folded = fold(text)
    spans = _prose.sentences(text)
    starts = [lo for lo, _ in spans]
    mentions = sorted(find_countries(text) + find_demonyms(text) + romance_mentions(text), key=lambda c: c.start)
    reasons: dict[str, str] = {}
    served: set[str] = set()
    prev, prev_reason = None, None
    for c in mentions:
        if c.iso3 not in countries:
            prev, prev_reason = c, None
            continue
        i = bisect.bisect_right(starts, c.start) - 1
        lo, hi = spans[i] if i >= 0 else (0, len(text))
        reason = _context(folded, c.start, _prose._in_history(folded[lo:hi]))
        if reason is None and prev is not None and prev_reason and _LIST_GAP.match(text[prev.end : c.start]):
            reason = prev_reason  # "as in Estonia and Finland": the list shares its cue
        if reason is None:
            served.add(c.iso3)
        else:
            reasons.setdefault(c.iso3, reason)
        prev, prev_reason = c, reason
    return {iso3: why for iso3, why in reasons.items() if iso3 not in served}


def kept_served(countries: list[str], donor_texts: list[str], text: str, record_text: str = "") -> tuple[list[str],
                                                                                                   list[str]]:
    """(the countries kept as served, why each other one was left out): funders first (and the countries whose aid
    agency the record's whole text names, its head too), then the contexts of no service; the flags say which
    country and why."""
    payers = set(funder_countries(donor_texts, text)) | set(agency_countries(record_text))
    why: list[str] = [f"{c} named as a funder: not a country served" for c in countries if c in payers]
    kept = [c for c in countries if c not in payers]
    for iso3, reason in unserved(text, kept).items():
        kept.remove(iso3)
        why.append(f"{iso3} named only as the venue of the project's event: uncertain, not placed" if reason == "venue"
                   else f"{iso3} named only as {reason}: not a country served")
    return kept, why
