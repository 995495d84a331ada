"""`capdev import-legacy` on portfolios written as data (CSV, semicolon and tab exports, YAML-like lists,
transposed tables): one project per row, a donor column's governments as funders, never as countries served."""
import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from capdev.projects.models import Project, SourceRecord

pytestmark = pytest.mark.django_db

EXPORTS = Path(__file__).resolve().parents[2] / "narrative" / "tests" / "files" / "round5" / "exports"


@pytest.fixture(autouse=True)
def reference():
    call_command("load_reference", stdout=io.StringIO())


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_legacy", *map(str, args), stdout=out, stderr=out)
    return out.getvalue()


def _countries(code: str) -> list[str]:
    return sorted(Project.objects.get(code=code).countries.values_list("iso3", flat=True))


def test_a_csv_export_creates_one_project_per_row(tmp_path):
    path = tmp_path / "portfolio.csv"
    shutil.copy(EXPORTS / "csv_en_export.txt", path)
    assert "3 records, 3 created" in run(path)
    assert sorted(Project.objects.values_list("code", flat=True)) == ["2140R", "2287M", "2315T"]
    first = Project.objects.get(code="2140R")
    assert first.title == "Gender-responsive budgeting in local governments, phase II"
    assert _countries("2140R") == ["ETH", "MWI"]
    assert _countries("2287M") == []  # its countries cell is empty
    assert [(b.amount, b.currency_id) for b in first.budgets.all()] == [(512000, "USD")]
    assert first.start.iso() == "2021-04-01" and first.end.iso() == "2023-09-30"
    assert "CAN" not in _countries("2140R")  # the donor government is no country served
    # Each project keeps its own row as its source; the header row stays with the first.
    assert SourceRecord.objects.get(project=first).text.startswith("Project ID,Title,Donor")
    assert SourceRecord.objects.get(project__code="2315T").text.startswith("2315T,")


def test_a_semicolon_export_in_spanish_and_a_yaml_list_in_french(tmp_path):
    assert "3 records, 3 created" in run(EXPORTS / "semicolon_es_export.txt")
    assert _countries("BOL/21/003") == ["BOL"]
    assert "CHE" not in _countries("BOL/21/003")
    assert "2 records, 2 created" in run(EXPORTS / "yaml_fr_projets.yaml.txt")
    assert _countries("BEN/22/004") == ["BEN", "TGO"]
    assert Project.objects.get(code="SEN/23/011").title == "Éthique et intégrité dans la fonction publique territoriale"


def test_a_transposed_table_creates_a_project_per_column_and_is_idempotent():
    assert "3 records, 3 created" in run(EXPORTS / "transposed_en_tabs.txt")
    assert _countries("2209W") == ["BEN", "TGO"]
    assert "3 records, 0 created, 0 updated, 3 unchanged" in run(EXPORTS / "transposed_en_tabs.txt")
