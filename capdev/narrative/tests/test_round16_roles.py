"""Suggested partners (round 16, values/suggest_partners.py): for a found record no rule gave a partner that is not a
funder, the bodies its own text gives that role, placed and FLAGGED on "partners" with what they were read from: a
label of partnership and its value (wrapped onto an indented line, or inside a sentence), a body shaped as an
institution after a word of working together or after "with", "avec", "con". In English, French and Spanish; with
the guards: a rule's partners (untouched), another project's paragraph or label, "in line with", a country alone, a
funder after "with", a person."""
from __future__ import annotations

import pytest

from capdev.narrative.tests._shared import only_record_in, suggested
from capdev.narrative.values.suggest_partners import suggest_partners

_one = only_record_in


def _cooperating(rec) -> list[str]:
    return [p.acronym or p.name for p in rec.partners if p.role != "funding"]


# ---------------------------------------------------------------- suggested and flagged

@pytest.mark.parametrize("text,names,cue", [
    ("Digital Records Management for Local Councils\nProject code: DRM-2025-03\n"
     "Duration: January 2025 - December 2027\nBudget: USD 400,000\nFunded by the Government of Norway.\n"
     "Technical counterpart .......... National Archives and Records Authority (NARA) /\n"
     "                                 Association of Local Authorities of Tanzania\n"
     "Summary: the project trains records officers of 40 councils.\n",
     ["NARA", "Association of Local Authorities of Tanzania"], "Technical counterpart"),
    ("Integrity Systems for Public Procurement in Zambia\n\nThe project \"Integrity Systems for Public Procurement "
     "in Zambia\" runs from March 2025 to February 2027 with\nUSD 350,000 from the Government of Finland. Its "
     "inception workshop, co-organized with the Zambia Public\nProcurement Authority (ZPPA) and the National "
     "Institute of Public Administration, was held in Lusaka in\nMay 2025 with 60 officials.\n",
     ["ZPPA", "National Institute of Public Administration"], "co-organized with"),
    ("Atelier national sur la gestion axée sur les résultats\n\nLe projet « Gestion axée sur les résultats dans "
     "l'administration guinéenne », financé par la Banque africaine de\ndéveloppement (2025-2027), a tenu son "
     "atelier national à Conakry en avril 2025, co-organisé avec l'Institut\nnational de la statistique (INS) et "
     "la Direction nationale du Plan.\n",
     ["INS", "Direction nationale du Plan"], "co-organise avec"),
    ("Modernización de las compras públicas municipales\n\nPeríodo: abril de 2025 a marzo de 2027. Financiado por "
     "la Unión Europea con EUR 900.000. Contraparte técnica: Dirección Nacional de Contrataciones\nPúblicas (DNCP). "
     "El proyecto capacitó a 120 compradores municipales en 2025.\n",
     ["DNCP"], "Contraparte técnica"),
])
def test_the_bodies_the_text_gives_a_partners_role_are_suggested_flagged(text, names, cue) -> None:
    rec = _one(text)
    assert _cooperating(rec) == names
    reasons = suggested(rec, "partners")
    assert len(reasons) == len(names) and all(cue in r for r in reasons)
    assert all(p.role == "funding" for p in rec.partners if (p.acronym or p.name) not in names)  # funders kept


def test_a_body_after_con_shaped_as_an_institution() -> None:
    found = suggest_partners("Funcionó de marzo de 2021 a noviembre de 2023, con un aporte de la Unión Europea, y lo "
                             "organizamos con la Universidad Nacional de Asunción y el INAPP. Hubo 200 asistentes.")
    assert [n for n, _, _ in found] == ["Universidad Nacional de Asunción", "INAPP"]


# ---------------------------------------------------------------- guards

@pytest.mark.parametrize("text", [
    # another project's paragraph, named by its code
    "Civil Service Reform Support in Malawi\nCode: MWI-2025-01\nDuration: January 2025 - December 2027\n"
    "Funding: European Union\n\nUnder project MWI-2019-04, a workshop co-organized with the Malawi Institute of "
    "Management (MIM) was held in 2020.\n",
    # "in line with", "consistent with": no partnership
    "Strengthening Policy Coherence in Ghana\nThe project runs from 2025 to 2027 with USD 500,000 from the "
    "Government of Italy, in line with the National\nDevelopment Planning Commission (NDPC) guidelines and "
    "consistent with the Ghana Statistical Service (GSS) standards.\n",
    # a country alone under a label of partnership
    "Gobierno digital para municipios\nPaíses socios ..... Guatemala y Honduras\n"
    "Período ........... julio 2025 - junio 2027\nFinanciamiento .... Unión Europea\n",
    # a funder after "with"
    "E-Government Capacity in Bhutan\nThe project runs from 2025 to 2027, with the World Bank and with the "
    "Government of Japan (JICA) paying for the training.\n",
    # another record's partners, named by its code in the label
    "Evaluación de políticas públicas, fase II\nCódigo: CR-EVAL-2024-07\nPeríodo: 2024-2026\n"
    "Financiamiento: Unión Europea\nSocios CR-SCD-2027-02: Ministerio de Ciencia, Innovación, Tecnología y "
    "Telecomunicaciones (MICITT).\n",
])
def test_no_partner_is_suggested(text) -> None:
    rec = _one(text)
    assert _cooperating(rec) == [] and suggested(rec, "partners") == []


