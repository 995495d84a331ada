"""The portfolio's version token: replaced whenever a project, one of its rows or the reference data changes.

Each process keeps an in-memory index of the portfolio (capdev.projects.facet_index); before using it, a
request reads the token (one primary-key lookup) and rebuilds the index when the token differs from the
one the index was built at. The token is random rather than a counter so that a rolled-back transaction, a
flushed database or another process can never bring back a value an index was built for with other data.

Single saves and deletes bump it through signals, at most once per transaction (the row lock it takes is
held to the commit, so one update is enough). Bulk paths that send no signals call `bump()` themselves:
`reindex_projects` does, which covers the importers; the generator calls it at the end.
"""
from __future__ import annotations

import uuid

from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_save

NAME = "portfolio"
_MARK = "_capdev_index_version_bumped"


def current(using: str = "default") -> str | None:
    """The token now (None before anything was ever bumped, e.g. right after a flush)."""
    from .models import IndexVersion

    return IndexVersion.objects.using(using).filter(name=NAME).values_list("token", flat=True).first()


def bump(using: str = "default") -> None:
    """Replace the token (once per transaction: later calls in the same one change nothing)."""
    from .models import IndexVersion

    connection = connections[using]
    if connection.in_atomic_block:
        outer, savepoints = connection.atomic_blocks[0], tuple(connection.savepoint_ids)
        mark = getattr(connection, _MARK, None)
        # Done already in this transaction, in a savepoint still alive (one rolled back took the bump with it).
        if mark is not None and mark[0] is outer and savepoints[:len(mark[1])] == mark[1]:
            return
        setattr(connection, _MARK, (outer, savepoints))
    IndexVersion.objects.using(using).update_or_create(name=NAME, defaults={"token": uuid.uuid4().hex})


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
