"""Round 10, periods, status and budgets told in forms the parser had not met: a year placed only roughly ("from
mid-2021 to end 2024", "de mi-2021 à fin 2024", "desde mediados de 2021 hasta finales de 2024") read at a year's
precision, in sentences and under labels, in English, French and Spanish, with a guard that another thing's rough
period (a strategy's) is not the project's."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.types import PartialDate
from capdev.narrative.values.vague_dates import blank_vague_years

from ._shared import only_record

FILES = Path(__file__).parent / "files" / "round10" / "dates"


@pytest.mark.parametrize("name, start, end", [
    ("rough_years_prose_en.txt", 2021, 2024),
    ("rough_years_prose_fr.txt", 2021, 2024),
    ("rough_years_prose_es.txt", 2021, 2024),
    ("rough_years_label_en.txt", 2019, 2021),
    ("rough_years_label_es.txt", 2022, 2025),
    ("rough_years_card_fr.txt", 2020, 2023),
])
def test_rough_years_give_the_years(name, start, end):
    rec = only_record(FILES / name)
    assert (rec.start, rec.end) == (PartialDate(start), PartialDate(end))


def test_another_things_rough_period_is_not_the_projects():
    rec = only_record(FILES / "rough_years_guard_en.txt")
    assert (rec.start, rec.end) == (PartialDate(2022, 3), PartialDate(2025, 2))


@pytest.mark.parametrize("text, kept", [
    ("End 2024", "End 2024"),  # a label's word: kept for the rules that read labels
    ("the end of 2024 saw", "the end of 2024 saw"),
    ("from mid-2021 to end 2024", "from     2021 to     2024"),
])
def test_blanking_keeps_offsets_and_labels(text, kept):
    assert blank_vague_years(text) == kept


@pytest.mark.parametrize("name, end", [
    ("closed_verb_es.txt", PartialDate(2022, 11)),  # "se clausuró en noviembre de 2022"
    ("closed_verb_fr.txt", PartialDate(2021, 12)),  # "s'est clos en décembre 2021"
    ("closed_verb_en.txt", PartialDate(2022, 6)),  # "was closed out in June 2022"
])
def test_a_closing_verb_gives_the_end_and_status(name, end):
    rec = only_record(FILES / name)
    assert rec.end == end
    assert rec.status == "completed"
    assert any(f.field == "status" and "prose" in f.reason for f in rec.flags)  # told, flagged


def test_a_workshop_closed_is_not_the_project():
    rec = only_record(FILES / "closed_verb_guard_es.txt")  # "El taller regional se clausuró el 14 de junio de 2023"
    assert rec.end is None and rec.status is None


def _budget(rec):
    return [(float(m.amount), m.currency) for m in rec.budgets if m.kind == "total"]


@pytest.mark.parametrize("name, total", [
    ("envelope_press_en.txt", (1_200_000, "USD")),  # "a total envelope of USD 1.2 million"
    ("envelope_sheet_fr.txt", (900_000, "EUR")),  # "L'enveloppe financière du projet est de 900 000 euros, dont"
    ("envelope_minutes_es.txt", (2_300_000, "USD")),  # "un presupuesto global de 2,3 millones de dólares"
])
def test_a_total_named_in_other_words(name, total):
    rec = only_record(FILES / name)
    assert _budget(rec) == [total]
    assert any(f.field == "budgets" and "prose" in f.reason for f in rec.flags)


@pytest.mark.parametrize("name, total", [
    ("previous_phase_en.txt", [(1_100_000, "USD")]),  # not "The previous phase had a total budget of USD 500,000"
    ("previous_phase_fr.txt", [(1_500_000, "EUR")]),  # not "Le budget total de la phase précédente"
    ("previous_phase_guard_es.txt", []),  # "la fase anterior contó con un presupuesto total de": no budget of ours
])
def test_another_phases_total_is_not_the_budget(name, total):
    rec = only_record(FILES / name)
    assert _budget(rec) == total
    assert not any(f.field == "budgets" and "compete" in f.reason for f in rec.flags)


@pytest.mark.parametrize("name, start, end", [
    ("quarters_label_en.txt", 2022, 2025),  # "Implementation period: Q3 2022 – Q2 2025"
    ("quarters_label_fr.txt", 2022, 2025),  # "Calendrier : du T3 2022 au T2 2025"
    ("quarters_label_es.txt", 2022, 2025),  # a table's cell "del tercer trimestre de 2022 al segundo trimestre de 2025"
])
def test_quarter_to_quarter_gives_its_years(name, start, end):
    rec = only_record(FILES / name)
    assert (rec.start, rec.end) == (PartialDate(start), PartialDate(end))
    assert any(f.field == "time_frame" and "years only" in f.reason for f in rec.flags)


def test_fiscal_quarters_give_no_date():
    rec = only_record(FILES / "quarters_fiscal_guard_en.txt")  # "FY2023 Q1 – FY2025 Q4": months depend on the country
    assert (rec.start, rec.end) == (None, None)


@pytest.mark.parametrize("name, start, end", [
    ("title_years_en.txt", 2022, 2025),  # "Municipal Audit Modernisation Programme 2022–2025"
    ("title_years_fr.txt", 2022, 2026),  # "Programme d'appui à la réforme de la fonction publique 2022-2026"
    ("title_years_es.txt", 2021, 2024),  # "Programa de Gobierno Electrónico Municipal 2021-2024"
])
def test_the_years_a_title_ends_with(name, start, end):
    rec = only_record(FILES / name)
    assert (rec.start, rec.end) == (PartialDate(start), PartialDate(end))
    assert any(f.field == "time_frame" and "title" in f.reason for f in rec.flags)


@pytest.mark.parametrize("name", ["title_years_guard_en.txt", "title_years_guard_es.txt", "title_years_guard_fr.txt"])
def test_a_strategys_years_in_a_title_are_not_the_projects(name):
    rec = only_record(FILES / name)  # "Support to the National Anti-Corruption Strategy 2021–2025"
    assert (rec.start, rec.end) == (None, None)


@pytest.mark.parametrize("name, total", [
    ("component_budget_en.txt", []),  # "Component 2 (taxpayer services) has a budget of USD 400,000"
    ("component_budget_es.txt", []),  # "el componente de formación cuenta con un presupuesto de USD 250.000"
    ("component_budget_fr.txt", [(1_800_000, "EUR")]),  # "La composante 1 ... 300 000 euros, sur un coût total de"
])
def test_one_components_amount_is_not_the_budget(name, total):
    rec = only_record(FILES / name)
    assert _budget(rec) == total


@pytest.mark.parametrize("name", ["article_not_pronoun_es.txt", "article_plan_es.txt", "article_plan_fr.txt",
                                  "article_plan_en.txt"])
def test_a_period_said_of_another_noun_is_not_the_projects(name):
    # "El diplomado ... se desarrolla de marzo de 2023 a diciembre de 2023", "El plan de acción se ejecuta de 2021 a
    # 2025": "El" is the article of another noun, not the pronoun "él" standing for the project.
    rec = only_record(FILES / name)
    assert (rec.start, rec.end) == (None, None)


def test_a_spanish_pronoun_subject_still_gives_the_period():
    rec = only_record(FILES / "pronoun_subject_es.txt")  # "Este se ejecuta de marzo de 2022 a diciembre de 2024."
    assert (rec.start, rec.end) == (PartialDate(2022, 3), PartialDate(2024, 12))


@pytest.mark.parametrize("name, start, end", [
    ("month_dash_year_es.csv", PartialDate(2023, 4), PartialDate(2025, 12)),  # "abr-2023", "dic-2025" in a CSV
    ("month_dash_year_en.txt", PartialDate(2024, 9), PartialDate(2027, 8)),  # "Start: Sep-2024"
    ("month_dash_year_fr.txt", PartialDate(2023, 1), PartialDate(2025, 12)),  # "Début : janv.-2023"
])
def test_a_month_joined_to_its_year(name, start, end):
    rec = only_record(FILES / name)
    assert (rec.start, rec.end) == (start, end)
