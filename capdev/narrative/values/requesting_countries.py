"""Countries a sentence names as those who asked for the project: a list of countries as the subject of a verb of
request or interest ("Barbados, Saint Lucia and Grenada have expressed interest", "le Mali et le Niger ont sollicité
l'appui du programme", "Honduras y Guatemala solicitaron asistencia técnica"). A country that asks is one the project
serves; one that asks to pay ("have expressed interest in funding") is not read."""
from __future__ import annotations

import re

from .places import CountryMention, find_countries

__all__ = ["requesting_members"]

_LIST_GAP = re.compile(r"\s*(?:,|;|\band\b|&|\bet\b|\by\b|\be\b)\s*(?:,\s*)?(?:(?:the|le|la|les|l['’]|el|los|las)\s+)?",
                       re.IGNORECASE)
_AUX = (r"(?:(?:have|has|had)\s+(?:also\s+|already\s+|formally\s+|officially\s+)?|(?:ont|a|avaient|avait)\s+"
        r"(?:d[ée]j[àa]\s+|officiellement\s+|formellement\s+)?|(?:han|ha|hab[íi]an|hab[íi]a)\s+(?:ya\s+|formalmente\s+|"
        r"oficialmente\s+)?)?")
_REQUEST = re.compile(
    r"\s*" + _AUX + r"(?:requested|request|asked\s+for|sought|applied\s+for|"
    r"expressed\s+(?:their\s+|its\s+|an\s+)?interest|"
    r"sollicit[ée]|sollicitent|sollicitaient|demand[ée]|demandent|exprim[ée]\s+(?:leur|son)\s+int[ée]r[êe]t|"
    r"manifest[ée]\s+(?:leur|son)\s+int[ée]r[êe]t|solicitado|solicitaron|solicitan|solicit[óo]|pedido|pidieron|"
    r"expresado\s+(?:su\s+)?inter[ée]s|manifestado\s+(?:su\s+)?inter[ée]s|expresaron\s+(?:su\s+)?inter[ée]s|"
    r"manifestaron\s+(?:su\s+)?inter[ée]s)(?![\w-])", re.IGNORECASE)
# What they ask for is to pay: "interest in funding", "à financer", "en financiar".
_TO_PAY = re.compile(r"^[^.;\n]{0,40}?(?<![\w-])(?:fund\w*|financ\w*|co-?financ\w*|contribut\w*|donat\w*|"
                     r"pay\w*|aport\w*)", re.IGNORECASE)

# People from the countries ask, not the countries: "experts from Kenya requested", "des experts venus du Mali".
_FROM = re.compile(r"(?<![\w-])(?:from|venus?\s+d[eu]s?|venues?\s+d[eu]s?|originaires\s+d[eu]s?|procedentes\s+de(?:l)?|"
                   r"provenientes\s+de(?:l)?|provenant\s+d[eu]s?)\s+(?:the\s+|la\s+|le\s+|l['’]\s?|el\s+)?$", re.I)


def requesting_members(text: str) -> list[CountryMention]:
    """The countries of each list right before a verb of request or interest, in order."""
    if not isinstance(text, str) or not text:
        return []
    countries = find_countries(text)
    out: list[CountryMention] = []
    members: list[CountryMention] = []
    for i, c in enumerate(countries):
        if members and not _LIST_GAP.fullmatch(text[members[-1].end : c.start]):
            members = []
        members.append(c)
        nxt = countries[i + 1] if i + 1 < len(countries) else None
        if nxt is not None and _LIST_GAP.fullmatch(text[c.end : nxt.start]):
            continue  # the list reads on
        verb = _REQUEST.match(text, c.end)
        if verb and not _TO_PAY.match(text[verb.end() :]) and not _FROM.search(text, max(0, members[0].start - 30),
                                                                                    members[0].start):
            out.extend(m for m in members if all(o.iso3 != m.iso3 for o in out))
        members = []
    return out
