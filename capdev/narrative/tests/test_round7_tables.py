"""Several projects in one table or listing (issue #16, round 7): each row, or each column of a transposed table,
is one record with its own title, code, countries, funders, budget, dates and status. Genres: fixed-width listings
from a management system (compact dates, ISO-3 countries, status letters, column names squeezed to one space or
stacked on two lines), annex tables copied from a PDF (a long cell wrapped onto the next lines), portfolio tables
(pipe, tab, semicolon), comparison notes (projects as columns, cells that wrap), and tables after a report's prose;
in English, French and Spanish (tests/files/round7/tables). A table's caption, a legend and a row's number are
never a record's title or code; a row is never a title."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_text
from capdev.narrative.structured.cells import column_label
from capdev.narrative.structured.column_names import compact_date, status_legend, status_letter
from capdev.narrative.values.status import status_category

FILES = Path(__file__).parent / "files" / "round7" / "tables"

# file -> per project: code, title, countries, funders (None: not checked), budget, start, end, status category
EXPECTED = {
    "aligned_en.txt": [
        ('2501S', 'E-procurement for small island states', ['TON', 'VUT'], None, (300000, 'USD'), '2022-03-01',
         '2024-02-28', None),
        ('2502T', 'Civil service reform in post-conflict settings', ['LBR', 'SLE'], ['Germany'], (850000, 'EUR'),
         '2023-01-01', '2025-12-31', None),
    ],
    "aligned_es.txt": [
        ('2901C', 'Finanzas municipales sostenibles', ['BOL'], ['Korea International Cooperation Agency'],
         (320000, 'USD'), '2021-03', '2024-02', None),
        ('2902D', 'Gobierno electrónico para pequeños municipios', ['PRY'],
         ['Spanish Agency for International Development Cooperation'], (275000, 'EUR'), '2022-01', '2024-12', None),
        ('2903E', 'Ética pública', ['URY'], ['Inter-American Development Bank'], (150000, 'USD'), '2023-07', '2025-06',
         None),
    ],
    "aligned_fr.txt": [
        ('2801A', "Gestion des ressources humaines de l'État", ['COG'], ['African Development Bank'], (600000, 'USD'),
         '2023', '2025', None),
        ('2802B', "Contrôle citoyen de l'action publique locale", ['CAF'], ['European Union'], (1200000, 'EUR'),
         '2024', '2027', None),
    ],
    "annex_en_wrapped.txt": [
        # "situation as of 31 December 2021" closing the note under the table dates the annex (round 12)
        ('2019A', 'Evidence-based policymaking for sustainable development in West Africa', ['GHA', 'NGA'], None,
         (640000, 'USD'), '2021-01', '2024-12', 'active'),
        ('2120B', 'Strengthening local public administration for SDG delivery', ['KEN', 'UGA', 'RWA'], ['Sweden'],
         (1250000, 'USD'), '2020-07', '2023-06', 'active'),
        ('2277C', 'Open data portals for small island states', ['WSM'], ['European Union'], (385000, 'USD'), '2021-03',
         '2022-12', 'active'),
    ],
    "annex_es_wrapped.txt": [
        (None, 'Innovación en la gestión pública para la Agenda 2030', ['COL', 'ECU'],
         ['Spanish Agency for International Development Cooperation'], (720000, 'USD'), '2020-02-01', '2023-01-31',
         None),
        (None, 'Transparencia fiscal y participación ciudadana en gobiernos locales', ['HND'], ['European Union'],
         (395500, 'USD'), '2021-06-15', '2024-06-14', None),
        (None, 'Gobierno digital inclusivo', ['PER', 'BOL', 'CHL'], ['Korea International Cooperation Agency'],
         (1050000, 'USD'), '2022-10-01', '2025-09-30', None),
    ],
    "annex_fr_wrapped.txt": [
        ('1844X', 'Appui à la décentralisation budgétaire et au contrôle citoyen', ['BEN', 'TGO'], ['European Union'],
         (900000, 'EUR'), '2019-03-01', '2022-02-28', 'completed'),
        ('1951Y', 'Administration électronique et services publics en ligne', ['MAR'],
         ['Agence Française de Développement'], (1100000, 'EUR'), '2020-09-01', '2023-08-31', 'active'),
        ('2003W', "Renforcement des capacités des inspections générales d'État", ['MDG', 'COM'],
         ['United Nations Development Programme'], (450000, 'EUR'), '2021-01-01', '2022-12-31', 'completed'),
    ],
    "fixed_en_erp.txt": [
        ('2231K', 'PUBLIC SERVICE INNOVATION FOR SIDS', ['FJI'], None, (480000, 'USD'), '2019-06-01', '2021-12-31',
         'completed'),
        ('2318P', 'DIGITAL GOVERNMENT READINESS ASSESSMENT', ['KEN'], ['European Union'], (725000, 'EUR'),
         '2020-01-15', '2023-06-30', 'active'),
        ('2402M', 'SUBNATIONAL BUDGET TRANSPARENCY', ['PER'], ['ROK'], (310500, 'USD'), '2022-03-01', '2025-02-28',
         'planned'),
    ],
    "fixed_es_erp.txt": [
        ('2105Q', 'GOBIERNO ABIERTO EN MUNICIPIOS ANDINOS', ['BOL'],
         ['Spanish Agency for International Development Cooperation'], (420000, 'EUR'), '2021-04-01', '2024-03-31',
         'active'),
        ('2211R', 'CAPACIDADES ESTADISTICAS PARA LOS ODS', ['GTM'], ['Inter-American Development Bank'],
         (275000, 'USD'), '2019-01-01', '2022-06-30', 'completed'),
        ('2290T', 'SERVICIOS DIGITALES PARA LA CIUDADANIA', ['PRY'], ['Korea International Cooperation Agency'],
         (510000, 'USD'), '2023-01-01', '2025-12-31', 'planned'),
    ],
    "fixed_fr_erp.txt": [
        ('1920Z', 'GOUVERNANCE LOCALE AU SENEGAL', ['SEN'], ['European Union'], (600000, 'EUR'), '2021-01-01',
         '2023-12-31', 'active'),
        ('2033A', "MODERNISATION DE L'ADMINISTRATION FISCALE", ['MLI'], ['African Development Bank'],
         (150000000, 'XOF'), '2018-09-01', '2021-11-30', 'completed'),
    ],
    # An annual report's year dates it (round 9): a period running past that year is of an active project.
    "late_en.txt": [
        (None, 'Evidence-based policymaking for Ghana', ['GHA', 'NGA'], ['Sweden'], (640000, 'USD'), '2021', '2024',
         'active'),
        (None, 'Local government finance in Uzbekistan', ['UZB'], ['European Union'], (600000, 'USD'), '2021', '2024',
         'active'),
    ],
    "late_es.txt": [
        (None, 'Gestión del riesgo fiscal subnacional', ['COL', 'PER'], ['Inter-American Development Bank'],
         (450000, 'USD'), '2021', '2024', 'active'),
        (None, 'Servicios públicos digitales inclusivos', ['ECU'], ['European Union'], (275000, 'USD'), '2022', '2023',
         'active'),
    ],
    "late_fr.txt": [
        (None, 'Réforme de la gestion des finances locales', ['NER', 'TCD'], ['European Union'], (520000, 'EUR'),
         '2022', '2025', 'active'),
        (None, 'Éthique et intégrité dans le service public', ['MRT'], ['France'], (310000, 'EUR'), '2021', '2023',
         'active'),
    ],
    "nocode_en_wrapped.txt": [
        (None, 'Evidence-based policymaking for sustainable development', ['GHA', 'NGA'], ['Sweden'], (640000, 'USD'),
         '2021-01', '2024-12', None),
        (None, 'Local government finance in Central Asia', ['UZB'], ['European Union'], (600000, 'USD'), '2021-10',
         '2024-09', None),
    ],
    "nocode_es_pipe.md": [
        (None, 'Gobierno abierto en municipios rurales', ['CHL'], ['Inter-American Development Bank'], (200000, 'USD'),
         '2021', '2023', None),
        (None, 'Datos abiertos para la rendición de cuentas', ['PER'], ['European Union'], (150000, 'USD'), '2022',
         '2024', None),
        (None, 'Servicio civil', ['ECU'], ['Spanish Agency for International Development Cooperation'], None, None,
         None, None),
    ],
    "nocode_fr_tab.txt": [
        (None, 'Gouvernance locale et décentralisation', ['SEN', 'MLI'], ['European Union'], (600000, 'EUR'), '2021',
         '2023', None),
        (None, 'Finances publiques', ['NER'], ['France'], (300000, 'EUR'), '2020', '2022', None),
    ],
    "squeezed_en.txt": [
        ('1819K', 'LOCAL GOVERNMENT FINANCE IN UZBEKISTAN', ['UZB'], ['European Union'], (600000, 'EUR'), '2021-10-01',
         '2024-09-30', 'active'),
        ('1820L', 'E-GOVERNMENT STRATEGY FOR MONGOLIA', ['MNG'], None, (350000, 'USD'), '2020-01-01', '2022-12-31',
         'completed'),
    ],
    "squeezed_fr.txt": [
        ('2501B', 'APPUI A LA REFORME DE LA FONCTION PUBLIQ', ['SEN'], ['European Union'], (780000, 'EUR'),
         '2022-01-01', '2024-12-31', 'active'),
        ('2502C', 'GOUVERNANCE NUMERIQUE DES COLLECTIVITES', ['CIV'], ['Agence Française de Développement'],
         (455000, 'EUR'), '2019-03-01', '2022-02-28', 'completed'),
        ('2503D', 'STATISTIQUES PUBLIQUES ET ODD', ['BFA'], ['United Nations Development Programme'], (210000, 'USD'),
         '2024-06-01', '2026-05-31', 'planned'),
    ],
    "stacked_en.txt": [
        ('1819K', 'Local government finance in Uzbekistan', ['UZB'], ['European Union'], None, '2021-10-01',
         '2024-09-30', 'active'),
        ('1820L', 'E-government strategy for Mongolia', ['MNG'], [], None, '2020-01-01', '2022-12-31', 'completed'),
    ],
    "stacked_es.txt": [
        ('3301H', 'Modernización del registro civil', ['HND'], ['Inter-American Development Bank'], (615000, 'USD'),
         '2021-02-01', '2024-01-31', 'active'),
        ('3302J', 'Presupuesto por resultados municipal', ['SLV'], ['European Union'], (388000, 'EUR'), '2022-09-15',
         '2025-09-14', 'active'),
        ('3303K', 'Ventanilla única de inversiones', ['GTM'],
         ['Spanish Agency for International Development Cooperation'], (240000, 'EUR'), '2018-01-01', '2020-12-31',
         'completed'),
    ],
    "summary_en_pipe.md": [
        ('2340D', 'Anti-corruption risk assessment in public procurement', ['ZMB'], [], (520000, 'USD'), '2021',
         '2023', 'active'),
        ('2341E', 'Parliamentary oversight of SDG budgets', ['BGD', 'NPL'], ['United Nations Development Programme'],
         (275000, 'USD'), '2019', '2021', 'completed'),
        ('2342F', 'Youth engagement in local governance', ['TUN'], ['Italy'], (410000, 'EUR'), '2023', '2025',
         'planned'),
    ],
    "summary_es_semicolon.csv": [
        ('4501M', 'Fortalecimiento de las compras públicas sostenibles', ['PRY'], [], (380000, 'USD'), '2020-03-01',
         '2023-02-28', 'completed'),
        ('4502N', 'Gobierno abierto en el nivel subnacional', ['CRI', 'PAN'], ['European Union'], (525000, 'EUR'),
         '2021-09-01', '2024-08-31', 'active'),
        ('4503P', 'Evaluación de políticas públicas basada en evidencia', ['URY'], ['Inter-American Development Bank'],
         (199000, 'USD'), '2024-01-01', '2025-12-31', 'planned'),
    ],
    "summary_fr_tab.txt": [
        ('2411H', 'Qualité des services publics municipaux', ['CIV'], ['World Bank'], (330000, 'USD'), '2019-04-01',
         '2022-03-31', 'completed'),
        ('2412J', 'Gestion axée sur les résultats dans les ministères', ['CMR', 'TCD'], None, (610000, 'USD'),
         '2021-01-01', '2023-12-31', 'active'),
        ('2413K', 'Citoyenneté numérique et inclusion', ['HTI'], ['Canada'], (250000, 'EUR'), '2023-07-01',
         '2025-06-30', 'planned'),
    ],
    "totals_en_pipe.md": [
        ('2340D', 'Total quality management in customs', ['ZMB'], [], (520000, 'USD'), None, None, None),
        ('2341E', 'Parliamentary oversight', ['NPL'], [], (275000, 'USD'), None, None, None),
    ],
    "totals_es_listado.txt": [
        ('3401A', 'Catastro urbano', ['ECU'], [], (125000, 'USD'), None, None, None),
        ('3402B', 'Control interno', ['PER'], [], (310000, 'USD'), None, None, None),
    ],
    "totals_fr_tab.txt": [
        ('2411H', 'Qualité des services', ['CIV'], [], (330000, 'EUR'), None, None, None),
        ('2412J', 'Gestion axée sur les résultats', ['TCD'], [], (610000, 'EUR'), None, None, None),
    ],
    "transposed_en.txt": [
        ('2501S', 'E-procurement for small states', ['TON', 'VUT'], None, (300000, 'USD'), '2022-03-01', '2024-02-28',
         None),
        ('2502T', 'Civil service reform in post-conflict settings', ['LBR', 'SLE'], ['Germany'], (850000, 'EUR'),
         '2023-01-01', '2025-12-31', None),
    ],
    "transposed_es.txt": [
        ('2701X', 'Catastro multifinalitario para la gestión territorial', ['SLV'],
         ['Spanish Agency for International Development Cooperation'], (210000, 'USD'), '2020-03', '2022-02', None),
        ('2702Y', 'Control interno municipal', ['NIC'], ['Inter-American Development Bank'], (145000, 'USD'),
         '2021-07', '2023-06', None),
        ('2703Z', 'Servicio civil de carrera', ['DOM'], ['United States Agency for International Development'],
         (390000, 'USD'), '2022-01', '2024-12', None),
    ],
    "transposed_fr.txt": [
        ('2601U', 'Écoles de la fonction publique', ['NER'], ['Luxembourg'], (420000, 'EUR'), '2021-01', '2023-12',
         None),
        ('2602V', 'Budgets sensibles au genre dans les ministères sectoriels', ['BFA', 'MLI'],
         ['United Nations Entity for Gender Equality and the Empowerment of Women'], (310000, 'USD'), '2022-06',
         '2024-05', None),
        ('2603W', 'Archives publiques numériques', ['GAB'], ['France'], (275000, 'EUR'), '2023-03', '2025-02', None),
    ],
}

# Captions and headings above or below a table: never a record's title.
CAPTIONS = ["PORTFOLIO LISTING", "EXTRACTION DU SYSTEME", "SISTEMA DE GESTION", "Annex 2", "Annexe 3", "Cartera de",
            "Portfolio summary", "Liste des projets", "Comparison of", "Note de comparaison", "Cuadro comparativo",
            "RUN 2023", "EDITION DU", "REPORTE DE", "Table 3", "Tableau 4", "Cuadro 2", "Annual report",
            "Rapport annuel", "Informe anual", "ST :", "Source:", "NOTE COMPARATIVE", "Ficha comparativa", "Campo",
            "Proyecto A", "Projet 1", "Proposal 1", "Projects under", "Projets appuy", "Proyectos del",
            "for ", "in ", "et ", "en ", "rendici"]


def _check_partition(text: str, records: list) -> None:
    """Nothing lost: the records' spans cover the text, every character once, in order."""
    pos = 0
    for s in (s for r in records for s in r.spans):
        assert s.start == pos and s.end > s.start, (s, pos)
        pos = s.end
    assert pos == len(text)


