"""Who works with a project and who funds it, told in sentences (round 9): a record whose only role label names
who pays still reads its partners from its sentences; a body after a cue of support ("with the support of",
"avec l'appui du", "con el apoyo del") is a funder when it surely pays, a partner when it helps, flagged when it may
do either (a foundation); partners listed after "the partners of the programme are" or named before "will be our
main partner"; French and Spanish ministries written small; mechanism codes read in capitals only. Records in
English, French and Spanish (tests/files/round9/who/); each case asserts the right values and that the wrong ones
are not produced."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record
from capdev.narrative.values import prose
from capdev.narrative.values.funding import read_funding
from capdev.narrative.values.partner_checks import checked_partners
from capdev.narrative.values.prose_names import name_extent
from capdev.narrative.values.role_statements import paying_subjects
from capdev.narrative.values.told_partners import helper_role, list_starts, named_before_role

FILES = Path(__file__).parent / "files" / "round9" / "who"


def _names(rec, role: str | None = None) -> set[str]:
    return {p.name for p in rec.partners if role is None or p.role == role}


@pytest.mark.parametrize("name, funder, partners", [
    ("donor_label_only_en.txt", "Government of Ireland",
     {"Public Service Management Division", "Zambia Institute of Public Administration and Management"}),
    ("donor_label_only_fr.txt", "Agence Française de Développement",
     {"ministère de la Fonction publique et de la Réforme administrative", "École nationale d'administration"}),
    ("donor_label_only_es.txt", "European Union",
     {"Instituto Nacional de Administración Pública", "Asociación de Municipios de Honduras",
      "Secretaría de Descentralización"}),
])
def test_a_donor_label_alone_still_reads_partners_from_sentences(name: str, funder: str, partners: set[str]) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "funding") == {funder}
    assert _names(rec, "cooperating") == partners
    assert any(f.field == "partners" and f.reason == "read from prose" for f in rec.flags)


@pytest.mark.parametrize("name, funder, helper", [
    ("support_helps_en.txt", "Government of the Republic of Korea", "Economic Commission for Africa"),
    ("support_helps_fr.txt", "Luxembourg", "Forum des inspections générales d'État d'Afrique"),
    ("support_helps_es.txt", "Spanish Agency for International Development Cooperation",
     "Latin American Centre for Development Administration"),
])
def test_a_body_after_a_cue_of_support_that_does_not_pay_is_a_partner(name: str, funder: str, helper: str) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "funding") == {funder}
    assert helper in _names(rec, "cooperating")
    assert helper not in _names(rec, "funding")


@pytest.mark.parametrize("name, body", [
    ("support_unsure_en.txt", "Ford Foundation"),
    ("support_unsure_fr.txt", "Fondation Hirondelle"),
    ("support_unsure_es.txt", "Fundación Avina"),
])
def test_a_foundation_after_a_cue_of_support_is_flagged_not_placed(name: str, body: str) -> None:
    rec = only_record(FILES / name)
    assert body not in _names(rec)  # it may pay or help: a wrong role is worse than none
    assert any(f.field == "partners" and body in f.reason for f in rec.flags)


@pytest.mark.parametrize("name, funder, partner", [
    ("named_partner_en.txt", "Government of Japan", "Astana Civil Service Hub"),
    ("named_partner_fr.txt", "African Development Bank", "Réseau africain des écoles d'administration publique"),
    ("named_partner_es.txt", "Inter-American Development Bank", "Red de Innovación Pública de Centroamérica"),
])
def test_a_body_named_before_its_role_of_partner(name: str, funder: str, partner: str) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "funding") == {funder}
    assert _names(rec, "cooperating") == {partner}


@pytest.mark.parametrize("text, partners", [
    ("The main partners of the project are the Civil Service Commission and the Lesotho Institute of Public "
     "Administration and Management (LIPAM). Training started in 2022.",
     ["the Civil Service Commission and the Lesotho Institute of Public Administration and Management (LIPAM)"]),
    ("Les partenaires techniques du projet sont l'École nationale d'administration (ENA) et la Cour des comptes. "
     "Le projet a démarré en 2021.",
     ["l'École nationale d'administration (ENA) et la Cour des comptes"]),
    ("Los socios técnicos del programa son el Instituto Centroamericano de Administración Pública (ICAP) y la "
     "Secretaría General del SICA. En 2023 hubo dos talleres.",
     ["el Instituto Centroamericano de Administración Pública (ICAP) y la Secretaría General del SICA"]),
])
def test_a_list_after_the_words_that_name_the_partners(text: str, partners: list[str]) -> None:
    assert list_starts(text)
    assert prose.read_roles(text).partners == partners


@pytest.mark.parametrize("text, partners", [
    ("Numérisation des registres fonciers, en lien avec le ministère de l'Aménagement du territoire et des Services "
     "fonciers.", ["le ministère de l'Aménagement du territoire et des Services fonciers"]),
    ("Se trabajó en coordinación con la dirección de Presupuesto del Ministerio de Hacienda.",
     ["la dirección de Presupuesto del Ministerio de Hacienda"]),
    # Since round 13 the body after "and with" / "y con" is read on its own (told_partners.continued_starts).
    ("The Academy works with the Rwanda Management Institute (RMI) and with the Institute of Public Administration "
     "of Ghana.", ["the Rwanda Management Institute (RMI)", "the Institute of Public Administration of Ghana"]),
    ("Trabaja con la Red de Municipalidades Rurales del Perú (REMURPE) y con la Asociación de Municipalidades "
     "Ecuatorianas (AME).",
     ["la Red de Municipalidades Rurales del Perú (REMURPE)", "la Asociación de Municipalidades Ecuatorianas (AME)"]),
])
def test_partner_cues_small_heads_and_lists_with_a_second_with(text: str, partners: list[str]) -> None:
    assert prose.read_roles(text).partners == partners


@pytest.mark.parametrize("name, role", [
    ("Economic Commission for Africa", "partner"), ("el INAP", "partner"), ("l'ENA du Sénégal", "partner"),
    ("Ford Foundation", "unsure"), ("Fonds mondial", "unsure"), ("Fundación Avina", "unsure"), ("Kenya", ""),
])
def test_the_role_of_a_body_that_helps(name: str, role: str) -> None:
    assert helper_role(name) == role


# ------------------------------------------------------------------------------------------------------ guards

@pytest.mark.parametrize("text", [
    "The project works with Kenya and Uganda to build the skills of county planners.",
    "Le projet travaille avec le Bénin et le Togo sur la gestion des archives.",
    "El proyecto trabaja con Perú y Ecuador en la apertura de datos.",
])
def test_a_country_after_a_partner_cue_is_no_partner(text: str) -> None:
    assert prose.read_roles(text).partners == []


@pytest.mark.parametrize("text", [
    "Maria Lindqvist will be our main partner for the evaluation.",
    "Les partenaires du projet sont satisfaits des résultats obtenus.",
    "Los socios del proyecto son municipios rurales de la sierra.",
    "The partners of the project are listed in annex 2.",
])
def test_no_partner_from_people_or_words_that_name_none(text: str) -> None:
    assert prose.read_roles(text).partners == []
    assert named_before_role(text) == []


@pytest.mark.parametrize("text, funder", [
    ("The project is funded by the Government of Japan to strengthen the budget process of three ministries.",
     "Government of Japan"),
    ("Con financiación de la Unión Europea, el proyecto acompaña a municipios rurales de Perú y Ecuador en la "
     "apertura de datos que da acceso a los presupuestos.", "Unión Europea"),
    ("Financé par la Suède, le projet appuie les régions et da suite aux fonds communaux.", "Suède"),
])
def test_words_after_a_funder_are_no_funding_source(text: str, funder: str) -> None:
    facts = prose.read_prose(text)
    assert funder in facts.funders
    assert facts.funding_source is None


def test_a_mechanism_code_is_read_in_capitals_only() -> None:
    assert read_funding("DA 14").source == "DA 14"
    assert read_funding("Gobierno de Chile, da apoyo").funders  # "da" is a word, no Development Account


def test_a_small_word_alone_opens_no_name() -> None:
    assert name_extent("le ministère concerné") == ""
    assert name_extent("la dirección del proyecto") == ""


# ------------------------------------------------------------------------------------------- partner lists checked

@pytest.mark.parametrize("name, partners, kind", [
    ("kinds_not_bodies_en.txt", {"United Nations Entity for Gender Equality and the Empowerment of Women",
                                 "Council of Governors"}, "county assemblies and civil society organisations"),
    ("kinds_not_bodies_fr.txt", {"CGLU Afrique", "United Nations Entity for Gender Equality and the Empowerment of "
                                 "Women"}, "associations nationales de communes"),
    ("kinds_not_bodies_es.txt", {"United Nations Entity for Gender Equality and the Empowerment of Women",
                                 "Asociación Nacional de Municipalidades"},
     "gobiernos locales y organizaciones de mujeres"),
])
def test_a_kind_of_body_in_small_letters_is_flagged_not_placed(name: str, partners: set[str], kind: str) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "cooperating") == partners
    assert any(f.field == "partners" and kind in f.reason for f in rec.flags)


@pytest.mark.parametrize("name, ministry, other", [
    ("portfolio_en.txt", "Ministry of Labour, Employment and Social Security", "Public Service Commission"),
    ("portfolio_fr.txt", "Ministère du Travail, Emploi et Protection sociale", "École nationale d'administration"),
    ("portfolio_es.txt", "Ministerio de Trabajo, Empleo y Seguridad Social", "Autoridad Nacional del Servicio Civil"),
])
def test_a_ministry_s_portfolio_after_a_comma_stays_in_its_name(name: str, ministry: str, other: str) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "cooperating") == {ministry, other}


def test_a_name_cut_by_a_line_break_is_flagged() -> None:
    # Since round 11 the line that goes on is read with it (continuation.wraps/unwrap, role_cues.ends_cut_short);
    # a name still cut short, with no line after it, is flagged.
    rec = only_record(FILES / "wrapped_list_en.txt")
    assert "National Academy of Politics and Public Administration" in _names(rec, "cooperating")
    _, left = checked_partners("Ministry of Home Affairs; National Academy of Politics and Public", "cooperating")
    assert any("cut short" in why for why in left)


@pytest.mark.parametrize("value, kept", [
    ("Dr. Amina Diallo; UNDP", ["United Nations Development Programme"]),
    ("Mme Aïcha Ba ; Expertise France", ["Expertise France"]),
    ("Sra. Paula Giraldo; Escuela Superior de Administración Pública (ESAP)",
     ["Escuela Superior de Administración Pública"]),
])
def test_a_person_with_a_title_is_no_organisation(value: str, kept: list[str]) -> None:
    partners, left = checked_partners(value, "cooperating")
    assert [p.name for p in partners] == kept
    assert any("a person" in why for why in left)


@pytest.mark.parametrize("value, names", [
    ("Ministry of Home Affairs (MoHA); National Academy of Politics and Public\nAdministration (NAPPA)",
     ["Ministry of Home Affairs", "National Academy of Politics and Public Administration"]),
    ("UNDP; UNICEF\nWorld Bank",
     ["United Nations Development Programme", "United Nations Children's Fund", "World Bank"]),
    ("Ministère de la Santé (MS) ; Agence nationale de\nla statistique (ANSD)", ["Ministère de la Santé",
                                                                              "Agence nationale de la statistique"]),
])
def test_a_list_wrapped_inside_a_name(value: str, names: list[str]) -> None:
    assert [p.name for p in checked_partners(value, "cooperating")[0]] == names


@pytest.mark.parametrize("value", ["Ministère de la Fonction publique", "Institut national de la statistique",
                                   "Secretaría de Planificación y Desarrollo Local", "Service public fédéral"])
def test_names_ending_in_an_adjective_are_not_taken_for_cut_short(value: str) -> None:
    assert checked_partners(value, "cooperating")[1] == []


@pytest.mark.parametrize("text, other, own", [
    ("Funded by the Government of Japan, the project builds on lessons from the Public Financial Management Reform "
     "Project funded by the World Bank.", "World Bank", "Government of Japan"),
    ("Financé par l'AFD, le projet cherche des synergies avec le projet PRODIG financé par la Banque mondiale.",
     "Banque mondiale", "AFD"),
    ("Financiado por la AECID, el proyecto coordina con el programa «Colombia Íntegra», financiado por el BID.",
     "BID", "AECID"),
])
def test_the_funder_of_another_project_is_flagged_not_placed(text: str, other: str, own: str) -> None:
    facts = prose.read_roles(text)
    assert facts.funders == [own]
    assert facts.unsure == [other]


@pytest.mark.parametrize("text, funder", [
    ("The project, funded by the World Bank, trains auditors.", "World Bank"),
    ("Le projet PADDL, financé par l'AFD, appuie les communes.", "AFD"),
    ("El FORSEC, financiado por la Unión Europea, apoya a las oficinas de servicio civil.", "Unión Europea"),
])
def test_the_record_s_own_project_keeps_its_funder(text: str, funder: str) -> None:
    assert prose.read_roles(text).funders == [funder]


@pytest.mark.parametrize("text, funder", [
    ("The Government of Japan has committed\nUSD 2.2 million to the programme.", "Government of Japan"),
    ("La Banque africaine de développement a octroyé\n1,5 million de dollars au programme.",
     "Banque africaine de développement"),
    ("El Banco Interamericano de Desarrollo aportó\nUSD 900.000 al programa.", "Banco Interamericano de Desarrollo"),
])
def test_a_paying_subject_whose_sum_is_on_the_next_line(text: str, funder: str) -> None:
    assert paying_subjects(text) == [funder]


@pytest.mark.parametrize("text, funder", [
    ("The programme is funded entirely by the Government of Norway.", "Government of Norway"),
    ("Le programme est intégralement financé par l'Union européenne.", "Union européenne"),
    ("El programa COOTEC, financiado íntegramente por la AECID, apoya a diez países.", "AECID"),
])
def test_a_funder_cue_with_an_adverb(text: str, funder: str) -> None:
    assert prose.read_roles(text).funders == [funder]


# ----------------------------------------------------------------------------------- labels and sentences together

@pytest.mark.parametrize("name, labelled, told", [
    ("both_labels_en.txt", "Malawi Institute of Management", "Public Procurement and Disposal of Assets Authority"),
    ("both_labels_fr.txt", "Association nationale des communes du Bénin",
     "ministère de la Décentralisation et de la Gouvernance locale"),
    ("both_labels_es.txt", "Fundación Municipalia", "Federación de Asociaciones Municipales de Bolivia"),
])
def test_a_partner_label_and_the_partners_its_sentences_name(name: str, labelled: str, told: str) -> None:
    rec = only_record(FILES / name)
    assert {labelled, told} <= _names(rec)
    assert told not in _names(rec, "funding")
    assert any(f.field == "partners" and f.reason == "read from prose" for f in rec.flags)


@pytest.mark.parametrize("name, roles", [
    ("role_labels_en.txt", {"Norwegian Ministry of Foreign Affairs": "funding",
                            "Commonwealth Secretariat": "implementing",
                            "Civil Service College of Zambia": "beneficiary"}),
    ("role_labels_fr.txt", {"Agence Française de Développement": "funding", "Expertise France": "implementing",
                            "Centre national de formation continue": "beneficiary"}),
    ("role_labels_es.txt", {"Spanish Agency for International Development Cooperation": "funding",
                            "FIIAPP": "implementing", "Instituto Nacional de Administración Pública": "cooperating"}),
])
def test_labels_that_name_a_partner_s_role(name: str, roles: dict[str, str]) -> None:
    rec = only_record(FILES / name)
    assert {p.name: p.role for p in rec.partners} == roles


@pytest.mark.parametrize("name, written", [
    ("placeholder_en.txt", "(all)"), ("placeholder_fr.txt", "néant"), ("placeholder_es.txt", "por determinar"),
])
def test_a_placeholder_names_no_partner(name: str, written: str) -> None:
    rec = only_record(FILES / name)
    assert _names(rec, "cooperating") == set()
    assert any(f.field == "partners" and written in f.reason for f in rec.flags)


@pytest.mark.parametrize("text, partners", [
    ("The second phase builds county capacity. Partners: the Council of Governors and the Kenya School of "
     "Government.", ["the Council of Governors and the Kenya School of Government"]),
    ("Deuxième phase du programme, centrée sur la maîtrise d'ouvrage communale. Partenaire : Association nationale "
     "des communes du Bénin (ANCB).", ["Association nationale des communes du Bénin (ANCB)"]),
    ("Segunda fase del programa, centrada en la gestión municipal. Socio principal: Asociación de Municipios de "
     "Honduras (AMHON).", ["Asociación de Municipios de Honduras (AMHON)"]),
])
def test_a_partner_label_inside_a_paragraph(text: str, partners: list[str]) -> None:
    assert prose.read_partners(text).partners == partners
