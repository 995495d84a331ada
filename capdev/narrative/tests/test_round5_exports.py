"""Portfolios written as data (issue #16, round 5): CSV, semicolon and tab-separated exports, Markdown and pipe
tables, fixed-width listings, transposed tables, YAML- and JSON-like lists and "key = value" blocks, one record per
project, each cell read through the label table and the value parsers; in English, French and Spanish, with column
names and orders of their own (tests/files/round5/exports)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capdev.narrative import InputError, LimitExceeded, parse_file, parse_text
from capdev.narrative.structured import find_table
from capdev.narrative.structured.cells import column_label

EXPORTS = Path(__file__).parent / "files" / "round5" / "exports"

# file -> per project: code, title, countries, funders, budget, start, end, status
EXPECTED = {
    "csv_en_export.txt": [
        ("2140R", "Gender-responsive budgeting in local governments, phase II", ["ETH", "MWI"],
         ["Government of Canada"], (512000, "USD"), "2021-04-01", "2023-09-30", "Completed"),
        ("2287M", "Open data portals for national statistics offices", [], ["Government of Germany"],
         (275000, "USD"), "2022-10-01", "2025-03-31", "Ongoing"),
        ("2315T", "Citizen feedback in health services", ["KHM"], ["Republic of Korea"], (190500, "USD"),
         "2023-01-15", None, "Planned"),
    ],
    "semicolon_es_export.txt": [
        ("BOL/21/003", "Carrera administrativa y meritocracia en Bolivia", ["BOL"], ["Gobierno de Suiza"],
         (845000, "CHF"), "2021-06-01", "2024-05-31", "En ejecución"),
        ("ECU/19/010", "Compras públicas electrónicas", ["ECU", "PER"], ["World Bank"], (1200000, "USD"),
         "2019-01-15", "2021-12-31", "Finalizado"),
        ("PER/24/001", "Gestión del riesgo de desastres en municipios andinos", [], ["Gobierno de Noruega"],
         (300000, "USD"), "2024-04-01", None, "Previsto"),
    ],
    "tsv_fr_tableur.txt": [
        ("MDG/20/007", "Dématérialisation de l'état civil", ["MDG"], ["Agence Française de Développement"],
         (1250000, "EUR"), "2020-02-01", "2023-01-31", "Clôturé"),
        ("CMR/22/002", "Formation continue des magistrats", ["CMR", "TCD"], ["Gouvernement de la Belgique"],
         (480000, "EUR"), "2022-09-01", "2025-08-31", "En cours"),
        ("HTI/23/014", "Budget participatif communal", ["HTI"], ["European Union"], (330000, "EUR"),
         "2023-03-01", None, "Prévu"),
    ],
    "pipe_es_tabla.txt": [
        ("CRI/21/008", "Simplificación de trámites para pequeñas empresas", ["CRI"], ["Gobierno de España"],
         (560000, "EUR"), "2021-03", "2024-02", "Finalizado"),
        ("PAN/22/011", "Auditoría ciudadana del gasto público", ["PAN", "CRI"], ["European Union"],
         (710000, "EUR"), "2022-07", "2025-06", "En ejecución"),
    ],
    "pipe_en_in_report.txt": [
        ("2219B", "E-procurement readiness assessments", ["BTN", "NPL"], [], (95000, "USD"), None, None, None),
        ("2301Q", "Strengthening audit institutions in Africa", ["GHA", "ZMB"], [], (610000, "USD"), None, None,
         None),
    ],
    "fixed_width_en_listing.txt": [
        ("2231K", "Open contracting for municipal procurement", ["GHA", "KEN"], ["Government of Norway"],
         (480000, "USD"), "2022-02", "2024-07", None),
        ("2318P", "Civil registration data for policy planning", ["VNM"], ["Republic of Korea"], (305500, "USD"),
         "2023-01", "2025-12", None),
        ("2402A", "Digital skills for public servants", ["WSM", "TON"], ["European Union"], (150000, "USD"),
         "2024-04", "2026-03", None),
    ],
    "fixed_width_fr_liste.txt": [
        ("NER/21/005", "Gestion axée sur les résultats au Niger", ["NER"], ["Gouvernement du Danemark"],
         (720000, "EUR"), None, None, "En cours"),
        ("MLI/22/009", "Appui à la fonction publique locale", ["MLI", "BFA"], ["World Bank"], (415500, "EUR"),
         None, None, "En cours"),
        ("TGO/23/001", "Archivage numérique des actes administratifs", ["TGO"], ["Royaume des Pays-Bas"],
         (198000, "EUR"), None, None, "Prévu"),
    ],
    "fixed_width_es_listado.txt": [
        ("GTM/20/014", "Fortalecimiento del servicio civil guatemalteco", None, ["Gobierno de Alemania"],
         (385000, "USD"), "2020-02-01", "2023-01-31", "Finalizado"),
        ("SLV/22/006", "Datos abiertos para la transparencia", None, ["European Union"], (240000, "USD"),
         "2022-07-01", "2025-06-30", "En ejecución"),
        ("DOM/23/003", "Ventanilla única de servicios municipales", None, ["Gobierno de Corea"], (155000, "USD"),
         "2023-03-01", None, "Previsto"),
    ],
    "transposed_en_tabs.txt": [
        ("2106F", "Civil service pay reform", ["LBR"], ["Government of Sweden"], (350000, "USD"), "2021-06",
         "2023-05", "Closed"),
        ("2209W", "Digital identity for social protection", ["TGO", "BEN"], ["Government of France"],
         (410000, "USD"), "2022-09", "2024-08", "Ongoing"),
        ("2320D", "Local revenue mobilisation", ["SLE"], ["Government of the United Kingdom"], (275000, "USD"),
         "2023-11", None, "Planned"),
    ],
    "transposed_fr_csv.txt": [
        ("RWA/20/011", "Gouvernance électronique des collectivités", ["RWA"], ["Gouvernement du Japon"],
         (300000, "USD"), "2020-01-01", "2022-12-31", "Clôturé"),
        ("BDI/22/004", "Statistiques de l'état civil", ["BDI"], ["European Union"], (1400000, "EUR"),
         "2022-05-01", "2025-04-30", "En cours"),
    ],
    "transposed_es_fichas.txt": [
        ("GTM/21/006", "Transparencia presupuestaria municipal", ["GTM"], ["Gobierno de Suecia"], (410000, "USD"),
         "2021-09-01", "2023-08-31", "Finalizado"),
        ("HND/22/013", "Servicio civil de carrera en Honduras", ["HND", "SLV"],
         ["Spanish Agency for International Development Cooperation"], (275500, "USD"), "2022-02-15", None,
         "En ejecución"),
    ],
    "yaml_fr_projets.yaml.txt": [
        ("BEN/22/004", "Modernisation de la gestion des archives publiques", ["BEN", "TGO"],
         ["Swiss Agency for Development and Cooperation"], (640000, "EUR"), "2022-03-01", "2024-12-31", "En cours"),
        ("SEN/23/011", "Éthique et intégrité dans la fonction publique territoriale", [],
         ["Gouvernement du Luxembourg"], (215000, "EUR"), "2023-06-15", None, "Prévu"),
    ],
    "yaml_en_json.txt": [
        ("2112V", "Policy coherence for the 2030 Agenda in small island States", ["FJI", "VUT", "TUV"],
         ["Government of New Zealand"], (430000, "USD"), "2021-02-01", "2023-12-31", "Completed"),
        ("2247L", "Public sector innovation labs", [], ["Government of Italy"], (260000, "USD"), "2022-11-01", None,
         "Ongoing"),
    ],
    "yaml_es_lista.txt": [
        ("HND/21/004", "Ética pública en los gobiernos locales", ["HND", "NIC"], ["Gobierno de Canadá"],
         (520000, "USD"), "2021-08-01", "2024-07-31", "En ejecución"),
        ("CUB/22/002", "Modernización de registros públicos", ["CUB"], ["European Union"], (1100000, "EUR"), None,
         None, "Finalizado"),
    ],
    "keyvalue_es_bloques.txt": [
        ("PRY/20/002", "Gobierno abierto y datos municipales en Paraguay", ["PRY"], ["European Union"],
         (390000, "EUR"), "2020-03-01", "2022-02-28", "Finalizado"),
        ("URY/23/005", "Evaluación de políticas públicas basada en evidencia", [],
         ["Inter-American Development Bank"], (120000, "USD"), None, None, "En ejecución"),
    ],
    "keyvalue_en_repeat.txt": [
        ("2205H", "Results-based budgeting for line ministries", ["UGA", "RWA"], ["Government of Ireland"],
         (260000, "USD"), "2022-05", "2024-04", None),
        ("2311C", "Integrity risk assessment in customs administrations", ["JOR"], ["Government of Japan"],
         (198000, "USD"), None, None, "Ongoing"),
    ],
}

# Donor governments whose country must never be read as a country served.
DONOR_COUNTRIES = {"CAN", "DEU", "KOR", "CHE", "NOR", "BEL", "ESP", "SWE", "FRA", "GBR", "JPN", "NZL", "ITA", "IRL",
                   "DNK", "NLD", "LUX"}


def _check_partition(text: str, records: list) -> None:
    """Nothing lost: the records' spans cover the text, every character once, in order."""
    spans = [s for r in records for s in r.spans]
    assert "".join(text[s.start : s.end] for s in spans) == text
    pos = 0
    for s in spans:
        assert s.start == pos and s.end > s.start, (s, pos)
        pos = s.end
    assert pos == len(text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_project_of_an_export_is_one_record(name: str) -> None:
    text = (EXPORTS / name).read_text(encoding="utf-8")
    records = parse_text(text)
    _check_partition(text, records)
    assert len(records) == len(EXPECTED[name])
    for rec, (code, title, countries, funders, budget, start, end, status) in zip(records, EXPECTED[name]):
        assert rec.code == code
        assert rec.title == title
        if countries is not None:
            assert rec.countries == countries
        assert not set(rec.countries) & DONOR_COUNTRIES, rec.countries
        funding = [p.name for p in rec.partners if p.role == "funding"]
        assert funding == funders
        assert [(int(b.amount), b.currency) for b in rec.budgets] == [budget]
        assert (rec.start.iso() if rec.start else None, rec.end.iso() if rec.end else None) == (start, end)
        assert rec.status == status


def test_a_donor_column_gives_funders_never_countries_served() -> None:
    """"Donor"/"Bailleur"/"Donante" cells are funding partners, in each language."""
    for name, donor in [("csv_en_export.txt", "Government of Canada"),
                        ("tsv_fr_tableur.txt", "Gouvernement de la Belgique"),
                        ("semicolon_es_export.txt", "Gobierno de Suiza")]:
        recs = parse_file(EXPORTS / name)
        assert any(p.name == donor and p.role == "funding" for r in recs for p in r.partners), name
        assert not any(p.name == donor and p.role != "funding" for r in recs for p in r.partners), name


def test_an_empty_countries_cell_gives_no_country_even_when_the_summary_names_one() -> None:
    """2287M's countries cell is empty; its other cells name no country either: []. The countries column says it."""
    text = (EXPORTS / "csv_en_export.txt").read_text(encoding="utf-8").replace(
        "Regional project, no single country.", "Builds on an earlier pilot in Kenya.")
    rec = parse_text(text)[1]
    assert rec.code == "2287M" and rec.countries == []


def test_a_column_that_is_no_label_is_kept_and_flagged() -> None:
    first = parse_file(EXPORTS / "csv_en_export.txt")[0]
    assert any("Internal ref" in f.reason for f in first.flags)
    assert "AX-12," in first.unparsed
    assert "AX-12" not in (first.code or "")


def test_a_quoted_cell_keeps_its_commas_quotes_and_line_breaks() -> None:
    first = parse_file(EXPORTS / "csv_en_export.txt")[0]
    assert first.title == "Gender-responsive budgeting in local governments, phase II"
    assert 'with "peer reviews"' in first.summary
    assert "Trained budget officers" in first.summary


def test_a_wrapped_row_goes_on_the_project_above() -> None:
    """Pipe and fixed-width rows whose code cell is empty continue the title above: no extra record."""
    assert parse_file(EXPORTS / "pipe_es_tabla.txt")[0].title == "Simplificación de trámites para pequeñas empresas"
    assert parse_file(EXPORTS / "fixed_width_en_listing.txt")[1].title == \
        "Civil registration data for policy planning"


def test_text_around_a_table_stays_unplaced_with_the_table_s_records() -> None:
    first, last = parse_file(EXPORTS / "pipe_en_in_report.txt")
    assert any("Annual Report 2023" in u for u in first.unparsed)
    assert any(u.startswith("Note: budgets are as approved") for u in last.unparsed)
    assert first.lead_unit == "DPIDG" and first.funding_source == "RPTC" and first.sdgs == [16]
    assert last.sdgs == [16, 17]


def test_a_labelled_record_after_a_table_is_read_as_usual() -> None:
    text = (EXPORTS / "pipe_en_in_report.txt").read_text(encoding="utf-8") + (
        "\nProject Code: 2405K\nTitle: Records management for courts\nCountries: Malawi\nBudget: USD 80,000\n")
    records = parse_text(text)
    assert [r.code for r in records] == ["2219B", "2301Q", "2405K"]
    assert records[2].countries == ["MWI"]
    _check_partition(text, records)


def test_a_transposed_table_keeps_its_spans_in_its_first_record() -> None:
    first, second, third = parse_file(EXPORTS / "transposed_en_tabs.txt")
    assert first.spans and not second.spans and not third.spans
    assert {s.field for s in first.spans} >= {"code", "title", "other_record", "heading"}


@pytest.mark.parametrize("name, currency", [("Budget (US$)", "US$"), ("budget_usd", "usd"), ("Montant en EUR", "EUR"),
                                            ("Presupuesto USD", "USD")])
def test_a_budget_column_may_name_its_currency(name: str, currency: str) -> None:
    lab = column_label(name.replace("_", " "))
    assert lab is not None and lab.field == "budget" and lab.aside == currency


@pytest.mark.parametrize("name, field", [("Donor(s)", "partners"), ("Bailleur de fonds", "partners"),
                                         ("Donante", "partners"), ("Code projet", "code"),
                                         ("Fecha inicio", "time_frame"), ("Date début", "time_frame"),
                                         ("Pays bénéficiaires", "countries"),
                                         ("Devise", "currency"), ("Moneda", "currency"), ("Year", None),
                                         ("Budget line 2", None)])
def test_column_names_are_labels_of_the_label_table(name: str, field: str | None) -> None:
    lab = column_label(name)
    assert (lab.field if lab else None) == field


@pytest.mark.parametrize("text", [
    # A record's labels and values set out in two columns, a bulleted list of facts, an activity table.
    "Project Code    1920Z            Status         Completed\nStart Date      1 March 2019     End Date  2021\n",
    "- Code: 2122M\n- Title: A project\n- Budget: USD 1\n",
    "| Date | Activity | Venue | Participants |\n|---|---|---|---|\n| 3 May 2021 | Workshop | Accra | 25 |\n",
    "Code | 2122M\nTitle | A project\nBudget | USD 420,000\n",
])
def test_a_record_s_own_labels_are_no_export(text: str) -> None:
    assert find_table(text, 0, 10_000) is None


def test_an_unclosed_quote_ends_the_table_and_the_rest_is_kept() -> None:
    text = 'Code,Title,Country\n2101A,First,Ghana\n2102B,"Second,Kenya\nmore text without a closing quote\n'
    records = parse_text(text)
    assert records[0].code == "2101A" and records[0].countries == ["GHA"]
    _check_partition(text, records)


def test_a_row_longer_than_a_record_is_refused_saying_where() -> None:
    from capdev.narrative import iter_records

    text = "Code;Title;Countries\n2101A;First;Ghana\n2102B;" + "x" * 5000 + ";Kenya\n"
    with pytest.raises(LimitExceeded):
        list(iter_records([text], "export.csv", max_record=1000))


@pytest.mark.parametrize("name, expected", [
    ("keyed_events_fr.txt", {"GIN/22/003": [("2023-06-06", "GIN", 31)], "SEN/21/010": [("2023-03-14", "SEN", 46)]}),
    ("keyed_events_es.txt", {"COL/22/004": [("2023-09-12", "COL", 38)], "CHL/23/002": [("2023-10-05", None, 120)]}),
])
def test_an_activity_table_keyed_by_code_gives_each_project_its_events(name: str, expected: dict) -> None:
    """The rows of an events table below a table of projects go to the project whose code they name; the events
    table is no record of its own."""
    text = (EXPORTS / name).read_text(encoding="utf-8")
    records = parse_text(text)
    _check_partition(text, records)
    assert sorted(r.code for r in records) == sorted(expected)
    for rec in records:
        got = [(e.start.iso(), e.country, e.participants) for e in rec.activities]
        assert got == expected[rec.code]


def test_an_activity_table_naming_an_unknown_code_stays_a_table_of_its_own() -> None:
    text = (EXPORTS / "keyed_events_fr.txt").read_text(encoding="utf-8").replace(
        "| GIN/22/003 | Séminaire", "| MLI/20/001 | Séminaire")
    records = parse_text(text)
    assert len(records) == 3 and not records[0].activities
    _check_partition(text, records)


def test_a_date_with_month_zero_in_a_cell_is_no_date_and_no_crash() -> None:
    text = "Code;Titre;Pays;Date de début\nBFA/20/001;Projet;Burkina Faso;01/0/2020\nBFA/20/002;Autre;Mali;01/02/2021\n"
    first, second = parse_text(text)
    assert first.start is None and second.start.iso() == "2021-02-01"


_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(EXPORTS.glob("*.txt"))]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_TEXTS), st.lists(st.tuples(st.floats(0, 1), st.sampled_from(
    ['"', "\n", "|", ";", ",", "\t", "  ", "- ", "[", "]", "{", "}", "=", ":", "\r\n", "", "x" * 30]),
    st.integers(0, 25)), max_size=6))
def test_exports_cut_and_damaged_lose_nothing(text: str, edits: list) -> None:
    """Exports with characters inserted and cut anywhere: the records' spans still cover the text exactly."""
    for where, insert, cut in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    try:
        records = parse_text(text)
    except InputError:
        return
    _check_partition(text, records)


def test_a_keyed_event_before_its_projects_start_is_history_not_an_activity() -> None:
    """An events table keyed by code is read after its projects: a row dated before its project began is kept as
    history and flagged, as a recalled meeting in prose is (event_steps.mark_history)."""
    text = (EXPORTS / "keyed_events_en_history.txt").read_text(encoding="utf-8")
    zambia, lesotho = parse_text(text)
    assert [(e.start.iso(), e.recalled) for e in zambia.activities] == [("2021-05-12", True), ("2023-03-08", False)]
    assert any("kept as history" in f.reason for f in zambia.flags)
    assert [e.recalled for e in lesotho.activities] == [False]
