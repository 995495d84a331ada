"""Round 19: a calendar export (iCalendar) of a project: the calendar's name and description are the project's,
each event one line of what, where and when (its dates read from DTSTART and DTEND), so that the file is one record
with its events, not one record per event and none for the project."""
from __future__ import annotations

from pathlib import Path

from capdev.narrative import parse_file
from capdev.narrative.vcard_text import vcard_as_text

_FILE = Path(__file__).parent / "files" / "round19" / "project_calendar.ics"


def test_a_projects_calendar_is_one_record_with_its_events():
    (record,) = parse_file(_FILE)
    assert record.title == "Proyecto PAGE - Fortalecimiento de la Escuela Nacional de Gobierno"
    assert (record.code, str(record.start), str(record.end)) == ("HND-PAGE-24", "2024-01", "2026-12")
    assert [(int(b.amount), b.currency) for b in record.budgets] == [(1200000, "EUR")]
    assert [a.start.iso() for a in record.activities][:2] == ["2024-03-12", "2025-05-21"]
    assert record.activities[0].country == "HND"
    assert record.countries == []  # a venue is no country served


def test_an_event_is_read_in_place():
    text = _FILE.read_text(encoding="utf-8")
    read = vcard_as_text(text)
    assert len(read) == len(text)
    start = text.index("BEGIN:VEVENT")
    assert read[start:].startswith("Taller de arranque del proyecto PAGE (Tegucigalpa, Honduras), 2024-03-12 - "
                                   "2024-03-14. Taller con 45 participantes")
