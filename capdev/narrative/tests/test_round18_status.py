"""Round 18: a status word standing alone as one piece of a line of the record's head is its status, suggested and
flagged (capdev.narrative.values.status_pieces)."""
import pytest

from capdev.narrative import parse_text
from capdev.narrative.values.status import status_alone


def _status(text):
    record = parse_text(text)[0]
    flags = [f.reason for f in record.flags if f.field == "status" and "standing alone" in f.reason]
    return record.status, flags


@pytest.mark.parametrize("text, expected", [
    ("Registro de servidores públicos municipales (código GT-RSPM-2025)\n"
     "Inicio junio 2025 – fin mayo 2027, en ejecución\nPaís: Guatemala\n", "active"),
    ("PFM Training for Local Councils - code PFM-LC-2023 - CLOSED (Jan 2023 to Dec 2025).\n"
     "Donor: Irish Aid. Total EUR 1.1 million.\n", "completed"),
    ("Appui à la fonction publique territoriale (BEN-FP-02)\nPays : Bénin\n"
     "Période 2027-2029, en préparation, 450 000 EUR\n",
     "planned"),
    ("Proyecto de fortalecimiento municipal (HND-01)\nHonduras | 2022-2025 | finalizados | USD 300,000\n",
     "completed"),
])
def test_a_status_word_alone_among_the_heads_facts_is_the_status(text, expected):
    status, flags = _status(text)
    assert status == expected
    assert flags


@pytest.mark.parametrize("text", [
    # the status of an earlier phase, of a call, of a component: not the project's
    "Appui à la fonction publique (BEN-FP-02)\nPhase 1 — clôturée — 2015-2018\nPériode : 2019-2023\nPays : Bénin\n",
    "Civil service reform project (GHA-01)\nCall for proposals - closed - 2024\nPeriod: 2024-2026\nCountry: Ghana\n",
    # a word that says nothing alone
    "Civil service reform project (GHA-01)\nGhana - open - 2024-2026 - USD 300,000\n",
    # two categories on the head's lines: split evidence
    "Project title: Civil service reform (GHA-01)\nBudget: USD 300,000\nGhana - completed - 2020-2023\n"
    "Kenya - ongoing - 2024-2026\n",
])
def test_no_status_where_the_piece_is_not_the_projects_or_the_evidence_is_split(text):
    status, flags = _status(text)
    assert not flags


def test_status_alone_reads_only_a_whole_status():
    assert status_alone("  En ejecución. ") == "active"
    assert status_alone("Clôturées") == "completed"
    assert status_alone("closed session") is None
    assert status_alone("open") is None
