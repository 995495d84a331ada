"""Round 19 (numbers and time): a register's change notes that name one project of its table by code change that
project's end, status or budget (structured/code_changes.py)."""
from decimal import Decimal

import pytest

from capdev.narrative import parse_text

_TABLE = ("| code | title | country | budget | start | end | status |\n"
          "|------|-------|---------|--------|-------|-----|--------|\n"
          "| GOV-2210 | {t1} | Ghana | EUR 400,000 | 2023-01 | 2025-12-31 | {active} |\n"
          "| GOV-2311 | {t2} | Kenya | USD 900,000 | 2022-05 | 2025-06-30 | {active} |\n")

_NOTES = {
    "en": ("Register updates\n\n- GOV-2210 end date moved from 2025-12-31 to **2026-09-30** (no-cost extension).\n"
           "- GOV-2311 set to `closed`.\n- GOV-2311 budget corrected: USD 950,000 (was USD 900,000, a typo).\n",
           {"t1": "Civil service reform in Ghana", "t2": "Digital government in Kenya", "active": "active"}),
    "fr": ("Mises à jour du registre\n\n- GOV-2210 : la date de fin est reportée du 31/12/2025 au 30/09/2026.\n"
           "- GOV-2311 passe à clôturé.\n- GOV-2311 budget corrigé : 950 000 USD (au lieu de 900 000 USD).\n",
           {"t1": "Réforme de la fonction publique du Ghana", "t2": "Administration numérique au Kenya",
            "active": "en cours"}),
    "es": ("Cambios del registro\n\n- GOV-2210: la fecha de finalización se amplió del 31/12/2025 al 30/09/2026.\n"
           "- GOV-2311 cambiado a concluido.\n- GOV-2311 presupuesto corregido: USD 950.000 (antes USD 900.000).\n",
           {"t1": "Reforma del servicio civil de Ghana", "t2": "Gobierno digital en Kenia", "active": "en ejecución"}),
}


def _records(text):
    return {r.code: r for r in parse_text(text)}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("notes_first", [True, False])
def test_change_notes_naming_a_code_change_that_row(lang, notes_first):
    notes, words = _NOTES[lang]
    table = _TABLE.format(**words)
    recs = _records(notes + "\n" + table if notes_first else table + "\n" + notes)
    first, second = recs["GOV-2210"], recs["GOV-2311"]
    assert str(first.end) == "2026-09-30"
    assert first.status == words["active"] and [(m.amount, m.currency) for m in first.budgets] == [
        (Decimal("400000"), "EUR")]  # the other project's notes change nothing of this one
    assert str(second.end) == "2025-06-30"
    assert second.status.lower() in ("closed", "clôturé", "concluido")
    assert [(m.amount, m.currency) for m in second.budgets] == [(Decimal("950000"), "USD")]


def test_a_note_naming_two_codes_or_disagreeing_notes_change_nothing():
    notes = ("- GOV-2210 and GOV-2311: end date moved from 2025-06-30 to 2026-12-31.\n"
             "- GOV-2311 set to closed.\n- GOV-2311 set to pipeline.\n"
             "- GOV-2311 budget corrected: USD 950,000 (was USD 800,000).\n- GOV-2210 set to closed.\n")
    recs = _records(_TABLE.format(**_NOTES["en"][1]) + "\n" + notes)
    assert str(recs["GOV-2210"].end) == "2025-12-31" and str(recs["GOV-2311"].end) == "2025-06-30"
    assert recs["GOV-2210"].status == "closed"  # one state told of it
    assert recs["GOV-2311"].status == "active"  # two states told: neither placed
    assert [m.amount for m in recs["GOV-2311"].budgets] == [Decimal("900000")]  # the old amount is not the row's


def test_an_earlier_end_in_a_note_does_not_replace_the_rows():
    notes = ("- GOV-2210 end date moved from 2026-12-31 to 2025-03-31.\n"
             "- GOV-2311 end date extended from 30 June 2025 to 31 March 2026.\n")
    recs = _records(_TABLE.format(**_NOTES["en"][1]) + "\n" + notes)
    assert str(recs["GOV-2210"].end) == "2025-12-31"
    assert str(recs["GOV-2311"].end) == "2026-03-31"


