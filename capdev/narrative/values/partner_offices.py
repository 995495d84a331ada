"""A body's office in a country named as a partner ("UNDP Malawi Country Office", "the UNICEF Office in Lima",
"Bureau pays du PNUD au Mali", "Oficina del PNUD en Panamá"): the partner is the body the table knows, its office
kept in the words as written. Only a country office: an office named for a programme ("the OSCE Programme Office in
Dushanbe") or a city is left as written, and the body must be one the organisation table knows."""
from __future__ import annotations

import dataclasses
import re

from ..types import Partner
from .orgs import resolve_organisation
from .places import resolve_country

_ARTICLE = r"(?:(?:the|le|la|l['’])\s*)?"
# "UNDP Malawi Country Office", "UNICEF Office in Lima", "the WHO Country Office for Chad"
_EN = re.compile(rf"^{_ARTICLE}(?P<body>[^\s,;()]+(?:\s+[^\s,;()]+){{0,2}}?)\s+"
                 r"(?:(?!Country\s)(?P<before>[A-Z][\w'’ -]{2,30}?)\s+)?"
                 r"(?:Country\s+)?Office(?:\s+(?:in|for)\s+(?P<after>[A-Z][\w'’ -]{2,30}))?$")
# "Bureau pays du PNUD au Mali", "le Bureau du PNUD en Guinée"; "Oficina (de país) del PNUD en Panamá"
_FR_ES = re.compile(rf"^{_ARTICLE}(?:Bureau(?:\s+pays)?|Oficina(?:\s+de\s+pa[ií]s)?)\s+"
                    r"(?:du|del|de\s+l['’]\s*|de\s+la|de)\s*"
                    r"(?P<body>[^\s,;()]+(?:\s+[^\s,;()]+){0,2}?)\s+(?:au|aux|en|à|a|pour\s+l[ea]|para)\s+"
                    r"(?P<after>[A-Z\u00c0-\u00de][\w'’ -]{2,30})$")


def office_of_known_body(partner: Partner) -> Partner:
    """The body whose country office a partner names, or the partner as it was."""
    if partner.acronym is not None:
        return partner
    name = " ".join(partner.name.split())
    m = _EN.match(name) or _FR_ES.match(name)
    if m is None:
        return partner
    places = [p for p in (m.groupdict().get("before"), m.group("after")) if p]
    if len(places) > 1 or not places and "Country" not in name or any(resolve_country(p) is None for p in places):
        return partner  # no country named, or a city ("Office in Dushanbe"): left as written
    body = resolve_organisation(m.group("body"))
    if body is None:
        return partner
    return dataclasses.replace(partner, name=body.name, acronym=body.acronym, org_type=partner.org_type or body.type,
                               text=partner.text or partner.name)
