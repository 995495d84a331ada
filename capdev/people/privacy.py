"""Small counts kept from singling anyone out: the one helper every page, export and API answer of people
counts goes through.

A count of 1 to 4 people (CAPDEV_PEOPLE_SMALL_COUNT - 1) is shown as "fewer than 5", never as its number,
and every other figure of the same cell (attendances, person-days) with it. In a breakdown whose total is
shown, a single hidden cell could be worked out by subtraction, so the next smallest cell is withheld too
(secondary suppression), shown as "not shown": it is not small, and saying "fewer than 5" would be false. Cells
are withheld until the hidden ones hold the threshold together and none of them can be worked out
(`disclosed`). Zero is shown: it names no one. Shares (a percentage of respondents) are hidden when
fewer than 5 people answered. Users who may see the names behind a figure (capdev.people.permissions) get
the exact numbers (`exact=True`).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def threshold() -> int:
    """The smallest number of people a public cell may show."""
    return int(getattr(settings, "CAPDEV_PEOPLE_SMALL_COUNT", 5))


@dataclass(frozen=True)
class Shown:
    """A figure as a channel may show it: its value, or None when suppressed."""

    value: int | float | Decimal | None
    suppressed: bool = False
    percent: bool = False
    withheld: bool = False  # hidden although not small: it would tell a small figure (a total minus the rest)

    def __str__(self) -> str:
        if self.withheld:
            return _("not shown")
        if self.suppressed:
            return _("fewer than %(n)d") % {"n": threshold()}
        if self.value is None:
            return "–"
        if self.percent:
            return f"{number_format(round(float(self.value)), use_l10n=True)} %"
        value = self.value
        if isinstance(value, Decimal) and value == value.to_integral():
            value = int(value)
        return number_format(value, decimal_pos=None if isinstance(value, int) else 1, use_l10n=True,
                             force_grouping=True)

    @property
    def csv(self) -> str:
        """The figure in a CSV or XLSX cell: "<5" when suppressed, "x" when withheld, else the number."""
        if self.withheld:
            return "x"
        if self.suppressed:
            return f"<{threshold()}"
        if self.value is None:
            return ""
        value = self.value
        if isinstance(value, Decimal) and value == value.to_integral():
            value = int(value)
        return str(round(value, 1) if isinstance(value, float) else value)

    @property
    def xlsx(self) -> int | float | str | None:
        """The figure in a spreadsheet cell: a number (SUM and pivot tables count it), "<5" or "x" as text."""
        if self.suppressed:
            return self.csv
        if self.value is None:
            return None
        if isinstance(self.value, Decimal):
            return int(self.value) if self.value == self.value.to_integral() else float(self.value)
        return round(self.value, 1) if isinstance(self.value, float) and not self.percent else self.value

    @property
    def json(self) -> Any:
        """The figure in JSON: a number, or null when suppressed (the answer says which are)."""
        if self.suppressed or self.value is None:
            return None
        if isinstance(self.value, Decimal):
            return int(self.value) if self.value == self.value.to_integral() else float(self.value)
        return self.value


HIDDEN = Shown(None, suppressed=True)
WITHHELD = Shown(None, suppressed=True, withheld=True)  # a figure that would tell a hidden one


def shown(people: int | None, exact: bool, *, value=None) -> Shown:
    """A figure about `people` people (the value is `value`, default the people count itself)."""
    value = people if value is None else value
    if people is None:
        return Shown(None)
    if not exact and 0 < people < threshold():
        return HIDDEN
    return Shown(value)


def share(part: int, whole: int, exact: bool) -> Shown:
    """part of whole as a percentage; hidden when fewer than the threshold answered."""
    if not whole:
        return Shown(None, percent=True)
    if not exact and whole < threshold():
        return Shown(None, suppressed=True, percent=True)
    return Shown(100.0 * part / whole, percent=True)


@dataclass
class Cell:
    """One row of a breakdown (a sex, a country...), its raw counts."""

    key: str
    label: str
    people: int
    attendances: int = 0
    person_days: Decimal | None = Decimal(0)


@dataclass
class ShownCell:
    """A breakdown row as a channel shows it."""

    key: str
    label: str
    people: Shown
    attendances: Shown
    person_days: Shown
    extra: dict = field(default_factory=dict)

    @property
    def suppressed(self) -> bool:
        """Whether this row's figures are hidden."""
        return self.people.suppressed

    def as_json(self) -> dict:
        """The row in the API's shape."""
        return {"key": self.key, "label": str(self.label), "people": self.people.json,
                "attendances": self.attendances.json, "person_days": self.person_days.json,
                "suppressed": self.suppressed, "withheld": self.people.withheld}