# A table's remarks column (no field's label) that says the end was extended: the later end is the project's.
_REMARKS = {
    "en": ("| Code | Title | Period | Status | Remarks |\n|---|---|---|---|---|\n"
           "| TZ-101 | Local government training in Tanzania | 01/2023 - 12/2025 | Ongoing | {a} |\n"
           "| TZ-102 | Records management in Tanzania | 03/2024 - 02/2026 | Ongoing | {b} |\n",
           "No-cost extension approved until June 2026 (new end date)", "Extension requested until June 2027"),
    "fr": ("| Code | Titre | Période | Statut | Observations |\n|---|---|---|---|---|\n"
           "| SN-201 | Formation des élus locaux au Sénégal | 01/2023 - 12/2025 | En cours | {a} |\n"
           "| SN-202 | Archives publiques du Sénégal | 03/2024 - 02/2026 | En cours | {b} |\n",
           "Prolongation accordée jusqu'au 30 juin 2026", "Demande de prorogation jusqu'au 30 juin 2027"),
    "es": ("| Código | Título | Período | Estado | Observaciones |\n|---|---|---|---|---|\n"
           "| PE-301 | Formación de autoridades locales en Perú | 01/2023 - 12/2025 | En ejecución | {a} |\n"
           "| PE-302 | Gestión documental en Perú | 03/2024 - 02/2026 | En ejecución | {b} |\n",
           "Prórroga aprobada hasta 06/2026 (nueva fecha fin)", "Se solicitó una prórroga hasta 06/2027"),
}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_an_extension_granted_in_a_remarks_cell_is_the_end(lang):
    table, granted, asked = _REMARKS[lang]
    first, second = parse_text(table.format(a=granted, b=asked))
    assert str(first.start) == "2023-01" and str(first.end).startswith("2026-06")
    assert any(f.field == "time_frame" and "extended" in f.reason for f in first.flags)
    assert str(second.end) == "2026-02"  # an extension only asked for changes nothing


@pytest.mark.parametrize("sentence", ["The no-cost extension was approved until 30 June 2026.",
                                      "La prolongation accordée jusqu'au 30 juin 2026 permet de finir.",
                                      "La prórroga otorgada hasta el 30 de junio de 2026 permite concluir."])
def test_an_extension_said_granted_in_a_sentence_extends_the_labelled_end(sentence):
    (rec,) = parse_text("Title: Public records management in Ghana\nCountry: Ghana\nStart: January 2023\n"
                        f"End: December 2025\n\n{sentence}\n")
    assert str(rec.end) == "2026-06-30"


# An amount its clause gives to one fiscal year ("the project's FY2026/27 allocation") is the year's, not the budget.
_YEARLY = {
    "en": ("Title: Public service training in Zambia\nCountry: Zambia\nPeriod: 2024-2028\n\nThe project is financed "
           "by a World Bank credit of USD 12 million. Its FY2026/27 allocation is cut from ZMW 90 million to ZMW 60 "
           "million.\n", 12000000, "USD"),
    "fr": ("Titre : Formation des agents publics au Niger\nPays : Niger\nPériode : 2024-2028\n\nLe projet est financé "
           "par un crédit de 8 millions d'euros. Pour l'exercice budgétaire 2026, sa dotation passe de 900 000 EUR "
           "à 700 000 EUR.\n", 8000000, "EUR"),
    "es": ("Título: Formación de servidores públicos en Paraguay\nPaís: Paraguay\nPeríodo: 2024-2028\n\nEl proyecto "
           "está financiado con una donación de USD 5 millones. Para el ejercicio fiscal 2026, la asignación baja de "
           "USD 900.000 a USD 600.000.\n", 5000000, "USD"),
}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_fiscal_years_allocation_does_not_compete_with_the_funded_total(lang):
    text, amount, currency = _YEARLY[lang]
    (rec,) = parse_text(text)
    assert [(m.amount, m.currency) for m in rec.budgets] == [(Decimal(amount), currency)]
    assert any(f.field == "budgets" and f.reason.startswith("suggested") for f in rec.flags)  # flagged, not sure


# The document's own date, from a file's export in brackets on its head line or a label naming the document (a
# brief, a note, a memo, a request), dates the status its period gives (inferred, flagged).
_DATED_HEADS = [
    "Photo album « Civil service week » — captions (export of 14/10/2026)\n",
    "Album « Semaine de la fonction publique » — légendes (export du 14/10/2026)\n",
    "Álbum « Semana del servicio civil » — leyendas (exportación del 14/10/2026)\n",
    "DESIGN BRIEF\nDate of the brief: 14 October 2026            Delivery: 18 December 2026\n",
    "NOTE TECHNIQUE\nDate de la note : 14 octobre 2026\n",
    "BRIEF DE DISEÑO\nFecha del brief: 14 de octubre de 2026             Entrega: 18 de diciembre de 2026\n",
]


