"""People are never partners or donors (round 10): speakers, focal points and signatories named where a record
names organisations ("in partnership with Ana Ruiz and ...", "Socios: Juan Pérez; ...", "Bailleur(s) : Mme Aïcha
Ba ; ...") are left out, flagged for a reviewer, and the organisations beside them kept; bodies named after people
("Kofi Annan Foundation", "Rosa Luxemburg Stiftung") stay partners."""
from __future__ import annotations

import pytest

from capdev.narrative.values.person_names import is_person, person_head, without_people

from ._shared import FILES, only_record

PERSONS = FILES / "round10" / "persons"

CASES = [
    ("en_prose_partners.txt", ["Civil Service Training Centre"], ["Ana Ruiz", "Kwame", "John Smith"]),
    ("en_labels.txt", ["Government of Norway", "Kofi Annan Foundation", "Rosa Luxemburg Stiftung",
                       "Jean Monnet Programme"], ["Robert Brown", "Sarah Johnson"]),
    ("fr_partenaires.txt", ["ENA", "École nationale d'administration"], ["Marie Dupont", "Paul Mensah"]),
    ("fr_bailleurs.txt", ["Coopération suisse", "Haut-Commissariat à la Modernisation de l'État"],
     ["Aïcha Ba", "Jean-Pierre Ndiaye"]),
    ("es_socios.txt", ["Contraloría General de la República", "Autoridad Nacional del Servicio Civil"],
     ["Juan Pérez", "María Fernanda López"]),
    ("es_financiador.txt", ["Instituto Nacional de Administración Pública", "Fundación Jala"],
     ["Carlos Mendoza", "Juan Carlos Pérez García"]),
]


@pytest.mark.parametrize("name,bodies,people", CASES, ids=[c[0] for c in CASES])
def test_people_are_left_out_and_the_bodies_beside_them_kept(name, bodies, people):
    record = only_record(PERSONS / name)
    placed = [p.name for p in record.partners]
    assert sorted(placed) == sorted(bodies)
    for person in people:
        assert not any(person in p.name or person in (p.text or "") for p in record.partners), person


@pytest.mark.parametrize("name,people", [("en_labels.txt", ["Robert Brown"]), ("fr_bailleurs.txt", ["Aïcha Ba"]),
                                         ("es_financiador.txt", ["Carlos Mendoza"]),
                                         ("es_socios.txt", ["Juan Pérez", "María Fernanda López"])])
def test_each_person_left_out_is_flagged_for_a_reviewer(name, people):
    reasons = [f.reason for f in only_record(PERSONS / name).flags if f.field == "partners"]
    for person in people:
        assert any(r.startswith("a person, not an organisation") and person in r for r in reasons), reasons


def test_a_funder_who_is_a_person_gives_no_donor():
    record = only_record(PERSONS / "es_financiador.txt")
    assert [p.name for p in record.partners if p.role == "funding"] == []


@pytest.mark.parametrize("text", ["Ana Ruiz", "María Fernanda López", "Joost van der Berg", "Jean-Pierre Ndiaye",
                                  "Fatou Diop", "Juan Carlos Pérez García", "M. Paul Dupont", "Mme Aïcha Ba",
                                  "Sra. Paula Giraldo", "H.E. Mr. Kim", "Dr. Amina Diallo", "Prof. Hiroshi Tanaka"])
def test_people(text):
    assert is_person(text)


@pytest.mark.parametrize("text", ["Kofi Annan Foundation", "Rosa Luxemburg Stiftung", "Jean Monnet Programme",
                                  "Anna Lindh Foundation", "Paul Scherrer Institut", "Nnamdi Azikiwe University",
                                  "ING Bank", "Mercy Corps", "Transparency International", "Ministry of Finance",
                                  "Fundación Jala", "Government of Norway", "ENA", "Civil Service Training Centre",
                                  "Marie et les autres", "Ana Ruiz PNUD", "Marie Stopes International"])
def test_bodies(text):
    assert not is_person(text)


def test_a_person_then_and_then_a_body_splits_only_after_a_person():
    assert person_head("Paul Mensah et l'École nationale d'administration") == (
        "Paul Mensah", "l'École nationale d'administration")
    assert person_head("Ministry of Planning and Finance") is None
    assert person_head("Contraloría General y Tribunal Supremo") is None


# ---------------------------------------------------------------- people in the record's public text

