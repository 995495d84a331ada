"""Round 19: places and roles (countries served, donors, partners).

- a country in brackets after an amount pays (values/bracket_payers.py): never a country served, offered as the
  donor ("USD 2 M (Norway)", "Presupuesto total Q 12 millones (Gobierno de Canadá)");
- a countries label written in ISO alpha-2 codes ("Countries: KZ, UZ, TJ") is read like one in alpha-3 codes;
- a line that lists countries and nothing else (values/country_lines.py) names them all, not the first alone;
- a city in one country suggests it, flagged, where nothing else names a country (values/city_places.py);
- a country office named as where the project is run suggests its country, flagged (values/field_offices.py);
- an embassy written in French or Spanish ("ambassade de Suisse") names a payer, not a country served;
- an event with no stated venue in a record serving several countries is flagged, never left as held nowhere;
- a funder's phrase ends where "and implemented by" opens a second clause (values/funder_clauses.py).
All records are written for these tests, in English, French and Spanish."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text
from capdev.narrative.values.bracket_payers import bracket_payers
from capdev.narrative.values.city_places import city_country_of
from capdev.narrative.values.country_lines import listed_lines
from capdev.narrative.values.field_offices import office_countries
from capdev.narrative.values.funder_clauses import before_implementing
from capdev.narrative.values.served import served_countries, split_place_list


def _one(text: str):
    records = parse_text(text)
    assert len(records) == 1
    return records[0]


def _funders(rec) -> list[str]:
    return [p.name for p in rec.partners if p.role == "funding"]


def _flags(rec, field: str) -> list[str]:
    return [f.reason for f in rec.flags if f.field == field]


# ------------------------------------------------------------------ a country in brackets after an amount pays

@pytest.mark.parametrize("text, iso3", [
    ("Budget: USD 2 M (Norway)", "NOR"),
    ("Presupuesto total Q 12 millones (Gobierno de Canadá)", "CAN"),
    ("Enveloppe : 4 200 000 EUR (Royaume de Belgique)", "BEL"),
    ("Coût total 900 000 CHF ( la Suisse ) pour trois ans", "CHE"),
])
def test_a_country_in_brackets_after_an_amount_is_its_payer(text, iso3):
    assert [c for _, _, c in bracket_payers(text)] == [iso3]


@pytest.mark.parametrize("text", [
    "Budget: USD 2 M (estimated)",
    "The Government of Norway (a long-standing partner) attended",
    "Cost: EUR 300,000 (of which 20% in kind)",
])
def test_no_payer_where_the_brackets_hold_no_country_or_follow_no_amount(text):
    assert bracket_payers(text) == []


@pytest.mark.parametrize("text, served, donor", [
    ("Title: Digital skills for civil servants\nBudget: USD 2 M (Norway)\n"
     "Summary: The project trains 300 civil servants of Malawi in digital tools.", "MWI", "Norway"),
    ("Título: Registro de servidores municipales\nInicio: junio de 2025\n"
     "Resumen: Presupuesto total Q 12 millones (Gobierno de Canadá); el proyecto apoya a los municipios de Honduras.",
     "HND", "Gobierno de Canadá"),
    ("Titre : Modernisation de l'état civil\nDébut : janvier 2024\n"
     "Résumé : Coût du projet 3 500 000 EUR (Royaume de Belgique). Le projet appuie les communes du Bénin.",
     "BEN", "Royaume de Belgique"),
])
def test_a_bracketed_payer_is_a_donor_never_a_country_served(text, served, donor):
    rec = _one(text)
    assert rec.countries == [served]  # the payer government is not on the map
    assert donor in _funders(rec)


def test_a_bracketed_payer_alone_is_no_country_served():
    rec = _one("Título: Censo de servidores públicos\nResumen: Presupuesto total Q 12 millones (Gobierno de Canadá), "
               "en ejecución.")
    assert "CAN" not in rec.countries
    assert "Gobierno de Canadá" in _funders(rec)
    assert any("brackets after the amount" in r for r in _flags(rec, "funding_source"))


def test_served_scores_leave_a_bracketed_payer_out():
    assert served_countries({"title": "Civil service reform in Kenya, EUR 1.5 million (Sweden)"}) == ["KEN"]


# ------------------------------------------------------------------------ ISO codes in a countries label

def test_alpha3_codes_in_a_countries_label_are_read_sure():
    assert split_place_list("BOL, ECU, PER")[0] == ["BOL", "ECU", "PER"]


@pytest.mark.parametrize("text, countries", [
    ("Digital Government Readiness Assessments for Central Asia\nCountries: KZ, UZ, TJ\n"
     "Duration: Jan 2027 - Dec 2030\nComment: Kazakhstan's Ministry of Digital Development confirmed.",
     ["KAZ", "UZB", "TJK"]),
    ("Titre : Gouvernance numérique au Sahel\nPays : NE / TD\nDurée : 2025-2027\n"
     "Note : le ministère nigérien du Numérique a confirmé son intérêt.", ["NER", "TCD"]),
    ("Título: Gestión municipal andina\nPaíses: BO, EC y PE\nPeríodo: 2025-2027\n"
     "Nota: el Ministerio de Economía de Bolivia confirmó su interés.", ["BOL", "ECU", "PER"]),
])
def test_a_countries_label_in_alpha2_codes_wins_over_one_country_named(text, countries):
    rec = _one(text)
    assert rec.countries == countries
    assert any(r.startswith("suggested") and "ISO codes" in r for r in _flags(rec, "countries"))


def test_a_countries_label_without_codes_names_no_country():
    rec = _one("Title: Open budgets\nCountries: TBD\nDuration: 2025-2027\n"
               "Note: the Ministry of Finance of Ghana confirmed its interest.")
    assert rec.countries == ["GHA"]


# ------------------------------------------------------------------------ a line that only lists countries

@pytest.mark.parametrize("text, iso3s", [
    ("Jamaica / Barbados / Saint Lucia", ["JAM", "BRB", "LCA"]),
    ("- Bolivia, Ecuador y Perú", ["BOL", "ECU", "PER"]),
    ("Niger · Mauritanie · Tchad", ["NER", "MRT", "TCD"]),
    ("Intro line\n  Ghana and Togo  \nmore", ["GHA", "TGO"]),
])
def test_a_line_of_countries_alone_is_a_list(text, iso3s):
    assert [m.iso3 for m in listed_lines(text)] == iso3s


@pytest.mark.parametrize("text", [
    "Participants from Ghana, Kenya and Togo",
    "Jamaica",
    "Workshop in Barbados and Jamaica",
])
def test_a_line_with_other_words_or_one_country_is_no_list(text):
    assert listed_lines(text) == []


@pytest.mark.parametrize("text, iso3s", [
    ("Title: Institutional capacity for policy integration in small island states\nDescription:\n"
     "  Jamaica / Barbados / Saint Lucia\n  Budget: US$ 720,000\n  Start 2024-07 -> end 2027-12\n"
     "Comment: the Saint Lucia workshop moved to March 2027.", ["BRB", "JAM", "LCA"]),
    ("Titre : Gouvernance numérique au Sahel\nDescription :\n  Niger · Mauritanie · Tchad\n"
     "  Budget : 2 000 000 EUR\nCommentaire : l'atelier du Tchad est reporté.", ["MRT", "NER", "TCD"]),
])
def test_a_card_with_a_line_of_countries_serves_them_all(text, iso3s):
    rec = _one(text)
    assert sorted(rec.countries) == iso3s


# ------------------------------------------------------------------------ a city that locates the project

@pytest.mark.parametrize("text, iso3", [
    ("Hoy cerramos la fase de levantamiento en Quetzaltenango.", "GTM"),
    ("Base : Bamako. Chauffeur : M. Keïta.", "MLI"),
    ("Clausura en Antigua Guatemala el 12 de junio con 52 graduados.", "GTM"),  # no Antigua and Barbuda
    ("Le programme, basé à Ziguinchor, appuie aussi les communes de Thiès.", "SEN"),
])
def test_the_one_country_of_the_cities_named(text, iso3):
    assert city_country_of(text) == [iso3]


@pytest.mark.parametrize("text, payers", [
    ("Workshops in Bamako and Dakar.", set()),  # two countries: split evidence
    ("Training in Bamako for officials of Niger.", set()),  # another country named
    ("Study visit to Dakar only.", set()),  # a study visit's venue
    ("Base : Bamako.", {"MLI"}),  # the city's country pays
    ("Un atelier régional s'est tenu à Bamako.", set()),  # an event's venue: held anywhere
    ("New York, 3 March 2026\n\nDear Minister,", set()),  # a letter's dateline: its sender's seat
])
def test_no_city_country_where_evidence_is_split_or_elsewhere(text, payers):
    assert city_country_of(text, payers) == []


def test_a_city_suggests_its_country_flagged_where_none_is_named():
    rec = _one("Título: Censo de servidores públicos municipales\nInicio: junio de 2025\n"
               "Resumen: hoy cerramos la fase de levantamiento en Quetzaltenango con los alcaldes.")
    assert rec.countries == ["GTM"]
    assert any(r.startswith("suggested: GTM") for r in _flags(rec, "countries"))


# ------------------------------------------------------------------------ a country office that runs the project

@pytest.mark.parametrize("text, iso3", [
    ("The project is managed from the UNDP Country Office in Guatemala.", "GTM"),
    ("Le projet est géré par le bureau pays du PNUD au Mali.", "MLI"),
    ("El proyecto lo administra la oficina de país del PNUD en Honduras.", "HND"),
])
def test_a_country_office_names_its_country(text, iso3):
    assert office_countries(text) == [iso3]


@pytest.mark.parametrize("text", [
    "The UNDP Regional Office in Thailand supports the region.",
    "Headquarters in Switzerland.",
    "The office will open in 2026 in Ghana.",
])
def test_no_country_office_no_country(text):
    assert office_countries(text) == []


def test_a_country_office_suggests_its_country_flagged():
    rec = _one("Title: Strengthening municipal service delivery\nStart: March 2025\nEnd: December 2027\n"
               "Implementation: the project is managed from the UNDP Country Office in Guatemala.")
    assert rec.countries == ["GTM"]
    assert any("country office" in r for r in _flags(rec, "countries"))


# ------------------------------------------------------------------------ an embassy in French and Spanish pays

@pytest.mark.parametrize("sentence", [
    "Navette vers l'ambassade de Suisse pour la réunion des bailleurs.",
    "Reunión en la Embajada de Suecia con los donantes.",
])
def test_an_embassy_named_in_french_or_spanish_is_no_country_served(sentence):
    fields = {"summary": f"The programme supports the civil service of Mali. {sentence}"}
    assert served_countries(fields) == ["MLI"]


# ------------------------------------------------------------------------ an unplaced event, several countries

def test_an_event_without_venue_in_a_record_serving_several_countries_is_flagged():
    rec = _one("Title: Policy coherence for West African civil services\nCountries: Gambia, Sierra Leone, Liberia\n"
               "Start: January 2025\nEnd: December 2026\nActivities:\n"
               "- National workshop on policy coherence, June 2025, 30 participants\n")
    assert sorted(rec.countries) == ["GMB", "LBR", "SLE"]
    events = [e for e in rec.activities if not e.recalled]
    assert events and all(e.country is None for e in events)  # not placed in one of the three
    assert any("venue not stated" in r for r in _flags(rec, "activities"))


def test_an_event_without_venue_in_a_record_serving_one_country_is_suggested_there():
    rec = _one("Title: Policy coherence for the civil service\nCountries: Gambia\n"
               "Start: January 2025\nEnd: December 2026\nActivities:\n"
               "- National workshop on policy coherence, June 2025, 30 participants\n")
    assert [e.country for e in rec.activities] == ["GMB"]
    assert not any("venue not stated" in r for r in _flags(rec, "activities"))


# ------------------------------------------------------------------------ a funder's clause and the implementer's

@pytest.mark.parametrize("phrase, funder", [
    ("le Royaume de Belgique et mis en œuvre de mars 2024 à février 2028 par Enabel", "le Royaume de Belgique"),
    ("the Government of Norway and implemented by UNDP", "the Government of Norway"),
    ("la AECID y ejecutado por el INAP", "la AECID"),
    ("the European Union and the Government of Ireland", "the European Union and the Government of Ireland"),
])
def test_a_funder_phrase_ends_before_a_clause_of_implementing(phrase, funder):
    assert before_implementing(phrase) == funder


@pytest.mark.parametrize("text, funder, implementer, partner", [
    ("Programme d'appui aux collectivités territoriales (PACT), réf. SN-PACT-2024.\n"
     "Financé par le Royaume de Belgique et mis en œuvre de mars 2024 à février 2028 par Enabel, avec\n"
     "l'École nationale d'administration (ENA). Enveloppe : 5 000 000 EUR.\nLe programme contribue à l'ODD 16.\n",
     "Royaume de Belgique", "Belgian Development Agency", "École nationale d'administration"),
    ("Proyecto de carrera administrativa (PCA)\nFinanciado por la AECID y ejecutado de enero de 2025 a junio de 2027 "
     "por el INAP, con la Universidad de San Carlos.\nPresupuesto: 2 000 000 EUR.\n",
     "Spanish Agency for International Development Cooperation", "INAP", "Universidad de San Carlos"),
])
def test_a_funded_by_line_that_goes_on_to_its_implementer(text, funder, implementer, partner):
    rec = _one(text)
    assert _funders(rec) == [funder]  # not the envelope, not the partner after "avec" / "con"
    assert [p.name for p in rec.partners if p.role == "implementing"] == [implementer]
    assert partner in [p.name for p in rec.partners if p.role == "cooperating"]


# ------------------------------------------------------------------------ a page's funder the list does not know

_PAGE_RECORDS = ("Title: Civil service reform in Niger\nCode: GF-01\nCountry: Niger\nPeriod: 2025-2027\n\n"
                 "Title: Local finance training in Mali\nCode: GF-02\nCountry: Mali\nPeriod: 2025-2026\n\n"
                 "Title: Civil registry in Chad\nCode: GF-03\nCountry: Chad\nPeriod: 2025-2028\n"
                 "Donor: European Union\n")


@pytest.mark.parametrize("head, funder", [
    ("Governance Fund - Grants register\n\nThe projects below are funded by the Nordic Governance Facility.\n\n",
     "Nordic Governance Facility"),
    ("Fonds de gouvernance - registre des subventions\n\nLes projets ci-dessous, financés par la Coopération "
     "luxembourgeoise, relèvent du volet gouvernance.\n\n", "Coopération luxembourgeoise"),
    ("Fondo de gobernanza - registro de donaciones\n\nLos proyectos siguientes están financiados por la Fundación "
     "Andina para la Gestión Pública.\n\n", "Fundación Andina para la Gestión Pública"),
])
def test_a_funder_named_once_in_the_page_head_is_lent_flagged(head, funder):
    records = parse_text(head + _PAGE_RECORDS)
    assert len(records) == 3
    assert _funders(records[1]) == [funder]
    assert any("page's head" in r for r in _flags(records[1], "funding_source"))
    assert _funders(records[2]) == ["European Union"]  # a record's own funder stays alone


def test_two_funders_in_the_page_head_lend_nothing():
    head = ("Governance Fund - Grants register\n\nThe projects below are funded by the Nordic Governance Facility "
            "and by the Alpine Public Service Trust.\n\n")
    records = parse_text(head + _PAGE_RECORDS)
    assert _funders(records[1]) == []
