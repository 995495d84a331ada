"""Related activities of an imported file as relations between projects, once every activity of it is written.

An activity names another by its identifier: one of the same file, a project imported before (its
iati_identifier), or one of Capdev's own projects, whose identifier Capdev minted (the reporting organisation's
reference and the project's code, or "capdev-" and its key: export.identifier). A pair already related, either
way and of any kind, stays as it is (an editor may have set it; the other activity of the pair often names the
first too). An identifier found nowhere links nothing: the activity's XML, kept as its SourceRecord, still has it.
"""
from __future__ import annotations

from django.db.models import Q

from capdev.core.bulk import create_with_history
from capdev.projects.models import Project, ProjectRelation

from . import conf


def link(related: list[tuple[int, str, str]]) -> int:
    """Write the relations (project, identifier it names, kind) that resolve; returns how many were written."""
    if not related:
        return 0
    found = resolve({ref for _pk, ref, _kind in related})
    wanted: dict[tuple[int, int], tuple[int, int, str]] = {}
    for pk, ref, kind in related:
        other = found.get(ref)
        if other is not None and other != pk:
            wanted.setdefault(tuple(sorted((pk, other))), (pk, other, kind))
    if not wanted:
        return 0
    ids = {pk for pair in wanted for pk in pair}
    existing = {tuple(sorted(pair)) for pair in ProjectRelation.objects.filter(
        Q(from_project__in=ids) & Q(to_project__in=ids)).values_list("from_project_id", "to_project_id")}
    rows = [ProjectRelation(from_project_id=first, to_project_id=second, kind=kind)
            for pair, (first, second, kind) in sorted(wanted.items()) if pair not in existing]
    create_with_history(ProjectRelation, rows)
    return len(rows)


def resolve(refs: set[str]) -> dict[str, int]:
    """The registry project each identifier names, where one does."""
    from .export import identifier

    found = {p.iati_identifier: p.pk for p in Project.objects.registry_with("iati_identifier", refs)}
    own = conf.reporting_org()["ref"] + "-"
    minted = {ref: ref[len(own):] for ref in refs - set(found) if ref.startswith(own)}
    keys = {ref: local.removeprefix("capdev-") for ref, local in minted.items() if local.startswith("capdev-")}
    by_key = Project.objects.registry().filter(
        pk__in=[int(k) for k in keys.values() if k.isascii() and k.isdigit() and len(k) < 12])
    by_key = {p.pk: p for p in by_key.filter(iati_identifier__isnull=True)}
    for ref, key in keys.items():
        if key.isdigit() and int(key) in by_key:
            found[ref] = int(key)
    # A code written in an identifier has IATI's forbidden characters replaced: "ZAI/08/001" is "ZAI-08-001".
    codes = {ref: {local, local.replace("-", "/"), local.replace("-", " ")} for ref, local in minted.items()
             if ref not in found}
    for project in Project.objects.registry_with("code", {c for cs in codes.values() for c in cs}):
        ref = identifier(project)
        if ref in codes and ref not in found:
            found[ref] = project.pk
    return found
