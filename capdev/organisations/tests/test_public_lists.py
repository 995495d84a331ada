"""Organisations reach the public only when a published project names them (as partner, donor or organiser)."""
import pytest
from django.urls import reverse

from capdev.importer.tests.test_loader import load, make_record, reference_rows  # noqa: F401 (autouse: run first)
from capdev.narrative.types import Partner
from capdev.organisations.models import Organisation
from capdev.projects import index_version
from capdev.projects.models import Budget, Project, ReviewState

pytestmark = pytest.mark.django_db

HIDDEN = "Office of Quiet Reforms"


@pytest.fixture
def imported():
    """A published project naming UNDP and CARICAD, and a project in review, whose import created HIDDEN."""
    load([make_record(0, code="PUB-1")], publish=True)
    load([make_record(1, code="REV-1", text="record 1 REV-1 another text",
                      partners=[Partner(name=HIDDEN, acronym="OQR", text="OQR")])])
    return Organisation.objects.get(name=HIDDEN)


def _api_slugs(client, query: str = "") -> set[str]:
    return {o["slug"] for o in client.get(f"/api/organisations/?page_size=500{query}").json()["results"]}


def test_an_organisation_only_an_unpublished_import_created_is_not_listed(imported, client, admin_client):
    hidden = imported
    public = _api_slugs(client)
    assert hidden.slug not in public and {"undp", "caricad"} <= public
    assert client.get(f"/api/organisations/{hidden.slug}/").status_code == 404
    assert _api_slugs(client, "&q=Quiet") == set()
    for url in ("/partners/", f"/projects/?partner={hidden.slug}", f"/dashboard/?partner={hidden.slug}",
                "/partners/?q=Quiet"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert HIDDEN not in response.content.decode(), url
    assert client.get(reverse("organisations:partner_detail", args=[hidden.slug])).status_code == 404
    # Staff see it, and the public does once the project naming it is published.
    assert hidden.slug in _api_slugs(admin_client)
    assert HIDDEN in admin_client.get(f"/projects/?partner={hidden.slug}").content.decode()
    Project.objects.filter(code="REV-1").update(review_state=ReviewState.PUBLISHED)
    index_version.bump()  # a queryset update sends no signal
    assert hidden.slug in _api_slugs(client)
    assert HIDDEN in client.get(f"/projects/?partner={hidden.slug}").content.decode()


def test_a_donor_or_an_organiser_of_a_published_project_is_named_by_it(imported):
    published = Project.objects.get(code="PUB-1")
    donor = Organisation.objects.create(name="A Donor Foundation")
    Budget.objects.create(project=published, kind=Budget.Kind.TOTAL, amount=5, currency_id="USD", donor=donor)
    named = set(Organisation.objects.named_by(Project.objects.published()).values_list("name", flat=True))
    assert {"A Donor Foundation", "United Nations Development Programme"} <= named  # donor; partner and organiser
    assert HIDDEN not in named
    assert Organisation.objects.create(name="Named by nobody").name not in set(
        Organisation.objects.named_by(Project.objects.registry()).values_list("name", flat=True))
