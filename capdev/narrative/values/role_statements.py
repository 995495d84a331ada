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
from .grant_cues import paid_by_ends
from .money import money_spans
from .places import resolve_country
from .prose_names import name_extent
from .role_appositions import apposed_roles, fronted_partners

_ARTICLE = r"(?:(?:a|an|the|its|un|une|le|la|les|el|los|las|una|sus?|ses?|leur)\s+|l['’]\s?)"
_AMOUNT_GAP = r"(?P<amount>(?:[^.;:()\n]|(?<=\d)[.,](?=\d)){1,45}?)"  # "USD 300.000", "$1.2 million"


@functools.cache
def _gapped_funding_rx() -> re.Pattern[str]:
    heads = _cues.alternation("gapped_funding_heads")
    nouns = _cues.alternation("gapped_funding_nouns")
    sources = _cues.alternation("gapped_funding_from")
    return re.compile(rf"(?<![\w'-])(?:{heads})\s+{_ARTICLE}?(?:{nouns})\s+(?:of|de|d['’]|del)\s*{_AMOUNT_GAP}"
                      rf"\s+(?:{sources})(?:\s+|(?<=['’]))", re.IGNORECASE)


@functools.cache
def _bare_amount_rx() -> re.Pattern[str]:
    # "with USD 640,000 from the Gates Foundation", "avec 500 000 EUR de l'AFD", "con US$ 300.000 del BID"
    heads = _cues.alternation("gapped_funding_heads")
    sources = _cues.alternation("gapped_funding_from")
    return re.compile(rf"(?<![\w'-])(?:{heads})\s+{_AMOUNT_GAP}\s+(?:{sources})(?:\s+|(?<=['’]))", re.IGNORECASE)


def funder_gap_ends(text: str) -> list[int]:
    """Where the funder's name begins after a word of funding and its amount ("with funding of $1.2 million from ");
    the gap must hold a figure, so that "with support of the ministries from ..." names no funder here. With no
    word of funding ("with USD 640,000 from"), the gap must be a sum of money and nothing else ("with 27
    participants from Kenya" names no funder)."""
    if not isinstance(text, str) or not text:
        return []
    folded = fold(text)
    ends = [m.end() for m in _gapped_funding_rx().finditer(folded) if re.search(r"\d", m.group("amount"))]
    for m in _bare_amount_rx().finditer(folded):
        spans = money_spans(m.group("amount"))
        if len(spans) == 1 and not m.group("amount")[: spans[0][0]].strip() and not m.group("amount")[
                spans[0][1] :].strip():
            ends.append(m.end())
    return sorted(set(ends + paid_by_ends(text)))  # "EUR 500,000 provided by the EU" (values/grant_cues.py)


# A sentence's subject that pays: "The Government of Japan has committed USD 2.2 million", "L'AFD a octroyé 3 M€",
# or a clause's after "that" / "que" ("We are pleased to report that the Government of Canada contributed ...",
# "Les informo que el Gobierno de Canadá aportó ...").
_PAYER_SUBJECT = (r"(?:^|(?<=[.!?])\s+|\n\s*\n|(?<![\w'-])(?:that|que|qu['’])\s*)\s*"
                  r"(?:(?:the|le|la|les|el|los|las)\s+|l['’]\s?)?"
                  r"(?P<name>(?-i:[A-Z\u00c0-\u00de][\w'’&.-]*(?:\s+(?!(?:that|que)\s)[\w\u00c0-\u00ff&][\w'’&-]*){0,9}"
                  r"(?:\s+\([A-Z][A-Za-z&-]{1,15}\))?))\s+")


@functools.cache
def _paying_subject_rx() -> re.Pattern[str]:
    # The object may run on over a wrapped line ("has committed" / "USD 2.2 million"), not over a blank one.
    return re.compile(rf"{_PAYER_SUBJECT}(?:{_cues.alternation('paying_verbs')})(?![\w-])"
                      rf"(?P<object>(?:[^.;\n]|(?<=\d)\.(?=\d)|\n(?![ \t]*\n)){{0,80}})",
                      re.IGNORECASE)


def paying_subjects(text: str) -> list[str]:
    """The bodies that open a sentence whose verb says they pay, a sum of money or the project after the verb, each
    as written and only when the name surely pays (a country, its government, a donor agency, a bank)."""
    from .funding import pays_surely

    if not isinstance(text, str) or not text:
        return []
    out: list[str] = []
    for m in _paying_subject_rx().finditer(fold(text)):
        name = re.sub(r"(?:\s+(?:has|have|had|will|a|ont|ha|han|est|sont))+$", "",
                      text[m.start("name") : m.end("name")])
        said = m.group("object")
        if not (money_spans(text[m.start("object") : m.end("object")]) or re.search(
                r"\b(?:project|projet|proyecto|programme|programa|initiative|iniciativa)\b", said, re.IGNORECASE)):
            continue  # "The Government provided the venue": no sum, no project
        name = " ".join(name.split())
        if pays_surely(name) and name not in out:
            out.append(name)
    # "le Conseil départemental de la Loire-Atlantique, bailleur du programme" (values/role_appositions.py)
    return out + [n for n in apposed_roles(text)[0] if n not in out]


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
    # "the Economic Commission for Latin America and the Caribbean (ECLAC), its co-implementing partner"
    return out + [n for n in apposed_roles(text)[1] + fronted_partners(text) if n not in out]
