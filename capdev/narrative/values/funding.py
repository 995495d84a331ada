"""What a funding label names: a funding source (a budget mechanism: "XB", "Development Account", "Cuenta para el
Desarrollo", "Trust fund") or a funder ("Financé par le Gouvernement du Canada", "Government of Japan"), which is a
partner with the funding role and never a country served."""
from __future__ import annotations

import re

from . import places as _places
from .orgs import resolve_organisation

# "Funded by ...", "Financé par ...", "Financiado por ...": a funder follows.
_VERBAL = re.compile(
    r"^\s*(?:(?:funded|financed|sponsored|supported)\s+by|with\s+(?:funding|financing|support)\s+from|"
    r"financ[ée]e?s?\s+par|avec\s+(?:le\s+)?(?:financement|soutien|l['’]\s?appui)\s+d[eu']\s?|"
    r"financiad[oa]s?\s+por|con\s+(?:el\s+)?(?:financiamiento|apoyo(?:\s+financiero)?)\s+de(?:l)?)\s+",
    re.IGNORECASE,
)
# Words of budget mechanisms: a value with one of them names a source, not a funder.
_MECHANISM = re.compile(
    r"\b(?:account|funds?|budget|tranche|trust|extra-?budgetary|regular|window|resources|XB\w*|RB|RPTC|DA\d*|"
    r"compte|fonds|extrabudg[ée]taires?|ordinaire|ressources|tramo|cuenta|fondos?|presupuesto|extrapresupuestari\w*|"
    r"ordinario|recursos|programme\s+of\s+technical|programme\s+ordinaire|programa\s+ordinario)\b",
    re.IGNORECASE,
)


def funder_named(value: str) -> str | None:
    """The funder a funding value names instead of a source ("Financé par le Gouvernement du Canada" -> "le
    Gouvernement du Canada"), or None when the value is a funding source."""
    if not isinstance(value, str) or not value.strip():
        return None
    m = _VERBAL.match(value)
    if m:
        return value[m.end() :].strip()
    if _MECHANISM.search(value):
        return None
    text = value.strip()
    if _places.resolve_country(text):
        return text  # "Government of Norway", "Norvège"
    org = resolve_organisation(text)
    if org is not None and org.type in ("donor", "government", "igo"):
        return text
    return None
