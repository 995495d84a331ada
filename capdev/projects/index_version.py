"""The portfolio's version: it changes whenever a project, one of its rows or the reference data changes.

Each process keeps an in-memory index of the portfolio (capdev.projects.facet_index); before using it, a
request reads the version (one small query) and rebuilds the index when it differs from the one the index
was built at.

A change adds a row to `IndexChange` (at most one per transaction), and the version is the number of rows
with the largest id and that row's random token (ids start again after a flush; tokens do not repeat). Rows are only added, never updated, so a long import and an editor's save never wait
for each other on it (an updated single row would hold its lock until the import commits). A row commits
or rolls back with the change it marks; a transaction that commits after a later one raises the count
though not the largest id, so either way the version read afterwards differs. Old rows are pruned (the
largest id is always kept, and a prune happens in a transaction that adds a row), so no version repeats.

Single saves and deletes add the row through signals. Bulk paths that send no signals call `bump()`
themselves: `reindex_projects` does, which covers the importers; the generator calls it at the end.
"""
from __future__ import annotations

import uuid

from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_save

_MARK = "_capdev_index_version_bumped"
KEEP = 200  # rows kept when pruning
PRUNE_EVERY = 1000  # prune when the new row's id is a multiple of this


def current(using: str = "default") -> str:
    """The version now: "<rows>:<largest id>:<its random token>" (one query)."""
    from .models import IndexChange

    table = connections[using].ops.quote_name(IndexChange._meta.db_table)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT (SELECT COUNT(*) FROM {table}), id, token FROM {table} ORDER BY id DESC LIMIT 1")
        last = cursor.fetchone()
    return "0:0:" if last is None else f"{last[0]}:{last[1]}:{last[2]}"


def bump(using: str = "default") -> None:
    """Mark a change (once per transaction: later calls in the same one add nothing)."""
    from .models import IndexChange

    connection = connections[using]
    if connection.in_atomic_block:
        outer, savepoints = connection.atomic_blocks[0], tuple(connection.savepoint_ids)
        mark = getattr(connection, _MARK, None)
        # Done already in this transaction, in a savepoint still alive (one rolled back took the row with it).
        if mark is not None and mark[0] is outer and savepoints[:len(mark[1])] == mark[1]:
            return
        setattr(connection, _MARK, (outer, savepoints))
    row = IndexChange.objects.using(using).create(token=uuid.uuid4().hex)
    if row.pk % PRUNE_EVERY == 0:
        IndexChange.objects.using(using).filter(id__lte=row.pk - KEEP).delete()


def _tracked_models() -> tuple:
    from capdev.activities.models import Activity
    from capdev.organisations.models import FundingSource, Organisation, OrgUnit
    from capdev.reference.models import Country, Region, SdgGoal, SdgTarget

    from .models import (Budget, Project, ProjectCountry, ProjectPartner, ProjectRegion, ProjectSdgGoal,
                         ProjectSdgTarget)

    # What the index reads: the project's own columns, the rows facets and filters count, and the labels.
    return (Project, Budget, ProjectCountry, ProjectRegion, ProjectSdgGoal, ProjectSdgTarget, ProjectPartner,
            Activity, Organisation, OrgUnit, FundingSource, Country, Region, SdgGoal, SdgTarget)


def _on_change(sender, instance, using=None, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loaddata: fixtures load into a database whose token nobody has read yet
    bump(using or "default")


def _on_m2m(sender, instance, action, using=None, **kwargs) -> None:
    if action.startswith("post_") and sender in _TRACKED_THROUGH:
        bump(using or "default")


_TRACKED_THROUGH: set = set()


def connect() -> None:
    """Bump the token on every save and delete of a tracked model, and on changes to their many-to-many links."""
    for model in _tracked_models():
        label = model._meta.label
        post_save.connect(_on_change, sender=model, dispatch_uid=f"capdev-index-version-save-{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"capdev-index-version-delete-{label}")
        _TRACKED_THROUGH.add(model)
    m2m_changed.connect(_on_m2m, dispatch_uid="capdev-index-version-m2m")
