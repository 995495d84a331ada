"""The synthetic portfolio generator: deterministic, realistic ranges, bulk writes, searchable, published."""
from __future__ import annotations

import io
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Max, Min

from capdev.activities.models import Activity
from capdev.organisations.models import Organisation, OrgUnit
from capdev.projects import synthetic
from capdev.projects.models import (
    Budget,
    Project,
    ProjectCountry,
    ProjectPartner,
    ProjectSdgGoal,
    ProjectSearchDocument,
    ReviewState,
)
from capdev.projects.search import (
    DOCUMENT_PREFETCH,
    build_document,
    reindex_projects,
    search,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def reference(django_db_setup, django_db_blocker):
    """Reference data only (units, countries, SDGs, organisations), loaded once per module."""
    with django_db_blocker.unblock():
        call_command("load_reference", stdout=io.StringIO())
        yield
        call_command("flush", "--noinput", stdout=io.StringIO())


def snapshot() -> list[tuple]:
    """Everything the generator wrote, without primary keys or timestamps, in a stable order."""
    projects = Project.objects.order_by("code")
    out = []
    for p in projects.prefetch_related("country_links", "sdg_goal_links", "sdg_target_links", "budgets",
                                       "partner_links", "activities", "expected_accomplishments", "outcomes"):
        out.append((
            p.code, p.title, p.summary, p.objective, p.background, p.lead_unit_id, p.funding_source_id,
            p.start_date, p.start_precision, p.end_date, p.end_precision, p.status_override, p.review_state,
            sorted(c.country_id for c in p.country_links.all()),
            sorted(g.goal_id for g in p.sdg_goal_links.all()),
            sorted(t.target_id for t in p.sdg_target_links.all()),
            [(b.kind, b.amount, b.currency_id) for b in p.budgets.all()],
            [(x.organisation_id, x.role, x.position) for x in p.partner_links.all()],
            [(a.position, a.type, a.title, a.start_date, a.end_date, a.country_id, a.participants, a.online)
             for a in p.activities.all()],
            [e.text for e in p.expected_accomplishments.all()],
            [o.text for o in p.outcomes.all()],
        ))
    return out


def wipe() -> None:
    """Remove generated projects (and, by cascade, their rows) so another run can start from empty."""
    Project.objects.all().delete()


def test_same_seed_gives_the_same_portfolio_whatever_the_batch_and_method(reference):
    synthetic.generate(120, seed=7, batch=50, method="copy")
    first = snapshot()
    wipe()
    synthetic.generate(120, seed=7, batch=33, method="orm")
    assert snapshot() == first
    wipe()
    synthetic.generate(120, seed=8, batch=50)
    other = snapshot()
    assert [row[1] for row in other] != [row[1] for row in first]  # another seed, another portfolio


def test_a_larger_portfolio_starts_with_the_smaller_one(reference):
    synthetic.generate(40, seed=3, batch=40)
    small = snapshot()
    wipe()
    synthetic.generate(1100, seed=3, batch=500)  # crosses a BLOCK boundary
    assert snapshot()[:40] == small
    assert Project.objects.count() == 1100


def test_distributions_stay_in_their_ranges(reference):
    done = synthetic.generate(400, seed=11, batch=150)
    assert done.projects == 400 and Project.objects.count() == 400
    assert set(Project.objects.values_list("review_state", flat=True)) == {ReviewState.PUBLISHED}
    assert Project.objects.published().count() == 400

    per_project = Counter(dict(Project.objects.annotate(n=Count("country_links")).values_list("pk", "n")))
    assert set(per_project.values()) <= set(range(1, 6)) and max(per_project.values()) > 1
    sdgs = dict(Project.objects.annotate(n=Count("sdg_goal_links")).values_list("pk", "n"))
    assert set(sdgs.values()) <= set(range(1, 5))
    acts = dict(Project.objects.annotate(n=Count("activities")).values_list("pk", "n"))
    assert set(acts.values()) <= set(range(11)) and 0 in acts.values() and max(acts.values()) >= 7

    totals = Budget.objects.filter(kind=Budget.Kind.TOTAL)
    assert totals.count() == 400
    bounds = totals.aggregate(lo=Min("amount"), hi=Max("amount"))
    assert Decimal(synthetic.BUDGET_MIN) <= bounds["lo"] and bounds["hi"] <= Decimal(synthetic.BUDGET_MAX)
    amounts = sorted(totals.values_list("amount", flat=True))
    median = amounts[len(amounts) // 2]
    assert Decimal(100_000) < median < Decimal(1_000_000)  # log-normal: most projects are small

    dates = Project.objects.aggregate(lo=Min("start_date"), hi=Max("end_date"))
    assert dates["lo"].year >= synthetic.YEAR_MIN and dates["hi"].year <= synthetic.YEAR_MAX
    assert {"day", "month", "year"} <= set(Project.objects.values_list("start_precision", flat=True))
    assert not Project.objects.filter(end_date__lt=F("start_date")).exists()

    # Developing regions dominate: Africa and Asia together far outweigh Europe.
    regions = Counter(ProjectCountry.objects.values_list("country__region__name", flat=True))
    assert regions["Africa"] + regions["Asia"] > 4 * regions["Europe"]
    # SDG 16 (institutions) is the most frequent goal, as in a governance portfolio.
    goals = Counter(ProjectSdgGoal.objects.values_list("goal_id", flat=True))
    assert goals.most_common(1)[0][0] == 16

    # Units come from the loaded tree and existed in the project's start year.
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit_id, start in Project.objects.values_list("lead_unit_id", "start_date"):
        u = units[unit_id]
        assert (u.valid_from or 0) <= start.year <= (u.valid_to or 9999)
    assert ProjectPartner.objects.exists()
    reached = Activity.objects.filter(participants__isnull=False)
    assert reached.exists() and not reached.filter(participants__lt=1).exists()
    # Activities happen in one of their project's countries, or online.
    for project_id, country in Activity.objects.filter(country__isnull=False).values_list("project_id", "country"):
        assert ProjectCountry.objects.filter(project_id=project_id, country_id=country).exists()


def test_search_documents_are_those_the_registry_would_build(reference):
    synthetic.generate(60, seed=5, batch=25)
    written = {d.project_id: d for d in ProjectSearchDocument.objects.all()}
    assert len(written) == 60
    projects = (Project.objects.select_related("lead_unit").prefetch_related(*DOCUMENT_PREFETCH))
    for p in projects:
        expected, got = build_document(p), written[p.pk]
        assert got.heading == expected.heading
        assert got.body == expected.body
        # Country names are ordered by the database's collation: compare the lines, not their order.
        assert sorted(got.context.split("\n")) == sorted(expected.context.split("\n"))
    # And the full-text index was filled as the rows went in: a generated title is found.
    sample = Project.objects.order_by("pk").first()
    word = sample.code
    assert sample.pk in set(search(Project.objects.all(), f'"{word}"').values_list("pk", flat=True))
    assert reindex_projects() == 60  # the registry's own rebuild agrees on the count


def test_writes_in_a_fixed_number_of_queries_per_batch(reference, django_assert_max_num_queries):
    # Bulk only: no statement per project or per row, so 200 projects in 2 batches take a handful.
    with django_assert_max_num_queries(40):
        synthetic.generate(200, seed=2, batch=100)
    assert Project.objects.count() == 200


def test_no_history_rows_for_synthetic_data(reference):
    synthetic.generate(20, seed=4, batch=20)
    assert Project.history.count() == 0
    assert Activity.history.count() == 0


def test_explicit_ids_leave_the_sequence_usable(reference):
    synthetic.generate(30, seed=6, batch=30)
    # A project saved the ordinary way after a generated portfolio gets a fresh id (PostgreSQL sequence reset).
    p = Project.objects.create(title="Made by hand")
    assert p.pk > Project.objects.exclude(pk=p.pk).aggregate(m=Max("pk"))["m"]


def test_the_command_refuses_a_seed_twice_and_reports(reference):
    out = io.StringIO()
    call_command("generate_portfolio", "--projects", "15", "--seed", "9", "--batch", "10", "-v", "0", stdout=out)
    assert "15 projects" in out.getvalue()
    with pytest.raises(CommandError, match="already exist"):
        call_command("generate_portfolio", "--projects", "5", "--seed", "9", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("generate_portfolio", "--projects", "5", "--seed", "10", "--batch", "0", stdout=io.StringIO())


def test_without_reference_data_it_says_what_to_run(reference):
    Organisation.objects.all().delete()  # rolled back after the test
    with pytest.raises(CommandError, match="load-reference"):
        call_command("generate_portfolio", "--projects", "5", stdout=io.StringIO())

