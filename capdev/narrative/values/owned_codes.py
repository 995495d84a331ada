"""A project's code given with the acronym of the body that numbers it: before the naming word ("FCDO ref. 204517",
"AFD n° CIV-1402-01") or between it and the code ("référence BAD P-TD-K00-012", "Código KOICA: 2025-015-PER",
"reference of the EU: ACP/2023/118"). The acronym is a known organisation's (data/organisations.json), written in
its capitals: the owner, not a part of the code. With an owner named, a number of five to ten digits is a code too
(a funder's system numbers its grants so); without one, a bare number never is (values/told_ids.py).

A project's word and a naming word before a number in parts ("Projet n° 2021/423-117", "el proyecto (código
2023-045)", "El proyecto N.º 2023-0045-HN"): digits alone make a code there too, never a date's shape.
"""
from __future__ import annotations

import functools
import re

from ..code_choice import CODE_TOKEN
from .orgs import load_organisations

_NAMING = (r"(?i:ref(?:erence)?\.?|r[ée]f(?:[ée]rence)?\.?|referencia|code|c[oó]digo|id|identifier|identifiant|"
           r"identificador|n[°º]\.?|n\.[°º]|no\.|nr\.|number|num[ée]ro|n[uú]mero|nro\.?)")
_OF = r"(?i:(?:of\s+the|of|du|de\s+la|de\s+l'|del|de|la|el|le|the)\s+)?"
_CODE = rf"(?P<code>(?:{CODE_TOKEN})|\d{{5,10}})(?![\w/-]|[,.]\d)"


@functools.cache
def _owners() -> str:
    """The acronyms of known organisations as they are written ("FCDO", "AfDB", "BAD", "KOICA"), longest first."""
    names = set()
    for org in load_organisations():
        for name in (org.acronym, *org.aliases):
            if name and re.fullmatch(r"[A-Z][A-Za-z]{1,7}", name) and sum(c.isupper() for c in name) >= 2:
                names.add(name)
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@functools.cache
def owned_code_rx() -> re.Pattern[str]:
    owner = rf"(?P<owner>{_owners()})"
    return re.compile(
        rf"(?<![\w/-])(?:{owner}\s+{_NAMING}|{_NAMING}\s+{_OF}(?P<owner2>{_owners()}))(?![\w-])\s*[:#]?\s*{_CODE}")


_DIGIT_PARTS = r"\d{2,6}(?:[/-]\d{2,6}){1,3}"
_A_DATE = re.compile(r"\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{4}[/-]\d{1,2}[/-]\d{1,2}|(?:19|20)\d\d[/-](?:19|20)?\d\d")
_NUMBERED = re.compile(
    r"(?<![\w-])(?i:project|projet|proyecto|programme|program|programa|action|acci[oó]n)\s*\(?\s*"
    rf"{_NAMING}\s*[:#]?\s*(?P<code>(?:{CODE_TOKEN})|{_DIGIT_PARTS})(?![\w/-]|[,.]\d)")


def numbered_codes(text: str):
    """The numbers a project's word and a naming word introduce, but a date's shape: matches, their group code."""
    return (m for m in _NUMBERED.finditer(text) if not _A_DATE.fullmatch(m.group("code")))
