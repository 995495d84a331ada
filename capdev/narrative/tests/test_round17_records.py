"""Round 17: how many records a file holds (stray_labels, run_in_heads, reference_labels, anaphora_items).

Texts written for these tests, in English, French and Spanish: a briefing whose only label is a bullet's "Context:"
(or a "Contact :" footer, a "RESUMEN EJECUTIVO" heading) holds two projects in numbered sections; a summary's
numbered paragraphs each open on a project's title and a stop ("2.2 Diploma in Public Procurement. With ...");
a call for applications' "Application file" speaks of "the project" its "Programme framework" named;
an evaluation's head whose only code is a "Reference:" is no record of its own. Guards: one project's document
with sections stays one record, cards with a reference and facts stay records.
"""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text
from capdev.narrative.anaphora_items import tells_more
from capdev.narrative.reference_labels import references_only, without_references
from capdev.narrative.run_in_heads import heading_title, title_end
from capdev.narrative.segment import segment
from capdev.narrative.stray_labels import labels_state_no_fact

EN_BRIEF = """\
COUNTY ASSEMBLY RESEARCH UNIT

RESEARCH NOTE No. 7 of 2026
Donor-financed training projects in the county budget
Issued: 3 March 2026

Summary
* Two externally financed projects account for most of the training budget this year.
* Context: the county's own revenue grew by 4% in 2025.

1. Municipal Leadership Academy Project (MLAP)
The MLAP is financed by a grant of USD 2.5 million from the Government of Japan. It started on
1 March 2023 and closes on 28 February 2027. The county public service board implements it.

2. Records Management Modernisation Programme (RMMP)
RMMP was funded by the European Union with EUR 900,000 and ran from January 2021 to December
2024. It digitised the archives of four county departments.

3. Other matters
No other project is financed this year.

Prepared by the Research Unit.
"""

FR_REVUE3 = """\
DIRECTION DE LA COMMUNICATION
Note de synthèse hebdomadaire

Points clés
* Deux projets financés par les bailleurs concentrent l'essentiel des ressources extérieures.
* Contexte : la masse salariale a augmenté de 6 % en 2025.

1. Programme d'appui à la décentralisation fiscale (PADF)
Le PADF est financé par la Banque mondiale à hauteur de 30 millions de dollars. Entré en vigueur
en juin 2024, il court jusqu'en juin 2028 et appuie les communes du Sud.

2. Projet de modernisation de l'état civil (PMEC)
Le PMEC, financé par l'Union européenne pour 6 millions d'euros, a été exécuté de 2020 à 2024
avec l'appui technique de l'ENAM.

Contact : communication@ministere.example.org
"""

ES_BRIEF = """\
OFICINA DE PRESUPUESTO DEL CONGRESO

NOTA TÉCNICA N.º 5 de 2026
Proyectos de capacitación con financiamiento externo

Mensajes clave
* Dos proyectos con financiamiento externo concentran casi todos los recursos del rubro.
* Contexto: la planilla pública creció un 5 % en 2025.

1. Proyecto de Profesionalización del Servicio Civil (PROSEC)
El PROSEC se financia con un préstamo del Banco Interamericano de Desarrollo de USD 30 millones.
Inició el 1 de julio de 2024 y cierra el 30 de junio de 2028.

2. Programa de Gobierno Digital Municipal (PGDM)
El PGDM contó con una donación de la Unión Europea de EUR 4 millones y se ejecutó de enero de 2021
a diciembre de 2024 en 30 municipios.

3. Otros proyectos
Ningún otro proyecto tiene asignación este año.
"""

GUARD_ONE = """\
PROJECT DOCUMENT

Summary
* Context: the civil service has grown by 12% since 2015.

1. Background
The Civil Service Reform Project (CSRP) supports the Public Service Commission. It is financed
by the World Bank with USD 12 million and runs from January 2024 to December 2028.

2. Objectives
The project trains 3,000 officers and modernises the payroll.

3. Components and phases
Phase 1 (2024-2025) covers the payroll; phase 2 (2026-2028) covers training.
"""

EN_RUNIN = """\
SCHOOL OF GOVERNMENT
Training needs assessment 2026 - executive summary

1. Scope
The survey covered 80 agencies between February and April 2026.

2. Offer that answers the needs

2.1 Leadership Programme for Senior Officials (LPSO). Financed by the Government of Canada with CAD
1.2 million, in execution from 2024 to 2027, implemented by the School of Government.

2.2 Diploma in Public Procurement. With the support of the Swiss Agency for Development and
Cooperation, CHF 400 000; it began in March 2025 and ends in February 2027, in partnership with
the National University.

3. Recommendations
 - Repeat the assessment every three years.
"""

