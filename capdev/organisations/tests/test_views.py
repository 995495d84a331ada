"""The unit and partner pages, and the organisation FilterSets the API shares with them."""
from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse

from capdev.organisations.filtersets import FundingSourceFilterSet, OrganisationFilterSet, OrgUnitFilterSet
from capdev.organisations.models import FundingSource, Organisation, OrgUnit
from capdev.organisations.views import unit_period
from capdev.projects.models import ProjectPartner
from capdev.reference.tests.test_views import SECRET, in_review, make_project, page

CARIBBEAN = "Strengthen public sector national capacities for Innovation"


def tree_counts(client) -> dict[str, tuple[int, int]]:
    """(own, with descendants) visible-project counts per unit code on the unit index."""
    roots = client.get(reverse("organisations:unit_list")).context["roots"]
    found, stack = {}, list(roots)
    while stack:
        unit = stack.pop()
        found[unit.code] = (unit.n_own, unit.n_total)
        stack.extend(unit.child_units)
    return found


# --- /units/ ------------------------------------------------------------------------------------------------------

def test_unit_list_is_a_tree_with_periods_and_successors(portfolio, db, client):
    html = page(client, "organisations:unit_list")
    assert "<h1>Organisational units</h1>" in html
    assert "until 2018" in html and "from 2019" in html
    assert '→ <a href="/units/DPIDG/"' in html
    # Nested lists: PACB sits inside DPADM's list, which sits inside UNDESA's.
    undesa, dpadm, pacb = html.index("/units/UNDESA/"), html.index("/units/DPADM/"), html.index("/units/PACB/")
    assert undesa < dpadm < pacb and html.count('<ul class="profile-tree">') > 3
    counts = tree_counts(client)
    assert counts["PACB"] == (3, 3) and counts["DMB"] == (5, 5)
    assert counts["DPADM"] == (0, 9) and counts["UNDESA"] == (0, 10)


def test_unit_period_phrases():
    assert unit_period(OrgUnit(code="A", name="A", valid_to=2018)) == "until 2018"
    assert unit_period(OrgUnit(code="B", name="B", valid_from=2019)) == "from 2019"
    assert unit_period(OrgUnit(code="C", name="C", valid_from=2011, valid_to=2020)) == "2011–2020"
    assert unit_period(OrgUnit(code="D", name="D")) == ""


def test_unit_counts_hide_unpublished_projects(portfolio, db, client, admin_client):
    before = tree_counts(client)
    in_review(unit="PACB")
    assert tree_counts(client) == before
    staff = tree_counts(admin_client)
    assert staff["PACB"] == (4, 4) and staff["DPADM"] == (0, 10)


def test_unit_detail_includes_descendants(portfolio, db, client):
    response = client.get(reverse("organisations:unit_detail", args=["DPADM"]))
    html = response.content.decode()
    assert "<title>Division for Public Administration and Development Management (DPADM)" in html
    assert 'aria-label="Breadcrumb"' in html and 'href="/units/UNDESA/"' in html
    assert response.context["projects"]["total"] == 9  # its branches' projects: it leads none itself
    assert {p.lead_unit.code for p in response.context["projects"]["rows"]} == {"PACB", "DMB", "EGB"}
    assert "/projects/?unit=DPADM" in html and "Succeeded by" in html
    assert {c.iso3 for c in response.context["countries"]} == {"COD", "DJI", "MLI", "SAU", "TGO"}
    # 9 activity rows, of which 7 are the IGF meetings of 2006-2009 that its two IGF records recall from before they
    # began (issue #16): kept on the projects' pages, not counted.
    assert response.context["activities"]["total"] == 2
    assert [row["year"] for row in response.context["budget"]["rows"]] == [2008, 2009, 2010]
    pacb = client.get(reverse("organisations:unit_detail", args=["PACB"]))
    assert [a.code for a in pacb.context["ancestors"]] == ["UNDESA", "DPADM"]
    assert pacb.context["projects"]["total"] == 3
    dpidg = client.get(reverse("organisations:unit_detail", args=["DPIDG"])).content.decode()
    assert "Took over from" in dpidg and CARIBBEAN in dpidg


def test_unit_detail_hides_unpublished_projects(portfolio, db, client, admin_client):
    in_review(unit="PACB", countries=("FJI",), activity_country="FJI")
    anonymous = client.get(reverse("organisations:unit_detail", args=["DPADM"]))
    html = anonymous.content.decode()
    assert SECRET not in html and "EUR" not in html and "Fiji" not in html and "777" not in html
    assert anonymous.context["projects"]["total"] == 9
    staff = admin_client.get(reverse("organisations:unit_detail", args=["DPADM"]))
    assert SECRET in staff.content.decode() and "Fiji" in staff.content.decode()
    assert staff.context["projects"]["total"] == 10


