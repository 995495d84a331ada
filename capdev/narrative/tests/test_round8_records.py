"""Round 8: where one project's record begins and ends, in English, French and Spanish (records written for these
tests, tests/files/round8/records/): a newsletter's or a portal's items under Markdown, bold or plain headlines, one
record each, the newsletter's own heading no record's title; items of which only one gives labels; a side event or
workshop told with labels of its own after a project's facts, part of that project; a project document's cover
page, a factsheet's head over its projects, no record of their own; a bilingual page, one record; and guards: one
project told under "Background", "Objectives", "Activities" stays one record. Every character stays in some
record's spans."""
from __future__ import annotations

from pathlib import Path

import pytest

from capdev.narrative import parse_text

FILES = Path(__file__).parent / "files" / "round8" / "records"

# Per file, per record: (title, start year, budget amount, countries), each None when not asserted (a title in capitals
# over a code is the titles area's).
CASES: dict[str, list[tuple]] = {
    # Markdown headlines under a newsletter's own headings ("# Newsletter", "## Issue 7").
    "md_news_en.txt": [("E-Procurement Rollout in Ghana", 2021, 1200000, ["GHA"]),
                       ("Civil Service Training in Liberia", 2020, 380000, ["LBR"]),
                       ("Records Digitisation in Sierra Leone", 2022, 510000, ["SLE"])],
    "md_news_fr.txt": [("Guichet unique foncier au Bénin", 2021, 640000, ["BEN"]),
                       ("École de la magistrature du Tchad", 2019, 410000, ["TCD"]),
                       ("Observatoire de la commande publique au Togo", None, 520000, None)],
    "md_news_es.txt": [("Historia clínica digital en Paraguay", 2022, 720000, ["PRY"]),
                       ("Escuela de Gobierno Municipal en Honduras", 2020, 390000, ["HND"]),
                       ("Compras públicas abiertas en Ecuador", 2021, 560000, ["ECU"])],
    # Headlines in bold ("**...**", "__...__"), no box word before them.
    "bold_news_en.txt": [("Digital Civil Registry for Malawi", 2022, 850000, ["MWI"]),
                         ("Open Contracting in Zambia", 2021, 420000, ["ZMB"]),
                         ("Leadership Academy for Local Government", None, 600000, ["KEN", "UGA"])],
    "bold_news_fr.txt": [("Archives numériques du Cameroun", 2020, 480000, ["CMR"]),
                         ("Formation des maires du Mali", 2021, 280000, ["MLI"]),
                         ("Cadastre fiscal au Niger", None, 350000, ["NER"])],
    "bold_news_es.txt": [("Firma electrónica en Perú", None, 275000, ["PER"]),
                         ("Gobierno abierto municipal en Guatemala", 2021, None, ["GTM"]),
                         ("Servicio civil meritocrático en Ecuador", None, 650000, ["ECU"])],
    # A portal's items, a plain title line over its paragraph (after a blank line, or right above it).
    "portal_en.txt": [("Tax Administration Modernisation in Lesotho", 2021, 640000, ["LSO"]),
                      ("Municipal Finance Reform in Mozambique", 2020, 520000, ["MOZ"]),
                      ("Public Sector Innovation Labs in Namibia", 2022, 300000, ["NAM"])],
    "portal_fr.txt": [("Modernisation de l'état civil au Congo", 2021, 900000, ["COG"]),
                      ("Réforme de la fonction publique au Gabon", 2018, 1500000, ["GAB"]),
                      ("Justice de proximité en République centrafricaine", None, 300000, ["CAF"])],
    "portal_es.txt": [("Catastro municipal abierto en Bolivia", 2022, 450000, ["BOL"]),
                      ("Ventanilla Única de Inversiones en Honduras", None, 1100000, ["HND"]),
                      ("Interoperabilidad de datos en Costa Rica", 2020, 530000, ["CRI"])],
    # Headline items of which only the last gives labels: the labels do not make the page one record.
    "one_label_en.txt": [("Land Registry in Rwanda", 2021, None, ["RWA"]),
                         ("Civil Service Academy in Uganda", 2022, 450000, ["UGA"])],
    "one_label_fr.txt": [("Police de proximité en Guinée", None, None, ["GIN"]),
                         ("Mairies connectées au Gabon", 2022, 480000, ["GAB"])],
    "one_label_es.txt": [("Aduana digital en Panamá", 2021, None, ["PAN"]),
                         ("Salud digital rural en Nicaragua", 2020, 610000, ["NIC"])],
    # A side event, a workshop, a seminar with its own "Title:" and programme: the project's, no record of its own.
    "event_en.txt": [("Institutional Capacity for Climate Finance in the Caribbean", 2022, 620000,
                      ["JAM", "BRB", "BLZ"])],
    "event_fr.txt": [("Renforcement des capacités des écoles nationales d'administration en Afrique de l'Ouest", 2021,
                      540000, ["SEN", "CIV", "BEN"])],
    "event_es.txt": [("Gestión por resultados en gobiernos subnacionales de Centroamérica", 2021, 480000,
                      ["GTM", "HND", "SLV"])],
    # A project document's cover page (its code, its title in capitals) before the project's own page: one record.
    "cover_en.txt": [("Local Revenue Mobilisation for Councils", 2023, 1300000, ["GMB"])],
    "cover_fr.txt": [("Modernisation de la gestion des carrières", 2023, 950000, ["BEN"])],
    "cover_es.txt": [("Carrera civil digital en el Paraguay", 2021, 780000, ["PRY"])],
    # A factsheet's or a portfolio page's head (its heading, "At a glance", its counterparts) is no record.
    "head_en.txt": [("DIGITAL CIVIL REGISTRATION", 2020, 1500000, None), (None, 2022, 900000, None)],
    "head_fr.txt": [("GUICHET UNIQUE DE L'INVESTISSEMENT", 2021, 700000, None),
                    ("FORMATION DES CADRES TERRITORIAUX", 2019, 450000, None)],
    "head_es.txt": [("SISTEMA NACIONAL DE COMPRAS", 2021, 1200000, None),
                    (None, 2023, 600000, None)],
    # A bilingual page: the same project (its code) told again in another language is one record; a sentence that
    # wraps onto the next line ("... de trois ans (fin" / "prévue le ...") is no title of a record.
    "bilingual_en_fr.txt": [("Border Customs Cooperation in the Great Lakes", 2021, None, None)],
    "bilingual_es_en.txt": [("Ventanilla única fronteriza Costa Rica – Panamá", 2020, 640000, ["CRI", "PAN"])],
    "bilingual_fr_es.txt": [(None, 2022, 900000, None)],
    # Guards: one project's sections under plain headings are not records.
    "sections_en.txt": [("Digital Justice for Rural Courts", 2021, 400000, ["BOL"])],
    "sections_fr.txt": [("Appui à la décentralisation fiscale au Burkina Faso", 2020, 750000, ["BFA"])],
    "sections_es.txt": [("Fortalecimiento de la Contraloría General de Panamá", 2021, 560000, ["PAN"])],
}


