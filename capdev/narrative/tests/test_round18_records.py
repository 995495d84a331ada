"""Round 18: how many records a file holds.

Rows of one table that give the same code are the rows of one project (a register of disbursements, a ledger of
tranches): one record, its status from the last row, an amount that changes from row to row read as no budget
(structured/code_rows.py). Guards: rows with codes of their own stay records each; a one-project table of its own
tranches stays one record; rows keyed by titles are not merged."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text


def _records(text: str) -> list:
    return parse_text(text, "t.csv")


_REGISTER_ES = """Registro de desembolsos
Fecha;Expediente;Intervención;Socio local;Tramo;Importe (EUR);Total aprobado (EUR);Situación
14/09/2023;2023/SPE/0000400123;Escuela de Gestión Pública;EGPP;1/3;250.000,00;600.000,00;
22/10/2024;2023/SPE/0000400123;Escuela de Gestión Pública;EGPP;2/3;200.000,00;600.000,00;
05/06/2025;2023/SPE/0000400123;Escuela de Gestión Pública;EGPP;3/3;150.000,00;600.000,00;Finalizada
03/03/2025;2025/SPE/0000400871;Transparencia municipal;Ministerio de Justicia;1/2;270.000,00;450.000,00;En ejecución
18/08/2026;2025/SPE/0000400871;Transparencia municipal;Ministerio de Justicia;2/2;180.000,00;450.000,00;En ejecución
;2026/SPE/0000401002;Plataforma de trámites en línea;AGETIC;1/2;0,00;300.000,00;Aprobada
"""

_LEDGER_EN = """Project code,Project title,Implementing partner,Amount (USD),Total budget (USD),Status
GOV-101,Civil Service Reform Support,Public Service Commission,120000,400000,Active
GOV-101,Civil Service Reform Support,Public Service Commission,80000,400000,Active
GOV-101,Civil Service Reform Support,Public Service Commission,95000,400000,Completed
GOV-202,Municipal Finance Academy,Local Government Institute,50000,250000,Active
"""

_REGISTRE_FR = """Code projet;Intitulé du projet;Partenaire;Montant (EUR);Statut
FR-301;Appui à l'École nationale d'administration;ENA;150000;En cours
FR-301;Appui à l'École nationale d'administration;ENA;90000;En cours
FR-302;Modernisation de la fonction publique territoriale;DGCL;300000;Terminé
FR-303;Gouvernance numérique des communes;ANSUT;210000;En préparation
"""


def test_a_register_of_tranches_is_one_record_per_code():
    recs = _records(_REGISTER_ES)
    assert [r.code for r in recs] == ["2023/SPE/0000400123", "2025/SPE/0000400871", "2026/SPE/0000401002"]
    first = recs[0]
    assert [b.amount for b in first.budgets] == [600000]  # the total, not a tranche
    assert first.status == "Finalizada"  # the last row that gives one
    assert any(f.field == "record" and "3 rows" in f.reason for f in first.flags)


def test_a_ledger_in_english():
    recs = _records(_LEDGER_EN)
    assert [r.code for r in recs] == ["GOV-101", "GOV-202"]
    assert [b.amount for b in recs[0].budgets] == [400000]
    assert recs[0].status == "Completed"
    assert [b.amount for b in recs[1].budgets] == [250000]


def test_a_register_in_french():
    recs = _records(_REGISTRE_FR)
    assert [r.code for r in recs] == ["FR-301", "FR-302", "FR-303"]
    assert recs[0].budgets == []  # an amount per row: no budget of the project
    assert recs[0].title == "Appui à l'École nationale d'administration"


def test_guard_codes_of_their_own_stay_records():
    text = ("Code;Title;Budget (USD);Status\nA-1;Public Service Training;100000;Active\n"
            "A-2;Municipal Audit Capacity;200000;Completed\nA-3;Open Data Portal;150000;Planned\n")
    recs = _records(text)
    assert [r.code for r in recs] == ["A-1", "A-2", "A-3"]
    assert [[b.amount for b in r.budgets] for r in recs] == [[100000], [200000], [150000]]
    assert not any(f.field == "record" and "same code" in f.reason for r in recs for f in r.flags)


def test_guard_one_project_and_its_tranches_stay_one():
    text = ("Code;Projet;Tranche;Montant (EUR);Statut\nPRJ-77;Appui au Programme de réforme;1;100000;En cours\n"
            "PRJ-77;Appui au Programme de réforme;2;100000;En cours\n")
    recs = _records(text)
    assert len(recs) == 1 and recs[0].code == "PRJ-77"
    assert [b.amount for b in recs[0].budgets] == [100000]  # the same in every row: the column is kept


def test_guard_rows_keyed_by_title_are_not_merged():
    text = ("Proyecto;Presupuesto (USD);Estado\nEscuela de Gobierno;100000;En ejecución\n"
            "Escuela de Gobierno;100000;En ejecución\n")
    assert len(_records(text)) == 2


# A file's head whose lines open with the codes of the records below is their index (index_heads.py).

_TIMESHEET_EN = """TIMESHEET EXPORT - Period: 01-Oct-2026 to 31-Oct-2026
Status: SUBMITTED (awaiting approval)

