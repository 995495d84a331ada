"""Shares of one project stated under its head are no records: the lines of a budget, the activities of a logical
framework, the decisions of a committee, the contracts of a consultant, each with its amount and its dates under a
code of one shape ("PT-01", "ACT-02", "ACU-03", "CN-2022-031") or a number ("Produit 1.2"), are the parts of the
project whose head, above them, states a total and a period.

The evidence is arithmetic, whatever the words: the head states an amount and a period of its own; every stretch
below states its amounts in the head's currency, and its dates (if any) fall within the head's period; and the
stretches' amounts, one per stretch (its largest), add up to no more than the head's amount. A list of projects
does not read so: its projects' periods are their own (not nested in one head's), and a document's head over
several projects rarely states one amount they all share; when it does, fewer records (the parts read as one
project's narrative) are a gap, never a wrong value. A stretch with a code or a title labelled as a record's
("Code:", "Title:") is a record's own: no share.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .named_projects import _WORD as PROJECT_WORD
from .values import dates as _dates
from .values.money import parse_money


def _amounts(text: str) -> list:
    return [m for m in parse_money(text) if m.amount]


def _key(when, last: bool) -> tuple:
    if when is None:
        return ()
    return (when.year, when.month or (12 if last else 1))


def head_total(head: str) -> tuple[Decimal, str, tuple, tuple] | None:
    """(amount, currency, first month, last month) of the total and the period a head states; None without both."""
    amounts = _amounts(head)
    spans = [m.range for m in _dates.find_dates(head)
             if m.range.start is not None and m.range.end is not None and m.range.start != m.range.end]
    if not amounts or not spans:
        return None
    top = max(amounts, key=lambda m: m.amount)
    first = min(_key(r.start, False) for r in spans)
    last = max(_key(r.end, True) for r in spans)
    return top.amount, top.currency, first, last


def share(total: tuple[Decimal, str, tuple, tuple], stretch: str) -> Decimal | None:
    """The amount a stretch takes of a head's total (0 when it states none), when it reads as a share of it: its
    amounts in the head's currency and below its total, its dates within the head's period; None otherwise."""
    amount, currency, first, last = total
    found = _amounts(stretch)
    if any(m.currency != currency or m.amount >= amount for m in found):
        return None
    for m in _dates.find_dates(stretch):
        for when, end in ((m.range.start, False), (m.range.end, True)):
            if when is not None and not first <= _key(when, end)[: len(first)] <= last:
                return None
    return max((m.amount for m in found), default=Decimal(0))


def are_shares(head: str, stretches: list[str]) -> bool:
    """Do the stretches read as shares of the one project their head states (see the module's doc)?"""
    total = head_total(head)
    if total is None or not stretches:
        return False
    spent = Decimal(0)
    for text in stretches:
        part = share(total, text)
        if part is None:
            return False
        spent += part
    return Decimal(0) < spent <= total[0]


def shares_below(text: str, cuts: list[int]) -> bool:
    """Are the stretches of a text that begin at the offsets cuts the shares of the project stated above them: the
    text before the first cut, or the first stretch with it (a head that names its project by a code of the same
    shape as its parts')?"""
    bounds = [*cuts, len(text)]
    pieces = [text[a:b] for a, b in zip(bounds, bounds[1:])]
    return are_shares(text[: bounds[0]], pieces) or (len(pieces) > 2 and are_shares(text[: bounds[1]], pieces[1:]))


# A part's heading opens on its number: "ACT-01 Former ...", "Produit 1.2 – ...", "Partida PT-03", "D-02", "2.1".
_NUMBERED = re.compile(r"^\s*(?:(?P<word>[^\W\d_]+)\s+)?(?:[A-Z]{1,6}[-.]?)?\d{1,3}(?:[./-]\d{1,3})*[.):]?(?:\s|$)")


def numbered_part(line: str) -> bool:
    """Does a heading open on a number or a code of a document's numbering (an activity's, a line's, a decision's),
    never on a project's own ("Project 2", "Proyecto 3")?"""
    m = _NUMBERED.match(line)
    return m is not None and not (m.group("word") and re.fullmatch(PROJECT_WORD, m.group("word")))


def _period(text: str) -> bool:
    """Does a text state a period of its own (two dates or years: a project's, where a share states at most a day)?"""
    return any(m.range.start is not None and m.range.end is not None and m.range.start != m.range.end
               for m in _dates.find_dates(text))


class Shares:
    """The shares of the record held so far (segment_merge.join_pieces): a piece the segmenter cut under a record
    that states a total and a period is a share of it when its heading opens on a document's numbering or it states
    no period of its own (a contract awarded, a line of costs), it has no code or title labelled as a record's, and
    its amount, with those of the shares before it, fits in the total."""

    def __init__(self) -> None:
        self.owner = None
        self.total: tuple | None = None
        self.spent = Decimal(0)

    def follow(self, raw) -> None:
        """The record held is now raw (a share joined to it): its total and what its shares took so far stay."""
        self.owner = raw

    def takes(self, held, seg) -> bool:
        (rh, th), (rs, ts) = held, seg
        if rh is not self.owner:
            self.owner, self.total, self.spent = rh, head_total(th[rh.start : rh.end]), Decimal(0)
        if self.total is None or rs.news or any(b.field in ("code", "title") and b.kind == "label" for b in rs.blocks):
            return False
        body = ts[rs.start : rs.end]
        first = next((ln for ln in body.splitlines() if ln.strip()), "")
        part = share(self.total, body) if numbered_part(first) or not _period(body) else None
        if not part or self.spent + part > self.total[0]:
            return False
        self.spent += part
        return True