@pytest.mark.parametrize("name,field,people,kept", [
    ("en_prose_partners.txt", "background", ["Ana Ruiz", "Kwame Mensah"], []),
    ("es_socios.txt", "background", ["María Fernanda López"], []),
    ("en_summary_people.txt", "summary", ["Amina Mohammed"],
     ["trains senior civil servants of Senegal", "Lycée Jean Jaurès", "Kofi\nAnnan Foundation hosted"]),
    ("fr_resume_personnes.txt", "summary", ["Abdoulaye Diop"], ["forme les hauts fonctionnaires",
                                                                 "avenue Cheikh Anta Diop"]),
])
def test_a_sentence_naming_a_person_stays_in_the_source_only(name, field, people, kept):
    record = only_record(PERSONS / name)
    public = " ".join(str(getattr(record, f) or "") for f in ("objective", "summary", "background"))
    for person in people:
        assert person not in public, person
        assert person in record.text  # nothing lost: the source keeps it, for staff
    for words in kept:
        assert words in getattr(record, field)
    reasons = [f.reason for f in record.flags if f.field == field]
    assert any("personal data" in r and people[0].split()[0] in r for r in reasons), reasons


@pytest.mark.parametrize("sentence", ["It was opened by Dr. Kwame Mensah.", "Mme Ba a présenté le rapport.",
                                      "Lo presentó la Sra. Paula Giraldo.", "Coordinated by Fatou Diop and the team.",
                                      "Evaluation team: Marta Quesada Lindqvist (team leader).",
                                      "author: Grace Wanjiru", "Publié par : Awa Ndiaye",
                                      "The course was opened by Minister Ana Ruiz.",
                                      "La session a été ouverte par le Directeur Général Paul Mensah."])
def test_sentences_naming_people(sentence):
    assert without_people(sentence) == ("", [sentence])


@pytest.mark.parametrize("sentence", ["The Jean Monnet Programme supports the course.", "Georgia and Jordan took part.",
                                      "Se trabajó en la Avenida Simón Bolívar.", "UN DESA organised the event.",
                                      "The Kofi Annan Foundation hosted it.", "M&E officers met in May.",
                                      "Classes took place at the Lycée Jean Jaurès.", "Il siège rue Jean Jaurès.",
                                      "Las clases fueron en el Hospital Juan Pablo II.",
                                      "Le cours a lieu à l'école Jean Piaget.",
                                      "El foro previsto en San Pedro Sula fue cancelado."])
def test_sentences_naming_no_one(sentence):
    assert without_people(sentence) == (sentence, [])


def test_lists_and_activities_keep_what_they_say_without_the_people_named():
    record = only_record(PERSONS / "fr_programme_equipe.txt")
    assert record.expected_accomplishments == ["Une politique nationale d'archivage est adoptée"]
    assert record.planned_activities == ["Mission : du 10 au 14 février 2025 à Conakry"]
    [mission] = record.activities
    assert (mission.start.iso(), mission.country) == ("2025-02-10", "GIN")
    public = " ".join([*record.expected_accomplishments, *record.planned_activities, mission.title, mission.summary])
    assert "Camara" not in public and "Diallo" not in public
    reasons = [f.reason for f in record.flags if f.field in ("expected_accomplishments", "planned_activities")]
    assert len(reasons) == 2 and all("personal data" in r for r in reasons)


def test_a_person_is_no_organiser_of_an_activity():
    from capdev.narrative.types import Event, Record
    from capdev.narrative.values.person_names import withhold_people

    record = Record(index=0, text="x")
    record.activities = [Event(type="workshop", title="Validation workshop",
                               organisers=["Dr. Amina Diallo", "UNDP", "Kwame Mensah"])]
    withhold_people(record)
    assert record.activities[0].organisers == ["UNDP"]
    assert any("personal data" in f.reason for f in record.flags if f.field == "activities")


def test_a_participants_profile_naming_a_person_is_left_out():
    from capdev.narrative.types import Event, Record
    from capdev.narrative.values.person_names import withhold_people

    record = Record(index=0, text="x")
    record.activities = [Event(type="training", title="Training of trainers", participants=24,
                               participants_profile="inspectors coached by Dr. Amina Diallo"),
                         Event(type="workshop", title="Validation", participants_profile="senior officials")]
    withhold_people(record)
    assert [e.participants_profile for e in record.activities] == [None, "senior officials"]
    assert any("personal data" in f.reason for f in record.flags if f.field == "activities")


def test_outcomes_and_indicators_keep_what_they_say_without_the_people_named():
    from capdev.narrative.types import Indicator, Outcome, Record
    from capdev.narrative.values.person_names import withhold_people

    record = Record(index=0, text="x")
    record.outcomes = [
        Outcome("Les inspecteurs appliquent le guide d'audit (point focal : Mme Aïcha Ba)",
                indicators=[Indicator("Nombre d'audits menés"), Indicator("Audits validés par Jean-Pierre Ndiaye")]),
        Outcome("Informe aprobado por María Fernanda López"),
        Outcome("Civil servants use the open data portal"),
    ]
    withhold_people(record)
    assert [o.text for o in record.outcomes] == ["Les inspecteurs appliquent le guide d'audit",
                                                 "Civil servants use the open data portal"]
    assert [i.title for i in record.outcomes[0].indicators] == ["Nombre d'audits menés"]
    assert len([f for f in record.flags if f.field == "outcomes" and "personal data" in f.reason]) == 3
