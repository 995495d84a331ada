"""A page with YAML front matter (Jekyll, Hugo, a static site's project page, round 10): its keys are labels whose
words are joined by "_" ("project_code", "date_debut", "fecha_inicio"), an inline list is a list ("[a, b]"), a key
the label table does not know ("date:", "image:") ends the value above it, and an author is a person (personal
data, kept in the source only)."""
from __future__ import annotations

import pytest

from ._shared import FILES, only_record

FRONT = FILES / "round10" / "front_matter"

CASES = [
    ("en_jekyll.md", "Digital Skills for Local Revenue Administrations", "DSL-2023-04", "2023-05", "2026-04",
     (410000, "USD"), ["ZMB", "MWI"], ["Government of Ireland"], ["Local Government Association of Zambia"],
     ["revenue", "local government", "digital skills"], "Thomas Banda"),
    ("fr_hugo.md", "Gestion axée sur les résultats dans les administrations communales", "GAR-BFA-2022", "2022-09",
     "2025-08", (450000, "EUR"), ["BFA"], ["Belgian Development Agency"],
     ["Association des municipalités du Burkina Faso"], ["résultats", "communes", "planification"],
     "Aminata Ouédraogo"),
    ("es_pagina.md", "Gobierno digital para municipios rurales", "GDM-PER-2021", "2021-03", "2024-02",
     (275000, "USD"), ["PER"], ["Spanish Agency for International Development Cooperation"],
     ["Secretaría de Gobierno Digital"], ["gobierno digital", "municipios"], "Jorge Quispe"),
]


@pytest.mark.parametrize("name,title,code,start,end,budget,countries,donors,partners,tags,author", CASES,
                         ids=[c[0] for c in CASES])
def test_front_matter_keys_are_labels(name, title, code, start, end, budget, countries, donors, partners, tags,
                                      author):
    record = only_record(FRONT / name)
    assert (record.title, record.code) == (title, code)
    assert (record.start.iso(), record.end.iso()) == (start, end)
    assert [(int(b.amount), b.currency) for b in record.budgets] == [budget]
    assert record.countries == countries
    assert [p.name for p in record.partners if p.role == "funding"] == donors
    assert [p.name for p in record.partners if p.role != "funding"] == partners
    assert record.thematic_areas == tags  # the inline list's brackets off; "author:" / "date:" not in it
    public = " ".join([record.summary, record.background, record.objective, *record.thematic_areas])
    assert author not in public
    assert any("personal data" in f.reason and author in f.reason for f in record.flags)


def test_the_sdgs_key_gives_goals_and_a_key_below_it_is_not_more_of_them():
    record = only_record(FRONT / "en_jekyll.md")
    assert record.sdgs == [16, 17]
    assert not any(f.field == "sdgs" for f in record.flags)
