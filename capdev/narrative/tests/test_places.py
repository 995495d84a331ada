"""Places: country and region names, country mentions in prose, and the countries a project serves."""
from __future__ import annotations

import re

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capdev.narrative.tests._shared import SEED
from capdev.narrative.values.places import (
    CountryMention,
    find_countries,
    find_demonyms,
    find_regions,
    region_m49,
    resolve_country,
    resolve_demonym,
    resolve_region,
)
from capdev.narrative.values.served import served_countries, split_place_list


@pytest.mark.parametrize(
    "name, iso3",
    [
        ("The Bahamas", "BHS"),
        ("Bahamas", "BHS"),
        ("Bahamas, The", "BHS"),
        ("DRC", "COD"),
        ("D.R.C.", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Democratic Republic of Congo", "COD"),
        ("Congo, Dem. Rep.", "COD"),
        ("DR Congo", "COD"),
        ("Congo", "COG"),
        ("Republic of the Congo", "COG"),
        ("Lao PDR", "LAO"),
        ("Laos", "LAO"),
        ("Lao People's Democratic Republic", "LAO"),
        ("Lao People’s Democratic Republic", "LAO"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Djibouti Republic", "DJI"),
        ("Republic of Djibouti", "DJI"),
        ("Republic of Korea", "KOR"),
        ("Korea, Republic of", "KOR"),
        ("South Korea", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("UK", "GBR"),
        ("United Kingdom", "GBR"),
        ("United States of America", "USA"),
        ("USA", "USA"),
        ("Saint Lucia", "LCA"),
        ("St. Lucia", "LCA"),
        ("St Lucia", "LCA"),
        ("St. Kitts and Nevis", "KNA"),
        ("Saint Kitts & Nevis", "KNA"),
        ("St. Vincent and the Grenadines", "VCT"),
        ("Micronesia (Federated States of)", "FSM"),
        ("Federated States of Micronesia", "FSM"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("United Republic of Tanzania", "TZA"),
        ("Tanzania", "TZA"),
        ("Republic of Moldova", "MDA"),
        ("Syrian Arab Republic", "SYR"),
        ("Russian Federation", "RUS"),
        ("Egypt, Arab Rep.", "EGY"),
        ("Kyrgyz Republic", "KGZ"),
        ("Eswatini", "SWZ"),
        ("Swaziland", "SWZ"),
        ("Cabo Verde", "CPV"),
        ("Cape Verde", "CPV"),
        ("Timor-Leste", "TLS"),
        ("State of Palestine", "PSE"),
        ("Guinea-Bissau", "GNB"),
        ("Guinea", "GIN"),
        ("Papua New Guinea", "PNG"),
        ("Equatorial Guinea", "GNQ"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Government of Togo", "TGO"),
        ("the Government of Saudi Arabia", "SAU"),
        ("Kingdom of Saudi Arabia", "SAU"),
        ("Sao Tome and Principe", "STP"),
        ("São Tomé and Príncipe", "STP"),
        ("Holy See", "VAT"),
        ("Micronesia", "FSM"),
        ("BHS", "BHS"),
        ("  Barbados. ", "BRB"),
    ],
)
def test_resolve_country(name: str, iso3: str) -> None:
    assert resolve_country(name) == iso3


@pytest.mark.parametrize(
    "name",
    ["", "  ", "us", "car", "Caribbean", "Southern Africa", "Africa", "Asia and the Pacific", "Americas",
     "Latin America and the Caribbean", "Arab States", "Global", "UNDP", "European Community", "XBTC", "Tunis Agenda",
     "ACP Group", "the", "Republic"],
)
def test_resolve_country_none(name: str) -> None:
    assert resolve_country(name) is None


def test_resolve_country_results_are_iso3() -> None:
    valid = {c.alpha_3 for c in pycountry.countries}
    for name in ["DRC", "Lao PDR", "UK", "Türkiye", "Ivory Coast", "St. Lucia", "Viet Nam"]:
        assert resolve_country(name) in valid


@pytest.mark.parametrize(
    "word, iso3",
    [("Bahamian", "BHS"), ("Bahamians", "BHS"), ("Saint Lucian", "LCA"), ("St. Lucian", "LCA"), ("Djiboutian", "DJI"),
     ("Togolese", "TGO"), ("Malian", "MLI"), ("Nigerien", "NER"), ("Nigerian", "NGA"), ("Saudi", "SAU"),
     ("Barbadian", "BRB"), ("Congolese", None), ("Dominican", None), ("Guinean", None), ("Korean", None),
     ("Samoan", None), ("nonsense", None), ("", None)],
)
def test_resolve_demonym(word: str, iso3: str | None) -> None:
    assert resolve_demonym(word) == iso3


@pytest.mark.parametrize(
    "name, canonical, m49",
    [
        ("Africa", "Africa", "002"),
        ("Americas", "Americas", "019"),
        ("The Americas", "Americas", "019"),
        ("Latin America and the Caribbean", "Latin America and the Caribbean", "419"),
        ("Latin America & the Caribbean", "Latin America and the Caribbean", "419"),
        ("LAC", "Latin America and the Caribbean", "419"),
        ("Caribbean", "Caribbean", "029"),
        ("the Caribbean region", "Caribbean", "029"),
        ("Asia and the Pacific", "Asia and the Pacific", None),
        ("Asia-Pacific", "Asia and the Pacific", None),
        ("Asia Pacific", "Asia and the Pacific", None),
        ("Western Asia", "Western Asia", "145"),
        ("West Africa", "Western Africa", "011"),
        ("South-East Asia", "South-eastern Asia", "035"),
        ("Southeast Asia", "South-eastern Asia", "035"),
        ("Sub-Saharan Africa", "Sub-Saharan Africa", "202"),
        ("Arab States", "Arab States", None),
        ("Arab region", "Arab States", None),
        ("Small Island Developing States", "Small Island Developing States", "722"),
        ("SIDS", "Small Island Developing States", "722"),
        ("Least Developed Countries", "Least Developed Countries", "199"),
        ("LDCs", "Least Developed Countries", "199"),
        ("Landlocked Developing Countries", "Landlocked Developing Countries", "432"),
        ("Global", "Global", "001"),
        ("Interregional", "Global", "001"),
        ("Inter-regional", "Global", "001"),
        ("World", "Global", "001"),
        ("Europe", "Europe", "150"),
        ("Oceania", "Oceania", "009"),
    ],
)
def test_resolve_region(name: str, canonical: str, m49: str | None) -> None:
    assert resolve_region(name) == canonical
    assert region_m49(name) == m49


@pytest.mark.parametrize("name", ["", "Togo", "Bahamas", "Tunis", "UNDP", "nowhere"])
def test_resolve_region_none(name: str) -> None:
    assert resolve_region(name) is None


def mentions(text: str) -> list[tuple[str, str]]:
    found = find_countries(text)
    for m in found:
        assert isinstance(m, CountryMention)
        assert text[m.start : m.end] == m.text
    return [(m.iso3, m.text) for m in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Cooperation Partners: UNDP Togo", [("TGO", "Togo")]),
        ("UNDP/Saudi Arabia, Ministry", [("SAU", "Saudi Arabia")]),
        ("UNDP-Mali and UNDP–Niger", [("MLI", "Mali"), ("NER", "Niger")]),
        ("laws in Djibouti Republic;", [("DJI", "Djibouti")]),
        ("DRC Government, UNDP", [("COD", "DRC")]),
        ("the Government of Saudi Arabia.", [("SAU", "Saudi Arabia")]),
        ("in Bridgetown, Barbados.", [("BRB", "Barbados")]),
        ("Advisory Mission to The Bahamas", [("BHS", "The Bahamas")]),
        ("support in the Bahamas", [("BHS", "the Bahamas")]),
        ("Papua New Guinea and Equatorial Guinea", [("PNG", "Papua New Guinea"), ("GNQ", "Equatorial Guinea")]),
        ("Guinea-Bissau, Guinea Bissau and Guinea",
         [("GNB", "Guinea-Bissau"), ("GNB", "Guinea Bissau"), ("GIN", "Guinea")]),
        ("Niger and Nigeria", [("NER", "Niger"), ("NGA", "Nigeria")]),
        ("Somalia", [("SOM", "Somalia")]),
        ("a woman from Oman", [("OMN", "Oman")]),
        ("let us meet the US team", [("USA", "US")]),
        ("a budget of US$ 500 in the USA", [("USA", "USA")]),
        ("Georgia, Jordan and Chad", [("GEO", "Georgia"), ("JOR", "Jordan"), ("TCD", "Chad")]),
        ("roast turkey; Turkey and China", [("TUR", "Turkey"), ("CHN", "China")]),
        ("Côte d’Ivoire and Cote d'Ivoire", [("CIV", "Côte d’Ivoire"), ("CIV", "Cote d'Ivoire")]),
        ("Lake Chad, the Niger Delta and New Mexico", []),
        ("St. Lucia, Saint Lucia and St Vincent and the Grenadines",
         [("LCA", "St. Lucia"), ("LCA", "Saint Lucia"), ("VCT", "St Vincent and the Grenadines")]),
        ("Congo, Dem. Rep. and Lao PDR; Viet Nam",
         [("COD", "Congo, Dem. Rep."), ("LAO", "Lao PDR"), ("VNM", "Viet Nam")]),
        ("South Sudan and Sudan", [("SSD", "South Sudan"), ("SDN", "Sudan")]),
        ("Dominica and the Dominican Republic", [("DMA", "Dominica"), ("DOM", "Dominican Republic")]),
        ("Caribbean nations of the ACP Group", []),
        ("Somali and Malian experts", []),
        ("Sustainable Development Goals in the Americas", []),
        ("Micronesia (Federated States of)", [("FSM", "Micronesia (Federated States of)")]),
        ("Türkiye's", [("TUR", "Türkiye")]),
        ("Democratic Republic of the Congo", [("COD", "Democratic Republic of the Congo")]),
        ("info@mali.org and e-Togo", []),
    ],
)
def test_find_countries(text: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(text) == expected


def test_find_demonyms_skips_names() -> None:
    found = find_demonyms("the Bahamian public service and Saudi nationals of Saudi Arabia")
    assert [(m.iso3, m.text) for m in found] == [("BHS", "Bahamian"), ("SAU", "Saudi")]


def test_find_regions() -> None:
    found = find_regions("Asia and the Pacific, the Caribbean; SIDS and Latin America and the Caribbean")
    assert [r.name for r in found] == [
        "Asia and the Pacific", "Caribbean", "Small Island Developing States", "Latin America and the Caribbean"
    ]


@pytest.mark.parametrize(
    "text, countries, regions",
    [
        ("The Bahamas, Saint Lucia, Barbados", ["BHS", "LCA", "BRB"], []),
        ("Asia and the Pacific", [], ["Asia and the Pacific"]),
        ("Kenya; Uganda and Tanzania", ["KEN", "UGA", "TZA"], []),
        ("Kenya, Uganda & Tanzania.", ["KEN", "UGA", "TZA"], []),
        ("Bosnia and Herzegovina, Trinidad and Tobago", ["BIH", "TTO"], []),
        ("Congo, Dem. Rep.; Lao PDR", ["COD", "LAO"], []),
        ("Korea, Republic of", ["KOR"], []),
        ("Micronesia (Federated States of), Bolivia (Plurinational State of)", ["FSM", "BOL"], []),
        ("Togo\nBenin\nGhana", ["TGO", "BEN", "GHA"], []),
        ("• Togo\n• Benin", ["TGO", "BEN"], []),
        ("Caribbean: Barbados, Saint Lucia", ["BRB", "LCA"], ["Caribbean"]),
        ("Africa; Asia and the Pacific", [], ["Africa", "Asia and the Pacific"]),
        ("SIDS", [], ["Small Island Developing States"]),
        ("Global", [], ["Global"]),
        ("Interregional", [], ["Global"]),
        (", , ,", [], []),
        ("", [], []),
        ("Kenya, Kenya", ["KEN"], []),
        ("Djibouti Republic", ["DJI"], []),
        ("Micronesia", ["FSM"], []),
        ("cote d'ivoire, senegal", ["CIV", "SEN"], []),
    ],
)
def test_split_place_list(text: str, countries: list[str], regions: list[str]) -> None:
    assert split_place_list(text) == (countries, regions)


# ----------------------------------------------------------------- served countries


@pytest.mark.parametrize(
    "fields, expected",
    [
        # A labelled countries field wins, even over prose naming other governments.
        ({"countries": "Kenya; Uganda and Tanzania", "objective": "support to the Government of Rwanda"},
         ["KEN", "UGA", "TZA"]),
        ({"countries": "The Bahamas, Saint Lucia, Barbados", "summary": "workshops with Jamaica"},
         ["BHS", "LCA", "BRB"]),
        # A labelled field naming only a region gives no country (the caller sets the region).
        ({"countries": "Asia and the Pacific", "objective": "support to the Government of Fiji"}, []),
        # An empty list value counts as no field: the text decides.
        ({"countries": ", , ,", "partners": "UNDP Kenya, Ministry of Finance"}, ["KEN"]),
        # Government, UNDP country office, ministry of a government.
        ({"objective": "to support UNDP and the Government of Ghana in the finalization of the strategy"}, ["GHA"]),
        ({"partners": "UNDP Ethiopia"}, ["ETH"]),
        ({"partners": "UNDP/Kenya, Ministry of Planning of the Government of Kenya. UNDESA"}, ["KEN"]),
        ({"partners": "Nepal Government, UNDP, UNDESA"}, ["NPL"]),
        ({"partners": "Ministry of Public Service of Zambia"}, ["ZMB"]),
        # Purpose: "In X, the project...", "reform in X", a title naming the country.
        ({"objective": "In Nepal, the programme strengthens the civil service."}, ["NPL"]),
        ({"expected_accomplishments": "1. Civil service reform in Burundi;\n2. Training of staff."}, ["BDI"]),
        ({"expected_accomplishments": "Revising the civil code in Djibouti Republic"}, ["DJI"]),
        ({"title": "Strengthening e-government in Lao PDR"}, ["LAO"]),
        # Donors are not served: "X Cooperation", "Embassy of X", "funded by the Government of X".
        ({"partners": "Government of Uganda, Norway Cooperation, Embassy of Sweden"}, ["UGA"]),
        ({"partners": "Uganda Government", "summary": "The project is funded by the Government of Japan."}, ["UGA"]),
        # Venues of a forum's annual meetings are not served.
        ({"key_accomplishments": "The Forum held annual sessions in Nairobi, Kenya, in 2011, Baku, Azerbaijan, in 2012 "
          "and Bali, Indonesia, in 2013. Participants praised the sessions."}, []),
        ({"key_accomplishments": "The IGF has held annual meetings in Athens, Greece, from 30 October to 2 November "
          "2006, Rio de Janeiro, Brazil, from 12 to 15 November 2007 and Hyderabad, India, in 2008."}, []),
        # Home countries of participants are not served.
        ({"key_accomplishments": "The workshop brought together 40 officials from Ghana, Nigeria, Liberia and "
          "Sierra Leone."}, []),
        ({"key_accomplishments": "Participants from Kenya and Uganda attended the training."}, []),
        ({"objective": "In Senegal, the project supports the Observatory.",
          "key_accomplishments": "A seminar brought together more than 80 people from Senegal, Mali, Niger and Chad."},
         ["SEN"]),
        # A served enumeration in the project's own purpose stays served.
        ({"objective": "to strengthen the capacities of Kenya, Uganda and Tanzania to deliver public services"},
         ["KEN", "UGA", "TZA"]),
        # A passing mention is not enough.
        ({"key_accomplishments": "A study tour to Singapore was organized."}, []),
        ({"summary": "Lessons from Estonia inspired the design."}, []),
        # National adjectives with a national body count.
        ({"objective": "capacity of the Bahamian public service",
          "planned_activities": "Advisory mission to the Bahamas"},
         ["BHS"]),
        ({"partners": "Togolese Government, UNDP"}, ["TGO"]),
        ({"key_accomplishments": "Kenyan and Ugandan experts shared French and Swiss practice."}, []),
        # Regions and groupings are no countries.
        ({"objective": "promote good governance in the Caribbean nations of the ACP Group of States"}, []),
        ({"summary": "Arab Centre for eContent Development", "partners": "E-Govt Authority"}, []),
        ({}, []),
        ({"objective": ""}, []),
    ],
)
def test_served_countries(fields: dict, expected: list[str]) -> None:
    assert served_countries(fields) == expected


def test_served_countries_accepts_list_values() -> None:
    fields = {"expected_accomplishments": ["Reform of the civil service in Benin", "Training"],
              "partners": ["UNDP Benin"]}
    assert served_countries(fields) == ["BEN"]


# The seed's ten records: served countries per the hand-labelled gold. The fields are cut out with a
# small label splitter here so that this test depends on nothing but the value parsers.
_SEED = SEED
_LABELS = {
    "Main Expectations": "expected_accomplishments", "Main activities": "planned_activities",
    "Objective/Purpose of Project": "objective", "Key Accomplishments (to-date)": "key_accomplishments",
    "Key Accomplishments": "key_accomplishments", "Cooperation Partners": "partners", "Time Frame": "time_frame",
    "Funding": "funding", "Proposed Budget": "budget", "Division": "division",
}


def _seed_records() -> list[dict[str, str]]:
    text = _SEED.read_text(encoding="utf-8")
    tail_at = text.index("Implemented by UN DESA")
    head, tail = text[:tail_at], text[tail_at:]
    rx = re.compile(r"^(" + "|".join(re.escape(k) for k in sorted(_LABELS, key=len, reverse=True)) + r"):", re.M)
    out = []
    for chunk in re.split(r"(?=^Main Expectations:)", head, flags=re.M):
        if not chunk.strip():
            continue
        ms = list(rx.finditer(chunk))
        out.append({
            _LABELS[m.group(1)]: chunk[m.end() : (ms[i + 1].start() if i + 1 < len(ms) else len(chunk))]
            for i, m in enumerate(ms)
        })
    countries = re.search(r"^Focus Countries:(.*)$", tail, re.M).group(1)
    out.append({"summary": tail.split("Objective:")[0], "countries": countries, "activities": tail})
    return out


@pytest.mark.skipif(not _SEED.exists(), reason="seed file not present")
def test_seed_served_countries() -> None:
    records = _seed_records()
    assert len(records) == 10
    got = [served_countries(r) for r in records]
    assert got == [[], [], [], ["DJI"], ["SAU"], ["TGO"], [], ["MLI"], ["COD"], ["BHS", "LCA", "BRB"]]


@pytest.mark.skipif(not _SEED.exists(), reason="seed file not present")
def test_seed_last_record_without_its_countries_field_still_finds_its_countries() -> None:
    last = _seed_records()[-1]
    del last["countries"]
    assert set(served_countries(last)) >= {"BHS", "LCA", "BRB"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_never_raises(text: str) -> None:
    for m in find_countries(text):
        assert text[m.start : m.end] == m.text
    split_place_list(text)
    resolve_country(text)
    resolve_region(text)
    served_countries({"objective": text, "partners": text})
