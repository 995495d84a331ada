"""A report on one event whose labels include a contact line ("Contact:", "Courriel :", "Contacto:"): the head above
its labels still names the report's event, with its place, days and attendance (round 10; the contact label made the
head a labelled record's title and summary, and the event was lost)."""
from __future__ import annotations

import pytest

from ._shared import FILES, only_record

HEAD = FILES / "round10" / "report_head"


@pytest.mark.parametrize("name,event", [
    ("en_contact.txt", ("2024-03-06", "KEN", 42)),
    ("fr_courriel.txt", ("2023-06-12", "BEN", 28)),
    ("es_contacto.txt", ("2023-05-03", "HND", 35)),
])
def test_the_heads_event_survives_a_contact_label(name, event):
    record = only_record(HEAD / name)
    assert [(a.start.iso(), a.country, a.participants) for a in record.activities] == [event]
    assert any(f.field == "contact" for f in record.flags)
