"""Partners, organisations and lead units: splitting, resolving, prose fields, unit codes; seed gold partners."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from capdev.narrative.types import PARTNER_ROLES
from capdev.narrative.values import orgs

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
DATA = Path(orgs.__file__).resolve().parent.parent / "data"


def names(partners):
    return [(p.name, p.acronym) for p in partners]


def labels(partners):
    return {p.name for p in partners} | {p.acronym for p in partners if p.acronym}


# ---------------------------------------------------------------- data files


def test_organisations_json_is_well_formed():
    raw = json.loads((DATA / "organisations.json").read_text(encoding="utf-8"))
    rows = raw["organisations"]
    assert 80 <= len(rows) <= 200
    names_seen, acronyms_seen = set(), set()
    for row in rows:
        assert row["type"] in orgs.ORG_TYPES, row
        assert row["name"] not in names_seen, row["name"]
        names_seen.add(row["name"])
        if row.get("acronym"):
            assert row["acronym"] not in acronyms_seen, row["acronym"]
            acronyms_seen.add(row["acronym"])
        for alias in (row.get("own_names") or {}):
            assert alias in row["aliases"], f"own name {alias!r} must also be an alias"
        if row.get("country"):
            assert re.fullmatch(r"[A-Z]{3}", row["country"])
    # parents point at entries that exist
    known = names_seen | acronyms_seen
    for row in rows:
        if row.get("parent"):
            assert row["parent"] in known, row


def test_no_surface_form_names_two_organisations():
    seen: dict[str, str] = {}
    for o in orgs.load_organisations():
        for s in (o.name, o.acronym, *o.aliases):
            if s:
                assert seen.setdefault(s, o.name) == o.name, f"{s!r} names {seen[s]} and {o.name}"


def test_units_json_is_a_tree_with_ordered_periods():
    units = orgs.load_units()
    codes = {u.code for u in units}
    assert len(codes) == len(units)
    for u in units:
        assert u.parent is None or u.parent in codes, u
        assert u.successor is None or u.successor in codes, u
        if u.valid_from and u.valid_to:
            assert u.valid_from <= u.valid_to, u
        assert len(u.code) <= 20
    raw = json.loads((DATA / "units.json").read_text(encoding="utf-8"))
    assert all(row.get("_source") for row in raw["units"]), "every unit says where its name comes from"
    by = {u.code: u for u in units}
    assert by["PACB"].parent == by["DMB"].parent == by["EGB"].parent == "DPADM"
    assert by["DPADM"].parent == by["DPIDG"].parent == by["DSDG"].parent == "UNDESA"
    assert by["DPADM"].valid_to == 2018 and by["DPIDG"].valid_from == 2019
    assert by["DPADM"].successor == "DPIDG"


# ---------------------------------------------------------------- splitting


@pytest.mark.parametrize(
    "text, expected",
    [
        ("European Community, African, Caribbean, and Pacific Group of States (ACP Group) and the Caribbean Center for "
         "Development Administration (CARICAD)",
         ["European Community", "African, Caribbean, and Pacific Group of States (ACP Group)",
          "Caribbean Center for Development Administration (CARICAD)"]),
        ("UNDESA, UNDP and Djibouti Government", ["UNDESA", "UNDP", "Djibouti Government"]),
        ("UNDP/Saudi Arabia, Ministry of Economy and Planning of the Government of Saudi Arabia. UNDESA",
         ["UNDP/Saudi Arabia", "Ministry of Economy and Planning of the Government of Saudi Arabia", "UNDESA"]),
        ("DRC Government, UNDP, UNDESA, United Kingdom Cooperation-DFID (Trust Funds), Belgium Cooperation",
         ["DRC Government", "UNDP", "UNDESA", "United Kingdom Cooperation-DFID (Trust Funds)", "Belgium Cooperation"]),
        ("UN DESA/DSDG/SIDS Unit, ECLAC Caribbean Headquarters, CARICAD",
         ["UN DESA/DSDG/SIDS Unit", "ECLAC Caribbean Headquarters", "CARICAD"]),
        ("Department of Economic and Social Affairs", ["Department of Economic and Social Affairs"]),
        ("UNDP/UNICEF", ["UNDP", "UNICEF"]),
        ("UN DESA/DPIDG", ["UN DESA/DPIDG"]),
        ("UNDP; UNICEF; World Bank.", ["UNDP", "UNICEF", "World Bank"]),
        ("UNDP, UNICEF, and WHO", ["UNDP", "UNICEF", "WHO"]),
        ("UNDP & the Government of Kenya", ["UNDP", "Government of Kenya"]),
        ("Ministry of Finance and Ministry of Planning", ["Ministry of Finance", "Ministry of Planning"]),
        ("Ministry of Trade and Industry, UNCTAD", ["Ministry of Trade and Industry", "UNCTAD"]),
        ("Ministry of Labour, Employment and Social Security, ILO",
         ["Ministry of Labour, Employment and Social Security", "ILO"]),
        ("U.S. Agency for International Development and Government of Ghana",
         ["U.S. Agency for International Development", "Government of Ghana"]),
        ("Food and Agriculture Organization of the United Nations, IFAD",
         ["Food and Agriculture Organization of the United Nations", "IFAD"]),
        ("the Caribbean Centre for Development Administration.", ["Caribbean Centre for Development Administration"]),
        ("UNESCO\nITU\nOECD", ["UNESCO", "ITU", "OECD"]),
        ("• UNDP\n• Government of Nepal", ["UNDP", "Government of Nepal"]),
        ("", []),
    ],
)
def test_split_partners(text, expected):
    assert orgs.split_partners(text) == expected


# ---------------------------------------------------------------- resolving


@pytest.mark.parametrize("written", ["UNDESA", "UN DESA", "DESA", "UN-DESA",
                                     "United Nations Department of Economic and Social Affairs",
                                     "Department of Economic and Social Affairs", "the UN DESA"])
def test_desa_aliases_resolve_to_one_organisation(written):
    [p] = orgs.parse_partners(written)
    assert (p.name, p.acronym, p.org_type) == (
        "United Nations Department of Economic and Social Affairs", "UNDESA", "un")
    assert p.text == written


@pytest.mark.parametrize(
    "written, acronym",
    [("UNDP", "UNDP"), ("United Nations Development Programme", "UNDP"), ("United Nations Development Program", "UNDP"),
     ("UNESCO", "UNESCO"), ("ITU", "ITU"), ("WTO", "WTO"), ("OECD", "OECD"),
     ("Organization for Economic Cooperation and Development", "OECD"), ("EU", "EU"), ("European Union", "EU"),
     ("Council of Europe", "CoE"), ("League of Arab States", "LAS"), ("Arab League", "LAS"),
     ("ACP Group", "ACP"), ("African, Caribbean and Pacific Group of States", "ACP"),
     ("Caribbean Center for Development Administration", "CARICAD"),
     ("Caribbean Centre for Development Administration", "CARICAD"),
     ("ECLAC", "ECLAC"), ("CEPAL", "ECLAC"), ("DFID", "DFID"), ("World Bank", "WB"), ("IMF", "IMF"),
     ("UNICEF", "UNICEF"),
     ("UN Women", "UN Women"), ("UN-Women", "UN Women"), ("UNODC", "UNODC"), ("UNITAR", "UNITAR"), ("UNSSC", "UNSSC"),
     ("UNECA", "ECA"), ("Economic Commission for Africa", "ECA"), ("ESCAP", "ESCAP"), ("UNESCWA", "ESCWA"),
     ("UNECE", "ECE"), ("African Union", "AU"), ("USAID", "USAID"), ("Internet Society", "ISOC")],
)
def test_known_organisations_resolve(written, acronym):
    [p] = orgs.parse_partners(written)
    assert p.acronym == acronym
    assert p.org_type in orgs.ORG_TYPES


@pytest.mark.parametrize(
    "written, name, acronym",
    [("European Community", "European Community", "EC"), ("European Commission", "European Commission", "EC"),
     ("ECLAC Caribbean Headquarters", "ECLAC Caribbean Headquarters", None),
     ("ECLAC Subregional Headquarters for the Caribbean", "ECLAC Subregional Headquarters for the Caribbean", None)],
)
def test_own_names_keep_their_words_but_resolve(written, name, acronym):
    [p] = orgs.parse_partners(written)
    assert (p.name, p.acronym) == (name, acronym)
    assert orgs.resolve_organisation(written) is not None
    assert p.org_type == orgs.resolve_organisation(written).type


def test_european_community_resolves_to_the_eu_entry():
    assert orgs.resolve_organisation("European Community").acronym == "EU"
    assert orgs.resolve_organisation("ECLAC Caribbean Headquarters").parent == "ECLAC"


@pytest.mark.parametrize(
    "written, org_type",
    [("UNDP Togo", "un"), ("UNDP/Saudi Arabia", "un"), ("UNDP Country Office in Ghana", "un"),
     ("UN DESA/DSDG/SIDS Unit", "un"), ("UNICEF Nepal", "un")],
)
def test_offices_keep_their_name(written, org_type):
    [p] = orgs.parse_partners(written)
    assert p.name == written and p.acronym is None and p.org_type == org_type


@pytest.mark.parametrize(
    "written, org_type",
    [("Djibouti Government", "government"), ("DRC Government", "government"), ("Government of Togo", "government"),
     ("Ministry of Public Service", "government"), ("E-Govt Authority", "government"),
     ("National Assembly of Zambia", "government"),
     ("University of Nairobi", "academia"), ("Université Cheikh Anta Diop", "academia"),
     ("Belgium Cooperation", "donor"),
     ("Spanish Cooperation", "donor"), ("Korea Agency for International Development", "donor"),
     ("Acme Consulting Ltd", "private"), ("Kenya Association of Manufacturers", "ngo"), ("Citizens Foundation", "ngo")],
)
def test_unknown_organisation_types_are_guessed(written, org_type):
    [p] = orgs.parse_partners(written)
    assert p.org_type == org_type
    assert p.name == written


def test_ministry_of_the_government_of_country_keeps_the_ministry():
    [p] = orgs.parse_partners("Ministry of Economy and Planning of the Government of Saudi Arabia")
    assert p.name == "Ministry of Economy and Planning"
    assert p.text == "Ministry of Economy and Planning of the Government of Saudi Arabia"
    assert p.org_type == "government"


def test_unknown_name_with_acronym():
    [p] = orgs.parse_partners("National School of Public Administration (ENAP)")
    assert (p.name, p.acronym) == ("National School of Public Administration", "ENAP")


# ---------------------------------------------------------------- roles


@pytest.mark.parametrize(
    "text, expected",
    [
        ("United Kingdom Cooperation-DFID (Trust Funds)", [("DFID", "funding")]),
        ("Donor: European Union", [("EU", "funding")]),
        ("Donors: Sida; Norad", [("Sida", "funding"), ("Norad", "funding")]),
        ("Funded by USAID", [("USAID", "funding")]),
        ("Implemented by UNDP and UN DESA", [("UNDP", "implementing"), ("UNDESA", "implementing")]),
        ("Implementing partner: UNITAR; Donor: KOICA", [("UNITAR", "implementing"), ("KOICA", "funding")]),
        ("Ministry of Health (beneficiary), WHO", [(None, "beneficiary"), ("WHO", "cooperating")]),
        ("UNDP, UNICEF", [("UNDP", "cooperating"), ("UNICEF", "cooperating")]),
    ],
)
def test_roles(text, expected):
    got = [(p.acronym, p.role) for p in orgs.parse_partners(text)]
    assert got == expected


def test_default_role_is_used_and_checked():
    assert [p.role for p in orgs.parse_partners("UNDP, UNICEF", default_role="funding")] == ["funding", "funding"]
    with pytest.raises(ValueError):
        orgs.parse_partners("UNDP", default_role="sponsor")


# ---------------------------------------------------------------- prose


IGF_PROSE = (
    "The IGF cooperates with all stakeholders with an interest in the Internet public policy discourse. These include "
    "governments; intergovernmental organizations and UN sister organizations such as UNESCO, ITU, WTO and the EU, "
    "Council of Europe, League of Arab States, OECD; the private sector; civil society, academia and "
    "the Internet community."
)


def test_prose_field_yields_only_named_organisations():
    got = orgs.parse_partners(IGF_PROSE)
    assert [p.acronym for p in got] == ["UNESCO", "ITU", "WTO", "EU", "CoE", "LAS", "OECD"]
    words = " ".join(p.name.lower() for p in got)
    for generic in ("governments", "private sector", "civil society", "academia", "internet community"):
        assert generic not in words
    assert "UN" not in {p.acronym for p in got}  # "UN sister organizations": an adjective
    assert "IGF" not in labels(got)  # the subject of the prose is the project itself


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The project works closely with the Ministry of Public Service and Administration and is supported by the "
         "World Bank, which funds the civil service reform component.",
         {"Ministry of Public Service and Administration", "WB"}),
        ("The Forum collaborates with regional bodies such as the African Union and ECOWAS, and with national "
         "governments and civil society organizations across the region.", {"AU", "ECOWAS"}),
        ("Partnerships have been established with universities in the region, including the University of the West "
         "Indies, and with UNDP country offices.", {"UWI", "UNDP"}),
    ],
)
def test_prose_variants(text, expected):
    assert orgs.is_prose(text)
    got = labels(orgs.parse_partners(text))
    assert expected <= got
    assert not {"governments", "civil society organizations"} & {p.name.lower() for p in orgs.parse_partners(text)}


@pytest.mark.parametrize("text", ["UNDP, UNICEF and the Government of Kenya",
                                  "European Community, African, Caribbean, and Pacific Group of States (ACP Group) and "
                                  "the Caribbean Center for Development Administration (CARICAD)",
                                  "Ministry of Economy and Planning of the Government of Saudi Arabia", "UNDP Togo"])
def test_lists_are_not_prose(text):
    assert not orgs.is_prose(text)


# ---------------------------------------------------------------- find_organisations


def test_find_organisations_offsets_and_labels():
    text = "Topics were presented by CARICAD, ECLAC, and DESA experts; UNDESA’s assessment; the UN-Habitat office."
    found = orgs.find_organisations(text)
    assert [label for *_, label in found] == ["CARICAD", "ECLAC", "UNDESA", "UNDESA", "UN-Habitat"]
    for s, e, label in found:
        assert text[s:e] in ("CARICAD", "ECLAC", "DESA", "UNDESA", "UN-Habitat")


@pytest.mark.parametrize("text", ["who we are", "the un-sung hero", "an itu", "Ecuador", "ECLACX and UNDPs"])
def test_find_organisations_ignores_lowercase_and_partial_words(text):
    assert orgs.find_organisations(text) == []


def test_find_organisations_longest_match():
    [(s, e, label)] = orgs.find_organisations(
        "support from the Food and Agriculture Organization of the United Nations")
    assert label == "FAO"


# ---------------------------------------------------------------- units


@pytest.mark.parametrize(
    "text, code",
    [("PACB", "PACB"), ("DMB", "DMB"), ("EGB", "EGB"), ("DPADM", "DPADM"), ("DPIDG", "DPIDG"),
     ("UN DESA / DPIDG", "DPIDG"), ("UN DESA/DPIDG", "DPIDG"), ("DESA - DPADM - PACB", "PACB"),
     ("Division for Public Institutions and Digital Government", "DPIDG"),
     ("Public Administration Capacity Branch", "PACB"), ("Development Management Branch (DMB)", "DMB"),
     ("e-Government Branch", "EGB"), ("E-Government Branch", "EGB"),
     ("Division for Public Administration and Development Management", "DPADM"),
     ("Division for Sustainable Development Goals", "DSDG"), ("UN DESA/DSDG/SIDS Unit", "DSDG"), ("DISD", "DISD"),
     ("Statistics Division", "UNSD"), ("UN DESA", "UNDESA"), (" PACB ", "PACB")],
)
def test_resolve_unit(text, code):
    assert orgs.resolve_unit(text) == code


@pytest.mark.parametrize("text", ["", "   ", "XBTC", "pacb", "Ministry of Finance", "UNDP"])
def test_resolve_unit_unknown(text):
    assert orgs.resolve_unit(text) is None


# ---------------------------------------------------------------- seed gold


def _seed_records() -> list[str]:
    text = (SEEDS / "000_eacd3102e0b2e2d6.txt").read_text(encoding="utf-8")
    parts = re.split(r"(?m)^(?=Main Expectations:)|^(?=Implemented by UN DESA)", text)
    return [p for p in parts if p.strip()]


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds not present")
def test_seed_gold_partners_and_units():
    gold = json.loads((SEEDS / "seed-gold.json").read_text(encoding="utf-8"))["records"]
    records = _seed_records()
    assert len(records) == len(gold) == 10
    for rec, g in zip(records, gold):
        field = re.search(r"(?m)^(?:Cooperation )?Partners:\s*(.*)$", rec).group(1)
        got = labels(orgs.parse_partners(field))
        for want in g["partners"]:
            assert want in got, (want, got)
        unit = re.search(r"(?m)^(?:Lead )?Division:\s*(.*)$", rec).group(1)
        assert orgs.resolve_unit(unit) == g["lead_unit"]


@pytest.mark.parametrize(
    "text, expected",
    [("Swedish International Development Cooperation Agency (Sida) - donor", [("Sida", "funding")]),
     ("Government of Kenya; UNDP Kenya", [(None, "cooperating"), (None, "cooperating")])],
)
def test_dash_role_suffix_and_offices(text, expected):
    assert [(p.acronym, p.role) for p in orgs.parse_partners(text)] == expected


def test_comma_portfolio_list_then_new_organisation_named_after_country():
    assert orgs.split_partners(
        "Ministry of Public Service, Innovation and Information Technology (Kenya), Kenya School of Government") == [
        "Ministry of Public Service, Innovation and Information Technology (Kenya)", "Kenya School of Government"]


@pytest.mark.parametrize("text, result", [("Kenya", True), ("the Bahamas", True), ("Kenya School of Government", False),
                                          ("DRC Government", False), ("", False)])
def test_is_country_name(text, result):
    assert orgs.is_country_name(text) is result


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=150))
    def test_partner_functions_never_raise(text):
        for p in orgs.parse_partners(text):
            assert p.role in PARTNER_ROLES
            assert p.org_type in (*orgs.ORG_TYPES, None)
            assert p.name
        orgs.split_partners(text)
        orgs.resolve_unit(text)
        orgs.find_organisations(text)
