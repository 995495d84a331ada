"""A project's versions (who changed it, when) and a readable field-by-field diff between consecutive ones.

A version starts at each save of the project row (every write path in Capdev saves the project first: the
editor, publishing, revert, the importer) and takes in the changes to its rows that follow, until the next
save of the project or a pause of more than VERSION_GAP (a later change made to a row alone, e.g. in the admin).
All history of the project is read in a fixed number of queries and replayed in memory.
"""
from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from capdev.core.views import plain_number
from capdev.projects import models as pm

from . import tree

VERSION_GAP = dt.timedelta(seconds=10)
OWN_PROJECT_KEYS = {"project_id", "from_project_id", "draft_of_id"}
TEXT_LIMIT = 300


@dataclass
class RowChange:
    """A row added, removed, or changed (with its field changes)."""

    kind: str  # "added", "removed", "changed"
    label: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class NodeDiff:
    """The changes to one kind of row (budgets, activities...)."""

    name: str
    title: str
    rows: list[RowChange]


@dataclass
class Version:
    """One version of a project: who, when, and the state after it."""

    number: int
    date: dt.datetime
    user_id: int | None
    state: dict[str, Any]
    user: Any = None
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    nodes: list[NodeDiff] = field(default_factory=list)
    # When this version published a working copy: the copy's own versions, who made each edit (the copy and
    # its history rows outlive it only in the history tables).
    copy_versions: list[Version] = field(default_factory=list)
    copy_started_by: Any = None
    override: Any = None  # the PublishOverride of the publish this version made, if it was over IATI errors

    @property
    def copy_editors(self) -> list:
        """The people who edited the working copy this version published, in the order they first did."""
        return list({v.user.pk: v.user for v in self.copy_versions if v.user is not None}.values())

    @property
    def is_empty(self) -> bool:
        """True when nothing changed from the version before."""
        return not self.fields and not self.nodes


def versions(project_pk: int, with_copies: bool = True) -> list[Version]:
    """The project's versions, oldest first, each with its diff from the one before (and, for a version that
    published a working copy, the copy's versions: who edited it, and what)."""
    events = tree.history_events(project_pk)
    result: list[Version] = []
    state = tree.empty_state()
    last_date = None
    for event in events:
        date, _hid, name, _kind, user_id, _values = event
        starts = not result or name == "project" or (last_date is not None and date - last_date > VERSION_GAP)
        if starts and result:
            result[-1].state = tree.prune(copy.deepcopy(state))
        if starts:
            result.append(Version(number=len(result) + 1, date=date, user_id=user_id, state={}))
        elif result[-1].user_id is None and user_id is not None:
            result[-1].user_id = user_id
        tree.apply_event(state, event)
        last_date = date
    if result:
        result[-1].state = tree.prune(copy.deepcopy(state))
    users = get_user_model().objects.in_bulk({v.user_id for v in result if v.user_id})
    names = Labeller([v.state for v in result])
    previous = tree.empty_state()
    for version in result:
        version.user = users.get(version.user_id)
        version.fields, version.nodes = diff(previous, version.state, names)
        previous = version.state
    if with_copies:
        _attach_published_copies(project_pk, result)
    return result


def _attach_published_copies(project_pk: int, found: list[Version]) -> None:
    """Give each version that published a working copy the copy's own versions.

    Publishing writes the copy over the original and deletes the copy in one transaction, so the copy's
    deletion falls within VERSION_GAP after the start of the original's version it made; a copy discarded
    without publishing matches no version of the original.
    """
    if not found:
        return
    ended = pm.Project.history.filter(draft_of_id=project_pk, history_type="-").values_list("id", "history_date")
    for copy_pk, deleted in ended:
        version = next((v for v in reversed(found) if v.date <= deleted), None)
        if version is None or deleted - version.date > VERSION_GAP:
            continue
        edits = [v for v in versions(copy_pk, with_copies=False) if v.date < version.date]
        if edits:
            # The first is the copy being made (every field and row "added"): who started it is what matters.
            version.copy_started_by = edits[0].user
            version.copy_versions = [v for v in edits[1:] if not v.is_empty]


def attach_overrides(found: list[Version], overrides) -> None:
    """Give the version that published over the IATI check's errors its PublishOverride (`version.override`): the
    first version whose published_at is the override's."""
    by_time = {o.published_at: o for o in overrides}
    for version in found:
        when = version.state.get("project", {}).get("published_at")
        version.override = by_time.pop(when, None) if when in by_time else None


