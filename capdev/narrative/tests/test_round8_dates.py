"""A project's start and end as texts write them beyond labels (round 8), in English, French and Spanish
(tests/files/round8/dates/): a period after an opener in the project's own sentence with no verb of duration ("from
2019 to 2022", "pour la période 2020-2022", "entre 2019 y 2022"), a length counted from a date ("over thirty-six
months starting in March 2021", "d'une durée de 24 mois à compter du", "con una duración de dieciocho meses a partir
de"), labels of effectiveness, of implementation, of closing dates and of extensions, an extension made "by amendment
No. 1" or "mediante adenda" in a period's value, and a period on a line of facts
beside a title ("Kenya · Ongoing · 2021–2024"). Each case also says which dates must NOT be read (a meeting's, a
report's, a signature's, an approval's, the original end an extension replaced); the guards give a strategy's period,
a fellowship's length and a workshop's days, none of them the project's."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.values.counted_periods import counted_period
from capdev.narrative.values.meta_periods import meta_period
from capdev.narrative.values.prose_periods import range_dates

FILES = Path(__file__).parent / "files" / "round8" / "dates"

# file, start, end, a flag reason that must be raised (a part of it), dates that must NOT be read
CASES = [
    ("opener_en.txt", "2019", "2022", "prose", ["2021-05-14"]),
    ("opener_fr.txt", "2019", "2022", "prose", ["2021-05-14"]),
    ("opener_es.txt", "2019", "2022", "prose", ["2021-05-14"]),
    ("aside_en.txt", "2021", "2023", "prose", ["2024-01-15"]),
    ("aside_fr.txt", "2020", "2022", "prose", ["2023-01-15"]),
    ("aside_es.txt", "2021", "2023", "prose", ["2024-01-15"]),
    ("counted_en.txt", "2021-03", "2024-02", "prose", ["2021-02-02"]),
    ("counted_fr.txt", "2022-04-01", "2024-03-31", "prose", ["2022-03-03"]),
    ("counted_es.txt", "2022-01", "2023-06", "prose", ["2021-12-09"]),
    ("labels_en.txt", "2020-06-15", "2023-12-31", "approval", ["2020-03-12", "2023-06-30"]),
    ("labels_fr.txt", "2020-06-15", "2023-12-31", "approval", ["2020-03-12", "2023-06-30"]),
    ("labels_es.txt", "2020-06-15", "2023-12-31", "approval", ["2020-03-12", "2023-06-30"]),
    ("meta_en.txt", "2021", "2024", None, []),
    ("meta_fr.txt", "2019", "2022", None, []),
    ("meta_es.txt", "2020-07", "2022-06", None, []),
    # An extension written in the period's value, with how it was made between the verb and the date.
    ("extended_en.txt", "2021-04-01", "2023-09-30", None, ["2023-03-31"]),
    ("extended_fr.txt", "2021-04-01", "2023-09-30", None, ["2023-03-31"]),
    ("extended_es.txt", "2021-04-01", "2023-09-30", None, ["2023-03-31"]),
    # A pronoun that opens the sentence after one about the project ("It covers ..., runs from ..."); a start and a
    # planned end in a clause that opens the sentence ("Lancé le ... (fin prévue le ...), le projet ..."); labels of
    # planned dates without a colon.
    ("pronoun_en.txt", "2022-07", "2024-06", "prose", ["2023-05-03"]),
    ("pronoun_fr.txt", "2022-07", "2024-06", "prose", ["2023-05-03"]),
    ("pronoun_es.txt", "2022-07", "2024-06", "prose", ["2023-05-03"]),
    ("planned_end_en.txt", "2021-09-01", "2024-08-31", "prose", ["2022-05-17"]),
    ("planned_end_fr.txt", "2021-09-01", "2024-08-31", "prose", ["2022-05-17"]),
    ("planned_end_es.txt", "2021-09-01", "2024-08-31", "prose", ["2022-05-17"]),
    ("planned_label_en.txt", "2024-04-01", "2027-03-31", None, ["2024-01"]),
    ("planned_label_fr.txt", "2024-04-01", "2027-03-31", None, ["2024-01"]),
    ("planned_label_es.txt", "2024-04-01", "2027-03-31", None, ["2024-01"]),
    # Guards: a strategy's period and a fellowship's length are not the project's.
    ("strategy_en.txt", None, None, None, ["2021", "2025"]),
    ("strategy_fr.txt", None, None, None, ["2021", "2025"]),
    ("strategy_es.txt", None, None, None, ["2020", "2030"]),
    ("fellowship_en.txt", None, None, None, ["2022-03", "2023-02"]),
    ("fellowship_fr.txt", None, None, None, ["2022-09-01", "2023-02-28"]),
    ("fellowship_es.txt", None, None, None, ["2022-04", "2023-01"]),
]


def _iso(d):
    return d.iso() if d is not None else None


@pytest.mark.parametrize("name,start,end,flag,never", CASES, ids=[c[0] for c in CASES])
def test_project_period(name, start, end, flag, never):
    records = parse_file(FILES / name)
    assert len(records) == 1, [r.title for r in records]
    rec = records[0]
    assert (_iso(rec.start), _iso(rec.end)) == (start, end)
    reasons = [f.reason for f in rec.flags if f.field == "time_frame"]
    if flag:
        assert any(flag in r for r in reasons), reasons
    if (start or end) and not name.startswith(("extended", "planned_label")):
        assert reasons, "a date read beyond a plain label is flagged"
    for date in never:
        assert date not in (_iso(rec.start), _iso(rec.end))


@pytest.mark.parametrize("name", ["event_meta_en.txt", "event_meta_fr.txt", "event_meta_es.txt"])
def test_an_events_days_on_a_line_of_facts_are_no_period(name):
    assert meta_period((FILES / name).read_text(encoding="utf-8")) == (None, None)


@pytest.mark.parametrize("text", [
    "Digital Government Readiness\nKenya · Ongoing · 2021–2024\n\nOpen Data for Cities\nGhana · Closed · 2018–2020\n",
    "Gouvernement numérique\nSénégal | Rapport annuel | 2023\n",  # a year alone: a report's, perhaps
    "| Début | 2019-2022 |\n",  # a table's row, read as a table
])
def test_lines_of_facts_that_give_no_period(text):
    assert meta_period(text) == (None, None)


@pytest.mark.parametrize("text", [
    "The project was designed with the Ministry. From 2015 to 2018, the Ministry ran a pilot in two districts.",
    "Le projet s'inscrit dans la stratégie nationale pour la période 2021-2025.",
    "El proyecto apoya el plan nacional de desarrollo para el período 2021-2024.",
    "The project builds on the national vision from 2020 to 2035.",
    "The project is implemented by DPIDG. It builds on a reform which ran from 2015 to 2018.",
    "Le projet est mis en œuvre par DPIDG. Il prolonge une réforme qui s'est déroulée de 2015 à 2018.",
    "El proyecto es ejecutado por DPIDG. Éste sigue a un piloto que se ejecutó de marzo de 2019 a junio de 2020.",
])
def test_openers_that_give_another_things_period(text):
    assert range_dates(text) == (None, None)


@pytest.mark.parametrize("text", [
    "The project offers a 12-month fellowship starting in March 2022.",
    "Le projet finance un stage de 6 mois à compter du 1er septembre 2022.",
    "El taller del proyecto duró 2 meses a partir del 3 de marzo de 2022.",
    "The project will last 24 months and 6 months of extension from 1 May 2022.",
])
def test_lengths_that_are_not_the_projects(text):
    assert counted_period(text) == (None, None)
