"""Relations between imported projects: which records are linked, and the kind the importer can justify for each.

Pairs come from the records (the parser's nearly identical texts, a JSON record's `related_to` codes or
identifiers, a JSON export's `relations`) and from families within one file: codes that differ only in one number
("ZAI/08/001", "ZAI/09/001"), or titles the source wrote that are the same once years and phase numbers are left
out ("Internet Governance Forum 2009", "... 2010"). The kind, read from the later project:

| what the two records show | kind proposed | flagged |
| --- | --- | --- |
| a kind a JSON export states | that kind | no |
| the same time frame, texts alike | duplicate (the same project recorded twice) | yes |
| the later starts once the earlier is over, in the year it ends or the next | previous phase | unless a code or title family says so too |
| a gap of two years or more, a code or title family | previous phase | yes |
| anything else (overlapping periods, no dates) | related | no |

A pair already related in the registry, whichever way and kind, is left as it is: an editor may have set it.
A doubt is a ReviewFlag of severity "warning" on the later project: listed for the reviewers, not blocking.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from capdev.narrative.types import Record
from capdev.projects import models as pm

FLAG_FIELD = "relations"
Kind = pm.RelationKind
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_PHASE = re.compile(r"\b(phase|stage|part|edition)\s+([ivx]+|\d+|one|two|three|four|five)\b", re.I)
_ORDINAL = re.compile(r"\b(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b", re.I)


@dataclass(frozen=True)
class Proposal:
    """A relation to write: from the record at index `first` to the one at `second`, of a kind."""

    first: int
    second: int
    kind: str
    sure: bool
    reason: str = ""


# -- families --------------------------------------------------------------------------------------------------------

def code_family_key(code: str | None) -> str | None:
    """A code with its numbers blanked ("ZAI/#/#"): codes of one family share it (None when it has no number)."""
    if not code:
        return None
    tokens = _TOKEN.findall(code.upper())
    numbers = sum(t.isdigit() for t in tokens)
    if not numbers or not (numbers >= 2 or any(len(t) >= 2 and t.isalpha() for t in tokens)):
        return None  # "2122M" and "2326B" are two projects, not a family: one number and a letter say nothing
    return "/".join("#" if t.isdigit() else t for t in tokens)


def same_code_family(a: str | None, b: str | None) -> bool:
    """Codes that differ in one number only ("ZAI/08/001" and "ZAI/09/001", "IGF-2009" and "IGF-2010")."""
    if not a or not b or code_family_key(a) != code_family_key(b) or code_family_key(a) is None:
        return False
    diff = [(x, y) for x, y in zip(_TOKEN.findall(a.upper()), _TOKEN.findall(b.upper())) if x != y]
    return len(diff) == 1


def title_family_key(record: Record) -> str | None:
    """A title the source wrote, without its years, phase numbers and ordinals; None for a title the importer made."""
    if not record.title or record.title_is_proposed:
        return None
    text = _ORDINAL.sub(" ", _PHASE.sub(" ", _YEAR.sub(" ", record.title)))
    words = re.findall(r"[^\W_]+", text.casefold())
    return " ".join(words) if len(words) >= 2 else None


def same_family(a: Record, b: Record) -> bool:
    """Whether a code family or a title family links two records (independent of how alike their texts are)."""
    title = title_family_key(a)
    return same_code_family(a.code, b.code) or (title is not None and title == title_family_key(b))


def family_pairs(records: list[Record]) -> set[tuple[int, int]]:
    """Pairs of records (by index) of one code or title family within a file: grouped by key, never all pairs."""
    groups: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for r in records:
        for kind, key in (("code", code_family_key(r.code)), ("title", title_family_key(r))):
            if key:
                groups[(kind, key)].append(r)
    pairs = set()
    for (kind, _key), members in groups.items():
        if len(members) > 50:
            continue  # a key shared that widely is a pattern of the publisher's codes, not one programme
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if kind == "title" or same_code_family(a.code, b.code):
                    pairs.add((min(a.index, b.index), max(a.index, b.index)))
    return pairs


# -- the kind --------------------------------------------------------------------------------------------------------

def _years(record: Record) -> tuple[int, int] | None:
    start, end = record.start or record.end, record.end or record.start
    return (start.year, end.year) if start and end else None


def _label(record: Record) -> str:
    years = _years(record)
    title = (record.title or record.code or "?")[:80]
    return f"“{title}” ({years[0]})" if years else f"“{title}”"


def propose(a: Record, b: Record, *, by_text: bool) -> Proposal:
    """The kind the two records justify, read from the later one (see the module's table)."""
    family = same_family(a, b)
    why = _("similar text") if by_text else ""
    if family:
        why = ", ".join(filter(None, [why, _("the same code or title family")]))
    if a.start and b.start and (a.start, a.end) == (b.start, b.end) and by_text:
        later, earlier = (b, a) if b.index > a.index else (a, b)
        return Proposal(later.index, earlier.index, Kind.DUPLICATE, sure=False, reason=_(
            "Proposed as a duplicate of %(other)s (%(why)s, the same time frame): the same project recorded "
            "twice? Keep one, or change the kind under Related projects.") % {"other": _label(earlier), "why": why})
    ya, yb = _years(a), _years(b)
    if ya is None or yb is None:
        return Proposal(a.index, b.index, Kind.RELATED, sure=True)
    earlier, later = (a, b) if (ya, a.index) <= (yb, b.index) else (b, a)
    (_e_start, e_end), (l_start, _l_end) = _years(earlier), _years(later)
    gap = l_start - e_end
    # The later one starts once the earlier is over (within the precision its end is known to): periods that
    # overlap are parallel projects, not phases.
    starts_after = (later.start or later.end).first_day() >= (earlier.end or earlier.start).first_day() and \
        (later.start or later.end).first_day() > (earlier.start or earlier.end).first_day()
    if starts_after and gap in (0, 1):
        reason = _("Proposed as the next phase of %(other)s (%(why)s, consecutive years): confirm it, or change "
                   "the kind under Related projects.") % {"other": _label(earlier), "why": why}
        return Proposal(later.index, earlier.index, Kind.PREVIOUS_PHASE, sure=family, reason=reason)
    if starts_after and gap > 1 and family:
        reason = _("Proposed as a later phase of %(other)s (%(why)s, %(gap)d years apart): confirm it, or change "
                   "the kind under Related projects.") % {"other": _label(earlier), "why": why, "gap": gap}
        return Proposal(later.index, earlier.index, Kind.PREVIOUS_PHASE, sure=False, reason=reason)
    return Proposal(a.index, b.index, Kind.RELATED, sure=True)


# -- writing ---------------------------------------------------------------------------------------------------------

def _registry_refs(refs: Iterable[str]) -> dict[str, pm.Project]:
    """Registry projects by code and by IATI identifier, for references a file's records do not resolve."""
    refs = {r for r in refs if r}
    found: dict[str, pm.Project] = {}
    for field in ("code", "iati_identifier"):
        for project in pm.Project.objects.registry_with(field, refs - set(found)):
            found[getattr(project, field)] = project
    return found


def link(records: list[Record], projects: dict[int, pm.Project],
         stated: dict[int, list[dict]] | None = None) -> int:
    """Write the relations among the records just loaded (and to registry projects they name); returns how many
    were written. `stated`: a JSON export's `relations` per record index, each {"kind", "index" or "project"}."""
    by_ref: dict[str, Record] = {}
    for r in records:
        for ref in (r.code, r.iati_identifier):
            if ref:
                by_ref.setdefault(ref, r)
    by_index = {r.index: r for r in records}
    outside = _registry_refs(t for r in records for t in r.related_to
                             if isinstance(t, str) and t not in by_ref)
    explicit: dict[tuple[int, int], tuple[int, int, str, str]] = {}  # pair of project ids -> (from, to, kind, note)
    for index, entries in (stated or {}).items():
        for entry in entries:
            other = _stated_project(entry, by_index, by_ref, projects)
            kind = entry.get("kind")
            if other is not None and kind in Kind.values and index in projects:
                me = projects[index].pk
                if other.pk != me:
                    note = str(entry.get("note") or "")[:300]
                    explicit.setdefault(tuple(sorted((me, other.pk))), (me, other.pk, kind, note))
    by_text: set[tuple[int, int]] = set()
    to_registry: list[tuple[int, pm.Project]] = []
    for r in records:
        for target in r.related_to:
            other = by_index.get(target) if isinstance(target, int) else by_ref.get(target)
            if other is not None and other.index != r.index:
                by_text.add((min(r.index, other.index), max(r.index, other.index)))
            elif isinstance(target, str) and target in outside:
                to_registry.append((r.index, outside[target]))
    rows: dict[tuple[int, int], Proposal | tuple] = {}
    for pair in by_text | family_pairs(records):
        a, b = (by_index[i] for i in pair)
        ids = tuple(sorted((projects[a.index].pk, projects[b.index].pk)))
        if ids[0] != ids[1]:
            rows[ids] = propose(a, b, by_text=pair in by_text)
    for index, other in to_registry:
        me = projects[index].pk
        if me != other.pk:
            rows.setdefault(tuple(sorted((me, other.pk))), (me, other.pk, Kind.RELATED, ""))
    rows.update(explicit)
    written = _write(rows, projects)
    # A doubt about a relation carried by a JSON export comes as a plain flag: it is a warning, never a fault.
    pm.ReviewFlag.objects.filter(project__in=[p.pk for p in projects.values()], field=FLAG_FIELD, severity="",
                                 state=pm.ReviewFlag.State.OPEN).update(severity=pm.ReviewFlag.Severity.WARNING)
    return written


def _stated_project(entry: dict, by_index, by_ref, projects) -> pm.Project | None:
    index = entry.get("index")
    if isinstance(index, int) and index in projects:
        return projects[index]
    target = entry.get("project") or {}
    for ref in (target.get("code"), target.get("iati_identifier")):
        if isinstance(ref, str) and ref in by_ref:
            return projects[by_ref[ref].index]
    refs = [r for r in (target.get("code"), target.get("iati_identifier")) if isinstance(r, str)]
    found = _registry_refs(refs)
    return next((found[r] for r in refs if r in found), None)


def _write(rows: dict, projects: dict[int, pm.Project]) -> int:
    if not rows:
        return 0
    ids = {pk for pair in rows for pk in pair}
    existing = {tuple(sorted(pair)) for pair in pm.ProjectRelation.objects.filter(
        Q(from_project__in=ids) & Q(to_project__in=ids)).values_list("from_project_id", "to_project_id")}
    pk_of_index = {index: p.pk for index, p in projects.items()}
    new, flags = [], []
    for pair, row in sorted(rows.items()):
        if pair in existing:
            continue  # related already, whichever way and kind: an editor may have set it
        if isinstance(row, Proposal):
            first, second = pk_of_index[row.first], pk_of_index[row.second]
            note = _("proposed by the importer") if not row.sure else ""
            new.append(pm.ProjectRelation(from_project_id=first, to_project_id=second, kind=row.kind, note=note))
            if not row.sure:
                flags.append((first, row.reason))
        else:
            first, second, kind, note = row
            new.append(pm.ProjectRelation(from_project_id=first, to_project_id=second, kind=kind, note=note))
    bulk_create_with_history(new, pm.ProjectRelation)
    _flag(flags)
    return len(new)


def _flag(flags: list[tuple[int, str]]) -> None:
    """A warning per doubt, unless the project has it open already (a JSON export carries its open flags)."""
    if not flags:
        return
    open_ = pm.ReviewFlag.objects.filter(project_id__in={pk for pk, _r in flags}, field=FLAG_FIELD,
                                         state=pm.ReviewFlag.State.OPEN)
    have = {(f.project_id, f.reason): f for f in open_}
    new = []
    for project_id, reason in flags:
        if (project_id, reason[:500]) not in have:
            new.append(pm.ReviewFlag(project_id=project_id, field=FLAG_FIELD, reason=reason[:500],
                                     severity=pm.ReviewFlag.Severity.WARNING))
    bulk_create_with_history(new, pm.ReviewFlag)