class Labeller:
    """Readable values: choices by their label, foreign keys by their object's name (read in bulk)."""

    def __init__(self, states: list[dict]):
        wanted: dict[type[models.Model], set] = {}
        for state in states:
            self._collect(pm.Project, state["project"], wanted)
            for name, rows in state["rows"].items():
                for row in rows.values():
                    self._collect(tree.NODES[name].model, row, wanted)
        self.names = {model: {pk: str(obj) for pk, obj in model._default_manager.in_bulk(ids).items()}
                      for model, ids in wanted.items() if ids}

    @staticmethod
    def _fk(model, attname):
        for f in model._meta.concrete_fields:
            if f.attname == attname:
                return f
        return None

    def _collect(self, model, values, wanted):
        for attname, value in values.items():
            f = self._fk(model, attname)
            # A row's link to its own project is no value to show; a relation's other project is (by its title).
            if f is not None and f.is_relation and value is not None and attname not in OWN_PROJECT_KEYS:
                wanted.setdefault(f.related_model, set()).add(value)

    def field_label(self, model, attname) -> str:
        """The field's verbose name."""
        f = self._fk(model, attname)
        return str(f.verbose_name) if f is not None else attname

    def value(self, model, attname, value) -> str:
        """The value as a reader would write it."""
        if value is None or value == "":
            return "—"
        f = self._fk(model, attname)
        if f is not None and f.is_relation:
            return self.names.get(f.related_model, {}).get(value, str(value))
        if f is not None and f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(value, bool):
            return str(_("yes") if value else _("no"))
        if isinstance(value, Decimal):
            return plain_number(value)
        if isinstance(value, dt.datetime):  # as the page's language writes a date and time (docs/languages.md)
            return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value,
                                       "DATETIME_FORMAT")
        text = str(value)
        return text if len(text) <= TEXT_LIMIT else text[:TEXT_LIMIT] + "…"

    def row_label(self, node: tree.Node, row: dict, state: dict) -> str:
        """A short name for a row: its label fields, after its parent's name for nested rows."""
        parts = [self.value(node.model, f, row.get(f)) for f in node.label_fields if row.get(f) not in (None, "")]
        label = " · ".join(parts) or f"#{row.get('id')}"
        parent = tree.PARENT[node.name]
        if parent is not None:
            parent_row = state["rows"][parent.name].get(row[node.parent_key])
            if parent_row is not None:
                label = f"{self.row_label(parent, parent_row, state)} › {label}"
        return label


def _same_text(a, b) -> bool:
    """Equal, or the same text with other line endings (a browser sends a textarea's lines ending in CRLF: a
    saved form is no change of a text it did not touch)."""
    if a == b:
        return True
    return isinstance(a, str) and isinstance(b, str) and \
        a.replace("\r\n", "\n").replace("\r", "\n") == b.replace("\r\n", "\n").replace("\r", "\n")


def _field_changes(model, old: dict, new: dict, names: Labeller, fields) -> list[tuple[str, str, str]]:
    changes = []
    for attname in fields:
        if not _same_text(old.get(attname), new.get(attname)):
            changes.append((names.field_label(model, attname), names.value(model, attname, old.get(attname)),
                            names.value(model, attname, new.get(attname))))
    return changes


