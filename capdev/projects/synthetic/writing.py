"""Writing the generated projects in bulk: rows per batch, one statement per table, in one process or several."""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connections, transaction

from capdev.activities.models import Activity
from capdev.core.bulk import RowWriter

from .. import index_version
from ..models import (
    Budget,
    ExpectedAccomplishment,
    Outcome,
    Project,
    ProjectCountry,
    ProjectPartner,
    ProjectSdgGoal,
    ProjectSdgTarget,
    ProjectSearchDocument,
    ReviewState,
)
from .reference import Reference
from .values import SynProject, iter_projects, search_document
from .vocabulary import BLOCK, CODE_PREFIX, DEFAULT_BATCH, PUBLISHED_AT, SYNTHETIC_UIDS


@dataclass
class Progress:
    """Counts written so far, and the time it took."""

    projects: int = 0
    rows: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Projects per second."""
        return self.projects / self.seconds if self.seconds else 0.0


def batch_rows(batch: list[SynProject], first_pk: int, ref: Reference) -> dict[type, list[dict]]:
    """The rows of a batch, model by model, as {attname: value} (unset fields take their defaults).

    Projects get explicit primary keys from first_pk on, so that their rows can be written in one statement
    with the rows that point at them (no round trip to learn the keys).
    """
    rows: dict[type, list[dict]] = {m: [] for m in WRITE_ORDER}
    for offset, p in enumerate(batch):
        pk = first_pk + offset
        rows[Project].append({
            "id": pk, "code": p.code, "title": p.title, "summary": p.summary, "objective": p.objective,
            "background": p.background, "lead_unit_id": p.unit.pk, "funding_source_id": p.funding,
            "status_override": p.status_override, "review_state": ReviewState.PUBLISHED,
            "published_at": PUBLISHED_AT, "start_date": p.start, "start_precision": p.start_precision,
            "end_date": p.end, "end_precision": p.end_precision})
        rows[ProjectCountry] += [{"project_id": pk, "country_id": c} for c in p.countries]
        rows[ProjectSdgGoal] += [{"project_id": pk, "goal_id": g} for g in p.goals]
        rows[ProjectSdgTarget] += [{"project_id": pk, "target_id": t} for t in p.targets]
        rows[Budget].append({"project_id": pk, "position": 0, "kind": Budget.Kind.TOTAL, "amount": p.budget,
                             "currency_id": ref.currency})
        rows[ProjectPartner] += [{"project_id": pk, "organisation_id": o.pk, "role": o.role, "position": i,
                                  "name_as_written": o.name} for i, o in enumerate(p.partners)]
        rows[ExpectedAccomplishment] += [{"project_id": pk, "position": i, "text": t}
                                         for i, t in enumerate(p.expected)]
        rows[Outcome] += [{"project_id": pk, "position": i, "number": i + 1, "text": t}
                          for i, t in enumerate(p.outcomes)]
        doc = search_document(p, pk)
        rows[ProjectSearchDocument].append({"project_id": pk, "heading": doc.heading, "body": doc.body,
                                            "context": doc.context})
        rows[Activity] += [{
            "project_id": pk, "position": a.position, "type": a.type, "title": a.title, "summary": a.summary,
            "start_date": a.start, "start_precision": a.start_precision, "end_date": a.end,
            "end_precision": a.start_precision, "online": a.online, "country_id": a.country,
            "participants": a.participants, "participants_qualifier": a.qualifier,
            "participants_profile": a.profile, "participant_countries": a.participant_countries,
            # Activity.uid: one per activity (the writer's column default would give every row the same one),
            # from the project's code, so that the same seed gives the same uids.
            "uid": uuid.uuid5(SYNTHETIC_UIDS, f"{p.code}/{a.position}"),
        } for a in p.activities]
    return rows


WRITE_ORDER = (Project, ProjectCountry, ProjectSdgGoal, ProjectSdgTarget, Budget, ProjectPartner,
               ExpectedAccomplishment, Outcome, ProjectSearchDocument, Activity)
def write_batch(batch: list[SynProject], ref: Reference, writer: RowWriter, first_pk: int | None = None) -> int:
    """Write one batch of generated projects and every row they own in one transaction; returns rows written.

    The projects take ids from first_pk on (default: past the largest id in the table).
    """
    with transaction.atomic(using=writer.using):
        if first_pk is None:
            with writer.connection.cursor() as cursor:
                cursor.execute(f"SELECT MAX(id) FROM {Project._meta.db_table}")
                first_pk = (cursor.fetchone()[0] or 0) + 1
        rows = batch_rows(batch, first_pk, ref)
        return sum(writer.write(model, rows[model]) for model in WRITE_ORDER)


def _reset_sequences(using: str) -> None:
    """Point PostgreSQL's id sequence past the explicit project ids (other databases need nothing)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), [Project])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def generate(n: int, seed: int, *, batch: int = DEFAULT_BATCH, using: str = "default", method: str = "copy",
             progress: Callable[[Progress], None] | None = None, jobs: int = 1) -> Progress:
    """Generate and write n projects for this seed in batches; returns the counts and time taken.

    jobs > 1 (PostgreSQL only) writes the batches from that many processes at once, each project with the id
    it would get from one process, so the portfolio is the same. Refuses (ValueError) when projects of this
    seed already exist: their codes are unique.
    """
    if n < 0 or batch < 1 or jobs < 1:
        raise ValueError("n must be >= 0, batch >= 1 and jobs >= 1")
    if jobs > 1 and connections[using].vendor != "postgresql":
        raise ValueError("jobs above 1 need PostgreSQL: SQLite takes one writer at a time")
    prefix = f"{CODE_PREFIX}{seed}-"
    if Project.objects.using(using).filter(code__startswith=prefix).exists():
        raise ValueError(f"projects of seed {seed} already exist (codes {prefix}...): use a fresh database "
                         "or another seed")
    ref = Reference.load(using)
    done = Progress()
    began = time.perf_counter()
    if jobs > 1:
        _generate_in_processes(n, seed, ref, batch=batch, using=using, method=method, jobs=jobs,
                               done=done, began=began, progress=progress)
    else:
        writer = RowWriter(using, method)
        pending: list[SynProject] = []
        for project in iter_projects(n, seed, ref):
            pending.append(project)
            if len(pending) >= batch:
                done.rows += write_batch(pending, ref, writer)
                done.projects += len(pending)
                pending = []
                done.seconds = time.perf_counter() - began
                if progress:
                    progress(done)
        if pending:
            done.rows += write_batch(pending, ref, writer)
            done.projects += len(pending)
            done.seconds = time.perf_counter() - began
            if progress:
                progress(done)
    _reset_sequences(using)
    index_version.bump(using)  # bulk writes send no signals: tell in-memory indexes they are stale
    done.seconds = time.perf_counter() - began
    with connections[using].cursor() as cursor:
        # Fresh statistics: without them SQLite's planner scans 100,000 projects to check the visibility of a
        # project page's (absent) relations (bench/README.md, docs/performance.md).
        cursor.execute("ANALYZE")
    return done


