"""Round 12: the events a project held and their counts, read by the structure of the clause and by words of the
three languages, on records written for these tests in layouts unlike the corpora's (tests/files/round12/events/:
e-mails, a log, an activity table with its own column names, numbered and bulleted lists, label lines, cards with
each label on its own line; the values expected are in its gold.json):
- the project's own start or end written in an event's sentence ("Le projet, démarré le 15 janvier 2024, a tenu son
  premier séminaire ...", "el programa, iniciado en febrero de 2024, impartió ...", "the ... project began in March
  2022") is no event's date (values/event_project_start.py);
- an event where the project's people spoke or took part, named with a possessive ("Our director also spoke at",
  "notre équipe a participé au", "nuestro equipo participó en"), or where the project was presented ("the project
  was presented at", "le projet a été présenté lors du", "el proyecto fue presentado en") is another's event, kept
  in the text and flagged (data/event_cues.json "project_team", "project_presented");
- a sentence that lists its events after a colon ("Durante 2023 se llevaron a cabo dos talleres: el primero en ...; el
  segundo en ...") is read by its own first sentence: a kind of event named in a later sentence of the line ("Está
  previsto un curso ...") no longer makes the list one event dated by the year, nor lends the list a later
  sentence's date and place (values/events.py _label_list);
- an event card whose keys stand alone on their lines, each over its value ("Actividad" / "Conversatorio sobre ..."
  / "Fecha" / "septiembre de 2023" / "Lugar" / ...), is read as the "Key: value" card (values/event_cards.py); a
  publication's stacked title and date, or a key over another key, are no card;
- a table's count cell split by sex alone ("18 mujeres y 14 hombres", "20 women, 9 men", "12 femmes et 20 hommes")
  gives its sum; "18 women and 16 women" gives none (values/tables.py participants_in); a count column may be
  headed "Attendance", "Headcount", "Effectif", "Personnes formées", "Asistencia", "Personas capacitadas" (the
  words event cards already know; data/labels.json "columns");
- a record found by its paragraph in a message goes on telling its events in the paragraphs below, which no rule
  placed ("The inception workshop took place in Entebbe ..."): they are read up to a rule line, a sign-off ("Kind
  regards", "Bien cordialement", "Saludos"), another message's head or another project named by its quoted name
  (event_steps.tail_events, values/event_tails.py);
- an event whose sentence gives it to a project named by a quoted name that is not the record's title ("Le projet
  « Registre foncier rural » a quant à lui tenu un atelier", 'el proyecto "Justicia Digital Rural" organizó') is
  another project's: kept in the text, flagged; a one-word name (an acronym) or the record's own name says nothing
  (values/event_other_names.py, event_steps.screened);
- a sentence that is only a count of people and a verb of attending ("31 inspectors attended.", "28 magistrats y
  ont pris part.", "40 jueces asistieron.") gives the event before it its count, whoever the people (data/
  event_cues.json "continuation_openers"); things ("3 ministries took part") are no count;
- heads, clerks, officers, notaries, doctors, ministers, deputies are people in all three languages ("33 jefes de
  área", "33 chefs de service", "40 greffiers", "21 registrars"; values/event_words._PEOPLE); "12 documentos
  oficiales" is no count;
- a clause opening on a bare count and its place after a joiner ("40 greffiers à Bamako en mai 2022 et 36 à Ségou
  en mars 2023", "and 36 in Gulu", "y a 36 en Arequipa") is another event, counting the people the clause before it
  counted (values/event_clauses.py "lead_count");
- a list under a lead or an outline heading that tells a plan ("2. Activités prévues", "Planned activities:",
  "Próximas actividades") holds no event held (values/event_plan_lists.py); a passive future ("will be convened",
  "sera animé", "será impartido") or the future of a verb of holding ("organisera", "impartirá") tells an event to
  come (values/event_plans.py); "participó como ponente en", "participated as a speaker at" tell another's event.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from capdev.narrative import parse_file, parse_text
from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.event_genres import attended_elsewhere
from capdev.narrative.values.events import extract_events
from capdev.narrative.values.tables import participants_in

FILES = Path(__file__).parent / "files" / "round12" / "events"
GOLD = {g["file"]: g for g in json.loads((FILES / "gold.json").read_text(encoding="utf-8"))["records"]}


def _rows(record) -> list[tuple]:
    """(start month, venue country) of each event counted, in the order told."""
    return [((e.start.iso()[:7] if e.start else None), e.country) for e in record.activities if not e.recalled]


def _counts(record) -> list:
    return [e.participants for e in record.activities if not e.recalled]


def _told(text: str) -> list[tuple]:
    return [((e.start.iso()[:7] if e.start else None), e.country, e.participants) for e in extract_events(text)]


@pytest.mark.parametrize("name", ["en_annual_prose.txt", "fr_courriel_point.txt", "es_correo_breve.txt"])
def test_project_start_in_the_sentence_is_no_event_date(name: str) -> None:
    record = only_record(FILES / name)
    assert _rows(record) == [tuple(e) for e in GOLD[name]["events"]]


@pytest.mark.parametrize("text, rows", [
    ("The project launched a webinar in May 2024 for 40 officials.", [("2024-05", None, 40)]),
    ("Le projet a démarré ses activités par un atelier à Dakar en mars 2024, avec 30 participants.",
     [("2024-03", "SEN", 30)]),
    ("In June 2023 the project organised a workshop in Lusaka which started on 12 June 2023 with 30 officers.",
     [("2023-06", "ZMB", 30)]),
])
def test_a_verb_not_straight_before_the_date_leaves_the_event_its_date(text: str, rows: list) -> None:
    assert _told(text) == rows


@pytest.mark.parametrize("name", ["en_email_update.txt", "fr_compte_rendu_prose.txt"])
def test_others_event_where_the_project_spoke_is_not_counted(name: str) -> None:
    record = only_record(FILES / name)
    assert _rows(record) == [tuple(e) for e in GOLD[name]["events"]]
    assert any("took part" in f.reason for f in record.flags if f.field == "activities")


@pytest.mark.parametrize("text, elsewhere", [
    ("Our director also spoke at the regional tax forum in Kigali in September 2024.", True),
    ("Notre équipe a participé au forum régional de Niamey en juin 2024.", True),
    ("Nuestro equipo participó en el foro regional de Quito en mayo de 2024.", True),
    ("The project was presented at the regional forum in Nairobi in May 2024.", True),
    ("Le projet a été présenté lors du forum régional à Abidjan en juin 2024.", True),
    ("El proyecto fue presentado en el foro regional de Quito en mayo de 2024.", True),
    ("Our team organised a workshop in Lusaka in May 2024 for 30 officers.", False),
    ("Notre équipe a animé un atelier à Dakar en mars 2024 avec 30 participants.", False),
    ("Nuestro equipo impartió un taller en Lima en marzo de 2023 con 25 participantes.", False),
])
def test_possessive_team_or_presented_project_marks_anothers_event(text: str, elsewhere: bool) -> None:
    events = extract_events(text)
    assert len(events) == 1
    assert bool(attended_elsewhere(events)) is elsewhere


def test_listing_sentence_is_read_without_the_sentences_after_it() -> None:
    record = only_record(FILES / "es_nota_prosa.txt")
    assert _rows(record) == [("2023-04", "HND"), ("2023-08", "HND")]
    assert _counts(record) == [60, 35]


@pytest.mark.parametrize("text, rows", [
    ("Two workshops were held in 2023: the first in Lusaka, in April 2023, with 60 officials; the second in Kitwe, in "
     "August 2023, with 35 auditors. A webinar is planned for 2024.", [("2023-04", 60), ("2023-08", 35)]),
    ("Deux ateliers ont eu lieu en 2023 : le premier à Dakar, en avril 2023, avec 40 agents ; le second à Thiès, en "
     "juin 2023, avec 25 agents. Une formation en ligne suivra.", [("2023-04", 40), ("2023-06", 25)]),
])
def test_listing_sentence_in_english_and_french(text: str, rows: list) -> None:
    assert [(r[0], r[2]) for r in _told(text)] == rows


@pytest.mark.parametrize("text, rows", [
    ("Workshops held: Kumasi, 4-5 July 2023, 30 officers; Tamale, 10 October 2023, 26 officers.",
     [("2023-07", 30), ("2023-10", 26)]),
    ("Ateliers réalisés en 2023 : Dakar, avril 2023, 40 agents ; Thiès, juin 2023, 25 agents.",
     [("2023-04", 40), ("2023-06", 25)]),
])
def test_short_label_before_colon_still_lends_its_kind(text: str, rows: list) -> None:
    assert [(r[0], r[2]) for r in _told(text)] == rows


STACKED = {
    "en": ("Event\nPeer-learning workshop on records management\nDate\n12 March 2024\nVenue\nNairobi\n"
           "Participants\n37\n", [("2024-03", "KEN", 37)]),
    "fr": ("Activité\nAtelier de validation du guide\nDate\n4 juin 2024\nLieu\nDakar\nParticipants\n"
           "18 femmes et 12 hommes\n", [("2024-06", "SEN", 30)]),
    "es": ("Actividad\nTaller de firma electrónica\nFecha\n9 de octubre de 2024\nLugar\nLima\nAsistentes\n41\n",
           [("2024-10", "PER", 41)]),
}


def test_card_with_keys_on_their_own_lines_in_a_record() -> None:
    record = only_record(FILES / "es_ficha_etiquetas_sueltas.txt")
    assert _rows(record) == [("2023-09", "GTM"), ("2023-11", None)]
    assert _counts(record) == [44, 150]


@pytest.mark.parametrize("lang", sorted(STACKED))
def test_card_with_keys_on_their_own_lines(lang: str) -> None:
    text, rows = STACKED[lang]
    assert _told(text) == rows


@pytest.mark.parametrize("text", [
    "Título\nGuía de gestión documental\nFecha\nmarzo de 2024\n",  # a publication's card
    "Title\nAnnual report 2023\nDate\nMay 2024\nPlace\nNairobi\n",
    "Activité\nDate\n4 juin 2024\nLieu\nDakar\n",  # a key over a key: no value
])
def test_stacked_lines_that_are_no_event_card(text: str) -> None:
    assert _told(text) == []


def test_table_cell_split_by_sex_in_a_record() -> None:
    assert _counts(only_record(FILES / "es_tabla_markdown.md")) == [27, 140, 32]


@pytest.mark.parametrize("cell, count", [
    ("18 mujeres y 14 hombres", 32), ("20 women, 9 men", 29), ("12 femmes et 20 hommes", 32),
    ("18 women and 16 women", None), ("3 days", None), ("45", 45),
])
def test_count_cell_split_by_sex(cell: str, count: int | None) -> None:
    assert participants_in(cell)[0] == count


def test_table_cell_split_by_sex_in_english() -> None:
    text = ("Title: Tax Audit Skills for Ghana\nStart date: January 2024\n\n"
            "| Date | Event | Venue | Attendance |\n|---|---|---|---|\n"
            "| 12 March 2024 | Workshop on audit sampling | Accra | 20 women, 9 men |\n"
            "| 4 June 2024 | Training on risk rules | Kumasi | 31 |\n")
    (record,) = parse_text(text)
    assert _counts(record) == [29, 31]


def test_attendance_column_names_a_count_column() -> None:
    text = ("Titre : Appui aux greffes du Niger\nDate de démarrage : janvier 2024\n\n"
            "| Date | Activité | Lieu | Effectif |\n|---|---|---|---|\n"
            "| 12 mars 2024 | Atelier sur l'archivage | Niamey | 28 |\n"
            "| 4 juin 2024 | Formation des greffiers | Zinder | 33 |\n")
    (record,) = parse_text(text)
    assert _counts(record) == [28, 33]


@pytest.mark.parametrize("name, title, rows", [
    ("en_digest_tail.txt", "Digital Land Registry Skills for Uganda", [("2025-04", "UGA")]),
    ("fr_liste_diffusion_suite.txt", "Dématérialisation des marchés publics au Niger", [("2025-03", "NER")]),
])
def test_paragraph_after_a_prose_record_tells_its_events(name: str, title: str, rows: list) -> None:
    (record,) = [r for r in parse_file(FILES / name) if r.title == title]
    assert _rows(record) == rows


@pytest.mark.parametrize("tail, read", [
    ("The inception workshop took place in Entebbe on 9-10 April 2025 with 46 registry staff.\n", True),
    ("Kind regards,\nTom\n\nThe inception workshop took place in Entebbe on 9-10 April 2025 with 46 staff.\n", False),
    ("------------------------------\n\nThe inception workshop took place in Entebbe on 9-10 April 2025.\n", False),
    ('The project "Land Titles for Kenya" held a workshop in Nakuru on 9-10 April 2025 with 46 staff.\n', False),
    ("Subject: another matter\n\nA workshop took place in Entebbe on 9-10 April 2025 with 46 staff.\n", False),
])
def test_tail_ends_where_the_message_or_the_project_ends(tail: str, read: bool) -> None:
    from capdev.narrative.segment import Block
    from capdev.narrative.values.event_tails import tail_blocks

    blocks, at = [], 0
    for line in tail.splitlines(keepends=True):
        blocks.append(Block("unparsed", "text", at, at + len(line), at))
        at += len(line)
    kept = tail_blocks(tail, blocks)
    assert any("Entebbe" in tail[b.start : b.end] for b in kept) is read


@pytest.mark.parametrize("name", ["fr_note_deux_projets.txt", "es_nota_proyecto_hermano.txt"])
def test_event_of_another_named_project_is_set_aside(name: str) -> None:
    record = only_record(FILES / name)
    assert _rows(record) == [tuple(e) for e in GOLD[name]["events"]]
    assert any("another project" in f.reason for f in record.flags if f.field == "activities")


@pytest.mark.parametrize("sentence, other", [
    ("Le projet « Registre foncier rural » a tenu un atelier à Maradi en avril 2025.", "Registre foncier rural"),
    ('The "Open Land Titles" programme held a seminar in Kisumu in March 2024.', "Open Land Titles"),
    ("El proyecto «Justicia Digital Rural» organizó un seminario en Potosí.", "Justicia Digital Rural"),
    ("Le projet « Dématérialisation des marchés publics » a tenu un atelier à Maradi.", None),  # its own name
    ("Le projet « RCFL » a tenu son atelier de lancement à Cotonou.", None),  # one word: maybe its acronym
    ("A workshop was held in Niamey in March 2025.", None),
])
def test_quoted_name_of_another_project(sentence: str, other: str | None) -> None:
    from capdev.narrative.values.event_other_names import other_named_project

    assert other_named_project(sentence, "Dématérialisation des marchés publics au Niger") == other
    assert other_named_project(sentence, None) is None


@pytest.mark.parametrize("text, rows", [
    ("2023-06-13  Seminar for customs inspectors, Freetown. 31 inspectors attended.", [("2023-06", "SLE", 31)]),
    ("Un séminaire sur l'audit s'est tenu à Dakar le 4 mai 2024. 28 magistrats y ont pris part.",
     [("2024-05", "SEN", 28)]),
    ("En marzo de 2024 se realizó un taller en Lima. 40 jueces asistieron.", [("2024-03", "PER", 40)]),
    ("The workshop was held in Lusaka in May 2024. 3 ministries took part.", [("2024-05", "ZMB", None)]),
])
def test_count_and_attending_verb_alone_is_the_event_befores_count(text: str, rows: list) -> None:
    assert [(r[0][:7], r[1], r[2]) for r in _told(text)] == rows


@pytest.mark.parametrize("text, count", [
    ("En junio de 2024 se realizó un seminario en Encarnación que reunió a 33 jefes de área.", 33),
    ("En juin 2024, un séminaire à Thiès a réuni 33 chefs de service.", 33),
    ("In June 2024 a course in Kampala trained 21 registrars.", 21),
    ("En mayo de 2024 se firmaron 12 documentos oficiales en Lima en un taller.", None),
])
def test_heads_clerks_and_officers_are_people(text: str, count: int | None) -> None:
    assert [r[2] for r in _told(text)] == [count]


@pytest.mark.parametrize("text, rows", [
    ("Deux sessions de formation ont réuni 40 greffiers à Bamako en mai 2022 et 36 à Ségou en mars 2023.",
     [("2022-05", "MLI", 40), ("2023-03", "MLI", 36)]),
    ("Two training sessions brought together 40 clerks in Kampala in May 2022 and 36 in Gulu in March 2023.",
     [("2022-05", 40), ("2023-03", 36)]),
    ("Dos cursos reunieron a 40 secretarios en Cusco en mayo de 2022 y a 36 en Arequipa en marzo de 2023.",
     [("2022-05", "PER", 40), ("2023-03", "PER", 36)]),
])
def test_clause_opening_on_a_bare_count_is_another_event(text: str, rows: list) -> None:
    got = _told(text)
    assert [r if len(rows[0]) == 3 else (r[0], r[2]) for r in got] == rows


def test_count_in_the_record_of_two_sessions() -> None:
    (record,) = [r for r in parse_file(FILES / "fr_liste_diffusion_suite.txt") if "Mali" in (r.title or "")]
    assert _counts(record) == [40, 36]


@pytest.mark.parametrize("text, rows", [
    ("Planned activities:\n- Regional workshop, Livingstone, June 2024\n- Webinar on audit, July 2024\n", []),
    ("Próximas actividades\n- Taller en Cusco, agosto de 2024, 30 funcionarios\n", []),
    ("2. Activités prévues\n- Atelier de restitution à Yaoundé en mai 2024.\n", []),
    ("Activities\n- Programme budgeting course, Lusaka, May 2023, 30 officers\n- Webinar, June 2023, 80 participants\n",
     [("2023-05", 30), ("2023-06", 80)]),
    ("Workshops held:\n- Kumasi, 4-5 July 2023, 30 officers\n- Tamale, 10 October 2023, 26 officers\n",
     [("2023-07", 30), ("2023-10", 26)]),
])
def test_list_under_a_plan_holds_no_event(text: str, rows: list) -> None:
    assert [(r[0][:7], r[2]) for r in _told(text)] == rows


@pytest.mark.parametrize("text, to_come", [
    ("A regional workshop will be convened in Livingstone in June 2024.", True),
    ("Un atelier sera animé à Dakar en mai 2024.", True),
    ("Le projet organisera un séminaire à Lomé en juin 2024.", True),
    ("El proyecto impartirá un curso en Lima en julio de 2024.", True),
    ("Un curso será impartido en Lima en julio de 2024.", True),
    ("A workshop held in May 2024 trained 30 officers who will be certified.", False),
    ("Le séminaire a été animé par deux experts à Dakar en mai 2024.", False),
    ("Un taller con 30 jueces que serán evaluados se realizó en Lima en mayo de 2024.", False),
])
def test_future_forms_tell_an_event_to_come(text: str, to_come: bool) -> None:
    from capdev.narrative.values.event_plans import told_as_to_come

    assert told_as_to_come(text) is to_come


@pytest.mark.parametrize("text", [
    "Además, el equipo del proyecto participó como ponente en el seminario regional celebrado en Madrid en mayo de "
    "2024.",
    "Our team participated as a speaker at the regional forum held in Nairobi in May 2024.",
    "Notre équipe a participé en tant qu'intervenante au forum régional tenu à Abidjan en mai 2024.",
])
def test_speaking_at_anothers_event(text: str) -> None:
    events = extract_events(text)
    assert events and attended_elsewhere(events) == events


def test_project_name_before_its_start_in_apposition() -> None:
    text = ("Le projet d'appui à la modernisation des douanes togolaises, lancé en janvier 2024, a organisé les 11 et "
            "12 juin 2024 à Kara un atelier sur la gestion des risques, qui a rassemblé 38 inspecteurs.")
    assert [(r[0][:7], r[2]) for r in _told(text)] == [("2024-06", 38)]


def test_listing_sentence_takes_no_date_from_the_sentence_after_it() -> None:
    text = ("Durante el semestre se impartieron dos talleres presenciales: en Medellín (abril de 2024), al que "
            "asistieron 35 defensores, y en Cali (junio de 2024), con 29 participantes. Además, el equipo participó "
            "en un seminario celebrado en Madrid en mayo de 2024.")
    assert [(r[0], r[2]) for r in _told(text)] == [("2024-04", 35), ("2024-06", 29)]
