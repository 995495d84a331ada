"""What a funding label names: a funding source (a budget mechanism: "XB", "Development Account", "Cuenta para el
Desarrollo", "Trust fund") or a funder ("Financé par le Gouvernement du Canada", "Government of Japan", "Banque
africaine de développement (BAD)"), which is a partner with the funding role and never a country served; or an
amount ("Funding: USD 500,000", "Cofinanciación: 50.000 EUR"), which is a budget. A value may name several
("Government of Norway; Development Account"): each part is read on its own."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..folding import fold
from . import places as _places
from .channels import without_channel
from .grant_cues import grant_cue_pattern
from .grant_instruments import instrument_payer
from .money import money_spans
from .orgs import resolve_organisation
from .role_cues import alternation, table

# "Funded by ...", "Financé par ...", "Financiado por ...": a funder follows (data/role_cues.json, "funder_lead").
# Or one built from its parts ("thanks to a grant from", "grâce à une subvention de": values/grant_cues.py).
_VERBAL = re.compile(rf"^\s*(?:{alternation('funder_lead')}|{grant_cue_pattern()})(?:\s+|(?<=')\s*)", re.IGNORECASE)
# Words of budget mechanisms: a value with one of them names a source, not a funder.
# The codes keep their capitals: "DA 14" is the Development Account, "da" a word ("de da", "il da").
_CODES = rf"(?-i:{'|'.join(table()['mechanism_codes'])})"
_MECHANISM = re.compile(rf"(?<!\w)(?:{alternation('mechanism_words')}|{_CODES})(?!\w)", re.IGNORECASE)
# A donor label's value that is a budget mechanism only ("DA", "Compte pour le développement", "XB (trust fund)").
_DONOR_MECHANISM = re.compile(rf"(?<!\w)(?:{alternation('donor_mechanisms')}|{_CODES})(?!\w)", re.IGNORECASE)
# Words that make a name a body that pays: a government, a ministry, an embassy, a bank, an agency, a union, ...
_PAYER = re.compile(rf"(?<!\w)(?:{alternation('payer_words')})(?!\w)", re.IGNORECASE)
_ACRONYM_ASIDE = re.compile(r"\s*\(\s*([A-Z][\w&.\-]{1,11})\s*\)\s*$")
_MECHANISM_THEN_PAYER = re.compile(
    r"^\s*(?P<mechanism>[^\-\u2013\u2014;]{2,40}?)\s+[-\u2013\u2014]\s+(?P<payer>[^;]{2,80})$"
)
# "Banco Interamericano de Desarrollo (BID), mediante fondos extrapresupuestarios": who pays, then through what.
_PAYER_THROUGH = re.compile(
    r"^\s*(?P<payer>[^,;]{2,100}?)\s*,?\s+(?:through|via|using|under|mediante|a\s+trav[ée]s\s+de|por\s+medio\s+de|"
    r"con\s+cargo\s+a|par\s+le\s+biais\s+d[eu']|au\s+moyen\s+d[eu']|au\s+titre\s+d[eu']|sur)\s+(?P<mechanism>.{2,80})$",
    re.IGNORECASE)
_PARTS = re.compile(r"\s*(?:;|\+|\n|\s/\s)\s*")
_MAX_NAME_WORDS = 14


def _payer(text: str) -> bool:
    """Whether a name (no mechanism word in it) is a government, an agency or a bank that pays."""
    bare = re.sub(r"\s*\([^()]*\)", "", text).strip(" .,")  # "Portugal (Camões, I.P.)", "Banque ... (BAD)"
    acronym = _ACRONYM_ASIDE.search(text)
    if _places.resolve_country(bare):
        return True  # "Government of Norway", "Norvège"
    for name in (text, bare, acronym.group(1) if acronym else ""):
        org = resolve_organisation(name) if name else None
        if org is not None and org.type in ("donor", "government", "igo", "un"):
            return True
    # "Swiss Agency for Development and Cooperation (SDC)", "Real Embajada de los Países Bajos": a paying body's
    # name, capitalised and short.
    return bool(bare[:1].isupper() and len(bare.split()) <= _MAX_NAME_WORDS and _PAYER.search(fold(bare)))


_SURE_PAYER = re.compile(rf"(?<!\w)(?:{alternation('sure_payer_words')})(?!\w)", re.IGNORECASE)


def pays_surely(name: str) -> bool:
    """Whether a body named after a cue that may mean help as well as money ("with the support of", "avec l'appui
    de", "con el apoyo de") is one that pays: a country or its government, an embassy, a donor agency, a bank, a
    country's cooperation ("la Coopération suisse"); a UN entity, a ministry or a commission is rather a partner."""
    bare = re.sub(r"^(?:the|le|la|les|el|los|las|l['’])\s*", "", re.sub(r"\s*\([^()]*\)", "", name).strip(" .,"),
                  flags=re.IGNORECASE)
    if not bare[:1].isupper() or len(bare.split()) > _MAX_NAME_WORDS:
        return False
    if _places.resolve_country(bare) and any(m.start == 0 and m.end == len(bare) for m in _places.find_countries(bare)):
        return True  # "the Republic of Korea", "Suiza"; not "the Kenya School of Government"
    acronym = _ACRONYM_ASIDE.search(name)
    for text in (bare, acronym.group(1) if acronym else ""):
        org = resolve_organisation(text) if text else None
        if org is not None:
            return org.type == "donor" or bool(_SURE_PAYER.search(fold(org.name)))
    # The word that pays heads the name ("Gobierno de Suiza", "Embassy of Sweden") or ends it as its noun ("Swiss
    # Government", "Asian Development Bank"), never after "of" ("Kenya School of Government").
    folded = fold(bare)
    return any(m.start() == 0 or m.end() == len(folded) and not re.search(r"\b(?:of|de|du|del|des)\s+$",
                                                                        folded[: m.start()], re.IGNORECASE)
               for m in _SURE_PAYER.finditer(folded))


def _after_cue(value: str) -> str | None:
    """The names after a funding cue ("Financé par le Compte de l'ONU pour le développement (13e tranche) à hauteur de
    450 000 $ US, le projet est exécuté ..." -> "le Compte de l'ONU pour le développement"), or None without a cue."""
    from .prose_names import name_extent

    m = _VERBAL.match(fold(value))
    if not m:
        return None
    rest = value[m.end() :].strip()
    return name_extent(rest) or rest


def funder_named(value: str) -> str | None:
    """The funder a funding value names instead of a source ("Financé par le Gouvernement du Canada" -> "le
    Gouvernement du Canada"), or None when the value is a funding source."""
    if not isinstance(value, str) or not value.strip():
        return None
    named = _after_cue(value)
    if named is not None:
        return None if _MECHANISM.search(fold(_ACRONYM_ASIDE.sub("", named))) else named
    if _MECHANISM.search(fold(_ACRONYM_ASIDE.sub("", value))):
        return None
    text = value.strip()
    return text if _payer(text) else None


@dataclass
class FundingRead:
    """What a funding value says: the source as written, the funders it names, the amounts it gives."""

    source: str = ""
    funders: list[str] = field(default_factory=list)
    amounts: str = ""  # the value's amounts, as written, for the budget parser


def read_funding(value: str) -> FundingRead:
    """A funding label's value read part by part: funders, a source and amounts ("Gobierno de España; Cuenta para el
    Desarrollo", "XB (Government of Japan)", "USD 500,000")."""
    out = FundingRead()
    if not isinstance(value, str) or not value.strip():
        return out
    value = without_channel(value)  # "Gobierno de Noruega a través de su Embajada en Guatemala": one funder
    spans = money_spans(value)
    if spans:
        out.amounts = value
        rest = value
        for start, end in reversed(spans):
            rest = rest[:start] + " " + rest[end:]
        value = re.sub(r"\(\s*\)|\s+", " ", rest).strip(" ,;:-\u2013\u2014()")
        if not re.search(r"[^\W\d_]{2,}", value):
            return out  # only an amount
    given = instrument_payer(value)  # "Don IDA n° E1184-GN": the payer beside the noun (values/grant_instruments.py)
    if given and _payer(given):
        out.funders.append(given)
        return out
    whole = funder_named(value)
    cued = _after_cue(value)
    if whole is None and cued:
        out.source = re.sub(r"^(?:the|le|la|les|el|los|las|l['’])\s*", "", cued, flags=re.IGNORECASE)
        # "Financé par le Compte de l'ONU pour le développement": a source after a funder's cue
        return out
    aside = _ACRONYM_ASIDE.search(value)
    if whole is not None and aside and _MECHANISM.fullmatch(fold(aside.group(1))):
        # "Government of Norway (XB)": the funder, and the mechanism it pays through.
        out.funders.append(value[: aside.start()].strip())
        out.source = aside.group(1)
        return out
    if whole is not None:
        out.funders.append(whole)
        return out
    payer_first = _PAYER_THROUGH.match(value)
    if payer_first and _MECHANISM.search(fold(payer_first.group("mechanism"))) and not _MECHANISM.search(
            fold(_ACRONYM_ASIDE.sub("", payer_first.group("payer")))) and _payer(payer_first.group("payer").strip()):
        out.funders.append(payer_first.group("payer").strip())
        out.source = re.sub(r"^(?:the|le|la|les|el|los|las|l['’])\s*", "", payer_first.group("mechanism").strip(" ."),
                            flags=re.IGNORECASE)
        return out
    through = _MECHANISM_THEN_PAYER.match(value)
    if through and _payer(through.group("payer").strip()):
        # "XB - Portugal (Camões, I.P.)": a mechanism as written, and who pays through it.
        out.funders.append(through.group("payer").strip())
    parts = [p for p in _PARTS.split(value) if p.strip(" ,.")]
    if len(parts) > 1:
        sources = []
        for part in parts:
            funder = funder_named(part)
            if funder is not None:
                out.funders.append(funder)
            else:
                sources.append(part.strip())
        out.source = "; ".join(sources)
        return out
    out.source = value.strip()
    return out


def names_a_mechanism_only(value: str) -> bool:
    """True when a donor's value names a budget mechanism and nobody who pays ("Development Account", "DA 14",
    "Cuenta para el Desarrollo"; not "Government of Norway (XB)", not "Trust fund of Korea", not "Global Fund")."""
    read = read_funding(value)
    return bool(read.source and not read.funders and _DONOR_MECHANISM.search(fold(read.source))
                and not _places.find_countries(read.source))

