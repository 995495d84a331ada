"""parse_text / parse_file / the CLI on whole sample records: each label family, date and money format, bad files."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from capdev.narrative import PARSER_VERSION, InputError, decode_bytes, parse_file, parse_text
from capdev.narrative.types import Record

from ._shared import FILES


def flags(rec: Record) -> set[tuple[str, str]]:
    return {(f.field, f.reason) for f in rec.flags}


def budgets(rec: Record) -> list[tuple[Decimal, str, str]]:
    return [(b.amount, b.currency, b.kind) for b in rec.budgets]


def iso(d) -> str | None:  # noqa: ANN001
    return d.iso() if d else None


def test_version() -> None:
    assert isinstance(PARSER_VERSION, str) and PARSER_VERSION


# --- date and money formats, one record each ------------------------------------------------------------------------
FORMATS = [
    ("2010-02", "2012-06", "1308543", "USD", "total"),
    ("2009-11", "2011-12", "62100", "USD", "total"),
    ("2015-03", "2016-05", "500000", "USD", "total"),
    ("2009-06", "2011-12", "700000", "USD", "total"),
    ("2018-04", "2021-12-31", "115019355", "USD", "total"),
    ("2006-06", "2030", "1500000", "USD", "total"),
    ("2018-09", "2019-12", "125000", "EUR", "total"),
    ("2010-10-01", "2014-09-30", "1850000", "CHF", "total"),
    ("2015", "2016", "240000", "EUR", "total"),
    ("2010-09", "2010-09", "100000", "USD", "yearly"),
]


@pytest.fixture(scope="module")
def formats() -> list[Record]:
    return parse_file(FILES / "formats.txt")


@pytest.mark.parametrize("i, start, end, amount, currency, kind", [(i, *f) for i, f in enumerate(FORMATS)])
def test_date_and_money_formats(formats: list[Record], i: int, start: str, end: str, amount: str, currency: str,
                                kind: str) -> None:
    rec = formats[i]
    assert rec.title == f"Format sample {i + 1}"
    assert (iso(rec.start), iso(rec.end)) == (start, end)
    assert budgets(rec) == [(Decimal(amount), currency, kind)]
    assert not rec.flags


def test_reversed_time_frame_and_unreadable_money_are_flags(formats: list[Record]) -> None:
    rec = formats[10]
    assert (iso(rec.start), iso(rec.end)) == ("2012-12", "2010-01")
    assert flags(rec) == {("time_frame", "end before start"), ("budgets", "unparsed money")}
    assert rec.budgets == []


# --- code headers --------------------------------------------------------------------------------------------------
def test_code_headers() -> None:
    recs = parse_file(FILES / "code_headers.txt")
    assert [(r.code, r.title) for r in recs] == [
        ("ZAI/08/001", "Support to the Reform of Public Administration"),
        ("ROA 206-8", "E-Government Readiness Assessment for Small Island States"),
        ("1819C", "Strengthening Institutions for Policy Integration"),
        ("DA1617B", "Public Service Innovation in Africa"),
        ("INT-08-X01", "Global Forum on Reinventing Government"),
        ("1415AB", "Open Government Data for Sustainable Development"),
    ]
    assert not any(r.title_is_proposed for r in recs)
    assert [iso(r.end) for r in recs] == ["2011-12", "2016", "2021-12-31", "2019-12", "2030", "2016-12"]


# --- label families ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def branch() -> list[Record]:
    return parse_file(FILES / "branch_variants.txt")


def test_branch_variant_spellings(branch: list[Record]) -> None:
    a, b = branch
    assert len(a.expected_accomplishments) == 3
    assert a.objective.startswith("To support the Government of Lesotho")
    assert a.key_accomplishments == [
        "A needs assessment of the civil service commission was completed in March 2010.",
        "A draft code of conduct was validated by stakeholders.",
    ]
    assert a.partners_text == "UNDP Lesotho; Ministry of Public Service"
    assert len(a.partners) == 2
    assert (iso(a.start), iso(a.end), a.funding_source, a.lead_unit) == ("2010-03", "2011-12", "XBTC", "PACB")
    assert budgets(a) == [(Decimal("700000"), "USD", "total")]


def test_brief_description_main_activities_objective_without_colon_and_donors(branch: list[Record]) -> None:
    b = branch[1]
    assert b.summary == ("The project helps the Government of Viet Nam to modernise its one-stop shops for "
                         "citizens and businesses.")
    assert b.planned_activities == [
        "a national workshop on one-stop shops", "two study tours", "a handbook for local administrations."]
    assert b.objective == "To improve public service delivery at local level through one-stop shops."
    assert b.accomplishments_to_date and b.key_accomplishments == ["The project has just started."]
    assert [(p.name, p.role) for p in b.partners] == [("Government of Spain", "funding")]
    assert b.countries == ["VNM"]  # the donor government is not a country the project serves
    assert ("countries", "inferred from text") in flags(b)
    assert (b.funding_source, b.lead_unit) == ("MDG-F", "DMB")


@pytest.fixture(scope="module")
def families() -> list[Record]:
    return parse_file(FILES / "label_families.txt")


def test_about_nested_objective_as_of_and_labelled_places(families: list[Record]) -> None:
    rec = families[0]
    assert rec.summary == "Local governments in the Andean region receive advice on participatory budgeting."
    assert rec.objective == "To make local budgets more participatory and transparent."
    assert len(rec.key_accomplishments) == 3
    assert iso(rec.accomplishments_as_of) == "2011-06" and rec.accomplishments_to_date
    assert rec.partners_text.startswith("Ministry of Economy and Finance of Peru")
    assert ("European Union", "funding") in [(p.name, p.role) for p in rec.partners]
    assert budgets(rec) == [(Decimal("100000"), "USD", "yearly")]
    assert rec.lead_unit == "DPIDG" and rec.lead_unit_text == "UN DESA / DPIDG"
    assert rec.thematic_areas == ["Public Administration", "Local Governance"]
    assert rec.region == "Latin America and the Caribbean"
    assert rec.countries == ["PER", "BOL", "ECU"]
    assert ("countries", "inferred from text") not in flags(rec)
    assert rec.sdgs == [16, 17]
    assert rec.status == "Completed"


def test_dates_topic_country_targets_tranche(families: list[Record]) -> None:
    rec = families[1]
    assert (iso(rec.start), iso(rec.end)) == ("2010-09", "2010-09")
    assert budgets(rec) == [(Decimal("1850000"), "CHF", "total")]
    assert rec.thematic_areas == ["Governance statistics"]
    assert rec.countries == ["CIV"]
    assert rec.sdg_targets == ["16.6", "16.7"]
    assert rec.tranche == "12"
    assert rec.status is None  # no Status label: the loader derives one from the dates


def test_empty_list_value_is_flagged_and_yields_nothing_from_the_label(families: list[Record]) -> None:
    rec = families[2]
    assert ("countries", "label present but value empty") in flags(rec)
    assert ("countries", "inferred from text") in flags(rec)  # The Bahamas, from the objective


# --- the 2024 page format ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def page() -> Record:
    (rec,) = parse_file(FILES / "page_2024_crlf.txt")
    return rec


def test_page_narrative_first_then_labels(page: Record) -> None:
    assert page.title == "Strengthening Digital Government in Pacific Small Island States"
    assert not page.title_is_proposed
    assert page.summary.startswith("Implemented by UN DESA in partnership with ESCAP")
    assert page.summary.endswith("e-government readiness in the region.")
    assert page.objective.startswith("To strengthen the capacities")
    assert page.beneficiaries_direct.startswith("Direct beneficiaries include senior officials")
    assert page.beneficiaries_indirect.startswith("Indirect beneficiaries include citizens")
    assert (page.lead_unit, page.funding_source, page.tranche) == ("DPIDG", "DA Tranche 15 Account", "15")
    assert budgets(page) == [(Decimal("450000"), "USD", "total")]
    assert (iso(page.start), iso(page.end)) == ("2023-03", "2026-12")
    assert page.sdgs == [9, 16, 17] and page.thematic_areas == []  # "Thematic Area: SDG 9, ..." holds SDGs
    assert page.region == "Asia and the Pacific"
    assert page.countries == ["FJI", "WSM", "TON"]
    assert [(o.number, o.target_year) for o in page.outcomes] == [(1, 2025), (2, 2026)]


def test_page_events_and_resources_from_the_narrative(page: Record) -> None:
    rows = [(e.type, iso(e.start), e.country, e.participants) for e in page.activities]
    assert ("workshop", "2024-06-12", "FJI", 35) in rows
    assert [(r.type, r.title) for r in page.resources] == [("toolkit", "Digital Government Strategy Toolkit")]
    narrative = [s for s in page.spans if s.field in ("narrative", "background")]
    assert narrative and narrative[-1].end == len(decode_bytes((FILES / "page_2024_crlf.txt").read_bytes()))


def test_page_spans_keep_crlf(page: Record) -> None:
    text = decode_bytes((FILES / "page_2024_crlf.txt").read_bytes())
    assert "\r\n" in text
    assert "".join(text[s.start : s.end] for s in page.spans) == text
    fields = [s.field for s in page.spans]
    assert fields[:3] == ["title", "summary", "objective"]


# --- flags ---------------------------------------------------------------------------------------------------------
def test_flags_for_unknown_unit_empty_label_and_unparsed_date() -> None:
    rec = parse_text("Objective: To help.\nBudget:\nTime Frame: soon\nDivision: XQZB\n")[0]
    f = flags(rec)
    assert ("budget", "label present but value empty") in f
    assert ("time_frame", "unparsed date") in f
    assert ("lead_unit", "unknown unit") in f
    assert rec.lead_unit == "XQZB"  # the code as written, for a reviewer to confirm


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_planned_activities_inside_the_objective(newline: str) -> None:
    text = "Objective: To advise the Centre.\nThe following activities are envisaged:\n1. one;\n2. two;\n3. three.\n"
    rec = parse_text((text + "Division: DMB\n").replace("\n", newline))[0]
    assert rec.objective == "To advise the Centre."
    assert rec.planned_activities == ["one", "two", "three."]


def test_lead_in_of_expectations_is_kept_as_summary_not_counted() -> None:
    rec = parse_text("Main Expectations: Four areas are targeted in Peru:\n1. a\n2. b\n3. c\n4. d\nDivision: DMB\n")[0]
    assert rec.expected_accomplishments == ["a", "b", "c", "d"]
    assert rec.summary == "Four areas are targeted in Peru:"


def test_text_after_the_last_record_that_is_no_record_is_unparsed_not_lost() -> None:
    text = "Projects of the branch\nZAI/08/001: One\nObjective: To help.\nDivision: DMB\nObjective:\n"
    (rec,) = parse_text(text)
    assert rec.unparsed == ["Projects of the branch", "Objective:"]


# --- files that are no records ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, words",
    [
        ("empty.txt", "empty"),
        ("whitespace_only.txt", "empty"),
        ("binary.png", "binary"),
        ("binary_controls.bin", "binary"),
        ("no_record.txt", "no recognisable project record"),
        ("does_not_exist.txt", "cannot read"),
    ],
)
def test_bad_files(name: str, words: str) -> None:
    with pytest.raises(InputError) as info:
        parse_file(FILES / name)
    assert str(info.value).startswith(str(FILES / name) + ": ")
    assert words in str(info.value)


def test_no_record_in_text() -> None:
    with pytest.raises(InputError, match="^<input>: no recognisable project record$"):
        parse_text("Just prose.\n")


@pytest.mark.parametrize(
    "name", ["record_cp1252.txt", "record_utf8_bom.txt", "record_utf16le_bom.txt", "record_utf16be_bom.txt",
             "record_utf16le_nobom.txt"],
)
def test_encodings_parse_alike(name: str) -> None:
    def shape(path_name: str) -> dict:
        data = parse_file(FILES / path_name)[0].to_json()
        data.pop("source")
        data.pop("spans")
        return data

    got = shape(name)
    assert got == shape("record_utf8.txt")
    assert got["partners_text"] == "UNDP Côte d’Ivoire"
    assert got["budgets"] == [{"amount": 125000, "currency": "EUR", "kind": "total", "label": "",
                                  "period_start": None, "period_end": None}]


# --- the command ---------------------------------------------------------------------------------------------------
def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "capdev.narrative", *args], capture_output=True, text=True)


def test_cli_prints_json_records() -> None:
    out = _cli(str(FILES / "code_headers.txt"), str(FILES / "record_utf8.txt"))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [r["code"] for r in data][:2] == ["ZAI/08/001", "ROA 206-8"]
    assert len(data) == 7
    assert data[-1]["source"]["file"].endswith("record_utf8.txt")


@pytest.mark.parametrize("name", ["empty.txt", "binary.png", "no_record.txt"])
def test_cli_bad_input_exit_2_one_line(name: str) -> None:
    out = _cli(str(FILES / "code_headers.txt"), str(FILES / name))
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0]


def test_heading_label_with_numbered_items_is_not_flagged_empty() -> None:
    rec = parse_text("Objective: To help.\nExpected accomplishments\nEA 1: First.\nEA 2: Second.\nDivision: DMB\n")[0]
    assert rec.expected_accomplishments == ["First.", "Second."]
    assert all(f.reason != "label present but value empty" for f in rec.flags)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_breaks_do_not_change_values(newline: str) -> None:
    text = (FILES / "page_2024_crlf.txt").read_bytes().decode("utf-8").replace("\r\n", "\n")
    text += "".join(p.read_text(encoding="utf-8") for p in (FILES / "branch_variants.txt",
                                                            FILES / "label_families.txt"))

    def values(t: str) -> list[dict]:
        out = []
        for rec in parse_text(t):
            data = rec.to_json()
            data.pop("source"), data.pop("spans")
            out.append(data)
        return out

    assert values(text.replace("\n", newline)) == values(text)