def test_unit_addresses(portfolio, db, client):
    response = client.get("/units/pacb/")
    assert response.status_code == 301 and response["Location"] == "/units/PACB/"
    assert client.get("/units/NOPE/").status_code == 404


# --- /partners/ ---------------------------------------------------------------------------------------------------

def test_partner_list_with_roles_and_filters(portfolio, db, client):
    response = client.get(reverse("organisations:partner_list"))
    html = response.content.decode()
    assert "<h1>Partners</h1>" in html and "<caption" in html
    orgs = {o.slug: o for o in response.context["page"].object_list}
    assert {"dfid", "caricad", "undp"} <= set(orgs)
    assert orgs["caricad"].n_projects == 2 and orgs["caricad"].role_counts == [("Cooperating", 2)]
    assert orgs["dfid"].role_counts == [("Funding", 1)]
    assert "/projects/?partner=caricad" in html
    # Known organisations that no project names are not partners.
    assert not Organisation.objects.filter(slug__in=orgs, project_links__isnull=True).exists()
    funding = client.get(reverse("organisations:partner_list"), {"role": "funding"}).context["page"]
    assert [o.slug for o in funding.object_list] == ["dfid"]
    igos = client.get(reverse("organisations:partner_list"), {"type": ["igo", "donor"]}).context["page"]
    assert {o.type for o in igos.object_list} == {"igo", "donor"} and "caricad" in {o.slug for o in igos}
    assert "No partner matches" in page(client, "organisations:partner_list", q="zzzz")


def test_partner_list_hides_unpublished_projects(portfolio, db, client, admin_client):
    hidden = Organisation.objects.create(name="Tide Gauge Foundation", type="ngo")
    caricad = Organisation.objects.get(slug="caricad")
    project = in_review(partner=hidden)
    ProjectPartner.objects.create(project=project, organisation=caricad, role=ProjectPartner.Role.FUNDING)

    def listed(c, **params):
        return {o.slug: o for o in c.get(reverse("organisations:partner_list"), params).context["page"].object_list}

    anonymous = listed(client)
    assert hidden.slug not in anonymous and anonymous["caricad"].n_projects == 2
    assert anonymous["caricad"].role_counts == [("Cooperating", 2)]
    assert "caricad" not in listed(client, role="funding")  # its funding role is in an unpublished project
    staff = listed(admin_client)
    assert hidden.slug in staff and staff["caricad"].n_projects == 3
    assert "caricad" in listed(admin_client, role="funding")


def test_partner_detail(portfolio, db, client):
    response = client.get(reverse("organisations:partner_detail", args=["caricad"]))
    html = response.content.decode()
    assert "<h1>Caribbean Centre for Development Administration" in html and 'aria-label="Breadcrumb"' in html
    assert response.context["projects"]["total"] == 2
    assert {tuple(p.roles) for p in response.context["projects"]["rows"]} == {("Cooperating",)}
    assert "/projects/?partner=caricad" in html
    # CARICAD organised a 2025 workshop of the Caribbean project.
    assert response.context["activities"]["total"] == 1
    dfid = client.get(reverse("organisations:partner_detail", args=["dfid"]))
    assert dfid.context["role_counts"] == [("Funding", 1)]
    assert "United Kingdom" in dfid.content.decode()
    assert client.get("/partners/no-such-organisation/").status_code == 404


def test_partner_detail_shows_parent_and_parts(portfolio, db, client):
    parent = Organisation.objects.create(name="Ministry of Public Service", type="government", country_id="BRB")
    part = Organisation.objects.create(name="Public Service Training Unit", type="government", parent=parent)
    make_project(partner=part)
    html = page(client, "organisations:partner_detail", part.slug)
    assert "Ministry of Public Service" in html
    # The parent names no project: it has no page, so it is not a link.
    assert f"/partners/{parent.slug}/" not in html
    assert client.get(reverse("organisations:partner_detail", args=[parent.slug])).status_code == 404


