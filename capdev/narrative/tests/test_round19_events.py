"""Round 19, events and participants: a caption's dateline dates and places the activity told after it; a city
opening a list item before its event's noun is the venue; an online word of another clause does not make a dated
event online; a course's closing ceremony and its graduates; an event told in a stamped chat line is dated from its
yearless days and the stamp. Records written for these tests, in English, French and Spanish."""
import pytest

from capdev.narrative import parse_text
from capdev.narrative.values.events import extract_events

_ALBUM = {
    "fr": ("Titre : Programme d'appui aux communes du Sénégal\nCode : SN-COM-25\nPays : Sénégal\n"
           "Période : 2024-2027\n\nLégendes des photos\n"
           "P1030012.jpg — Kaolack, 14 mars 2025. Atelier de formation des receveurs municipaux de la région :\n"
           "38 participants (receveurs, comptables).\n"
           "P1030013.jpg — Kaolack. Remise des attestations.\n"
           "P1030020.jpg — Dakar, 2 décembre 2025. Visite de l'ambassadeur au siège de l'agence (réunion "
           "bilatérale, pas une activité du programme).\n"
           "P1030031.jpg — Tambacounda, 5-7 mai 2026. Session de formation des secrétaires municipaux, 27 "
           "stagiaires.\n"),
    "en": ("Project title: Local government support in Ghana\nCode: GH-LG-25\nCountry: Ghana\n"
           "Period: 2024-2027\n\nPhoto captions\n"
           "Photo 12 – Kumasi, 3 June 2025. Training workshop for district planners, 26 participants.\n"
           "Photo 13 – Kumasi. Group photo.\n"
           "Photo 20 – Accra, 2 December 2025. Courtesy call on the ambassador (not a project activity, "
           "a bilateral meeting).\n"
           "Photo 31 – Tamale, 5-7 May 2026. Training session for municipal clerks, 41 participants.\n"),
    "es": ("Título: Apoyo a los municipios de Guatemala\nCódigo: GT-MUN-25\nPaís: Guatemala\n"
           "Período: 2024-2027\n\nLeyendas de las fotos\n"
           "DSC_0456.JPG — Cobán, 9 de abril de 2025. Taller de planificación municipal con 31 participantes.\n"
           "DSC_0457.JPG — Cobán. Entrega de constancias.\n"
           "DSC_0460.JPG — Antigua Guatemala, 2 de diciembre de 2025. Reunión con la embajada (no es una "
           "actividad del proyecto).\n"
           "DSC_0471.JPG — Quetzaltenango, 5-7 de mayo de 2026. Curso de gestión financiera, 44 participantes.\n"),
}
_ALBUM_EVENTS = {
    "fr": [("2025-03", "SEN", 38), ("2026-05", "SEN", 27)],
    "en": [("2025-06", "GHA", 26), ("2026-05", "GHA", 41)],
    "es": [("2025-04", "GTM", 31), ("2026-05", "GTM", 44)],
}


def _rows(events):
    return [(f"{e.start.year}-{e.start.month:02d}" if e.start else None, e.country, e.participants) for e in events]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_captions_dateline_dates_and_places_its_activity(lang):
    (record,) = parse_text(_ALBUM[lang])
    assert _rows(record.activities) == _ALBUM_EVENTS[lang]
    # the visit told as no activity of the project is set aside (flagged), never counted on its dateline's day
    assert any("another project" in f.reason for f in record.flags if f.field == "activities")
    assert all(e.start is None or e.start.month != 12 for e in record.activities)


@pytest.mark.parametrize("text", [
    "IMG_0045.jpg — Ziguinchor, 12 juin 2025. Remise des attestations par le directeur.",
    "Photo 7 – Kumasi, 3 June 2025. Group photo of the mayors.",
])
def test_a_dateline_over_no_activity_gives_no_event(text):
    assert extract_events(text) == []


