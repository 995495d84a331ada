"""Keep the full-text index current when a project or one of its rows is saved or deleted one by one.

Bulk paths (the importers, the generator) send no signals and reindex explicitly. Here, every project touched
in a transaction is reindexed once, when the transaction commits (nothing happens if it rolls back).
"""
from __future__ import annotations

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

_PENDING = "_capdev_reindex_pending"


def _flush() -> None:
    ids = getattr(connection, _PENDING, None) or set()
    setattr(connection, _PENDING, None)
    ids = {pk for pk in ids if pk}
    if ids:
        from .search import reindex_projects

        reindex_projects(ids)


def queue_reindex(project_id: int | None) -> None:
    """Reindex this project when the current transaction commits (at once outside a transaction)."""
    if not project_id:
        return
    pending = getattr(connection, _PENDING, None)
    # A rolled-back transaction drops its on-commit callbacks: start over when ours is gone.
    registered = pending is not None and any(func is _flush for _sids, func, *_ in connection.run_on_commit)
    if not registered:
        pending = set()
        setattr(connection, _PENDING, pending)
        pending.add(project_id)
        transaction.on_commit(_flush)
    else:
        pending.add(project_id)


def _project_id(instance) -> int | None:
    from .models import Project

    if isinstance(instance, Project):
        return None if instance.draft_of_id else instance.pk  # working copies are never searched
    return getattr(instance, "project_id", None)


def _on_change(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # fixtures loading
    queue_reindex(_project_id(instance))


def connect() -> None:
    """Connect the handlers to Project and to each model whose rows go into its search document."""
    from capdev.activities.models import Activity

    from .models import ExpectedAccomplishment, Outcome, Project, ProjectCountry, ProjectPartner

    # The models build_document reads (capdev.projects.search.DOCUMENT_PREFETCH), and the project itself.
    for model in (Project, ExpectedAccomplishment, Outcome, Activity, ProjectPartner, ProjectCountry):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"capdev-reindex-save-{model._meta.label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"capdev-reindex-delete-{model._meta.label}")
