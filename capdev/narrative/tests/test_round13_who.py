"""Who pays and who works with the project, read by the shape of the text and the words of English, French and
Spanish (round 13):

- an implementing cue's phrase that splits its own partner off ("ejecutado por la ONSEC, en alianza con la
  Universidad ...") names its implementer, even where another cue read that partner (values/prose_roles.py,
  not_split_off);
- "money", "monies", "dinero" are nouns of money, and up to eight words may stand between such a noun and the verb
  that says where it comes from ("the money for the Audit Modernisation Project in Jamaica comes from ...")
  (data/role_cues.json grant_nouns, values/grant_cues.py);
- a lone word that heads a column of a table ("Entidad    Función") is no body (values/partner_checks.py,
  heading_word);
- a row of a table of bodies with a role column ("Agencia Suiza ... (COSUDE)    Donante", "| University of Rwanda |
  Implementing partner |") reads as that label with the body for its value (values/role_rows.py);
- a head and a noun of help before a body that surely pays ("thanks to the cooperation of the Kingdom of Spain",
  "grâce à la coopération du Royaume de Belgique") is a cue of support (values/receiving_cues.py);
- a body's role in an apposition right after its name ("... (ECLAC), its co-implementing partner", "le Conseil
  départemental de la Loire-Atlantique, bailleur du programme"), and a body after a bare "With" / "Avec" / "Con"
  that opens a sentence whose subject is the project ("Avec la DGAP, le projet accompagne ...") (values/
  role_appositions.py).

- two bodies a sentence opens with, before a copula and a noun of partners ("L'Agence ... (ANGN) et la Direction
  ... (DNFP) en sont les partenaires de mise en œuvre") (values/told_partners.py);
- a participle of endowing, a sum alone and "par" ("est doté de 6 000 000 EUR par l'Union européenne") names the
  payer (values/grant_cues.py, endowed_by_ends).

- a second body after "and with" / "et avec" / "y con" in a partner cue's sentence ("en coordinación con la ENAP
  ... y con el CEPLAN") (values/told_partners.py, continued_starts).

- a value whose line ends with "and" and a body's head noun ("... (IAEN) y Dirección" / "Nacional de Registros
  Públicos (DINARP)") is cut short: the next line goes on with it, and the head noun opens a second body
  (values/role_cues.py ends_cut_short, values/partners.py heads);
- a budget label's value that names who pays ("USD 25.000.000, financiado por el Banco Interamericano de
  Desarrollo (BID)") gives that funder (assemble.on_budget reads prose.read_funders).

- a noun of implementing as the subject of a verb of entrusting ("Sa mise en œuvre est confiée à Enabel", "La
  ejecución del proyecto está a cargo de la ONSEC") names the implementer (values/prose_roles.py); a name followed
  by an apposition in small letters ("Enabel, l'agence belge ...") no longer breaks the name's reader.

Records in several layouts and the three languages (tests/files/round13/who/, with a gold.json that
bench/narrative_accuracy.py reads); guards where each rule must not fire."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_text
from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.partner_checks import checked_partners
from capdev.narrative.values.prose import read_roles
from capdev.narrative.values.role_appositions import apposed_roles, fronted_partners
from capdev.narrative.values.role_rows import role_rows

FILES = Path(__file__).parent / "files" / "round13" / "who"


def _funders(rec) -> set[str]:
    return {p.name for p in rec.partners if p.role == "funding"}


def _others(rec) -> set[str]:
    return {p.name for p in rec.partners if p.role != "funding"}


# ------------------------------------------------------------------ an implementer whose phrase splits off its partner

def test_an_implementer_beside_a_partner_of_its_own_phrase_es() -> None:
    rec = only_record(FILES / "es_acta.txt")
    assert _funders(rec) == {"Gobierno de la República de Corea"}
    assert _others(rec) == {"Oficina Nacional de Servicio Civil", "Universidad de San Carlos de Guatemala"}


@pytest.mark.parametrize("sentence, implementer, partner", [
    ("The programme is funded by the Government of Norway and is implemented by the Revenue Authority, jointly with "
     "the Tax Academy.", "the Revenue Authority", "the Tax Academy"),
    ("Le projet, financé par l'Union européenne, est mis en œuvre par l'Agence nationale des routes, conjointement "
     "avec l'École nationale d'administration.", "l'Agence nationale des routes", "l'École nationale d'administration"),
    ("Se informó que el proyecto cuenta con el financiamiento del BID y que es ejecutado por el Ministerio de "
     "Hacienda, en alianza con la Universidad Nacional.", "el Ministerio de Hacienda", "la Universidad Nacional"),
])
def test_implementers_with_a_partner_after_a_funder(sentence: str, implementer: str, partner: str) -> None:
    read = read_roles(sentence)
    assert read.implementers == [implementer]
    assert partner in read.partners


# ------------------------------------------------------------------------------------------------ nouns of money

def test_the_money_for_the_project_comes_from_en() -> None:
    rec = only_record(FILES / "en_email.txt")
    assert _funders(rec) == {"Inter-American Development Bank"}


@pytest.mark.parametrize("sentence, payer", [
    ("The money for the second phase of the project comes from the Government of Japan.", "Government of Japan"),
    ("El dinero para la segunda fase del proyecto proviene del Gobierno de Japón.", "Gobierno de Japón"),
])
def test_money_as_a_noun_of_money(sentence: str, payer: str) -> None:
    assert read_roles(sentence).funders == [payer]


@pytest.mark.parametrize("sentence", [
    "The money comes from the sale of tickets.",
    "The money the Ministry of Finance spends on training comes largely from taxes.",
])
def test_money_from_no_body_names_no_payer(sentence: str) -> None:
    assert read_roles(sentence).funders == []


# ----------------------------------------------------------------------------------------- a table's role column

def test_a_table_with_a_role_column_es() -> None:
    rec = only_record(FILES / "es_tabla.txt")
    assert _funders(rec) == {"Swiss Agency for Development and Cooperation"}  # COSUDE, a known body
    assert _others(rec) == {"Viceministerio de Tierras", "Instituto Geográfico Militar"}
    assert "Función" not in {p.name for p in rec.partners}  # the header row's second cell


def test_role_rows_in_each_layout() -> None:
    text = ("| Rwanda Public Service Commission | Implementing partner |\n"
            "| Kingdom of the Netherlands | Donor | EUR 2 M |\n"
            "Université de Kinshasa\tPartenaire technique\n"
            "Agencia Española de Cooperación (AECID)     Cofinanciador\n")
    assert role_rows(text) == [("Rwanda Public Service Commission", "implementing"),
                               ("Kingdom of the Netherlands", "funding"),
                               ("Université de Kinshasa", "cooperating"),
                               ("Agencia Española de Cooperación (AECID)", "funding")]


@pytest.mark.parametrize("line", [
    "Donor    Kingdom of Norway",                 # a label and its value: the label reader's
    "The project met the donor    Donor",         # no body's name in the first cell
    "Juan Pérez     Socio técnico",               # a person
    "Ministry of Finance     Partner meeting in May",  # the second cell is no label
    "Workshop with partners     Partner",
])
def test_rows_that_are_no_role_rows(line: str) -> None:
    assert role_rows(line) == []


@pytest.mark.parametrize("word", ["Función", "Role", "Rôle", "Montant"])
def test_a_column_heading_word_is_no_body(word: str) -> None:
    kept, left = checked_partners(word, "cooperating")
    assert kept == [] and left


@pytest.mark.parametrize("name", ["Enabel", "Sida", "Expertise France"])
def test_one_word_bodies_stay(name: str) -> None:
    kept, _ = checked_partners(name, "cooperating")
    assert [p.text or p.name for p in kept] == [name]


# ------------------------------------------------------------------------------------ a contribution from a payer

@pytest.mark.parametrize("sentence, payer", [
    ("Thanks to the cooperation of the Kingdom of Spain, 40 cities opened budget portals.", "Kingdom of Spain"),
    ("With the contribution of the Government of Australia, 40 cities opened budget portals.",
     "Government of Australia"),
    ("Grâce à la coopération du Royaume de Belgique, le projet a formé 300 agents.", "Royaume de Belgique"),
    ("Gracias a la cooperación del Gobierno de Japón, se formó a 200 funcionarios.", "Gobierno de Japón"),
])
def test_a_contribution_from_a_payer(sentence: str, payer: str) -> None:
    assert read_roles(sentence).funders == [payer]


@pytest.mark.parametrize("sentence", [
    "With the cooperation of the Ministry of Health, the project trained nurses.",  # a counterpart, maybe
    "Thanks to the contribution of participants, the workshop was a success.",
    "Thanks to the technical cooperation of the Government of Japan, staff were trained.",  # help of knowledge
    "The contribution of the Ministry of Finance to the debate was noted.",
])
def test_contributions_that_name_no_payer(sentence: str) -> None:
    assert read_roles(sentence).funders == []


# ----------------------------------------------------------------------------------------- a role in apposition

@pytest.mark.parametrize("sentence, funders, partners", [
    ("A webinar was held with focal points from three countries and the Economic Commission for Latin America and "
     "the Caribbean (ECLAC), its co-implementing partner.", [],
     ["the Economic Commission for Latin America and the Caribbean (ECLAC)"]),
    ("Le programme s'inscrit dans la coopération décentralisée avec le Conseil départemental de la Loire-Atlantique, "
     "bailleur du programme. Il prévoit l'interconnexion avec l'Agence nationale de l'état civil (ANEC), partenaire "
     "technique.", ["le Conseil départemental de la Loire-Atlantique"], ["l'Agence nationale de l'état civil (ANEC)"]),
    ("El curso fue diseñado con la Agencia Chilena de Cooperación Internacional para el Desarrollo (AGCID), donante "
     "del proyecto, y con la Escuela Nacional de Administración Pública, socio técnico.",
     ["la Agencia Chilena de Cooperación Internacional para el Desarrollo (AGCID)"],
     ["la Escuela Nacional de Administración Pública"]),
    ("The meeting thanked Japan, donor of the project.", ["Japan"], []),  # a country named as donor pays
])
def test_a_role_in_apposition(sentence: str, funders: list[str], partners: list[str]) -> None:
    assert apposed_roles(sentence) == (funders, partners)


@pytest.mark.parametrize("sentence", [
    "We met Ana Ruiz, donor relations officer, in May.",    # the noun goes on
    "We met Dr. Ana Ruiz, partner.",                         # a person
    "UNDP, partner of the World Bank in many countries, attended.",
    "The workshop was held in Kenya, a partner country.",
    "Le projet travaille au Sénégal, partenaire de longue date.",
    "The project works in Kenya, its partner.",              # a country is served, no partner
    "The evaluation, the donor said, was positive.",
    "Training of Trainers, partner session.",
])
def test_no_role_in_apposition(sentence: str) -> None:
    assert apposed_roles(sentence) == ([], [])


@pytest.mark.parametrize("sentence, partner", [
    ("CVE/040 - En cours - 2022-2026 Avec la Direction générale de l'administration publique (DGAP), le projet "
     "accompagne la réforme des carrières.", "la Direction générale de l'administration publique (DGAP)"),
    ("With the Revenue Authority, the programme trained 300 officers.", "the Revenue Authority"),
    ("Con la Contraloría General de la República, el proyecto elaboró un manual.",
     "la Contraloría General de la República"),
])
def test_a_body_the_sentence_opens_with(sentence: str, partner: str) -> None:
    assert fronted_partners(sentence) == [partner]
    assert partner in read_roles(sentence).partners


@pytest.mark.parametrize("sentence", [
    "With 45 participants, the project closed its first phase.",
    "With Ana Ruiz, the project team met the mayor.",      # a person
    "With Kenya, the project signed a memorandum.",         # a country is served
    "Trained with the Revenue Authority, the project staff left.",  # no sentence opens with "With"
    "With the Revenue Authority, the Ministry signed a memorandum.",  # the project is not the subject
])
def test_no_body_the_sentence_opens_with(sentence: str) -> None:
    assert fronted_partners(sentence) == []


# ------------------------------------------------------------------------- bodies before the words of their role

@pytest.mark.parametrize("sentence, partners", [
    ("Le PGNMA est mis en œuvre par une unité de gestion. L'Agence nationale de la gouvernance numérique (ANGN) et "
     "la Direction nationale de la fonction publique (DNFP) en sont les partenaires de mise en œuvre.",
     ["Agence nationale de la gouvernance numérique (ANGN) et la Direction nationale de la fonction publique (DNFP)"]),
    ("La Contraloría y el Instituto Nacional de Estadística (INE) son los socios de ejecución.",
     ["Contraloría y el Instituto Nacional de Estadística (INE)"]),
])
def test_two_bodies_before_their_role(sentence: str, partners: list[str]) -> None:
    assert read_roles(sentence).partners == partners


@pytest.mark.parametrize("sentence", [
    "Kenya and Uganda are partners of the Ministry.",
    "The Ministry of Finance is the partner of the World Bank.",
])
def test_no_bodies_before_their_role(sentence: str) -> None:
    assert read_roles(sentence).partners == []


# ---------------------------------------------------------------------------------------------- a sum endowed by

@pytest.mark.parametrize("sentence, payer", [
    ("Le PAFAP (convention NDICI AFRICA/2023/445-812) est doté de 6 000 000 EUR par l'Union européenne.",
     "Union européenne"),
    ("El programa está dotado con USD 2 millones por el Banco Interamericano de Desarrollo.",
     "Banco Interamericano de Desarrollo"),
    ("The fund is endowed with EUR 3 million by the Government of Norway.", "Government of Norway"),
])
def test_a_sum_endowed_by_a_payer(sentence: str, payer: str) -> None:
    assert read_roles(sentence).funders == [payer]


@pytest.mark.parametrize("sentence", [
    "Le centre est doté d'une salle inaugurée par le Ministre.",  # no sum
    "Le centre est doté de 40 ordinateurs par la Mairie.",       # a count, no sum
    "Le projet est doté de 2 M EUR par an.",
])
def test_no_sum_endowed_by_a_payer(sentence: str) -> None:
    assert read_roles(sentence).funders == []


# ------------------------------------------------------------------------------------------ "... and with Y"

@pytest.mark.parametrize("sentence, partners", [
    ("Será ejecutado en coordinación con la Escuela Nacional de Administración Pública (ENAP) de la Autoridad "
     "Nacional del Servicio Civil y con el Centro Nacional de Planeamiento Estratégico (CEPLAN);",
     ["la Escuela Nacional de Administración Pública (ENAP)",
      "el Centro Nacional de Planeamiento Estratégico (CEPLAN)"]),
    ("It was carried out in collaboration with the Revenue Authority and with the Tax Academy.",
     ["the Revenue Authority", "the Tax Academy"]),
    ("Il est mené en partenariat avec l'Agence nationale des routes et avec l'École nationale d'administration.",
     ["l'Agence nationale des routes", "l'École nationale d'administration"]),
])
def test_a_second_body_after_and_with(sentence: str, partners: list[str]) -> None:
    assert read_roles(sentence).partners == partners


@pytest.mark.parametrize("sentence, partners", [
    ("The project works in partnership with the Ministry of Health and with funding from the European Union.",
     ["the Ministry of Health"]),
    ("Se trabajó en coordinación con la ENAP. Y con el CEPLAN se firmó un acuerdo.", ["la ENAP"]),  # another sentence
])
def test_no_second_body_after_and_with(sentence: str, partners: list[str]) -> None:
    assert read_roles(sentence).partners == partners


# ------------------------------------------------------------------ a label's value cut short, a budget's payer

_FORM = """Programa: Programa de Fortalecimiento del Servicio Civil
Período de ejecución: marzo de 2023 a febrero de 2028
Costo total del programa: USD 25.000.000, financiado por el Banco Interamericano de
Desarrollo (BID)
Entidades co-participantes: Instituto de Altos Estudios Nacionales (IAEN) y Dirección
Nacional de Registros Públicos (DINARP)
"""


def test_a_value_cut_after_a_head_noun_and_a_budget_that_names_its_payer() -> None:
    [rec] = parse_text(_FORM)
    assert _funders(rec) == {"Inter-American Development Bank"}
    assert _others(rec) == {"Instituto de Altos Estudios Nacionales", "Dirección Nacional de Registros Públicos"}
    assert [(b.amount, b.currency) for b in rec.budgets] == [(25000000, "USD")]


def test_a_budget_with_no_payer_and_a_name_with_its_portfolio() -> None:
    [rec] = parse_text("Programme: Public Finance Reform\nPeriod: 2023-2026\nBudget: USD 2,000,000 (approved in 2022)\n"
                       "Partners: Ministry of Trade and Industry; Revenue Authority\n")
    assert _funders(rec) == set()
    assert _others(rec) == {"Ministry of Trade and Industry", "Revenue Authority"}


# ------------------------------------------------------------------------------------- implementation entrusted to

@pytest.mark.parametrize("sentence, implementer", [
    ("Sa mise en œuvre est confiée à Enabel, l'agence belge de développement.", "Enabel"),
    ("Its implementation is entrusted to the Kenya School of Government.", "Kenya School of Government"),
    ("La ejecución del proyecto está a cargo de la Oficina Nacional de Servicio Civil (ONSEC).",
     "Oficina Nacional de Servicio Civil (ONSEC)"),
])
def test_implementation_entrusted_to(sentence: str, implementer: str) -> None:
    assert read_roles(sentence).implementers == [implementer]


@pytest.mark.parametrize("sentence", [
    "La mise en œuvre est confiée à un consultant.",       # no name
    "The training is entrusted to the Kenya School of Government.",  # no noun of implementing
    "La financiación corre a cargo de la AECID.",           # a payer, not an implementer
])
def test_nothing_entrusted(sentence: str) -> None:
    assert read_roles(sentence).implementers == []
