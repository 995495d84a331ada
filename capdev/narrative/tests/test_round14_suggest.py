"""Suggested values (round 14): for a field a record leaves empty once every rule has read it, the value its own text
makes likeliest, placed and FLAGGED with a reason that says it is suggested and from what (values/suggestions.py,
suggest_periods.py, suggest_sides.py, suggest_money.py). In English, French and Spanish; with the guards: two amounts
with nothing to choose, a law's date, a plan's or an earlier phase's period, a date being moved, a workshop's days,
a co-financing, a field a rule filled (untouched), a record with no value at all (nothing). The own sample
(files/round14/suggest, its gold.json) is scored as a whole too."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from capdev.narrative import parse_text
from capdev.narrative.tests._shared import only_record_in
from capdev.narrative.types import PartialDate, Partner, Record
from capdev.narrative.values.suggest_donors import suggest_donor
from capdev.narrative.values.suggest_money import suggest_budget
from capdev.narrative.values.suggest_periods import suggest_period, suggest_row_period
from capdev.narrative.values.suggest_sides import suggest_sides
from capdev.narrative.values.suggestions import head_code, suggest_missing

from ._shared import FILES

SAMPLE = FILES / "round14" / "suggest"
LATER = FILES / "round14" / "suggest_later"  # written after the code, scored without a change to it
ROOT = Path(__file__).resolve().parents[3]


_one = only_record_in


def _reasons(rec: Record, field: str) -> list[str]:
    return [f.reason for f in rec.flags if f.field == field and f.reason.startswith("suggested")]


# ---------------------------------------------------------------- the period, placed and flagged

@pytest.mark.parametrize("text,start,end", [
    ("Title: Civil Service Reform Support\nCode: KGZ-CSR-01\n"
     "Status: ongoing, on track. Implementation period Jan 2024 - Dec 2027.\nCounterparts: State Personnel Service\n",
     "2024-01", "2027-12"),
    ("Titre : Appui à la réforme des carrières\nCode : CMR-ARC-02\nPilotage : MINFOPRA\n"
     "Note : entré en vigueur en avril 2025, le programme court jusqu'en mars 2029.\n", "2025-04", "2029-03"),
    ("Título: Servicio Civil Meritocrático\nCódigo: PRY-SCM-08\nSocios: Secretaría de la Función Pública\n"
     "Observaciones: vigencia de marzo de 2025 a febrero de 2028, según la adenda firmada.\n", "2025-03", "2028-02"),
])
def test_a_period_the_record_states_is_suggested_and_flagged(text, start, end) -> None:
    rec = _one(text)
    assert (rec.start.iso(), rec.end.iso()) == (start, end)
    assert _reasons(rec, "time_frame") or _reasons(rec, "start") or _reasons(rec, "end")  # the sides suggested


@pytest.mark.parametrize("text,start,end", [
    ("\U0001f4c5 Enero de 2024 \u2192 diciembre de 2026", "2024-01", "2026-12"),
    ("dc.coverage.temporal          2025-01/2027-12", "2025-01", "2027-12"),
    ("It covers four countries, runs from July 2022 to June 2024 and has a total budget of USD 735,000.",
     "2022-07", "2024-06"),
    ("La mise en œuvre couvre la période d'octobre 2024 à septembre 2027.", "2024-10", "2027-09"),
    ("When: 2024 \u2192 2026", "2024", "2026"),
])
def test_the_period_reader_takes_a_range_long_enough_to_be_a_projects(text, start, end) -> None:
    found = suggest_period(text)
    assert found is not None and (found.start.iso(), found.end.iso()) == (start, end)
    assert found.reason.startswith("suggested: period")


@pytest.mark.parametrize("text,start,end", [
    ("Status: ongoing. Started April 2025.", "2025-04", None),
    ("Une seconde phase est en cours de formulation. Elle devrait démarrer en janvier 2027.", "2027-01", None),
    ("El proyecto arrancó en agosto de 2024 y concluirá en julio de 2027.", "2024-08", "2027-07"),
])
def test_a_single_date_after_a_word_of_beginning_or_ending_gives_that_side(text, start, end) -> None:
    found = suggest_sides(text)
    assert found is not None
    assert (found.start.iso() if found.start else None, found.end.iso() if found.end else None) == (start, end)


@pytest.mark.parametrize("text", [
    # a law's, a plan's, a strategy's, an earlier phase's period, a date being moved, a workshop's days
    "La loi n° 2019-12 du 3 avril 2019 portant code des collectivités territoriales a fixé le cadre.",
    "The work supports the National Development Plan 2019-2023 and the PFM Strategy 2021-2025.",
    "La primera fase (2019-2021) creó portales de transparencia en doce municipios.",
    "No-cost extension approved: end date moves from 31 Mar 2027 to 30 Sep 2027.",
    "Our team ran a three-day workshop on 12-14 June 2024 in Accra for 35 planners.",
    "Aprobar el Plan Operativo del Proyecto para el período abril 2026 - marzo 2027.",
    # two periods with nothing to choose between them
    "Work ran from January 2019 to June 2020, and again from March 2022 to May 2024.",
    # a bare range of years inside a sentence may be anything's
    "Revenue grew by a third over 2019-2023 in the capital.",
])
def test_no_period_is_suggested_from_another_things_dates(text) -> None:
    assert suggest_period(text) is None


@pytest.mark.parametrize("text", [
    "The project offers a 12-month fellowship starting in March 2022 to young civil servants.",  # a fellowship's
    "El proyecto ofrece una beca de 10 meses a partir de abril de 2022.",
    "The committee approved an extension of the call for project proposals until 30 June 2025.",  # a call's
    "La date limite des candidatures est fixée jusqu'au 15 mars 2025.",
])
def test_no_side_is_suggested_from_a_fellowships_or_a_calls_date(text) -> None:
    assert suggest_sides(text) is None


def test_two_different_starts_give_no_start() -> None:
    assert suggest_sides("The project started in March 2021. The project started again in May 2023.") is None


def test_a_period_a_rule_placed_is_untouched() -> None:
    rec = _one("Title: Statistical Capacity for Local Planning\nDuration: January 2022 - December 2024\n"
               "Budget: USD 300,000\nDonor: Government of Japan\n\nSummary: The project ran from February 2022 to "
               "November 2024 in Lao PDR.\n")
    assert (rec.start.iso(), rec.end.iso()) == ("2022-01", "2024-12")
    # (the status "ran from ... to ..." suggests is round 15's: values.suggest_status)
    assert not [f for f in rec.flags if f.reason.startswith("suggested") and f.field != "status"]


def test_two_dates_side_by_side_on_a_records_first_line_are_a_schedules_start_and_finish() -> None:
    found = suggest_row_period("1   [P] e-Procurement Capacity Building     01.04.2024  30.06.2026  587d    100% |\n"
                               "2     Inception & needs assessment            01.04.2024  31.07.2024  88d     100% |\n")
    assert found is not None and (found.start.iso(), found.end.iso()) == ("2024-04-01", "2026-06-30")
    # dates apart in words (signed, then paid), or a day's row: no period
    assert suggest_row_period("Signed 01.02.2024, paid 15.02.2024") is None
    assert suggest_row_period("3  Kick-off, Tirana   14.05.2024  14.05.2024  0d") is None


# ---------------------------------------------------------------- the code

@pytest.mark.parametrize("text,code", [
    ("FICHA 2                                                          CSS-SLV-2025-01\nTítulo: Escuela de Gobierno",
     "CSS-SLV-2025-01"),
    ("[card #174] Institutional capacity for policy integration in Caribbean SIDS - 2427F\nOwner: DPIDG", "2427F"),
    ("FICHE PROJET  NER-EC-10\nModernisation de l'état civil au Niger", "NER-EC-10"),
])
def test_the_one_code_shaped_token_on_a_records_head_is_suggested(text, code) -> None:
    assert head_code(text) == code


@pytest.mark.parametrize("text", [
    "Décret n° MTEF/2024-215 portant organisation du ministère\nTitre : Appui",  # an act's number
    "Resolución Ministerial N° 045-2026-PCM\nLima, 3 de marzo de 2026",
    "COVID-19 response in the Pacific\nPartners: WHO",  # a name written with a number
    "N/Réf. : DAES/DIPGN/2023/204\n\nMadame la Ministre,\nJ'ai l'honneur de vous informer",  # a letter's own
    "Under Grant Agreement No. GA-2022-118 signed with the Ministry of Finance",  # an agreement's number
    "Ref. BEN-12-004 and MLI-13-007\nTwo projects",  # two codes: split evidence
    "Title: Open budgets\nDate: 12/03/2025",  # a date
])
def test_no_code_is_suggested_from_an_acts_number_a_date_or_two_codes(text) -> None:
    assert head_code(text) is None


# ---------------------------------------------------------------- the budget

@pytest.mark.parametrize("text,amount,currency", [
    ("Title: Data Governance for Local Planning\nCode: LAO-DG-03\nPartners: National Statistics Bureau\n"
     "Notes: USD 640,000 were approved by the board in 2024.\n", "640000", "USD"),
    ("Titre : Modernisation de l'état civil\nCode : NER-EC-04\nPartenaires : Direction de l'état civil\n"
     "Remarques : 2 400 000 EUR approuvés par le comité en 2024.\n", "2400000", "EUR"),
    ("Título: Catastro Digital Rural\nCódigo: BOL-CDR-05\nSocios: Instituto Nacional de Reforma Agraria\n"
     "Observaciones: el proyecto cuenta con 1.500.000 EUR aprobados en 2024.\n", "1500000", "EUR"),
])
def test_the_only_amount_of_a_record_is_suggested_as_its_budget(text, amount, currency) -> None:
    rec = _one(text)
    assert [(m.amount, m.currency) for m in rec.budgets] == [(Decimal(amount), currency)]
    assert any("the only amount" in r for r in _reasons(rec, "budgets"))


def test_an_amount_beside_a_budget_word_is_suggested() -> None:
    found = suggest_budget("Two-page brief of the project, with a total budget of USD 450,000, supporting the "
                           "Cabinet Secretariat in aligning sectoral strategies with Vision 2050.")
    assert found is not None and [(m.amount, m.currency) for m in found[0]] == [(Decimal("450000"), "USD")]
    assert "budget word" in found[1]


@pytest.mark.parametrize("text", [
    "In its first year it spent USD 120,000 on courses and USD 95,000 on equipment.",  # two, nothing to choose
    "Le gouvernement apporte un cofinancement de 150 000 EUR en nature.",  # another owner's share
    "El PIB del país alcanzó 40.000 millones de USD en 2024.",  # a country's GDP
    "Le Réseau réunit les écoles nationales d'administration autour d'un programme commun.",  # no amount at all
])
def test_no_budget_is_suggested_when_the_evidence_is_split_or_anothers(text) -> None:
    assert suggest_budget(text) is None


def test_two_amounts_with_nothing_to_choose_leave_the_budget_empty() -> None:
    rec = _one("Title: Skills for Public Procurement\nCode: GHA-SPP-01\nPartners: Public Procurement Authority\n"
               "Notes: in its first year it spent USD 120,000 on courses and USD 95,000 on equipment.\n")
    assert rec.budgets == [] and not _reasons(rec, "budgets")


# ---------------------------------------------------------------- the donors

class _Steps:
    """What values.suggestions needs of an assembler: its record, and a way to add a partner."""

    def __init__(self, text: str, partners: list[Partner] | None = None) -> None:
        self.rec = Record(index=0, text=text, partners=list(partners or []))
        self.partner_texts: list[str] = []

    def add_partners(self, value: str, role: str) -> None:
        self.partner_texts.append(value)
        self.rec.partners.append(Partner(name=value, role=role, text=value))


@pytest.mark.parametrize("text,name", [
    ("The projects below, financed by the Government of Norway, belong to the governance window.",
     "Government of Norway"),
    ("Les projets ci-dessous, financés par la Coopération luxembourgeoise, relèvent du volet gouvernance.",
     "Coopération luxembourgeoise"),
    ("Los proyectos siguientes, financiados por la Agencia Española de Cooperación Internacional para el "
     "Desarrollo (AECID), forman parte del área de gobernanza.", "AECID"),
])
def test_a_funder_named_after_a_funding_word_is_suggested_as_donor(text, name) -> None:
    steps = _Steps(text)
    suggest_missing(steps)
    funders = [p.name for p in steps.rec.partners if p.role == "funding"]
    assert any(name in f for f in funders), funders
    assert _reasons(steps.rec, "funding_source")


@pytest.mark.parametrize("text,name", [
    ("I am pleased to confirm that the Government of Canada will fund the project.", "the Government of Canada"),
    ("| Paid by | Foreign, Commonwealth & Development Office |", "FCDO"),
    ("El Gobierno de Chile financia el proyecto en su totalidad.", "Gobierno de Chile"),
    ("Le projet, dont le bailleur est la Banque africaine de développement, démarre en 2025.", "AfDB"),
])
def test_the_one_known_body_beside_a_word_of_funding_is_suggested(text, name) -> None:
    assert suggest_donor(text) == name


@pytest.mark.parametrize("text", [
    "Funded by the EU and implemented by UNDP.",  # two bodies: split evidence
    "funded by the United Nations Development Account",  # a body's name inside a longer one
    "financé par le Programme ordinaire de coopération technique (RPTC)\ndes Nations Unies",
    "The Government of Canada hosted the meeting in Ottawa.",  # no word of funding
])
def test_no_donor_is_suggested_from_split_evidence_or_a_longer_name(text) -> None:
    assert suggest_donor(text) is None


def test_a_body_the_record_holds_in_another_role_is_not_its_funder() -> None:
    assert suggest_donor("Work funded with the help of UNDP.", {"undp"}) is None


def test_no_donor_is_suggested_where_a_rule_read_who_pays_and_declined() -> None:
    [rec] = parse_text("Title: Tax audit functions in coastal West Africa\n"
                       "Donor and countries: Government of Norway, Ghana and Togo\n")
    assert not rec.partners and not _reasons(rec, "funding_source")


def test_a_donor_a_rule_placed_is_untouched() -> None:
    steps = _Steps("Financed by the European Union.", [Partner(name="Government of Japan", role="funding")])
    suggest_missing(steps)
    assert [p.name for p in steps.rec.partners] == ["Government of Japan"]
    assert not steps.rec.flags


def test_a_record_with_no_value_at_all_gets_no_suggestion() -> None:
    steps = _Steps("Le réseau réunit les écoles nationales d'administration autour d'un programme commun de "
                   "formation des cadres. Les écoles échangent leurs modules et leurs formateurs.")
    suggest_missing(steps)
    rec = steps.rec
    assert (rec.start, rec.end, rec.budgets, rec.partners, rec.flags) == (None, None, [], [], [])


def test_a_suggested_period_is_consistent_with_a_side_a_rule_placed() -> None:
    steps = _Steps("The project runs from March 2025 to February 2028.")
    steps.rec.end = PartialDate(2027, 12)  # a rule read another end: the record says two things
    suggest_missing(steps)
    assert steps.rec.start is None and not _reasons(steps.rec, "time_frame")


def test_a_suggested_side_is_flagged_alone_so_the_side_a_rule_placed_stays_sure() -> None:
    steps = _Steps("The project runs from March 2025 to February 2028.")
    steps.rec.start = PartialDate(2025, 3)  # a rule read the start; the end is the text's suggestion
    suggest_missing(steps)
    assert steps.rec.end == PartialDate(2028, 2)
    assert _reasons(steps.rec, "end") and not _reasons(steps.rec, "start") and not _reasons(steps.rec, "time_frame")


# ---------------------------------------------------------------- the own sample, as a whole

def test_the_own_sample_scores_at_least_as_measured() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "narrative_accuracy.py"), str(SAMPLE)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("all"))
    right, wrong = int(line.split("right")[1].split()[0]), int(line.split("wrong")[1].split()[0])
    assert wrong == 0 and right >= 32, line
    assert json.loads((SAMPLE / "gold.json").read_text(encoding="utf-8"))["records"]


def test_the_sample_written_after_the_code_scores_as_measured() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "narrative_accuracy.py"), str(LATER)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("all"))
    right, wrong = int(line.split("right")[1].split()[0]), int(line.split("wrong")[1].split()[0])
    assert wrong == 0 and right >= 27, line
