"""Exports of the filtered project list: XLSX (a sheet per entity) and JSON in the record shape."""
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from capdev.projects.models import Project, ReviewState
from capdev.projects.views import budget_summary

URL = "/projects/"


@pytest.fixture
def hidden(portfolio, db):
    project = Project.objects.get(title__startswith="Supervising the Poverty Observatory")
    project.review_state = ReviewState.IN_REVIEW
    project.save()
    return project


def sheet_rows(book, name):
    rows = list(book[name].iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_xlsx_has_a_sheet_per_entity_for_the_filtered_published_projects(client, hidden):
    response = client.get(URL, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert book.sheetnames == ["projects", "outcomes", "activities", "partners", "budgets", "translations"]
    header, projects = sheet_rows(book, "projects")
    titles = [row[header.index("title")] for row in projects]
    assert len(titles) == 9 and hidden.title not in titles
    _, budgets = sheet_rows(book, "budgets")
    assert len(budgets) == 9
    lca = load_workbook(io.BytesIO(b"".join(client.get(URL, {"format": "xlsx", "country": "LCA"}).streaming_content)),
                        read_only=True)
    header, rows = sheet_rows(lca, "projects")
    assert [r[header.index("title")][:24] for r in rows] == ["Strengthen public sector"]
    _, outcomes = sheet_rows(lca, "outcomes")
    assert [r[4] for r in outcomes] == [2026, 2026]
    header, activities = sheet_rows(lca, "activities")
    assert {r[header.index("participants")] for r in activities} >= {40, 52, 64}


def test_xlsx_cells_never_hold_formulas(client, portfolio, db):
    project = Project.objects.first()
    project.title = "=HYPERLINK(\"http://evil\")"
    project.save()
    book = load_workbook(io.BytesIO(b"".join(client.get(URL, {"format": "xlsx"}).streaming_content)))
    values = [c.value for row in book["projects"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "'=HYPERLINK(\"http://evil\")" in values


def test_the_json_export_is_the_record_shape_and_imports_back(client, portfolio, db, tmp_path):
    response = client.get(URL, {"format": "json", "all": "1"})
    data = json.loads(b"".join(response.streaming_content))
    assert data["count"] == 10
    record = next(r for r in data["results"] if r["title"].startswith("Strengthen public sector"))
    assert record["sdgs"] == [1, 10, 11, 16, 17] and record["start"] == "2024-01"
    assert "source" not in record  # the original text is for staff
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("import_json", str(path), stdout=out)
    assert "10 records, 0 created, 0 updated, 10 unchanged" in out.getvalue()


def summary_amount(project) -> Decimal:
    """The figure the portal shows for a project's budget ("USD 1,308,543.25 (other)" gives 1308543.25)."""
    return Decimal(re.match(r"USD ([\d,.]+)", budget_summary(project.budgets.all()))[1].replace(",", ""))


def test_xlsx_budget_total_is_the_portals_figure_and_the_counted_lines_sum_to_it(client, budgeted):
    book = load_workbook(io.BytesIO(b"".join(client.get(URL, {"format": "xlsx"}).streaming_content)), read_only=True)
    header, projects = sheet_rows(book, "projects")
    by_id = {row[header.index("id")]: dict(zip(header, row, strict=True)) for row in projects}
    bheader, lines = sheet_rows(book, "budgets")
    lines = [dict(zip(bheader, row, strict=True)) for row in lines]
    for project, counted_lines in zip(budgeted, (12, 1), strict=True):
        expected = summary_amount(project)
        row = by_id[project.pk]
        assert row["budget_currency"] == "USD"
        assert abs(Decimal(str(row["budget_total"])) - expected) < Decimal("0.005")
        own = [line for line in lines if line["project_id"] == project.pk]
        counted = [line for line in own if line["counted"] is True]
        assert len(counted) == counted_lines and len(own) > counted_lines
        assert all(isinstance(line["amount"], (int, float)) for line in own)  # numbers, not text
        assert abs(sum(Decimal(str(line["amount"])) for line in counted) - expected) < Decimal("0.005")
    monthly = [line for line in lines if line["project_id"] == budgeted[0].pk]
    assert summary_amount(budgeted[0]) == Decimal("220000000.62")  # six revised months and six original ones
    # the originals a revision replaces (an empty label is an empty cell)
    assert {(line["period_start"].month, line["label"]) for line in monthly if not line["counted"]} == {
        (m, None) for m in range(1, 7)}
    assert all(line["period_end"] >= line["period_start"] for line in monthly)
