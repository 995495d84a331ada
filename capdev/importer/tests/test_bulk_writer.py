"""Both importers write new rows and their history through one bulk writer (capdev.core.bulk)."""
import ast
import datetime as dt
from pathlib import Path

import pytest

from capdev.core.bulk import create_with_history
from capdev.projects.models import Project

CAPDEV = Path(__file__).resolve().parents[2]


def test_no_importer_writes_rows_with_history_its_own_way():
    """simple-history's bulk_create_with_history is called by core.bulk's reference path only."""
    callers = []
    for path in [*(CAPDEV / "importer").rglob("*.py"), *(CAPDEV / "iati").rglob("*.py")]:
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id == "bulk_create_with_history":
                callers.append(f"{path.relative_to(CAPDEV)}:{node.lineno}")
    assert not callers, callers


@pytest.mark.django_db
def test_values_are_read_as_their_fields_read_them_as_the_orm_would():
    """The narrative loader's rows may carry dates as text ("2024-01-02"): the fast path stores the date."""
    project, = create_with_history(Project, [Project(title="Bulk", start_date="2024-01-02")])
    stored = Project.objects.get(pk=project.pk)
    assert stored.start_date == dt.date(2024, 1, 2)
    assert stored.history.count() == 1 and stored.history.get().start_date == dt.date(2024, 1, 2)