@pytest.mark.parametrize("text, iso3, count", [
    ("- Banjul national workshop <2025-06-10 Tue>--<2025-06-12 Thu>, 37 participants (report filed)", "GMB", 37),
    ("- Kisumu regional workshop, 4-6 March 2024, 52 participants", "KEN", 52),
    ("Lima regional training in June 2025, 29 participants", "PER", 29),
])
def test_a_city_opening_an_item_before_its_event_noun_is_the_venue(text, iso3, count):
    (event,) = extract_events(text)
    assert (event.country, event.participants) == (iso3, count)


def test_a_city_of_the_people_not_before_the_event_noun_is_no_venue():
    (event,) = extract_events("- Dakar officials attended a workshop in June 2025")
    assert event.country != "SEN"


@pytest.mark.parametrize("text, iso3, count", [
    ("Descripción: diseño de 12 diplomados virtuales; organización del Seminario internacional \"Territorios\", "
     "Bogotá, 18 y 19 de septiembre de 2024, con 220 asistentes.", "COL", 220),
    ("Scope: design of 5 online courses; organisation of the national forum, Nairobi, 4-5 May 2024, with 120 "
     "attendees.", "KEN", 120),
    ("Objeto: diseño de 4 cursos en línea; realización del foro nacional \"Municipios\", Quito, 7 de marzo de 2025, "
     "con 95 participantes.", "ECU", 95),
])
def test_an_online_word_of_an_undated_clause_leaves_the_dated_event_its_venue(text, iso3, count):
    events = [e for e in extract_events(text) if e.start is not None]
    assert [(e.country, e.online, e.participants) for e in events] == [(iso3, False, count)]


def test_an_event_told_online_in_its_own_clause_stays_online():
    (event,) = extract_events("A webinar was held online on 4 May 2024; participants came from Kenya.")
    assert event.online and event.country is None


def test_a_projects_closure_is_no_ceremony():
    assert extract_events("La clausura del proyecto está prevista para diciembre de 2026.") == []


@pytest.mark.parametrize("text, start, iso3", [
    ("[2/12/26, 08:10:19] Byron: el taller de validación del 18-19 de noviembre en Quetzaltenango fueron 34 "
     "participantes al final", "2026-11", "GTM"),
    ("[02/12/2026 08:10] Anne : l'atelier du 18 au 19 novembre à Dakar a réuni 34 participants", "2026-11", "SEN"),
    ("[25/11/26, 08:10] Ann: the workshop on 18-19 November in Kampala had 34 participants", "2026-11", "UGA"),
    ("[2026-01-15 09:30] Ann: the workshop on 18-19 November in Kampala had 34 participants", "2025-11", "UGA"),
])
def test_an_event_in_a_stamped_line_is_dated_from_the_stamp(text, start, iso3):
    (event,) = extract_events(text)
    assert (f"{event.start.year}-{event.start.month:02d}", event.country, event.participants) == (start, iso3, 34)


def test_an_english_stamp_of_unwritten_order_dates_nothing():
    # 12/2/26: 12 February or 2 December; "18-19 November" falls in 2025 or in 2026: no date is read
    (event,) = extract_events("[12/2/26, 08:10] Ann: the workshop on 18-19 November in Kampala had 34 participants")
    assert event.start is None


@pytest.mark.parametrize("text, start, count", [
    ("IMG_2231.jpg — 14 mars 2025. Atelier de formation des receveurs à Kaolack : 38 participants.", "2025-03", 38),
    ("DSC_0001.JPG — 9 de abril de 2025. Taller de planificación municipal en Cobán con 31 participantes.",
     "2025-04", 31),
    ("IMG_0311.jpg — 3 June 2025. Training workshop for district planners in Kumasi, 26 participants.", "2025-06", 26),
])
def test_a_captions_date_alone_dates_its_activity(text, start, count):
    (event,) = extract_events(text)
    assert (f"{event.start.year}-{event.start.month:02d}", event.participants) == (start, count)


@pytest.mark.parametrize("text", [
    "Photo 4 – 3 June 2025. Training workshop for district planners in Kumasi, 26 participants.",  # days 4 to 3?
    "2024. Workshops were held in Accra and Kumasi.",  # a year opens a paragraph: no entry's date
])
def test_a_date_alone_after_an_items_number_or_a_bare_year_dates_nothing(text):
    assert all(e.start is None for e in extract_events(text))
