"""A currency's name is no country served (issue #16, round 16): "dólares de los Estados Unidos de América",
"dollars des États-Unis", "United States dollars" name what an amount is counted in. Read as a place they made the
United States the country a project serves, a wrong value on the public map. A country named as served beside it
is still read."""
from __future__ import annotations

import pytest

from ._shared import only_record_in

ES = """ACTA DE INICIO DEL PROYECTO

Se da por iniciado el proyecto "Fortalecimiento de la Escuela de Gobierno para la profesionalización del servicio
civil", operación GU-T1412, financiado mediante una cooperación técnica no reembolsable por un monto de setecientos
cincuenta mil dólares de los Estados Unidos de América (US$750,000.00). El plazo de ejecución es de treinta meses.
"""

FR = """FICHE DE PROJET

Le projet « Modernisation de la gestion des carrières » est doté d'une enveloppe de deux millions de dollars des
États-Unis, versée en trois tranches. Il est exécuté par l'École nationale d'administration sur trente mois.
"""

EN = """PROJECT SUMMARY

The project "Digital Skills for Public Servants" has a budget of 1.2 million United States dollars, to be spent over
three years on courses, a learning platform and the certification of 600 trainers.
"""

SERVED = """PROJECT SUMMARY

The project "Digital Skills for Public Servants" trains the civil servants of Rwanda. It has a budget of 1.2 million
United States dollars, to be spent over three years.
"""


@pytest.mark.parametrize("text", [ES, FR, EN], ids=["es", "fr", "en"])
def test_a_currency_s_name_is_no_country_served(text):
    assert "USA" not in only_record_in(text).countries


def test_a_country_served_beside_it_is_still_read():
    assert only_record_in(SERVED).countries == ["RWA"]
