"""The organisation and unit pages and API, by the shared base classes (capdev.core.testing): what each model's
pages show, what the public may not see, and that the public cannot write. The pages' own behaviour (the unit
tree, periods, counts) is in test_views.py."""
from __future__ import annotations

import pytest

from capdev.core.testing.api import ApiTests
from capdev.core.testing.views import DetailViewTests, ListViewTests
from capdev.organisations.models import Organisation, OrgUnit
from capdev.reference.tests.test_views import in_review, make_project

pytestmark = pytest.mark.usefixtures("portfolio")


class OrganisationData:
    """A partner of a published project is public; one only a project in review names is not."""

    model = Organisation
    fields = ("name", "acronym")

    def make_public(self):
        partner = Organisation.objects.create(name="Caribbean Observatory of Tide Gauges", acronym="COTG",
                                              slug="cotg")
        make_project(partner=partner)
        return partner

    def make_hidden(self):
        partner = Organisation.objects.create(name="Office of Quiet Reforms", acronym="OQR", slug="oqr")
        in_review(partner=partner)
        return partner


class TestPartnerPages(OrganisationData, ListViewTests, DetailViewTests):
    list_url = "organisations:partner_list"
    detail_url = "organisations:partner_detail"
    unknown_args = ("no-such-partner",)

    def list_params(self, obj):
        return {"q": obj.name}

    def detail_args(self, obj):
        return (obj.slug,)


class TestOrganisationApi(OrganisationData, ApiTests):
    api_basename = "organisation"
    api_fields = {"id", "slug", "name", "acronym", "type", "country", "parent", "iati_ref", "url", "aliases"}

    def api_lookup(self, obj):
        return obj.slug

    def api_values(self, obj):
        return {"id": obj.pk, "slug": obj.slug, "name": obj.name, "acronym": obj.acronym}

    def api_list_params(self, obj):
        return {"q": obj.name}


class UnitData:
    """Every unit is public (its page counts only the visible projects it leads: test_views.py)."""

    model = OrgUnit
    fields = ("name", "code")

    def make_public(self):
        return OrgUnit.objects.get(code="PACB")


class TestUnitPages(UnitData, ListViewTests, DetailViewTests):
    list_url = "organisations:unit_list"
    detail_url = "organisations:unit_detail"
    unknown_args = ("NOSUCHUNIT",)

    def detail_args(self, obj):
        return (obj.code,)


class TestUnitApi(UnitData, ApiTests):
    api_basename = "unit"
    api_fields = {"id", "code", "name", "kind", "parent", "valid_from", "valid_to", "successor", "dac_sector"}

    def api_lookup(self, obj):
        return obj.code

    def api_values(self, obj):
        return {"id": obj.pk, "code": "PACB", "name": obj.name, "kind": obj.kind, "parent": "DPADM"}