@pytest.mark.parametrize("head", _DATED_HEADS)
def test_a_documents_own_date_in_its_head_dates_the_status(head):
    records = parse_text(head + "\nTitle: Civil service reform in Ghana\nCountry: Ghana\nPeriod: 2024-2028\n\n"
                         "Title: Records management in Ghana\nCountry: Ghana\nPeriod: 2021-2025\n")
    assert [r.status for r in records] == ["active", "completed"]
    assert all(any(f.field == "status" and "document's date (2026-10-14)" in f.reason for f in r.flags)
               for r in records)


# A period cell of two slashed dates joined by a bare hyphen ("09/2023-08/2026"): a start and an end, never a year.
@pytest.mark.parametrize("header,row", [
    ("Code;Title;Country;Period;Status", "GH-01;Civil service reform in Ghana;Ghana;{p};Ongoing"),
    ("Code;Titre;Pays;Période;Statut", "BJ-01;Réforme de la fonction publique du Bénin;Bénin;{p};En cours"),
    ("Código;Título;País;Periodo;Estado", "BO-01;Reforma del servicio civil de Bolivia;Bolivia;{p};En ejecución"),
])
@pytest.mark.parametrize("period,start,end", [("09/2023-08/2026", "2023-09", "2026-08"),
                                              ("01/03/2025-28/02/2027", "2025-03-01", "2027-02-28"),
                                              ("12/2024-2026", "2024-12", "2026")])
def test_two_slashed_dates_joined_by_a_hyphen_are_the_period(header, row, period, start, end):
    (rec,) = parse_text(f"{header}\n{row.format(p=period)}\n")
    assert (str(rec.start), str(rec.end)) == (start, end)


# A start label's date with an aside that dates something else ("(pipeline - PAC meeting held 28 Oct 2026)").
_ASIDES = [
    ("PROJECT LIST\n\n00150021 | Performance Contracting in Kenya\n         | Country: Kenya | Donor: Sida | "
     "Budget: USD 650,000\n         | Start: 01 Nov 2026 (pipeline - board meeting held 28 Oct 2026; hours = "
     "formulation)\n         | Partner: Kenya School of Government\n"),
    ("LISTE DES PROJETS\n\n00150022 | Contrats de performance au Sénégal\n         | Pays : Sénégal | Bailleur : AFD "
     "| Budget : 650 000 EUR\n         | Début : 1er novembre 2026 (en préparation - comité tenu le 28 octobre 2026 ; "
     "heures = formulation)\n         | Partenaire : École nationale d'administration\n"),
    ("LISTA DE PROYECTOS\n\n00150023 | Contratos de desempeño en Perú\n         | País: Perú | Donante: AECID | "
     "Presupuesto: USD 650.000\n         | Inicio: 1 de noviembre de 2026 (en preparación - comité celebrado el 28 de "
     "octubre de 2026; horas = formulación)\n         | Socio: SERVIR\n"),
]


@pytest.mark.parametrize("text", _ASIDES)
def test_a_date_in_an_aside_of_a_start_value_is_another_things(text):
    (rec,) = parse_text(text)
    assert (str(rec.start), rec.end) == ("2026-11-01", None)


# A financing agreement's number after its noun (a funder's acronym between or not) is the code where none is given.
_AGREEMENTS = [
    ("Title: Civil service training in Ghana\nCountry: Ghana\nPeriod: 2025-2028\n\nThe project is funded under the "
     "financing agreement EU No. GH-2025-118 signed in March 2025.\n", "GH-2025-118"),
    ("Titre : Formation des cadres de l'administration territoriale\nPays : Togo\nPériode : 2025-2028\n\n"
     "Financement : AFD - Convention CTG 2087 01 K - 1 200 000 EUR\n", "CTG 2087 01 K"),
    ("Titre : Réforme de l'administration publique\nPays : Mauritanie\nPériode : 2024-2027\n\nLe programme est "
     "financé par l'Union européenne (convention de financement FED/2024/455-812).\n", "FED/2024/455-812"),
    ("Título: Formación de servidores públicos\nPaís: Bolivia\nPeríodo: 2025-2027\n\nEl proyecto se financia con el "
     "convenio AECID 2025/SPE/0000400999 firmado en marzo de 2025.\n", "2025/SPE/0000400999"),
]


@pytest.mark.parametrize("text,code", _AGREEMENTS)
def test_a_financing_agreements_number_is_the_code_flagged(text, code):
    (rec,) = parse_text(text)
    assert rec.code == code
    assert any(f.field == "code" for f in rec.flags)