FR_RUNIN = """\
ÉCOLE NATIONALE D'ADMINISTRATION
Étude des besoins de formation 2026 - résumé

1. Champ de l'étude
L'enquête a couvert 60 administrations entre janvier et mars 2026.

2. Offre retenue

2.1 Programme de formation des cadres des régions (PFCR). Financé par la Coopération suisse avec
1,5 million de francs suisses, en cours d'exécution de 2024 à 2027, mis en œuvre par l'ENA.

2.2 Diplôme en gestion des marchés publics. Avec l'appui de l'Agence française de développement,
EUR 600 000 ; il a démarré en avril 2025 et s'achève en mars 2027, en partenariat avec
l'Université de Dakar.

3. Recommandations
 - Renouveler l'étude tous les trois ans.
"""

ES_RESUMEN = """\
ASOCIACIÓN DE MUNICIPIOS DEL NORTE

ESTUDIO DE DEMANDA DE FORMACIÓN 2026
RESUMEN EJECUTIVO                                   San Salvador, mayo de 2026

1. Alcance
La encuesta se aplicó en 120 municipalidades entre enero y marzo de 2026.

2. Oferta que responde a la demanda

2.1 Programa de Gestión Tributaria Municipal (PROGEM). Financiado por el Banco Interamericano de
Desarrollo con 4 millones de dólares, en ejecución desde 2023 hasta 2026, ejecutado por la
asociación.

2.2 Diplomado en Catastro Multifinalitario. Con el apoyo de la Agencia Alemana de Cooperación
(GIZ), EUR 250 000; inició en marzo de 2025 y concluye en febrero de 2027, en alianza con la
Universidad Centroamericana.

3. Recomendaciones
 - Repetir el estudio cada tres años.
"""

GUARD_RUNIN = """\
PROJECT DOCUMENT: Public Finance Training Project (PFTP)

1. Background. The Public Finance Training Project supports the Ministry of Finance of Ghana. It
is financed by the World Bank with USD 5 million from January 2024 to December 2027.

2. Objectives. The project trains 1,200 officers in budgeting, accounting and audit, with the
support of the Ghana Institute of Management and Public Administration, from 2024 to 2027.

3. Budget. Of the USD 5 million, USD 2 million go to training, funded by the World Bank, from 2024.
"""

EN_MEMO3 = """\
Evaluation Office
2026 Annual Review - Appendix 2
Validation Ratings of Completed Training Operations
Published: 2 March 2026 | Reference: EO AR 2026, pp. 40-42

Rating scale: S = successful; LS = less than successful; U = unsuccessful.

Table A2.1: Training operations validated in 2026
---------------------------------------------------------------
No  Operation (approval no.)                Ctry   PCR   PVR
---------------------------------------------------------------
1   Civil Service Training Capacity         GHA    S     LS
    Project (L2231)
2   Strengthening Records Management        GHA    S     S
    Institutions (G0415)
---------------------------------------------------------------

Notes to Table A2.1

(1) Civil Service Training Project, Loan 2231-GHA. Approved 2018; effective 1 March 2019; closed
30 June 2025. Loan of $20.0 million from ordinary capital resources.

(2) Records Management Project, Grant 0415-GHA. Approved 2019; effective 1 May 2020; closed
31 March 2025. Grant of $3.0 million from the technical assistance special fund.
"""

FR_MEMO = """\
Bureau de l'évaluation
Revue annuelle 2026 - Annexe 2
Notation des opérations de formation achevées
Publié : 2 mars 2026 | Référence : BE RA 2026, p. 40-42

Échelle : S = satisfaisant ; PS = peu satisfaisant ; I = insatisfaisant.

Tableau A2.1 : Opérations de formation validées en 2026
---------------------------------------------------------------
N°  Opération (n° d'approbation)             Pays   RAP   VAL
---------------------------------------------------------------
1   Formation de la fonction publique        SEN    S     PS
    Projet (L2231)
2   Renforcement de la gestion               SEN    S     S
    documentaire (G0415)
---------------------------------------------------------------

Notes au tableau A2.1

(1) Projet de formation de la fonction publique, prêt 2231-SEN. Approuvé en 2018 ; entré en vigueur
le 1er mars 2019 ; clôturé le 30 juin 2025. Prêt de 20 millions de dollars.

(2) Projet de renforcement de la gestion documentaire, don 0415-SEN. Approuvé en 2019 ; entré en
vigueur le 1er mai 2020 ; clôturé le 31 mars 2025. Don de 3 millions de dollars.
"""

