"""A date label's value that goes on into prose (issue #16: several facts packed into one line): the date is its
first sentence, the rest is flagged as placed nowhere (values/date_sentences.py)."""
from __future__ import annotations

import pytest

from capdev.narrative.values.date_sentences import REST, first_sentence

from ._shared import only_record_in, suggested


@pytest.mark.parametrize("text, start, end", [
    ("Project: Civil service reform support\nCode: GOV-01\n"
     "Start: March 2024. End: February 2027. Funded by the Government of Sweden.\n", "2024-03", "2027-02"),
    ("Projet : Appui à la fonction publique locale\nCode : FPL-2\n"
     "Début : septembre 2024. Fin : août 2027. Financé par l'Union européenne.\n", "2024-09", "2027-08"),
    ("Proyecto: Gobierno abierto municipal\nCódigo: GAM-5\n"
     "Inicio: enero de 2025. Fin: diciembre de 2026; el convenio se firmó en Asunción.\n", "2025-01", "2026-12"),
])
def test_the_end_packed_before_a_sentence_is_read(text, start, end):
    record = only_record_in(text)
    assert (record.start.iso(), record.end.iso()) == (start, end)
    assert ("time_frame", REST) in [(f.field, f.reason) for f in record.flags]
    assert not suggested(record, "end")  # read from its label, not suggested from the prose as a guess


@pytest.mark.parametrize("value", [
    "févr. 2027",  # an abbreviation's stop, not a sentence's
    "see the annex. Dates to be confirmed in 2025",  # the first sentence is no date
    "March 2024 - June 2026",  # nothing after it
])
def test_no_cut_where_the_first_sentence_is_no_date_or_all(value):
    assert first_sentence(value) is None
