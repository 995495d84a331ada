"""Which amount a sentence gives as its project's budget, when it writes several: the total (or the donor's
contribution), never an amount spent to date, a part "of which" the total is made, a balance or a counterpart's
share ("a total budget of USD 1.2 million, of which USD 400,000 has been disbursed", "le montant de la contribution
s'élève à 850 000 EUR, dont 120 000 EUR de contrepartie", "presupuesto ejecutado al 31 de diciembre: COP 1.100
millones"). The cue words are data (data/prose_cues.json "budget_total_cues", "budget_part_cues"), in English,
French and Spanish.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..folding import fold
from ..types import Money
from . import amount_owners as _owners
from . import budget_cues as _cues
from .money import money_spans, parse_money
from .prose_facts import _cue_pattern, cues, sentences

_WINDOW = 60  # characters before an amount in which its cue stands ("le montant de la contribution s'élève à")
# Right after an amount: "USD 300,000 spent to date", "COP 1.100 millones ejecutados" (but "USD 275.000 y
# ejecutado por el Ministerio": implemented by, another clause).
_SPENT_AFTER = re.compile(
    r"^\s*(?:(?:has|have|had)\s+been\s+|was\s+|were\s+|a\s+[ée]t[ée]\s+|ont\s+[ée]t[ée]\s+|han?\s+sido\s+|"
    r"fueron\s+|fue\s+)?(?:already\s+|d[ée]j[àa]\s+|ya\s+)?(?:spent|disbursed|expended|utili[sz]ed|executed|"
    r"d[ée]pens[ée]e?s?|d[ée]caiss[ée]e?s?|ex[ée]cut[ée]e?s?|ejecutad[oa]s?|desembolsad[oa]s?|gastad[oa]s?|comprometid[oa]s?|engag[ée]e?s?)\b"
    r"(?!\s+(?:by|par|por)\b)",
    re.IGNORECASE)


@functools.cache
def _cue_rx(name: str) -> re.Pattern[str]:
    # After an elided article too: "l'enveloppe annuelle de", "d'un montant de".
    return re.compile(rf"(?:(?<![\w'’-])|(?<=\b[lLdD]['’]))(?:{_cue_pattern(cues()[name])})(?![\w-])", re.IGNORECASE)


# Right after an amount, words that make it no budget of the project's: another's share, a year's, a conversion
# ("USD 100,000, not included in this budget", "EUR 50 000 par an", "(à titre indicatif)").
_NOT_OURS_AFTER = re.compile(
    r"^[\s,(]*(?:(?:which\s+is\s+|qui\s+n['’]est\s+|que\s+no\s+est[aá]\s+)?(?:not|non|no|pas)\s+"
    r"(?:included|inclus[e]?|incluid[oa]s?|comprise?|compris|comprendid[oa]s?)|per\s+(?:year|annum)|a\s+year|"
    r"annually|par\s+an(?:n[ée]e)?|por\s+a[ñn]o|al\s+a[ñn]o|anuales?|for\s+reference|[àa]\s+titre\s+indicatif|"
    r"a\s+t[ií]tulo\s+indicativo|de\s+r[ée]f[ée]rence)\b",
    re.IGNORECASE)


def _kind(folded: str, lo: int, start: int, end: int) -> str:
    """"total", "part" or "" (no cue) for the amount at start:end of a sentence that begins at lo."""
    window_lo = max(lo, start - _WINDOW)
    totals = list(_cue_rx("budget_total_cues").finditer(folded, window_lo, start))
    told = _cues.total_before(folded, window_lo, start)  # by the grammar: "le financement total s'établit à"
    if told and not any(t.start() <= told.start() < t.end() or told.start() <= t.start() for t in totals):
        totals.append(told)
    total = totals[-1] if totals else None
    if _owners.owned_elsewhere(folded, lo, window_lo, start, end, totals[0].start() if totals else None):
        return "part"  # "Ghana's GDP reached USD 76 billion", "EUR 2 million in co-financing"
    # A part's cue after the total's, or right before it ("the counterpart contribution of USD 50,000").
    for part in _cue_rx("budget_part_cues").finditer(folded, window_lo, start):
        if total is None or part.start() >= total.end() or total.start() - 2 <= part.end() <= total.start():
            return "part"
    if _SPENT_AFTER.match(folded[end : end + 40]) or _NOT_OURS_AFTER.match(folded[end : end + 50]) or \
            _cues.a_portfolio(folded, lo, start):
        return "part"  # ... or a portfolio's: "un programa con 14 proyectos y un monto indicativo de"
    return "total" if total or _cues.total_around(folded, lo, start, end) or _cues.funders_sum(
        folded, lo, start, end) else ""


# An amount restated in brackets right after another ("EUR 300,000 (about USD 330,000)") is the same sum.
_RESTATED = re.compile(r"^\s*[(\[]\s*(?:[\w.]+\s+){0,3}$")


def _amounts(text: str) -> Iterator[tuple[int, int, int, list[Money]]]:
    """Each amount the text writes, but one restated in brackets after another: (its sentence's start, its start,
    its end, the money it reads as), walking the sentences once."""
    spans = sentences(text)
    si = 0
    prev_end = -10
    for start, end in money_spans(text):
        while si < len(spans) and spans[si][1] <= start:
            si += 1
        lo = spans[si][0] if si < len(spans) else 0
        restated = _RESTATED.match(text[prev_end:start]) if start - prev_end < 30 else None
        prev_end = end
        amounts = parse_money(text[start:end])
        if amounts and not restated and not _owners.too_small(amounts[0].amount):
            yield lo, start, end, amounts


# After another phase's cue, the record's own subject ("Building on Phase I, the project has a budget of"), but not
# a phase's own ("the first phase of the project").
_OURS = re.compile(r"(?<!of )(?<!de )(?<!du )\b(?:the|this|le|ce|el|este|la|esta)\s+(?:project|programme|program|"
                   r"projet|proyecto|programa|initiative|iniciativa)\b(?!\s+(?:anterior|pr[ée]c[ée]dent))",
                   re.IGNORECASE)


@functools.cache
def _other_phase_rx() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-])(?:{_cue_pattern(cues()['other_phase_cues'])})(?![\w-])", re.IGNORECASE)


def _another_phases(folded: str, lo: int, start: int) -> bool:
    """Does the sentence (from lo, or from the amount before it there) give the amount at start to another phase,
    project or one component ("the budget of component 2 is USD 400,000, out of a total of USD 1.2 million")?"""
    other = None
    for other in _other_phase_rx().finditer(folded, lo, start):
        pass
    return other is not None and not _OURS.search(folded, other.end(), start)


def _read(text: str, cued_only: bool) -> tuple[list[Money], list[Money]]:
    """The first amount with a total's cue ([] if none), and the distinct amounts with no cue at all; an amount its
    sentence gives, before it, to another phase or project ("the first phase had a total budget of") is neither."""
    folded = fold(text)
    plain: list[Money] = []
    first: list[Money] = []
    last = 0
    for lo, start, end, amounts in _amounts(text):
        if _another_phases(folded, max(lo, last), start):
            last = end
            continue
        last = end
        kind = _kind(folded, lo, start, end)
        if cued_only and _cue_rx("budget_part_cues").search(folded, max(lo, start - _WINDOW), start):
            continue  # "La contrepartie nationale s'élève à 90 000 EUR": a part, wherever its cue stands
        if kind == "total" and (not first or first[0].currency == amounts[0].currency) and _whole(
                folded, lo, start):
            return amounts[:1], plain  # "... soit un coût total du projet de 1 000 000 euros" after the shares
        if kind == "total" and not first:
            first = amounts[:1]  # "contribution de l'AFD : 800 000 euros": a total unless the whole is told after
        if kind == "" and amounts[0] not in plain:
            plain.append(amounts[0])
    return first, plain


# A word of the whole in a total's cue ("total cost", "budget global", "monto total", "overall", "in all"): such a
# total wins over a contribution or a grant told before it ("contribution de l'AFD : 800 000 euros ; ... soit un
# coût total de 1 000 000 euros").
_WHOLE = re.compile(r"\b(?:total(?:e|es|s)?|overall|global(?:e|es)?|whole|entire|in\s+all|en\s+tout|au\s+total|"
                    r"en\s+total|in\s+total|en\s+conjunto|en\s+su\s+conjunto)\b")


# "the total budget of the Ministry is", "le coût total de la stratégie nationale": the whole of something else.
_OF_ANOTHER = re.compile(r"\b(?:of|du|des|de\s+la|de\s+l'|del|de\s+los|de\s+las)\s+(?:the\s+|this\s+|ce\s+|este\s+|"
                         r"esta\s+)?(?!(?:project|projet|proyecto|programme|program|programa|initiative|iniciativa|"
                         r"action|intervention|intervencion|the|this|ce|este|esta)\b)[^\W\d_]{3,}")


def _whole(folded: str, lo: int, start: int) -> bool:
    """Does a word of the whole call the amount at start the total, of the project and not of another body?"""
    found = None
    for found in _WHOLE.finditer(folded, max(lo, start - _WINDOW), start):
        pass
    return found is not None and not _OF_ANOTHER.search(folded, found.end(), start)


def project_budget(text: str, cued_only: bool = False) -> list[Money]:
    """The one amount a text gives as its project's budget ([] when every amount it writes is a part of one): the
    first with a total's cue, else (unless cued_only) the only one with no cue. Two different amounts with no cue
    ("USD 120,000 comes from Ireland and USD 95,000 from Sweden") compete: neither is taken (competing_amounts)."""
    total, plain = _read(text, cued_only)
    if total:
        return total
    return plain if len(plain) == 1 and not cued_only else []


def competing_amounts(text: str) -> list[Money]:
    """The different amounts a text writes with no cue when none is called the total: the budget is unsure."""
    total, plain = _read(text, False)
    return [] if total or len(plain) < 2 else plain


def competing_totals(text: str) -> list[Money]:
    """The different amounts a text calls its total ("a total budget of USD 900,000 ... the total budget of the
    project is USD 1.1 million according to the revised document"): which is the budget is unsure when two are."""
    folded = fold(text)
    totals: list[Money] = []
    last = 0
    for lo, start, end, amounts in _amounts(text):
        lo, last = max(lo, last), end  # (for _another_phases: from the amount before it in its sentence)
        if _kind(folded, lo, start, end) == "total" and not _another_phases(folded, lo, start) and not any(
                m.amount == amounts[0].amount and m.currency == amounts[0].currency for m in totals):
            totals.append(amounts[0])
    # One sum written in two currencies ("le coût total est de 650 000 000 FCFA ... le coût total en euros est de
    # 990 000 euros") is one budget: only totals in one currency compete.
    currencies = [m.currency for m in totals]
    return [m for m in totals if currencies.count(m.currency) > 1]


def competing_budgets(budgets: list[Money]) -> list[Money]:
    """A record's totals that differ with nothing to tell them apart (no period, no label, same currency): labels
    "Budget: EUR 800,000" and "Funding: European Union (EUR 600,000)" give two totals for one project."""
    plain = [m for m in budgets if m.kind == "total" and not m.label and not m.period_start and not m.period_end]
    by_currency: dict[str, set] = {}
    for m in plain:
        by_currency.setdefault(m.currency, set()).add(m.amount)
    return [m for m in plain if len(by_currency[m.currency]) > 1]