# What forked workers need, set by the parent just before it forks (the children inherit it).
_WORKER: dict = {}


def _generate_in_processes(n: int, seed: int, ref: Reference, *, batch: int, using: str, method: str, jobs: int,
                           done: Progress, began: float, progress) -> None:
    """Write the batches of [0, n) from `jobs` forked processes, in the order they finish."""
    import multiprocessing

    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {Project._meta.db_table}")
        base = cursor.fetchone()[0] or 0
    # Whole random blocks per task, so that no worker replays a block another one started.
    size = max(BLOCK, batch // BLOCK * BLOCK)
    tasks = [(lo, min(lo + size, n)) for lo in range(0, n, size)]
    _WORKER.update(seed=seed, ref=ref, batch=batch, using=using, method=method, base=base)
    connections.close_all()  # a forked child must open its own connection, never share the parent's socket
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for projects, rows in pool.imap_unordered(_write_range, tasks):
                done.projects += projects
                done.rows += rows
                done.seconds = time.perf_counter() - began
                if progress:
                    progress(done)
    finally:
        _WORKER.clear()


def _write_range(task: tuple[int, int]) -> tuple[int, int]:
    """In a worker: generate and write projects lo..hi-1, batch by batch, with the ids one process would give."""
    lo, hi = task
    w = _WORKER
    writer = RowWriter(w["using"], w["method"])
    rows = 0
    try:
        pending: list[SynProject] = []
        first = lo
        for index, project in enumerate(iter_projects(hi, w["seed"], w["ref"], start=lo), start=lo):
            pending.append(project)
            if len(pending) >= w["batch"] or index == hi - 1:
                rows += write_batch(pending, w["ref"], writer, first_pk=w["base"] + 1 + first)
                first = index + 1
                pending = []
    finally:
        connections.close_all()
    return hi - lo, rows
