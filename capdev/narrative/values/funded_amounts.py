"""The one amount a record's text gives to its funding, read clause by clause (round 18): a suggestion for a
reviewer, when neither a budget word (values.prose_amounts) nor a record's single amount (values.suggest_money)
gave the budget.

A text that writes several amounts gives each to an owner by the words of its own clause (the sentence, cell or
list item that holds it, never the next one: "... a Development Account allocation of USD 620,000, to serve Fiji
... Expenditure to date: USD 402,310"):
- another owner's (data/suggest_cues.json "amount_other_owners": a co-financing, a counterpart, a tranche, an
  amount spent or disbursed, a salary, a country's GDP, an earlier phase, a loan, one fiscal year's allocation:
  "the project's FY2026/27 allocation is cut from ...", round 19) takes the amount away;
- amounts in brackets right after an amount that add up to it are its parts ("USD 240.000 (aporte AGCID: USD
  160.000; contraparte: USD 80.000)"): the whole stands, the parts are no candidates;
- a word of funding or cost ("amount_funding_words": funded, financé, crédit, allocation, grant, aporte, monto,
  coût ...) in the clause, before the amount or right after it, makes it a candidate.
Exactly one candidate amount (one value in one currency, however often written) is suggested; two, or none, give
nothing. Always flagged (values.suggestions): the clause is evidence, not a rule.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..folding import fold
from ..types import Money
from .money import money_spans, parse_money
from .suggest_periods import cue_rx

# Where a clause ends: a stop before a space or line end, a semicolon, a blank line, a table's cell rule, a bullet.
_CLAUSE_END = re.compile(r"[.!?](?=\s|$)|;|\n[ \t]*\n|\||[•·]|\n[ \t]*(?:[-*>]|\d{1,2}[.)]|[a-z][.)])[ \t]")
_ABBREVIATION = re.compile(
    r"(?:^|(?<=[\s.(]))(?:[A-Za-z]|Dr|Mr|Mrs|Ms|Mme|Mlle|St|Sr|Sra|No|Nos|nº|n°|art|Art|vol|p|pp)$")
_AFTER = 30  # characters after an amount, in its clause, where a funding word still names it ("USD 1m grant")
_BRACKET = re.compile(r"[ \t]*[(\[]([^()\[\]]{1,200})[)\]]")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 300)
    begin = lo
    for m in _CLAUSE_END.finditer(text, lo, start):
        if not _abbreviation(text, m):
            begin = m.end()
    after = _CLAUSE_END.search(text, end)
    while after is not None and _abbreviation(text, after):
        after = _CLAUSE_END.search(text, after.end())
    return begin, (after.start() if after is not None else len(text))


def _abbreviation(text: str, m: re.Match[str]) -> bool:
    """A full stop after an initial or an abbreviation ("S.E. M.", "Dr.", "No."), or a label's dotted leader
    ("Monto ........ USD 240.000"), no clause's end."""
    return m.group(0) == "." and (text[m.start() - 1 : m.start()] == "." or _ABBREVIATION.search(
        text, max(0, m.start() - 5), m.start()) is not None)


def _one(text: str) -> Money | None:
    found = parse_money(text)
    return found[0] if len(found) == 1 and found[0].kind == "total" else None


def _parts(text: str, amounts: list[tuple[int, int, Money]]) -> set[int]:
    """The indices of the amounts written in brackets right after an amount they add up to."""
    parts: set[int] = set()
    for i, (_, end, whole) in enumerate(amounts):
        bracket = _BRACKET.match(text, end)
        if bracket is None:
            continue
        inside = [j for j, (s, e, _) in enumerate(amounts) if bracket.start(1) <= s and e <= bracket.end(1)]
        if len(inside) >= 2 and all(amounts[j][2].currency == whole.currency for j in inside) and \
                sum((amounts[j][2].amount for j in inside), Decimal(0)) == whole.amount:
            parts.update(inside)
    return parts


def funded_amount(text: str) -> tuple[list[Money], str] | None:
    """(the amount, the reason a reviewer reads), or None when no single amount is given to the funding."""
    if not isinstance(text, str) or not text.strip():
        return None
    folded = fold(text)
    if len(folded) != len(text):
        return None  # positions would not match (a letter folded to two)
    amounts = [(s, e, m) for s, e in money_spans(text) if (m := _one(text[s:e])) is not None]
    parts = _parts(text, amounts)
    others, funding = cue_rx("amount_other_owners"), cue_rx("amount_funding_words")
    chosen: dict[tuple[Decimal, str], str] = {}
    for i, (start, end, money) in enumerate(amounts):
        if i in parts:
            continue
        begin, stop = _clause(text, start, end)
        if others.search(folded, begin, stop):
            continue
        word = funding.search(folded, begin, start) or funding.search(folded, end, min(stop, end + _AFTER))
        if word is not None:
            chosen.setdefault((money.amount, money.currency), word.group(0))
    if len(chosen) != 1:
        return None
    (amount, currency), word = next(iter(chosen.items()))
    money = Money(amount=amount, currency=currency, kind="total", label="")
    return [money], f"suggested: {currency} {amount:,}, the one amount whose clause gives it to funding ('{word}')"
