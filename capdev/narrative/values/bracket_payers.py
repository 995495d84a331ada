"""A country that pays, written in brackets right after an amount (round 19): "USD 2 M (Norway)", "Presupuesto total
Q 12 millones (Gobierno de Canadá)", "4,2 MCHF (la Suisse)".

An amount's brackets name who owns it; a country named there alone (or as its government, its kingdom) is the one
that pays, never one the project serves: a donor read as a country served puts wrong data on the public map. The
country is left out of the countries served (values.served, values.who_is_served.funder_countries) and offered as
the donor (values.suggest_donors.suggest_owner: flagged, never placed). Only the shape counts (an amount, then
brackets that hold nothing but a country's name), in every language the country names are known in
(data/country_aliases.json through values.places.resolve_country).
"""
from __future__ import annotations

import re

from .money import money_spans
from .places import resolve_country

# Brackets right after the amount: "(Norway)", "( Gobierno de Canadá )"; never across a line.
_BRACKETS = re.compile(r"[ \t]*\(\s*([^()\n]{3,60}?)\s*\)")


def bracket_payers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO3) of each country whose name alone fills the brackets right after an amount."""
    if not isinstance(text, str) or "(" not in text:
        return []
    found = []
    for _start, end in money_spans(text):
        m = _BRACKETS.match(text, end)
        iso3 = resolve_country(m.group(1)) if m else None
        if iso3:
            found.append((m.start(1), m.end(1), iso3))
    return found


def paying_country(name: str) -> str | None:
    """The country a body's name is, when it is a country or its government ("Gobierno de Canadá"), else None."""
    return resolve_country(name) if isinstance(name, str) and name.strip() else None


def paid_at(spans: list[tuple[int, int, str]], at: int) -> bool:
    """Is the position at inside one of the payers' brackets?"""
    return any(s <= at < e for s, e, _ in spans)
