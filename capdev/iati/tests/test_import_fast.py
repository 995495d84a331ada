"""The importer's fast path (RowWriter: COPY on PostgreSQL, executemany on SQLite) writes exactly what the
reference path (simple-history's bulk_create_with_history and reindex_projects, method "orm") writes: the same
rows, the same history rows, the same search documents. Only keys and timestamps may differ, so keys are
compared by their order of creation and timestamps are checked for what they must be, not for equality.
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.test import RequestFactory
from lxml import etree
from simple_history.models import HistoricalRecords
from simple_history.utils import get_history_model_for_model

from capdev.activities.models import Resource
from capdev.core import bulk
from capdev.core.bulk import RowWriter
from capdev.iati import codecheck, codelists
from capdev.iati.importer import IatiImporter
from capdev.iati.models import IatiActivity, TransactionSummary
from capdev.organisations.models import Organisation, OrganisationAlias
from capdev.projects.models import (
    Budget,
    Indicator,
    IndicatorValue,
    Outcome,
    Project,
    ProjectCountry,
    ProjectPartner,
    ProjectRegion,
    ProjectSdgGoal,
    ProjectSdgTarget,
    ProjectSearchDocument,
    ProjectSector,
    ReviewFlag,
    SourceRecord,
)
from capdev.projects.search import DOCUMENT_PREFETCH, build_document
from capdev.reference.models import Region

from ._helpers import FILES, data_files

GOOD = FILES / "good_activity.xml"
WRITTEN = [Project, Organisation, OrganisationAlias, Region, IatiActivity, SourceRecord, ProjectCountry, ProjectRegion,
           ProjectSector, ProjectSdgGoal, ProjectSdgTarget, ProjectPartner, Budget, TransactionSummary, Resource,
           Outcome, Indicator, IndicatorValue, ReviewFlag]
TIMESTAMPS = {"created", "last_updated", "imported_at", "history_date", "published_at"}


def tables() -> list[type[models.Model]]:
    """Every table an import writes: the rows, their history, the search documents."""
    return [*WRITTEN, *(get_history_model_for_model(m) for m in WRITTEN), ProjectSearchDocument]


def high_water() -> dict[type, int]:
    """The largest key of each table now: rows above it are the import's."""
    return {m: m.objects.aggregate(top=models.Max("pk"))["top"] or 0 for m in tables()}


def dump(since: dict[type, int]) -> dict[str, list[dict]]:
    """The rows written since `since`, with keys replaced by their rank among the new rows and timestamps left out.

    A foreign key to a row written since is replaced the same way, so that two imports that gave different keys
    compare equal when they wrote the same rows pointing at the same rows.
    """
    new = {m: list(m.objects.filter(pk__gt=since[m]).order_by("pk").values()) for m in tables()}
    rank = {m: {r[m._meta.pk.attname]: i for i, r in enumerate(rows)} for m, rows in new.items()}
    for m in WRITTEN:
        history = get_history_model_for_model(m)
        rank[history] = {}
        for i, r in enumerate(new[history]):
            rank[history][r["history_id"]] = i
    out = {}
    for m, rows in new.items():
        targets = {}
        for f in m._meta.concrete_fields:
            model = m
            if f.primary_key and f.attname == "history_id":
                continue
            if f.attname == "id" and hasattr(m, "instance_type"):
                model = m.instance_type  # a history row's id is its row's key
            elif f.is_relation:
                model = f.related_model
            elif not f.primary_key:
                continue
            targets[f.attname] = rank.get(model, {})
        out[m._meta.label] = [
            {k: (("new", targets[k][v]) if k in targets and v in targets[k] else v)
             for k, v in r.items() if k not in TIMESTAMPS and k != "history_id"}
            for r in rows]
    return out


def import_and_dump(path, method: str, **options) -> tuple[dict, dict]:
    """Import in a savepoint that is rolled back afterwards; returns what was written and the import's result."""
    since = high_water()
    with transaction.atomic():
        result = IatiImporter(method=method, **options).import_file(path)
        written = dump(since)
        transaction.set_rollback(True)
    return written, result


