"""The country a document's top line names as its own: a State's name alone ("RÉPUBLIQUE DE GUINÉE", "REPUBLIC OF
KENYA", "República Dominicana", "CABO VERDE" under a page's path), or one of its domestic ministries with the State
after it ("MINISTERIO DE ADMINISTRACIÓN PÚBLICA (MAP) - REPÚBLICA DOMINICANA", "Ministry of Public Service, Republic
of Uganda"). A government, a ministry of foreign affairs or of cooperation, an embassy or an agency heads the pages of
those who pay for other countries' projects: never read here. The caller (page_head) lends the country, flagged, only
to records that name none and do not name it as a payer."""
from __future__ import annotations

import re

from .places import find_countries

__all__ = ["country"]

_EDGES = " \t#*_[]()|:-–—•·>=~"
_MAX_WORDS = 8
# A ministry, a secretariat or a department of State, then its name, then " - ", "," or "of" and the State.
_MINISTRY = re.compile(r"^(?:the\s+|el\s+|la\s+|le\s+)?(?:ministry|minist[eè]re|ministerio|secretar[ií]a\s+de\s+estado|"
                       r"secr[ée]tariat\s+d['’]\s?[ée]tat|department|d[ée]partement|departamento)\b", re.IGNORECASE)
# A ministry that looks abroad: foreign affairs, cooperation, international development, Europe.
_ABROAD = re.compile(r"(?<![\w-])(?:foreign|external|[ée]trang[èe]res?|exteriores?|ext[ée]rieures?|"
                     r"coop[ée]ra\w*|cooperaci[óo]n|international|internacional|europe\w*|embass\w*|ambassade|"
                     r"embajada)(?![\w-])", re.IGNORECASE)
# What may stand around a State's name on its line: an article, "Republic of", "Estado Plurinacional de".
_STATE_WRAPPER = re.compile(
    r"\s*(?:(?:the|la|le|el|l['’])\s*)?(?:(?:republic|r[ée]publique|rep[úu]blica|kingdom|royaume|reino|state|[ée]tat|"
    r"estado|sultanate|sultanat|sultanato|principality|principaut[ée]|principado|commonwealth)(?:\s+[^\W\d_]+)?\s+"
    r"(?:of|de|du|del|de\s+la|d['’])\s*(?:the\s+)?)?\s*", re.IGNORECASE)
# A page's path through those who pay ("Home > Donors > Norway"): its last word is no country served.
_PAYERS = re.compile(r"(?<![\w-])(?:donors?|funders?|bailleurs?|financeurs?|donantes?|financiadores?|government|"
                     r"gouvernement|gobierno)(?![\w-])", re.IGNORECASE)
_TAIL_GAP = re.compile(r"(?:\s*\([^()\n]{1,20}\))?\s*(?:[-–—,/|]\s*|\s(?:of|de|du|del|de\s+la)\s+)"
                       r"(?:the\s+|la\s+|le\s+|l['’]\s?)?$", re.IGNORECASE)


# A unit under the State or ministry, after it on the line ("RÉPUBLIQUE DE MADAGASCAR - PRÉSIDENCE - INSPECTION
# GÉNÉRALE DE L'ÉTAT", "MINISTERIO DE PLANIFICACIÓN (MIDEPLAN) - COSTA RICA - ÁREA DE COOPERACIÓN INTERNACIONAL"):
# a ministry of foreign affairs or an embassy is no such unit.
_UNIT_SPLIT = re.compile(r"\s+[-–—|]\s+")
_FOREIGN = re.compile(r"(?<![\w-])(?:foreign|[ée]trang[èe]res|exteriores|embass\w*|ambassade|embajada)(?![\w-])",
                      re.IGNORECASE)


def country(line: str) -> str | None:
    """The country a document's top line names as its own State or domestic ministry, units of it after it on the
    line or not; None otherwise. A spreadsheet's first cell too: its quotes and the empty cells after it are edges."""
    if not isinstance(line, str) or len(line) > 140:
        return None
    text = line.strip(_EDGES + '",;')
    if not text:
        return None
    found = _own_country(text)
    if found or _FOREIGN.search(text) or _PAYERS.search(text):
        return found
    parts = _UNIT_SPLIT.split(text)
    for k in range(len(parts) - 1, 0, -1):
        head = " - ".join(parts[:k])
        if len(find_countries(head)) == 1 and not find_countries(" ".join(parts[k:])) and (found := _own_country(head)):
            return found
    return None


def _own_country(text: str) -> str | None:
    # "Coopération luxembourgeoise > Pays partenaires > Cabo Verde": a page's path ends with the page's own subject.
    path = re.split(r"\s+[>»›/|]\s+", text)
    last = path[-1].strip(_EDGES)
    named = find_countries(last)
    if (len(named) == 1 and len(last.split()) <= _MAX_WORDS and not _PAYERS.search(text)
            and _STATE_WRAPPER.fullmatch(last[: named[0].start] + " " + last[named[0].end :])):
        return named[0].iso3
    found = find_countries(text)
    if len(found) != 1 or text[found[0].end :].strip(_EDGES) or not _MINISTRY.match(text) or _ABROAD.search(text):
        return None
    head = text[: found[0].start]
    state = re.search(r"(?i)(?:the\s+)?(?:republic|r[ée]publique|rep[úu]blica|kingdom|royaume|reino|state|[ée]tat|"
                      r"estado)\s+(?:of\s+|de\s+|du\s+|del\s+|de\s+la\s+|d['’]\s?)?(?:the\s+)?$", head)
    if state:
        head = head[: state.start()]  # "... - REPÚBLICA DOMINICANA", "..., Republic of Uganda"
    return found[0].iso3 if _TAIL_GAP.search(head) else None
