"""ProjectFilterSet, ActivityFilterSet, OrganisationFilterSet: the parameters the portal, API and exports share."""
import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import RequestFactory

from capdev.activities.filtersets import ActivityFilterSet
from capdev.activities.models import Activity
from capdev.core.params import InvalidParameters
from capdev.organisations.filtersets import OrganisationFilterSet
from capdev.organisations.models import Organisation
from capdev.projects.bands import BudgetBand
from capdev.projects.filtersets import ProjectFilterSet, visible_projects
from capdev.projects.models import Budget, Project, ProjectCountry, ReviewState
from capdev.reference.models import Currency


def seed_project(index: int) -> Project:
    """The project imported from the seed's record at this index."""
    return Project.objects.get(sources__index=index)


def request_for(user=None):
    request = RequestFactory().get("/projects/")
    request.user = user or AnonymousUser()
    return request


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("reviewer", password="x" * 16, is_staff=True)


def filtered(query: str, user=None) -> list[Project]:
    request = request_for(user)
    return list(ProjectFilterSet(QueryDict(query), request=request).qs)


def pks(query: str, user=None) -> set[int]:
    return {p.pk for p in filtered(query, user)}


def test_country_narrows_to_the_caribbean_digital_government_project(portfolio, db):
    assert pks("country=LCA") == {seed_project(9).pk}
    assert pks("country=lca") == {seed_project(9).pk}  # codes are case-insensitive


def test_values_of_one_parameter_are_ored(portfolio, db):
    assert pks("country=LCA&country=DJI") == {seed_project(9).pk, seed_project(3).pk}


def test_parameters_are_anded(portfolio, db):
    assert pks("country=LCA&sdg=16") == {seed_project(9).pk}
    assert pks("country=DJI&sdg=16") == set()
    assert pks("q=caribbean&country=LCA") == {seed_project(9).pk}


@pytest.mark.parametrize("query, named", [
    ("country=XXX", "XXX"), ("country=LCA&country=QQQ&country=ZZZ", "QQQ, ZZZ"), ("sdg=abc", "abc"),
    ("sdg=²", "²"), ("sdg=١٦", "١٦"), ("sdg=18", "18"), ("sdg=9223372036854775808", "9223372036854775808"),
    ("unit=NOPE", "NOPE"), ("budget=huge", "huge"), ("target=16.99", "16.99"), ("region=nowhere", "nowhere"),
    ("funding=NOPE", "NOPE"), ("status=bogus", "bogus"), ("activity_type=party", "party"), ("sort=random", "random"),
    ("start_year_min=abc", "abc"), ("start_year_max=0210", "0210"), ("start_year_min=1e3", "1e3"),
    ("q=" + "x" * 257, "x" * 40),
])
def test_a_bad_or_unknown_value_is_refused_naming_it_never_left_out_nor_matched(portfolio, db, query, named):
    fs = ProjectFilterSet(QueryDict(query), request=request_for(None))
    name = query.split("=")[0]
    assert named in " ".join(fs.errors[name])
    with pytest.raises(InvalidParameters) as refused:
        fs.qs  # noqa: B018 - the rows of a filter left out would be every project
    assert name in refused.value.errors
    with pytest.raises(InvalidParameters):
        fs.cleaned()


def test_values_are_read_in_the_registrys_spelling(portfolio, db):
    assert pks("country=lca") == pks("country=LCA") == {seed_project(9).pk}
    assert pks("unit=pacb") == pks("unit=PACB")
    assert pks("sdg=016") == pks("sdg=16")
    fs = ProjectFilterSet(QueryDict("unit=pacb&country=lca&sdg=016"), request=request_for(None))
    assert (fs.selected("unit"), fs.selected("country"), fs.selected("sdg")) == (["PACB"], ["LCA"], ["16"])


def test_a_partner_no_visible_project_names_matches_nothing(portfolio, db):
    """Partners are not checked against the registry: a slug that an unpublished record alone names must look like
    one that does not exist."""
    assert pks("partner=no-such-organisation") == set()


def test_unit_includes_the_units_under_it(portfolio, db):
    dpadm = pks("unit=DPADM")
    assert len(dpadm) == 9  # its three branches' projects
    assert pks("unit=PACB") < dpadm
    assert pks("unit=DPIDG") == {seed_project(9).pk}
    assert len(pks("unit=UNDESA")) == 10


