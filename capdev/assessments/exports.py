"""Assessments as open data: one row per score (CSV), assessments with their scores (JSON), a workbook with a sheet
per entity (XLSX). Every export reads the assessments a request may see (filtersets.visible_assessments) and
the links to projects it may see (visible_links); staff exports also carry the state and the internal switch."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from capdev.core.views import csv_cell

from .filtersets import visible_links
from .models import Assessment, DimensionScore, Priority

CHUNK = 500
SCORE_COLUMNS = ["assessment_id", "country", "country_name", "institution", "framework", "framework_is_example",
                 "date", "assessor_type", "assessing_organisation", "title", "dimension", "dimension_name", "score",
                 "scale", "weak", "evidence", "comments"]
STAFF_COLUMNS = ["state", "internal"]
ASSESSMENT_COLUMNS = ["id", "country", "country_name", "institution", "framework", "framework_is_example", "date",
                      "assessor_type", "assessing_organisation", "title", "summary", "published_at"]
PRIORITY_COLUMNS = ["assessment_id", "position", "text", "dimension"]
LINK_COLUMNS = ["assessment_id", "dimension", "priority", "project_id", "project_title", "outcome", "activity",
                "note"]


def prefetched(assessments: QuerySet, request) -> QuerySet:
    """Assessments with what every export writes, read per chunk."""
    scores = Prefetch("scores", queryset=DimensionScore.objects.select_related("dimension").order_by(
        "dimension__position", "pk"))
    links = Prefetch("links", queryset=visible_links(request).select_related(
        "project", "outcome", "activity", "dimension", "priority").order_by("pk"), to_attr="visible_links")
    priorities = Prefetch("priorities", queryset=Priority.objects.select_related("dimension"))
    return assessments.select_related("country", "framework", "institution", "assessor").prefetch_related(
        scores, priorities, "documents", links)


def chunks(queryset: QuerySet) -> Iterator[list[Assessment]]:
    """The queryset's assessments in prefetched chunks (memory and queries bounded whatever the size)."""
    batch: list[Assessment] = []
    for a in queryset.iterator(chunk_size=CHUNK):
        batch.append(a)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _common(a: Assessment) -> dict[str, Any]:
    return {"country": a.country_id, "country_name": a.country.name,
            "institution": a.institution.name if a.institution else "", "framework": a.framework.slug,
            "framework_is_example": a.framework.is_example, "date": a.partial_date.iso(),
            "assessor_type": a.assessor_type, "assessing_organisation": a.assessor.name if a.assessor else "",
            "title": a.title}


def score_rows(assessments: Iterable[Assessment], staff: bool) -> Iterator[dict[str, Any]]:
    """One row per score of each (prefetched) assessment."""
    for a in assessments:
        base = _common(a)
        extra = {"state": a.state, "internal": a.internal} if staff else {}
        for s in a.scores.all():
            yield {"assessment_id": a.pk, **base, "dimension": s.dimension.code, "dimension_name": s.dimension.name,
                   "score": s.score, "scale": a.framework.scale, "weak": a.framework.is_weak(s.score),
                   "evidence": s.evidence, "comments": s.comments, **extra}


def score_columns(staff: bool) -> list[str]:
    return SCORE_COLUMNS + (STAFF_COLUMNS if staff else [])


def csv_lines(assessments: QuerySet, request, staff: bool) -> Iterator[list[str]]:
    """The header, then a row of text cells per score."""
    columns = score_columns(staff)
    yield columns
    for batch in chunks(prefetched(assessments, request)):
        for row in score_rows(batch, staff):
            yield [csv_cell(row[c]) for c in columns]


def json_record(a: Assessment, staff: bool) -> dict[str, Any]:
    """An assessment with its scores, priorities, documents and visible links (prefetched)."""
    record = {"id": a.pk, **_common(a), "summary": a.summary,
              "scale": a.framework.scale, "weak_at_or_below": str(a.framework.weak_at_or_below),
              "scores": [{"dimension": s.dimension.code, "dimension_name": s.dimension.name, "score": str(s.score),
                          "weak": a.framework.is_weak(s.score), "evidence": s.evidence, "comments": s.comments}
                         for s in a.scores.all()],
              "priorities": [{"text": p.text, "dimension": p.dimension.code if p.dimension else None}
                             for p in a.priorities.all()],
              "documents": [{"kind": d.kind, "title": d.title, "url": d.url, "language": d.language}
                            for d in a.documents.all()],
              "links": [_link(link) for link in a.visible_links]}
    if staff:
        record.update(state=a.state, internal=a.internal)
    return record


def _link(link) -> dict[str, Any]:
    return {"dimension": link.dimension.code if link.dimension else None,
            "priority": link.priority.text if link.priority else None, "project_id": link.project_id,
            "project_title": link.project.title, "outcome": link.outcome.text if link.outcome else None,
            "activity": link.activity.title if link.activity else None, "note": link.note}


def workbook_sheets(assessments: QuerySet, request, staff: bool) -> dict[str, tuple[list[str], Iterator[list]]]:
    """The workbook's sheets: (columns, rows) per entity."""
    def all_rows():
        for batch in chunks(prefetched(assessments, request)):
            yield batch

    batches = list(all_rows())
    assessment_columns = ASSESSMENT_COLUMNS + (STAFF_COLUMNS if staff else [])
    return {
        "assessments": (assessment_columns, [
            [{"id": a.pk, **_common(a), "summary": a.summary, "published_at": a.published_at,
              "state": a.state, "internal": a.internal}[c] for c in assessment_columns]
            for batch in batches for a in batch]),
        "scores": (score_columns(staff), [[row[c] for c in score_columns(staff)]
                                          for batch in batches for row in score_rows(batch, staff)]),
        "priorities": (PRIORITY_COLUMNS, [[a.pk, p.position, p.text, p.dimension.code if p.dimension else ""]
                                          for batch in batches for a in batch for p in a.priorities.all()]),
        "links": (LINK_COLUMNS, [[a.pk, *(_link(link).values())] for batch in batches for a in batch
                                 for link in a.visible_links]),
    }
