"""Round 19 (numbers and time): a register's change notes that name one project of its table by code change that
project's end, status or budget (structured/code_changes.py)."""
from decimal import Decimal

import pytest

from capdev.narrative import parse_text

_TABLE = ("| code | title | country | budget | start | end | status |\n"
          "|------|-------|---------|--------|-------|-----|--------|\n"
          "| GOV-2210 | {t1} | Ghana | EUR 400,000 | 2023-01 | 2025-12-31 | {active} |\n"
          "| GOV-2311 | {t2} | Kenya | USD 900,000 | 2022-05 | 2025-06-30 | {active} |\n")

_NOTES = {
    "en": ("Register updates\n\n- GOV-2210 end date moved from 2025-12-31 to **2026-09-30** (no-cost extension).\n"
           "- GOV-2311 set to `closed`.\n- GOV-2311 budget corrected: USD 950,000 (was USD 900,000, a typo).\n",
           {"t1": "Civil service reform in Ghana", "t2": "Digital government in Kenya", "active": "active"}),
    "fr": ("Mises à jour du registre\n\n- GOV-2210 : la date de fin est reportée du 31/12/2025 au 30/09/2026.\n"
           "- GOV-2311 passe à clôturé.\n- GOV-2311 budget corrigé : 950 000 USD (au lieu de 900 000 USD).\n",
           {"t1": "Réforme de la fonction publique du Ghana", "t2": "Administration numérique au Kenya",
            "active": "en cours"}),
    "es": ("Cambios del registro\n\n- GOV-2210: la fecha de finalización se amplió del 31/12/2025 al 30/09/2026.\n"
           "- GOV-2311 cambiado a concluido.\n- GOV-2311 presupuesto corregido: USD 950.000 (antes USD 900.000).\n",
           {"t1": "Reforma del servicio civil de Ghana", "t2": "Gobierno digital en Kenia", "active": "en ejecución"}),
}


def _records(text):
    return {r.code: r for r in parse_text(text)}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("notes_first", [True, False])
def test_change_notes_naming_a_code_change_that_row(lang, notes_first):
    notes, words = _NOTES[lang]
    table = _TABLE.format(**words)
    recs = _records(notes + "\n" + table if notes_first else table + "\n" + notes)
    first, second = recs["GOV-2210"], recs["GOV-2311"]
    assert str(first.end) == "2026-09-30"
    assert first.status == words["active"] and [(m.amount, m.currency) for m in first.budgets] == [
        (Decimal("400000"), "EUR")]  # the other project's notes change nothing of this one
    assert str(second.end) == "2025-06-30"
    assert second.status.lower() in ("closed", "clôturé", "concluido")
    assert [(m.amount, m.currency) for m in second.budgets] == [(Decimal("950000"), "USD")]


def test_a_note_naming_two_codes_or_disagreeing_notes_change_nothing():
    notes = ("- GOV-2210 and GOV-2311: end date moved from 2025-06-30 to 2026-12-31.\n"
             "- GOV-2311 set to closed.\n- GOV-2311 set to pipeline.\n"
             "- GOV-2311 budget corrected: USD 950,000 (was USD 800,000).\n- GOV-2210 set to closed.\n")
    recs = _records(_TABLE.format(**_NOTES["en"][1]) + "\n" + notes)
    assert str(recs["GOV-2210"].end) == "2025-12-31" and str(recs["GOV-2311"].end) == "2025-06-30"
    assert recs["GOV-2210"].status == "closed"  # one state told of it
    assert recs["GOV-2311"].status == "active"  # two states told: neither placed
    assert [m.amount for m in recs["GOV-2311"].budgets] == [Decimal("900000")]  # the old amount is not the row's


def test_an_earlier_end_in_a_note_does_not_replace_the_rows():
    notes = ("- GOV-2210 end date moved from 2026-12-31 to 2025-03-31.\n"
             "- GOV-2311 end date extended from 30 June 2025 to 31 March 2026.\n")
    recs = _records(_TABLE.format(**_NOTES["en"][1]) + "\n" + notes)
    assert str(recs["GOV-2210"].end) == "2025-12-31"
    assert str(recs["GOV-2311"].end) == "2026-03-31"