def test_a_rules_partners_are_left_as_they_are() -> None:
    rec = _one("Digital Records Management for Local Councils\nDuration: January 2025 - December 2027\n"
               "Funding: Government of Norway\nPartners: UNDP\nSummary: the inception workshop, co-organized with "
               "the National Institute of Public Administration (NIPA), took place in Dodoma.\n")
    assert _cooperating(rec) == ["UNDP"] and suggested(rec, "partners") == []


@pytest.mark.parametrize("text", [
    "The mission met with Dr. Amina Diallo and Mr. Juan Pérez.",
    "Réunion tenue avec le Mali et le Niger en 2025.",
    "El taller se organizó con la Municipalidad antes del cierre de la fase.",
])
def test_no_person_country_or_words_of_a_sentence(text) -> None:
    assert suggest_partners(text) == []


# ---------------------------------------------------------------- suggested donors where they missed

@pytest.mark.parametrize("text,donor,source,cue", [
    ("E-Procurement Capacity Building in Tonga\nA $4.5 million grant from the Pacific Resilience Fund; effective 1 "
     "March 2024, closing 31 August 2027.\nExecuting agency: Ministry of Finance.\n",
     None, "Pacific Resilience Fund", "after 'grant from'"),
    ("Fortalecimiento del servicio civil en Honduras\nPeríodo ........... marzo 2025 - febrero 2027\n"
     "Monto ............. USD 310.000 (AECID)\nEstado ............ En ejecución\n",
     "AECID", None, "in brackets after the amount"),
    ("Appui à la statistique administrative\nPériode : 2025-2027\n"
     "Budget : 450 000 USD (Compte de l'ONU pour le développement)\n"
     "Partenaires : Institut national de la statistique (INS)\n",
     None, "Compte de l'ONU pour le développement", "in brackets after the amount"),
])
def test_the_owner_of_the_amount_or_the_body_after_a_funding_word_is_the_suggested_donor(text, donor, source,
                                                                                          cue) -> None:
    rec = _one(text)
    assert [p.acronym or p.name for p in rec.partners if p.role == "funding"] == ([donor] if donor else [])
    assert rec.funding_source == source
    assert any(cue in r for r in suggested(rec, "funding_source"))


def test_a_funding_words_own_complement_is_no_longer_name_around_the_body() -> None:
    from capdev.narrative.values.suggest_donors import suggest_donor

    assert suggest_donor("Le projet, avec un financement attendu de l'AFD, durera 36 mois.") == "AFD"
    assert suggest_donor("El proyecto, con financiación prevista de la AECID, durará 24 meses.") == "AECID"


@pytest.mark.parametrize("text,owner", [
    ("Budget: USD 490,000 from the Development Account. Lead national partner: the Academy.", "Development Account"),
    ("Funcionó con un aporte de EUR 800.000 de la Unión Europea, y lo hicimos con la FIIAPP.", "Unión Europea"),
])
def test_the_payer_or_mechanism_named_right_after_the_amount(text, owner) -> None:
    from capdev.narrative.values.suggest_donors import suggest_owner

    found = suggest_owner(text)
    assert found is not None and found[0] == owner and found[1] == "after the amount"


@pytest.mark.parametrize("text", [
    "The first phase received USD 200,000 from the Development Account.",  # an earlier phase's
    "Con USD 3 millones de presupuesto propio.",  # no name after the amount
    "The first phase (2019-2022) was a grant from the Asian Development Fund.",  # an earlier phase's
    "Budget: USD 300,000 (Development Account) and USD 200,000 (World Bank)",  # two owners: split evidence
    "Budget: USD 300,000 (Ministry of Finance)",  # no payer, no mechanism
    "A grant from the Ministry of Planning and the Asian Development Fund.",  # a list
])
def test_no_owner_is_suggested(text) -> None:
    from capdev.narrative.values.suggest_donors import suggest_owner

    assert suggest_owner(text) is None


def test_a_list_under_a_heading_of_partnership() -> None:
    found = suggest_partners("SECTION E - PARTENAIRES ASSOCIÉS\n- Institut national de la statistique (INS)\n"
                             "- Agence nationale de la société de l'information (ANSI)\n"
                             "- Bureau du Coordonnateur résident (pour information)\n\nSECTION F - CALENDRIER\n")
    assert [n for n, _, _ in found] == ["Institut national de la statistique (INS)",
                                        "Agence nationale de la société de l'information (ANSI)"]
    assert all("PARTENAIRES ASSOCIÉS" in why for _, _, why in found)


@pytest.mark.parametrize("text", [
    "Development partners:\n- European Union\n- World Bank\n",  # who pays
    "Partenaires techniques et financiers\n- Agence française de développement (AFD)\n",
    "Socios para el desarrollo: Agencia Española de Cooperación Internacional para el Desarrollo (AECID)\n",
    "Países socios:\n- Guatemala\n- Honduras\n",  # countries
])
def test_no_partner_under_a_heading_of_who_pays_or_of_countries(text) -> None:
    assert suggest_partners(text) == []