Charge code   Wk40  Wk41  Wk42   Total h
00131207        14    16    10       40
00128844         6     4     2       12
OPS-ADMIN        2     2     0        4
--------------------------------------------------
TOTAL           22    22    12       56

CHARGE CODE LEGEND

00131207 | Strengthening the Civil Service University's Executive Education
         | Country: Ethiopia | Donor: Norad | Budget: USD 3,100,000
         | Duration: 01 Jan 2024 - 31 Dec 2027 | Status: Ongoing

00128844 | E-Procurement Capacity for Local Government Authorities
         | Country: Tanzania | Donor: Sida | Budget: SEK 18,000,000
         | Duration: Jul 2023 - Jun 2026 | Status: Completed
"""

_RELEVE_FR = """RELEVÉ D'HEURES - Période : novembre 2026
Statut : transmis au superviseur

Imputation    S45   S46   S47   Total
PRJ-24-0071     10    12     8      30
PRJ-25-0112      4     6    10      20
--------------------------------------------------
TOTAL           14    18    18      50

LÉGENDE DES CODES

PRJ-24-0071 | Appui à la modernisation de l'École nationale d'administration
            | Pays : Sénégal | Bailleur : AFD | Budget : EUR 2 400 000
            | Période : 2024-2027 | Statut : en cours

PRJ-25-0112 | Gouvernance numérique des collectivités locales
            | Pays : Bénin | Bailleur : Union européenne | Budget : EUR 1 800 000
            | Période : 2025-2028 | Statut : en cours
"""

_PARTE_ES = """PARTE DE HORAS - Periodo: marzo de 2026
Estado: enviado

Imputación    S10   S11   Total
2023-PY-0451     8    10      18
2024-PY-0610    12     6      18
--------------------------------------------------
TOTAL           20    16      36

LEYENDA DE CÓDIGOS

2023-PY-0451 | Fortalecimiento de la Secretaría de la Función Pública
             | País: Paraguay | Donante: KOICA | Presupuesto: USD 1.200.000
             | Periodo: 2023-2026 | Estado: en ejecución

2024-PY-0610 | Carrera civil meritocrática en gobiernos departamentales
             | País: Paraguay | Donante: BID | Presupuesto: USD 800.000
             | Periodo: 2024-2027 | Estado: en ejecución
"""


@pytest.mark.parametrize("text, codes", [
    (_TIMESHEET_EN, ["00131207", "00128844"]),
    (_RELEVE_FR, ["PRJ-24-0071", "PRJ-25-0112"]),
    (_PARTE_ES, ["2023-PY-0451", "2024-PY-0610"]),
])
def test_an_index_of_codes_is_no_record(text, codes):
    recs = parse_text(text, "t.txt")
    assert [r.code for r in recs] == codes


def test_guard_a_head_with_facts_of_its_own_stays_a_record():
    # A programme's head (its donor and budget) over its components' cards: a record of its own.
    text = _TIMESHEET_EN.replace("Status: SUBMITTED (awaiting approval)",
                                 "Donor: European Union | Budget: EUR 5,000,000")
    recs = parse_text(text, "t.txt")
    assert len(recs) == 3 and [r.code for r in recs[1:]] == ["00131207", "00128844"]


# A piece that names no project and states none of its own facts is the rest of the record above (nameless_pieces.py).

_FICHA_ES = """FICHA DE PROYECTO
==========================================================
Código SINIP:            021748
Nombre del proyecto:     Fortalecimiento de la gestión del talento humano en el sector público
Unidad ejecutora:        Dirección General de Carrera Administrativa (DIGECA)
Estado:                  En ejecución
----------------------------------------------------------
CRONOGRAMA
   Fecha de inicio:      01/07/2024
   Fecha de término:     30/06/2029
----------------------------------------------------------
COMPONENTES
   C1  Sistema integrado de gestión de recursos humanos        7.800.000,00
       Actividades: diseño, licenciamiento, migración de planillas.
   C2  Carrera administrativa y concursos por mérito           5.200.000,00
       Actividades: manuales de puestos, concursos, centro de evaluación.
