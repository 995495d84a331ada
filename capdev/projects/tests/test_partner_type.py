"""?partner_type=: projects by the type of a partner organisation, added as one declaration
(capdev.projects.filtersets.ProjectFilterSet.partner_type). What that one declaration gives: the filter in SQL
and on the index, its facet on the list page, its value named on the dashboard, the API's parameter with its
schema, a 400 for a bad value, and the index following a change of an organisation's type."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import RequestFactory

from capdev.organisations.models import Organisation
from capdev.projects.filtersets import ProjectFilterSet
from capdev.projects.listing import ProjectList
from capdev.projects.models import Project, ProjectPartner, ReviewState


@pytest.fixture
def partners(db):
    """Four published projects: one with a UN partner, one with a government and an NGO (the NGO in two roles),
    one with an NGO, one with no partner; and a draft with a UN partner (the public never counts it)."""
    un = Organisation.objects.create(name="Type test UN agency", slug="type-test-un", type=Organisation.Type.UN)
    gov = Organisation.objects.create(name="Type test ministry", slug="type-test-gov",
                                      type=Organisation.Type.GOVERNMENT)
    ngo = Organisation.objects.create(name="Type test NGO", slug="type-test-ngo", type=Organisation.Type.NGO)
    made = {}
    for key, orgs in (("un", [un]), ("gov_ngo", [gov, ngo, ngo]), ("ngo", [ngo]), ("none", [])):
        project = Project.objects.create(title=f"Partner type {key}", review_state=ReviewState.PUBLISHED)
        roles = iter(ProjectPartner.Role.values)
        for position, org in enumerate(orgs):
            ProjectPartner.objects.create(project=project, organisation=org, position=position, role=next(roles))
        made[key] = project
    made["draft"] = Project.objects.create(title="Partner type draft", review_state=ReviewState.DRAFT)
    ProjectPartner.objects.create(project=made["draft"], organisation=un, position=0)
    made["orgs"] = {"un": un, "gov": gov, "ngo": ngo}
    return made


def listing(query: str, staff: bool = False) -> ProjectList:
    request = RequestFactory().get("/projects/")
    request.user = AnonymousUser()
    if staff:
        from django.contrib.auth import get_user_model

        request.user = get_user_model()(username="s", is_staff=True, is_active=True)
    return ProjectList(request, QueryDict(query))


def mine(partners, qs) -> set[str]:
    keys = {p.pk: k for k, p in partners.items() if isinstance(p, Project)}
    return {keys[pk] for pk in qs.values_list("pk", flat=True) if pk in keys}


@pytest.mark.parametrize("use_index", [True, False], ids=["index", "sql"])
def test_partner_type_selects_projects_with_a_partner_of_that_type(partners, settings, use_index):
    settings.CAPDEV_FACET_INDEX = use_index
    for query, expected in (("partner_type=un", {"un"}), ("partner_type=ngo", {"gov_ngo", "ngo"}),
                            ("partner_type=un&partner_type=government", {"un", "gov_ngo"}),
                            ("partner_type=academia", set())):
        got = listing(query)
        assert mine(partners, got.filterset.qs) == expected, query
        order = got.index_order()
        assert (order is not None) == use_index
        if order is not None:
            assert {k for k, p in partners.items() if isinstance(p, Project) and p.pk in set(order.tolist())} \
                == expected, query
    assert mine(partners, listing("partner_type=un", staff=True).filterset.qs) == {"un", "draft"}


def test_partner_type_ands_with_the_other_parameters(partners):
    assert mine(partners, listing("partner_type=ngo&partner=type-test-gov").filterset.qs) == {"gov_ngo"}
    assert mine(partners, listing("partner_type=un&partner=type-test-ngo").filterset.qs) == set()


@pytest.mark.parametrize("use_index", [True, False], ids=["index", "sql"])
def test_the_partner_type_facet_counts_projects_once_each_and_ignores_its_own_choice(partners, settings,
                                                                                      use_index):
    settings.CAPDEV_FACET_INDEX = use_index
    facet = {v.value: v for v in listing("partner=type-test-ngo&partner_type=ngo").facets()["partner_type"]}
    # Among the NGO's projects (the partner filter applies, the facet's own choice does not): the NGO in two
    # roles counts its project once.
    assert {k: v.count for k, v in facet.items()} == {"government": 1, "ngo": 2}
    assert facet["ngo"].selected and not facet["government"].selected
    assert facet["ngo"].label == "NGO / civil society"
    values = [v.value for v in listing("").facets()["partner_type"]]
    assert values == [t for t in Organisation.Type.values if t in values]  # in the enumeration's order


def test_a_bad_partner_type_is_a_400_naming_it(partners, client):
    response = client.get("/projects/", {"partner_type": "ministry"})
    assert response.status_code == 400 and "partner_type" in response.content.decode()
    api = client.get("/api/projects/", {"partner_type": "ministry"})
    assert api.status_code == 400 and "partner_type" in api.json()


def test_the_list_page_shows_the_facet_and_the_chosen_type(partners, client):
    page = client.get("/projects/", {"partner_type": "un"})
    html = page.content.decode()
    assert page.status_code == 200 and page.context["page_obj"].paginator.count == 1
    assert 'name="partner_type" value="un" checked' in html
    chips = {(a["param"], a["value"]) for a in page.context["active_filters"]}
    assert ("partner_type", "UN entity") in chips


def test_the_dashboard_counts_and_names_the_same_projects(partners, client):
    page = client.get("/dashboard/", {"partner_type": "ngo"})
    assert page.status_code == 200 and page.context["totals"].projects == 2
    assert [(f.name, f.value) for f in page.context["filters"]] == [("Partner type", "NGO / civil society")]


def test_the_api_filters_by_it_and_its_schema_lists_the_types(partners, client):
    body = client.get("/api/projects/", {"partner_type": "un"}).json()
    assert [row["title"] for row in body["results"]] == ["Partner type un"]
    schema = client.get("/api/schema/", {"format": "json"}).json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/projects/"]["get"]["parameters"]}
    assert parameters["partner_type"]["schema"]["items"]["enum"] == list(Organisation.Type.values)


def test_the_index_follows_a_change_of_an_organisations_type(partners, settings):
    settings.CAPDEV_FACET_INDEX = True
    assert mine(partners, listing("partner_type=academia").filterset.qs) == set()
    assert listing("partner_type=academia").index_order().size == 0
    partners["orgs"]["ngo"].type = Organisation.Type.ACADEMIA
    partners["orgs"]["ngo"].save()
    got = listing("partner_type=academia")
    assert {p.pk for k, p in partners.items() if k in ("gov_ngo", "ngo")} == set(got.index_order().tolist())


def test_one_declaration_is_all_it_takes():
    """The parameter, its facet and its pairs all hang on the one declared filter."""
    declared = dict(ProjectFilterSet.declared())["partner_type"]
    assert declared.facet is not None and declared.facet.param is declared and declared.pairs is not None
    assert declared.doc
