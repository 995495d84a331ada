"""Round 6: events and people reached in report genres, in English, French and Spanish (records written for these
tests, tests/files/round6/events/). Each record's activity rows are listed whole (a row not listed is a defect), and
the wrong readings each genre invites are named: they must not be produced."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.event_corrections import corrections

FILES = Path(__file__).parent / "files" / "round6" / "events"

# file: (every counted row as (start month, venue country, exact count), counts that must appear on no row,
#        months that must have no row)
EXPECTED: dict[str, tuple[list[tuple], set[int], set[str]]] = {
    # A workshop report: the attendance sentence after the event gives its count ("Ont pris part ... 34
    # participants dont 12 femmes": 34, the women among them not added); its count goes to its own event only.
    "en_workshop_report.txt": ([("2023-03", "KEN", 34), ("2023-05", "UGA", 27), ("2023-06", "TZA", 19)], {12, 46},
                               set()),
    "fr_compte_rendu.txt": ([("2023-03", "SEN", 34), ("2023-05", "MLI", 27), ("2023-06", "NER", 19)], {12, 46},
                            set()),
    "es_acta_taller.txt": ([("2023-03", "PER", 34), ("2023-05", "BOL", 27), ("2023-06", "ECU", 19)], {12, 46},
                           set()),
    # A results box or a completion report's list: one row per item, with the month and city of its own item; a
    # total written outside the list is no item's count.
    "en_results_box.txt": ([("2023-03", "KEN", None), ("2023-06", "GHA", None), ("2023-09", "SEN", 40),
                            ("2023-11", None, 120)], {85}, set()),
    "fr_rapport_achevement.txt": ([("2023-02", "CMR", None), ("2023-05", "GAB", None), ("2023-08", "COG", None),
                                   ("2023-10", "CMR", 52), ("2023-12", None, 88)], {96}, set()),
    "es_informe_gestion.txt": ([("2023-03", "HND", None), ("2023-06", "SLV", None), ("2023-09", "NIC", None),
                                ("2023-10", "HND", 64), ("2023-11", None, 150)], {120}, set()),
    # An e-mail thread: a later correction of a count wins; a message's "Date:" line is no event.
    "en_thread_correction.txt": ([("2023-06", "GHA", 42)], {45}, set()),
    "fr_fil_rectificatif.txt": ([("2023-06", "BEN", 38)], {45}, set()),
    "es_hilo_correccion.txt": ([("2023-06", "PRY", 51)], {45}, set()),
    # Social posts: a date written after the post's sentence is its date.
    "en_social_posts.txt": ([("2023-05", "RWA", 40), ("2023-09", None, 95)], set(), set()),
    "fr_publications_reseaux.txt": ([("2023-06", "TGO", 35), ("2023-10", None, 72)], set(), set()),
    "es_publicaciones_redes.txt": ([("2023-08", "URY", 28), ("2023-10", None, 66)], set(), set()),
    # A mission report: the mission's own dates are no event; the workshop held during it is one.
    "en_back_to_office.txt": ([("2023-04", "NPL", 38)], set(), set()),
    "fr_rapport_mission.txt": ([("2023-04", "MDG", 38)], set(), set()),
    "es_informe_mision.txt": ([("2023-04", "GTM", 38)], set(), set()),
    # Committee minutes: the steering committee's meeting is no event; the trainings it reviews are.
    "en_committee_minutes.txt": ([("2023-06", "MDA", 31), ("2023-09", None, 58)], set(), {"2023-10"}),
    "fr_proces_verbal.txt": ([("2023-06", "TUN", 31), ("2023-09", None, 58)], set(), {"2023-10"}),
    "es_acta_comite.txt": ([("2023-06", "CRI", 31), ("2023-09", None, 58)], set(), {"2023-10"}),
    # A sentence wrapped after a preposition ("took place online on" / "9 November 2022 ..."): read whole.
    "en_wrapped_email.txt": ([("2022-11", None, 64), ("2023-03", "KGZ", 37)], set(), set()),
    "fr_courriel_renvoi.txt": ([("2022-11", None, 64), ("2023-03", "MAR", 37)], set(), set()),
    "es_correo_renglones.txt": ([("2022-11", None, 64), ("2023-03", "PAN", 37)], set(), set()),
    # Several events in one sentence: a month told after the year of the clause ("organisés en 2022, à Parakou en
    # mai") is that year's; a bare number ending a clause after "with"/"avec"/"con" counts the people the clause
    # before it counted ("... with 22 officers and in Eldoret in June 2023 with 19").
    "en_elided_counts.txt": ([("2022-05", "KEN", 30), ("2022-08", "KEN", 26), ("2023-03", "KEN", 22),
                              ("2023-06", "KEN", 19)], set(), {"2022"}),
    "fr_comptes_elides.txt": ([("2022-05", "BEN", 30), ("2022-08", "BEN", 26), ("2023-03", "BEN", 22),
                               ("2023-06", "BEN", 19)], set(), {"2022"}),
    "es_conteos_elididos.txt": ([("2022-05", "BOL", 30), ("2022-08", "BOL", 26), ("2023-03", "BOL", 22),
                                 ("2023-06", "BOL", 19)], set(), {"2022"}),
    # Clauses joined by a semicolon tell their own facts: a date written before the event's clause is not its date;
    # a count in the event's own clause is its own, not a total.
    "en_semicolon_clauses.txt": ([("2021-06", "SLE", None), ("2022-02", "SLE", 72), ("2022-05", "SLE", 110)],
                                 set(), {"2021"}),
    "fr_propositions_point_virgule.txt": ([("2021-06", "GIN", None), ("2022-02", "GIN", 72),
                                           ("2022-05", "GIN", 110)], set(), {"2021"}),
    "es_clausulas_punto_y_coma.txt": ([("2021-06", "HND", None), ("2022-02", "HND", 72), ("2022-05", "HND", 110)],
                                      set(), {"2021"}),
}


_MISSION_REPORTS = {"en_back_to_office.txt", "fr_rapport_mission.txt", "es_informe_mision.txt"}


def _key(row: tuple) -> tuple:
    return tuple("" if v is None else str(v) for v in row)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_activity_row(name: str) -> None:
    rows, _, _ = EXPECTED[name]
    counted = [e for e in only_record(FILES / name).activities if not e.recalled]
    got = [((e.start.iso()[:7] if e.start else ""), e.country, e.participants) for e in counted]
    assert sorted(got, key=_key) == sorted(rows, key=_key)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_wrong_readings_not_produced(name: str) -> None:
    _, counts, months = EXPECTED[name]
    record = only_record(FILES / name)
    assert not {e.participants for e in record.activities} & counts
    assert not {e.start.iso()[:7] for e in record.activities if e.start} & months
    if name in _MISSION_REPORTS:
        assert all(e.type != "advisory_mission" for e in record.activities)


@pytest.mark.parametrize("name", ["en_back_to_office.txt", "fr_rapport_mission.txt", "es_informe_mision.txt",
                                  "fr_proces_verbal.txt", "es_acta_comite.txt"])
def test_set_aside_rows_are_flagged(name: str) -> None:
    reasons = [f.reason for f in only_record(FILES / name).flags if f.field == "activities"]
    assert any("mission the report is on" in r or "governance meeting" in r for r in reasons), reasons


@pytest.mark.parametrize("text, found", [
    ("Correction: 42 participants attended, not 45.", [(45, 42)]),
    ("Rectificatif : 38 participants et non 45.", [(45, 38)]),
    ("Corrección: no fueron 45 sino 51 participantes.", [(45, 51)]),
    ("Update: not 45 but 42 officials.", [(45, 42)]),
    # a date corrected is no count corrected; a figure without a correction word is not one
    ("Please note: the workshop is on 12 May, not 11 May.", []),
    ("Corrección: el 12 de mayo y no el 11 de mayo.", []),
    ("The workshop had 42 participants, not 45 as planned.", []),
])
def test_corrections(text: str, found: list[tuple[int, int]]) -> None:
    assert [(old, new) for _, old, new in corrections(text)] == found
