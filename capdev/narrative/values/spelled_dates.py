"""Dates written out in words, as decrees, agreements and notarial texts write them: "premier mars deux mille
vingt-deux", "el primero de marzo de dos mil veintidós", "the first of March two thousand and twenty-two".

The words become digits ("1 mars 2022") only beside a month's name: a day before it, a year after it. Other number
words ("six months", "trois ateliers") are left as they are.
"""
from __future__ import annotations

import re

from ..folding import fold
from .dates import MONTHS

_WORDS = {
    # English
    "one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3, "four": 4, "fourth": 4, "five": 5,
    "fifth": 5, "six": 6, "sixth": 6, "seven": 7, "seventh": 7, "eight": 8, "eighth": 8, "nine": 9, "ninth": 9,
    "ten": 10, "tenth": 10, "eleven": 11, "eleventh": 11, "twelve": 12, "twelfth": 12, "thirteen": 13,
    "thirteenth": 13, "fourteen": 14, "fourteenth": 14, "fifteen": 15, "fifteenth": 15, "sixteen": 16,
    "sixteenth": 16, "seventeen": 17, "seventeenth": 17, "eighteen": 18, "eighteenth": 18, "nineteen": 19,
    "nineteenth": 19, "twenty": 20, "twentieth": 20, "thirty": 30, "thirtieth": 30, "thousand": 1000,
    # French (folded: no accents)
    "un": 1, "premier": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "trente": 30, "mille": 1000, "mil": 1000,
    # Spanish (folded)
    "uno": 1, "primero": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiun": 21,
    "veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27,
    "veintiocho": 28, "veintinueve": 29, "treinta": 30,
}
_JOIN = r"(?:\s*-\s*|\s+(?:and|et|y)\s+|\s+)"
_WORD = r"(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_RUN = re.compile(rf"(?<![\w-]){_WORD}(?:{_JOIN}{_WORD})*(?![\w-])", re.IGNORECASE)
_MONTH = r"(?:" + "|".join(sorted((re.escape(w) for w in MONTHS if len(w) > 3), key=len, reverse=True)) + r")"
_MONTH_AFTER = re.compile(rf"^\s*(?:(?:de|of)\s+)?{_MONTH}\b", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s*,?\s*(?:(?:de|of|del)\s+)?(?:(?:the\s+)?year\s+)?$", re.IGNORECASE)


def _value(run: str) -> int | None:
    """The number a run of number words says ("deux mille vingt-deux" 2022, "trente et un" 31), None when the
    words do not add up to one number ("twenty twenty-two" is left alone)."""
    total, pending = 0, 0
    for word in re.findall(r"[a-z]+", run.lower()):
        if word in ("and", "et", "y"):
            continue
        n = _WORDS.get(word)
        if n is None:
            return None
        if n == 1000:
            total += (pending or 1) * 1000
            pending = 0
        elif pending and (pending % 10 or pending < n or (pending >= 20 and n >= 10)):
            return None  # "two three", "twenty thirty": no number
        else:
            pending += n
    return total + pending


def spelled_to_digits(text: str) -> str:
    """text with each day and year written in words beside a month's name given in digits; the rest unchanged."""
    if not isinstance(text, str) or not re.search(r"[a-zA-Z]{3}", text):
        return text
    folded = fold(text)
    if len(folded) != len(text):
        return text  # folding changed the length: offsets would not match, leave the text as it is
    parts = []
    pos = 0
    for m in _RUN.finditer(folded):
        n = _value(m.group(0))
        if n is None:
            continue
        day = 1 <= n <= 31 and _MONTH_AFTER.match(folded[m.end() :])
        year = 1990 <= n <= 2100 and _MONTH_BEFORE.search(folded[max(0, m.start() - 30) : m.start()])
        if day or year:
            parts.append(text[pos : m.start()])
            parts.append(str(n))
            pos = m.end()
    parts.append(text[pos:])
    return "".join(parts)
