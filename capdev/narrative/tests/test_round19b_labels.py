"""Round 19b: a CRM's opportunity record (Salesforce, Dynamics exports of a partnerships pipeline): its name is the
project's title; a revised end ("Revised End (NCE)") wins over the original one, its bracketed aside read as an
aside of the label."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text

_CRM_EN = """Pipeline report - Capacity Development Unit

Opportunity Name .......... Civil Registration Modernisation in the Sahel
Project Code (custom) ..... SAH-CRM-21
Stage ..................... Closed Won - Completed
Amount .................... EUR 640,000.00
Implementation Start ...... 01/02/2021
Original End .............. 31/12/2024
Revised End (NCE) ......... 30/06/2025
Beneficiary Countries ..... Niger; Chad
"""

_CRM_FR = """Rapport du pipeline de partenariats (export CRM, novembre 2026)

Code projet : SAH-CRM-21
Nom de l'opportunité : Modernisation de l'état civil au Sahel
Fin initiale : 31/12/2024
Date de fin révisée : 30/06/2025
Pays : Niger
"""


def test_an_opportunitys_name_is_the_title_and_its_revised_end_wins():
    (record,) = parse_text(_CRM_EN)
    assert record.title == "Civil Registration Modernisation in the Sahel"
    assert (record.code, str(record.end)) == ("SAH-CRM-21", "2025-06-30")
    assert record.countries == ["NER", "TCD"]


@pytest.mark.parametrize("text, title", [
    (_CRM_FR, "Modernisation de l'état civil au Sahel"),
    (_CRM_FR.replace("Nom de l'opportunité :", "Nombre de la oportunidad:"), "Modernisation de l'état civil au Sahel"),
])
def test_an_opportunitys_name_in_french_and_spanish(text, title):
    (record,) = parse_text(text)
    assert record.title == title
