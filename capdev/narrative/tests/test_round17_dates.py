"""Round 17: a project's start and end told by one date after a word of beginning or ending, read within the date's
own sentence (values/sentence_sides.py), the other side of a bare range of years that shares the record's placed side
(agreeing_range), the suggestion readers falling through when one contradicts a rule's side (values/suggestions.py),
and an end date that "moves" (data/status_prose.json). All suggested values are flagged; guards: the dates of a
workshop, a law, an earlier project, a plan, and a date called original, give nothing."""
from __future__ import annotations

import pytest

from capdev.narrative.types import PartialDate
from capdev.narrative.values.changed_ends import changed_end
from capdev.narrative.values.sentence_sides import agreeing_range, sentence_sides

P = PartialDate


@pytest.mark.parametrize("text, start, end", [
    # an event word in a later sentence of the paragraph no longer vetoes the date
    ("Status: ongoing. Started April 2025.\n  Risk: procurement of laptops delayed (tender re-launched, training "
     "postponed).", P(2025, 4), None),
    ("Clôturé le 30 juin 2026 (démarré en septembre 2023)\n1,8 M EUR - Union européenne\nSéminaire de clôture à "
     "Yamoussoukro, 24-26 juin 2026 : 140 cadres", P(2023, 9), P(2026, 6, 30)),
    ("Estado: en ejecución. Iniciado en marzo de 2024; finalizará en junio de 2026.\nTaller de cierre previsto en "
     "Quito.", P(2024, 3), P(2026, 6)),
    # an actual end wins over an original one
    ("Approved 2018; effective 14 February 2019; original closing date 31 December 2023, extended twice, actual "
     "closing 30 June 2025.", P(2019, 2, 14), P(2025, 6, 30)),
    # a date spelled out, after a noun of the planned end
    ("El plazo es de treinta meses, por lo que la fecha prevista de finalización es el uno de mayo de dos mil "
     "veintinueve.", None, P(2029, 5, 1)),
    ("Projet présenté au Conseil, en cours depuis janvier 2025 et qui s'achèvera en décembre 2027.",
     P(2025, 1), P(2027, 12)),
    ("Expected start March 2027; indicative budget USD 1.1 million.", P(2027, 3), None),
])
def test_a_side_read_within_its_sentence(text, start, end):
    found = sentence_sides(text)
    assert found is not None and (found.start, found.end) == (start, end)
    assert found.reason.startswith("suggested")


@pytest.mark.parametrize("text", [
    "The workshop started on 3 May 2025 and closed on 7 May 2025.",  # an event's own dates
    "La loi est entrée en vigueur en mars 2020.",  # a law's
    "El taller de lanzamiento comenzó el 3 de marzo de 2025.",
    "Not included: the Public Sector Program, which started in 2012 and ended in 2016.",  # another project
    "La première phase a démarré en 2015 et s'est achevée en 2018.",  # an earlier phase
    "La fase anterior finalizó en diciembre de 2019.",
    "The original closing date was 31 December 2023.",  # no word of ending before it that the project owns
])
def test_no_side_from_another_thing(text):
    assert sentence_sides(text) is None


def test_two_starts_of_one_rank_give_none():
    found = sentence_sides("Started April 2025. Elsewhere it says: started in June 2025.")
    assert found is None or found.start is None


def test_a_bare_range_that_shares_the_start_gives_the_end():
    text = 'SUPER: "2024-2027 | US$ 3,5 millones"  LOC: "Desde 2024, el proyecto acerca el Estado a la gente."'
    found = agreeing_range(text, P(2024), None)
    assert found is not None and found.end == P(2027) and found.start is None
    assert agreeing_range(text, P(2025), None) is None  # a range whose start is not the record's
    assert agreeing_range("Le Plan national de développement 2024-2028 oriente le projet.", P(2024), None) is None
    assert agreeing_range("La première phase (2024-2026) est close.", P(2024), None) is None


@pytest.mark.parametrize("text", [
    "No-cost extension approved on 20 Nov: end date moves from 31 Mar 2027 to 30 Sep 2027.",
    "La date de fin passe du 31 mars 2027 au 30 septembre 2027.",
    "La fecha de cierre pasa del 31 de marzo de 2027 al 30 de septiembre de 2027.",
])
def test_an_end_date_that_moves(text):
    assert changed_end(text) == P(2027, 9, 30)


def test_the_workshop_end_date_that_moves_is_not_the_project_s():
    assert changed_end("The workshop's end date moves from 3 May 2027 to 10 May 2027.") is None


FR_REVIEW = """Entré en vigueur en avril 2025, le programme court jusqu'en mars 2029.

Le journal note que l'ENAM, rénovée de 2021 à 2025 avec l'appui de la coopération française, accueillera les agents.
"""


def test_a_reader_that_contradicts_a_rule_s_side_lets_the_next_one_read():
    """The only range of the text (2021 to 2025, a school's works) contradicts the end a rule placed (March 2029):
    the next reader's start (April 2025) is suggested, flagged on the start alone."""
    from capdev.narrative.types import Record
    from capdev.narrative.values.suggestions import _period

    record = Record(0, FR_REVIEW)
    record.end = P(2029, 3)
    _period(record, FR_REVIEW)
    assert (record.start, record.end) == (P(2025, 4), P(2029, 3))
    assert [f.field for f in record.flags] == ["start"] and record.flags[0].reason.startswith("suggested")


def test_a_range_that_shares_the_placed_start_completes_the_record():
    from capdev.narrative.types import Record
    from capdev.narrative.values.suggestions import _period

    text = 'Desde 2024, el proyecto acerca el Estado a la gente.\nSUPER: "2024-2027 | US$ 3,5 millones"'
    record = Record(0, text)
    record.start = P(2024)
    _period(record, text)
    assert record.end == P(2027) and [f.field for f in record.flags] == ["end"]


@pytest.mark.parametrize("text, start", [
    ('The project, called "RAPH", started on 1 December and will run until November 2030.', P(2026, 12, 1)),
    ("Le projet a démarré le 3 mars, sous la tutelle du ministère.", P(2026, 3, 3)),
    ("El proyecto arrancó el 2 de febrero con fondos de la AECID.", P(2026, 2, 2)),
    ("The programme was launched on 20 December with 200 guests.", P(2025, 12, 20)),  # the latest not after
])
def test_a_yearless_start_dated_by_the_document(text, start):
    from capdev.narrative.types import Record
    from capdev.narrative.values.yearless_starts import yearless_start

    record = Record(0, text)
    yearless_start(record, P(2026, 12, 4))
    assert record.start == start
    assert [f.field for f in record.flags] == ["start"] and "document's date" in record.flags[0].reason


@pytest.mark.parametrize("text, when", [
    ("The project will start on 1 March with a launch event.", P(2026, 12, 4)),  # a start to come
    ("The workshop started on 1 December in Port-au-Prince.", P(2026, 12, 4)),  # an event's
    ("La première phase a démarré le 3 mars.", P(2026, 12, 4)),  # an earlier phase's
    ("El proyecto arrancó el 2 de febrero.", None),  # no document date
    ("The project started on 1 December 2019.", P(2026, 12, 4)),  # a year written: not this reader's
])
def test_no_yearless_start(text, when):
    from capdev.narrative.types import Record
    from capdev.narrative.values.yearless_starts import yearless_start

    record = Record(0, text)
    yearless_start(record, when)
    assert record.start is None and not record.flags
