"""Column names that are no label in running text but head a column of a portfolio listing (data/column_names.json):
'CCY', 'ST', 'BEG DATE' in a report squeezed to its columns' width, a bare currency ('USD', 'Total (EUR)') heading the
amounts, and a column of row numbers ('No.', '#') whose small numbers are no project code."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import fold

__all__ = ["column_spelling", "compact_date", "form_column", "is_row_number", "is_test_entry", "row_numbers_column",
           "status_legend", "status_letter"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "column_names.json"
_ASIDE = re.compile(r"^(?P<name>.*?)\s*(?P<aside>\([^()]{1,12}\)|\[[^\[\]]{1,12}\])$")
_ROW_NUMBER = re.compile(r"^\d{1,3}[.)]?$")


@functools.cache
def _data() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    names = {_key(k): v for k, v in data["names"].items()}
    return (names, frozenset(_key(k) for k in data["row_numbers"]),
            frozenset(" ".join(fold(k).lower().split()) for k in data["form_columns"]))


def _key(text: str) -> str:
    return " ".join(fold(text).lower().replace(".", " ").replace("_", " ").split())


def column_spelling(name: str) -> str | None:
    """The label spelling a column name stands for ("CCY" -> "Currency", "Total (USD)" -> "Total budget (USD)",
    "USD" -> "Budget (USD)"), or None."""
    from ..values.money import currency_code

    m = _ASIDE.match(name.strip())
    base, aside = (m.group("name"), " " + m.group("aside")) if m and m.group("name") else (name.strip(), "")
    spelled = _data()[0].get(_key(base))
    if spelled:
        return spelled + aside
    bare = base.strip(" ()[]")
    if not aside and 1 <= len(bare) <= 4 and (currency_code(bare) or currency_code(bare.upper())):
        return f"Budget ({bare})"  # "USD", "US$", "EUR": the amounts in that currency
    return None


def row_numbers_column(name: str) -> bool:
    """Is this column name one of a row-number column ("No.", "#", "N°")?"""
    return _key(name) in _data()[1] or name.strip() == "#"


@functools.cache
def _test_words() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return frozenset(data["test_words"]), frozenset(data["test_rows"])


def is_test_entry(title: str) -> bool:
    """Is this title a test entry's ("TEST - please ignore", "Prueba, no tomar en cuenta", "essai")? Only words of
    such a note, one of them a test word: "Test and evaluation framework" is a title."""
    words = re.findall(r"[^\W\d_]+", fold(title).lower())
    core, allowed = _test_words()
    return 0 < len(words) <= 8 and all(w in allowed for w in words) and any(w in core for w in words)


def form_column(name: str) -> bool:
    """Is this a column a form tool adds to each response ("Timestamp", "Horodateur", "Marca temporal", "_uuid")?"""
    return " ".join(fold(name).lower().split()) in _data()[2]


def is_row_number(value: str) -> bool:
    """A row's number ("1", "12.", "3)"): never a project code."""
    return bool(_ROW_NUMBER.match(value.strip()))


_COMPACT_DATE = re.compile(r"^(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])?$")
_LEGEND = re.compile(r"(?<![\w])(?P<letter>[A-Z])\s*(?:=|:|-|\u2013)\s*"
                     r"(?P<word>[A-Za-z\u00c0-\u00ff][\w\u00c0-\u00ff -]{2,30}?)"
                     r"\s*(?=[,;/).\]\n]|$|\s+[A-Z]\s*(?:=|:|-|\u2013)\s)")


def compact_date(value: str) -> str | None:
    """A listing's compact date ("20190601", "201906") as ISO ("2019-06-01", "2019-06"), or None."""
    m = _COMPACT_DATE.match(value.strip())
    if m is None:
        return None
    return "-".join(p for p in (m.group("y"), m.group("m"), m.group("d")) if p)


def status_legend(text: str) -> dict[str, str]:
    """The status letters a listing's legend spells out ("ST: A = Active, C = Closed", "E - En cours"): letter to
    word, for the words that name a status."""
    from ..values.status import status_category

    out: dict[str, str] = {}
    for m in _LEGEND.finditer(text):
        word = m.group("word").strip()
        if status_category(word):
            out.setdefault(m.group("letter"), word)
    return out


def status_letter(value: str, legend: dict[str, str]) -> str | None:
    """The status word a one-letter status stands for: the legend's, else the common letters'; None when unknown."""
    letter = value.strip().rstrip(".")
    if len(letter) != 1 or not letter.isalpha():
        return None
    if legend:
        return legend.get(letter.upper())
    return _letters().get(letter.lower())


@functools.cache
def _letters() -> dict[str, str]:
    return json.loads(_DATA.read_text(encoding="utf-8"))["status_letters"]


# Fields a project's row states on its first line: a line without any of them may be the rest of the row above.
_ANCHORED = frozenset({"budget", "time_frame", "status", "currency", "code"})


@functools.cache
def _joining() -> frozenset[str]:
    return frozenset(json.loads(_DATA.read_text(encoding="utf-8"))["joining_words"])


def continues_row(filled: dict[int, str], fields: list[str | None], title: int, previous: dict[int, str]) -> bool:
    """With no code column, does a row (its non-empty cells by column) go on the row above (previous, its cells
    by column)? Only when it states no amount, date or status while the row above does, and its title cell is
    empty, starts in lower case, or follows a title that ends on a joining word or a comma ("... policymaking for")."""
    anchored = {k for k, f in enumerate(fields) if f in _ANCHORED}
    if not anchored or any(k in anchored for k in filled) or not any(previous.get(k) for k in anchored):
        return False
    text = filled.get(title, "").strip()
    if not text or text[0].islower():
        return True
    above = previous.get(title, "").rstrip()
    last = above.split()[-1].lower() if above.split() else ""
    return above.endswith((",", "-", "\u2013")) or last in _joining()


@functools.cache
def _totals() -> frozenset[str]:
    return frozenset(_key(w) for w in json.loads(_DATA.read_text(encoding="utf-8"))["total_rows"])


def is_total_row(values: list[str]) -> bool:
    """Is this a table's row of totals ("**Total** | | 795,000", "TOTAL<TAB><TAB>940 000", "Sous-total")?"""
    first = next((v for v in values if v.strip()), "")
    key = _key(re.sub(r"[*_:`]+", " ", first)).replace("-", " ")
    return key in _totals() or key.replace(" ", "-") in _totals()