def assert_same(path, **options) -> dict:
    reference, ref_result = import_and_dump(path, "orm", **options)
    fast, fast_result = import_and_dump(path, "copy", **options)
    assert (fast_result.created, fast_result.updated, fast_result.unchanged) == \
        (ref_result.created, ref_result.updated, ref_result.unchanged)
    assert [str(f) for f in fast_result.findings] == [str(f) for f in ref_result.findings]
    assert fast.keys() == reference.keys()
    for label in reference:
        assert len(fast[label]) == len(reference[label]), label
        for got, expected in zip(fast[label], reference[label], strict=True):
            assert got == expected, (label, {k: (got[k], expected.get(k)) for k in got if got[k] != expected.get(k)})
    return fast


# ------------------------------------------------------------------------------------------------ same rows
def test_one_activity_gives_the_same_rows_history_and_document(portfolio, db):
    written = assert_same(GOOD, publish=True)
    assert len(written["projects.HistoricalProject"]) == 1
    assert {len(written[m._meta.label]) for m in (IatiActivity, SourceRecord, Budget, Indicator, IndicatorValue)} == {1}
    assert len(written["projects.ProjectSearchDocument"]) == 1


@pytest.mark.slow
@pytest.mark.parametrize("path", data_files() or [None], ids=lambda p: p.name if p else "absent")
def test_each_shared_file_gives_the_same_rows_history_and_documents(portfolio, db, path):
    if path is None:
        pytest.skip("shared/iati/data is absent (set CAPDEV_SHARED)")
    written = assert_same(path)
    assert written["projects.Project"] and written["projects.HistoricalProject"]


def test_a_changed_activity_gives_the_same_rows_and_history(portfolio, db, tmp_path):
    IatiImporter(method="orm").import_file(GOOD)
    changed = tmp_path / "changed.xml"
    changed.write_bytes(GOOD.read_bytes().replace(b'percentage="60"', b'percentage="70"')
                        .replace(b'percentage="40"', b'percentage="30"'))
    written = assert_same(changed)
    kinds = [r["history_type"] for r in written["projects.HistoricalProjectCountry"]]
    assert kinds.count("-") == 2 and kinds.count("+") == 2  # the old links deleted, the new ones created


def test_history_names_the_requests_user_as_simple_history_does(portfolio, db):
    user = get_user_model().objects.create_user("importer", password="x", is_staff=True)
    request = RequestFactory().post("/")
    request.user = user
    HistoricalRecords.context.request = request
    try:
        written = assert_same(GOOD)
    finally:
        del HistoricalRecords.context.request
    users = {r["history_user_id"] for m in WRITTEN for r in written[get_history_model_for_model(m)._meta.label]}
    assert users == {user.pk}


# ------------------------------------------------------------------------------------------------ the fast path alone
def test_every_new_row_has_one_creation_record_with_its_values(portfolio, db):
    since = high_water()
    started = dt.datetime.now(dt.UTC)
    IatiImporter(publish=True).import_file(GOOD)
    for m in WRITTEN:
        history = get_history_model_for_model(m)
        tracked = [f.attname for f in history.tracked_fields]
        rows = list(m.objects.filter(pk__gt=since[m]).order_by("pk").values(*tracked))
        records = list(history.objects.filter(history_id__gt=since[history]).order_by("history_id")
                       .values(*tracked, "history_type", "history_user_id", "history_change_reason", "history_date"))
        assert [{k: r[k] for k in tracked} for r in records] == rows, m.__name__
        for record, row in zip(records, rows, strict=True):
            assert (record["history_type"], record["history_user_id"], record["history_change_reason"]) == \
                ("+", None, None)
            assert started <= row["created"] <= record["history_date"]
    project = Project.objects.get(iati_identifier="XM-DAC-41127-GOOD-1")
    assert project.last_updated <= project.iati.imported_at  # so the export keeps the publisher's date


def test_search_documents_are_those_build_document_makes(portfolio, db):
    for path in [GOOD, *data_files()[:2]]:
        IatiImporter().import_file(path)
    imported = (Project.objects.filter(iati__isnull=False).select_related("lead_unit")
                .prefetch_related(*DOCUMENT_PREFETCH))
    stored = {d.project_id: d for d in ProjectSearchDocument.objects.filter(project__in=imported)}
    assert len(stored) == imported.count()
    for project in imported:
        expected = build_document(project)
        got = stored[project.pk]
        assert (got.heading, got.body, got.context) == (expected.heading, expected.body, expected.context)


