"""Round 18: an event that states no place, in a project that serves one country, gets that country as its venue,
suggested and flagged (capdev.narrative.values.suggest_venues); a list item's bullet is no part of an event's name."""
import pytest

from capdev.narrative import parse_text

_RECORD = {
    "en": ("Project title: Strengthening the civil service of Ghana\nCode: GHA-CS-01\nCountry: {countries}\n"
           "Period: 2024-2026\n\nActivities\n- {event} on performance management, 12-14 March 2025, 35 participants\n"),
    "fr": ("Titre : Appui à la fonction publique du Bénin\nCode : BEN-FP-02\nPays : {countries}\n"
           "Période : 2024-2027\n\nActivités\n- {event} de formation des formateurs, 5-7 mai 2025, 28 participants\n"),
    "es": ("Título: Fortalecimiento del servicio civil de Honduras\nCódigo: HND-SC-03\nPaís: {countries}\n"
           "Período: 2024-2026\n\nActividades\n- {event} sobre gestión del desempeño, 10-12 de junio de 2025, 40 "
           "participantes\n"),
}
_SERVED = {"en": ("Ghana", "GHA", "Workshop"), "fr": ("Bénin", "BEN", "Atelier"), "es": ("Honduras", "HND", "Taller")}


def _event(text):
    (record,) = parse_text(text)
    (event,) = record.activities
    flags = [f.reason for f in record.flags if f.field == "activities" and f.reason.startswith("suggested venue")]
    return event, flags


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_an_event_with_no_place_gets_the_one_country_served_flagged(lang):
    country, iso3, event = _SERVED[lang]
    found, flags = _event(_RECORD[lang].format(countries=country, event=event))
    assert found.country == iso3
    assert flags and iso3 in flags[0]


@pytest.mark.parametrize("event", ["Regional workshop", "Study visit", "Online workshop", "Workshop in Zembla",
                                   "Workshop in Kenya"])
def test_an_event_that_says_it_gathers_or_goes_elsewhere_gets_no_suggestion(event):
    found, flags = _event(_RECORD["en"].format(countries="Ghana", event=event))
    assert found.country != "GHA"
    assert not flags


def test_a_project_serving_several_countries_suggests_no_venue():
    found, flags = _event(_RECORD["en"].format(countries="Ghana, Togo", event="Workshop"))
    assert found.country is None
    assert not flags


def test_an_event_with_a_stated_venue_keeps_it_unflagged():
    found, flags = _event(_RECORD["fr"].format(countries="Bénin", event="Atelier à Cotonou"))
    assert found.country == "BEN"
    assert not flags


def test_a_list_items_bullet_is_no_part_of_an_events_name():
    text = _RECORD["en"].format(countries="Ghana", event="Workshop").replace(
        "participants\n", "participants\n- Training of trainers on ethics, 2-3 June 2025\n")
    (record,) = parse_text(text)
    assert [e.title for e in record.activities] == ["Workshop on performance management",
                                                    "Training of trainers on ethics"]
