"""Relations between imported projects: which records are linked, and the kind the importer can justify for each.

Pairs come from the records (the parser's nearly identical texts, a JSON record's `related_to` codes or
identifiers, a JSON export's `relations`) and from families within one file: codes that differ only in one number
("ZAI/08/001", "ZAI/09/001"), or titles the source wrote that are the same once years and phase numbers are left
out ("Internet Governance Forum 2009", "... 2010"). The kind, read from the later project:

| what the two records show | kind proposed | flagged |
| --- | --- | --- |
| a kind a JSON export states | that kind | no |
| the same time frame, texts alike | duplicate (the same project recorded twice) | yes |
| starts after the earlier ends, that year or the next | previous phase | unless a code or title family says so too |
| a gap of two years or more, a code or title family | previous phase | yes |
| anything else (overlapping periods, no dates) | related | no |

A pair already related in the registry, whichever way and kind, is left as it is: an editor may have set it.
A doubt is a ReviewFlag of severity "warning" on the later project: listed for the reviewers, not blocking.

The loader writes a file a batch at a time and lets each batch go (capdev.importer.batches): the facts a kind is
judged by are read back from the projects just written (one query per batch), and the families seen so far are
kept as keys with a few project ids each, at most FAMILY_KEYS of them, so that memory stays bounded whatever the
file's length (a family whose first records came after that many keys is not found; the parser's links are).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from capdev.narrative.types import PartialDate, Record
from capdev.projects import models as pm

from .batches import Written

FLAG_FIELD = "relations"
FAMILY_KEYS = 100_000  # families remembered per file at most (a key and a few ids each)
FAMILY_MEMBERS = 50  # projects per family at most: a key shared that widely is a pattern of codes, not a programme
Kind = pm.RelationKind
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_PHASE = re.compile(r"\b(phase|stage|part|edition)\s+([ivx]+|\d+|one|two|three|four|five)\b", re.I)
_ORDINAL = re.compile(r"\b(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b", re.I)


@dataclass(frozen=True)
class Facts:
    """What a kind is judged by, of one project as written: its key (later projects have larger ones), code, title
    (and whether the importer proposed it) and dates."""

    pk: int
    code: str | None = None
    title: str = ""
    title_is_proposed: bool = False
    start: PartialDate | None = None
    end: PartialDate | None = None


@dataclass(frozen=True)
class Proposal:
    """A relation to write: from the project `first` to `second` (keys), of a kind."""

    first: int
    second: int
    kind: str
    sure: bool
    reason: str = ""


# -- families --------------------------------------------------------------------------------------------------------

def code_family_key(code: str | None) -> str | None:
    """A code with its numbers blanked ("ZAI/#/#"): codes of one family share it (None when it says nothing)."""
    if not code:
        return None
    tokens = _TOKEN.findall(code.upper())
    numbers = sum(t.isdigit() for t in tokens)
    if not numbers or not (numbers >= 2 or any(len(t) >= 2 and t.isalpha() for t in tokens)):
        return None  # "2122M" and "2326B" are two projects, not a family: one number and a letter say nothing
    return "/".join("#" if t.isdigit() else t for t in tokens)


def same_code_family(a: str | None, b: str | None) -> bool:
    """Codes that differ in one number only ("ZAI/08/001" and "ZAI/09/001", "IGF-2009" and "IGF-2010")."""
    if not a or not b or code_family_key(a) is None or code_family_key(a) != code_family_key(b):
        return False
    diff = [(x, y) for x, y in zip(_TOKEN.findall(a.upper()), _TOKEN.findall(b.upper())) if x != y]
    return len(diff) == 1


def title_family_key(title: str, proposed: bool) -> str | None:
    """A title the source wrote, without its years, phase numbers and ordinals; None for a title the importer made."""
    if not title or proposed:
        return None
    text = _ORDINAL.sub(" ", _PHASE.sub(" ", _YEAR.sub(" ", title)))
    words = re.findall(r"[^\W_]+", text.casefold())
    return " ".join(words) if len(words) >= 2 else None


def same_family(a: Facts, b: Facts) -> bool:
    """Whether a code family or a title family links two projects (independent of how alike their texts are)."""
    title = title_family_key(a.title, a.title_is_proposed)
    return same_code_family(a.code, b.code) or (title is not None
                                                 and title == title_family_key(b.title, b.title_is_proposed))


def family_keys(record: Record) -> list[tuple[str, str]]:
    """The families a record belongs to: ("code", key) and ("title", key), where it has them."""
    keys = [("code", code_family_key(record.code)), ("title", title_family_key(record.title, record.title_is_proposed))]
    return [(kind, key) for kind, key in keys if key]


# -- the kind --------------------------------------------------------------------------------------------------------

def _years(f: Facts) -> tuple[int, int] | None:
    start, end = f.start or f.end, f.end or f.start
    return (start.year, end.year) if start and end else None


def _label(f: Facts) -> str:
    years = _years(f)
    title = (f.title or f.code or "?")[:80]
    return f"“{title}” ({years[0]})" if years else f"“{title}”"


def propose(a: Facts, b: Facts, *, by_text: bool) -> Proposal:
    """The kind the two projects justify, read from the later one (see the module's table)."""
    family = same_family(a, b)
    why = _("similar text") if by_text else ""
    if family:
        why = ", ".join(filter(None, [why, _("the same code or title family")]))
    if a.start and b.start and (a.start, a.end) == (b.start, b.end) and by_text:
        later, earlier = (b, a) if b.pk > a.pk else (a, b)
        return Proposal(later.pk, earlier.pk, Kind.DUPLICATE, sure=False, reason=_(
            "Proposed as a duplicate of %(other)s (%(why)s, the same time frame): the same project recorded "
            "twice? Keep one, or change the kind under Related projects.") % {"other": _label(earlier), "why": why})
    ya, yb = _years(a), _years(b)
    if ya is None or yb is None:
        return Proposal(a.pk, b.pk, Kind.RELATED, sure=True)
    earlier, later = (a, b) if (ya, a.pk) <= (yb, b.pk) else (b, a)
    gap = _years(later)[0] - _years(earlier)[1]
    # The later one starts once the earlier is over (within the precision its end is known to): periods that
    # overlap are parallel projects, not phases.
    later_start = (later.start or later.end).first_day()
    starts_after = (later_start >= (earlier.end or earlier.start).first_day()
                    and later_start > (earlier.start or earlier.end).first_day())
    if starts_after and gap in (0, 1):
        reason = _("Proposed as the next phase of %(other)s (%(why)s, consecutive years): confirm it, or change "
                   "the kind under Related projects.") % {"other": _label(earlier), "why": why}
        return Proposal(later.pk, earlier.pk, Kind.PREVIOUS_PHASE, sure=family, reason=reason)
    if starts_after and gap > 1 and family:
        reason = _("Proposed as a later phase of %(other)s (%(why)s, %(gap)d years apart): confirm it, or change "
                   "the kind under Related projects.") % {"other": _label(earlier), "why": why, "gap": gap}
        return Proposal(later.pk, earlier.pk, Kind.PREVIOUS_PHASE, sure=False, reason=reason)
    return Proposal(a.pk, b.pk, Kind.RELATED, sure=True)


def facts_of(pks: Iterable[int]) -> dict[int, Facts]:
    """The facts of these projects, as written (one query)."""
    rows = pm.Project.objects.filter(pk__in=list(pks)).only(
        "pk", "code", "title", "title_is_proposed", "start_date", "start_precision", "end_date", "end_precision")
    return {p.pk: Facts(p.pk, p.code, p.title, p.title_is_proposed, p.start, p.end) for p in rows}


# -- linking ---------------------------------------------------------------------------------------------------------

def _registry_refs(refs: Iterable[str]) -> dict[str, int]:
    """Registry projects by code and by IATI identifier, for references a file's records do not resolve."""
    refs = {r for r in refs if r}
    found: dict[str, int] = {}
    for field in ("code", "iati_identifier"):
        for project in pm.Project.objects.registry_with(field, refs - set(found)).only("pk", field):
            found[getattr(project, field)] = project.pk
    return found


class Linker:
    """Relates the records of one file, a batch at a time (the loader's _relate), to the records written before
    them (Written: their projects) and to registry projects they name; keeps the families seen so far."""

    def __init__(self, written: Written):
        self.written = written
        self.families: dict[tuple[str, str], list[int]] = {}

    def link(self, records: list[Record], stated: dict[int, list[dict]] | None = None) -> int:
        """Write this batch's relations; returns how many were written. `stated`: a JSON export's `relations` per
        record index, each {"kind", "index" or "project": {"code", "iati_identifier"}} (written as stated)."""
        pairs: dict[tuple[int, int], bool] = {}  # pair of project keys -> found by text (else by family only)
        names: set[str] = set()
        for r in records:
            for target in r.related_to:
                if isinstance(target, str) and self.written.by_code.get(target) is None:
                    names.add(target)
        outside = _registry_refs(names)
        for r in records:
            me = self.written.project(r.index)
            if me is None:
                continue
            for target in r.related_to:
                other = (self.written.project(target) if isinstance(target, int)
                         else self.written.by_code.get(target) or outside.get(target))
                if other is not None and other != me:
                    pairs[tuple(sorted((me, other)))] = True
            for key in family_keys(r):
                members = self.families.get(key)
                if members is None:
                    if len(self.families) >= FAMILY_KEYS:
                        continue
                    members = self.families[key] = []
                for other in members:
                    if other != me:
                        pairs.setdefault(tuple(sorted((me, other))), False)
                if len(members) < FAMILY_MEMBERS and me not in members:
                    members.append(me)
        explicit = self._stated(records, stated or {})
        if not pairs and not explicit:
            return 0
        facts = facts_of({pk for pair in pairs for pk in pair})
        rows: dict[tuple[int, int], Proposal | tuple] = {}
        for (a, b), by_text in pairs.items():
            fa, fb = facts.get(a), facts.get(b)
            if fa is None or fb is None:
                continue
            if not by_text and not same_family(fa, fb):
                continue  # one key, two families (ZAI/08/001 and ZAI/09/002 differ in two numbers)
            rows[(a, b)] = propose(fa, fb, by_text=by_text)
        rows.update(explicit)
        return _write(rows)

    def _stated(self, records: list[Record], stated: dict[int, list[dict]]) -> dict[tuple[int, int], tuple]:
        """The relations a JSON export states for this batch's records, to projects written or in the registry."""
        found: dict[tuple[int, int], tuple] = {}
        for r in records:
            me = self.written.project(r.index)
            for entry in stated.get(r.index, ()):
                other = self._stated_project(entry)
                if me is None or other is None or other == me or entry.get("kind") not in Kind.values:
                    continue
                found.setdefault(tuple(sorted((me, other))),
                                 (me, other, entry["kind"], str(entry.get("note") or "")[:300]))
        return found

    def _stated_project(self, entry: dict) -> int | None:
        index = entry.get("index")
        if isinstance(index, int) and not isinstance(index, bool) and self.written.project(index):
            return self.written.project(index)
        target = entry.get("project") if isinstance(entry.get("project"), dict) else {}
        refs = [r for r in (target.get("code"), target.get("iati_identifier")) if isinstance(r, str) and r]
        for ref in refs:
            if self.written.by_code.get(ref):
                return self.written.by_code[ref]
        found = _registry_refs(refs)
        return next((found[r] for r in refs if r in found), None)


def _write(rows: dict) -> int:
    """Write the relations of pairs not related yet (either way, any kind), and the doubts as warnings."""
    if not rows:
        return 0
    ids = {pk for pair in rows for pk in pair}
    existing = {tuple(sorted(pair)) for pair in pm.ProjectRelation.objects.filter(
        Q(from_project__in=ids) & Q(to_project__in=ids)).values_list("from_project_id", "to_project_id")}
    new, flags = [], []
    for pair, row in sorted(rows.items()):
        if pair in existing:
            continue  # related already, whichever way and kind: an editor may have set it
        if isinstance(row, Proposal):
            note = _("proposed by the importer") if not row.sure else ""
            new.append(pm.ProjectRelation(from_project_id=row.first, to_project_id=row.second, kind=row.kind,
                                          note=note))
            if not row.sure:
                flags.append((row.first, row.reason))
        else:
            first, second, kind, note = row
            new.append(pm.ProjectRelation(from_project_id=first, to_project_id=second, kind=kind, note=note))
    bulk_create_with_history(new, pm.ProjectRelation)
    _flag(flags)
    # A doubt about a relation carried by a JSON export comes as a plain flag: it is a warning, never a fault.
    pm.ReviewFlag.objects.filter(project__in=ids, field=FLAG_FIELD, severity="",
                                 state=pm.ReviewFlag.State.OPEN).update(severity=pm.ReviewFlag.Severity.WARNING)
    return len(new)


def _flag(flags: list[tuple[int, str]]) -> None:
    """A warning per doubt, unless the project has it open already (a JSON export carries its open flags)."""
    if not flags:
        return
    have = set(pm.ReviewFlag.objects.filter(project_id__in={pk for pk, _r in flags}, field=FLAG_FIELD,
                                            state=pm.ReviewFlag.State.OPEN).values_list("project_id", "reason"))
    new = [pm.ReviewFlag(project_id=pk, field=FLAG_FIELD, reason=reason[:500], severity=pm.ReviewFlag.Severity.WARNING)
           for pk, reason in flags if (pk, reason[:500]) not in have]
    bulk_create_with_history(new, pm.ReviewFlag)
