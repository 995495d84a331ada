"""Recognising a person across events: the same email is the same person; a close name in the same institution
and country is probably the same person, proposed for a reviewer to confirm or split.

Lookups run in bulk for a whole sheet: one query for the emails, one for the institutions, one for the people
of those institutions (bounded), whatever the number of rows.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher

from django.db.models import Q

from .models import Institution, Person
from .sheets.normalise import fold

CLOSE = 0.85            # a name at least this similar, in the same institution and country, is proposed
CLOSE_OTHER_EMAIL = 0.93  # ... when both have an email and the emails differ
CANDIDATES_LIMIT = 20000  # people read to compare names with, per sheet


def name_similarity(a: str, b: str) -> float:
    """How alike two name keys are (1.0 the same), allowing initials ("j smith" ~ "john smith") and a name
    that is the other with a word more ("maria perez" ~ "maria perez gonzalez")."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    x, y = a.split(), b.split()
    x, y = _expand_initials(x, y), _expand_initials(y, x)
    a2, b2 = " ".join(sorted(x)), " ".join(sorted(y))
    if a2 == b2:
        return 0.95
    ratio = SequenceMatcher(None, a2, b2).ratio()
    sx, sy = set(x), set(y)
    if min(len(sx), len(sy)) >= 2 and (sx <= sy or sy <= sx):
        ratio = max(ratio, 0.9)
    return ratio


def _expand_initials(words: list[str], other: list[str]) -> list[str]:
    out = []
    for w in words:
        if len(w) == 1:
            full = [o for o in other if len(o) > 1 and o.startswith(w)]
            out.append(full[0] if len(full) == 1 else w)
        else:
            out.append(w)
    return out


class Institutions:
    """The institutions a sheet names, found by their folded name (or acronym) in their country."""

    def __init__(self, pairs: Iterable[tuple[str, str | None]]):
        pairs = [(fold(name), country) for name, country in pairs if name]
        keys = {key for key, _c in pairs}
        found = Institution.objects.filter(Q(key__in=keys) | Q(acronym__in=[k.upper() for k in keys if
                                                                           len(k) <= 12 and " " not in k]))
        self.by_key: dict[tuple[str, str | None], Institution] = {}
        for inst in found:
            self.by_key.setdefault((inst.key, inst.country_id), inst)
            if inst.acronym:
                self.by_key.setdefault((fold(inst.acronym), inst.country_id), inst)

    def get(self, name: str, country: str | None) -> Institution | None:
        """The institution of this name in this country (or with no country given on either side)."""
        key = fold(name)
        return self.by_key.get((key, country)) or (self.by_key.get((key, None)) if country is None else None)

    def add(self, inst: Institution) -> None:
        """Remember one created during the import."""
        self.by_key[(inst.key, inst.country_id)] = inst


class People:
    """Known people a sheet's rows may be: by email, and by institution and country for close names."""

    def __init__(self, emails: Iterable[str], institution_ids: Iterable[int]):
        emails = {e for e in emails if e}
        self.by_email = {p.email: p for p in Person.objects.current().filter(email__in=emails)} if emails else {}
        self.by_place: dict[tuple[int, str | None], list[Person]] = defaultdict(list)
        ids = {i for i in institution_ids if i}
        if ids:
            for p in (Person.objects.current().filter(institution_id__in=ids, erased_at__isnull=True)
                      .only("pk", "name", "name_key", "email", "institution_id", "country_id")
                      .order_by("pk")[:CANDIDATES_LIMIT]):
                self.by_place[(p.institution_id, p.country_id)].append(p)

    def same_email(self, email: str) -> Person | None:
        """The person with this email."""
        return self.by_email.get(email) if email else None

    def closest(self, key: str, email: str, institution_id: int | None, country: str | None
                ) -> tuple[Person | None, float]:
        """The known person of the same institution and country whose name is closest, if close enough."""
        if not key or institution_id is None:
            return None, 0.0
        best, score = None, 0.0
        for p in self.by_place.get((institution_id, country), ()):
            s = name_similarity(key, p.name_key)
            needed = CLOSE_OTHER_EMAIL if email and p.email and p.email != email else CLOSE
            if s >= needed and s > score:
                best, score = p, s
        return best, score
