"""Loading the reference tables: contents, idempotence, speed and the command's output."""
from io import StringIO

import pytest
from django.core.management import call_command

from capdev.reference.loading import load_reference
from capdev.reference.models import Country, Currency, Region, SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db


def test_193_un_member_states(loaded):
    assert Country.objects.filter(un_member=True).count() == 193


@pytest.mark.parametrize("iso3", ["BHS", "LCA", "BRB", "COD", "LAO", "CIV", "TGO", "SSD"])
def test_un_members(loaded, iso3):
    country = Country.objects.get(iso3=iso3)
    assert country.un_member
    assert country.un_member_since is not None


@pytest.mark.parametrize("iso3", ["PSE", "VAT", "TWN", "COK", "NIU"])
def test_not_un_members(loaded, iso3):
    country = Country.objects.get(iso3=iso3)
    assert not country.un_member
    assert country.un_member_since is None


def test_all_iso_countries_loaded(loaded):
    assert Country.objects.count() == 249
    assert Country.objects.get(iso3="SSD").un_member_since == 2011


def test_region_mapping(loaded):
    lca = Country.objects.select_related("region", "subregion", "intermediate_region").get(iso3="LCA")
    assert lca.region.name == "Americas" and lca.region.m49 == "019"
    assert lca.subregion.name == "Latin America and the Caribbean" and lca.subregion.m49 == "419"
    assert lca.intermediate_region.name == "Caribbean"
    fra = Country.objects.get(iso3="FRA")
    assert fra.region.name == "Europe"
    assert fra.subregion.name == "Western Europe"
    assert fra.intermediate_region is None
    nga = Country.objects.get(iso3="NGA")
    assert (nga.region.name, nga.subregion.name, nga.intermediate_region.name) == (
        "Africa", "Sub-Saharan Africa", "Western Africa")
    usa = Country.objects.get(iso3="USA")
    assert (usa.region.m49, usa.subregion.m49) == ("019", "021")
    assert Country.objects.get(iso3="JEY").intermediate_region.name == "Channel Islands"


def test_only_antarctica_is_outside_m49_regions(loaded):
    assert list(Country.objects.filter(region__isnull=True).values_list("iso3", flat=True)) == ["ATA"]


def test_region_hierarchy(loaded):
    world = Region.objects.get(code="001")
    assert world.kind == Region.Kind.WORLD and world.parent is None
    assert set(world.children.values_list("name", flat=True)) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    caribbean = Region.objects.get(m49="029")
    assert caribbean.kind == Region.Kind.INTERMEDIATE
    assert caribbean.parent.m49 == "419" and caribbean.parent.parent.m49 == "019"
    assert Region.objects.get(name="Sub-Saharan Africa").parent.name == "Africa"


def test_groupings(loaded):
    groupings = set(Region.objects.filter(kind=Region.Kind.GROUPING).values_list("name", flat=True))
    assert {"Small Island Developing States", "Least Developed Countries", "Landlocked Developing Countries",
            "Arab States", "Asia and the Pacific", "Global", "Interregional"} <= groupings
    assert Region.objects.get(name="Small Island Developing States").m49 == "722"
    # Latin America and the Caribbean is an M49 sub-region, not a second grouping.
    assert Region.objects.filter(name="Latin America and the Caribbean").count() == 1


def test_groups(loaded):
    assert Country.objects.filter(ldc=True).count() == 44
    assert Country.objects.filter(lldc=True).count() == 32
    assert Country.objects.filter(sids=True).count() == 58
    assert Country.objects.filter(sids=True, un_member=True).count() == 38
    assert Country.objects.get(iso3="LCA").sids
    assert Country.objects.get(iso3="ABW").sids and not Country.objects.get(iso3="ABW").un_member
    assert Country.objects.get(iso3="HTI").sids and Country.objects.get(iso3="HTI").ldc
    assert Country.objects.get(iso3="NPL").ldc and Country.objects.get(iso3="NPL").lldc
    assert not Country.objects.get(iso3="BTN").ldc and Country.objects.get(iso3="BTN").lldc
    assert not Country.objects.get(iso3="STP").ldc and Country.objects.get(iso3="STP").sids
    assert not Country.objects.get(iso3="FRA").sids


def test_sdgs(loaded):
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    goal1 = SdgGoal.objects.get(number=1)
    assert goal1.short_title == "No Poverty"
    assert goal1.title == "End poverty in all its forms everywhere"
    assert SdgTarget.objects.get(code="16.6").goal_id == 16
    assert list(SdgGoal.objects.get(number=1).targets.values_list("code", flat=True)) == [
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]
    assert list(SdgGoal.objects.get(number=17).targets.values_list("code", flat=True))[-1] == "17.19"


def test_currencies(loaded):
    for code in ["USD", "EUR", "CHF"]:
        assert Currency.objects.filter(code=code).exists()
    assert Currency.objects.get(code="USD").numeric == "840"
    assert Currency.objects.get(code="EUR").name == "Euro"


def test_second_run_creates_nothing(loaded):
    counts = [model.objects.count() for model in (Region, Country, SdgGoal, SdgTarget, Currency)]
    history = [model.history.count() for model in (Region, Country, SdgGoal, SdgTarget, Currency)]
    again = load_reference()
    assert [(r.created, r.updated) for r in again] == [(0, 0)] * 5
    assert [r.total for r in again] == [r.total for r in loaded]
    assert [model.objects.count() for model in (Region, Country, SdgGoal, SdgTarget, Currency)] == counts
    # Nothing changed, so no history was written.
    assert [model.history.count() for model in (Region, Country, SdgGoal, SdgTarget, Currency)] == history


def test_first_run_writes_history_once_per_row(loaded):
    assert Country.history.count() == 249
    assert SdgTarget.history.count() == 169


def test_changed_rows_are_updated(loaded):
    Country.objects.filter(iso3="FRA").update(name="Gaul", sids=True)
    Currency.objects.filter(code="CHF").update(name="Franc")
    SdgTarget.objects.filter(code="16.6").update(text="?")
    results = {r.table: r for r in load_reference()}
    assert (results["countries"].created, results["countries"].updated) == (0, 1)
    assert (results["currencies"].created, results["currencies"].updated) == (0, 1)
    assert (results["SDG targets"].created, results["SDG targets"].updated) == (0, 1)
    fra = Country.objects.get(iso3="FRA")
    assert fra.name == "France" and not fra.sids
    assert Currency.objects.get(code="CHF").name == "Swiss Franc"
    assert SdgTarget.objects.get(code="16.6").text.startswith("Develop effective")
    assert fra.history.count() == 2


def test_missing_rows_are_recreated(loaded):
    Currency.objects.filter(code="EUR").delete()
    results = {r.table: r for r in load_reference()}
    assert results["currencies"].created == 1
    assert Currency.objects.filter(code="EUR").exists()


def test_loading_takes_a_handful_of_queries(db, django_assert_max_num_queries):
    # About three per table plus the history inserts; never one per row.
    with django_assert_max_num_queries(40):
        load_reference()
    with django_assert_max_num_queries(12):
        load_reference()


def test_command_prints_summary(db):
    out = StringIO()
    call_command("load_reference", stdout=out)
    lines = out.getvalue().splitlines()
    assert "countries: 249 (249 created, 0 updated)" in lines
    assert "SDG goals: 17 (17 created, 0 updated)" in lines
    assert "SDG targets: 169 (169 created, 0 updated)" in lines
    assert any(line.startswith("regions: ") for line in lines)
    assert any(line.startswith("currencies: ") for line in lines)
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "countries: 249 (0 created, 0 updated)" in out.getvalue().splitlines()
