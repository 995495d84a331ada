"""Who pays and who works with the project, read by the grammar of English, French and Spanish rather than by one
phrase at a time (round 12):

- the passive participle of a verb of paying, built from its stem and its endings ("subsidised by", "subventionnée
  par", "costeado por"), names who pays after by / par / por (values/grant_cues.py, data/role_cues.json
  paying_stems);
- a noun of money as the subject of a verb that says where it comes from ("Funding comes from", "le financement
  provient de", "la financiación corre a cargo de") names who pays (grant_cues, funding_origins);
- a noun of help made one of money by its adjective ("financial contribution", "contribution financière",
  "contribución financiera") is a noun of money (grant_nouns);
- a gift or a loan after an indefinite article names its giver ("a grant from", "d'un prêt concessionnel de", "una
  cooperación técnica no reembolsable del"); a noun that may mean help only with an adjective of money
  (grant_cues, gift_nouns, help_nouns, money_adjectives);
- one partner named as the group is, with a singular copula ("Our counterpart is the Ministry of Finance", "Notre
  contrepartie est le Ministère ...", "Nuestra contraparte es la SFP") (values/told_partners.py);
- a payer that opens a clause after "that" / "que" ("Les informo que el Gobierno de Canadá aportó ...")
  (values/role_statements.py);
- a sum of money among the names of a partner list is no body: a piece of its own is dropped, a bracket after a
  name taken off (values/partner_sums.py);
- a body after a preposition of benefit ("au profit de l'Inspection générale du travail", "en beneficio de la
  Dirección General ...") is a partner (values/beneficiary_cues.py).

Records in several layouts and the three languages (tests/files/round12/who/, with a gold.json that
bench/narrative_accuracy.py reads); guards where each rule must not fire."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.funding import read_funding
from capdev.narrative.values.partner_checks import checked_partners
from capdev.narrative.values.partner_sums import is_sum, without_sums
from capdev.narrative.values.partners import parse_partners
from capdev.narrative.values.prose import read_roles

FILES = Path(__file__).parent / "files" / "round12" / "who"


def _names(rec, role: str | None = None) -> set[str]:
    return {p.name for p in rec.partners if role is None or p.role == role}


def _funders(rec) -> set[str]:
    return _names(rec, "funding")


def _others(rec) -> set[str]:
    return {p.name for p in rec.partners if p.role != "funding"}


# ------------------------------------------------------------------------------- participles of paying, by stem

def test_a_participle_built_from_a_stem_of_paying_names_the_payer_fr() -> None:
    rec = only_record(FILES / "fr_email.txt")  # "subventionné par la Banque africaine de développement (BAD)"
    assert _funders(rec) == {"African Development Bank", "European Union"}
    assert rec.countries == ["MDG"]


@pytest.mark.parametrize("sentence, payer", [
    ("The workshop series was subsidised by the Ministry of Education of Chile.", "Ministry of Education of Chile"),
    ("Les bourses sont subventionnées par l'Agence universitaire de la Francophonie.",
     "Agence universitaire de la Francophonie"),
    ("El diplomado fue costeado por la Embajada de Suecia.", "Embajada de Suecia"),
    ("La plataforma es subvencionada por la Fundación Avina.", "Fundación Avina"),
])
def test_participles_of_paying_in_each_language(sentence: str, payer: str) -> None:
    assert read_roles(sentence).funders == [payer]


@pytest.mark.parametrize("sentence", [
    "The meeting was hosted by the Ministry of Education of Chile.",   # a host, no payer
    "La session est parrainée par le Ministère de la Fonction publique.",  # a patron, no payer
    "El evento fue organizado por la Embajada de Suecia.",
])
def test_other_participles_name_no_payer(sentence: str) -> None:
    assert read_roles(sentence).funders == []


# ------------------------------------------------------------------ a noun of money and where it comes from

def test_funding_comes_from_names_the_payer_in_an_email() -> None:
    rec = only_record(FILES / "en_email.txt")  # "Funding comes from the Asian Development Bank, which ..."
    assert _funders(rec) == {"Asian Development Bank"}


@pytest.mark.parametrize("sentence, payer", [
    ("Le financement du programme provient principalement de l'Agence française de développement.",
     "Agence française de développement"),
    ("La financiación corre a cargo de la AECID.", "AECID"),
    ("Los fondos de la segunda fase provienen del Banco Centroamericano de Integración Económica.",
     "Banco Centroamericano de Integración Económica"),
    ("The funds for the pilot are provided by the Government of Norway.", "Government of Norway"),
])
def test_a_noun_of_money_and_the_verb_of_its_origin(sentence: str, payer: str) -> None:
    assert read_roles(sentence).funders == [payer]


@pytest.mark.parametrize("sentence", [
    "Funding comes from various sources, including small donors.",      # no name after the verb
    "Le financement vient de démarrer grâce au travail des équipes.",    # "vient de" + a verb
    "The delay comes from the Ministry of Finance's late approval.",     # no noun of money before the verb
])
def test_no_payer_where_no_name_or_no_money_noun(sentence: str) -> None:
    assert read_roles(sentence).funders == []


def test_a_financial_contribution_is_money() -> None:
    rec = only_record(FILES / "es_beneficio.txt")  # "Con la contribución financiera del Gobierno de Japón, ..."
    assert _funders(rec) == {"Gobierno de Japón"}
    assert rec.countries == ["DOM"]  # Japan pays, it is not served
    assert read_roles("Avec la contribution financière de la Confédération suisse, le projet forme 40 juges."
                      ).funders == ["Confédération suisse"]


# ------------------------------------------------------------------ a gift or a loan after an indefinite article

@pytest.mark.parametrize("sentence, payer", [
    ("The work is backed by a grant from the Government of Finland.", "Government of Finland"),
    ("Le projet bénéficie d'un prêt concessionnel de la Banque africaine de développement.",
     "Banque africaine de développement"),
    ("El proyecto PRISMA, una cooperación técnica no reembolsable del BID por 1,5 millones de dólares, concluye en "
     "2027.", "BID"),
    ("Funcionó de 2021 a 2023, con un aporte de la Unión Europea de 800.000 euros.", "Unión Europea"),
])
def test_a_gift_or_a_loan_names_its_giver(sentence: str, payer: str) -> None:
    assert read_roles(sentence).funders == [payer]


@pytest.mark.parametrize("sentence", [
    "This is a contribution of the Ministry of Planning to the debate.",     # help, no adjective of money
    "Une contribution de la Direction des études a permis de préciser la méthode.",
    "A loan of three months was agreed.",                                    # no name in capitals
    "The funding of the Training Centre was discussed.",                     # no indefinite article: what is paid for
])
def test_no_giver_without_a_gift(sentence: str) -> None:
    assert read_roles(sentence).funders == []


# ---------------------------------------------------------------------- one partner, a singular copula

@pytest.mark.parametrize("name, partner", [
    ("en_email.txt", "Ministry of Finance of Fiji"),        # "Our counterpart is the Ministry of Finance of Fiji"
    ("fr_email.txt", "Ministère de la Santé publique"),     # "Notre contrepartie est le Ministère ..."
])
def test_one_partner_named_with_a_singular_copula(name: str, partner: str) -> None:
    rec = only_record(FILES / name)
    assert partner in _others(rec)
    assert partner not in _funders(rec)


@pytest.mark.parametrize("sentence, partner", [
    ("Nuestro socio principal es el Instituto Nacional de Administración Pública (INAP).",
     "Instituto Nacional de Administración Pública (INAP)"),
    ("Su contraparte será la Contraloría General de la República.", "Contraloría General de la República"),
])
def test_one_partner_named_with_a_singular_copula_es(sentence: str, partner: str) -> None:
    told = read_roles(sentence)
    assert [p.removeprefix("el ").removeprefix("la ") for p in told.partners] == [partner]


@pytest.mark.parametrize("sentence", [
    "The counterpart contribution is EUR 50,000.",     # a sum, not a body
    "Our main partner is committed to the reform.",    # no name after the copula
    "Notre partenaire est le Sénégal.",                # a country is served, not a partner
    "La contraparte es de USD 20.000.",
])
def test_a_singular_copula_without_a_body_names_no_partner(sentence: str) -> None:
    assert read_roles(sentence).partners == []


# ------------------------------------------------------------------------- a payer after "that" / "que"

@pytest.mark.parametrize("sentence, payer", [
    ("Les informo que el Gobierno de Canadá aportó 500.000 dólares canadienses para la segunda fase.",
     "Gobierno de Canadá"),
    ("We are pleased to confirm that the Government of Australia has committed AUD 300,000 to the project.",
     "Government of Australia"),
    ("Nous confirmons que l'AFD a octroyé 3 M€ au projet.", "AFD"),
])
def test_a_payer_that_opens_a_clause_after_that_or_que(sentence: str, payer: str) -> None:
    assert read_roles(sentence).funders == [payer]


def test_a_clause_after_that_that_pays_nothing_names_no_payer() -> None:
    assert read_roles("We note that the Ministry provided the venue for the meetings.").funders == []


# ---------------------------------------------------------------------------- sums among partner names

def test_a_sum_after_a_funder_is_no_funder() -> None:
    rec = only_record(FILES / "en_notes.txt")  # "funded by: ... (SECO), USD 1.2 million"
    assert _funders(rec) == {"Swiss State Secretariat for Economic Affairs"}


def test_a_share_in_brackets_is_taken_off_the_name() -> None:
    got = parse_partners("l'Union européenne (16 M€) et le Royaume de Belgique (2,5 M€)", "funding")
    assert [p.name for p in got] == ["European Union", "Royaume de Belgique"]
    assert all("M€" not in (p.text or "") for p in got)


def test_a_share_in_brackets_does_not_end_a_list_of_funders_told_in_prose() -> None:
    told = read_roles("Le programme est financé par l'Union européenne (16 M€) et le Royaume de Belgique (2,5 M€), "
                      "soit un budget total de 18,5 M€.")
    assert told.funders == ["Union européenne et le Royaume de Belgique"]
    # a bracket that holds more than a sum still ends the name
    assert read_roles("Funded by the Government of Italy (EUR 850,000, 2023-2026) to train judges.").funders == [
        "Government of Italy"]


def test_sums_and_names() -> None:
    assert is_sum("USD 1.2 million") and is_sum("approx. 16 M€") and is_sum("(US$ 2.5 millones)")
    assert not is_sum("Fund for 2030") and not is_sum("FOMIX") and not is_sum("USD 1.2 million from Japan")
    assert without_sums("Fondo Mixto (FOMIX)") == "Fondo Mixto (FOMIX)"  # an acronym in brackets stays
    assert without_sums("Gobierno de Suiza (USD 400.000)") == "Gobierno de Suiza"


# ------------------------------------------------------------------------------- a preposition of benefit

@pytest.mark.parametrize("name, partner", [
    ("fr_profit.txt", "Inspection générale du travail"),     # "au profit de l'Inspection générale du travail"
    ("es_beneficio.txt", "Dirección General de Contrataciones Públicas de la República Dominicana"),
])
def test_a_body_after_a_preposition_of_benefit_is_a_partner(name: str, partner: str) -> None:
    rec = only_record(FILES / name)
    assert partner in _others(rec)


@pytest.mark.parametrize("sentence", [
    "Des ateliers sont organisés au profit des jeunes diplômés.",                   # people, in small letters
    "Training for the benefit of 300 civil servants of the region.",               # a count of people
    "Un plaidoyer en faveur de la Réforme constitutionnelle.",                     # capitals, but no body
    "Las capacitaciones se realizan en beneficio de Honduras y Guatemala.",         # countries are served
    "Un projet de 2 800 000 000 FCFA au bénéfice du Cameroun, du Gabon et du Tchad.",
])
def test_no_body_after_a_preposition_of_benefit(sentence: str) -> None:
    assert read_roles(sentence).partners == []


# ------------------------------------------------------------------------- help of knowledge, not money

@pytest.mark.parametrize("sentence, partner", [
    ("El proyecto, ejecutado por la SFP con el acompañamiento técnico del ILPES-CEPAL, inició en 2022.",
     "ILPES-CEPAL"),
    ("The review was done with the technical support of ECLAC.", "ECLAC"),
    ("L'enquête est menée avec l'appui méthodologique de l'Institut national de la statistique.",
     "Institut national de la statistique"),
    ("Con el apoyo técnico y metodológico de la CEPAL se diseñó el plan.", "CEPAL"),
])
def test_a_body_that_gives_technical_help_is_a_partner(sentence: str, partner: str) -> None:
    told = read_roles(sentence)
    assert [p.removeprefix("la ").removeprefix("l'") for p in told.partners] == [partner]
    assert partner not in " ".join(told.funders)


@pytest.mark.parametrize("sentence", [
    "With the technical support of three national consultants, the team wrote the plan.",  # people, no body
    "Avec l'appui technique du Niger, les agents ont été formés.",                          # a country is served
])
def test_technical_help_without_a_body_names_no_partner(sentence: str) -> None:
    assert read_roles(sentence).partners == []


def test_technical_and_financial_help_is_not_read_as_knowledge_only() -> None:
    told = read_roles("Avec l'appui technique et financier de la Banque mondiale, le projet forme 40 agents.")
    assert "Banque mondiale" not in " ".join(told.partners)


# ------------------------------------------------------------- the instrument of a gift or a loan, by number

@pytest.mark.parametrize("value, payer", [
    ("Don IDA n° E1184-GN - 45,0 millions USD", "IDA"),
    ("Grant TF-0B1234 (World Bank)", "World Bank"),
    ("Préstamo BID 4567/OC-PE", "BID"),
    ("Crédit IDA 6543-BJ", "IDA"),
    ("Loan No. 3345-KG from the Asian Development Bank", "Asian Development Bank"),
    ("Don du Japon", "Japon"),
])
def test_the_instrument_of_a_gift_names_its_payer(value: str, payer: str) -> None:
    read = read_funding(value)
    assert read.funders == [payer]
    assert not read.source  # the noun and its number are no source and no body


@pytest.mark.parametrize("value", [
    "Grant agreement 2023-11",            # a number, nobody named
    "Subvention Projet 2023-44",          # a project is no payer
    "Contribution of the Project Team",   # help, no number, nobody that pays
    "Development Account, 14th tranche",  # a mechanism stays the source
])
def test_an_instrument_without_a_payer_names_no_funder(value: str) -> None:
    assert read_funding(value).funders == []


# ----------------------------------------------------------------------- a legal form after a comma

def test_a_legal_form_after_a_comma_goes_on_naming_the_body() -> None:
    got = parse_partners("Instituto Nacional de Administración Pública, A.C. de México (INAP México) and UNDP")
    assert [p.name for p in got] == ["Instituto Nacional de Administración Pública, A.C. de México (INAP México)",
                                     "United Nations Development Programme"]
    got = parse_partners("Transparencia Mexicana, A.C., Fundar")
    assert [p.name for p in got] == ["Transparencia Mexicana, A.C.", "Fundar"]


def test_a_body_after_a_comma_is_not_a_legal_form() -> None:
    got = parse_partners("Asociación Civil Transparencia, Acción Ciudadana")
    assert [p.name for p in got] == ["Asociación Civil Transparencia", "Acción Ciudadana"]


def test_a_line_that_opens_with_a_small_linking_word_goes_on_naming_the_body() -> None:
    got = parse_partners("Contraloría Gral.\nde la República")  # a table's cell wrapped over two lines
    assert [p.name for p in got] == ["Contraloría Gral. de la República"]
    got = parse_partners("Dirección Gral. de Aduanas; SAT")  # an abbreviation's stop ends no name
    assert [p.name for p in got] == ["Dirección Gral. de Aduanas", "SAT"]
    got = parse_partners("Ministère de la Santé\nUniversité de Dakar")  # two lines, two bodies
    assert [p.name for p in got] == ["Ministère de la Santé", "Université de Dakar"]


def test_a_letter_alone_is_no_body() -> None:
    got = parse_partners("Instituto Nacional de Administración Pública, A")
    assert [p.name for p in got] == ["Instituto Nacional de Administración Pública"]


def test_the_implementer_before_a_cue_of_technical_help_is_read_as_well() -> None:
    told = read_roles("El proyecto, financiado por la AECID con EUR 3.200.000 y ejecutado por la SFP con el "
                      "acompañamiento técnico del ILPES-CEPAL, inició el 1 de febrero.")
    assert told.funders == ["AECID"]
    assert told.implementers == ["la SFP"]
    assert told.partners == ["ILPES-CEPAL"]


# -------------------------------------------------------------------------- words that name no body

@pytest.mark.parametrize("value", ["Modérément satisfaisant", "Mise à jour prévue", "Pendiente de confirmación"])
def test_words_with_no_noun_of_a_body_are_not_placed(value: str) -> None:
    kept, left = checked_partners(value, "implementing")
    assert kept == [] and left and "no word that names a body" in left[0]


@pytest.mark.parametrize("value", ["Direction nationale de la fonction publique", "Coopération luxembourgeoise",
                                   "Mairie de quartier", "Cámara de comercio", "Enabel", "Caritas", "MPCE (Haití)",
                                   "ANAM (Guatemala)"])
def test_bodies_in_small_letters_are_placed(value: str) -> None:
    kept, left = checked_partners(value, "implementing")
    assert len(kept) == 1 and left == []

