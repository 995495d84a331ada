"""The project page: what it shows, to whom, and in a bounded number of queries."""
import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from capdev.activities.models import Activity
from capdev.organisations.models import Organisation
from capdev.projects.models import (
    Indicator,
    IndicatorValue,
    Outcome,
    Project,
    ProjectPartner,
    ProjectRelation,
    ReviewFlag,
    ReviewState,
    SourceRecord,
)
from capdev.projects.views import source_markup


def seed_project(index: int) -> Project:
    """The project imported from the seed's record at this index."""
    return Project.objects.get(sources__index=index)


def url(project: Project) -> str:
    return f"/projects/{project.pk}/"


def test_the_page_shows_the_facts_and_links(portfolio, db, client):
    html = client.get(url(seed_project(9))).content.decode()
    assert "January 2024 – June 2027" in html
    assert "UNDESA" in html and "DPIDG – Division for Public Institutions and Digital Government" in html
    assert 'href="/countries/LCA/"' in html and 'href="/sdgs/16/"' in html
    assert 'href="/partners/caricad/"' in html
    assert """data-countries="[&quot;BHS&quot;, &quot;BRB&quot;, &quot;LCA&quot;]\"""" in html
    assert 'class="capdev-map"' in html and "portal/map.js" in html and "vendor/d3/d3.min.js" in html
    assert "USD 500,000.00" in html
    assert "Webinar Series" in html and "online" in html
    assert "Outcomes" in html and "By 2026" in html


def test_time_frame_at_its_precision(portfolio, db, client):
    assert "February 2010 – June 2012" in client.get(url(seed_project(0))).content.decode()


def test_outcome_indicators_show_baseline_target_and_latest_actual(portfolio, db, client):
    p = seed_project(9)
    outcome = Outcome.objects.filter(project=p).first()
    ind = Indicator.objects.create(outcome=outcome, title="Officials trained", baseline_value=0, baseline_year=2024,
                                   target_value=120, target_year=2026)
    IndicatorValue.objects.create(indicator=ind, period_start="2024-01-01", period_end="2024-12-31", actual=40)
    IndicatorValue.objects.create(indicator=ind, period_start="2025-01-01", period_end="2025-12-31", actual=75)
    html = client.get(url(p)).content.decode()
    assert "Officials trained" in html and "→ 120" in html and "75 (2025)" in html


def _indicator_row(html: str, title: str) -> str:
    """The text of the indicator table's row for title, cells joined by " | "."""
    import lxml.html

    row = lxml.html.fromstring(html).xpath(f"//table[contains(@class, 'indicators')]//tr[th[contains(., '{title}')]]")
    assert row, f"no row for {title}"
    return " | ".join(" ".join(cell.text_content().split()) for cell in row[0].xpath("./th|./td"))


def test_an_indicator_without_its_own_target_shows_its_latest_periods_target(portfolio, db, client):
    p = seed_project(9)
    outcome = Outcome.objects.filter(project=p).first()
    # As the IATI import stores them: targets per period, none on the indicator itself.
    ind = Indicator.objects.create(outcome=outcome, title="Connections rehabilitated")
    IndicatorValue.objects.create(indicator=ind, period_start="2021-01-01", period_end="2022-12-31", target=80)
    IndicatorValue.objects.create(indicator=ind, period_start="2020-01-01", period_end="2020-12-31", target=50,
                                  actual=12)
    IndicatorValue.objects.create(indicator=ind, period_start="2023-04-03", period_end="2023-11-30", actual=30)
    own = Indicator.objects.create(outcome=outcome, title="Staff trained", target_value=120, target_year=2026)
    IndicatorValue.objects.create(indicator=own, period_start="2024-01-01", period_end="2024-12-31", target=60)
    untargeted = Indicator.objects.create(outcome=outcome, title="Grievances answered")
    IndicatorValue.objects.create(indicator=untargeted, period_start="2024-01-01", period_end="2024-12-31", actual=5)
    html = client.get(url(p)).content.decode()
    assert _indicator_row(html, "Connections rehabilitated") == (
        "Connections rehabilitated | — | → 80 (for 2021 – 2022) | 30 (3 April 2023 – 30 November 2023)")
    assert _indicator_row(html, "Staff trained") == "Staff trained | — | → 120 (2026) | —"
    assert _indicator_row(html, "Grievances answered") == "Grievances answered | — | — | 5 (2024)"


def test_an_actual_of_a_period_not_over_shows_the_whole_period(portfolio, db, client):
    p = seed_project(9)
    outcome = Outcome.objects.filter(project=p).first()
    ind = Indicator.objects.create(outcome=outcome, title="Hours of water supply", baseline_value=15)
    IndicatorValue.objects.create(indicator=ind, period_start="2023-04-01", period_end="2099-11-30", actual=15,
                                  target=21)
    html = client.get(url(p)).content.decode()
    assert _indicator_row(html, "Hours of water supply") == (
        "Hours of water supply | 15 | → 21 (for April 2023 – November 2099) | "
        "15 (April 2023 – November 2099, not over yet)")


def test_period_targets_take_no_query_per_indicator(portfolio, db, client, django_assert_max_num_queries):
    p = seed_project(9)
    outcome = Outcome.objects.filter(project=p).first()

    def add(i):
        ind = Indicator.objects.create(outcome=outcome, position=50 + i, title=f"Periodic {i}")
        IndicatorValue.objects.create(indicator=ind, period_start="2020-01-01", period_end="2020-12-31", target=i)
        IndicatorValue.objects.create(indicator=ind, period_start="2021-01-01", period_end="2021-12-31", actual=i)

    add(0)
    with CaptureQueriesContext(connection) as base:
        client.get(url(p))
    for i in range(1, 15):
        add(i)
    with django_assert_max_num_queries(len(base)):
        html = client.get(url(p)).content.decode()
    assert "→ 14 (for 2020)" in html


