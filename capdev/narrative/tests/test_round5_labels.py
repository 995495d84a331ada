"""Round 5: the label vocabulary, and what a value says about its label (issue #16).

Records of our own (tests/files/round5/labels), in English, French and Spanish, label each field the way donors',
UN agencies' and governments' fiches, fichas and portals do; funding, period, amount and execution labels are read by
what their value is; and ordinary sentences that begin with a label's word are no labels."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from capdev.narrative import parse_file, parse_text
from capdev.narrative.labels import match_label
from capdev.narrative.types import Record
from capdev.narrative.values.funding import read_funding
from capdev.narrative.values.roles import looks_like_person, read_lead

FILES = Path(__file__).parent / "files" / "round5" / "labels"


def _records(name: str) -> list[Record]:
    return parse_file(FILES / name)


def _iso(date: object) -> str | None:
    return date.iso() if date is not None else None


def _budgets(rec: Record) -> list[tuple[Decimal, str, str]]:
    return [(b.amount, b.currency, b.kind) for b in rec.budgets]


def _partners(rec: Record, role: str | None = None) -> list[str]:
    return [p.acronym or p.name for p in rec.partners if role is None or p.role == role]


# --- the thesaurus: each field under the labels of fiches in three languages --------------------------------------

@pytest.mark.parametrize("line, field", [
    ("Programme title: Open budgets", "title"), ("Dénomination du projet : Appui", "title"),
    ("Libellé : Appui", "title"), ("Nombre de la intervención: Apoyo", "title"),
    ("File number: 2201/44", "code"), ("Numéro de convention : CMT 1042 01 K", "code"), ("N° : 2201F", "code"),
    ("N.º de expediente: 2022/SPE/0001", "code"), ("Nro.: 2214S", "code"), ("Identifiant du projet : 2123K", "code"),
    ("Implementation status: Ongoing", "status"),
    ("Situation actuelle : En cours", "status"), ("Estatus: Cerrado", "status"),
    ("Period of implementation: 2022-2024", "time_frame"), ("Période de réalisation : 2021-2024", "time_frame"),
    ("Plazo de ejecución: 18 meses", "time_frame"), ("Démarrage : janvier 2023", "time_frame"),
    ("Arranque: julio de 2024", "time_frame"), ("Expiry date: February 2024", "time_frame"),
    ("Amount: USD 0.9 million", "budget"), ("Montant alloué : FCFA 250 millions", "budget"),
    ("Valor total: 900 mil dólares", "budget"), ("Coût : 1,2 M€", "budget"), ("Monto asignado: USD 450.000", "budget"),
    ("Funder: Swiss Agency for Development and Cooperation", "partners"), ("Cooperante: AECID", "partners"),
    ("Financeur : AFD", "partners"), ("Type of funding: XB", "funding_source"),
    ("Modalidad de financiamiento: Cuenta para el Desarrollo", "funding_source"),
    ("Co-financing: World Bank", "cofinancing"), ("Cofinancement : Banque mondiale", "cofinancing"),
    ("Cofinanciación: BID", "cofinancing"),
    ("Execution: UN DESA/DPIDG", "lead_unit"), ("Mise en œuvre : DAES", "lead_unit"), ("Ejecución: DAES", "lead_unit"),
    ("Responsible office: DPIDG", "lead_unit"), ("Agence chef de file : DAES", "lead_unit"),
    ("Assistance technique : Expertise France", "partners"), ("Asistencia técnica: FIIAPP", "partners"),
    ("Strategic partners: UNDP", "partners"),
    ("Parties prenantes : PNUD", "partners"), ("Aliados estratégicos: PNUD", "partners"),
    ("Final beneficiaries: clerks", "beneficiaries"), ("Population cible : agents", "beneficiaries"),
    ("Destinatarios: funcionarios", "beneficiaries"),
    ("Geographic scope: Namibia", "countries"),
    ("Pays d'exécution : Niger", "countries"), ("Cobertura: Bolivia", "countries"),
    ("Sub-region: Southern Africa", "region"),
    ("Sous-région : Afrique de l'Ouest", "region"), ("Subregión: Caribe", "region"),
    ("SDG contribution: 16", "sdgs"), ("Alignement sur les ODD : 16", "sdgs"), ("Contribución a los ODS: 16", "sdgs"),
    ("Goal: Councillors read budgets", "objective"),
    ("Finalité : Maîtriser", "objective"), ("Finalidad: Que", "objective"),
    ("Intended results:", "expected_accomplishments"), ("Extrants attendus :", "expected_accomplishments"),
    ("Productos previstos:", "expected_accomplishments"),
    ("Activities carried out:", "planned_activities"), ("Activités menées :", "planned_activities"),
    ("Actividades realizadas:", "planned_activities"),
])
def test_the_labels_of_fiches_in_three_languages(line: str, field: str) -> None:
    found = match_label(line)
    assert found is not None and found.field == field


@pytest.mark.parametrize("name, expected", [
    ("fiche_en.txt", [("MUN/22/B07", "Open Budget Literacy for Municipal Councillors", "DPIDG", ["NAM", "BWA"],
                       [16, 11], "2022", "2024", [(Decimal(900000), "USD", "total")]),
                      ("XI-IATI-DESA-2021-CS-11", "Civil Service Recruitment Analytics", None, ["GEO"], [], "2021-03",
                       "2024-02", [(Decimal(1200000), "EUR", "total")])]),
    ("fiche_fr.txt", [("SAH/21/P03", "Pilotage de la masse salariale publique au Sahel", "DPIDG", ["NER", "TCD"],
                       [16, 8], "2021", "2024", [(Decimal(250000000), "XOF", "total")]),
                      ("2123K", "Administration électronique des collectivités territoriales", None, ["MDG"], [],
                       "2023-01", "2025-12", [(Decimal(1200000), "EUR", "total")])]),  # 36 months counted (round 12)
    ("ficha_es.txt", [("2022/SPE/0000400117", "Presupuestos abiertos para gobiernos locales andinos", "DPIDG",
                       ["BOL", "ECU", "PER"], [16, 17], "2022", "2025", [(Decimal(900000), "USD", "total")]),
                      ("2024H", "Sistema de Información de Empleo Público", None, ["HND"], [], "2024-07", "2025-12",
                       [(Decimal(450000), "USD", "total")])]),
])
def test_fiches_read_field_by_field(name: str, expected: list) -> None:
    got = [(r.code, r.title, r.lead_unit, r.countries, r.sdgs, _iso(r.start), _iso(r.end), _budgets(r))
           for r in _records(name)]
    assert got == expected


@pytest.mark.parametrize("name, status, region, funder", [
    ("fiche_en.txt", "Ongoing", "Southern Africa", None),
    ("fiche_fr.txt", "En cours", "Western Africa", "AfDB"),
    ("ficha_es.txt", "En ejecución", "South America", "AECID"),
])
def test_fiches_status_region_lists_and_funders(name: str, status: str, region: str, funder: str | None) -> None:
    first = _records(name)[0]
    assert (first.status, first.region) == (status, region)
    assert first.objective and len(first.expected_accomplishments) == 2 and first.planned_activities
    assert first.beneficiaries_direct
    if funder:
        assert _partners(first, "funding") == [funder]


def test_a_duration_alone_gives_no_end() -> None:
    """"Duration: 24 months": a length, not an end date; beside a labelled start ("Démarrage : janvier 2023",
    "Durée : 36 mois") it gives the end counted from it, flagged (round 12, values.duration_ends)."""
    fr = _records("fiche_fr.txt")[1]
    es = _records("ficha_es.txt")[1]
    en = _records("funding_en.txt")[1]
    assert (_iso(fr.start), _iso(fr.end), _iso(es.start), _iso(es.end), en.start, en.end) == (
        "2023-01", "2025-12", "2024-07", "2025-12", None, None)
    assert ("time_frame", "the end counted from the duration") in [(f.field, f.reason) for f in fr.flags]
    assert fr.funding_source is None and _partners(fr, "funding") == ["EU"]


@pytest.mark.parametrize("name, periods", [
    ("periods_en.txt", [("2019-07", "2022-12"), (None, None)]),
    ("periods_fr.txt", [("2020-01", "2023-06"), (None, None)]),
    ("periods_es.txt", [("2019-03", "2022-06"), (None, None)]),
])
def test_an_extended_period_ends_at_its_extension_and_a_length_gives_no_dates(name: str, periods: list) -> None:
    records = _records(name)
    assert [(_iso(r.start), _iso(r.end)) for r in records] == periods
    assert any(f.field == "time_frame" and f.reason == "a length only, no dates" for f in records[1].flags)


# --- "Name:" may name a project or a person ------------------------------------------------------------------------

@pytest.mark.parametrize("text, titles", [
    ("Title: Open data for cities\nCode: 2301A\nContact:\nName: Ana María Ruiz\nEmail: a.ruiz@example.org\n\n\n"
     "Name: Civic Data Literacy\nCode: 2302A\n", ["Open data for cities", "Civic Data Literacy"]),
    ("Titre : Données ouvertes\nCode : 2301B\nPoint focal :\nNom : Aïcha Diallo\n\n\n"
     "Nom : Registre numérique des agents publics\nCode : 2302B\n",
     ["Données ouvertes", "Registre numérique des agents publics"]),
    ("Código: 2301C\nNombre: Juan Carlos Pérez\nPersona de contacto:\n\n\n"
     "Nombre: Sistema de Información de Empleo Público\nCódigo: 2302C\n",
     ["", "Sistema de Información de Empleo Público"]),
])
def test_name_labels_a_projects_name_never_a_persons(text: str, titles: list[str]) -> None:
    """"Name:" heads a record's name, and a record of its own; a person's name under it is neither."""
    records = parse_text(text)
    assert [r.title if not r.title_is_proposed else "" for r in records] == titles


@pytest.mark.parametrize("value, person", [
    ("Ana María Ruiz", True), ("Mme Aïcha Diallo", True), ("Dr. John Smith", True),
    ("Civil Service Recruitment Analytics", False), ("Sistema de Información de Empleo Público", False),
    ("Digital Government Academy", False), ("Open data for cities", False),
])
def test_what_looks_like_a_persons_name(value: str, person: bool) -> None:
    assert looks_like_person(value) is person


# --- a funding label: funder, source or amount, by its value ----------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("funding_en.txt", [(None, ["Government of the Republic of Korea"], ["VNM"]),
                        ("Development Account (14th tranche)", [], ["NPL", "MNG"]),
                        ("extrabudgetary trust fund", ["Ministry for Foreign Affairs of Finland"], ["MOZ"])]),
    ("funding_fr.txt", [(None, ["Gouvernement du Luxembourg"], ["BEN"]),
                        ("Compte pour le développement", [], ["CMR", "GAB"]),
                        (None, ["WB"], ["MRT"])]),
    ("funding_es.txt", [(None, ["Gobierno de Suecia"], ["BOL"]),
                        ("Fondos extrapresupuestarios", [], ["GTM", "HND"]),
                        (None, ["IDB"], ["PRY"])]),
])
def test_a_funding_value_says_funder_or_source(name: str, expected: list) -> None:
    records = _records(name)
    assert [(r.funding_source, _partners(r, "funding"), r.countries) for r in records] == expected
    # Periods: "since 2021" / "depuis 2022" / "desde 2022" a start only; "24 months" / "24 mois" / "18 meses" a length
    # (no dates); "2022-2025" / "2023 – 2025" both years.
    first_year = {"funding_en.txt": "2021"}.get(name, "2022")
    last = ("2022", "2025") if name == "funding_en.txt" else ("2023", "2025")
    assert [(_iso(r.start), _iso(r.end)) for r in records] == [(first_year, None), (None, None), last]


@pytest.mark.parametrize("name, budgets", [
    ("funding_en.txt", [[(Decimal(50000), "USD", "other")], [(Decimal(640000), "USD", "total")], []]),
    ("funding_fr.txt", [[], [(Decimal(520000), "USD", "total")], [(Decimal(300000), "USD", "total")]]),
    ("funding_es.txt", [[], [(Decimal(1200000), "USD", "total")], [(Decimal(120000), "EUR", "total")]]),
])
def test_amounts_under_funding_labels_are_budgets(name: str, budgets: list) -> None:
    assert [_budgets(r) for r in _records(name)] == budgets


@pytest.mark.parametrize("value, source, funders", [
    ("Government of Norway; Development Account", "Development Account", ["Government of Norway"]),
    ("Banque africaine de développement (BAD)", "", ["Banque africaine de développement (BAD)"]),
    ("Real Embajada de los Países Bajos", "", ["Real Embajada de los Países Bajos"]),
    ("Swiss Agency for Development and Cooperation (SDC)", "", ["Swiss Agency for Development and Cooperation (SDC)"]),
    ("Fondo fiduciario de China", "Fondo fiduciario de China", []),
    ("Regular programme of technical cooperation", "Regular programme of technical cooperation", []),
    ("USD 500,000", "", []),
    ("Government of Norway (XB)", "XB", ["Government of Norway"]),
    ("XB - Portugal (Camões, I.P.)", "XB - Portugal (Camões, I.P.)", ["Portugal (Camões, I.P.)"]),
    ("Compte pour le développement – Gouvernement du Canada", "Compte pour le développement – Gouvernement du Canada",
     ["Gouvernement du Canada"]),
])
def test_read_funding(value: str, source: str, funders: list[str]) -> None:
    read = read_funding(value)
    assert (read.source, read.funders) == (source, funders)


# --- an execution label: the lead unit and the partners with it ------------------------------------------------

@pytest.mark.parametrize("value, lead, partners", [
    ("DAES / DPIDG, con la CEPAL", "DAES / DPIDG", ["CEPAL"]),
    ("UN DESA/DPIDG, in cooperation with the United Nations Development Programme", "UN DESA/DPIDG",
     ["United Nations Development Programme"]),
    ("DAES / DPIDG, en collaboration avec l'Institut africain de développement économique et de planification",
     "DAES / DPIDG", ["Institut africain de développement économique et de planification"]),
    ("DPIDG", "DPIDG", []),
])
def test_read_lead(value: str, lead: str, partners: list[str]) -> None:
    read = read_lead(value)
    assert (read.lead, read.partners, read.described) == (lead, partners, False)


@pytest.mark.parametrize("name, partner", [
    ("ficha_es.txt", "ECLAC"), ("funding_en.txt", "UNDP"),
    ("fiche_fr.txt", "Institut africain de développement économique et de planification"),
])
def test_an_execution_label_gives_the_lead_and_a_partner(name: str, partner: str) -> None:
    first = _records(name)[0]
    assert first.lead_unit == "DPIDG"
    assert partner in _partners(first, "cooperating")


def test_execution_told_in_sentences_is_no_unit_nor_partner() -> None:
    rec = parse_text("Titre : Réforme\nCode : 2301D\nMise en œuvre : Le projet sera exécuté par les ministères "
                     "concernés avec l'appui des écoles nationales et des partenaires techniques.\n")[0]
    assert rec.lead_unit is None and rec.partners == []
    assert "exécuté par les ministères" in rec.background


# --- ordinary sentences that begin with a label's word are prose -----------------------------------------------

@pytest.mark.parametrize("label, sentence", [
    ("Fin 2024", "Fin 2023, le projet a été prolongé de six mois pour achever les formations."),
    ("Début : mars 2022", "Début 2022, une mission exploratoire a eu lieu à Dakar avec les partenaires."),
    ("Inicio 2023", "Inicio 2023 estuvo marcado por la renovación de las autoridades de la red."),
    ("End 2022", "End 2022 saw the launch of a shared repository of policy briefs across the region."),
    ("Countries Kenya, Uganda", "Countries Kenya and Uganda joined the peer network in 2023, as observers only."),
    ("Budget USD 1,100,000 · Funding: DA 17th tranche · Status: planned",
     "Budget USD 20,000 was moved from travel to online training after the first year."),
    ("Presupuesto USD 25.000", "Presupuesto USD 25.000 fue reasignado a la formación virtual en el segundo año."),
    ("Nombre: Red de escuelas", "Nombre de la red fue acordado por las escuelas en la primera asamblea."),
    ("Nom : Observatoire", "Nombre de participants a dépassé les prévisions lors des sessions régionales."),
    ("Name: Policy units", "Name recognition of the units grew once the briefs were published."),
    ("Value: USD 20,000", "Value added by the peer reviews was noted by the evaluators."),
    ("Coût : 20 000 EUR", "Coût élevé des déplacements a conduit à tenir plusieurs sessions en ligne."),
    ("Exécution : DAES", "Exécution des activités a été confiée aux écoles nationales d'administration."),
    ("Cobertura: Costa Rica", "Cobertura de la formación virtual alcanzó a todos los países del istmo."),
    ("Ejecución: DAES", "Ejecución de las actividades quedó a cargo de cada escuela nacional."),
    ("Valor: USD 900.000", "Valor  agregado de la cooperación sur-sur."),
    ("Valeur : 1,2 M€", "Valeur  ajoutée des échanges entre pairs."),
])
def test_a_sentence_is_no_label(label: str, sentence: str) -> None:
    """A label's word begins the label's line and an ordinary sentence alike: only the label is read as one (a common
    word needs a separator; a label without one, a value that does not go on as a sentence)."""
    assert match_label(label) is not None
    assert match_label(sentence) is None


@pytest.mark.parametrize("name, end, countries, budgets", [
    ("prose_en.txt", "2024", ["RWA"], [(Decimal(380000), "USD", "total")]),
    ("prose_fr.txt", "2024", ["SEN"], [(Decimal(410000), "USD", "total")]),
    ("prose_es.txt", "2025", ["CRI"], [(Decimal(300000), "USD", "total")]),
])
def test_prose_under_a_record_keeps_its_values(name: str, end: str, countries: list[str], budgets: list) -> None:
    """The sentences beginning "Fin 2023, ...", "Countries Kenya and ...", "Presupuesto USD 25.000 fue ..." stay in
    the background: no end date, country or budget from them."""
    (rec,) = _records(name)
    assert (_iso(rec.end), rec.countries, _budgets(rec)) == (end, countries, budgets)
    assert rec.lead_unit is None and rec.partners == []
    assert len(rec.background.splitlines()) == 6
