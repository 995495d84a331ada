"""The document's date from more places, and the status that follows from it (round 16): values.head_dates (a label
in any cell of a header line, a line telling the file was exported or printed, an edition's date, the period a
report covers by its end, a register extract's span, a page's footer), values.since_status (a start told with
"since", "depuis", "desde" before the document's date: active), and a start or an end after a label's colon
(values.suggest_sides). EN, FR, ES; with the guards: a date of the narrative (an event, a law, a publication), a
table's rows, a project's own "Period:" label, a bare "Date:" in a record's last lines, an end before the
document's date, a status a rule placed."""
from __future__ import annotations

import pytest

from capdev.narrative.tests._shared import only_record_in
from capdev.narrative.types import PartialDate, Record
from capdev.narrative.values.head_dates import footer_date, more_document_dates
from capdev.narrative.values.since_status import since_status
from capdev.narrative.values.status_dates import document_date
from capdev.narrative.values.suggest_sides import suggest_sides


def _status_flags(rec: Record) -> list[str]:
    return [f.reason for f in rec.flags if f.field == "status"]


# ---------------------------------------------------------------- the document's date

@pytest.mark.parametrize("head,iso", [
    ("Gantt chart - Governance portfolio\n"
     "Exported from ProjectLibre 1.9.3 | File: wb_v14.pod | Printed: 03.08.2026 16:42\n", "2026-08-03"),
    ("Public Administration Repository - OAI-PMH export\nSet: projects          Records 1-3 of 3          "
     "Harvested: 2026-11-20T06:02:11Z\n", "2026-11-20"),
    ("Board: Capacity Development Projects\nExported by j.moreno on 2026-11-30 14:22 (UTC) - plain text export\n",
     "2026-11-30"),
    ("GUION TÉCNICO - VIDEO INSTITUCIONAL\nDuración: 3'00\"  |  Versión 4 (final)  |  Fecha: 2 de diciembre de 2026\n",
     "2026-12-02"),
    ("AGENCIA DE COOPERACIÓN\nCatálogo de Cooperación Sur-Sur\nEdición noviembre de 2026\n", "2026-11"),
    ("MINISTÈRE DE LA FONCTION PUBLIQUE\nREVUE DE PRESSE HEBDOMADAIRE N° 46\nSemaine du 16 au 22 novembre 2026\n"
     "SOMMAIRE\n  B. Mutations, 20/11/2026\n  C. Le Jour, 21/11/2026\n", "2026-11-22"),
    ("REGISTRE DU COURRIER ARRIVÉ - Extrait (du 12/10/26 au 20/11/26)\n", "2026-11-20"),
    ("Rapport de suivi\nPériode couverte : 1er juillet - 30 septembre 2025\n", "2025-09-30"),
    ("Informe de seguimiento\nPeríodo del informe: enero-junio de 2025\n", "2025-06"),
    ("Quarterly Progress Report Q3 2025\nDigital government programme\n", "2025-09"),
    ("Annual Report FY2024/25\nCivil service reform\n", "2025"),
    ("Rapport\nGénéré le 3 mars 2025 par le système de suivi\n", "2025-03-03"),
    ("Compte rendu de la réunion du 12 mars 2025\nPrésents : 12 membres\n", "2025-03-12"),
    ("Acta de la sesión del Comité Directivo celebrada el 12 de marzo de 2025\n", "2025-03-12"),
    ("Concept note\nVersion of 3 March 2025\n", "2025-03-03"),
    ("Note conceptuelle\nVersion du 3 mars 2025\n", "2025-03-03"),
    ("Ficha\nMise à jour : mars 2025\n", "2025-03"),
    ("Portfolio review - Q3 2025\n", "2025-09"),
    ("Informe semestral enero-junio 2025\n", "2025-06"),
    ("Rapport sur les résultats 2022\n\nLes encadrés ci-dessous présentent trois projets.\n", "2022"),
    ("FICHA DE PROYECTO                          Fecha de impresión: 02/12/2026 10:41\n", "2026-12-02"),
    ("RESUMEN EJECUTIVO                          Tegucigalpa, M.D.C., octubre de 2026\n", "2026-10"),
    ("ARRÊTÉ N° 2026-0417/MTFP/DC/SGM du 12 novembre 2026\nportant création de l'Unité de gestion\n", "2026-11-12"),
    ("Resolución Ministerial N° 045-2026-PCM del 18 de marzo de 2026\n", "2026-03-18"),
    ("Decree No. 12 of 3 March 2025\non the civil service academy\n", "2025-03-03"),
])
def test_the_document_date_from_more_places(head, iso):
    assert document_date(head).iso() == iso


