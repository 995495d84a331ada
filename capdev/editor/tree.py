"""A project and every row that belongs to it, as plain data: read live or as of any moment, and written back.

One description of the project's tree (TREE) serves the working copy (deep copy), publishing (copy the draft
over the original), revert (write an earlier state back) and the history diffs. A state is
{"project": {field: value}, "rows": {node name: {row id: {field: value}}}}; rows keep their parent's id in
the parent key attribute (project_id, outcome_id, indicator_id, activity_id).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from capdev.activities import models as am
from capdev.people import models as people
from capdev.projects import models as pm
from capdev.texts import models as texts

TIMESTAMPS = {"created", "last_updated"}
# Copied with the row, never shown as a change: an activity's lasting identifier (Activity.uid).
IDENTITY_FIELDS = {"uid"}
# The editorial workflow, not content: a revert or a publish never copies these.
WORKFLOW_FIELDS = {"review_state", "published_at", "draft_of_id"}


@dataclass(frozen=True)
class Node:
    """One kind of row in a project's tree: its model, the key to its parent, and the kinds below it."""

    name: str
    model: type[models.Model]
    parent_key: str  # attname of the foreign key to the parent row
    label_fields: tuple[str, ...]
    children: tuple[Node, ...] = field(default=())
    # The heading of its rows in the history (gettext): the model's plural verbose name unless a reader's word
    # fits better ("SDG goals", not the admin's "SDG goals of projects").
    heading: Any = None

    @property
    def title(self) -> str:
        """The heading of this kind of row, translated, with a capital first letter ("SDG goals", not "Sdg...")."""
        return capfirst(str(self.heading or self.model._meta.verbose_name_plural))

    @property
    def fields(self) -> list[str]:
        """The attnames that make up a row's content (its id and parent key included)."""
        return [f.attname for f in self.model._meta.concrete_fields if f.attname not in TIMESTAMPS]

    @property
    def content_fields(self) -> list[str]:
        """The attnames compared when diffing: no id, no parent key, no lasting identifier."""
        return [f for f in self.fields if f not in ("id", self.parent_key) and f not in IDENTITY_FIELDS]


TREE: tuple[Node, ...] = (
    Node("budgets", pm.Budget, "project_id", ("kind", "amount", "currency_id", "year", "label")),
    Node("country_links", pm.ProjectCountry, "project_id", ("country_id", "percentage")),
    Node("region_links", pm.ProjectRegion, "project_id", ("region_id", "percentage"),),
    Node("sectors", pm.ProjectSector, "project_id", ("vocabulary", "code", "name")),
    Node("sdg_goal_links", pm.ProjectSdgGoal, "project_id", ("goal_id",), heading=_("SDG goals")),
    Node("sdg_target_links", pm.ProjectSdgTarget, "project_id", ("target_id",), heading=_("SDG targets")),
    Node("thematic_area_links", pm.ProjectThematicArea, "project_id", ("thematic_area_id",),
         heading=_("thematic areas")),
    Node("partner_links", pm.ProjectPartner, "project_id", ("organisation_id", "role"), heading=_("partners")),
    # A project's own links to others (those pointing at it belong to the other project, and stay there).
    Node("relations", pm.ProjectRelation, "from_project_id", ("kind", "to_project_id"), heading=_("related projects")),
    Node("expected_accomplishments", pm.ExpectedAccomplishment, "project_id", ("text",)),
    Node("planned_activities", pm.PlannedActivity, "project_id", ("text",)),
    Node("key_accomplishments", pm.KeyAccomplishment, "project_id", ("text",)),
    # Translations of the project's texts (capdev.texts): edited, copied, published and reverted with them.
    Node("text_translations", texts.ProjectTranslation, "project_id", ("field", "language"),
         heading=_("translations")),
    Node("outcomes", pm.Outcome, "project_id", ("number", "text"), children=(
        Node("outcome_translations", texts.OutcomeTranslation, "outcome_id", ("language",),
             heading=_("translations of outcomes")),
        Node("indicators", pm.Indicator, "outcome_id", ("title",), children=(
            Node("indicator_values", pm.IndicatorValue, "indicator_id", ("period_start", "period_end", "actual"),
                 children=(Node("value_breakdowns", people.ValueBreakdown, "value_id",
                                ("dimension", "category", "actual")),)),
            # What a computed indicator counts (capdev.people.indicators): a copy keeps it, publishing brings it back.
            Node("indicator_sources", people.IndicatorSource, "indicator_id", ("measure",)),
        )),
    )),
    Node("activities", am.Activity, "project_id", ("title", "start_date"), children=(
        Node("activity_organisers", am.ActivityOrganiser, "activity_id", ("organisation_id",)),
    )),
    Node("resources", am.Resource, "project_id", ("title",)),
)


