"""A project's code and budget where no label gives them (round 6b): concept notes and e-mails that name the project
in a sentence or a subject line ("(project NAM-22-OFD-04)", "(réf. NER/21/006)", "(DA 2223K)", "proyecto
HND-2022-0045"), a total budget after its cue ("with a total budget of", "pour un montant de", "por un monto de"),
and labels written short ("Amt –", "Mnt –", "N° proj."), in English, French and Spanish
(tests/files/round6b/codes/). Each case also says what must NOT be read: a document symbol, a letter's own
reference, a phone number, an amount spent, a counterpart's share."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from capdev.narrative import parse_file
from capdev.narrative.values.money import parse_money
from capdev.narrative.values.told_ids import read_told_ids, told_code

FILES = Path(__file__).parent / "files" / "round6b" / "codes"

# file, [(code, amount, currency) per record], codes and amounts that must NOT be read
CASES = [
    ("concept_en.txt", [("NAM-22-OFD-04", "615000", "USD")], ["A/RES/70/1", "E/C.16/2023/2"], ["150000"]),
    ("concept_fr.txt", [("NER/21/006", "820000", "EUR")], [], ["90000"]),
    ("concept_es.txt", [("HND-2022-0045", "1100000", "EUR")], [], ["300000"]),
    ("email_en.txt", [("2223K", "540000", "USD")], ["TZ/OUT/2023/118", "DA 2223K"], []),
    ("email_fr.txt", [("2324F", "1200000", "USD")], ["ML/SORT/2023/044"], []),
    ("email_es.txt", [("2425B", "380000", "USD")], ["BO/SAL/2023/071"], []),
    ("abbrev_en.txt", [("ALB-MPR-03", "640000", "USD"), ("KOS-LRS-01", "900000", "EUR"),
                       ("MKD-CRD-02", "275000", "USD")], [], []),
    ("abbrev_fr.txt", [("ALB-RMP-13", "640000", "USD"), ("KOS-LRS-01", "900000", "EUR"),
                       ("MKD-CRD-02", "275000", "USD")], [], []),
    ("ficha_es.txt", [("PER-2021-0045", "1850000", "PEN")], ["S/2021/117"], ["2021117"]),
]


@pytest.mark.parametrize(("name", "expected", "not_codes", "not_amounts"), CASES, ids=[c[0] for c in CASES])
def test_code_and_budget(name, expected, not_codes, not_amounts):
    records = parse_file(FILES / name)
    assert len(records) == len(expected)
    for rec, (code, amount, currency) in zip(records, expected):
        assert rec.code == code
        assert [(b.amount, b.currency) for b in rec.budgets] == [(Decimal(amount), currency)]
        assert rec.code not in not_codes
        assert not {str(b.amount) for b in rec.budgets} & set(not_amounts)


@pytest.mark.parametrize("name", ["concept_en.txt", "concept_fr.txt", "concept_es.txt", "email_en.txt",
                                  "email_fr.txt", "email_es.txt"])
def test_read_from_text_is_flagged(name):
    """A code or budget read from sentences, not a label, is flagged for review."""
    rec = parse_file(FILES / name)[0]
    reasons = {(f.field, f.reason) for f in rec.flags}
    assert ("code", "read from prose") in reasons


@pytest.mark.parametrize("text", [
    "See resolution (A/RES/70/1) and the report (E/C.16/2023/2).",
    "Our ref. ROA-2231-X. Please call +1 212 963 1234 before 12/05/2023.",
    "Notre réf. 22/BEN/004 du 3 mai 2023.",
    "Nuestra ref. PER-2021-0045, expediente del 2021-2023.",
])
def test_no_code_from_symbols_references_dates(text):
    assert told_code(text) is None


@pytest.mark.parametrize(("text", "amount"), [
    ("The grant of USD 500,000 was approved; USD 120,000 has been spent.", "500000"),
    ("USD 120,000 has been disbursed so far.", None),
    ("Le projet, doté d'une enveloppe de 2 M€, a dépensé 400 000 EUR.", "2000000"),
    ("La contrepartie nationale s'élève à 90 000 EUR.", None),
    ("Financé par la Suède à hauteur de 450 000 $ US.", "450000"),
    ("El taller costó USD 35.000.", None),
    ("por un importe de EUR 75.000, de los cuales EUR 20.000 ya ejecutados", "75000"),
])
def test_only_a_total_after_its_cue(text, amount):
    """An amount is a record's budget only after a total's cue: never one spent, a counterpart's, or with no cue."""
    budgets = read_told_ids("\f" + text).budgets
    assert [b.amount for b in budgets] == ([Decimal(amount)] if amount else [])


@pytest.mark.parametrize(("text", "expected"), [
    ("Monto aprobado: S/ 450 000", [("450000", "PEN")]),
    ("Costo total: S/. 1 200 000", [("1200000", "PEN")]),
    ("Presupuesto: Bs 2.400.000", [("2400000", "BOB")]),
    ("un costo de 350.000 Bs. en total", [("350000", "BOB")]),
    ("see S/2023/45 and S/RES/2532 (2020)", []),
    ("Bs2000 and S/123", []),
])
def test_soles_and_bolivianos(text, expected):
    assert [(str(m.amount), m.currency) for m in parse_money(text)] == expected


@pytest.mark.parametrize(("label", "field"), [
    ("Atlas ID: 00123456", "code"), ("Code SIGFIP : 2021-04-0017", "code"), ("Código SNIP: 2019-0231-07", "code"),
    ("Numéro de la convention : 22/BEN/004", "code"), ("N.º de proyecto: PER-2021-0045", "code"),
    ("N° proj. – ALB-RMP-13", "code"), ("Nº proy.: HN-20-CP-01", "code"),
    ("Financement accordé : 1 200 000 EUR", "budget"), ("Financiamiento otorgado: USD 450.000", "budget"),
    ("Amt – USD 640,000", "budget"), ("Mnt – 640 000 USD", "budget"),
])
def test_label_spellings(label, field):
    from capdev.narrative.labels import default_table, match_label

    m = match_label(label, default_table())
    assert m is not None and m.field == field


def test_bolivian_record_code_and_total():
    rec = parse_file(FILES / "ficha_bo.txt")[0]
    assert rec.code == "2019-0231-07"
    assert (rec.budgets[0].amount, rec.budgets[0].currency) == (Decimal("2400000"), "BOB")
