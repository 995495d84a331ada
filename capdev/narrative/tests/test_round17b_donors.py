"""Round 17b: who pays for every project a page lists, said once above the first one (capdev.narrative.page_donor)."""
from capdev.narrative import parse_text

_HEAD = ("Ministère des Affaires étrangères - Direction de la coopération\n\n"
         "Appel à projets 2025 du Programme Gouvernance locale, financé intégralement par l'Agence française de "
         "développement (AFD).\n\nProjets retenus\n\n")
_RECORDS = ("Titre : Appui à la fonction publique territoriale au Niger\nCode : PGL-2025-01\nPays : Niger\n"
            "Période : 2025-2027\nBudget : 450 000 EUR\n\n"
            "Titre : Formation des secrétaires généraux de mairie au Mali\nCode : PGL-2025-02\nPays : Mali\n"
            "Période : 2025-2026\nBudget : 300 000 EUR\n\n"
            "Titre : Modernisation de l'état civil au Tchad\nCode : PGL-2025-03\nPays : Tchad\n"
            "Période : 2025-2028\nBudget : 520 000 EUR\nBailleur : Union européenne\n")


def _funders(record):
    return [p.acronym or p.name for p in record.partners if p.role == "funding"]


def _lent(record):
    return [f for f in record.flags if f.field == "funding_source" and "page's head" in f.reason]


def test_the_page_head_funder_is_lent_flagged_to_a_record_naming_none():
    records = parse_text(_HEAD + _RECORDS)
    assert _funders(records[1]) == ["AFD"]
    assert _lent(records[1])


def test_a_record_naming_its_own_funder_keeps_it():
    records = parse_text(_HEAD + _RECORDS)
    assert _funders(records[2]) == ["EU"]
    assert not _lent(records[2])


def test_a_head_with_no_word_of_funding_lends_nothing():
    head = _HEAD.replace("financé intégralement par", "présenté avec")
    records = parse_text(head + _RECORDS)
    assert _funders(records[1]) == []


def test_the_first_projects_own_funder_below_its_title_is_not_lent():
    text = ("Newsletter of the Institute for Public Sector Transformation\n\n"
            "Title: Procurement Integrity Academy\nSummary: Funded by the European Union, the academy trains "
            "procurement officers.\nCode: PIA-03\nCountry: Serbia\nPeriod: 2023-2025\n\n"
            "Title: Civil Service Leadership Programme\nCode: CSL-04\nCountry: Albania\nPeriod: 2024-2026\n")
    records = parse_text(text)
    assert len(records) == 2
    assert _funders(records[1]) == []


def test_two_bodies_paying_in_the_head_are_split_evidence():
    head = _HEAD.replace("l'Agence française de développement (AFD)",
                         "l'Agence française de développement (AFD) et la Banque mondiale")
    records = parse_text(head + _RECORDS)
    assert not _lent(records[1])
