"""Round 11: the events a project held and their counts, in English, French and Spanish, in layouts the parser was
not written for (records written for these tests, tests/files/round11/events/: field notes, a note de synthèse, a
crónica, bulleted and numbered lists under a lead line, sentences telling an event's days with "ran from", "se
déroule du", "se extiende del"):
- a rounded count ("about 55", "some 140", "quelque 70", "près de 35", "aproximadamente 48", "cerca de 210") is
  the count the text gives, read with its qualifier; a bound ("up to 40", "jusqu'à 200", "hasta 30") or an
  estimate ("an estimated 300") gives none;
- a list's lead line naming a kind of event ("Workshops held:", "Séminaires réalisés :", "Talleres realizados:")
  gives its items their kind: each item with a month and a place or a count is an event; a lead that tells a plan
  ("Workshops planned:", "Séminaires prévus :") or names no event ("Productos publicados:") lends nothing;
- "ran from 28 November to 2 December 2023", "se déroule du 29 janvier au 2 février 2024", "se extiende desde el 30 de
  abril hasta el 3 de mayo de 2024" right after the kind of event are the event's days; the project's or a programme's
  period told so ("The project, which runs from June 2023 to May 2026") is still no event's date.
- an event whose venue the text names but no list places ("à Ouanaminthe", "in Pujehun", "en Chajul"; "à Kara",
  "en Loja": towns in several countries) is flagged: its country is not read, and no venue is no answer;
- a month, an exact count and a verb telling something held brought people together ("took place ... and brought
  together 27", "s'est tenue ... et a réuni 24 stagiaires", "se llevó a cabo ... y congregó a 26 pasantes") tell one
  event; a cut-off date or a total ("By December 2024 ... had brought together 300", "Au total") tells none.
- an event told as to come ("se tiendra", "se realizará", "is scheduled to take place") is set aside, flagged; an
  exchange or study mission ("mission d'immersion", "misión de intercambio", "benchmarking mission") is an event;
  a list item ending on its date and a colon goes on with the count indented under it ("Dakar, novembre 2024 :" /
  "  6 magistrats ;"); people named by an agent noun no list holds ("47 vérificateurs", "47 fiscalizadores", "tax
  assessors") are counted, things that end so are not ("12 indicators", "3 sectores", "Deux ateliers").
- a kind of event named as what a document is of ("the report of the workshop", "le rapport de l'atelier", "la
  convocatoria al curso", "evaluation mission report") names no event; a talk at another's event ("gave a
  presentation at", "est intervenue lors du", "expuso en") is flagged, not counted.
- a peer exchange ("peer exchange", "échange d'expériences", "intercambio entre pares") is an event; a count of
  "35 billing and customer officers" is read over the two joined words ("3 ministries and 40 officers": 40).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record

FILES = Path(__file__).parent / "files" / "round11" / "events"


def _rows(record) -> list[tuple]:
    """(start month, venue country, count) of each event counted, in the order told."""
    return [((e.start.iso()[:7] if e.start else None), e.country, e.participants)
            for e in record.activities if not e.recalled]


ROUNDED = {
    "en_field_notes_rounded.txt": ([("2023-07", "GHA", 55), ("2023-09", None, 140), ("2024-04", None, None)],
                                   {40, 300}),
    "fr_note_mission_arrondis.txt": ([("2023-06", "BEN", 70), ("2023-10", "BEN", 35), ("2024-02", None, None)],
                                     {200}),
    # "El taller de Oruro": no list places Oruro; since round 18 the one country served is suggested (flagged)
    "es_cronica_redondeos.txt": ([("2023-08", "BOL", 48), ("2023-11", None, 210), ("2023-12", "BOL", None)], {30}),
}


@pytest.mark.parametrize("name", sorted(ROUNDED))
def test_rounded_count_is_read_a_bound_or_an_estimate_is_not(name: str) -> None:
    rows, never = ROUNDED[name]
    record = only_record(FILES / name)
    assert _rows(record) == rows
    assert not {e.participants for e in record.activities} & never
    rounded = [e for e in record.activities if e.participants in {55, 140, 70, 35, 48, 210}]
    assert rounded and all(e.participants_qualifier for e in rounded)


LISTED = {
    "en_workshops_held_list.txt": [("2023-07", "ZMB", 31), ("2023-10", "ZMB", 26), ("2023-11", None, 118)],
    "fr_liste_seminaires.txt": [("2023-02", "NER", 29), ("2023-06", "NER", 33)],
    "es_talleres_lista.md": [("2023-03", "PRY", 37), ("2023-07", "PRY", 42)],
}


@pytest.mark.parametrize("name", sorted(LISTED))
def test_list_lead_names_the_kind_of_its_items(name: str) -> None:
    record = only_record(FILES / name)
    assert _rows(record) == LISTED[name]  # nothing from the planned list, nor from the publications


def test_planned_list_lends_no_kind() -> None:
    for name in ("en_workshops_held_list.txt", "fr_liste_seminaires.txt"):
        record = only_record(FILES / name)
        assert all(e.start is None or e.start.year < 2026 for e in record.activities)


RUNS = {
    "en_course_ran_across_months.txt": [("2023-11", "MWI", 33)],
    "fr_seminaire_se_deroule.txt": [("2024-01", "TGO", 41)],
    "es_taller_se_extiende.txt": [("2024-04", "HND", 39)],
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_event_days_after_ran_from_are_its_own(name: str) -> None:
    record = only_record(FILES / name)
    assert _rows(record) == RUNS[name]


@pytest.mark.parametrize("text", [
    "The project, which runs from June 2023 to May 2026, is funded by the European Union.",
    "The training programme ran from March to April 2023 in Lusaka.",
    "Le projet se déroule de juin 2023 à mai 2026 et comprend des ateliers à Dakar.",
    "El programa de formación se extiende desde junio de 2023 hasta mayo de 2026 en Lima.",
])
def test_a_project_or_programme_period_is_no_event_date(text: str) -> None:
    from capdev.narrative.values.event_facts import _facts

    assert _facts(text).dates == []


UNKNOWN_TOWNS = {
    "fr_page_frontaliere_lieux.txt": "Ouanaminthe",
    "en_bulletin_unlisted_town.txt": "Pujehun",
    "es_informe_localidad.txt": "Chajul",
}


@pytest.mark.parametrize("name", sorted(UNKNOWN_TOWNS))
def test_venue_no_list_knows_is_flagged_not_given_as_none(name: str) -> None:
    record = only_record(FILES / name)
    town = UNKNOWN_TOWNS[name]
    reasons = [f.reason for f in record.flags if f.field == "activities" and "not placed" in f.reason]
    assert len(reasons) == 1 and town in reasons[0]  # the known city, "in English", "at UNDP": no flag


def test_events_with_no_place_named_are_not_flagged() -> None:
    from capdev.narrative.values.unknown_venues import unknown_place

    assert unknown_place(None, "A webinar held in English in October 2023 reached 80 participants.") is None
    assert unknown_place(None, "A workshop at UNDP in November 2023 gathered 31 participants.") is None
    assert unknown_place(None, "Un atelier s'est tenu en mars 2023 avec 30 participants.") is None
    assert unknown_place(None, "Un taller se celebró en Chajul en julio de 2023.") == "Chajul"


EXCHANGES = {
    "en_results_page_exchange.md": [("2024-04", "TZA", 22), ("2024-09", "TZA", 35)],
    "fr_bilan_echanges.txt": [("2024-05", "BFA", 27)],
    "es_memoria_intercambios.txt": [("2024-06", "PER", 31)],
}


@pytest.mark.parametrize("name", sorted(EXCHANGES))
def test_peer_exchange_is_an_event_and_joined_profiles_count(name: str) -> None:
    record = only_record(FILES / name)
    assert _rows(record) == EXCHANGES[name]
    assert not {e.participants for e in record.activities} & {3, 40}  # "Three ministries and 40 utilities"


@pytest.mark.parametrize("text, count", [
    ("A workshop in Lusaka in May 2023 trained 35 billing and customer officers.", 35),
    ("A workshop in Lusaka in May 2023 gathered 3 ministries and 40 officers.", 40),
    ("The exchange rate in May 2024 was 120 to the dollar.", None),
])
def test_profile_of_two_joined_words(text: str, count: int | None) -> None:
    from capdev.narrative.values.event_facts import _facts

    assert _facts(text).participants == count


GATHERED = {
    "en_cohort_news.txt": ([("2024-03", "RWA", 27)], None),
    # The project serves Togo, Ecuador (its title, flagged): Kara, Loja, towns of several countries, are read there,
    # flagged.
    "fr_promotion_stagiaires.txt": ([("2024-03", "TGO", 24)], "Kara read as in TGO"),
    "es_cohorte_pasantes.txt": ([("2024-04", "ECU", 26)], "Loja read as in ECU"),
}


@pytest.mark.parametrize("name", sorted(GATHERED))
def test_held_and_brought_together_tells_one_event_a_total_none(name: str) -> None:
    rows, town = GATHERED[name]
    record = only_record(FILES / name)
    assert _rows(record) == rows  # not the 300, 250, 310 of the totals
    venues = [f.reason for f in record.flags if f.field == "activities" and "venue" in f.reason]
    assert (town in venues[0]) if town else not venues


DECISIONS = {
    "fr_releve_decisions.txt": [("2024-11", "SEN", 6), ("2025-01", "NER", 47)],
    "es_acta_acuerdos.txt": [("2024-10", "CHL", 7), ("2025-01", "HND", 39)],
    "en_board_note_next_steps.txt": [("2024-10", "KEN", 5), ("2025-01", "GHA", 44)],
}


@pytest.mark.parametrize("name", sorted(DECISIONS))
def test_exchange_mission_count_under_its_item_and_no_event_to_come(name: str) -> None:
    record = only_record(FILES / name)
    assert _rows(record) == DECISIONS[name]  # the closing workshop of April 2026 is to come: not counted
    assert any("told as to come" in f.reason for f in record.flags if f.field == "activities")


@pytest.mark.parametrize("text, count", [
    ("Un séminaire à Niamey en janvier 2025 a réuni 47 vérificateurs.", 47),
    ("Un taller en Lima en enero de 2025 reunió a 47 fiscalizadores.", 47),
    ("A workshop in Accra in May 2025 trained 47 tax assessors.", 47),
    ("A workshop in Accra in May 2025 reviewed 12 indicators across 5 sectors.", None),
    ("Deux ateliers ont été organisés à Parakou en mai 2022.", None),
    ("Un taller en Lima en enero de 2025 revisó 12 indicadores de 3 sectores.", None),
])
def test_people_named_by_an_agent_noun(text: str, count: int | None) -> None:
    from capdev.narrative.values.event_facts import _facts

    assert _facts(text).participants == count


@pytest.mark.parametrize("text, to_come", [
    ("Un atelier de restitution se tiendra à Niamey en avril 2026.", True),
    ("La réunion aura lieu à Dakar en mai 2026.", True),
    ("El taller de cierre se realizará en Tegucigalpa en abril de 2026.", True),
    ("A closing workshop is scheduled to take place in Accra in April 2026.", True),
    ("L'atelier s'est tenu à Niamey en avril 2024. Un second se tiendra en 2026.", False),
    ("El taller se realizó en Tegucigalpa en abril de 2024.", False),
])
def test_event_told_as_to_come(text: str, to_come: bool) -> None:
    from capdev.narrative.values.event_plans import told_as_to_come

    assert told_as_to_come(text) is to_come


DOCUMENTS = ["en_update_documents.txt", "fr_point_documents.txt", "es_avance_documentos.txt"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_of_an_event_and_a_talk_at_anothers_are_no_events(name: str) -> None:
    record = only_record(FILES / name)
    assert [row[:2] for row in _rows(record)] == [("2024-03", record.activities[0].country)]
    assert record.activities[0].participants == 36  # the workshop held stays
    assert any("took part in" in f.reason for f in record.flags if f.field == "activities")


@pytest.mark.parametrize("text, kind", [
    ("The report of the workshop was published in July 2024.", None),
    ("Le rapport de l'atelier a été publié en juillet 2024.", None),
    ("El informe del taller se publicó en julio de 2024.", None),
    ("La convocatoria al curso cierra el 30 de septiembre de 2024.", None),
    ("A workshop on the report was held in Lusaka in July 2024.", "workshop"),
    ("Un atelier de validation du rapport s'est tenu à Dakar en juillet 2024.", "workshop"),
    ("Un taller de validación del informe se realizó en Lima en julio de 2024.", "workshop"),
])
def test_kind_of_event_named_as_what_a_document_is_of(text: str, kind: str | None) -> None:
    from capdev.narrative.values.event_facts import _facts

    assert _facts(text).type == kind


@pytest.mark.parametrize("text", [
    "The municipal elections took place in March 2024 with 1,200 national observers.",
    "Les élections locales ont eu lieu en mars 2024 avec 1 200 observateurs.",
    "Las elecciones municipales se realizaron en marzo de 2024 y reunieron a 1200 observadores.",
])
def test_a_vote_held_is_no_event(text: str) -> None:
    from capdev.narrative.values.event_facts import _facts

    assert _facts(text).type is None