ES_MEMO = """\
Oficina de Evaluación
Revisión anual 2026 - Anexo 2
Calificaciones de validación de operaciones de capacitación concluidas
Publicado: 2 de marzo de 2026 | Referencia: OE RA 2026, pp. 40-42

Escala: S = satisfactorio; PS = poco satisfactorio; I = insatisfactorio.

Cuadro A2.1: Operaciones de capacitación validadas en 2026
---------------------------------------------------------------
N.º Operación (n.º de aprobación)            País   ICP   VAL
---------------------------------------------------------------
1   Capacitación del Servicio Civil          PER    S     PS
    Proyecto (L2231)
2   Fortalecimiento de la Gestión            PER    S     S
    Documental (G0415)
---------------------------------------------------------------

Notas al Cuadro A2.1

(1) Proyecto de Capacitación del Servicio Civil, Préstamo 2231-PER. Aprobado en 2018; vigente
desde el 1 de marzo de 2019; cerrado el 30 de junio de 2025. Préstamo de USD 20 millones.

(2) Proyecto de Fortalecimiento de la Gestión Documental, Donación 0415-PER. Aprobado en 2019;
vigente desde el 1 de mayo de 2020; cerrado el 31 de marzo de 2025. Donación de USD 3 millones.
"""

GUARD_REF = """\
Reference: GHA/2023/011
Title: Civil Service Training Project
Budget: USD 2,000,000
Duration: 2023-2026

Reference: GHA/2024/017
Title: Records Management Project
Budget: USD 500,000
Duration: 2024-2025
"""

EN_CALL = """\
School of Government
CALL FOR APPLICATIONS 07/2026 - MASTER IN PUBLIC MANAGEMENT
Accra, 2 March 2026

The Director announces that applications to the Master in Public Management are open from 1 to 30
April 2026.

Programme framework
The Master is part of the Public Sector Modernisation Project (PSMP), financed by the World Bank
with USD 8 million over 2025-2028 and implemented by the School of Government.

Application file
 1. a letter to the Director;
 2. a curriculum vitae.
Selected candidates receive a monthly grant of GHS 2,000 paid by the project. Classes start on 4
May 2026.
"""

FR_AVIS = """\
École nationale d'administration
AVIS N° 014/ENA/DG/2026 - ADMISSION AU MASTER EN GESTION PUBLIQUE
Dakar, le 2 mars 2026

Le Directeur général porte à la connaissance des agents de l'État que les candidatures au Master
en gestion publique sont ouvertes du 1er au 30 avril 2026.

Cadre du programme
Le Master est organisé dans le cadre du Projet d'appui à la modernisation de l'administration
(PAMA), financé par la Banque africaine de développement pour un montant de 6 millions d'euros
sur la période 2025-2028, et mis en œuvre par l'ENA.

Composition du dossier
 1. une demande adressée au Directeur général ;
 2. un curriculum vitae.
Les candidats retenus bénéficient d'une bourse mensuelle de 100 000 FCFA prise en charge par le
projet. Rentrée : 4 mai 2026.
"""

ES_CONVOCATORIA = """\
Escuela de Gobierno
CONVOCATORIA 07/2026 - MAESTRÍA EN GESTIÓN PÚBLICA
Lima, 2 de marzo de 2026

La Dirección comunica que las postulaciones a la Maestría en Gestión Pública están abiertas del 1 al
30 de abril de 2026.

Marco del programa
La Maestría forma parte del Proyecto de Modernización del Sector Público (PMSP), financiado por el
Banco Mundial con USD 8 millones en el período 2025-2028 y ejecutado por la Escuela de Gobierno.

Requisitos de postulación
 1. una carta dirigida a la Dirección;
 2. un currículum vitae.
Los seleccionados reciben una beca mensual de PEN 2.000 financiada por el proyecto. Las clases
inician el 4 de mayo de 2026.
"""

GUARD_NAMED = """\
Regional news, spring 2026

Tax Reform in Lesotho
The project ran from 2020 to 2023 with USD 2 million from the European Union and trained 300
revenue officers.

Digital Registry for Malawi
The project started in 2024 with a grant of USD 1.5 million from the World Bank and serves the
registrar general.
"""


def _titles(text: str) -> list[str]:
    return [r.title for r in parse_text(text)]


# --- stray labels: the labelled reading's one record gives way to the prose's numbered sections -----------------

