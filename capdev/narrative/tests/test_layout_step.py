"""The layout step, the roles and the readers one at a time: what each finds, and what it must not take for a
label, a heading, a table, a funder or a second activity."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text
from capdev.narrative.labels import match_label
from capdev.narrative.layout import lay_out
from capdev.narrative.page_lines import match_chrome, match_heading
from capdev.narrative.values.compound import split_compound
from capdev.narrative.values.event_words import _Sentence
from capdev.narrative.values.funding import funder_named
from capdev.narrative.values.prose import is_project_paragraph, read_prose


@pytest.mark.parametrize("line, field, value", [
    ("Proposed Budget US$ 148,000", "budget", "US$ 148,000"),
    ("Status Closed", "status", "Closed"),
    ("Project Code 1819K", "code", "1819K"),
    ("Time frame January 2019 - December 2021", "time_frame", "January 2019 - December 2021"),
    ("BUDGET - EUR 240,000", "budget", "EUR 240,000"),
    ("Budget\u2014US$ 500,000", "budget", "US$ 500,000"),
    ("Budget\tUSD 5,000", "budget", "USD 5,000"),
    ("Budget  USD 5,000", "budget", "USD 5,000"),
    ("Code .......... 2023X", "code", "2023X"),
    ("| **Project code** | 2225S |", "code", "2225S |"),
    ("Région(s) : Océanie", "region", "Océanie"),
    ("PRESUPUESTO: USD 1.250.000", "budget", "USD 1.250.000"),
    ("Bailleurs de fonds : Union européenne", "partners", "Union européenne"),
    ("Proj. code:\tMUS/21/003", "code", "MUS/21/003"),
    ("• Dur.: 24 months", "time_frame", "24 months"),
    ("3. Maître d'ouvrage : Ministère", "partners", "Ministère"),
    ("Funded by the Government of Norway", "partners", "the Government of Norway"),
    ("Budget (USD): 500,000", "budget", "500,000"),
    ("Title/basic act/CRIS number: Support to X", "title", "Support to X"),
])
def test_labels_however_they_are_separated(line: str, field: str, value: str) -> None:
    m = match_label(line)
    assert m is not None and m.field == field, line
    assert line[m.value_start:] == value


@pytest.mark.parametrize("line", [
    "Budget 2020 was approved by the board.",
    "Status of women in the civil service improved.",
    "Partners in the region agreed to share data.",
    "Funded by it, the programme grew.",
    "Project management was strengthened through training.",
    "Code of conduct workshops were held in Lusaka.",
    "Coun.: Kenya",  # Countries or Counterparts: no abbreviation of either
    "Period of reflection",
])
def test_prose_is_no_label(line: str) -> None:
    assert match_label(line) is None


def test_several_labels_on_one_line_cut_it_into_pieces_that_cover_it() -> None:
    text = "Code: 2122M   Time frame: March 2021 - February 2023   Budget: USD 420,000   Funding: XB\n"
    lines = lay_out(text)
    assert [ln.label.field for ln in lines] == ["code", "time_frame", "budget", "funding_source"]
    assert "".join(text[ln.start : ln.stop] for ln in lines) == text
    # A value's words that are no label stay in it ("Funding: Development Account").
    assert [ln.label.field for ln in lay_out("Funding: Development Account Budget overview\n")] == ["funding_source"]


@pytest.mark.parametrize("line", ["PROJECT SUMMARY", "Fiche de projet", "FICHA DEL PROYECTO", "Project details:",
                                  "FICHE D'IDENTIFICATION DU PROJET"])
def test_headings(line: str) -> None:
    assert match_heading(line)


@pytest.mark.parametrize("line", ["Project management", "The project", "Summary of the workshop held in Dakar"])
def test_not_headings(line: str) -> None:
    assert not match_heading(line)


@pytest.mark.parametrize("line", ["Skip to main content", "Home > Projects > 14th Tranche > 2023Q",
                                  "Accueil › Nos actions › Gouvernance", "Contact us | Privacy notice | Terms of use",
                                  "Partager : Facebook | X | LinkedIn", "Facebook  X  LinkedIn", "Compartir | Imprimir",
                                  "Copyright United Nations", "-----", "| --- | --- |"])
def test_page_chrome(line: str) -> None:
    assert match_chrome(line)


@pytest.mark.parametrize("line", ["Strengthening Public Debt Management > Phase II of the programme, 2019.",
                                  "The project trained 40 officials | see annex 2 for the list of 120 names.",
                                  "Contact: Ms. A. Person"])
def test_not_page_chrome(line: str) -> None:
    assert not match_chrome(line)


@pytest.mark.parametrize("value, funder", [
    ("Financé par le Gouvernement du Canada", "le Gouvernement du Canada"),
    ("Funded by Norway", "Norway"),
    ("Government of Japan", "Government of Japan"),
    ("Financiado por la AECID", "la AECID"),
    ("European Union", "European Union"),
    ("XBTC", None),
    ("Development Account", None),
    ("Government of Japan Trust Fund", None),  # a fund, named after its donor
    ("Fondos extrapresupuestarios (XB)", None),
])
def test_a_funding_value_names_a_source_or_a_funder(value: str, funder: str | None) -> None:
    assert funder_named(value) == funder


def test_a_donor_government_is_a_funding_partner_never_a_country_served() -> None:
    record = parse_text("Title: Civil service reform\nDonor(s): Government of Norway\nFunding: Government of Japan\n"
                        "Objective: To support the civil service of Nepal, with funding from Norway and Japan.\n")[0]
    assert {p.name for p in record.partners if p.role == "funding"} == {"Government of Norway", "Government of Japan"}
    assert "NOR" not in record.countries and "JPN" not in record.countries
    assert record.funding_source is None


def _parts(text: str) -> list[str]:
    return [s.text for s in split_compound(_Sentence(0, len(text), text))]


def test_two_activities_in_one_sentence_are_read_apart_each_with_its_count() -> None:
    parts = _parts("In March 2021, a national workshop in Lusaka and an online training were held, "
                   "with 35 and 120 participants respectively.")
    assert len(parts) == 2 and "35 participants" in parts[0] and "120 participants" in parts[1]
    assert "March 2021" in parts[1]  # the date they share


@pytest.mark.parametrize("text", [
    "The workshop and the meeting's conclusions were shared with the ministry.",  # one activity, no anchor each
    "A workshop on planning was held in May 2021 for 30 officials.",
    "Participants discussed the report and its recommendations.",
])
def test_one_activity_is_not_cut(text: str) -> None:
    assert len(_parts(text)) == 1


def test_prose_paragraph_facts() -> None:
    text = ('In Ghana, project GHA/20/002, "Institutional Support to the Office of the Head of the Civil Service", '
            "ran from September 2020 to August 2022 with a budget of US$ 265,000 funded by the Regular Programme of "
            "Technical Cooperation (RPTC). Implemented by DPIDG in partnership with UNDP Ghana and the Civil Service "
            "Training Centre, it delivered a new performance framework.")
    facts = read_prose(text)
    assert (facts.code, facts.start.iso(), facts.end.iso()) == ("GHA/20/002", "2020-09", "2022-08")
    assert facts.title == "Institutional Support to the Office of the Head of the Civil Service"
    assert facts.funding_source == "Regular Programme of Technical Cooperation (RPTC)"
    assert facts.lead_unit == "DPIDG" and facts.partners == ["UNDP Ghana and the Civil Service Training Centre"]
    assert is_project_paragraph(text)
    assert not is_project_paragraph("The Division also held a retreat in 2021 to plan its work.")


def test_recalled_history_is_kept_marked_and_flagged() -> None:
    record = parse_text("Title: Forum support\nTime Frame: January 2019 - December 2020\n"
                        "Background: The Forum met in Athens, Greece, from 30 October to 2 November 2006 and in "
                        "Rio de Janeiro, Brazil, from 12 to 15 November 2007.\n"
                        "Key Accomplishments: The annual meeting was held in Berlin, Germany, in November 2019.\n")[0]
    rows = [(e.start.iso()[:7], e.country, e.recalled) for e in record.activities]
    assert rows == [("2006-10", "GRC", True), ("2007-11", "BRA", True), ("2019-11", "DEU", False)]
    assert sum("kept as history" in f.reason for f in record.flags) == 2


def test_text_placed_by_no_rule_is_flagged() -> None:
    record = parse_text("Title: X\nBudget: USD 5,000\nThe weather was fine that year.\n")[0]
    assert record.background == "The weather was fine that year."
    assert any(f.field == "background" and "placed by no rule" in f.reason for f in record.flags)


def test_contact_details_reach_no_field() -> None:
    record = parse_text("Title: X\nBudget: USD 5,000\nContact person: Ms. A. Person, a.person@example.org\n")[0]
    assert "Person" not in record.to_json()["background"] + record.summary + record.objective
    assert any(f.field == "contact" for f in record.flags)
