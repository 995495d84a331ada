"""Round 13: record boundaries read by the structure of the text. A project's shares under its total are no records
(head_parts.py); rows with no header are a table of projects when every column says one thing (headless_rows.py);
a summary table over the same projects' details is no second record each (summary_tables.py); projects told in
paragraphs named by an apposition or by a name that opens with the word project (named_projects.apposed_name)."""
from __future__ import annotations

from capdev.narrative import parse_file, parse_text
from capdev.narrative.head_parts import are_shares, numbered_part
from capdev.narrative.labels import default_table
from capdev.narrative.named_projects import apposed_name, names_in
from capdev.narrative.structured.headless_rows import detect as headless
from capdev.narrative.tests._shared import FILES

DIR = FILES / "round13" / "records"


def _records(name: str):
    return parse_file(DIR / name)


# --- a project's shares under its total are no records (head_parts.py) ----------------------------------------------
def test_decisions_numbered_under_the_programme_stay_one_record_es():
    recs = _records("acta_acuerdos_es.txt")
    assert [(r.title, r.budgets[0].amount) for r in recs] == [
        ("Programa de Modernización de la Gestión Municipal", 2000000)]


def test_contracts_of_a_consultant_under_one_project_stay_one_record_en():
    recs = _records("cv_assignments_one_project_en.txt")
    assert len(recs) == 1 and recs[0].budgets[0].amount == 4800000


def test_budget_lines_coded_under_the_total_stay_one_record_es():
    recs = _records("presupuesto_por_partidas_es.txt")
    assert [(r.code, r.budgets[0].amount) for r in recs] == [("FSC-PRV-22", 760000)]
    assert recs[0].start.year == 2022 and recs[0].end.year == 2025


def test_logframe_activities_and_work_plan_outputs_join_their_project_fr():
    cadre = _records("cadre_logique_activites_fr.txt")
    assert [(r.code, r.budgets[0].amount) for r in cadre] == [("PAGFC-2023", 1450000)]
    plan = _records("plan_de_travail_produits_fr.txt")
    assert [(r.code, r.budgets[0].amount) for r in plan] == [("RCSR-2024-01", 2300000)]


def test_guard_minutes_with_numbered_decisions_stay_one_record_en():
    assert len(_records("minutes_numbered_decisions_en.txt")) == 1


def test_shares_need_the_currency_the_period_and_the_sum_of_the_head():
    head = "Programme X, 2022-2025, EUR 1,000,000."
    assert are_shares(head, ["A-1: EUR 300,000 (2023)", "A-2: EUR 400,000 (2024-2025)"])
    assert not are_shares(head, ["A-1: USD 300,000 (2023)", "A-2: USD 400,000 (2024)"])  # another currency
    assert not are_shares(head, ["A-1: EUR 300,000 (2019-2021)", "A-2: EUR 400,000 (2024)"])  # before the period
    assert not are_shares(head, ["A-1: EUR 600,000 (2023)", "A-2: EUR 700,000 (2024)"])  # more than the total
    assert not are_shares("Portfolio of the unit", ["A-1: EUR 600,000 (2023)", "A-2: EUR 700,000 (2024)"])


def test_numbered_parts_are_never_projects_by_their_number():
    for line in ("ACT-01  Former les agents", "Produit 1.2 – Comptes", "Partida PT-03 – Equipos", "D-02 The committee",
                 "2.1 Statisticiens"):
        assert numbered_part(line), line
    for line in ("Project 2", "Proyecto 3: Catastro", "Projet 1", "Court records digitisation", "2022-2025 plan"):
        assert not numbered_part(line), line


def test_guard_a_project_with_its_own_label_after_a_larger_one_stays_a_record():
    text = ("Title: Land registry reform\nPeriod: 2020-2026\nBudget: USD 2,000,000\n\n"
            "Title: Court records digitisation\nPeriod: 2021-2023\nBudget: USD 300,000\n")
    assert [r.title for r in parse_text(text)] == ["Land registry reform", "Court records digitisation"]