def walk(nodes: tuple[Node, ...] = TREE, parent: Node | None = None):
    """Every node with its parent node (None for the project's direct rows), parents before children."""
    for node in nodes:
        yield node, parent
        yield from walk(node.children, node)


def pair_by_uid(pairs: dict[int, int], rows: dict[int, dict], others: dict[int, dict]) -> dict[int, int]:
    """pairs (row id -> other row id) completed with the rows that carry the same lasting identifier (`uid`, an
    activity's across copies and publications) as a row of others not yet paired."""
    by_uid = {r["uid"]: pk for pk, r in others.items() if r.get("uid")}
    taken = set(pairs.values())
    for pk, row in rows.items():
        other = by_uid.get(row.get("uid"))
        if pk not in pairs and other is not None and other not in taken:
            pairs[pk] = other
            taken.add(other)
    return pairs


NODES: dict[str, Node] = {node.name: node for node, _ in walk()}
PARENT: dict[str, Node | None] = {node.name: parent for node, parent in walk()}


def project_fields() -> list[str]:
    """The project's own content fields (attnames): everything but id, timestamps and the workflow."""
    return [f.attname for f in pm.Project._meta.concrete_fields
            if f.attname not in TIMESTAMPS | WORKFLOW_FIELDS | {"id"}]


def project_all_fields() -> list[str]:
    """The project's fields as the history shows them: content and workflow."""
    return [f.attname for f in pm.Project._meta.concrete_fields if f.attname not in TIMESTAMPS | {"id"}]


def live_state(project: pm.Project) -> dict[str, Any]:
    """The project's fields and every row below it, as they are now (one query per kind of row)."""
    state = {"project": {name: getattr(project, name) for name in project_all_fields()}, "rows": {}}
    parent_ids: dict[str | None, list[int]] = {None: [project.pk]}
    for node, parent in walk():
        ids = parent_ids[parent.name if parent else None]
        rows = {}
        if ids:
            for row in node.model.objects.filter(**{f"{node.parent_key}__in": ids}).values(*node.fields):
                rows[row["id"]] = row
        state["rows"][node.name] = rows
        parent_ids[node.name] = list(rows)
    return state


def ordered_rows(node: Node, rows: dict[int, dict]) -> list[dict]:
    """Rows in their list order: position where the model has one, then id (creation order)."""
    has_position = "position" in node.fields
    return sorted(rows.values(), key=lambda r: ((r.get("position") or 0) if has_position else 0, r["id"]))