@pytest.mark.parametrize("head", [
    # a project's own period label: no document date (it would date every other record of the file)
    "Fiche projet\nPériode : janvier 2024 - décembre 2026\n",
    "Ficha de proyecto\nPeríodo: marzo de 2024 - febrero de 2026\n",
    # a report's heading followed by a thing's name, not its period; a project's period after a report's name
    "Update on the 2024-2026 national plan\n",
    "Project brief 2024-2027\n",
    "Note conceptuelle 2025-2028\n",
    # a version's number, an earlier meeting's minutes told in a sentence, a mission's span
    "Versión 4 (final)\n",
    "POINT 1 - Le procès-verbal de la séance du 28 mars 2026 est adopté à l'unanimité par le conseil municipal réuni\n",
    "Aide-mémoire de la mission de supervision (22/09-03/10/26)\n",
    # a number that holds a year and a month is no date; an act cited, not the document
    "ACTA ADMINISTRATIVA No. 01-2026-UEP\nACTA DE INICIO DEL PROYECTO\n",
    "Vu la loi n° 2019-40 du 07 novembre 2019 portant révision de la Constitution ;\n",
    # a table's rows: after the ruled line, never the document's date
    "Portfolio\nID | Title | Printed\n---+-------+--------\n1 | e-Gov | Printed: 03.08.2026\n",
    # two file dates that disagree
    "Exported on 2026-11-30 | Printed: 03.08.2026\n",
    # the narrative: a sentence long enough to be one, with an event's date
    "Programme update\nThe regional workshop held in Nairobi was generated by demand; it met on 3 March 2025 "
    "with officials of eleven ministries and agencies of the three countries that take part in the programme.\n",
])
def test_no_document_date_from_a_project_label_a_table_or_the_narrative(head):
    assert document_date(head) is None


def test_more_places_do_not_override_a_dateline_or_a_label():
    # a label at a line's start is read first (values.status_dates), one dateline alone too
    assert document_date("Date: 4 March 2025\nPrinted: 03.08.2026\n").iso() == "2025-03-04"
    assert document_date("Nairobi, 3 March 2025\nPrinted: 03.08.2026\n").iso() == "2025-03-03"
    # a place and a date in a header cell count only where nothing stronger dates the document
    assert more_document_dates("REVUE\nSemaine du 16 au 22 novembre 2026\n  B. Mutations, 20/11/2026\n") == {
        PartialDate(2026, 11, 22)}


@pytest.mark.parametrize("text,iso", [
    ("Le programme démarrera en janvier 2027.\n\n© 2025 PGNS – Mentions légales – Plan du site\n", "2025"),
    ("The programme will start in 2027.\n\nCopyright 2019-2024 Observatory\n", "2024"),
    ("El programa comenzará en 2027.\n\nÚltima actualización: 4 de marzo de 2025\n", "2025-03-04"),
    ("Article 7 : Le présent arrêté sera publié au Journal officiel.\n\n  Fait à Cotonou, le 12 novembre 2026\n"
     "  Le Ministre\n", "2026-11-12"),
])
def test_a_footer_dates_a_page(text, iso):
    assert footer_date(text).iso() == iso