def test_a_late_error_leaves_every_table_as_it_was(portfolio, db, tmp_path):
    good = GOOD.read_bytes()
    body = good.split(b"<iati-activities", 1)[1].split(b">", 1)[1].replace(b"</iati-activities>", b"")
    many = [body.replace(b"GOOD-1", f"FAST-{i}".encode()).replace(b"Saint Lucia", f"Partner {i}".encode())
            for i in range(40)]
    many.append(body.replace(b"GOOD-1", b"BAD").replace(b"</title>", b"</titel>"))  # damaged: not well-formed
    path = tmp_path / "late.xml"
    path.write_bytes(good.split(b"<iati-activity ", 1)[0] + b"".join(many) + b"</iati-activities>\n")

    def everything():
        return {m._meta.label: list(m.objects.order_by("pk").values_list()) for m in tables()}

    before = everything()
    result = IatiImporter(batch=2).import_file(path)  # activities were written in batches of two, then undone
    assert result.refused and result.activities >= 20
    assert everything() == before


def test_reserved_keys_are_never_those_of_deleted_rows(portfolio, db):
    project = Project.objects.order_by("pk").first()
    deleted = ProjectSector.objects.create(project=project, vocabulary="1", code="15110").pk
    ProjectSector.objects.filter(pk=deleted).delete()
    writer = RowWriter()
    rows = [{"project_id": project.pk, "vocabulary": "1", "code": code} for code in ("15111", "15112")]
    writer.insert_with_history(ProjectSector, rows)
    assert deleted < rows[0]["id"] < rows[1]["id"]
    assert writer.reserve_ids(ProjectSector, 1)[0] > rows[1]["id"]
    later = ProjectSector.objects.create(project=project, vocabulary="1", code="15113")
    assert later.pk > rows[1]["id"]  # the table's own sequence has moved past the reserved keys


def test_history_of_rows_given_keys_with_gaps_or_out_of_order_is_theirs_in_their_order(portfolio, db, monkeypatch):
    monkeypatch.setattr(bulk, "IN_CHUNK", 2)  # so that keys with gaps are copied in several statements
    project = Project.objects.order_by("pk").first()
    writer = RowWriter()
    keys = writer.reserve_ids(ProjectSector, 7)
    gaps = [keys[0], keys[2], keys[3], keys[5]]  # increasing, not contiguous: copied by the database
    backwards = [keys[6], keys[4], keys[1]]  # not increasing: written from Python, in the order given
    for group in (gaps, backwards):
        writer.insert_with_history(ProjectSector, [
            {"id": key, "project_id": project.pk, "vocabulary": "1", "code": f"1511{key % 10}"} for key in group])
    history = get_history_model_for_model(ProjectSector)
    records = list(history.objects.filter(id__in=keys).order_by("history_id")
                   .values_list("id", "project_id", "code", "history_type", "history_change_reason"))
    assert records == [(key, project.pk, f"1511{key % 10}", "+", None) for key in gaps + backwards]


# ------------------------------------------------------------------------------------------------ codelist checks
def test_the_one_walk_check_finds_what_the_xpath_checks_find():
    paths = [*data_files(), GOOD, FILES / "unknown_codelist.xml"]
    activities = 0
    for path in paths:
        for _event, el in etree.iterparse(str(path), tag="iati-activity", resolve_entities=False, no_network=True):
            fast, reference = codecheck.check_activity(el, "x"), codelists.check_activity(el, "x")
            assert [vars(f) for f in fast] == [vars(f) for f in reference]
            activities += 1
    assert activities


def test_the_one_walk_check_reads_element_text_entries():
    el = etree.fromstring(b"<iati-activity><crs-add><channel-code>99999999</channel-code></crs-add></iati-activity>")
    (finding,) = codecheck.check_activity(el, "x")
    assert finding.is_error and "CRSChannelCode code '99999999'" in finding.message