def diff(old: dict, new: dict, names: Labeller) -> tuple[list, list[NodeDiff]]:
    """Field changes of the project, and row changes per kind of row, from state old to state new."""
    fields = _field_changes(pm.Project, old["project"], new["project"], names, tree.project_all_fields()) \
        if old["project"] else []
    nodes = []
    for node, _parent in tree.walk():
        before, after = old["rows"].get(node.name, {}), new["rows"].get(node.name, {})
        rows: list[RowChange] = []
        removed = {pk: r for pk, r in before.items() if pk not in after}
        added = {pk: r for pk, r in after.items() if pk not in before}
        for pk in sorted(set(before) & set(after)):
            # A row's place in its list moves whenever one is added or removed above it: not a change of it.
            changes = _field_changes(node.model, before[pk], after[pk], names,
                                     [f for f in node.content_fields if f != "position"])
            if changes:
                rows.append(RowChange("changed", names.row_label(node, after[pk], new), changes))
        # Rows copied with new ids (publishing a working copy, a revert) are the same content: not a change.
        removed_keys = Counter(_content_key(node, r, old, names) for r in removed.values())
        added_keys = Counter(_content_key(node, r, new, names) for r in added.values())
        common = removed_keys & added_keys
        gone = _drop(node, removed, common.copy(), old, names)
        came = _drop(node, added, common.copy(), new, names)
        # A row removed and one added at the same place in the list read best as one changed row.
        if "position" in node.fields:
            by_place = {(_parent_label(node, r, old, names), r.get("position")): r for r in gone}
            for r in list(came):
                place = (_parent_label(node, r, new, names), r.get("position"))
                if place in by_place:
                    o = by_place.pop(place)
                    gone.remove(o)
                    came.remove(r)
                    rows.append(RowChange("changed", names.row_label(node, r, new),
                                          _field_changes(node.model, o, r, names, node.content_fields)))
        rows += [RowChange("removed", names.row_label(node, r, old)) for r in gone]
        rows += [RowChange("added", names.row_label(node, r, new)) for r in came]
        if rows:
            nodes.append(NodeDiff(node.name, node.title, rows))
    return fields, nodes


def compare(before: dict, after: dict, same: dict[str, dict[int, int]] | None = None) -> tuple[list, list[NodeDiff]]:
    """What changed from one live state (tree.live_state) to another: a working copy against its published
    original, field by field and row by row, its workflow fields (state, copy of...) left out.

    same maps, per kind of row, a row of `after` to the row of `before` it stands for (a working copy's
    origins): the two are compared as one row, whatever moved around it. Activities also pair by their uid."""
    def content(state: dict) -> dict:
        fields = {k: v for k, v in state["project"].items() if k not in tree.WORKFLOW_FIELDS}
        return {"project": fields, "rows": state["rows"]}

    before, after = without_computed(content(before)), without_computed(content(after))
    after = {"project": after["project"], "rows": _as_before(before["rows"], after["rows"], same or {})}
    return diff(before, after, Labeller([before, after]))


def without_computed(state: dict) -> dict:
    """The state without the values of computed indicators (capdev.people.indicators): the data's, computed
    again when a copy is published, and no change an editor made."""
    rows = dict(state["rows"])
    computed = {r["indicator_id"] for r in rows.get("indicator_sources", {}).values()}
    if not computed:
        return state
    rows["indicator_values"] = {pk: r for pk, r in rows.get("indicator_values", {}).items()
                                if r["indicator_id"] not in computed}
    rows["value_breakdowns"] = {pk: r for pk, r in rows.get("value_breakdowns", {}).items()
                                if r["value_id"] in rows["indicator_values"]}
    return {"project": state["project"], "rows": rows}


def _as_before(before: dict, after: dict, same: dict[str, dict[int, int]]) -> dict:
    """after's rows renumbered with the ids of the rows of before they stand for (parent keys too)."""
    renamed: dict[str, dict[int, int]] = {}
    rows_out = {}
    for node, parent in tree.walk():
        old_rows, new_rows = before.get(node.name, {}), after.get(node.name, {})
        pairs = {a: b for a, b in same.get(node.name, {}).items() if a in new_rows and b in old_rows}
        renamed[node.name] = pairs = tree.pair_by_uid(pairs, new_rows, old_rows)
        out = {}
        for pk, row in new_rows.items():
            row = dict(row, id=pairs.get(pk, pk))
            if parent is not None:
                row[node.parent_key] = renamed[parent.name].get(row[node.parent_key], row[node.parent_key])
            out[row["id"]] = row
        rows_out[node.name] = out
    return rows_out


def _parent_label(node, row, state, names) -> str:
    parent = tree.PARENT[node.name]
    if parent is None:
        return ""
    parent_row = state["rows"][parent.name].get(row[node.parent_key])
    return names.row_label(parent, parent_row, state) if parent_row else ""


def _content_key(node, row, state, names) -> tuple:
    return (_parent_label(node, row, state, names), *(repr(row.get(f)) for f in node.content_fields))


def _drop(node, rows: dict, common: Counter, state, names) -> list[dict]:
    kept = []
    for r in tree.ordered_rows(node, rows):
        key = _content_key(node, r, state, names)
        if common[key] > 0:
            common[key] -= 1
        else:
            kept.append(r)
    return kept


__all__ = ["Version", "NodeDiff", "RowChange", "versions", "diff", "compare", "attach_overrides"]