def test_unpublished_projects_are_404_for_the_public_and_shown_to_staff(portfolio, db, client, staff_client):
    hidden = Project.objects.create(title="Secret", review_state=ReviewState.IN_REVIEW)
    assert client.get(url(hidden)).status_code == 404
    assert staff_client.get(url(hidden)).status_code == 200
    assert client.get("/projects/999999/").status_code == 404


def test_staff_see_flags_and_the_source_text_with_its_spans(portfolio, db, client, staff_client):
    p = seed_project(9)
    ReviewFlag.objects.create(project=p, field="countries", reason="Check the <third> country")
    html = staff_client.get(url(p)).content.decode()
    assert "Check the &lt;third&gt; country" in html
    assert 'class="src-field" data-field="summary"' in html and 'data-field="countries"' in html
    public = client.get(url(p)).content.decode()
    assert "src-field" not in public and "Check the" not in public and "For reviewers" not in public


def test_source_markup_escapes_the_text_and_labels_each_span():
    source = SourceRecord(text="Title: <b>x</b>\nrest & more", spans=[["title", 0, 15], ["bogus", 50, 60]])
    html = str(source_markup(source))
    assert '<span class="src-field" data-field="title"><span class="src-label">title</span>' in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>" not in html
    assert '<span class="src-gap">\nrest &amp; more</span>' in html  # the rest is kept, escaped


def test_related_projects_in_both_directions_and_only_visible_ones(portfolio, db, client):
    a, b = seed_project(0), seed_project(9)
    ProjectRelation.objects.create(from_project=a, to_project=b, kind=ProjectRelation.Kind.PREVIOUS_PHASE)
    secret = Project.objects.create(title="Secret next step", review_state=ReviewState.IN_REVIEW)
    ProjectRelation.objects.create(from_project=b, to_project=secret)
    # b is a's previous phase; seen from b, a is its follow-up.
    html = client.get(url(a)).content.decode()
    assert re.search(rf'Previous phase</span>: <a href="/projects/{b.pk}/"', html)
    html = client.get(url(b)).content.decode()
    assert re.search(rf'Follow-up</span>: <a href="/projects/{a.pk}/"', html)
    assert "Secret next step" not in html


def _crowd(project: Project, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        Activity.objects.create(project=project, position=100 + i, type="workshop", title=f"Workshop {i}",
                                country_id="BRB", participants=10 + i)
        org = Organisation.objects.create(name=f"Crowd partner {i}", slug=f"crowd-partner-{i}")
        ProjectPartner.objects.create(project=project, organisation=org, position=100 + i,
                                      role=ProjectPartner.Role.IMPLEMENTING if i % 2 else ProjectPartner.Role.FUNDING)
        outcome = Outcome.objects.create(project=project, position=100 + i, text=f"Outcome {i}")
        Indicator.objects.create(outcome=outcome, title=f"Indicator {i}", target_value=Decimal(i))


def test_queries_do_not_grow_with_activities_and_partners(portfolio, db, staff_client, django_assert_max_num_queries):
    big = seed_project(9)
    _crowd(big, 1)  # one of each row the page reads, so that every prefetch runs in the baseline
    outcome = Outcome.objects.filter(project=big).first()
    IndicatorValue.objects.create(indicator=Indicator.objects.create(outcome=outcome, title="i"),
                                  period_start="2024-01-01", period_end="2024-12-31", actual=1)
    with CaptureQueriesContext(connection) as base:
        staff_client.get(url(big))
    _crowd(big, 40, start=1)
    with django_assert_max_num_queries(len(base)):
        response = staff_client.get(url(big))
    assert "Workshop 40" in response.content.decode() and "Crowd partner 40" in response.content.decode()


def test_many_budget_lines_are_summed_and_folded_each_marked_counted_or_not(portfolio, db, client):
    """IATI sends a line per month, original and revised: the page gives the budget, then every line."""
    import datetime as dt

    from capdev.iati.models import TransactionSummary
    from capdev.projects.models import Budget

    project = seed_project(9)
    project.budgets.all().delete()
    for month in (1, 2, 3):
        period = {"period_start": dt.date(2024, month, 1), "period_end": dt.date(2024, month, 28)}
        Budget.objects.create(project=project, kind=Budget.Kind.OTHER, amount=Decimal(1000), currency_id="USD",
                              position=month, label="Original", **period)
        Budget.objects.create(project=project, kind=Budget.Kind.OTHER, amount=Decimal(1500), currency_id="USD",
                              position=10 + month, label="Revised", **period)
    TransactionSummary.objects.create(project=project, transaction_type="3", transaction_type_name="Disbursement",
                                      currency="USD", total=Decimal("2500.50"), count=4,
                                      first_date=dt.date(2024, 2, 1), last_date=dt.date(2024, 9, 30))
    html = client.get(url(project)).content.decode()
    assert '<p class="budget-sum">USD 4,500 (other)</p>' in html  # the revised months, not 7,500
    assert "6 budget lines" in html
    assert html.count("not counted: replaced by a revised line") == 3
    assert "Disbursement" in html and "USD 2,500.50" in html and "2024-02-01 – 2024-09-30" in html


def test_a_few_budget_lines_are_listed_in_full(portfolio, db, client):
    html = client.get(url(seed_project(9))).content.decode()
    assert "USD 500,000.00" in html and 'class="budget-sum"' not in html and "Transactions" not in html
