"""`make demo`'s data steps (load-reference, import-legacy --publish SEED) give the same data when run twice."""
import io

import pytest
from django.apps import apps
from django.core.management import call_command

from capdev.narrative.tests._shared import SEED

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SEED.exists(), reason=f"the shared seed is not at {SEED} (set CAPDEV_SHARED)"),
]

VOLATILE = {"id", "created", "last_updated", "imported_at", "published_at", "history_date", "history_id"}
# A row per write that marks the facet index stale, even a write that changes nothing (it only costs a rebuild).
TECHNICAL = {"projects.IndexChange", "core.ContentChange"}  # versions: a new row each run, by design


def registry_state() -> dict[str, list]:
    """Every row of every Capdev table (history included), without ids and timestamps."""
    state = {}
    for model in apps.get_models():
        if not model.__module__.startswith("capdev.") or model._meta.label in TECHNICAL:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in VOLATILE]
        rows = [tuple(str(v) for v in row) for row in model.objects.values_list(*fields)]
        state[model._meta.label] = sorted(rows) if "Historical" not in model.__name__ else len(rows)
    return state


def demo_data() -> str:
    out = io.StringIO()
    call_command("load_reference", stdout=out)
    call_command("import_legacy", str(SEED), "--publish", stdout=out)
    return out.getvalue()


def test_demo_data_twice_gives_the_same_data():
    first_output = demo_data()
    assert "10 records, 10 created" in first_output
    first = registry_state()
    second_output = demo_data()
    assert "10 records, 0 created, 0 updated, 10 unchanged" in second_output
    second = registry_state()
    changed = [label for label in first if first[label] != second[label]]
    assert changed == []
    assert len(first["projects.Project"]) == 10


def test_the_igf_meetings_recalled_before_each_project_are_kept_but_not_counted():
    """Issue #16: the IGF records recall the Forum's meetings since 2006; each record's meetings held before its
    project began are its history: rows kept (the seed's gold asks for them), marked, flagged, never counted."""
    from capdev.activities.models import Activity
    from capdev.portal.aggregates import portfolio_totals
    from capdev.projects.models import Project, ReviewFlag

    demo_data()
    recalled = sorted((a.project.start_date.year, a.start_date.isoformat()[:7], a.country_id)
                      for a in Activity.objects.filter(recalled=True).select_related("project"))
    assert recalled == [(2009, "2006-10", "GRC"), (2009, "2007-11", "BRA"), (2009, "2008-12", "IND"),
                        (2010, "2006-10", "GRC"), (2010, "2007-11", "BRA"), (2010, "2008-12", "IND"),
                        (2010, "2009-11", "EGY")]
    assert portfolio_totals(Project.objects.published()).activities == Activity.objects.count() - 7
    assert ReviewFlag.objects.filter(field="activities", reason__contains="kept as history").count() == 7
