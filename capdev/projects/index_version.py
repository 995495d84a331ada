"""The portfolio's version: it changes whenever a project, one of its rows or the reference data changes.

Each process keeps an in-memory index of the portfolio (capdev.projects.facet_index); before using it, a
request reads the version (one small query) and rebuilds the index when it differs from the one the index
was built at.

A change adds rows to `IndexChange`, and the version is the number of rows with the largest id and that
row's random token (ids start again after a flush; tokens do not repeat). Rows are only added, never
updated, so a long import and an editor's save never wait for each other on it (an updated single row would
hold its lock until the import commits). A row commits or rolls back with the change it marks; a transaction
that commits after a later one raises the count though not the largest id, so either way the version read
afterwards differs. Old rows are pruned (the
largest id is always kept, and a prune happens in a transaction that adds a row), so no version repeats.

A row names the project it is about, so that an index can read just that project again (facet_index's
refresh) instead of the whole portfolio: one row per project per transaction, however many of its rows
were saved. A row without a project (reference data, bulk writes, more than INCREMENTAL_LIMIT projects in
one transaction) means "anything may have changed".

Single saves and deletes add the rows through signals. Bulk paths that send no signals call `bump()`
themselves: `reindex_projects` does, which covers the narrative importer; the IATI importer also marks the
projects it creates and the organisations and regions it creates in bulk; the generator calls it at the end.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_save

from capdev.core import content_version

_MARK = "_capdev_index_version_marks"
KEEP = 200  # rows kept when pruning
PRUNE_EVERY = 1000  # prune when a new row's id is a multiple of this
INCREMENTAL_LIMIT = 500  # more projects than this in one transaction: one row for "anything"
ANYTHING = None


def current(using: str = "default") -> str:
    """The version now: "<rows>:<largest id>:<its random token>" (one query)."""
    from .models import IndexChange

    table = connections[using].ops.quote_name(IndexChange._meta.db_table)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT (SELECT COUNT(*) FROM {table}), id, token FROM {table} ORDER BY id DESC LIMIT 1")
        last = cursor.fetchone()
    return "0:0:" if last is None else f"{last[0]}:{last[1]}:{last[2]}"


def changes(using: str = "default") -> dict[int, tuple[str, int | None]]:
    """Every change row there is: id -> (token, project id or None for anything). At most some 1,200.

    Whoever reads them has taken in the changes marked so far: a later change in the same transaction, even
    of a project already marked in it, is marked again (else an index read in between would miss it).
    """
    from .models import IndexChange

    rows = {pk: (token, project) for pk, token, project
            in IndexChange.objects.using(using).values_list("id", "token", "project_id")}
    setattr(connections[using], _MARK, None)
    return rows


class ReadWhole(Exception):
    """The changes since an index was read cannot be applied one project at a time: read it whole again."""


def changed_since(seen: dict[int, str], now: dict[int, tuple[str, int | None]]) -> set[int]:
    """The projects changed since an index took in the change rows `seen` (id -> token), from the rows there are
    `now` (changes()). Raises ReadWhole for a change of anything, too many projects, or rows that cannot be
    accounted for (a flush; a prune, which may have removed a row committed late that the index never saw)."""
    if not seen or not now:
        raise ReadWhole("no change rows")
    oldest = min(now)
    if any(pk >= oldest and now.get(pk, (None,))[0] != token for pk, token in seen.items()):
        raise ReadWhole("a change the index took in is gone")
    changed: set[int] = set()
    for pk, (token, project) in now.items():
        if seen.get(pk) == token:
            continue
        if project is ANYTHING or pk % PRUNE_EVERY == 0:
            raise ReadWhole("a change of anything, or a prune")
        changed.add(project)
    if len(changed) > INCREMENTAL_LIMIT:
        raise ReadWhole("too many projects changed")
    return changed


def _live_marks(connection) -> dict:
    """What this transaction has marked already and not rolled back: key -> savepoints it was marked in."""
    outer, savepoints = connection.atomic_blocks[0], tuple(connection.savepoint_ids)
    state = getattr(connection, _MARK, None)
    if state is None or state[0] is not outer:
        state = (outer, {})
        setattr(connection, _MARK, state)
    marks = state[1]
    for key, marked_in in list(marks.items()):
        if savepoints[:len(marked_in)] != marked_in:  # a savepoint rolled back took that row with it
            del marks[key]
    return marks


def bump(using: str = "default", projects: Iterable[int] | None = ANYTHING) -> None:
    """Mark a change of these projects (ANYTHING: of anything), once per project and transaction."""
    from .models import IndexChange

    connection = connections[using]
    keys: list = [ANYTHING] if projects is ANYTHING else sorted({int(p) for p in projects if p})
    if not keys:
        return
    if len(keys) > INCREMENTAL_LIMIT:
        keys = [ANYTHING]
    if connection.in_atomic_block:
        marks = _live_marks(connection)
        if ANYTHING in marks:
            return  # "anything" already covers every project
        keys = [k for k in keys if k not in marks]
        if keys and keys != [ANYTHING] and len(marks) + len(keys) > INCREMENTAL_LIMIT:
            keys = [ANYTHING]
        savepoints = tuple(connection.savepoint_ids)
        marks.update((k, savepoints) for k in keys)
    if not keys:
        return
    content_version.bump(using)  # what pages show moved too (their validators and cache keys follow it)
    rows = IndexChange.objects.using(using).bulk_create(
        [IndexChange(token=uuid.uuid4().hex, project_id=k) for k in keys])
    due = [row.pk for row in rows if row.pk is not None and row.pk % PRUNE_EVERY == 0]
    if due:
        IndexChange.objects.using(using).filter(id__lte=max(due) - KEEP).delete()


def _tracked_models() -> tuple:
    from capdev.activities.models import Activity
    from capdev.organisations.models import FundingSource, Organisation, OrgUnit
    from capdev.reference.models import Country, Currency, Region, SdgGoal, SdgTarget

    from .models import (
        Budget,
        ExpectedAccomplishment,
        Project,
        ProjectCountry,
        ProjectPartner,
        ProjectRegion,
        ProjectSdgGoal,
        ProjectSdgTarget,
    )

    # What the indexes read: the project's own columns, the rows facets and filters count, the text similar
    # projects are compared by (capdev.projects.similar), and the labels.
    # The first are a project's own rows (a change is that project's), the others anyone's.
    own = (Budget, ProjectCountry, ProjectRegion, ProjectSdgGoal, ProjectSdgTarget, ProjectPartner, Activity,
           ExpectedAccomplishment)
    return (Project, *own), (Organisation, OrgUnit, FundingSource, Country, Region, SdgGoal, SdgTarget, Currency)


_PREVIOUS = "_capdev_index_project_before"


def _scope(instance) -> list[int] | None:
    """The projects a saved or deleted row is about (ANYTHING for reference data)."""
    if type(instance) not in _PROJECT_ROWS:
        return ANYTHING
    if instance._meta.label == "projects.Project":
        return [instance.pk]
    # A row moved to another project changes the one it left too.
    return [p for p in {getattr(instance, "project_id", None), getattr(instance, _PREVIOUS, None)} if p]


class RemembersProject:
    """A project's row that keeps the project it was read with: moved to another, it changes both."""

    @classmethod
    def from_db(cls, db, field_names, values):
        """The row as read, noting its project (no query: what the read returned)."""
        instance = super().from_db(db, field_names, values)
        instance.__dict__[_PREVIOUS] = instance.__dict__.get("project_id")
        return instance


