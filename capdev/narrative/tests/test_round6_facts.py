"""A project's facts told in prose (round 6): code, start, end, status and budget as addenda, special conditions,
completion notes, written answers to parliament and committee minutes write them, in English, French and Spanish
(tests/files/round6/facts/). Each case says what must be read and what must NOT be: the original end an extension
replaced, an amount spent or a counterpart's share, a workshop's date, a quarter, a letter's own reference."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.values import prose, prose_amounts, prose_facts, prose_periods
from capdev.narrative.values.dates import parse_date
from capdev.narrative.values.money import parse_money

FILES = Path(__file__).parent / "files" / "round6" / "facts"


def _d(text):
    return parse_date(text) if text else None


# file, code, start, end, status, budget (amount, currency), values that must NOT be read (dates and amounts)
CASES = [
    ("addendum_en.txt", "KEN-4410", None, "2025-09-30", None, ("640000", "USD"), ["2025-03-31", "410000"]),
    ("addendum_fr.txt", "21/TGO/017", None, "2025-06-30", None, ("720000", "EUR"), ["2024-12-31", "95000"]),
    ("addendum_es.txt", "PE-22-SC-05", None, "2026-03-31", None, ("680000", "USD"), ["2025-09-30", "250000"]),
    ("conditions_en.txt", "GH/23/RPTC-02", "2023-02-14", None, None, ("1200000", "USD"), ["80000"]),
    ("conditions_fr.txt", "23/SEN/009", "2023-03-03", None, None, ("350000000", "XOF"), []),
    ("conditions_es.txt", "DA14-DES-03", "2022-05-02", None, None, ("2800000000", "COP"), ["2800000"]),
    ("completion_en.txt", "ROA-2231", "2020-07", "2023-03", "completed", ("480000", "USD"), []),
    ("completion_fr.txt", "BF/19/004", "2020-01", "2023-05-31", "completed", ("410000", "USD"), ["398000"]),
    ("completion_es.txt", "HN-20-CP-01", "2020-08", "2022-11", "completed", ("530000", "USD"), []),
    ("answer_en.txt", None, "2021", "2024", "active", ("2300000", "GBP"), []),
    ("answer_fr.txt", None, "2022", "2025", "active", ("1500000", "EUR"), []),
    ("answer_es.txt", None, "2021", "2024", "active", ("2500000", "USD"), []),
    ("minutes_en.txt", "MNG-0317", None, "2025-12", "active", None, ["2024-11-04"]),
    ("minutes_fr.txt", "20/MAR/011", None, "2025-03-31", "active", None, ["2024-01-22", "2024-01"]),
    ("minutes_es.txt", "GT-21-SC-02", None, "2025-06-30", "active", None, ["2024-04-02"]),
    # A paragraph after a project's paragraph that says when it closed.
    ("continuation_en.txt", "NEP/21/003", None, "2023-11", "completed", ("300000", "USD"), []),
    ("continuation_fr.txt", "TOG/21/002", None, "2023-11", "completed", ("300000", "USD"), []),
    ("continuation_es.txt", "PER/21/006", None, "2023-11", "completed", ("300000", "USD"), []),
    # A labelled record whose sentences extend its labelled end: the extension wins, a workshop's or a deadline's
    # later date never does.
    ("labelled_extension_en.txt", "MDA/21/007", "2021-04-01", "2025-06-30", "active", ("500000", "USD"),
     ["2024-12-31", "2025-09-15"]),
    ("labelled_extension_fr.txt", "MRT/20/012", "2020-03-01", "2024-03-31", "active", ("420000", "USD"),
     ["2023-12-31", "2024-05-20"]),
    ("labelled_extension_es.txt", "ECU/21/004", "2021-06-01", "2024-11-30", "active", ("390000", "USD"),
     ["2024-05-31", "2024-12-15"]),
]


@pytest.mark.parametrize("name,code,start,end,status,budget,never", CASES, ids=[c[0] for c in CASES])
def test_facts_told_in_prose(name, code, start, end, status, budget, never):
    records = parse_file(FILES / name)
    assert len(records) == 1, [r.title for r in records]
    rec = records[0]
    assert rec.code == code
    assert rec.start == _d(start)
    assert rec.end == _d(end)
    assert rec.status == status
    if budget is None:
        assert rec.budgets == []
    else:
        assert [(b.amount, b.currency) for b in rec.budgets] == [(Decimal(budget[0]), budget[1])]
    for wrong in never:
        assert all(b.amount != Decimal(wrong) for b in rec.budgets if wrong.isdigit())
        if not wrong.isdigit():
            assert _d(wrong) not in (rec.start, rec.end)


# ------------------------------------------------------------------------------------ the verbs of a period

@pytest.mark.parametrize("text,start,end", [
    ("The initiative, which started in May 2019, will run until June 2022.", "2019-05", "2022-06"),
    ("Le programme, démarré le 2 février 2021, se terminera en décembre 2023.", "2021-02-02", "2023-12"),
    ("El proyecto arrancó en enero de 2020 y culminará a finales de 2022.", "2020-01", "2022"),
])
def test_verbs_of_the_project_give_its_period(text, start, end):
    assert prose_periods.verb_dates(text) == (_d(start), _d(end))


@pytest.mark.parametrize("text,start,end", [
    ("Launched in March 2019, the project grew out of the Forum.", "2019-03", None),
    ("Lancé en janvier 2022 et prévu jusqu'en décembre 2023, ce programme appuie le Niger.", "2022-01", "2023-12"),
    ("Iniciado en mayo de 2021, el proyecto apoya a Honduras.", "2021-05", None),
    ("Forty planners met at a workshop held under a project of the Division, which started in March 2023.",
     "2023-03", None),
])
def test_an_opening_clause_or_a_relative_dates_the_project(text, start, end):
    assert prose_periods.verb_dates(text) == (_d(start), _d(end))


@pytest.mark.parametrize("text", [
    "Launched in March 2019, the platform serves 40 municipalities.",  # the platform's date
    "Lancée en avril 2022, la plateforme du projet compte 300 usagers.",
    "The training course began on 3 May 2023 under the project.",  # a course's date
    "The workshop planned under the project began on 4 November 2024.",
    "L'atelier du projet a démarré le 12 octobre 2022 à Dakar.",
    "La misión del proyecto comenzó el 5 de junio de 2023.",
    "The project began in the second quarter of 2022 and ends in Q4 2024.",  # quarters give no date
    "Le projet a démarré au premier semestre 2021.",
    "El proyecto se ejecutará hasta el ejercicio fiscal 2024.",
    "Expenditure closed in fiscal year 2023.",
    "A previous project had started in 2015 and ended in 2018.",  # the past recalled
])
def test_no_period_from_another_subject_or_a_quarter(text):
    assert prose_periods.verb_dates(text) == (None, None)


@pytest.mark.parametrize("text,end", [
    ("The original end date, 31 December 2024, was extended to 30 June 2025, then extended to 31 December 2025.",
     "2025-12-31"),
    ("La date de fin prévue, le 31 décembre 2024, est reportée au 30 juin 2025.", "2025-06-30"),
    ("El comité aprobó la prórroga hasta el 31 de marzo de 2026; la fecha original era el 30 de junio de 2025.",
     "2026-03-31"),
])
def test_the_latest_extension_wins(text, end):
    assert prose_facts.period_cues(text)[1] == _d(end)


@pytest.mark.parametrize("text", [
    "The workshop was postponed to 12 May 2024.",
    "The deadline for applications is extended to 15 March 2024.",
    "La date limite des candidatures est prorogée au 15 mars 2024.",
    "La fecha límite de inscripción se amplía hasta el 15 de marzo de 2024.",
])
def test_no_end_from_a_workshop_or_a_deadline(text):
    assert prose_facts.period_cues(text)[1] is None


@pytest.mark.parametrize("text,status", [
    ("The project will start in January 2025.", "planned"),
    ("Le projet démarrera au premier trimestre 2025.", "planned"),
    ("El proyecto iniciará en 2025.", "planned"),
    ("The project will start training officials in May.", None),  # what it will do, not that it has not begun
    ("Le projet s'est achevé le 31 mai 2023.", "completed"),
    ("Le comité a constaté que le projet est en cours.", "active"),
])
def test_status_told_in_words(text, status):
    assert prose_facts.read_status(text) == status


def test_a_workshop_verb_is_not_the_project_start_in_a_prose_paragraph():
    facts = prose.read_prose('Project ABC-1234, "Digital Courts", is funded by Ireland. The validation workshop '
                             "started on 4 March 2024 in Lilongwe.")
    assert facts.code == "ABC-1234"
    assert facts.start is None


# ---------------------------------------------------------------------------------------------- the budget

@pytest.mark.parametrize("text,amount,currency", [
    ("USD 300,000 has been spent to date out of a total budget of USD 1.2 million.", "1200000", "USD"),
    ("The counterpart contribution of USD 50,000 complements the grant of USD 400,000.", "400000", "USD"),
    ("Sur un budget total de 900 000 EUR, 610 000 EUR ont été décaissés.", "900000", "EUR"),
    ("Le coût total s'élève à 300 000 $ CA, dont 40 000 $ CA en nature.", "300000", "CAD"),
    ("El presupuesto ejecutado es de COP 1.100 millones, sobre un presupuesto total de COP 2.800 millones.",
     "2800000000", "COP"),
    ("El proyecto, con USD 275.000 y ejecutado por el Ministerio, apoya a Paraguay.", "275000", "USD"),
])
def test_the_total_not_what_is_spent_or_a_part(text, amount, currency):
    assert [(b.amount, b.currency) for b in prose_amounts.project_budget(text)] == [(Decimal(amount), currency)]


@pytest.mark.parametrize("text", [
    "Only USD 200,000 was spent in 2023.",
    "Les dépenses exécutées atteignent 150 000 EUR.",
    "De los cuales USD 90.000 fueron desembolsados.",
])
def test_no_budget_from_an_amount_spent(text):
    assert prose_amounts.project_budget(text) == []


@pytest.mark.parametrize("text,amount,currency", [
    ("COP 2.800 millones", "2800000000", "COP"),
    ("USD 680 mil", "680000", "USD"),
    ("980 k USD", "980000", "USD"),
    ("$1.2 million", "1200000", "USD"),
    ("300 000 $ CA", "300000", "CAD"),
    ("$ CA 1,2 million", "1200000", "CAD"),
    ("1.500 million USD", "1500000", "USD"),  # English: a decimal point before "million"
])
def test_amounts_as_written(text, amount, currency):
    assert [(m.amount, m.currency) for m in parse_money(text)] == [(Decimal(amount), currency)]


# ----------------------------------------------------------------------------------------------- the code

@pytest.mark.parametrize("text,code", [
    ("La convention (réf. 22/BEN/004) porte sur le projet « Archives ».", "22/BEN/004"),
    ("Under project ROA-2231 the Ministry trained 40 officials.", "ROA-2231"),
    ("El convenio (código DA14-DES-03) entró en vigor.", "DA14-DES-03"),
])
def test_code_by_its_cue(text, code):
    assert prose.read_prose(text).code == code


@pytest.mark.parametrize("text", [
    "Our ref. DESA/DPIDG/2023/45 - the project trained 40 officials.",
    "Notre réf. DAES/2023/117 : le projet a formé 40 agents.",
    "Nuestra ref. DAES-2024-08: el proyecto capacitó a 40 funcionarios.",
    "Project report A/77/183 of 2022, tel. +41 22 917 1234, dated 2023-03-27.",
])
def test_no_code_from_a_reference_a_symbol_a_phone_or_a_date(text):
    assert prose.read_prose(text).code is None
