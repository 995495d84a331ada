"""Round 13: the events a project held and their counts, read by the structure of the text and by words of the three
languages, on records written for these tests in layouts unlike the corpora's (tests/files/round13/events/: board
minutes, e-mails, a pipe table, a Markdown list, a form with each label over its value, a compte rendu, a tab-separated
table, a numbered fiche, an acta, a line of "Key: value" cells, bullets; the values expected are in its gold.json):
- an event card written on one line, its "Key: value" cells cut by "|", tabs or " ; " ("Actividad: Curso ... |
  Fecha: agosto de 2023 | Lugar: Asunción, Paraguay | Participantes: 28") is read as the card, one event a line
  (values/event_cards.py); a line of a project's own labels ("Project: ... | Start: ...") is none;
- a short lead of plan before a colon ("Next step:", "Prochaine étape :", "Próximos pasos:") tells the event after it
  as to come (values/event_plans.py; the words of plan are shared with a list's lead, event_plan_lists);
- an event another body organised ("convocado por la CEPAL", "organisé par la CEA", "convened by ECLAC") where only
  the project's people are told present ("contó con la presencia de nuestro coordinador", "was attended by our
  director") is another's, kept in the text and flagged; a count told, or the project as organiser, keeps it the
  project's (values/event_genres.py, data/event_cues.json "team_present", "organised_by");
- "en cours" / "en curso" (under way) and "au cours de" (during) name no course (values/event_words.py);
- a label's value wrapped under its own column ("Highlights:     A regional workshop ... was held" / "       in Suva
  in March 2026 with 64 participants"; a key of one word: "dc.description.abstract", "Résumé") and a line left
  inside an open bracket ("(Sarajevo, November" / "2024) gathered 120 participants") go on with their sentence
  (values/event_hang.py, event_words._join_wrapped);
- "trainings of trainers", "capacitaciones de capacitadores", "formaciones de formadores" in the plural name a
  training of trainers (event_words._TYPE_RULES);
- counts abbreviated in tables and notes: "(35 part.)", "40 pers.", "25 pax" (event_words._PEOPLE);
- a column "Relevant activities" / "Actividades relevantes" / "Activités pertinentes" of an export gives its events
  (data/labels.json).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from capdev.narrative import parse_text
from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.event_plans import told_as_to_come
from capdev.narrative.values.events import extract_events

FILES = Path(__file__).parent / "files" / "round13" / "events"
GOLD = {g["file"]: g for g in json.loads((FILES / "gold.json").read_text(encoding="utf-8"))["records"]}


def _rows(record) -> list[tuple]:
    return [((e.start.iso()[:7] if e.start else None), e.country) for e in record.activities if not e.recalled]


def _counts(record) -> list:
    return [e.participants for e in record.activities if not e.recalled and e.participants is not None]


def _told(text: str) -> list[tuple]:
    return [((e.start.iso()[:7] if e.start else None), e.country, e.participants) for e in extract_events(text)]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_sample_record(name: str) -> None:
    record = only_record(FILES / name)
    assert _rows(record) == [tuple(e) for e in GOLD[name]["events"]]
    assert _counts(record) == GOLD[name]["participants"]


@pytest.mark.parametrize("line, expected", [
    ("Actividad: Curso de gestión por resultados | Fecha: agosto de 2023 | Lugar: Asunción, Paraguay | "
     "Participantes: 28", [("2023-08", "PRY", 28)]),
    ("Event: Regional dialogue on procurement ; Date: 11 November 2024 ; Venue: Nairobi, Kenya ; Attendance: 64",
     [("2024-11", "KEN", 64)]),
])
def test_card_on_one_line(line: str, expected: list) -> None:
    assert _told(line) == expected


def test_card_on_one_line_guards() -> None:
    # a project's own labels on one line: no key names an event
    assert _told("Project: Digital courts | Start: May 2024 | Country: Kenya") == []
    # a publication's title and date: a "title" key names no kind of event
    assert _told("Title: Annual report on public procurement | Date: March 2024") == []


@pytest.mark.parametrize("text", [
    "Next step: a workshop in Kumasi in September 2025.",
    "Prochaine étape : un atelier à Sfax en juillet 2025.",
    "Próximos pasos: un taller en Arequipa en octubre de 2024.",
])
def test_lead_of_plan_tells_an_event_to_come(text: str) -> None:
    assert told_as_to_come(text)


@pytest.mark.parametrize("text", [
    "Planning workshop: held in Kumasi in September 2025 with 30 district planners.",
    "Programmes: a workshop was held in Sfax in July 2025.",
    "Atelier de planification : tenu à Sfax en juillet 2025 avec 30 cadres.",
    "The workshop in Kumasi in September 2025 took the next step: 30 planners were trained.",
])
def test_lead_of_plan_guards(text: str) -> None:
    assert not told_as_to_come(text)


def test_lead_of_plan_in_a_record() -> None:
    record = only_record(FILES / "fr_courriel.txt")
    assert _rows(record) == [("2025-05", "TUN")]
    assert any("à venir" in f.reason or "to come" in f.reason for f in record.flags if f.field == "activities")


_GUEST = "Project: Public Defence Reform in Chile\nStart: July 2024\n\n{}\n"


@pytest.mark.parametrize("sentence", [
    "El seminario internacional convocado por la CEPAL en Santiago en septiembre de 2024 contó con la presencia "
    "de nuestro coordinador.",
    "Le forum régional organisé par la CEA à Santiago en septembre 2024 a vu la participation de notre "
    "coordonnatrice.",
    "The international seminar convened by ECLAC in Santiago in September 2024 was attended by our director.",
])
def test_another_bodys_event_where_the_team_was_present(sentence: str) -> None:
    record = parse_text(_GUEST.format(sentence))[0]
    assert _rows(record) == []
    assert any("took part" in f.reason for f in record.flags if f.field == "activities")


@pytest.mark.parametrize("sentence, expected", [
    # a count told: the project's own event, whoever else came
    ("El taller convocado por la Defensoría en Santiago en septiembre de 2024 contó con la presencia de nuestro "
     "coordinador y de 40 defensores.", [("2024-09", "CHL")]),
    # the project as organiser
    ("The workshop organised by the project in Santiago in September 2024 was attended by our director.",
     [("2024-09", "CHL")]),
    # no organiser named
    ("Le séminaire tenu à Santiago en septembre 2024 a vu la participation de notre coordonnatrice et de 25 juges.",
     [("2024-09", "CHL")]),
])
def test_another_bodys_event_guards(sentence: str, expected: list) -> None:
    record = parse_text(_GUEST.format(sentence))[0]
    assert _rows(record) == expected


@pytest.mark.parametrize("text", [
    "Il présente le projet, en cours depuis janvier 2025 et qui s'achèvera en décembre 2027.",
    "El proyecto, en curso desde marzo de 2024, concluirá en diciembre de 2026.",
])
def test_under_way_is_no_course(text: str) -> None:
    assert _told(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Un cours sur la gestion budgétaire a été dispensé à Dakar en mai 2024 à 30 agents.", [("2024-05", "SEN", 30)]),
    ("Se dictó un curso de gestión en Lima en mayo de 2024 para 30 funcionarios.", [("2024-05", "PER", 30)]),
    ("Au cours de mai 2024, un atelier a réuni 30 agents à Dakar.", [("2024-05", "SEN", 30)]),
])
def test_under_way_guards(text: str, expected: list) -> None:
    assert _told(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("   Highlights:          A regional workshop on digital public infrastructure was held\n"
     "                        in Suva in March 2026 with 64 participants from line ministries\n"
     "                        and public service commissions.\n", [("2026-03", "FJI", 64)]),
    ("Faits marquants :   Un atelier national de validation s'est tenu\n"
     "                    à Lomé en mars 2025 avec 150 participants.\n", [("2025-03", "TGO", 150)]),
    ("Logros:   La mesa de trabajo sobre servicio civil se realizó\n"
     "          en Asunción en mayo de 2024 con 33 funcionarios.\n", [("2024-05", "PRY", 33)]),
    ("dc.description.abstract    A regional workshop was held in Suva in March 2026\n"
     "                           with 64 participants from line ministries.\n", [("2026-03", "FJI", 64)]),
    ("Résumé        Un atelier national de validation s'est tenu à Lomé en mars 2025\n"
     "              avec 150 participants.\n", [("2025-03", "TGO", 150)]),
    ("The regional conference on corruption risk assessment (Sarajevo, November\n"
     "2024) gathered 120 participants.\n", [("2024-11", "BIH", 120)]),
])
def test_value_wrapped_under_its_label(text: str, expected: list) -> None:
    assert _told(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("It held two national trainings of trainers (Dhaka, November 2021, 46 participants; Kathmandu, March 2022, "
     "51 participants).", [("2021-11", "BGD", 46), ("2022-03", "NPL", 51)]),
    ("Se realizaron dos capacitaciones de capacitadores: en Lima en mayo de 2023 con 20 participantes y en Cusco en "
     "junio de 2023 con 18 participantes.", [("2023-05", "PER", 20), ("2023-06", "PER", 18)]),
])
def test_trainings_of_trainers_in_the_plural(text: str, expected: list) -> None:
    assert _told(text) == expected
    assert {e.type for e in extract_events(text)} == {"training_of_trainers"}


def test_value_wrapped_guard() -> None:
    # a label's next line at the margin is another label: the two are not joined
    text = ("Venue:          Suva, Fiji\n"
            "Workshop:       Digital public infrastructure, March 2026, 64 participants\n")
    assert _told(text) == [("2026-03", None, 64)]


@pytest.mark.parametrize("text, expected", [
    ("Seminario regional en Ciudad de Panamá, 22/11/2024 (35 part.)", [("2024-11", "PAN", 35)]),
    ("Atelier national à Lomé, 12 mars 2025 : 40 pers.", [("2025-03", "TGO", 40)]),
    ("Workshop in Suva, 3 May 2024, 25 pax", [("2024-05", "FJI", 25)]),
])
def test_abbreviated_counts(text: str, expected: list) -> None:
    assert _told(text) == expected


@pytest.mark.parametrize("text", [
    "Part 2 of the workshop was held in Suva in May 2024.",
    "The workshop in Suva in May 2024 had 2 parts.",
    "The workshop was held in Suva in May 2024. 3 ministries took part.",
    "Un atelier s'est tenu à Lomé en mars 2025 ; 4 ministères y ont pris part.",
])
def test_abbreviated_counts_guards(text: str) -> None:
    assert [c for _, _, c in _told(text)] == [None]


def test_relevant_activities_column() -> None:
    text = ('"Código","Nombre del proyecto","Fecha inicio","Fecha fin","Actividades relevantes"\n'
            '"GT-01","Servicio civil digital","01/03/2023","28/02/2026","Taller nacional en Quetzaltenango, '
            '10/04/2025 (80 participantes)"\n'
            '"GT-02","Gobierno abierto municipal","01/06/2024","31/05/2027","-"\n')
    records = parse_text(text)
    assert [(_rows(r), _counts(r)) for r in records] == [([("2025-04", "GTM")], [80]), ([], [])]
