"""Activities and resources told in narrative: types, dates, places, participants, merging, seed gold."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from capdev.narrative.types import ACTIVITY_TYPES, RESOURCE_TYPES
from capdev.narrative.values.events import extract_events, extract_resources, is_planned

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"


def one(text: str):
    evs = extract_events(text)
    assert len(evs) == 1, [(e.type, e.title, e.start) for e in evs]
    return evs[0]


def month(e) -> str | None:
    return e.start.iso()[:7] if e.start else None


# ---------------------------------------------------------------- single sentences, many phrasings


@pytest.mark.parametrize(
    "text, type_, start, end, country, city",
    [
        ("A three-day training workshop was held in Nairobi, Kenya on 4-6 June 2019 for 35 civil servants.",
         "workshop", "2019-06-04", "2019-06-06", "KEN", "Nairobi"),
        ("Virtual workshop, 12 May 2021 (online), 120 participants from 30 countries", "workshop", "2021-05-12",
         "2021-05-12", None, None),
        ("An advisory mission to Bhutan took place in March 2018.", "advisory_mission", "2018-03", "2018-03", "BTN",
         None),
        ("National validation workshop (4-5 July 2024, Freetown, Sierra Leone)", "workshop", "2024-07-04", "2024-07-05",
         "SLE", "Freetown"),
        ("In 2019, UNDP and UN DESA organized a regional seminar in Bangkok, Thailand, attended by about 70 officials.",
         "workshop", "2019", "2019", "THA", "Bangkok"),
        ("A policy dialogue on digital inclusion was convened by ESCAP in Suva, Fiji, from 3 to 5 March 2020.",
         "conference", "2020-03-03", "2020-03-05", "FJI", "Suva"),
        ("On 15 March 2023 a webinar on open government data gathered more than 300 participants.",
         "webinar", "2023-03-15", "2023-03-15", None, None),
        ("The project will conduct an e-government readiness assessment in Lao PDR in 2026.", "study", "2026", "2026",
         "LAO", None),
        ("A Training of Trainers on the SDG curriculum was delivered in Windhoek, Namibia, on 10-14 February 2020.",
         "training_of_trainers", "2020-02-10", "2020-02-14", "NAM", "Windhoek"),
        ("Launch of the UN E-Government Survey 2022 took place online on 28 September 2022.",
         "publication_launch", "2022-09-28", "2022-09-28", None, None),
        ("In October 2016, a technical assistance mission was fielded to the Democratic Republic of the Congo.",
         "advisory_mission", "2016-10", "2016-10", "COD", None),
        ("An expert group meeting on public service resilience was held in Geneva, Switzerland in November 2022.",
         "conference", "2022-11", "2022-11", "CHE", "Geneva"),
        ("Taller nacional? No: a national workshop on local governance took place in Côte d'Ivoire in June 2015.",
         "workshop", "2015-06", "2015-06", "CIV", None),
    ],
)
def test_one_event_per_sentence(text, type_, start, end, country, city):
    e = one(text)
    assert e.type == type_ and e.type in ACTIVITY_TYPES
    assert (e.start.iso(), e.end.iso()) == (start, end)
    assert (e.country, e.city) == (country, city)
    assert e.title and e.summary


@pytest.mark.parametrize(
    "text, n, qualifier, profile, countries",
    [
        ("A three-day training workshop was held in Nairobi, Kenya on 4-6 June 2019 for 35 civil servants.", 35, None,
         "civil servants", None),
        ("Virtual workshop, 12 May 2021 (online), 120 participants from 30 countries", 120, None, None, 30),
        ("In May 2025, a regional workshop convened over 64 senior government officials from 16 Caribbean SIDS.",
         64, "over", "senior government officials", 16),
        ("In April 2009 a training workshop brought together more than 200 people from Mali, Niger, "
         "Senegal, Guinea, and Rwanda.",
         200, "more than", None, 5),
        ("In March 2019, a seminar in Accra, Ghana gathered about 45 parliamentarians.", 45, "about",
         "parliamentarians", None),
        ("A webinar held on 2 June 2021 reached approximately 1,200 participants from 85 countries.", 1200,
         "approximately", None, 85),
        ("In July 2018 a forum in Kigali, Rwanda convened some 150 representatives of 20 African countries.", 150,
         "some", "representatives", 20),
        ("In June 2022 a workshop in Apia, Samoa trained twenty-five? no, twenty trainers.", 20, None, "trainers",
         None),
    ],
)
def test_participants(text, n, qualifier, profile, countries):
    # A rounded count ("about 45", "approximately 1,200", "some 150") is the count, its qualifier says so (round 11);
    # a lower bound ("over 64", "more than 200") is a count with its qualifier, as the seed's labels read it.
    e = one(text)
    assert e.participants == n
    assert e.participants_qualifier == qualifier
    assert e.participants_profile == profile
    assert e.participant_countries == countries


def test_home_countries_of_participants_are_not_the_venue():
    e = one("The observatory organized in April 2009 a training workshop that brought together more than 200 people "
            "from Mali, Niger, Senegal, Guinea, and Rwanda.")
    assert e.country is None and e.participant_countries == 5


def test_demonym_gives_country_and_is_not_profile():
    text = ("Changing Mindsets for Public Sector Transformation | Public Institutions\n"
            "The workshop explored practices. 40 Saint Lucian senior government officials conducted an "
            "action planning exercise.")
    e = one(text)
    assert (e.participants, e.participants_profile, e.country) == (40, "senior government officials", "LCA")
    assert e.title == "Changing Mindsets for Public Sector Transformation"


@pytest.mark.parametrize(
    "text, online",
    [("A webinar on data governance was held on 3 May 2021.", True),
     ("A virtual workshop on e-participation took place on 9 June 2020.", True),
     ("A workshop was held online on 9 June 2020 for 60 officials.", True),
     ("In-person workshops on leadership (March 2025) examined strategies.", False),
     ("A workshop was held in Lusaka, Zambia on 9 June 2020.", False)],
)
def test_online(text, online):
    assert one(text).online is online


@pytest.mark.parametrize(
    "text, organisers",
    [("Topics were covered in workshops on foresight (March 2025), presented by CARICAD, ECLAC, and DESA experts.",
      ["CARICAD", "ECLAC", "UNDESA"]),
     ("In 2019, UNDP and UN DESA organized a regional seminar in Bangkok, Thailand.", ["UNDP", "UNDESA"]),
     ("A webinar was organized by UNITAR in collaboration with UN Women on 8 March 2021.", ["UNITAR", "UN Women"]),
     ("A policy dialogue on digital inclusion was convened by ESCAP in Suva, Fiji, from 3 to 5 March 2020.", ["ESCAP"]),
     ("A workshop was held in Lusaka, Zambia on 9 June 2020.", [])],
)
def test_organisers(text, organisers):
    assert one(text).organisers == organisers


@pytest.mark.parametrize(
    "text",
    [
        "Through workshops and focus groups, the project has contributed to an enhanced understanding.",
        "Training workshops and sensitizing activities in relation to Human development.",
        "During meetings, participants representing all stakeholder groups attended the main sessions, "
        "workshops and other events.",
        "In 2008 and 2009, there has also been a spread of national and regional IGF initiatives that fed into "
        "the annual IGF meeting.",
        "Two mission reports have been issued for reviewing the Civil Code of laws.",
        "Resources related to the project (reports, toolkits, training materials, and links) will be "
        "made available here.",
        "The IGF mandate is described in paragraph 72 of the Tunis Agenda as a meeting of a new forum for "
        "multi-stakeholder policy dialogue.",
        "Main activities:\n1. a regional capacity-building Workshop;\n2. Technical Assistance Missions aimed at "
        "stakeholders awareness",
        "Workshops and trainings were organized throughout the project.",
        "Time Frame: February 2010 - June 2012",
        "",
        "   \n  ",
    ],
)
def test_generic_mentions_are_not_events(text):
    assert extract_events(text) == []


# ---------------------------------------------------------------- headings and titles


@pytest.mark.parametrize(
    "text, title, type_",
    [
        ("Advisory Mission to the Bahamas, 20 - 21 August 2024\nInteractive conversations with over 40 government "
         "officials were held.",
         "Advisory Mission to the Bahamas", "advisory_mission"),
        ("Webinar Series on “Digital Skills for Public Servants” , 3 and 10 May 2022. The webinar series "
         "brought together experts.",
         "Webinar Series on “Digital Skills for Public Servants”", "webinar"),
        ("Regional Workshop on Open Government Data, 12-14 September 2017 in Addis Ababa, Ethiopia.",
         "Regional Workshop on Open Government Data", "workshop"),
        ("In May 2025, a regional Capacity Development Workshop on “The Future of Governance” "
         "convened over 64 officials.",
         "The Future of Governance", "workshop"),
        ("In August 2024, a workshop on UNDESA’s Digital Government Capabilities Assessment and Changing Mindsets "
         "identified priorities.",
         "Workshop on UNDESA’s Digital Government Capabilities Assessment and Changing Mindsets", "workshop"),
        ("A three-day training workshop was held in Nairobi, Kenya on 4-6 June 2019 for 35 civil servants.",
         "Three-day training workshop in Nairobi", "workshop"),
    ],
)
def test_titles(text, title, type_):
    e = one(text)
    assert (e.title, e.type) == (title, type_)


def test_heading_body_fills_the_heading_event():
    text = ("Advisory Mission to the Bahamas, 20 - 21 August 2024\n"
            "Interactive conversations with over 40 government officials, union leaders, and academics allowed for "
            "frank conversations.")
    e = one(text)
    assert (e.start.iso(), e.end.iso(), e.country) == ("2024-08-20", "2024-08-21", "BHS")
    assert (e.participants, e.participants_qualifier) == (40, "over")
    assert "Interactive conversations" in e.summary
    assert e.dates_text == "20 - 21 August 2024"


def test_planned_event_has_no_date_and_is_flagged():
    e = one("Training of Trainers: A Training of Trainers will be organized in Saint Lucia to equip trainers.")
    assert (e.type, e.start, e.country) == ("training_of_trainers", None, "LCA")
    assert is_planned(e)
    assert not is_planned(one("An advisory mission to Bhutan took place in March 2018."))


# ---------------------------------------------------------------- one event told twice


def test_summary_sentence_and_later_heading_merge():
    text = (
        "With the support of the Ministry, three workshops were organized in Ghana. In March 2019, a workshop on "
        "service delivery identified priorities.\n"
        "In June 2019, two workshops were held for senior officials, focusing on leadership.\n"
        "Workshop on Service Delivery Innovation in Ghana | News\n"
        "The first workshop of the project was held in Ghana in March 2019. 30 participants drafted an action plan.\n"
    )
    evs = extract_events(text)
    assert [(month(e), e.country) for e in evs] == [("2019-03", "GHA"), ("2019-06", "GHA")]
    first = evs[0]
    assert first.title == "Workshop on Service Delivery Innovation in Ghana"  # the heading's title wins
    assert first.participants == 30
    assert "identified priorities" in first.summary and "drafted an action plan" in first.summary


def test_counting_sentence_makes_no_dateless_row():
    evs = extract_events("Three workshops were organized in Saint Lucia. In August 2024, a workshop on digital "
                         "skills identified needs.")
    assert [(month(e), e.country) for e in evs] == [("2024-08", "LCA")]


def test_same_type_different_countries_do_not_merge():
    text = ("A workshop was held in Accra, Ghana on 3 May 2019.\n"
            "A workshop was held in Lomé, Togo on 3 May 2019.")
    assert [e.country for e in extract_events(text)] == ["GHA", "TGO"]


def test_different_dates_do_not_merge():
    text = ("A workshop was held in Accra, Ghana in May 2019.\n"
            "A second workshop was held in Accra, Ghana in November 2019.")
    assert [month(e) for e in extract_events(text)] == ["2019-05", "2019-11"]


def test_workshop_and_mission_at_same_place_and_time_stay_apart():
    text = ("An advisory mission to Bhutan took place in March 2018.\n"
            "A workshop on e-government was held in Thimphu, Bhutan in March 2018.")
    assert sorted(e.type for e in extract_events(text)) == ["advisory_mission", "workshop"]


# ---------------------------------------------------------------- multi-venue


def test_one_row_per_venue():
    text = ("The IGF has held annual meetings in Athens, Greece, from 30 October to 2 November 2006, Rio de Janeiro, "
            "Brazil, from 12 to 15 November 2007, Hyderabad, India, from 3 to 6 December 2008 and Sharm El Sheikh, "
            "Egypt, from 15 to 18 November 2009.")
    evs = extract_events(text)
    assert [(e.type, month(e), e.country, e.city) for e in evs] == [
        ("conference", "2006-10", "GRC", "Athens"), ("conference", "2007-11", "BRA", "Rio de Janeiro"),
        ("conference", "2008-12", "IND", "Hyderabad"), ("conference", "2009-11", "EGY", "Sharm El Sheikh")]
    assert evs[0].end.iso() == "2006-11-02"


def test_multi_venue_other_phrasing():
    text = ("Regional forums were held in Nairobi, Kenya on 5-6 May 2015 and in Dakar, Senegal on 9-10 June 2015.")
    evs = extract_events(text)
    assert [(e.country, e.city, e.start.iso()) for e in evs] == [("KEN", "Nairobi", "2015-05-05"),
                                                                 ("SEN", "Dakar", "2015-06-09")]


# ---------------------------------------------------------------- spans


def test_spans_are_shifted_by_offset_and_point_at_the_text():
    text = "Intro line.\nAn advisory mission to Bhutan took place in March 2018.\n"
    [e] = extract_events(text, offset=100)
    s, t = e.span
    assert text[s - 100 : t - 100] == "An advisory mission to Bhutan took place in March 2018."


# ---------------------------------------------------------------- seed gold


def _seed_records() -> list[str]:
    text = (SEEDS / "000_eacd3102e0b2e2d6.txt").read_text(encoding="utf-8")
    parts = re.split(r"(?m)^(?=Main Expectations:)|^(?=Implemented by UN DESA)", text)
    return [p for p in parts if p.strip()]


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds not present")
def test_seed_gold_events_and_participants():
    gold = json.loads((SEEDS / "seed-gold.json").read_text(encoding="utf-8"))["records"]
    records = _seed_records()
    checked = 0
    for rec, g in zip(records, gold):
        evs = extract_events(rec)
        rows = [(month(e), e.country) for e in evs]
        for want_month, want_country in g.get("events", []):
            assert (want_month, want_country) in rows, (want_month, want_country, rows)
            checked += 1
        for n in g.get("participants", []):
            assert n in [e.participants for e in evs]
    assert checked == 12


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds not present")
def test_seed_record_details():
    records = _seed_records()
    igf = extract_events(records[1])
    assert len(igf) == 4 and {e.type for e in igf} == {"conference"}
    assert extract_events(records[0]) == [] and extract_events(records[3]) == []
    evs = extract_events(records[9])
    by = {(month(e), e.country): e for e in evs}
    webinar = by[("2024-02", None)]
    assert webinar.type == "webinar" and webinar.online and webinar.end.iso() == "2024-03-27"
    assert webinar.dates_text == "21 and 28 February 2024; 20 and 27 March 2024"
    lca = [e for e in evs if e.country == "LCA" and month(e) == "2024-08"]
    assert len(lca) == 1 and lca[0].participants == 52  # told twice, one row
    may = by[("2025-05", None)]
    assert (may.participants, may.participants_qualifier, may.participants_profile, may.participant_countries) == (
        64, "over", "senior government officials", 16)
    tot = by[("2025-10", "BRB")]
    assert (tot.type, tot.city, tot.start.iso(), tot.end.iso()) == ("training_of_trainers", "Bridgetown", "2025-10-21",
                                                                    "2025-10-24")
    march = by[("2025-03", None)]
    assert march.organisers == ["CARICAD", "ECLAC", "UNDESA"]
    planned = [e for e in evs if is_planned(e)]
    assert [(p.type, p.start, p.country) for p in planned] == [("training_of_trainers", None, "LCA")]
    assert len([e for e in evs if e.country == "LCA" and month(e) == "2025-04"]) == 1
    mali = extract_events(records[7])
    assert [(month(e), e.country, e.participants, e.participant_countries) for e in mali] == [("2009-04", None, 200, 5)]


# ---------------------------------------------------------------- resources


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Innovation, Digital Government and Changing Mindsets for Public Sector Transformation Booklet",
         [("booklet",
           "Innovation, Digital Government and Changing Mindsets for Public Sector Transformation Booklet")]),
        ("Digital Government Capability Assessment Toolkit",
         [("toolkit", "Digital Government Capability Assessment Toolkit")]),
        ("Handbook on Public Service Ethics", [("other", "Handbook on Public Service Ethics")]),
        ("National Guidelines on Open Data", [("other", "National Guidelines on Open Data")]),
        ("E-Government Readiness Report", [("report", "E-Government Readiness Report")]),
        ("Training Materials", []),
        ("trainers on the use of the Curriculum on Governance for the Implementation of the Sustainable Development "
         "Goals (SDGs) toolkits (Curriculum on Governance for the SDGs) to help them",
         [("toolkit", "Curriculum on Governance for the Implementation of the Sustainable Development Goals (SDGs)")]),
        ("Officials were trained with the Digital Government Transformation toolkit.",
         [("toolkit", "Digital Government Transformation")]),
        ("Resources related to the project (reports, toolkits, training materials, and links) will be "
         "made available here.", []),
        ("More at https://publicadministration.desa.un.org/projects/caribbean.", [
            ("link", "https://publicadministration.desa.un.org/projects/caribbean")]),
        ("Support the elaboration of various reports: National Human Development Report; MDG monitoring Reports, etc.",
         [("report", "National Human Development Report")]),
    ],
)
def test_extract_resources(text, expected):
    got = [(r.type, r.title) for r in extract_resources(text)]
    assert got == expected
    assert all(r.type in RESOURCE_TYPES for r in extract_resources(text))


def test_link_resource_has_url():
    [r] = extract_resources("See www.unpan.org/curriculum for the modules.")
    assert r.type == "link" and r.url == "https://www.unpan.org/curriculum"


# ---------------------------------------------------------------- more layouts


def test_heading_then_place_and_date_line_then_paragraph():
    text = ("Sub-regional Workshop on Local Governance and Decentralization\n"
            "Dakar, Senegal, 14-16 November 2011\n"
            "The workshop gathered 60 representatives of local governments from 8 West African countries.")
    e = one(text)
    assert e.title == "Sub-regional Workshop on Local Governance and Decentralization"
    assert (e.city, e.country, e.start.iso(), e.end.iso()) == ("Dakar", "SEN", "2011-11-14", "2011-11-16")
    assert (e.participants, e.participant_countries) == (60, 8)


@pytest.mark.parametrize(
    "text, title",
    [("The e-Government Survey 2012 was launched at UN Headquarters in New York on 6 March 2012.",
      "Launch of the e-Government Survey 2012"),
     ("Webinar: Digital Public Infrastructure for Inclusion (online, 14 April 2023) – 250 participants.",
      "Webinar: Digital Public Infrastructure for Inclusion"),
     ("Capacity-building training for judges and magistrates was conducted in Djibouti in November 2010, "
      "with 25 participants.",
      "Capacity-building training for judges and magistrates")],
)
def test_more_titles(text, title):
    assert one(text).title == title


@pytest.mark.parametrize(
    "text, city, country",
    [("A workshop was held in Panama City, Panama on 3 May 2019.", "Panama City", "PAN"),
     ("A regional forum took place in Kuwait City, Kuwait, on 1-2 December 2015.", "Kuwait City", "KWT"),
     ("A workshop was held in Port of Spain, Trinidad and Tobago in May 2016 for 30 officials.", "Port of Spain",
      "TTO")],
)
def test_cities_named_like_their_country(text, city, country):
    e = one(text)
    assert (e.city, e.country) == (city, country)


def test_two_labelled_sentences_in_accomplishments():
    text = ("Key Accomplishments: A national consultation on the civil service code was organized in Kinshasa on 12-13 "
            "May 2010 with 85 participants from line ministries. A study tour to Rwanda for 10 senior officials was "
            "undertaken in September 2010.")
    evs = extract_events(text)
    assert [(e.type, month(e), e.participants) for e in evs] == [("conference", "2010-05", 85),
                                                                 ("advisory_mission", "2010-09", 10)]


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    _WORDS = st.sampled_from([
        "workshop", "Workshop", "webinar", "mission to", "Kenya", "Nairobi,", "in", "on", "12", "May", "2019", "–", "-",
        "over", "40", "officials", "from", "16", "countries", "“", "”", "\n", ".", ",", "(", ")", "UNDP", "|", ":",
        "Training of Trainers", "held", "will be organized", "the", "Bahamas", "Saint Lucian", "Booklet",
        "https://x.org/a", "and", "three", "workshops were",
    ])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(_WORDS, max_size=40).map(" ".join), st.integers(min_value=0, max_value=10_000))
    def test_never_raises_and_spans_stay_inside(text, offset):
        for e in extract_events(text, offset):
            assert e.type in ACTIVITY_TYPES
            s, t = e.span
            assert offset <= s <= t <= offset + len(text)
        for r in extract_resources(text):
            assert r.type in RESOURCE_TYPES

    @settings(max_examples=150, deadline=None)
    @given(st.text(max_size=200))
    def test_never_raises_on_any_text(text):
        extract_events(text)
        extract_resources(text)