def _on_change(sender, instance, using=None, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loaddata: fixtures load into a database whose token nobody has read yet
    scope = _scope(instance)
    if scope is ANYTHING or scope:
        bump(using or "default", scope)
    if type(instance) in _PROJECT_ROWS:
        # Saved now under this project (read from the database or just created): a later move leaves it.
        instance.__dict__[_PREVIOUS] = instance.__dict__.get("project_id")


def _on_m2m(sender, instance, action, using=None, model=None, pk_set=None, **kwargs) -> None:
    if not action.startswith("post_") or sender not in _TRACKED_THROUGH:
        return
    if instance._meta.label == "projects.Project":
        bump(using or "default", [instance.pk])
    elif model is not None and model._meta.label == "projects.Project" and pk_set:
        bump(using or "default", pk_set)
    else:
        bump(using or "default")  # cleared from the other side: which projects is not told


_PROJECT_ROWS: set = set()
_TRACKED_THROUGH: set = set()


def connect() -> None:
    """Mark a change on every save and delete of a tracked model, and on changes to their many-to-many links."""
    projects_and_rows, reference = _tracked_models()
    _PROJECT_ROWS.update(projects_and_rows)
    for model in (*projects_and_rows, *reference):
        label = model._meta.label
        post_save.connect(_on_change, sender=model, dispatch_uid=f"capdev-index-version-save-{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"capdev-index-version-delete-{label}")
        _TRACKED_THROUGH.add(model)
    m2m_changed.connect(_on_m2m, dispatch_uid="capdev-index-version-m2m")