def _parse(name: str) -> tuple[str, list]:
    text = (FILES / name).read_text(encoding="utf-8")
    return text, parse_text(text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_row_or_column_is_one_record_with_its_own_values(name: str) -> None:
    text, records = _parse(name)
    _check_partition(text, records)
    assert len(records) == len(EXPECTED[name])
    for rec, (code, title, countries, funders, budget, start, end, status) in zip(records, EXPECTED[name]):
        assert rec.code == code
        assert rec.title == title
        assert rec.countries == countries
        if funders is not None:
            assert [p.name for p in rec.partners if p.role == "funding"] == funders
        assert [(int(b.amount), b.currency) for b in rec.budgets] == ([budget] if budget else [])
        assert (rec.start.iso() if rec.start else None, rec.end.iso() if rec.end else None) == (start, end)
        assert status_category(rec.status) == status
        _no_row_or_caption_in_title(rec)


def _no_row_or_caption_in_title(rec) -> None:
    """A title never holds another cell's value (a country code, an amount, a compact date) nor a caption."""
    words = set(rec.title.split())
    for other in (*rec.countries, "EUR", "USD", "XOF", "DA", "UE", "EU"):
        assert other not in words, (rec.title, other)
    assert not any(ch.isdigit() for w in words for ch in w if len(w) >= 6), rec.title
    assert not any(rec.title.startswith(c) for c in CAPTIONS), rec.title
    assert not any(rec.code and rec.code.startswith(c) for c in CAPTIONS), rec.code


def test_rows_keep_their_own_countries_and_the_caption_and_notes_stay_unplaced() -> None:
    _, records = _parse("annex_en_wrapped.txt")
    assert [r.countries for r in records] == [["GHA", "NGA"], ["KEN", "UGA", "RWA"], ["WSM"]]
    assert any("Annex 2. Projects under implementation in 2021" in u for u in records[0].unparsed)
    assert any("Source: programme records" in u for u in records[-1].unparsed)
    assert any("placed by no rule" in f.reason for f in records[0].flags)
    _, records = _parse("annex_es_wrapped.txt")
    assert [r.countries for r in records] == [["COL", "ECU"], ["HND"], ["PER", "BOL", "CHL"]]
    _, records = _parse("annex_fr_wrapped.txt")
    assert "COM" not in records[1].countries and "COM" in records[2].countries
    # The legend under the annex ("St : E = En cours ; C = Clôturé.") is kept, and says what its letters mean.
    assert [r.status for r in records] == ["Clôturé", "En cours", "Clôturé"]
    assert any("St : E = En cours" in u for u in records[-1].unparsed)


def test_a_legend_says_what_the_status_letters_mean() -> None:
    """"ST : C = Clôturé, E = En exécution, P = Prévu" under the listing: E is active, and the legend is no row."""
    text, records = _parse("squeezed_fr.txt")
    assert [r.status for r in records] == ["En exécution", "Clôturé", "Prévu"]
    assert all(any(f.field == "status" and "letter" in f.reason for f in r.flags) for r in records)
    assert any("ST : C = Clôturé" in u for u in records[-1].unparsed)
    # Without the legend, a letter the common letters do not name is left as written: no status category.
    records = parse_text(text.replace("ST : C = Clôturé, E = En exécution, P = Prévu\n", ""))
    assert status_category(records[0].status) is None and status_category(records[1].status) == "completed"


def test_row_numbers_are_no_codes_and_a_currency_column_gives_the_amounts_currency() -> None:
    for name in ("late_en.txt", "late_fr.txt", "late_es.txt", "annex_es_wrapped.txt"):
        _, records = _parse(name)
        assert all(r.code is None for r in records), name
        assert all(r.budgets and r.budgets[0].currency in ("USD", "EUR") for r in records), name


def test_a_table_after_a_reports_prose_is_read_and_the_prose_is_kept() -> None:
    for name, first in (("late_en.txt", "Annual report 2021"), ("late_fr.txt", "Rapport annuel 2022"),
                        ("late_es.txt", "Informe anual 2022")):
        text, records = _parse(name)
        assert len(records) == 2, name
        assert records[0].unparsed and records[0].unparsed[0].startswith(first), name
        assert not records[0].activities and not records[1].activities, name


def test_an_amount_without_a_currency_is_flagged_not_guessed() -> None:
    _, records = _parse("stacked_en.txt")
    assert all(r.budgets == [] for r in records)
    assert all(any(f.field == "budgets" for f in r.flags) for r in records)


@pytest.mark.parametrize(("name", "field", "extra"), [
    ("CCY", "currency", {}), ("CUR", "currency", {}), ("DEV", "currency", {}), ("MDA", "currency", {}),
    ("ST", "status", {}), ("EST", "status", {}), ("BEG DATE", "time_frame", {"date_part": "start"}),
    ("DT FIN", "time_frame", {"date_part": "end"}), ("FECHA TERMINO", "time_frame", {"date_part": "end"}),
    ("BAILL", "partners", {"role": "funding"}), ("USD", "budget", {}), ("Total (EUR)", "budget", {}),
])
def test_listing_column_names(name: str, field: str, extra: dict) -> None:
    lab = column_label(name)
    assert lab is not None and lab.field == field
    assert all(lab.modifiers.get(k) == v for k, v in extra.items())


def test_compact_dates_and_status_letters() -> None:
    assert compact_date("20190601") == "2019-06-01" and compact_date("201906") == "2019-06"
    assert compact_date("20191301") is None and compact_date("640000") is None and compact_date("12345678") is None
    assert status_letter("A", {}) == "Active" and status_letter("X", {}) is None and status_letter("AB", {}) is None
    legend = status_legend("ST: A = Abandoned, O = Ongoing; E - En cours\n")
    assert legend.get("O") == "Ongoing" and legend.get("E") == "En cours"
    assert status_letter("P", legend) is None  # a legend that names no P: no common guess


def test_a_row_of_totals_is_no_project_and_is_kept() -> None:
    for name, total in (("totals_en_pipe.md", "**Total**"), ("totals_fr_tab.txt", "TOTAL"),
                        ("totals_es_listado.txt", "Total general")):
        _, records = _parse(name)
        assert len(records) == 2, name
        assert all(len(r.budgets) == 1 for r in records), name
        assert any(total in u for u in records[-1].unparsed), name
        assert all("Total" not in (r.code or "") and not r.title.startswith(("Total ", "TOTAL")) or
                   r.title.startswith("Total quality") for r in records), name


def test_a_list_of_events_after_prose_is_no_table_of_projects() -> None:
    """Title, date and country are what a list of events states too: a table found below a report's prose is read
    as projects only when it names codes, amounts, funders or statuses. Here the prose is the one record."""
    text = (FILES / "prose_then_events_en.txt").read_text(encoding="utf-8")
    records = parse_text(text)
    assert len(records) == 1
    assert records[0].title == "Strengthening the civil service training institute"
    assert not any(r.title in ("Training of trainers", "Policy dialogue") for r in records)
