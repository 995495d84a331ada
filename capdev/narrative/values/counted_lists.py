"""Countries a text lists after a counted group that names them ("the five Central Asian republics — Kazakhstan,
..., Uzbekistan", "les trois pays du Sahel : le Niger, le Mali et le Tchad", "en los tres países (El Salvador,
Honduras y Guatemala)"): when the list holds exactly as many countries as the count says, the group is the
project's own (a region alone never is: its members must be named). Lists of those who pay or who came to a
meeting are not read."""
from __future__ import annotations

import re

from .number_words import UNITS
from .places import CountryMention, find_countries, find_regions

__all__ = ["counted_members", "region_members"]

# "two" to "nineteen", "deux" to "dix-neuf", "dos" to "diecinueve": a count of countries.
_NUMBERS = {w: n for w, n in UNITS.items() if 2 <= n <= 19}
_GROUP_NOUNS = (r"countries|republics|states|nations|islands|members|member\s+states|"
                r"pays|[ée]tats|r[ée]publiques|nations|[îi]les|[ée]tats\s+membres|"
                r"pa[íi]ses|rep[úu]blicas|estados|naciones|islas|estados\s+miembros")
# "five Central Asian republics", "three beneficiary countries", "pays du Sahel", "países centroamericanos": a
# count, up to four words, the group's noun, up to six words more ("of the Sahel", "de l'Union du fleuve Mano"),
# then the list's opening ("—", ":", "(", ",", "-", "namely", "à savoir", "a saber").
_GROUP = re.compile(
    rf"(?<![\w-])(?P<n>{'|'.join(_NUMBERS)}|[2-9]|1[0-9])\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_GROUP_NOUNS})(?![\w-])"
    r"(?:\s+[\w'’-]+){0,6}?\s*(?:[—–:(,]|\s-\s|\bnamely\b|\bà\s+savoir\b|\ba\s+saber\b)",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"\s*(?:(?:the|le|la|les|l['’]|el|los|las)\s*)?", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|;|\band\b|&|\bet\b|\by\b|\be\b)\s*(?:,\s*)?(?:(?:the|le|la|les|l['’]|el|los|las)\s+)?",
                       re.IGNORECASE)
# The list is of those who pay or who came, not of those served.
_NOT_SERVED = re.compile(
    r"\b(?:fund\w*|financ\w*|donors?|donated|paid|contribut\w*|bailleurs?|donantes?|particip\w*|delegat\w*|"
    r"d[ée]l[ée]gu[ée]s|experts?|from|venus?\s+d[eu]|procedentes|venidos|provenant|such\s+as|like|comme|como|"
    r"à\s+l['’]instar|tels?\s+que|telles?\s+que|tales\s+como)\b",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:[.!?]\s+(?=[A-Z(])|\n\s*\n|;)")


def _sentence_before(text: str, at: int) -> str:
    lo = 0
    for m in _SENTENCE_START.finditer(text, max(0, at - 200), at):
        lo = m.end()
    return text[max(lo, at - 200) : at]


def counted_members(text: str) -> list[CountryMention]:
    """The countries of each list whose length the count before it tells, in order."""
    if not isinstance(text, str) or not text:
        return []
    countries = find_countries(text)
    if not countries:
        return []
    out: list[CountryMention] = []
    for group in _GROUP.finditer(text):
        word = group.group("n").lower()
        count = _NUMBERS.get(word) or int(word)
        members: list[CountryMention] = []
        at = group.end()
        for c in countries:
            if c.start < at:
                continue
            gap = text[at : c.start]
            if not (_ARTICLE if not members else _LIST_GAP).fullmatch(gap):
                break
            if all(m.iso3 != c.iso3 for m in members):
                members.append(c)
            at = c.end
        if len(members) != count:
            continue
        # the list closes there: no more place names follow ("..., Uzbekistan and the wider region" reads on)
        if _NOT_SERVED.search(_sentence_before(text, group.start()) + text[group.start() : group.end()]):
            continue
        out.extend(m for m in members if m not in out)
    return out


# "in the Pacific: Fiji, Samoa and Tonga", "en Afrique de l'Ouest (Bénin, Togo, Niger)", "en Centroamérica —
# Honduras, Guatemala y El Salvador —": a region, then the list of its members the text names, closed by a stop, a
# bracket or a dash. The region alone is not its countries; the list that follows it names those served.
_REGION_OPENER = re.compile(r"\s*(?:(?:region|r[ée]gion|regi[óo]n|countries|pays|pa[íi]ses)\s*)?"
                            r"(?:[:(—–]|\s-\s|,?\s*(?:namely|à\s+savoir|a\s+saber)\b)", re.IGNORECASE)
_LIST_CLOSE = re.compile(r"\s*(?:[.;)—–\n]|\s-\s|$)")


def region_members(text: str) -> list[CountryMention]:
    """The countries of each list that opens right after a region's name and closes with the sentence, two or more."""
    if not isinstance(text, str) or not text:
        return []
    countries = find_countries(text)
    if len(countries) < 2:
        return []
    out: list[CountryMention] = []
    for region in find_regions(text):
        opener = _REGION_OPENER.match(text, region.end)
        if not opener:
            continue
        members: list[CountryMention] = []
        at = opener.end()
        for c in countries:
            if c.start < at:
                continue
            if not (_ARTICLE if not members else _LIST_GAP).fullmatch(text[at : c.start]):
                break
            members.append(c)
            at = c.end
        if len({m.iso3 for m in members}) < 2 or not _LIST_CLOSE.match(text, at):
            continue
        if _NOT_SERVED.search(_sentence_before(text, region.start) + text[region.start : opener.end()]):
            continue
        out.extend(m for m in members if all(o.iso3 != m.iso3 for o in out))
    return out
