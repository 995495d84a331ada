"""Round 6b: event rows that would be WRONG rather than missing, in English, French and Spanish (records written for
these tests, tests/files/round6b/events/). Each record's activity rows are listed whole, and the wrong rows each
case invites are named: they must not be produced."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_text
from capdev.narrative.types import Event
from capdev.narrative.values.event_online import drop_online_venue

FILES = Path(__file__).parent / "files" / "round6b" / "events"

# file: (every row as (start month, venue country, exact count), rows that must not be produced)
EXPECTED: dict[str, tuple[list[tuple], list[tuple]]] = {
    # Online sessions: the country of the participants ("from Uganda", "venus du Mali", "procedentes de Bolivia") or
    # of the body the session was organised with ("Commission of Kenya") is no venue; a room named with its
    # preposition ("in Kisumu", "à Thiès", "en Arequipa") and a hybrid event keep theirs.
    "en_online_sessions.txt": ([("2023-06", None, 62), ("2023-08", None, 48), ("2023-10", "KEN", 35),
                                ("2023-11", "UGA", 70)], [("2023-06", "UGA", 62), ("2023-08", "KEN", 48)]),
    "fr_sessions_en_ligne.txt": ([("2023-06", None, 62), ("2023-08", None, 48), ("2023-10", "SEN", 35),
                                  ("2023-11", "MLI", 70)], [("2023-06", "MLI", 62), ("2023-08", "SEN", 48)]),
    "es_sesiones_en_linea.txt": ([("2023-06", None, 62), ("2023-08", None, 48), ("2023-10", "PER", 35),
                                  ("2023-11", "BOL", 70)], [("2023-06", "BOL", 62), ("2023-08", "PER", 48)]),
    # A clause after a semicolon that tells of work done remotely ("the follow-up coaching was delivered remotely",
    # "son rapport a été diffusé en ligne") does not make the event of the clause before it online: its venue stands.
    "en_mission_then_remote.txt": ([("2024-03", "NPL", None), ("2024-06", "NPL", 44)],
                                   [("2024-03", None, None), ("2024-06", None, 44)]),
    "fr_mission_puis_distance.txt": ([("2024-03", "NER", None), ("2024-06", "NER", 44)],
                                     [("2024-03", None, None), ("2024-06", None, 44)]),
    "es_mision_luego_virtual.txt": ([("2024-03", "HND", None), ("2024-06", "HND", 44)],
                                    [("2024-03", None, None), ("2024-06", None, 44)]),
    # "at the same venue", "au même endroit", "en la misma ciudad": the venue of the event told before; the
    # second event must not be left without a country (a row with a wrong venue).
    "en_same_venue.txt": ([("2023-05", "KEN", 28), ("2023-08", "KEN", 22)], [("2023-08", None, 22)]),
    "fr_meme_lieu.txt": ([("2023-05", "BEN", 28), ("2023-08", "BEN", 22)], [("2023-08", None, 22)]),
    "es_misma_ciudad.txt": ([("2023-05", "PRY", 28), ("2023-08", "PRY", 22)], [("2023-08", None, 22)]),
    # ", and organised a webinar for Bhutanese and Nepali officials in May": the webinar is the clause after the
    # comma (its online word is its own), and "Bhutanese and Nepali officials" is one group, not two clauses.
    "en_clause_groups.txt": ([("2023-03", "BTN", 40), ("2023-05", None, None)],
                             [("2023-03", None, 40), ("2023-05", "BTN", None)]),
    "fr_groupes_propositions.txt": ([("2023-03", "TGO", 40), ("2023-05", None, None)],
                                    [("2023-03", None, 40), ("2023-05", "TGO", None)]),
    "es_grupos_clausulas.txt": ([("2023-03", "HND", 40), ("2023-05", None, None)],
                                [("2023-03", None, 40), ("2023-05", "HND", None)]),
}


def _rows(name: str) -> list[tuple]:
    records = parse_text((FILES / name).read_text(encoding="utf-8"))
    assert len(records) == 1, [r.title for r in records]
    return [((e.start.iso()[:7] if e.start else ""), e.country, e.participants)
            for e in records[0].activities if not e.recalled]


def _key(row: tuple) -> tuple:
    return tuple("" if v is None else str(v) for v in row)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_activity_row(name: str) -> None:
    assert sorted(_rows(name), key=_key) == sorted(EXPECTED[name][0], key=_key)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_wrong_rows_not_produced(name: str) -> None:
    got = _rows(name)
    assert not [row for row in EXPECTED[name][1] if row in got]


@pytest.mark.parametrize("summary, city, country_text, kept", [
    ("A webinar held online with 40 officials from Ghana.", None, "Ghana", False),
    ("Webinaire en ligne organisé avec le ministère de la Fonction publique du Bénin.", None, "Bénin", False),
    ("Curso virtual para funcionarios de Honduras.", None, "Honduras", False),
    # the room is written as where it was held, or the event is hybrid: the venue stands
    ("An online and in-room session held in Accra, Ghana.", "Accra", "Ghana", True),
    ("Session en ligne animée depuis la salle de conférence à Cotonou.", "Cotonou", "Bénin", True),
    ("Taller híbrido con funcionarios de Honduras.", None, "Honduras", True),
])
def test_online_venue(summary: str, city: str | None, country_text: str, kept: bool) -> None:
    event = Event(type="webinar", title="t", country="XXX", city=city, online=True, summary=summary)
    drop_online_venue(event, country_text)
    assert (event.country == "XXX") is kept


@pytest.mark.parametrize("name", ["en_clause_groups.txt", "fr_groupes_propositions.txt", "es_grupos_clausulas.txt"])
def test_online_word_stays_in_its_clause(name: str) -> None:
    # the workshop in the capital met in a room; only the webinar of the next clause was online
    records = parse_text((FILES / name).read_text(encoding="utf-8"))
    got = sorted((e.start.iso()[:7], e.online) for e in records[0].activities if e.start)
    assert got == [("2023-03", False), ("2023-05", True)]
