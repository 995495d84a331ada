"""Round 10: the events a project held and their counts, in English, French and Spanish, in layouts the parser was
not written for (records written for these tests, tests/files/round10/events/: a newsletter's sentences, a fiche
projet's calendar, an informe's paragraphs, a report's table with merged cells, a back-to-office e-mail in two
languages, a tab-separated sheet, a Markdown list, press releases):
- "210 registered and 164 attended", "87 inscrits, 61 participants", "plus de 200 inscrits, 140 connectés",
  "Se registraron 64 personas y asistieron 52" (a sentence of its own after the event's): the count is who came;
- a milestone told with no venue nor people ("The final report of the project was launched in June 2024") is no
  event: kept in the text, flagged;
- a range written with its weekdays ("From Monday 30 October to Thursday 2 November 2023", "Du lundi 30 octobre
  au jeudi 2 novembre 2023", "Del lunes 30 de octubre al jueves 2 de noviembre de 2023") begins on its first day:
  the event is of October, not November;
- a table row whose date and venue cells are empty under a dated row (cells merged down) takes that row's date
  and venue, flagged;
- a dated list item "14-16 juin 2022, Dakar : atelier ..." is held in Dakar;
- a follow-up session ("sesión de seguimiento", "session de suivi", "follow-up session") is an event;
- one event told twice (a summary's sentence to the month, the table, list or card under it to the day) is
  counted once, flagged; two events of one month in two cities stay two;
- a chronology's entry wrapped under its text column ("Jul 2022    Regional validation workshop on the ..." /
  "            assessment of Lesotho, Maseru - 29 officials.") is one entry, and "oct. 2022", "sep. 2022" at an
  entry's head are months (the dot ends no sentence);
- a sentence that presents the project at an event ("presented the project at the ... Forum", "présente le projet
  lors du Forum", "se presentó el proyecto en el Foro") tells another's event: flagged, not counted.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record

FILES = Path(__file__).parent / "files" / "round10" / "events"


def _rows(record) -> list[tuple]:
    """(start month, venue country, count) of each event counted, in the order told."""
    return [((e.start.iso()[:7] if e.start else None), e.country, e.participants)
            for e in record.activities if not e.recalled]


ROWS = {
    "en_newsletter_sentences.txt": [("2023-03", "GHA", 35), ("2023-09", None, 164), ("2024-02", "GHA", 43)],
    "fr_agenda_calendrier.txt": [("2022-06", "SEN", 120), ("2022-11", None, 61), ("2023-02", "SEN", 40)],
    "es_informe_parrafos.txt": [("2022-08", "BOL", 80), ("2022-11", None, 112), ("2023-03", "BOL", 58)],
    "en_activity_table_merged.txt": [("2023-05", "KEN", 42), ("2023-05", "KEN", None), ("2023-10", None, 97),
                                     ("2023-12", "KEN", 28)],
    "es_correo_regreso.txt": [("2023-05", "GTM", 52), ("2023-05", None, 70)],  # "unas 70": rounded, read
    "fr_courriel_retour.txt": [("2023-03", "CIV", 60), ("2023-03", None, 90)],
    "es_tabla_tabulada.txt": [("2022-09", "PER", 36), ("2023-02", None, 120)],
    "fr_liste_markdown.md": [("2022-04", "MLI", 45), ("2022-09", None, 140), ("2023-02", "SEN", 30)],
    "en_press_release_weekdays.txt": [("2023-10", "MDA", 36), ("2024-02", None, 51)],
    "fr_communique_jours.txt": [("2023-10", "TGO", 33), ("2024-02", None, 47)],
    "es_nota_prensa_dias.txt": [("2023-10", "SLV", 38), ("2024-02", None, 44)],
    "en_summary_and_table.txt": [("2022-06", "ZMB", 40), ("2022-11", None, 75)],
    "fr_synthese_et_liste.txt": [("2022-06", "BEN", 40), ("2022-11", None, 75)],
    "es_resumen_y_fichas.txt": [("2022-06", "HND", 40), ("2022-11", None, 75)],
    "en_two_workshops_one_month.txt": [("2022-06", "ZMB", 27), ("2022-06", "ZMB", 31)],
    "en_timeline_wrapped.txt": [("2022-07", "LSO", 29), ("2022-11", None, 64)],
    "fr_chronologie_decalee.txt": [("2022-06", "NER", 33), ("2022-10", None, 58)],
    "es_cronologia_sangria.txt": [("2022-09", "PRY", 41), ("2022-11", None, 73)],
    "en_presented_at_forum.txt": [("2023-06", "PER", 30)],
    "fr_presente_au_forum.txt": [("2023-06", "TGO", 30)],
    "es_presentado_en_foro.txt": [("2023-06", "BOL", 30)],
}


@pytest.mark.parametrize("name", sorted(ROWS))
def test_events_and_counts(name: str) -> None:
    assert _rows(only_record(FILES / name)) == ROWS[name]


@pytest.mark.parametrize("name", ["en_newsletter_sentences.txt", "fr_liste_markdown.md", "es_correo_regreso.txt"])
def test_registered_is_no_count(name: str) -> None:
    counts = {e.participants for e in only_record(FILES / name).activities}
    assert not counts & {210, 200, 64}


@pytest.mark.parametrize("name, month", [("en_newsletter_sentences.txt", "2024-06"),
                                         ("fr_courriel_retour.txt", None)])
def test_bare_milestone_is_no_event(name: str, month: str | None) -> None:
    record = only_record(FILES / name)
    assert all(e.type != "milestone" for e in record.activities)
    if month:
        assert all(not (e.start and e.start.iso().startswith(month)) for e in record.activities)
        assert any("a milestone" in f.reason for f in record.flags if f.field == "activities")


@pytest.mark.parametrize("name", ["en_summary_and_table.txt", "fr_synthese_et_liste.txt"])
def test_told_twice_is_flagged(name: str) -> None:
    record = only_record(FILES / name)
    assert any("told twice" in f.reason for f in record.flags if f.field == "activities")


@pytest.mark.parametrize("name", ["en_presented_at_forum.txt", "fr_presente_au_forum.txt", "es_presentado_en_foro.txt"])
def test_project_presented_is_flagged(name: str) -> None:
    record = only_record(FILES / name)
    assert any("took part in" in f.reason for f in record.flags if f.field == "activities")


def test_merged_row_is_flagged() -> None:
    record = only_record(FILES / "en_activity_table_merged.txt")
    assert any("row above" in f.reason for f in record.flags if f.field == "activities")


@pytest.mark.parametrize("text, first", [
    ("from Monday 30 October to Thursday 2 November 2023", "2023-10-30"),
    ("du lundi 30 octobre au jeudi 2 novembre 2023", "2023-10-30"),
    ("del lunes 30 de octubre al jueves 2 de noviembre de 2023", "2023-10-30"),
    ("Tuesday, 14 November 2023", "2023-11-14"),
    ("On Monday 12 teams met in March 2023", "2023-03"),
])
def test_weekdays_in_dates(text: str, first: str) -> None:
    from capdev.narrative.values.dates import find_dates

    found = find_dates(text)
    assert found and found[0].range.start.iso() == first