def test_partner_detail_hides_unpublished_projects(portfolio, db, client, admin_client):
    hidden = Organisation.objects.create(name="Tide Gauge Foundation", type="ngo")
    caricad = Organisation.objects.get(slug="caricad")
    project = in_review(partner=hidden)
    ProjectPartner.objects.create(project=project, organisation=caricad, role=ProjectPartner.Role.FUNDING)
    # An organisation only an unpublished project names has no public page.
    assert client.get(reverse("organisations:partner_detail", args=[hidden.slug])).status_code == 404
    assert SECRET in page(admin_client, "organisations:partner_detail", hidden.slug)
    anonymous = client.get(reverse("organisations:partner_detail", args=["caricad"]))
    assert SECRET not in anonymous.content.decode() and anonymous.context["role_counts"] == [("Cooperating", 2)]
    staff = admin_client.get(reverse("organisations:partner_detail", args=["caricad"]))
    assert SECRET in staff.content.decode()
    assert staff.context["role_counts"] == [("Funding", 1), ("Cooperating", 2)]


# --- bounded queries ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("extra", [1, 60])
@pytest.mark.parametrize("url, bound", [
    ("/units/", 2 + 2),
    ("/units/DPADM/", 11 + 2),  # and the content version every public answer reads (capdev.core.http_cache)
    ("/partners/", 2 + 2),
    ("/partners/?role=cooperating&type=government&q=office", 2 + 2),
    ("/partners/barbados-statistics-office/", 11 + 2),
])
def test_query_counts_do_not_grow(portfolio, db, client, django_assert_max_num_queries, extra, url, bound):
    office = Organisation.objects.create(name="Barbados Statistics Office", type="government", country_id="BRB",
                                         slug="barbados-statistics-office")
    for part in range(3):
        Organisation.objects.create(name=f"Statistics Office branch {part}", type="government", parent=office)
    units = ["PACB", "DMB", "EGB"]
    for i in range(extra):
        # A partner of its own for each project too: the partner list grows with them.
        own = Organisation.objects.create(name=f"Statistics Office {i}", type="government")
        project = make_project(unit=units[i % 3], countries=("BRB", ["DJI", "MLI", "TGO"][i % 3]),
                               currency=["USD", "EUR"][i % 2], start=dt.date(2000 + i % 11, 1, 1), partner=office)
        ProjectPartner.objects.create(project=project, organisation=own, role=ProjectPartner.Role.COOPERATING)
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200
    if extra == 60 and url == "/units/DPADM/":
        assert len(response.context["projects"]["rows"]) == 50
    if extra == 60 and url == "/partners/":
        assert len(response.context["page"].object_list) == 50


# --- FilterSets ---------------------------------------------------------------------------------------------------

def test_organisation_filterset_text_type_country_role(portfolio, db):
    request = RequestFactory().get("/")
    request.user = type("Anonymous", (), {"is_staff": False, "is_active": False, "is_authenticated": False})()

    def slugs(**params):
        fs = OrganisationFilterSet(params, queryset=Organisation.objects.all(), request=request)
        assert fs.is_valid(), fs.errors
        return set(fs.qs.values_list("slug", flat=True))

    assert "undesa" in slugs(q="UN DESA")  # an alias, spaces folded
    assert "dfid" in slugs(q="department for international")
    assert slugs(country=["GBR"]) >= {"dfid"} and "caricad" not in slugs(country=["GBR"])
    assert slugs(type=["donor"]) >= {"dfid", "belgium-cooperation"}
    assert slugs(role=["funding"]) == {"dfid"}
    assert slugs(role=["funding"], type=["igo"]) == set()


def test_orgunit_and_funding_source_filtersets(portfolio, db):
    def codes(filterset, model, **params):
        fs = filterset(params, queryset=model.objects.all())
        assert fs.is_valid(), fs.errors
        return set(fs.qs.values_list("code", flat=True))

    assert codes(OrgUnitFilterSet, OrgUnit, parent="DPADM") == {"PACB", "DMB", "EGB"}
    in_2015 = codes(OrgUnitFilterSet, OrgUnit, existed_in=2015)
    assert "DPADM" in in_2015 and "DPIDG" not in in_2015 and "DAW" not in in_2015
    assert "DPIDG" in codes(OrgUnitFilterSet, OrgUnit, existed_in=2020)
    assert codes(OrgUnitFilterSet, OrgUnit, kind=["branch"]) == {"PACB", "DMB", "EGB"}
    assert "PACB" in codes(OrgUnitFilterSet, OrgUnit, q="capacity") and "DMB" not in codes(
        OrgUnitFilterSet, OrgUnit, q="capacity")
    development_account = codes(FundingSourceFilterSet, FundingSource, kind=["development_account"])
    assert development_account and all(
        FundingSource.objects.get(code=c).kind == "development_account" for c in development_account)
    assert codes(FundingSourceFilterSet, FundingSource, q="zzzz") == set()