# --- rows with no header (structured/headless_rows.py) ----------------------------------------------------------------
def test_rows_with_no_header_each_a_project_es():
    recs = _records("filas_sin_encabezado_es.txt")
    assert [r.title for r in recs] == ["Gobierno digital municipal", "Catastro rural multipropósito",
                                       "Escuela de gobierno regional", "Control interno en salud"]
    assert recs[1].countries == ["PER"] and recs[1].budgets[0].amount == 1100000
    assert all(any(f.field == "record" for f in r.flags) for r in recs)


def test_guard_rows_of_events_or_of_budget_lines_are_no_projects():
    events = "Opening workshop\tAccra\t12 March 2024\t35\nClosing seminar\tKumasi\t4 June 2024\t40\n"
    lines = "Consultancies\tUSD 310,000\tyear 1\nTraining workshops\tUSD 150,000\tyear 2\n"
    for text in (events, lines):
        assert headless(text, 0, 100000, default_table()) is None


# --- a summary table over the details (structured/summary_tables.py) -------------------------------------------------
def test_summary_table_then_details_one_record_each_fr():
    recs = _records("tableau_puis_fiches_fr.txt")
    assert [r.code for r in recs] == ["JUS-101", "JUS-102"]
    assert recs[0].start.year == 2023 and recs[1].end.year == 2024
    assert "|" not in recs[0].title


def test_guard_notes_keyed_by_codes_leave_the_table_a_table_en():
    text = ("| Code | Project | Period | Budget |\n|---|---|---|---|\n"
            "| AB-101 | Court records digitisation | 2021-2023 | USD 300,000 |\n"
            "| AB-102 | Land registry reform | 2022-2025 | USD 500,000 |\n\nNotes\n"
            "1. AB-101: the training took place in Accra in May 2022;\n2. AB-102: inception mission in June 2022;\n")
    assert [r.code for r in parse_text(text)] == ["AB-101", "AB-102"]


# --- projects told in paragraphs (named_projects.apposed_name, repeated_facts) ----------------------------------------
def test_paragraphs_naming_projects_by_apposition_en():
    recs = _records("prose_three_projects_en.txt")
    assert len(recs) == 3 and recs[1].title == "Judicial Training Academy Support Programme"
    assert recs[1].countries == ["MWI"]


def test_quoted_mails_each_telling_a_project_es():
    recs = _records("correos_citados_es.txt")
    assert [r.title for r in recs] == ["Programa de Compras Públicas Sostenibles",
                                       "Proyecto de Gestión por Resultados en Gobiernos Locales"]


def test_guard_names_that_are_no_projects():
    assert apposed_name("Financé par le Programme des Nations Unies pour le Développement, en 2022.") is None
    assert apposed_name("con el Programa de las Naciones Unidas para el Desarrollo, desde 2021,") is None
    assert names_in("Within this project I held the following contracts:") == []


def test_an_award_notice_states_one_project_its_contract_a_share_en():
    recs = _records("award_notice_one_project_en.txt")
    assert [(r.code, r.budgets[0].amount) for r in recs] == [("7120-ZM", 30000000)]


def test_guard_a_second_card_with_a_period_of_its_own_stays_a_record_en():
    text = ("Land registry reform\nPeriod: 2020-2026\nBudget: USD 2,000,000\nCountry: Kenya\n\n"
            "Court records digitisation\nPeriod: 2021-2023\nBudget: USD 300,000\nCountry: Uganda\n")
    assert [r.countries for r in parse_text(text)] == [["KEN"], ["UGA"]]


# --- a table's row holds no label (segment_merge._rows_unlabelled) ---------------------------------------------------
def test_a_chronogram_table_under_the_project_is_no_record_fr():
    text = ("PROJET D'APPUI A LA REFORME FISCALE (PARF)\nDurée : janvier 2024 - décembre 2026\n"
            "Coût total : 2 000 000 EUR\nFinancement : Union européenne\n\n2. CHRONOGRAMME\n"
            "| Réf | Activité | T1 | T2 | État | Coût (EUR) |\n| 1.1 | Atelier de lancement | X | | R | 40 000 |\n"
            "| 1.2 | Formation des agents | | X | EC | 120 000 |\n")
    recs = parse_text(text)
    assert len(recs) == 1 and recs[0].code is None


