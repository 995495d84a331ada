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
    from .values import prose_facts, state_heads

    head: list[str] = []
    for span in sorted(record.spans, key=lambda s: s.start):
        if span.field not in _AROUND:
            break
        head.append(record.text[span.start - record.offset : span.end - record.offset])
    if not head:
        return None
    served = prose_facts.read_served("".join(head))
    if not served:
        served = list(dict.fromkeys(c for line in "".join(head).splitlines() if (c := named_project_country(line))))
    if not served:
        lines = [line for line in "".join(head).splitlines() if line.strip()][:_TOP_LINES]
        served = list(dict.fromkeys(c for ln in lines if (c := national_body_country(ln) or state_heads.country(ln))))
    return served[0] if len(served) == 1 else None


# "Programa de Modernización del Servicio Civil en Paraguay (PY-SC-2022-04)", "Public Financial Management Reform
# Project in Lesotho", "Projet d'appui à l'état civil au Tchad": a project's name that ends with the country it works
# in. Bounded gaps on one line of the head; a venue, an example or a funder has other words before its country.
_PROJECT_WORD = re.compile(r"(?<![\w-])(?:project|programme|program|projet|proyecto|programa|initiative|iniciativa)"
                           r"(?![\w-])", re.IGNORECASE)
_WORKS_IN = re.compile(r"\s(?:in|for|en|au|aux|pour|para|dans)\s+(?:the\s+|la\s+|le\s+|el\s+|les\s+|l['’]\s?)?$",
                       re.IGNORECASE)
_NAME_END = re.compile(r"^\s*(?:\([^()\n]{1,40}\))?\s*[.:]?\s*$")
_NOT_SERVED = re.compile(r"(?<![\w-])(?:held|hosted|visit|visite|visita|mission|misi[óo]n|funded|financed|"
                         r"financ[ée]e?s?|financiad[oa]s?|like|as|comme|como|example|exemple|ejemplo)(?![\w-])",
                         re.IGNORECASE)


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


# "SENADO DE LA REPÚBLICA DE CHILE", "Assemblée nationale du Bénin", "Journal officiel de la République du Sénégal": a
# page headed by a country's own legislature, presidency or gazette tells of that country's work. A government or a
# ministry is no such sign: a donor's foreign ministry heads pages about the countries it pays for.
_TOP_LINES = 3
_NATIONAL_HEAD = re.compile(
    r"^\W{0,3}(?:the\s+|el\s+|la\s+|le\s+|l['’]\s?)?(?:senate|senado|s[ée]nat|parliament|parlement|parlamento|"
    r"congress|congreso|national\s+assembly|assembl[ée]e\s+nationale|asamblea\s+nacional|presidency|pr[ée]sidence|"
    r"presidencia|journal\s+officiel|diario\s+oficial|official\s+gazette|gaceta\s+oficial)\s+(?:of|de|du|del|des)\s+"
    r"(?:the\s+|la\s+|l['’]\s?)?(?:republic\s+of\s+(?:the\s+)?|r[ée]publique\s+(?:du\s+|de\s+la\s+|de\s+|d['’]\s?)|"
    r"rep[úu]blica\s+(?:de\s+|del\s+)|kingdom\s+of\s+(?:the\s+)?|royaume\s+(?:du\s+|de\s+la\s+|de\s+|des\s+)|"
    r"reino\s+de\s+)?$", re.IGNORECASE)


def national_body_country(line: str) -> str | None:
    """The country whose legislature, presidency or official gazette a line names, alone on it; None otherwise."""
    from .values.places import find_countries

    if len(line) > 120:
        return None
    found = find_countries(line)
    if len(found) != 1 or not _NAME_END.match(line[found[0].end :]):
        return None
    before = line[: found[0].start]
    m = re.match(r"(?i)^(.*?\s)((?:the\s+)?(?:republic|r[ée]publique|rep[úu]blica|kingdom|royaume|reino)\b.*)$",
                 line[: found[0].end])
    if not _NATIONAL_HEAD.match(before) and not (m and _NATIONAL_HEAD.match(m.group(1))):
        return None
    return found[0].iso3


def pays(record: Record, iso3: str) -> bool:
    """Does the record name the country as one that pays (its funder's name, "financement suisse")? Never served."""
    from .values.who_is_served import funder_countries

    funders = [p.text or p.name for p in record.partners if p.role == "funding"]
    return iso3 in funder_countries(funders, record.text)


def lend_country(record: Record, country: str | None) -> None:
    from .values.suggest_countries import give_way  # a country suggested from the record's own text gives way

    if country and not record.regions and not record.region and not pays(record, country) and give_way(record):
        record.countries = [country]
        record.flag("countries", REASON)