def write_rows(project: pm.Project, state: dict[str, Any], user=None,
               keep: dict[str, dict[int, int]] | None = None) -> dict[str, dict[int, int]]:
    """Make the rows below project those of the state; returns {node name: {state row id: row id written}}.

    keep names, per kind of row, the project's own row that stands for a state row ({state id: row id}): that
    row is updated in place and keeps its id (an activity's page, an indicator's, stay where they were). A
    state's activity also stands for the project's activity with the same uid. Every other row of the project
    is deleted (with the rows below it) and every other state row is written new, its parent mapped to the
    parent's row written.
    """
    keep = keep or {}
    current = live_state(project)["rows"]
    targets: dict[str, dict[int, int]] = {}
    for node, _parent in walk():
        rows = state["rows"].get(node.name, {})
        own = current.get(node.name, {})
        wanted = {sid: tid for sid, tid in keep.get(node.name, {}).items() if sid in rows and tid in own}
        targets[node.name] = pair_by_uid(wanted, rows, own)
    # Rows no state row stands for go first (before any update could collide with them on a unique key).
    for node, _parent in walk():
        kept = set(targets[node.name].values())
        gone = [pk for pk in current.get(node.name, {}) if pk not in kept]
        if gone:
            for obj in node.model.objects.filter(pk__in=gone):
                obj._history_user = user
                obj.delete()
    written: dict[str, dict[int, int]] = {}
    for node, parent in walk():
        mapping = written.setdefault(node.name, {})
        own = current.get(node.name, {})
        for row in ordered_rows(node, state["rows"].get(node.name, {})):
            values = {k: v for k, v in row.items() if k != "id" and k in node.fields}
            if parent is None:
                values[node.parent_key] = project.pk
            else:
                values[node.parent_key] = written[parent.name].get(row[node.parent_key])
                if values[node.parent_key] is None:
                    continue  # its parent was not in the state: an orphan in the history, left out
            tid = targets[node.name].get(row["id"])
            if tid is not None and node.model.objects.filter(pk=tid).exists():
                if any(own[tid].get(k) != v for k, v in values.items()):
                    obj = node.model.objects.get(pk=tid)
                    for k, v in values.items():
                        setattr(obj, k, v)
                    obj._history_user = user
                    obj.save()
                mapping[row["id"]] = tid
                continue
            obj = node.model(**values)
            obj._history_user = user
            obj.save()
            mapping[row["id"]] = obj.pk
    return written


def write_project_fields(project: pm.Project, state: dict[str, Any], fields: list[str] | None = None) -> None:
    """Set the project's content fields from a state (does not save)."""
    for name in fields or project_fields():
        if name in state["project"]:
            setattr(project, name, state["project"][name])


# -- history -------------------------------------------------------------------------------------------------

HISTORY_META = ("history_id", "history_date", "history_type", "history_user_id")


def history_events(project_pk: int) -> list[tuple]:
    """Every history record of the project and of every row ever below it, oldest first.

    Each event is (date, history id, node name or "project", type "+"/"~"/"-", user id, row values).
    One query per kind of row.
    """
    events = []
    fields = ["id", *project_all_fields()]
    for rec in pm.Project.history.filter(id=project_pk).values(*HISTORY_META, *fields):
        events.append(_event(rec, "project", fields))
    ever: dict[str | None, set[int]] = {None: {project_pk}}
    for node, parent in walk():
        ids = ever[parent.name if parent else None]
        seen = set()
        if ids:
            for rec in node.model.history.filter(**{f"{node.parent_key}__in": ids}).values(*HISTORY_META,
                                                                                           *node.fields):
                events.append(_event(rec, node.name, node.fields))
                seen.add(rec["id"])
        ever[node.name] = seen
    events.sort(key=lambda e: (e[0], e[2] != "project", e[1]))
    return events


def _event(rec: dict, name: str, fields: list[str]) -> tuple:
    return (rec["history_date"], rec["history_id"], name, rec["history_type"], rec["history_user_id"],
            {f: rec[f] for f in fields})


def empty_state() -> dict[str, Any]:
    """A state with no project fields and no rows."""
    return {"project": {}, "rows": {name: {} for name in NODES}}


def apply_event(state: dict[str, Any], event: tuple) -> None:
    """Replay one history record onto a state (in place)."""
    _date, _hid, name, kind, _user, values = event
    if name == "project":
        state["project"] = {k: v for k, v in values.items() if k != "id"}
        return
    rows = state["rows"][name]
    if kind == "-":
        rows.pop(values["id"], None)
    else:
        rows[values["id"]] = dict(values)


def prune(state: dict[str, Any]) -> dict[str, Any]:
    """Drop rows whose parent is not in the state (deleted by a cascade the history recorded later)."""
    for node, parent in walk():
        if parent is None:
            continue
        parents = state["rows"][parent.name]
        rows = state["rows"][node.name]
        for pk in [pk for pk, row in rows.items() if row[node.parent_key] not in parents]:
            del rows[pk]
    return state
