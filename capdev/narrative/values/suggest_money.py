"""The budget a record's own text makes likeliest, when no rule placed one: a suggestion for a reviewer to confirm
(values.suggestions flags it), never a sure value.

The parser's readers of amounts decide (values.prose_amounts: the amount a total's or a budget's word calls the
project's, never one spent, a part, a counterpart's share; values.money for the amounts written). Suggested: the one
amount beside a budget word, or the only amount the record writes at all when no word near it gives it to another
owner (co-financing, a tranche, a salary, a country's GDP, an earlier phase: data/suggest_cues.json
"amount_other_owners"). Two totals that differ, or two amounts with no cue, give nothing; then, last, the one
amount whose own clause gives it to funding (values.funded_amounts, round 18).
"""
from __future__ import annotations

from ..folding import fold
from ..types import Money
from . import prose_amounts as _amounts
from .funded_amounts import funded_amount
from .money import money_spans
from .suggest_periods import cue_rx

_WINDOW = 70  # characters either side of an amount where a word gives it to another owner


def _owned_elsewhere(text: str, start: int, end: int) -> bool:
    folded = fold(text)
    return cue_rx("amount_other_owners").search(folded, max(0, start - _WINDOW), min(len(text), end + _WINDOW)) \
        is not None


def suggest_budget(text: str) -> tuple[list[Money], str] | None:
    """(the amount, the reason a reviewer reads), or None when the text gives no single budget."""
    if not isinstance(text, str) or not text.strip() or _amounts.competing_totals(text):
        return None
    cued = _amounts.project_budget(text, cued_only=True)
    if len({(m.amount, m.currency) for m in cued}) == 1:
        return cued[:1], f"suggested: {cued[0].currency} {cued[0].amount:,}, the amount beside a budget word"
    spans = money_spans(text)
    only = _amounts.project_budget(text) if len(spans) == 1 and not _owned_elsewhere(text, *spans[0]) else []
    if len(only) != 1:
        return funded_amount(text)  # the one amount its clause gives to funding (round 18)
    return only, f"suggested: {only[0].currency} {only[0].amount:,}, the only amount in the record"
