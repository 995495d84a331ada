"""The reference FilterSets."""
import pytest

from capdev.reference.filtersets import CountryFilterSet, RegionFilterSet, SdgTargetFilterSet
from capdev.reference.models import Country, Region, SdgTarget

pytestmark = pytest.mark.django_db


def countries(**params) -> set[str]:
    """ISO3 codes of the countries the filter returns."""
    fs = CountryFilterSet(params, queryset=Country.objects.all())
    assert fs.is_valid(), fs.errors
    return set(fs.qs.values_list("iso3", flat=True))


def test_country_search(loaded):
    assert "LCA" in countries(q="lucia")
    assert countries(q="lca") == {"LCA"}
    assert countries(q="LC") == {"LCA"}
    assert "FRA" in countries(q="French Republic")


def test_country_flags_and_regions(loaded):
    americas = Region.objects.get(m49="019")
    lac = Region.objects.get(m49="419")
    sids_in_lac = countries(subregion=lac.pk, sids="true", un_member="true")
    assert "LCA" in sids_in_lac and "ABW" not in sids_in_lac
    assert countries(region=americas.pk) >= sids_in_lac
    caribbean = Region.objects.get(m49="029")
    assert countries(intermediate_region=caribbean.pk) >= {"LCA", "BHS", "BRB", "ABW"}
    assert len(countries(ldc="true")) == 44
    assert len(countries(lldc="true", ldc="false")) == 32 - len(countries(lldc="true", ldc="true"))


def test_target_by_goal(loaded):
    fs = SdgTargetFilterSet({"goal": 16}, queryset=SdgTarget.objects.all())
    assert fs.is_valid(), fs.errors
    assert fs.qs.count() == 12 and "16.6" in set(fs.qs.values_list("code", flat=True))


def test_region_by_kind_and_parent(loaded):
    fs = RegionFilterSet({"kind": "region"}, queryset=Region.objects.all())
    assert set(fs.qs.values_list("name", flat=True)) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    lac = Region.objects.get(m49="419")
    fs = RegionFilterSet({"parent": lac.pk}, queryset=Region.objects.all())
    assert set(fs.qs.values_list("name", flat=True)) == {"Caribbean", "Central America", "South America"}
