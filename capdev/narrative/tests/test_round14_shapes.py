"""Round 14: a value placed sure must have the shape of its field (value_shapes.py, org_shapes.py, title_shapes.py,
period_shapes.py). A value that fails is kept and flagged with a reason; values that have their field's shape, in
English, French and Spanish, are left unflagged (the guards)."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text
from capdev.narrative.org_shapes import organisation_fault
from capdev.narrative.period_shapes import period_fault
from capdev.narrative.title_shapes import title_fault
from capdev.narrative.types import Flag, PartialDate, Partner, Record, Span
from capdev.narrative.value_shapes import check_shapes, code_fault, countries_fault

SHAPE = "does not read as"


def _shape_flags(record: Record, field: str | None = None) -> list[Flag]:
    return [f for f in record.flags if (SHAPE in f.reason or "country of a donor" in f.reason)
            and (field is None or f.field == field)]


# ------------------------------------------------------------------ organisations

@pytest.mark.parametrize("name, why", [
    ("Implementation November 2019 - December 2024", "period"),
    ("programme runs for 36 months, from March 2025 to February 2028", "period"),
    ("Gouvernement du Japon, 18 mois", "period"),
    ("Swiss Confederation - CHF 300k", "amount"),
    ("office space, servers", "list of things"),
    ("European Union, . Government co-financing in kind (office space, servers) estimated at - not part of project "
     "budget.", "sentence"),
    ("royal", "single common word"),
    ("Royal", "single common word"),
    ("Française", "single common word"),
    ("6a Avenida 0-60", "number"),
    ("Zona 4", "number"),
    ("ONSEC Socio: INAP", "label"),
    ("the project team and local consultants", "lower-case"),
    ("Ministry of", "cut short"),
    ("National Academy of Politics and Public", "cut short"),
    ("Chief Technical Advisor", "post"),
    ("Coordonnateur national du projet", "post"),
    ("Asesora técnica", "post"),
    ("Maputo", "city"),
])
def test_organisation_shape_fails(name, why):
    assert why in organisation_fault(name)


@pytest.mark.parametrize("name", [
    "Banque africaine de développement", "Gobierno de la República de Corea", "UNDP",
    "Agence Française de Développement (AFD)", "Ministerio de Hacienda y Finanzas Públicas",
    "Korea International Cooperation Agency (KOICA)", "ministère de la Réforme administrative",
    "Direction générale des impôts et des domaines", "Agence nationale d'appui au développement à la base",
    "Ministry of Finance, Planning and Economic Development", "Contraloría Gral. de la República",
    "National Institute of Public Administration (NIPA), Zambia", "Vision 2030 Secretariat", "Alemania", "Canadá",
    "État", "Deloitte", "KfW", "Coopération suisse", "Fonds mondial", "Gouvernement du Luxembourg",
    "Organisation des Nations Unies pour l'éducation, la science et la culture",
    "Communauté économique et monétaire de l'Afrique centrale", "Agencia Chilena de Cooperación Internacional",
])
def test_organisation_shape_passes(name):
    assert organisation_fault(name) == ""


@pytest.mark.parametrize("source", ["extrabudgetary", "DA Tranche 15 Account", "Development Account (14th tranche)",
                                    "Compte pour le développement", "Fondos extrapresupuestarios", "XBTC"])
def test_funding_mechanisms_pass(source):
    assert organisation_fault(source, mechanism=True) == ""


# ------------------------------------------------------------------ titles

@pytest.mark.parametrize("title, why", [
    ("Due: 2027-01-15 (project document submission)", "label"),
    ("LIST: IN IMPLEMENTATION (1 card)", "column"),
    ("Estimados colegas: Solicito la traducción al español del texto abajo copiado (resumen", "salutation"),
    ("Observations : le registre papier fait foi", "label"),
    ("Dear colleagues,", "salutation"),
    ("Madame, Monsieur", "salutation"),
    ("Objectif : renforcer les capacités", "label"),
    ("Rapport d'avancement n° 4", "document"),
    ("INFORME SEMESTRAL - PRIMER SEMESTRE 2025", "document"),
    ("Fecha límite: 15 de marzo de 2026", "label"),
    ("United Nations Development Programme", "organisation"),
    ("Background", "section"),
    ("Apoyo a la gestión (fase", "bracket"),
    ("See www.example.org/project for details", "address"),
    ("Terms of Reference: National Consultant", "genre"),
    ("Acta de la reunión del comité directivo", "genre"),
    ("Procès-verbal de la réunion du comité de pilotage", "genre"),
    ("Q3 2025", "dates and numbers"),
    ("Los resultados esperados son los siguientes:", "colon"),
    ("The project is implemented by the ministry", "sentence"),
    ("Le projet a été lancé en 2024 et sera achevé en 2026", "sentence"),
    ("Expected results of the first phase:", "colon"),
    ("RE: Strengthening audit institutions", "label"),
    ("Chief Technical Advisor - Evidence-Based Policymaking (SIEP)", "post"),
    ("Objectives", "heading"),
    ("Project Code", "label"),
    ("Digital skills for civil servants   Budget: USD 300,000", "another field's label"),
    ("Programa de apoyo presupuestario por USD 5 millones", "amount"),
    ("Atelier régional du 12 mars 2024", "date to the day"),
])
def test_title_shape_fails(title, why):
    assert why in title_fault(title)


@pytest.mark.parametrize("title", [
    "e-Government: a strategy for the digital age", "Servicio civil digital: plataforma de reclutamiento",
    "Census 2030 readiness", "CENSUS 2030 READINESS", "DIGITAL GOVERNMENT READINESS ASSESSMENT",
    "Phase II: Strengthening audit institutions", "Gender-responsive budgeting in local governments, phase II",
    "Modernisation du registre foncier des provinces de l'Est", "Support to the National Anti-Corruption Strategy "
    "2021–2025", "Gestion municipale transfrontalière Haïti – République dominicaine (GEMUT)",
    "PROGRAMME D'APPUI À LA FORMATION DES AGENTS PUBLICS (PAFAP)", "Youth Employment Observatory",
    "Agenda 2030 localisation in Africa", "Minutes and records management for cabinet secretariats",
    "Sistema de firma electrónica para municipios", "Building political will for reform",
    "Governance in the digital era", "Appui à la commune et à son développement",
])
def test_title_shape_passes(title):
    assert title_fault(title) == ""


# ------------------------------------------------------------------ codes, periods, countries

@pytest.mark.parametrize("code", ["pp. 112-115", "p. 4", "págs. 10-12", "the code will be assigned by the office",
                                  "2024-03-15", "15/03/2024", "2024", "USD 300,000", "www.example.org"])
def test_code_shape_fails(code):
    assert code_fault(code)


@pytest.mark.parametrize("code", ["P177912", "GHA/24/003", "ROA 206-8", "XI-IATI-DESA-2021-CS-11", "2019-0231-07",
                                  "NDICI AFRICA/2023/445-812", "PRJ/GOV/114"])
def test_code_shape_passes(code):
    assert code_fault(code) == ""


def test_reversed_period_fails_and_ordered_passes():
    record = Record(index=0, text="", start=PartialDate(2026, 5), end=PartialDate(2025, 1))
    assert "before the start" in period_fault(record)
    record.start, record.end = PartialDate(2025, 1), PartialDate(2026, 5)
    assert period_fault(record) == ""


def test_period_read_from_a_document_date_is_flagged():
    text = "Posting date: 23-Nov-2026              Closing date: 15-Dec-2026 (midnight New York time)\n"
    record = Record(index=0, text=text, start=PartialDate(2026, 12), end=PartialDate(2026),
                    spans=[Span("time_frame", 39, len(text))])
    assert "posting date" in period_fault(record)
    text = "Project period: 1 July 2025 to 30 June 2029\n"
    record = Record(index=0, text=text, start=PartialDate(2025, 7, 1), end=PartialDate(2029, 6, 30),
                    spans=[Span("time_frame", 0, len(text))])
    assert period_fault(record) == ""  # guard: the project's own period


def test_budget_shape():
    from decimal import Decimal

    from capdev.narrative.types import Money
    from capdev.narrative.value_shapes import budget_fault

    record = Record(index=0, text="", budgets=[Money(Decimal(2025), "USD")])
    assert "a year" in budget_fault(record)
    record.budgets = [Money(Decimal(450), "EUR")]
    assert "too small" in budget_fault(record)
    record.budgets = [Money(Decimal(380000), "USD"), Money(Decimal("1.2e6"), "EUR", "yearly")]
    assert budget_fault(record) == ""


def test_donor_country_among_countries_served():
    text = "Funded by the Government of Japan. The project serves the civil service of Kenya."
    record = Record(index=0, text=text, countries=["JPN", "KEN"],
                    partners=[Partner("Government of Japan", role="funding", org_type="donor")])
    assert "JPN" in countries_fault(record)
    record.text = "Escuela de gobierno regional\tChile\t2023-2026\tUSD 380.000\tAGCID"
    record.countries = ["CHL"]
    record.partners = [Partner("Agencia Chilena de Cooperación Internacional para el Desarrollo", acronym="AGCID",
                               role="funding", org_type="donor", text="AGCID")]
    assert countries_fault(record) == ""  # guard: Chile written apart from its donor is served too
    record.text = text
    record.partners = [Partner("Government of Japan", role="funding", org_type="donor")]
    record.countries = ["KEN"]
    assert countries_fault(record) == ""  # guard: the donor's country is not served
    record.countries = ["JPN"]
    record.partners = [Partner("UNDP Japan", role="funding", org_type="un")]
    assert countries_fault(record) == ""  # guard: a UN office is no donor country


# ------------------------------------------------------------------ whole records

def test_title_that_is_another_value():
    record = Record(index=0, text="", title="GHA/24/003", code="GHA/24/003")
    check_shapes(record)
    assert "the record's code" in _shape_flags(record, "title")[0].reason
    record = Record(index=0, text="", title="Kenya School of Government",
                    partners=[Partner("Kenya School of Government", role="implementing")])
    check_shapes(record)
    assert "partners" in _shape_flags(record, "title")[0].reason
    record = Record(index=0, text="", title="Kenya School of Government leadership programme",
                    partners=[Partner("Kenya School of Government", role="implementing")])
    check_shapes(record)
    assert not _shape_flags(record)  # guard: a title that names its partner within it


def test_values_kept_and_already_flagged_left():
    record = Record(index=0, text="", title="Due: 2027-01-15 (project document submission)",
                    partners=[Partner("Zona 4", role="cooperating")])
    record.flag("partners", "read from prose")
    check_shapes(record)
    assert record.title == "Due: 2027-01-15 (project document submission)"  # kept, flagged
    assert [f.field for f in _shape_flags(record)] == ["title"]  # partners were flagged already: left as they are
    assert [p.name for p in record.partners] == ["Zona 4"]


@pytest.mark.parametrize("text, field, bad", [
    ("Project title: Digital Skills for Civil Servants in Ghana\nCode: GHA/24/003\nDonor: Swiss Confederation - "
     "CHF 300k\nPeriod: January 2024 - December 2025\n", "partners", "CHF 300k"),
    ("Titre du projet : Appui à la fonction publique au Niger\nCode : NER/24/002\nBailleur : Royaume de Belgique\n"
     "Partenaires : Ministère de la Fonction publique ; Boulevard 15, Niamey 8001\nPériode : 2024-2026\n",
     "partners", "Boulevard 15"),
    ("Título del proyecto: Catastro municipal en Honduras\nCódigo: HND/24/007\nDonante: Gobierno de Suiza\n"
     "Socios: Secretaría de Finanzas; 6a Avenida 0-60, Zona 4\nPeríodo: marzo 2024 - febrero 2026\n",
     "partners", "6a Avenida"),
])
def test_whole_record_flags_the_misshapen_value(text, field, bad):
    (record,) = parse_text(text)
    flags = _shape_flags(record, field)
    assert flags and bad in flags[0].reason
    assert not _shape_flags(record, "title") and not _shape_flags(record, "time_frame")


@pytest.mark.parametrize("text", [
    "Project title: e-Government: a strategy for small island states\nCode: PAC-23-001\nDonor: Government of the "
    "Republic of Korea\nImplementing partners: Korea International Cooperation Agency (KOICA); UNDP\n"
    "Period: January 2024 - December 2025\nCountries: Fiji, Tonga\n",
    "Titre du projet : Renforcement de l'état civil au Sénégal\nCode : SEN/23/011\nBailleur : Agence Française de "
    "Développement (AFD)\nPartenaires : Banque africaine de développement ; ministère de la Réforme "
    "administrative\nPériode : mars 2023 - février 2026\nPays : Sénégal\n",
    "Título del proyecto: Gobierno abierto en Honduras\nCódigo: HND/24/001\nDonante: Gobierno de la República de "
    "Corea\nSocios: Ministerio de Hacienda y Finanzas Públicas\nPeríodo: enero 2024 - diciembre 2026\n"
    "País: Honduras\n",
])
def test_whole_record_guard_nothing_flagged(text):
    (record,) = parse_text(text)
    assert not _shape_flags(record)
