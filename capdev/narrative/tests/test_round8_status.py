"""Round 8: a project's status however a record tells it, in English, French and Spanish (records written for these
tests, tests/files/round8/status/): a status label whose value runs on into the next sentence or field (cut at its
end, the words after it kept in the record's text); a stage named by its work ("Formulation stage", "en cours de
négociation", "en negociación"); prose that says what the project is now, with an adverb inside the verb ("was
successfully completed", "a été mené à terme", "se encuentra en fase de diseño"); a badge on a card ("Kenya · Ongoing
· 2021–2024", "Terminé" alone, "Costa Rica | En ejecución | ..."); and guards: a previous project, an evaluation or a
phase that is completed is not the project."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative.tests._shared import only_record
from capdev.narrative.values.prose_facts import read_status
from capdev.narrative.values.status import status_category, status_extent
from capdev.narrative.values.status_genres import head_badge

FILES = Path(__file__).parent / "files" / "round8" / "status"

# file: (status category or None, the status value as a label writes it, or None when read from prose or a badge)
RECORDS: dict[str, tuple[str | None, str | None]] = {
    "en_label_runs_on.txt": ("completed", "Completed"),
    "fr_label_runs_on.txt": ("active", "en cours"),
    "es_label_runs_on.txt": ("active", "En ejecución"),
    "en_label_stage.txt": ("planned", "Formulation stage"),
    "fr_label_stage.txt": ("planned", None),
    "es_label_stage.txt": ("planned", "en negociación"),
    "en_prose_status.txt": ("completed", None),
    "fr_prose_statut.txt": ("completed", None),
    "es_prosa_estado.txt": ("planned", None),
    "en_card_badge.txt": ("active", None),
    "fr_card_badge.txt": ("completed", None),
    "es_card_badge.txt": ("active", None),
    # Another project, an evaluation, a phase completed: no status of the project's.
    "en_other_completed.txt": (None, None),
    "fr_autre_acheve.txt": (None, None),
    "es_otro_concluido.txt": (None, None),
}


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_status_is_the_projects(name: str) -> None:
    category, value = RECORDS[name]
    rec = only_record(FILES / name)
    assert status_category(rec.status) == category, rec.status
    if value is not None:
        assert rec.status == value


@pytest.mark.parametrize("name, rest", [
    ("en_label_runs_on.txt", "The final report was submitted to the Ministry of Finance in March 2023."),
    ("fr_label_runs_on.txt", "Depuis 2021, le projet accompagne le ministère"),
    ("es_label_runs_on.txt", "(cierre previsto el 30/06/2025)"),
])
def test_words_after_the_status_stay_in_the_record(name: str, rest: str) -> None:
    rec = only_record(FILES / name)
    assert rest not in rec.status and rest in rec.text


@pytest.mark.parametrize("value, category", [
    ("Phase de formulation", "planned"), ("Fase de ejecución", "active"), ("Implementation phase", "active"),
    ("at the design stage", "planned"), ("En fase de diseño", "planned"), ("Étape de mise en œuvre", "active"),
    ("en cours de négociation", "planned"), ("Under negotiation", "planned"), ("pendiente de aprobación", "planned"),
    ("Not yet started", "planned"), ("pas encore démarré", "planned"), ("sin iniciar", "planned"),
    ("Concluded", "completed"), ("Menée à terme", "completed"), ("Ejecutado", "completed"),
    ("✓ Completed", "completed"), ("(Closed)", "completed"), ("● En cours", "active"),
    ("Phase 2", None), ("Suspended", None), ("Annulé", None),
])
def test_status_words(value: str, category: str | None) -> None:
    assert status_category(value) == category


@pytest.mark.parametrize("value, head", [
    ("en cours. Depuis 2021, le projet", "en cours"), ("En ejecución (cierre previsto el 30/06/2025)", "En ejecución"),
    ("Completed; final report submitted", "Completed"), ("Ongoing – phase 2 under preparation", "Ongoing"),
    ("Operationally closed", "Operationally closed"), ("On-going", "On-going"), ("Clôturé, le 31 mars 2023", "Clôturé"),
])
def test_status_extent(value: str, head: str) -> None:
    assert value[: status_extent(value)] == head


@pytest.mark.parametrize("sentence, category", [
    ("The project was successfully completed in 2020.", "completed"),
    ("This project is still being implemented in three districts.", "active"),
    ("The project is in its implementation phase.", "active"),
    ("The project is at the formulation stage.", "planned"),
    ("Le projet a été mené à bien en 2021.", "completed"),
    ("Le projet est en phase de formulation avec le ministère.", "planned"),
    ("Le projet est en cours de négociation avec le bailleur.", "planned"),
    ("El proyecto se completó en 2020.", "completed"),
    ("El proyecto fue completado exitosamente en 2020.", "completed"),
    ("El proyecto se encuentra en fase de ejecución.", "active"),
    ("The project, which started in 2021, was closed in 2023.", "completed"),
    # The nearest subject: the project, after a clause about activities; a status put before the project.
    ("Owing to delays in field activities, an extension was granted and the project closed on 30 June 2023.",
     "completed"),
    ("Le programme reste, par conséquent, en cours d'exécution.", "active"),
    ("El programa sigue, por tanto, en ejecución.", "active"),
    ("Still in the pipeline, this new programme will set up innovation labs.", "planned"),
    ("Achevé en 2020, le projet a formé 300 agents communaux.", "completed"),
    ("Concluido en 2019, el proyecto dejó instalada una red de formadores.", "completed"),
    ("Launched in 2021, the project trains officials.", None),
    ("Completed in 2019, the workshop series trained officials.", None),
    ("The project organised a workshop, which ended on 3 May.", None),
    # Not the project's status: another project, a phase, an evaluation, a report.
    ("The project builds on a previous project, which was completed in 2019.", None),
    ("The first phase of the project was completed in 2019.", None),
    ("The project's final evaluation was completed in 2022.", None),
    ("The project's inception report was finalized in 2022.", None),
    ("Le projet fait suite à un premier projet qui s'est achevé en 2019.", None),
    ("L'évaluation finale du projet est achevée.", None),
    ("El proyecto da continuidad a un proyecto anterior que concluyó en 2018.", None),
    ("La fase anterior del proyecto concluyó en 2018.", None),
    ("The project supports a ministry that is under formulation of its plan.", None),
])
def test_read_status(sentence: str, category: str | None) -> None:
    assert read_status(sentence) == category


@pytest.mark.parametrize("head, category", [
    ("Digital government strategy for Kenya\n\nKenya · Ongoing · 2021–2024\n", "active"),
    ("Appui à la décentralisation au Mali\nTerminé\n", "completed"),
    ("Gobierno digital en Costa Rica\nCosta Rica | En ejecución | USD 450 000\n", "active"),
    ("Completed projects in Africa\n", None),  # a heading, not a badge
    ("Kenya · Ongoing · Closed\n", None),  # two statuses: neither
    ("Open government in Peru\nProjects | Ongoing work on the open data portal and its users | 2021\n", None),
])
def test_head_badge(head: str, category: str | None) -> None:
    assert head_badge(head) == category


@pytest.mark.parametrize("value, status, flagged", [
    ("As of June 2023, completed", "completed", True), ("Au 31 mars 2024 : en cours", "en cours", True),
    ("A la fecha (junio 2024), en ejecución", "en ejecución", True), ("Phase 2", "Phase 2", True),
    ("Closed. The final audit is pending.", "Closed", False),
])
def test_status_value(value: str, status: str, flagged: bool) -> None:
    from capdev.narrative.types import Record
    from capdev.narrative.values.status import status_value

    rec = Record(index=0, text=value, offset=0, source_file=None)
    assert status_value(rec, value) == status
    assert bool([f for f in rec.flags if f.field == "status"]) == flagged
