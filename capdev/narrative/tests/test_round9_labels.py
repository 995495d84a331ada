"""Round 9: how lenders' and donors' fact sheets label a total and a financing agreement's number: "Montant du
concours" (AFD), "Amount committed" (an aid database), "Monto comprometido", "Financiamiento total"; the amount
disbursed beside it is no budget."""
from __future__ import annotations

import pytest

from capdev.narrative import parse_text

CASES = [
    ("Intitulé : Appui à la réforme de la fonction publique au Niger\n"
     "Numéro du concours : CNE 1093 01 H\n"
     "Montant du concours : 6 000 000 € (subvention)\n"
     "Montant décaissé : 2 450 000 € au 31 mars 2024\n", 6000000, "EUR", "CNE 1093 01 H"),
    ("Title: Payroll integrity in the civil service of Zambia\n"
     "Agreement partner: Cabinet Office\n"
     "Amount committed: NOK 12,500,000\n"
     "Amount disbursed: NOK 9,100,000\n", 12500000, "NOK", None),
    ("Título: Carrera administrativa en los municipios de Bolivia\n"
     "Número del convenio de financiación: BO-2022-117\n"
     "Monto comprometido: USD 900.000\n"
     "Monto desembolsado: USD 310.000\n", 900000, "USD", "BO-2022-117"),
    ("Título: Firma digital en la administración de Honduras\n"
     "Financiamiento total: 1.200.000 €\n"
     "Ejecutado a la fecha: 400.000 €\n", 1200000, "EUR", None),
]


@pytest.mark.parametrize("text, amount, currency, code", CASES)
def test_a_lenders_total_label_gives_the_budget_and_the_disbursed_amount_none(text, amount, currency, code):
    (rec,) = parse_text(text)
    assert [(int(m.amount), m.currency) for m in rec.budgets if m.kind == "total"] == [(amount, currency)]
    assert rec.code == code
