"""The version of everything a public page may show: it moves with every committed change of registry data.

The pages' validators (ETag, Last-Modified) and the page cache's keys are derived from it (capdev.core.http_cache),
so that a publish, an edit, an import, an erasure or an assessment's publication is seen at the next request.

It is kept as capdev.projects.index_version keeps the in-memory indexes' version, whose change rows it follows
(`index_version.bump` bumps this one too), and more widely: a save, delete or many-to-many change of any model
of the registry (every CapdevModel, and the models registered with `track`) adds a row here, once per
transaction. Rows are only added, never updated (a long import and an editor's save never wait for each other on
it), and commit or roll back with the change they mark. The version is the number of rows, the largest id and
its random token: a transaction committing after a later one raises the count though not the largest id, so the
version read afterwards differs either way; ids start again after a flush, tokens never repeat. Old rows are
pruned in a transaction that adds one (the largest id is always kept).

Why not the index's version alone: it follows what the indexes read (projects, their rows, reference data); a
change of anything else that pages show (assessments, networks, resources, indicators) would be a change of
"anything" there, and read a million projects again.
"""
from __future__ import annotations

import uuid

from django.apps import apps
from django.db import connections, router
from django.db.models.signals import m2m_changed, post_delete, post_save

KEEP = 200  # rows kept when pruning
PRUNE_EVERY = 1000  # prune when a new row's id is a multiple of this
_MARK = "_capdev_content_version_mark"
_TRACKED: set = set()


def database() -> str:
    """The database the version is read from: the one pages read from (a router sending reads to a replica
    reads the version there too, so a page is never keyed on a version newer than the data it shows)."""
    from .models import ContentChange

    return router.db_for_read(ContentChange)


def current(using: str | None = None) -> tuple[str, object]:
    """The version now, "<rows>:<largest id>:<its token>", and when that row was written (one query)."""
    from .models import ContentChange

    using = using or database()
    table = connections[using].ops.quote_name(ContentChange._meta.db_table)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT (SELECT COUNT(*) FROM {table}), id, token, changed FROM {table} "
                       f"ORDER BY id DESC LIMIT 1")
        last = cursor.fetchone()
    # Whoever read the version has seen the changes marked so far: a later change in the same transaction (a test
    # reading its own writes) is marked again, or a page read in between would pass for current.
    setattr(connections[using], _MARK, None)
    if last is None:
        return "0:0:", None
    return f"{last[0]}:{last[1]}:{last[2]}", last[3]


def bump(using: str = "default") -> None:
    """Mark a change (once per transaction: a second mark in it adds nothing, unless the savepoint of the first
    was rolled back)."""
    from .models import ContentChange

    connection = connections[using]
    if connection.in_atomic_block:
        outer, savepoints = connection.atomic_blocks[0], tuple(connection.savepoint_ids)
        mark = getattr(connection, _MARK, None)
        if mark is not None and mark[0] is outer and savepoints[:len(mark[1])] == mark[1]:
            return
        setattr(connection, _MARK, (outer, savepoints))
    row = ContentChange.objects.using(using).create(token=uuid.uuid4().hex)
    if row.pk % PRUNE_EVERY == 0:
        ContentChange.objects.using(using).filter(id__lte=row.pk - KEEP).delete()


def _on_change(sender, instance=None, using=None, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loaddata
    if kwargs.get("action", "post_").startswith("post_"):
        bump(using or "default")


def track(*models) -> None:
    """Also mark a change on every save and delete of these models (registry data that is not a CapdevModel)."""
    for model in models:
        if model in _TRACKED:
            continue
        _TRACKED.add(model)
        label = model._meta.label
        post_save.connect(_on_change, sender=model, dispatch_uid=f"capdev-content-version-save-{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"capdev-content-version-delete-{label}")


def connect() -> None:
    """Track every concrete CapdevModel, and many-to-many changes between them (at start-up, after the models)."""
    from .models import CapdevModel

    track(*(m for m in apps.get_models() if issubclass(m, CapdevModel) and not m._meta.abstract))

    def on_m2m(sender, instance, action, using=None, **kwargs):
        if type(instance) in _TRACKED and action.startswith("post_"):
            bump(using or "default")

    m2m_changed.connect(on_m2m, weak=False, dispatch_uid="capdev-content-version-m2m")
