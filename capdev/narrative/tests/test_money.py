"""Money: amounts, currencies, separators, scales, kinds and labels in budget values."""
from __future__ import annotations

from decimal import Decimal

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capdev.narrative.types import Money
from capdev.narrative.values.money import currency_code, parse_money


def one(text: str, **kw) -> tuple[Decimal, str, str]:
    found = parse_money(text, **kw)
    assert len(found) == 1, found
    return found[0].amount, found[0].currency, found[0].kind


@pytest.mark.parametrize(
    "text, amount, currency",
    [
        ("US$1,308,543", "1308543", "USD"),
        ("US$ 62,100", "62100", "USD"),
        ("US $ 62,100", "62100", "USD"),
        ("U.S.$ 62,100", "62100", "USD"),
        ("$500,000", "500000", "USD"),
        ("$700,000.00", "700000", "USD"),
        ("$ 700,000.50", "700000.50", "USD"),
        ("USD 115, 019, 355", "115019355", "USD"),
        ("USD 115,019,355", "115019355", "USD"),
        ("$1.5 million", "1500000", "USD"),
        ("$1.5million", "1500000", "USD"),
        ("USD 2.3m", "2300000", "USD"),
        ("USD 2.3 M", "2300000", "USD"),
        ("USD 2.3 mn", "2300000", "USD"),
        ("USD 1 billion", "1000000000", "USD"),
        ("USD 50k", "50000", "USD"),
        ("USD 50 thousand", "50000", "USD"),
        ("125 000 €", "125000", "EUR"),
        ("125\u00a0000 €", "125000", "EUR"),
        ("125\u202f000 EUR", "125000", "EUR"),
        ("CHF 1'850'000", "1850000", "CHF"),
        ("CHF 1’850’000", "1850000", "CHF"),
        ("EUR 240,000", "240000", "EUR"),
        ("€ 1.2 million", "1200000", "EUR"),
        ("€1,2 million", "1200000", "EUR"),
        ("EUR 1,5 million", "1500000", "EUR"),
        ("1.234.567 EUR", "1234567", "EUR"),
        ("1.234.567,89 €", "1234567.89", "EUR"),
        ("£50,000", "50000", "GBP"),
        ("GBP 50,000", "50000", "GBP"),
        ("JPY 10,000,000", "10000000", "JPY"),
        ("¥10,000,000", "10000000", "JPY"),
        ("1,000,000 USD", "1000000", "USD"),
        ("500,000 US dollars", "500000", "USD"),
        ("500,000 dollars", "500000", "USD"),
        ("240 000 euros", "240000", "EUR"),
        ("SEK 2,000,000", "2000000", "SEK"),
        ("KRW 500,000,000", "500000000", "KRW"),
        ("CA$ 75,000", "75000", "CAD"),
        ("A$ 75,000", "75000", "AUD"),
        ("₹ 5,00,000", "500000", "INR"),
        ("Approximately US$1,308,543.", "1308543", "USD"),
        ("Proposed Budget: US$ 160,000", "160000", "USD"),
    ],
)
def test_amounts(text: str, amount: str, currency: str) -> None:
    got_amount, got_currency, kind = one(text)
    assert got_amount == Decimal(amount)
    assert got_currency == currency
    assert kind == "total"
    assert isinstance(got_amount, Decimal)


def test_whole_amounts_have_no_exponent_or_trailing_zeros() -> None:
    assert str(one("$1.5 million")[0]) == "1500000"
    assert str(one("$700,000.00")[0]) == "700000"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("US$ 200,000 per year", "yearly"),
        ("US$ 200,000 per annum", "yearly"),
        ("US$ 200,000 a year", "yearly"),
        ("US$ 200,000/year", "yearly"),
        ("US$ 200,000 p.a.", "yearly"),
        ("US$ 200,000 annually", "yearly"),
        ("US$ 20,000 per month", "other"),
        ("US$ 200,000", "total"),
    ],
)
def test_kind_from_text(text: str, kind: str) -> None:
    assert one(text)[2] == kind


def test_kind_argument_applies() -> None:
    assert one("US$ 200,000", kind="yearly")[2] == "yearly"
    assert one("US$ 200,000", kind="other")[2] == "other"
    assert one("US$ 200,000", kind="nonsense")[2] == "other"


def test_several_amounts_labelled_by_year() -> None:
    got = parse_money("US$ 300,000 (2019) and US$ 250,000 (2020)")
    assert got == [Money(Decimal(300000), "USD", "total", "2019"), Money(Decimal(250000), "USD", "total", "2020")]


def test_several_amounts_labelled_by_donor() -> None:
    got = parse_money("EU: EUR 240,000; UNDP: USD 50,000")
    assert [(m.amount, m.currency, m.label) for m in got] == [
        (Decimal(240000), "EUR", "EU"),
        (Decimal(50000), "USD", "UNDP"),
    ]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("2019: US$ 300,000\n2020: US$ 250,000", ["2019", "2020"]),
        ("USD 50,000 from UNDP, USD 20,000 from the EU", ["UNDP", "EU"]),
        ("USD 50,000 (UNDP); EUR 20,000 (European Union)", ["UNDP", "European Union"]),
        ("Total: USD 1,000,000 (approx.)", [""]),
        ("USD 100,000 for 2021", ["2021"]),
    ],
)
def test_labels(text: str, labels: list[str]) -> None:
    assert [m.label for m in parse_money(text)] == labels


def test_mixed_currencies_in_one_value() -> None:
    got = parse_money("USD 1,000,000 and CHF 1'850'000 and 125 000 €")
    assert [(m.amount, m.currency) for m in got] == [
        (Decimal(1000000), "USD"),
        (Decimal(1850000), "CHF"),
        (Decimal(125000), "EUR"),
    ]


def test_year_before_a_prefixed_amount_is_not_an_amount() -> None:
    got = parse_money("2019 USD 300,000")
    assert [(m.amount, m.currency) for m in got] == [(Decimal(300000), "USD")]


@pytest.mark.parametrize("text",
                         ["", "   ", "XBTC", "DA Tranche 16 Account", "to be confirmed", "500,000", "N/A", "ABC 500"])
def test_nothing_without_a_currency(text: str) -> None:
    assert parse_money(text) == []


def test_default_currency_for_bare_numbers() -> None:
    assert parse_money("500,000", default_currency="USD") == [Money(Decimal(500000), "USD")]
    # list numbers and years are not amounts
    assert parse_money("1. 2019", default_currency="USD") == []


def test_currencies_are_valid_iso_4217() -> None:
    texts = ["US$1", "€ 2", "£3", "¥4", "CHF 5", "R$ 6", "HK$ 7", "8 euros", "9 Swiss francs", "10 FCFA"]
    for text in texts:
        for m in parse_money(text):
            assert pycountry.currencies.get(alpha_3=m.currency) is not None, text


@pytest.mark.parametrize(
    "mark, code",
    [("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("euros", "EUR"), ("chf", "CHF"), ("Swiss francs", "CHF"),
     ("GBP", "GBP"), ("xyz", None), ("", None), ("ABC", None)],
)
def test_currency_code(mark: str, code: str | None) -> None:
    assert currency_code(mark) == code


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.'$€£USDEUR millionk()-:;/")), max_size=50))
def test_never_raises(text: str) -> None:
    for m in parse_money(text):
        assert m.amount >= 0
        assert len(m.currency) == 3
