"""Funders and partners named in prose in ways a cue right before the name does not catch:

- a funder after a word of funding and its amount: "with funding of $1.2 million from the Government of the Republic
  of Korea", "grâce à une contribution de 500 000 euros du Luxembourg", "con un aporte de USD 300.000 del BID";
- a partner named before the words that give its role: "with the Caribbean Telecommunications Union (CTU) as
  partner", "avec l'ENA comme partenaire technique", "con el INAP como contraparte nacional".

The words are data (data/role_cues.json: gapped_funding_*, partner_role_*). Each pattern reads a bounded span (no
nested repetition), so the work stays linear in the text."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _cues
from .places import resolve_country
from .prose_names import name_extent

_ARTICLE = r"(?:(?:a|an|the|its|un|une|le|la|les|el|los|las|una|sus?|ses?|leur)\s+|l['’]\s?)"
_AMOUNT_GAP = r"(?P<amount>(?:[^.;:()\n]|(?<=\d)[.,](?=\d)){1,45}?)"  # "USD 300.000", "$1.2 million"


@functools.cache
def _gapped_funding_rx() -> re.Pattern[str]:
    heads = _cues.alternation("gapped_funding_heads")
    nouns = _cues.alternation("gapped_funding_nouns")
    sources = _cues.alternation("gapped_funding_from")
    return re.compile(rf"(?<![\w'-])(?:{heads})\s+{_ARTICLE}?(?:{nouns})\s+(?:of|de|d['’]|del)\s*{_AMOUNT_GAP}"
                      rf"\s+(?:{sources})(?:\s+|(?<=['’]))", re.IGNORECASE)


def funder_gap_ends(text: str) -> list[int]:
    """Where the funder's name begins after a word of funding and its amount ("with funding of $1.2 million from ");
    the gap must hold a figure, so that "with support of the ministries from ..." names no funder here."""
    if not isinstance(text, str) or not text:
        return []
    return [m.end() for m in _gapped_funding_rx().finditer(fold(text)) if re.search(r"\d", m.group("amount"))]


# "with X as partner": the name may not hold another "with" (the nearest one opens it) nor end a sentence.
_NAME = r"(?P<name>(?:(?!(?<![\w'-])(?:with|avec|con)\s)[^.;:!?\n]){2,160}?)"
_NOT_A_BODY_AFTER = r"(?!\s+(?:countr|pays|pa[ií]s|instituc|institution|organi[sz]ation|organismo))"


@functools.cache
def _as_partner_rx() -> re.Pattern[str]:
    links = _cues.alternation("partner_role_links")
    roles = _cues.alternation("partner_role_words")
    return re.compile(rf"(?<![\w'-])(?:with|avec|con)\s+{_NAME}\s+(?:{links})\s+(?:{roles})(?![\w-])"
                      rf"{_NOT_A_BODY_AFTER}", re.IGNORECASE)


def named_as_partners(text: str) -> list[str]:
    """The bodies a sentence names with the words of their role after them ("with the Caribbean Telecommunications
    Union (CTU) as partner", "con el INAP y la CEPAL como socios"), each as written; a country alone is no partner
    here (it is the country served)."""
    if not isinstance(text, str) or not text:
        return []
    out: list[str] = []
    for m in _as_partner_rx().finditer(fold(text)):
        written = text[m.start("name") : m.end("name")].strip(" ,")
        name = name_extent(written)
        if not name or name != written or resolve_country(re.sub(r"^(?:the|le|la|el|l['’])\s*", "", name)):
            continue  # the words before the role are more than a name ("with funds it raised as partner"), or a country
        if name not in out:
            out.append(name)
    return out
