"""Checks on the committed data files themselves, without a database."""
import json
from collections import Counter

import pycountry
import pytest

from capdev.reference.loading import DATA_DIR, read_code_list, read_country_converter, read_m49, read_sdgs

ISO3 = {c.alpha_3 for c in pycountry.countries}


def raw_codes(name: str) -> list[str]:
    """Every code line of a list file, duplicates kept."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("name", "count"), [("sids.txt", 58), ("ldc.txt", 44), ("lldc.txt", 32)])
def test_lists_hold_real_iso3_codes_once(name, count):
    codes = raw_codes(name)
    assert [c for c in codes if c not in ISO3] == []
    assert [c for c, n in Counter(codes).items() if n > 1] == []
    assert len(codes) == count


@pytest.mark.parametrize("name", ["sids.txt", "ldc.txt", "lldc.txt"])
def test_lists_cite_their_source_and_date(name):
    header = (DATA_DIR / name).read_text(encoding="utf-8").split("\n", 5)
    text = "\n".join(header)
    assert "UN-OHRLLS" in text and "2024" in text


def test_sids_member_column_agrees_with_un_membership():
    tsv = read_country_converter()
    for code, rest in read_code_list("sids.txt").items():
        status = rest.split()[0]
        assert status in {"member", "associate"}, code
        assert (status == "member") == bool(tsv[code]["UNmember"].strip()), code


def test_sids_split():
    statuses = Counter(rest.split()[0] for rest in read_code_list("sids.txt").values())
    assert statuses == {"member": 38, "associate": 20}


def test_graduated_countries_are_not_ldcs():
    ldc = read_code_list("ldc.txt")
    for graduated in ["BTN", "STP", "VUT", "WSM", "MDV", "CPV", "BWA", "GNQ"]:
        assert graduated not in ldc


def test_sdgs_file_has_17_goals_and_169_targets():
    data = read_sdgs()
    assert "_source" in data
    goals = data["goals"]
    assert [g["number"] for g in goals] == list(range(1, 18))
    codes = [t["code"] for g in goals for t in g["targets"]]
    assert len(codes) == len(set(codes)) == 169
    assert all(t["code"].split(".")[0] == str(g["number"]) for g in goals for t in g["targets"])
    assert goals[0]["short_title"] == "No Poverty"
    assert goals[0]["title"] == "End poverty in all its forms everywhere"
    assert "1.a" in codes and "17.19" in codes


def test_m49_hierarchy_is_consistent():
    data = read_m49()
    codes = [r["m49"] for r in data["regions"]]
    assert len(codes) == len(set(codes))
    seen = set()
    for region in data["regions"]:
        # Parents come before their children: the loader relies on it.
        assert region["parent"] is None or region["parent"] in seen, region
        seen.add(region["m49"])
    overrides = {k: v for k, v in data["country_overrides"].items() if not k.startswith("_")}
    assert set(overrides) <= ISO3 and set(overrides.values()) <= seen
    groupings = [g["code"] for g in data["groupings"]]
    assert not set(groupings) & seen


def test_every_tsv_region_name_is_in_the_hierarchy():
    names = {r["name"] for r in read_m49()["regions"]}
    tsv_names = {row["UNregion"] for row in read_country_converter().values() if row["UNregion"]}
    # Antarctica has an M49 code (010) but belongs to no region.
    assert tsv_names - names == {"Antarctica"}


def test_data_files_are_valid_json():
    for name in ["m49_regions.json", "sdgs.json"]:
        json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
