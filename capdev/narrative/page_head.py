"""The country a page serves, said once in its head, for the records under it that name none.

A country programme's factsheet or a country office's page says whom it serves in its head ("UNDP supports the
Government of the Lao People's Democratic Republic in ...") and then lists its projects, each without a country of
its own. The head is the text of the first record before its first labelled value (a code, a status, a period).
Only a head that names exactly one country served, by the same cues a record's sentences are read with, lends it,
and only to records with no country and no region: flagged, as a reviewer should confirm it.
"""
from __future__ import annotations

import re

from .types import Record

# The page's lines before the first labelled value: where a page's intro is read as the first record's summary
# (and a heading as its title), the record has that country already; the others borrow it.
_AROUND = frozenset({"chrome", "unparsed", "heading", "title", "summary"})
REASON = "the country the page's head says it serves (no country of the record's own)"


def head_country(record: Record) -> str | None:
    """The one country the text before the first record's first value says is served; None otherwise."""
    from .values.prose_facts import read_served

    head: list[str] = []
    for span in sorted(record.spans, key=lambda s: s.start):
        if span.field not in _AROUND:
            break
        head.append(record.text[span.start - record.offset : span.end - record.offset])
    if not head:
        return None
    served = read_served("".join(head))
    if not served:
        served = list(dict.fromkeys(c for line in "".join(head).splitlines() if (c := named_project_country(line))))
    return served[0] if len(served) == 1 else None


# "Programa de Modernización del Servicio Civil en Paraguay (PY-SC-2022-04)", "Public Financial Management Reform
# Project in Lesotho", "Projet d'appui à l'état civil au Tchad": a project's name that ends with the country it works
# in. Bounded gaps on one line of the head; a venue, an example or a funder has other words before its country.
_PROJECT_WORD = re.compile(r"(?<![\w-])(?:project|programme|program|projet|proyecto|programa|initiative|iniciativa)"
                           r"(?![\w-])", re.IGNORECASE)
_WORKS_IN = re.compile(r"\s(?:in|for|en|au|aux|pour|para|dans)\s+(?:the\s+|la\s+|le\s+|el\s+|les\s+|l['’]\s?)?$",
                       re.IGNORECASE)
_NAME_END = re.compile(r"^\s*(?:\([^()\n]{1,40}\))?\s*[.:]?\s*$")
_NOT_SERVED = re.compile(r"(?<![\w-])(?:held|hosted|visit|visite|visita|mission|misi[óo]n|funded|financed|financ[ée]e?s?|financiad[oa]s?|like|as|"
                         r"comme|como|example|exemple|ejemplo)(?![\w-])", re.IGNORECASE)


def named_project_country(line: str) -> str | None:
    """The country a line naming a project says it works in, the line's last words; None otherwise."""
    from .values.places import find_countries

    if len(line) > 200:
        return None
    found = find_countries(line)
    if len(found) != 1:
        return None
    before = line[: found[0].start]
    if (not _PROJECT_WORD.search(before) or not _WORKS_IN.search(before) or _NOT_SERVED.search(before)
            or not _NAME_END.match(line[found[0].end :])):
        return None
    return found[0].iso3


def lend_country(record: Record, country: str | None) -> None:
    if country and not record.countries and not record.regions and not record.region:
        record.countries = [country]
        record.flag("countries", REASON)