def test_funding_region_partner_activity_type(portfolio, db):
    caribbean = seed_project(9).pk
    assert pks("funding=DA Tranche 16 Account") == {caribbean}
    assert pks("region=019") == {caribbean}  # Americas: named as served
    assert len(pks("region=002")) == 4  # Africa: through Djibouti, Mali, Togo and the DR Congo
    assert pks("partner=caricad") == {caribbean, seed_project(0).pk}
    assert pks("activity_type=webinar") == {caribbean}


def test_sdg_and_target(portfolio, db):
    assert pks("sdg=16") == {seed_project(9).pk}
    assert pks("sdg=16&sdg=5") == {seed_project(9).pk}
    assert pks("target=16.6") == {p.pk for p in Project.objects.filter(sdg_targets__code="16.6")}


def test_start_year_range(portfolio, db):
    starts = {p.pk: p.start_date.year for p in Project.objects.all()}
    assert pks("start_year_min=2010") == {pk for pk, y in starts.items() if y >= 2010}
    assert pks("start_year_max=2009") == {pk for pk, y in starts.items() if y <= 2009}
    assert pks("start_year_min=2009&start_year_max=2009") == {pk for pk, y in starts.items() if y == 2009}


def test_budget_bands_use_the_total_budget_lines(portfolio, db):
    totals = {p.pk: sum(b.amount for b in p.budgets.all() if b.kind == Budget.Kind.TOTAL)
              for p in Project.objects.prefetch_related("budgets")}
    assert pks("budget=500k-1m") == {pk for pk, t in totals.items() if 500000 <= t < 1000000}
    assert seed_project(9).pk in pks("budget=500k-1m")  # exactly 500,000 is in the upper band
    assert pks("budget=lt100k") == {pk for pk, t in totals.items() if t < 100000}
    assert pks("budget=lt100k&budget=gt5m") == {pk for pk, t in totals.items() if t < 100000 or t >= 5000000}


def test_budget_band_edges():
    assert [c for c, *_ in BudgetBand.BANDS] == ["lt100k", "100k-500k", "500k-1m", "1m-5m", "gt5m"]


def test_status_follows_the_dates_and_the_editors_override(portfolio, db):
    today = dt.date.today()
    planned = Project.objects.create(title="Planned", review_state=ReviewState.PUBLISHED,
                                     start_date=today + dt.timedelta(days=60))
    overridden = Project.objects.create(title="Marked active", review_state=ReviewState.PUBLISHED,
                                        start_date=dt.date(2001, 1, 1), end_date=dt.date(2002, 1, 1),
                                        status_override="active")
    assert planned.pk in pks("status=planned")
    assert overridden.pk in pks("status=active") and overridden.pk not in pks("status=completed")
    assert pks("status=planned&status=active") >= {planned.pk, overridden.pk}


def test_anonymous_users_see_published_projects_only(portfolio, db, staff):
    hidden = Project.objects.create(title="In review in Saint Lucia", review_state=ReviewState.IN_REVIEW)
    ProjectCountry.objects.create(project=hidden, country_id="LCA")
    assert hidden.pk not in pks("country=LCA")
    assert hidden.pk not in pks("country=LCA&review_state=in_review")  # the parameter is staff-only
    assert hidden.pk in pks("country=LCA", staff)
    assert pks("review_state=in_review", staff) == {hidden.pk}


def test_working_copies_are_never_listed(portfolio, db, staff):
    original = seed_project(9)
    draft = Project.objects.create(title=original.title, review_state=ReviewState.DRAFT, draft_of=original)
    assert draft.pk not in {p.pk for p in visible_projects(request_for(staff))}
    assert draft.pk not in {p.pk for p in visible_projects(request_for())}


def test_inactive_staff_are_treated_as_the_public(portfolio, db, staff):
    staff.is_active = False
    staff.save()
    hidden = Project.objects.create(title="Hidden", review_state=ReviewState.IN_REVIEW)
    assert hidden.pk not in {p.pk for p in visible_projects(request_for(staff))}


def test_default_order_is_newest_start_first_and_relevance_when_searching(portfolio, db):
    rows = filtered("")
    starts = [p.start_date for p in rows]
    assert starts == sorted(starts, reverse=True)
    assert filtered("q=parliament")[0].pk == seed_project(0).pk


