"""Imports that write many projects leave SQLite with planner statistics (PostgreSQL's autovacuum keeps its own)."""
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from capdev.core import statistics
from capdev.iati.importer import IatiImporter
from capdev.iati.tests._helpers import FILES as IATI_FILES

NARRATIVE = Path(__file__).resolve().parents[2] / "narrative" / "tests" / "files" / "branch_variants.txt"


def analysed_tables() -> set[str]:
    """The tables SQLite holds statistics for."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return set()
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def no_statistics(portfolio, db):
    """An SQLite database without statistics (forgotten as the test's transaction rolls back)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's statistics: PostgreSQL's autovacuum analyses changed tables by itself")
    if analysed_tables():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_stat1")
            cursor.execute("ANALYZE sqlite_schema")  # the planner forgets what it had read (as SQLite documents)
    assert not analysed_tables()


@pytest.fixture
def from_one_project(monkeypatch):
    monkeypatch.setattr(statistics, "AFTER_PROJECTS", 1)


def test_an_iati_import_of_many_projects_analyses_sqlite(no_statistics, from_one_project):
    result = IatiImporter(publish=True).import_file(IATI_FILES / "good_activity.xml")
    assert result.created == 1 and not result.refused
    assert {"projects_project", "projects_projectcountry"} <= analysed_tables()


def test_a_narrative_import_of_many_projects_analyses_sqlite(no_statistics, from_one_project):
    call_command("import_legacy", str(NARRATIVE), stdout=io.StringIO())
    assert "projects_project" in analysed_tables()


def test_small_imports_and_dry_runs_leave_the_statistics_alone(no_statistics, monkeypatch):
    IatiImporter(publish=True).import_file(IATI_FILES / "good_activity.xml")  # 1 project, under AFTER_PROJECTS
    assert not analysed_tables()
    monkeypatch.setattr(statistics, "AFTER_PROJECTS", 1)
    IatiImporter(publish=True, dry_run=True).import_file(IATI_FILES / "warnings_activity.xml")
    call_command("import_legacy", str(NARRATIVE), "--dry-run", stdout=io.StringIO())
    assert not analysed_tables()


def test_the_planner_leaves_the_draft_link_for_a_list_once_analysed(no_statistics):
    """What the statistics are for: without them SQLite walks every original to list the published ones."""
    from capdev.projects.models import Project

    sql, params = Project.objects.published().order_by("-start_date")[:20].query.sql_with_params()

    def plan() -> str:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return " / ".join(row[3] for row in cursor.fetchall())

    assert "sqlite_autoindex_projects_project" in plan()  # the guess this module is about
    assert statistics.refresh_after_import(statistics.AFTER_PROJECTS)
    assert "sqlite_autoindex_projects_project" not in plan()