def _parse(name: str):
    text = (FILES / name).read_text(encoding="utf-8")
    return text, parse_text(text, name)


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_record_per_project(name: str) -> None:
    _text, records = _parse(name)
    expected = CASES[name]
    assert len(records) == len(expected), [r.title for r in records]
    assert [r.title for r in records] == [e[0] or r.title for r, e in zip(records, expected)]
    for rec, (_title, start, amount, countries) in zip(records, expected):
        if start is not None:
            assert rec.start is not None and rec.start.year == start, (rec.title, rec.start)
        if amount is not None:
            assert [int(b.amount) for b in rec.budgets][:1] == [amount], rec.title
        if countries is not None:
            assert rec.countries == countries, rec.title


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_character_is_in_one_record(name: str) -> None:
    text, records = _parse(name)
    spans = sorted((s.start, s.end) for r in records for s in r.spans)
    covered = 0
    for start, end in spans:
        assert start <= covered, (name, covered, start)  # no gap
        covered = max(covered, end)
    assert covered >= len(text.rstrip())


@pytest.mark.parametrize("name", ["md_news_en.txt", "md_news_fr.txt", "bold_news_es.txt", "portal_fr.txt"])
def test_the_documents_heading_is_no_records_title(name: str) -> None:
    text, records = _parse(name)
    heading = text.strip().splitlines()[0].strip(" #*_")
    assert all(heading not in (r.title or "") for r in records)


def test_the_event_is_kept_in_the_projects_text() -> None:
    text, records = _parse("event_en.txt")
    (rec,) = records
    spans = [(s.start, s.end) for s in rec.spans]
    at = text.index("Climate finance readiness")
    assert any(a <= at < b for a, b in spans)