def test_no_footer_date_from_an_event_date_or_two_years():
    assert footer_date("Workshop on budgeting\nDate: 14 May 2027\nVenue: Lusaka\n") is None
    assert footer_date("© 2024 Observatory\nLast updated: 3 March 2025\n") is None


# ---------------------------------------------------------------- the status that follows

def test_a_printed_schedule_dates_its_projects():
    rec = only_record_in(
        "Gantt chart - Governance portfolio (Western Balkans)\n"
        "Exported from ProjectLibre 1.9.3 | File: wb_v14.pod | Printed: 03.08.2026 16:42\n\n"
        "Title: e-Procurement Capacity Building for Albania\nDonor: SECO\n"
        "Period: 1 April 2024 to 30 June 2026\nBudget: CHF 1.9M\n")
    assert rec.status == "completed"
    assert any("2026-08-03" in r for r in _status_flags(rec))


def test_a_footer_year_makes_a_later_start_planned():
    rec = only_record_in(
        "## Une deuxième phase est-elle prévue ?\nTitre : Services publics numériques au Sahel\n"
        "Bailleur : Union européenne\nDébut : janvier 2027\n\n© 2025 PGNS – Mentions légales\n")
    assert rec.status == "planned" and any("(2025)" in r for r in _status_flags(rec))


def _record(text: str, start=None, end=None, status=None) -> Record:
    rec = Record(index=0, text=text, title="Fortalecimiento de la atención ciudadana")
    rec.start, rec.end, rec.status = start, end, status
    return rec


DEC_2026 = PartialDate(2026, 12, 2)


@pytest.mark.parametrize("text,start", [
    ("Since 2024, the project brings the State closer to people in the border provinces.", PartialDate(2024)),
    ("Le projet, en cours depuis mars 2025, forme les agents des communes.", PartialDate(2025, 3)),
    ("Desde 2024, el proyecto acerca el Estado a la gente.", PartialDate(2024)),
])
def test_a_start_told_with_since_is_active(text, start):
    rec = _record(text, start=start)
    since_status(rec, DEC_2026)
    assert rec.status == "active"
    assert _status_flags(rec) and _status_flags(rec)[0].startswith("suggested: active, '")


@pytest.mark.parametrize("text,start,end,when,status", [
    # a since with its end: a period, not told as under way
    ("Desde 2020 hasta 2022, el proyecto formó a 300 agentes.", PartialDate(2020), None, DEC_2026, None),
    # an end before the document's date
    ("Since 2021 the project trained 300 officials.", PartialDate(2021), PartialDate(2023), DEC_2026, None),
    # no document date
    ("Depuis 2024, le projet forme les agents.", PartialDate(2024), None, None, None),
    # the start after the document's date
    ("Since 2027, the project will train officials.", PartialDate(2027), None, DEC_2026, None),
    # "since" dates another thing than the record's start
    ("Since 2019 the ministry has led the reform; the project began in 2024.", PartialDate(2024), None, DEC_2026,
     None),
    # a status a rule placed
    ("Desde 2024, el proyecto acerca el Estado a la gente.", PartialDate(2024), None, DEC_2026, "completed"),
])
def test_since_guards(text, start, end, when, status):
    rec = _record(text, start=start, end=end, status=status)
    since_status(rec, when)
    assert rec.status == status and not _status_flags(rec)


# ---------------------------------------------------------------- a start after a label's colon

@pytest.mark.parametrize("text,start", [
    ("Proyecto de formación en gestión de riesgos.\nInicio previsto: 2027\nEntidad: AGCID\n", PartialDate(2027)),
    ("Projet de stratégie numérique.\nDémarrage souhaité : janvier 2027\n", PartialDate(2027, 1)),
    ("Digital skills project.\nExpected start: March 2027\n", PartialDate(2027, 3)),
])
def test_a_start_after_a_labels_colon_is_suggested(text, start):
    found = suggest_sides(text)
    assert found is not None and found.start == start


def test_no_start_from_an_events_label():
    assert suggest_sides("Regional workshop on budgeting.\nStart of the workshop: 3 May 2027\n") is None
