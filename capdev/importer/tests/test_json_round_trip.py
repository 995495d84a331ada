"""The JSON export imports into an empty database with no difference."""
import io
import json

import pytest
from django.core.management import call_command

from capdev.importer.snapshot import project_snapshot
from capdev.projects.models import Indicator, IndicatorValue, Project, ProjectRelation, ProjectSector
from capdev.projects.records import with_record_data

pytestmark = pytest.mark.django_db


def registry() -> list:
    """Every project's values (as the importer compares them), its provenance text and relations, by title."""
    rows = []
    for p in with_record_data(Project.objects.registry()):
        snap = project_snapshot(p)
        source = max(p.sources.all(), key=lambda s: (s.imported_at, s.pk))
        related = sorted([(r.kind, r.to_project.title, r.note) for r in p.relations_from.all()]
                         + [(ProjectRelation.kind_seen_from(r.kind, True), r.from_project.title, r.note)
                            for r in p.relations_to.all()])
        flags = sorted((f.field, f.reason) for f in p.review_flags.all())
        rows.append((p.title, p.review_state, json.dumps(snap, sort_keys=True, default=str), source.text,
                     source.spans, source.unparsed, related, flags))
    return sorted(rows)


@pytest.mark.django_db(transaction=True)  # flush empties real tables: PostgreSQL refuses it inside a transaction
def test_export_then_import_into_an_empty_database_gives_the_same_portfolio(portfolio, tmp_path):
    # Enrich one project with what narrative pages do not tell, so the round trip covers it too.
    project = Project.objects.get(code=None, title__startswith="Strengthen public sector")
    outcome = project.outcomes.first()
    indicator = Indicator.objects.create(outcome=outcome, title="Officials trained", unit="people",
                                         baseline_value=0, baseline_year=2024, target_value=150, target_year=2026)
    IndicatorValue.objects.create(indicator=indicator, period_start="2024-01-01", period_end="2024-12-31", actual=92)
    ProjectSector.objects.create(project=project, vocabulary="1", code="15110", percentage=100)
    link = project.country_links.get(country_id="LCA")
    link.percentage = 40
    link.save()
    # A kind the importer would not propose (it reads the two Internet Governance Forum records as two phases):
    # the export states it, and the import takes it as stated.
    relation = ProjectRelation.objects.get()
    relation.kind, relation.note = ProjectRelation.Kind.DUPLICATE, "one forum, recorded twice"
    relation.save()

    before = registry()
    export = tmp_path / "portfolio.json"
    call_command("export_json", "--output", str(export), stderr=io.StringIO())
    assert len(json.loads(export.read_text(encoding="utf-8"))) == 10

    call_command("flush", "--noinput")
    call_command("load_reference", stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_json", "--publish", str(export), stdout=out)
    assert "10 records, 10 created" in out.getvalue()
    assert registry() == before

    out = io.StringIO()
    call_command("import_json", "--publish", str(export), stdout=out)
    assert "0 created, 0 updated, 10 unchanged" in out.getvalue()


@pytest.mark.parametrize("content, message", [
    ("{not json", "invalid JSON at line 1"),
    ("[]", "non-empty JSON list"),
    ('{"a": 1}', "non-empty JSON list"),
    ('[{"title": "x", "start": "2010-13"}]', "record 0 (x)"),
    ('[{"title": "x", "budgets": [{"amount": "lots", "currency": "USD"}]}]', "record 0 (x)"),
    ('["just a string"]', "expected an object"),
])
def test_bad_json_is_one_clear_error_and_writes_nothing(tmp_path, content, message):
    from django.core.management import CommandError

    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    count = Project.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_json", str(path), stdout=io.StringIO(), stderr=err)
    assert message in err.getvalue() and "bad.json" in err.getvalue()
    assert Project.objects.count() == count