----------------------------------------------------------
INSTITUCIONES PARTICIPANTES
   Autoridad Nacional para la Innovación Gubernamental (AIG)
----------------------------------------------------------
ALINEAMIENTO
   ODS: 16 (meta 16.6) ; 8 (meta 8.5)
"""

_FICHE_FR = """FICHE DE PROJET
==========================================================
Code du projet :         PN-2024-0317
Intitulé du projet :     Modernisation de la gestion des ressources humaines de l'État
Statut :                 En cours
----------------------------------------------------------
CALENDRIER
   Date de début :       01/03/2024
   Date de fin :         28/02/2028
----------------------------------------------------------
COMPOSANTES
   C1  Système intégré de gestion des agents publics            4 200 000
       Activités : conception, paramétrage, reprise des fichiers.
   C2  Concours et recrutement au mérite                         2 100 000
       Activités : référentiels des emplois, concours, centre d'évaluation.
----------------------------------------------------------
INSTITUTIONS PARTICIPANTES
   Agence nationale des technologies de l'information (ANTIC)
----------------------------------------------------------
ALIGNEMENT
   ODD : 16 (cible 16.6)
"""

_SHEET_EN = """PROJECT SHEET
==========================================================
Project code:            PS-2024-0881
Project title:           Strengthening Human Resource Management in the Public Service
Status:                  Ongoing
----------------------------------------------------------
SCHEDULE
   Start date:           01/07/2024
   End date:             30/06/2028
----------------------------------------------------------
COMPONENTS
   C1  Integrated HR management information system            3,100,000
       Activities: design, licensing, payroll migration.
   C2  Merit-based recruitment                                 1,900,000
       Activities: job descriptions, competitive exams, assessment centre.
----------------------------------------------------------
PARTICIPATING INSTITUTIONS
   National Information Technology Agency (NITA)
----------------------------------------------------------
ALIGNMENT
   SDGs: 16 (target 16.6)
"""


@pytest.mark.parametrize("text", [_FICHA_ES, _FICHE_FR, _SHEET_EN])
def test_a_sheets_second_half_is_no_record(text):
    recs = parse_text(text, "t.txt")
    assert len(recs) == 1
    assert recs[0].sdgs and recs[0].sdgs[0] == 16  # the second half's facts are the project's


def test_guard_a_second_project_with_its_title_stays_a_record():
    text = _SHEET_EN + """
Project code:            PS-2025-0102
Project title:           Digital Archives for Local Governments
Status:                  Pipeline
"""
    assert len(parse_text(text, "t.txt")) == 2


# Blocks headed by one word and consecutive numbers, each telling of a project of its own (word_numbered_cuts.py).

_RUNDOWN_ES = """RADIO NACIONAL - 920 AM
NOTICIERO "PAÍS AL DÍA" - EDICIÓN MEDIODÍA
Fecha de emisión: miércoles 14 de octubre de 2026 - 12:00 a 12:30
Conducción: Lilian Benítez / Marcos Ayala     Producción: Rocío Giménez

BLOQUE 1 - ESTADO
LILIAN: Ciento veinte funcionarios participaron en Encarnación de la jornada del Programa de Formación de
Servidores Públicos en Gestión por Resultados, que ejecuta la Secretaría de la Función Pública. Arrancó en marzo
de 2025 y se extiende hasta diciembre de 2028.

BLOQUE 2 - MUNICIPIOS
MARCOS: La Unión Europea aprobó 800.000 euros para la iniciativa Gobierno Abierto Municipal, que se ejecutará
de enero de 2027 a diciembre de 2029 en Paraguay, con la Organización Paraguaya de Cooperación Intermunicipal.

BLOQUE 3 - DEPORTES
LILIAN: La selección juega el jueves.
"""

def test_a_rundowns_blocks_are_records():
    recs = parse_text(_RUNDOWN_ES, "t.txt")
    assert len(recs) == 2
    assert "800" in recs[1].text and "800" not in recs[0].text


def test_guard_blocks_of_one_project_stay_one():
    text = _RUNDOWN_ES.replace("la iniciativa Gobierno Abierto Municipal", "el Programa de Formación de Servidores "
                               "Públicos en Gestión por Resultados")
    assert len(parse_text(text, "t.txt")) == 1


def test_guard_blocks_with_no_project_stay_one():
    text = _RUNDOWN_ES.replace("para la iniciativa Gobierno Abierto Municipal", "para el presupuesto nacional")
    assert len(parse_text(text, "t.txt")) == 1
