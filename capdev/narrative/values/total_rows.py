"""A project's total written as a table's last row: a financing plan's or a budget's rows of sources or lines, each
with its amount, and a row of their total ("TOTAL   2,500,000", "| **Total général** | 1 200 000 |", "Total
general: USD 950.000"). The total is the project's budget only when the rows above it sum to it (then the parts are
plainly the whole), and its currency is written on the row or in the table's head ("Financing plan (US$)",
"Montant (FCFA)", "Monto en USD"). Never a table with a sub-total (or a component's), never one year's table
("Budget 2026", "PTBA", "annual"): the words are English, French and Spanish.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..types import Money
from .money import aside_currency, currency_code, parse_money

_TOTAL = re.compile(
    r"^[\s|*_#-]*(?:grand\s+total|total\s+g[ée]n[ée]ral|total\s+general|total\s+du\s+projet|total\s+del\s+proyecto|"
    r"total\s+project|project\s+total|total|totaux|totales)(?:\s*\((?P<aside>[^()]{1,20})\))?[\s|*_:]*"
    r"(?P<amount>[^\s|*].*?)[\s|*]*$", re.IGNORECASE)
# Amount-shaped numbers only (grouped digits, or four and more), unlike money.py's reader of any number: a row's
# number or a count ("3", "12 staff") is no part of the sum. Each is then read by parse_money.
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[ ,.'\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?(?![\w.,]*\d)|"
                     r"(?<![\w.,])\d{4,}(?![\w.,]*\d)")
_LAST_AMOUNT = re.compile(rf"(?:{_NUMBER.pattern})[^\d\n]*$")
# A head that gives the table to one year, or to one part of the project, not to its whole.
_ONE_YEAR = re.compile(
    r"(?<![\d/-])(?:19|20)\d\d(?!\s*[-–/]\s*(?:19|20)?\d\d)(?![\d/-])|\b(?:annual|yearly|annuel(?:le)?|anual|"
    r"ptba|pta|poa|work\s*plan|sub-?total|sous-total|subtotal|component|composante|componente)\b", re.IGNORECASE)
_HEAD_CURRENCY = re.compile(r"[(\[]([^()\[\]]{1,30})[)\]]|\b(?:in|en)\s+([^\W\d_]{2,}(?:\s+[^\W\d_]+)?)")
_ROWS_ABOVE = 12


def _value(cell: str) -> Decimal | None:
    m = _NUMBER.search(cell)
    if not m:
        return None
    found = parse_money(f"USD {m.group(0)}")  # (the currency only carries the number: its own is read apart)
    return found[0].amount if found else None


def _head_currency(lines: list[str]) -> str | None:
    """The currency the table's head names, in brackets or after "in"/"en": one currency only."""
    marks = set()
    for line in lines:
        for m in _HEAD_CURRENCY.finditer(line):
            text = (m.group(1) or m.group(2) or "").strip()
            code = currency_code(text) or aside_currency(text)[0]
            if code:
                marks.add(code)
        for word in re.findall(r"\b[A-Z]{3}\b|US\$|F\s?CFA|€|£", line):
            if currency_code(word) or currency_code(word.replace(" ", "")):
                marks.add(currency_code(word) or currency_code(word.replace(" ", "")))
    return marks.pop() if len(marks) == 1 else None


def total_row(text: str) -> list[Money]:
    """The total a table's last row gives, when the rows above it sum to it ([] otherwise)."""
    lines = text.replace("\r\n", "\n").split("\n")
    for k, line in enumerate(lines):
        m = _TOTAL.match(line)
        if not m or not _LAST_AMOUNT.search(line) or len(_NUMBER.findall(line)) != 1:
            continue
        total = _value(m.group("amount"))
        parts: list[Decimal] = []
        j = k - 1
        while j >= 0 and k - j <= _ROWS_ABOVE:
            row = lines[j]
            if not row.strip() or re.fullmatch(r"[\s|:+=_*-]*", row):
                if parts:
                    break
                j -= 1
                continue
            if len(_NUMBER.findall(row)) != 1 or not _LAST_AMOUNT.search(row):
                break
            value = _value(row)
            if value is None:
                break
            parts.append(value)
            j -= 1
        if total is None or len(parts) < 2 or sum(parts) != total:
            continue
        head = lines[max(0, j - 2) : j + 1]
        if any(_ONE_YEAR.search(h) for h in lines[max(0, j - 2) : k + 1]):
            return []
        written = parse_money(m.group("amount"))
        currency = written[0].currency if written else _head_currency(head + [m.group("aside") or ""])
        if currency:
            return [Money(total, currency, "total", "")]
    return []