def cell(c: Cell, exact: bool) -> ShownCell:
    """One cell on its own (its people count decides)."""
    hide = not exact and 0 < c.people < threshold()
    if hide:
        return ShownCell(c.key, c.label, HIDDEN, HIDDEN, HIDDEN)
    return ShownCell(c.key, c.label, Shown(c.people), Shown(c.attendances), Shown(c.person_days))


def disclosed(small: Sequence[int], withheld: Sequence[int] = ()) -> bool:
    """Whether the hidden cells of a breakdown whose total is shown could be worked out by subtraction.

    A reader knows what the hidden cells hold together (the total minus the cells shown), that each cell shown
    as "fewer than 5" holds 1 to 4 people and that each withheld cell holds 5 or more (the rule is public). The
    hidden cells are safe when together they hold at least the threshold (else their sum is itself a small count:
    total 17, shown 10 and 5, two cells of 1) and when none of them has a single possible value (two cells of 4
    and a total that leaves 8; 1 and a withheld 5 that leave 6)."""
    t = threshold()
    together = sum(small) + sum(withheld)
    if not small:
        return False
    if together < t:
        return True
    bounds = [(1, t - 1)] * len(small) + [(t, None)] * len(withheld)
    low_all = sum(lo for lo, _hi in bounds)
    unbounded = len(withheld)
    high_all = sum(hi for _lo, hi in bounds if hi is not None)
    for lo, hi in bounds:
        others_low = low_all - lo
        # Another cell with no upper bound can take any excess: this one may then be as small as its own bound.
        others_unbounded = unbounded - (hi is None)
        least = lo if others_unbounded else max(lo, together - (high_all - (hi or 0)))
        most = together - others_low if hi is None else min(hi, together - others_low)
        if least >= most:
            return True
    return False


def breakdown(cells: Sequence[Cell], exact: bool, total_shown: bool = True) -> list[ShownCell]:
    """A breakdown's rows with small cells hidden and, when its total is shown, as many more cells withheld
    (the smallest first) as it takes for no hidden cell to be worked out from the total (secondary, or
    complementary, suppression: `disclosed`). When even every cell hidden would not do, every figure is withheld."""
    out = [cell(c, exact) for c in cells]
    if exact or not total_shown:
        return out
    small = [c.people for c, o in zip(cells, out) if o.suppressed]
    withheld: list[int] = []
    while disclosed(small, withheld):
        candidates = [i for i, c in enumerate(cells) if not out[i].suppressed and c.people > 0]
        if not candidates:
            return [replace(o, people=WITHHELD, attendances=WITHHELD, person_days=WITHHELD) if c.people else o
                    for c, o in zip(cells, out)]
        smallest = min(candidates, key=lambda i: (cells[i].people, i))
        out[smallest] = replace(out[smallest], people=WITHHELD, attendances=WITHHELD, person_days=WITHHELD)
        withheld.append(cells[smallest].people)
    return out


def total_over(total: int, parts: Iterable[int], exact: bool) -> Shown:
    """A total whose parts are shown elsewhere each on its own (an activity's list on its page, a sum of lists
    on the dashboard): withheld when the parts hidden there could be worked out from it (`disclosed`)."""
    if exact:
        return Shown(total)
    small = [n for n in parts if 0 < n < threshold()]
    return WITHHELD if disclosed(small) else Shown(total)


def hide_all(cells: Iterable[Cell]) -> list[ShownCell]:
    """Every row hidden (the total itself is too small to show any part of it)."""
    return [ShownCell(c.key, c.label, HIDDEN, HIDDEN, HIDDEN) for c in cells]