@pytest.mark.parametrize("sort, key, reverse", [
    ("start", lambda p: p.start_date, False),
    ("-start", lambda p: p.start_date, True),
    ("end", lambda p: p.end_date, False),
    ("-end", lambda p: p.end_date, True),
    ("title", lambda p: p.title.lower(), False),
])
def test_sorts(portfolio, db, sort, key, reverse):
    rows = filtered(f"sort={sort}")
    assert [key(p) for p in rows] == sorted((key(p) for p in rows), reverse=reverse)


def test_budget_sort(portfolio, db):
    rows = filtered("sort=-budget")
    totals = [p.budget_total for p in rows]
    assert totals == sorted(totals, reverse=True)
    assert filtered("sort=budget")[0].budget_total == min(totals)


def test_relevance_without_a_search_falls_back_to_the_default(portfolio, db):
    assert [p.pk for p in filtered("sort=relevance")] == [p.pk for p in filtered("")]


def test_facet_querysets_leave_out_their_own_parameter(portfolio, db):
    fs = ProjectFilterSet(QueryDict("country=LCA&sdg=16&start_year_min=2020&start_year_max=2030"),
                          request=request_for())
    assert {p.pk for p in fs.queryset_without("country")} == {seed_project(9).pk}  # still SDG 16
    assert {p.pk for p in fs.queryset_without("start_year")} == {seed_project(9).pk}
    fs = ProjectFilterSet(QueryDict("country=DJI&sdg=16"), request=request_for())
    assert fs.qs.count() == 0
    assert {p.pk for p in fs.queryset_without("country")} == {seed_project(9).pk}
    assert {p.pk for p in fs.queryset_without("sdg")} == {seed_project(3).pk}


# -- activities and organisations ------------------------------------------------------------------------

def test_activity_filterset(portfolio, db):
    caribbean = seed_project(9)
    request = request_for()
    webinars = ActivityFilterSet(QueryDict("type=webinar"), request=request).qs
    assert webinars.exists() and all(a.type == "webinar" for a in webinars)
    in_lca = ActivityFilterSet(QueryDict("country=LCA"), request=request).qs
    assert in_lca.exists() and all(a.country_id == "LCA" for a in in_lca)
    online = ActivityFilterSet(QueryDict("online=true"), request=request).qs
    assert set(online) == set(Activity.objects.filter(online=True))
    assert set(ActivityFilterSet(QueryDict(f"project={caribbean.pk}"), request=request).qs) == set(
        caribbean.activities.all())
    year = caribbean.activities.exclude(start_date=None).first().start_date.year
    assert all(a.start_date.year == year
               for a in ActivityFilterSet(QueryDict(f"year={year}"), request=request).qs)


def test_activities_of_unpublished_projects_are_hidden(portfolio, db, staff):
    hidden = Project.objects.create(title="Hidden", review_state=ReviewState.IN_REVIEW)
    secret = Activity.objects.create(project=hidden, type="workshop", title="Secret workshop")
    assert secret not in ActivityFilterSet(QueryDict(""), request=request_for()).qs
    assert secret in ActivityFilterSet(QueryDict(""), request=request_for(staff)).qs


def test_organisation_filterset(portfolio, db):
    request = request_for()
    assert Organisation.objects.get(slug="caricad") in OrganisationFilterSet(QueryDict("q=CARICAD"),
                                                                             request=request).qs
    cooperating = OrganisationFilterSet(QueryDict("role=cooperating"), request=request).qs
    assert Organisation.objects.get(slug="caricad") in cooperating
    assert not OrganisationFilterSet(QueryDict("role=funding&q=caricad"), request=request).qs.exists()


def test_budget_band_of_a_new_project(portfolio, db):
    p = Project.objects.create(title="Big", review_state=ReviewState.PUBLISHED)
    Budget.objects.create(project=p, amount=Decimal("4000000"), currency=Currency.objects.get(code="USD"))
    Budget.objects.create(project=p, amount=Decimal("2000000"), currency=Currency.objects.get(code="USD"))
    Budget.objects.create(project=p, amount=Decimal("9000000"), kind=Budget.Kind.YEARLY,
                          currency=Currency.objects.get(code="USD"))
    assert p.pk in pks("budget=gt5m")  # 6 million in total lines; the yearly line does not count
    assert p.pk not in pks("budget=1m-5m")