@pytest.mark.parametrize("text, titles", [
    (EN_BRIEF, ["Municipal Leadership Academy Project (MLAP)", "Records Management Modernisation Programme (RMMP)"]),
    (FR_REVUE3, ["Programme d'appui à la décentralisation fiscale (PADF)",
                 "Projet de modernisation de l'état civil (PMEC)"]),
    (ES_BRIEF, ["Proyecto de Profesionalización del Servicio Civil (PROSEC)",
                "Programa de Gobierno Digital Municipal (PGDM)"]),
])
def test_stray_labels_give_way_to_numbered_projects(text, titles):
    assert _titles(text) == titles


def test_stray_labels_are_those_of_no_fact():
    (raw,) = segment(EN_BRIEF)
    assert labels_state_no_fact(raw)  # "* Context: ..." only
    (raw,) = segment(GUARD_REF.split("\n\n")[0])
    assert not labels_state_no_fact(raw)  # a reference, a title, a budget: facts


def test_guard_one_project_with_a_stray_label_stays_one_record():
    assert _titles(GUARD_ONE) == ["Civil Service Reform Project"]


# --- run-in headings: "2.2 Title. Text ..." --------------------------------------------------------------------

@pytest.mark.parametrize("text, titles", [
    (EN_RUNIN, ["Leadership Programme for Senior Officials (LPSO)", "Diploma in Public Procurement"]),
    (FR_RUNIN, ["Programme de formation des cadres des régions (PFCR)", "Diplôme en gestion des marchés publics"]),
    (ES_RESUMEN, ["Programa de Gestión Tributaria Municipal (PROGEM)", "Diplomado en Catastro Multifinalitario"]),
])
def test_run_in_numbered_paragraphs_are_projects(text, titles):
    assert _titles(text) == titles


def test_run_in_title_is_a_name_not_a_sentence():
    line = "2.2 Diploma in Public Procurement. With the support of the Swiss Agency"
    assert line[4:title_end(line, 4)] == "Diploma in Public Procurement"
    assert title_end("12. In 2023, the Division trained 40 officials. It went on.", 4) is None
    assert title_end("3. The project ended in 2024. It was evaluated.", 3) is None
    assert title_end("2.1 Appui à la réforme", 4) is None  # a heading on its own line: no text runs on
    assert heading_title("2. Objectives. The project trains 1,200 officers", 3) == "Objectives"
    assert heading_title("2. Objectives", 3) == "Objectives"


def test_guard_sections_of_one_project_run_in_stay_one_record():
    assert _titles(GUARD_RUNIN) == ["Public Finance Training Project (PFTP)"]


# --- reference labels: a "Reference:" names the document, not a project ----------------------------------------

@pytest.mark.parametrize("text", [EN_MEMO3, FR_MEMO, ES_MEMO])
def test_a_reference_in_the_head_is_no_record(text):
    records = parse_text(text)
    assert len(records) == 2, [r.title for r in records]
    assert all(r.start for r in records)


def test_references_only_and_without_references():
    raw = segment(EN_MEMO3)[0]
    assert references_only(raw.blocks)
    assert "MPS/TPD" not in without_references("Date: 3 May 2026\nReference: MPS/TPD/2026/044\nSubject: x\n")
    assert "Subject: x" in without_references("Date: 3 May 2026\nReference: MPS/TPD/2026/044\nSubject: x\n")


def test_guard_cards_with_a_reference_and_facts_stay_records():
    assert _titles(GUARD_REF) == ["Civil Service Training Project", "Records Management Project"]


# --- an item that speaks of "the project" under a headline that is no name: more of the project before it --------

@pytest.mark.parametrize("text, title", [
    (EN_CALL, "Public Sector Modernisation Project"),
    (FR_AVIS, "Projet d'appui à la modernisation de l'administration"),
    (ES_CONVOCATORIA, "Proyecto de Modernización del Sector Público"),
])
def test_a_section_speaking_of_the_project_is_no_project_of_its_own(text, title):
    assert _titles(text) == [title]


def test_tells_more_needs_a_headline_that_is_no_name():
    assert tells_more("Composition du dossier", "Une bourse prise en charge par le projet.")
    assert not tells_more("Tax Reform in Lesotho", "The project ran from 2020 to 2023.")
    assert not tells_more("Application file", "A grant from the Open Courts Project.")


def test_guard_named_headlines_stay_records():
    assert _titles(GUARD_NAMED) == ["Tax Reform in Lesotho", "Digital Registry for Malawi"]


# --- a post or an office after the word programme is no project's name ------------------------------------------

def test_a_post_or_an_office_is_no_project_name():
    from capdev.narrative.named_projects import names_in

    assert names_in("Prepared by: R. Castellanos, Programme Management Officer") == []
    assert names_in("cc: Capacity Development Programme Management Office (CDPMO)") == []
    assert names_in("The Open Courts Project trained 40 judges.") == ["open courts"]
