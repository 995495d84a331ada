"""A verb of receiving and a noun of money before who pays ("receives funding from", "bénéficie d'un financement
de", "recibe fondos del"): a cue of funding built from parts like those of values/grant_cues.py, kept apart from it
because it asks values/funding.py whether the name surely pays, and funding reads grant_cues' patterns. And a head
and a noun of help before who helps or pays ("thanks to the contribution of", "grâce à la coopération de", "con el
aporte del"): a cue of support, read like "with the support of" (help_cue_ends)."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _cues
from .funding import pays_surely
from .grant_cues import _ARTICLE
from .prose_names import name_extent


@functools.cache
def _receiving_rx() -> re.Pattern[str]:
    adjectives = _cues.alternation("grant_adjectives")
    return re.compile(rf"(?<![\w'-])(?:{_cues.alternation('receiving_heads')})(?:\s+|(?<=['’])){_ARTICLE}?"
                      rf"(?:(?:{adjectives})\s+)?(?:{_cues.alternation('grant_nouns')})(?:\s+(?:{adjectives}))?"
                      rf"\s+(?:{_cues.alternation('gapped_funding_from')})(?:\s+|(?<=['’]))", re.IGNORECASE)


def receiving_cue_ends(text: str) -> list[int]:
    """Where the payer's name begins after a verb of receiving and a noun of money ("receives funding from ",
    "bénéficie d'un financement de ", "recibe fondos de la ", "cuenta con recursos del "): only where that name
    surely pays (a government, an agency, a bank, a donor: values/funding.pays_surely), since who receives may be
    another than the project ("the ministry received resources from the Treasury")."""
    return _paying_ends(_receiving_rx(), text)


@functools.cache
def _help_rx() -> re.Pattern[str]:
    # "generous", "additional" may stand before the noun; "technical cooperation of" is help of knowledge, read as
    # a partner's (values/technical_help.py), and a noun with "technical" after it is left to that rule.
    adjectives = _cues.alternation("grant_adjectives")
    return re.compile(rf"(?<![\w'-])(?:{_cues.alternation('help_heads')})(?:\s+|(?<=['’])){_ARTICLE}?"
                      rf"(?:(?:{adjectives})\s+)?(?!technical\s)(?:{_cues.alternation('help_nouns')})"
                      rf"\s+(?:from|of|de|du|del|des|d['’])(?:\s+|(?<=['’]))", re.IGNORECASE)


def help_cue_ends(text: str) -> list[int]:
    """Where a name begins after a head and a noun of help that may mean money or help ("thanks to a contribution
    from ", "grâce à la contribution de ", "gracias a la cooperación de "; data/role_cues.json: help_heads,
    help_nouns), read as after "with the support of" by the caller: only where the name surely pays (a government,
    a kingdom, a development agency or bank: values/funding.pays_surely), since a body that gives its cooperation or
    its contribution to a project may as well be its counterpart ("with the cooperation of the Ministry of Health")."""
    return _paying_ends(_help_rx(), text)


def _paying_ends(rx: re.Pattern[str], text: str) -> list[int]:
    """Where a name that surely pays begins after each of rx's cues in text (matched on the text folded, which
    keeps its offsets)."""
    if not isinstance(text, str) or not text:
        return []
    return [m.end() for m in rx.finditer(fold(text)) if pays_surely(_name_at(text, m.end()))]


def _name_at(text: str, at: int) -> str:
    rest = re.sub(r"^(?:the|la|le|el|l['’]|del?|du|des)\s*", "", text[at : at + 160], flags=re.I)
    return name_extent(re.split(r"[.;]\s", rest)[0]) or ""
