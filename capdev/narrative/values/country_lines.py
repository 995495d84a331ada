"""A line that is nothing but a list of countries ("Jamaica / Barbados / Saint Lucia", "- Bolivia, Ecuador y Perú",
"Niger · Mauritanie · Tchad"): a card's or a sheet's line of places, where the project works (round 19).

A country named once in passing weighs little in values.served; a line that holds two countries or more and no
other word (bullets, separators and "and / et / y" aside) names the record's places as a group, each as much as the
others, so each gets a list's weight (as values.counted_lists does). A line with any other word (participants from,
a venue, a funder) is not such a line and is read as before. Each line is read once: linear in the text."""
from __future__ import annotations

import re

from .places import CountryMention, find_countries

__all__ = ["listed_lines"]

# What may stand between and around the countries of such a line: bullets, separators, "and" in the three languages.
_FILLER = re.compile(r"[\s,;/|·•*+&–—()-]*(?:(?:and|et|y|e)(?![\w-])[\s,;/|·•*+&–—()-]*)?", re.IGNORECASE)


def listed_lines(text: str) -> list[CountryMention]:
    """The countries of every line that lists two countries or more and says nothing else, in order."""
    if not isinstance(text, str) or not text:
        return []
    out: list[CountryMention] = []
    pos = 0
    mentions = find_countries(text)
    i = 0
    for line in text.split("\n"):
        end = pos + len(line)
        members = []
        while i < len(mentions) and mentions[i].start < end:
            if mentions[i].start >= pos:
                members.append(mentions[i])
            i += 1
        if len({m.iso3 for m in members}) >= 2:
            gaps = [text[pos : members[0].start]] + [text[a.end : b.start] for a, b in zip(members, members[1:])]
            gaps.append(text[members[-1].end : end])
            if all(_FILLER.fullmatch(g) for g in gaps):
                out += members
        pos = end + 1
    return out