# --- paragraphs that go on telling of "the project" (prose_records._told_again) ---------------------------------------
TALK = """Public Sector Innovation for Resilient Service Delivery

== Start date ==

The infobox says the project started in 2021. The project document was signed in November 2021 but the
project began in January 2022 and ends in December 2025.

== Budget ==

The lead says $1.2 million, the total of the "regional tranche" rather than the project. The project
budget was US$ 568,000, financed by the Development Account.

== Status ==

Should we say "completed" or "closed"? The project closed on 30 June 2026 after an extension.
"""


def test_sections_that_go_on_about_the_project_are_one_record_en():
    recs = parse_text(TALK)
    assert len(recs) == 1 and recs[0].end.year == 2026  # its end after the extension


def test_guard_paragraphs_each_naming_a_project_stay_records_en():
    assert len(_records("prose_three_projects_en.txt")) == 3


def test_sections_below_a_summary_are_one_record_each_with_their_rows_es():
    # A report's portfolio table, then a numbered section per project telling it in prose: the sections are the
    # records (the segmenter alone reads "2.2" and "2.3" as more of "2.1"); the row gives what a section does not
    # say; the report's own head and period are no record; a code a later section names again is the earlier one's.
    text = ("MINISTERIO DE HACIENDA\nMemoria de labores 2025\nPeríodo: 1 de enero al 31 de diciembre de 2025\n\n"
            "2. CARTERA DE COOPERACIÓN\n\n"
            "| No. | Proyecto                               | Socio  | Monto          | Estado      |\n"
            "|-----|----------------------------------------|--------|----------------|-------------|\n"
            "| 1   | Catastro fiscal de bienes inmuebles    | BID    | US$ 4.000.000  | En ejecución |\n"
            "| 2   | Factura electrónica para pequeñas empresas | GIZ | EUR 650.000    | Cerrado     |\n"
            "| 3   | Presupuesto abierto municipal          | PNUD   | US$ 300.000    | En diseño   |\n\n"
            "2.1 Catastro fiscal de bienes inmuebles (HN-CF-2023)\n"
            "Iniciado en marzo de 2023, actualiza el registro de 40 municipios con el apoyo del BID.\n\n"
            "2.2 Factura electrónica para pequeñas empresas\n"
            "Concluyó en junio de 2025; se capacitó a 300 contadores en Tegucigalpa y San Pedro Sula.\n\n"
            "2.3 Presupuesto abierto municipal\n"
            "En preparación con el PNUD; su arranque depende del cierre del proyecto HN-CF-2023.\n")
    recs = parse_text(text)
    assert [r.title for r in recs] == ["Catastro fiscal de bienes inmuebles",
                                       "Factura electrónica para pequeñas empresas", "Presupuesto abierto municipal"]
    assert [(r.budgets[0].amount, r.budgets[0].currency) for r in recs] == [
        (4000000, "USD"), (650000, "EUR"), (300000, "USD")]
    assert [r.code for r in recs] == ["HN-CF-2023", None, None]
    assert all(r.start is None or r.start.year != 2025 or r.start.month != 1 for r in recs)


def test_a_table_longer_than_a_summary_is_read_as_a_table():
    # Every row's project is looked for among the headings below it: beyond MAX_SUMMARY_ROWS rows the table is a
    # table of records, so that the search stays linear in the text.
    from capdev.narrative.structured.summary_tables import MAX_SUMMARY_ROWS

    n = MAX_SUMMARY_ROWS + 1
    rows = "".join(f"| PR-{k:03d} | Reform of service number {k} | USD {k},000 |\n" for k in range(1, n + 1))
    sections = "".join(f"Reform of service number {k}\nThe project trains staff.\n\n" for k in range(1, n + 1))
    text = "| Code | Project | Budget |\n|---|---|---|\n" + rows + "\n" + sections
    recs = parse_text(text)
    assert [r.code for r in recs[:n]] == [f"PR-{k:03d}" for k in range(1, n + 1)]
    assert not [f for r in recs for f in r.flags if "summary table" in f.reason]  # the table's rows, no sections
