"""Amounts of money written in words, as legal texts, minutes and letters write them: "un milliard six cent quarante
millions (1 640 000 000) de francs CFA", "un millón de dólares", "dos mil millones de pesos colombianos", "one million
two hundred thousand US dollars", "deux millions d'euros". Only a run of number words that names a thousand, a
million or a milliard (or whose digits follow it in brackets), right before its currency, is an amount: "three
dollars" or "une partie des euros" are not. Digits restated in brackets are what the amount is; a run of words alone
is read by the number words of English, French and Spanish.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..folding import fold
from .number_words import UNITS as _UNITS

_HUNDRED = {"hundred", "cent", "cents"}  # multiplies what is before it ("six cent", "two hundred")
_THOUSAND = {"thousand", "mille", "mil"}  # "thousands of dollars" is no amount
_SCALES = {"million": 10**6, "millions": 10**6, "millon": 10**6, "millones": 10**6,
           "milliard": 10**9, "milliards": 10**9, "billion": 10**9, "billions": 10**9}
_JOINS = {"and", "et", "y"}  # "vingt et un", "treinta y cinco", "one hundred and twenty"

_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


def _fold(word: str) -> str:
    return fold(word).lower()


def _value(words: list[str]) -> int | None:
    """The number words spell, or None when a word is no number word or no thousand or more is named."""
    total = small = current = 0
    scaled = False
    prev = ""
    for raw in words:
        w = _fold(raw)
        if w in _JOINS:
            if not prev or prev in _JOINS:
                return None
        elif w in _UNITS:
            v = _UNITS[w]
            if w == "a" and prev or prev in _UNITS and (_UNITS[prev] % 10 or _UNITS[prev] <= v) and not (
                    prev == "quatre" and w.startswith("vingt")):
                return None  # "a" only opens the run ("a million"); "un un", "veinte treinta" spell no number
            if w.startswith("vingt") and prev == "quatre":
                current += 80 - 4  # "quatre-vingt(s)"
            else:
                current += v
        elif prev == "a" and w not in _HUNDRED | _THOUSAND | set(_SCALES):
            return None
        elif w in _HUNDRED:
            current = (current or 1) * 100 if current < 100 else current + 100
        elif w in _THOUSAND:
            small += (current or 1) * 1000
            current = 0
            scaled = True
        elif w in _SCALES:
            if not small + current:
                return None  # "des millions d'euros", "millions of dollars": no amount
            total += (small + current) * _SCALES[w]
            small = current = 0
            scaled = True
        else:
            return None
        prev = w
    if prev in _JOINS or prev == "a":
        return None
    return total + small + current if scaled else None


def _is_number_word(word: str) -> bool:
    w = _fold(word)
    return w in _UNITS or w in _HUNDRED or w in _THOUSAND or w in _SCALES or w in _JOINS


# Between two words of one number: spaces (a line's end among them) or a hyphen.
_JOINED = re.compile(r"[^\S\n]*\n?[^\S\n]*|[ \u00a0]*-[ \u00a0]*")


def _runs(text: str):
    """The runs of number words text writes, each joined by spaces or hyphens only: lists of word matches."""
    run: list[re.Match[str]] = []
    for m in _WORD.finditer(text):
        number = _is_number_word(m.group(0))
        if number and (_JOINED.fullmatch(text, run[-1].end(), m.start()) if run else
                       not text[max(0, m.start() - 1) : m.start()].isalnum()):
            run.append(m)
            continue
        if run:
            yield run
        run = [m] if number else []
    if run:
        yield run


# A fraction before a run ("a quarter of", "un tiers d'", "la mitad de"): the run is no amount by itself.
_FRACTION_BEFORE = re.compile(r"(?i)\b(?:quarter|third|fraction|half|moiti[ée]|quart|tiers|mitad|cuarto|tercio)\s+"
                              r"(?:of|de|d['’]|del)\s*$")
# A half after a scale: "cuatro millones y medio", "deux millions et demi", "one million and a half".
_HALF_AFTER = re.compile(r"(?i)\s*(?:medio|media|demie?|a\s+half)(?![\w-])")


def _with_half(text: str, words: list[str], run) -> tuple[int, int, int] | None:
    """(first word, value, end) of a run closed by a join and a half after its scale ("millones y medio"), else None."""
    if len(words) >= 4 and [_fold(w) for w in words[-2:]] == ["and", "a"]:
        words, run = words[:-1], run[:-1]  # "one million and a half": the run took the "a"
    if len(words) < 3 or _fold(words[-1]) not in _JOINS or _fold(words[-2]) not in _SCALES:
        return None
    half = _HALF_AFTER.match(text, run[-1].end())
    for k in range(len(words) - 1):
        value = _value(words[k:-1])
        if value is not None and half is not None:
            return k, value + _SCALES[_fold(words[-2])] // 2, half.end()
    return None


def spelled_amount(text: str, currency_at) -> list[tuple[int, int, Decimal, str]]:
    """The amounts text writes in words: (start, end, amount, currency mark as written). currency_at(text, pos)
    gives the (end, mark) of a currency written right at pos, or None; it is money's, passed in."""
    out: list[tuple[int, int, Decimal, str]] = []
    for run in _runs(text):
        words = [w.group(0) for w in run]
        halved = _with_half(text, words, run)
        # The longest tail of the run that spells a number: "y un millón" -> "un millón".
        for k in range(len(words)):
            value = _value(words[k:])
            if value is not None or halved:
                break
        else:
            continue
        start, pos = run[k].start(), run[-1].end()
        if halved:
            k, value, pos = halved
            start = run[k].start()
        if re.search(r"\d[\s.,]*$", text[max(0, start - 12) : start]):
            continue  # "680 mil dólares", "1,5 millions d'euros": digits and a scale word, money's own reading
        if _FRACTION_BEFORE.search(text[max(0, start - 24) : start]):
            continue  # "a quarter of a million dollars", "la moitié d'un million": a fraction, not the amount
        restated = re.match(r"\s*\(\s*(\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+|\d+)\s*\)", text[pos:])
        amount = Decimal(value)
        if re.search(r"(?i)\bhalf\s+$", text[max(0, start - 8) : start]) and _fold(words[k]) == "a":
            amount = amount / 2  # "half a million dollars"
        if restated:
            amount = Decimal(re.sub(r"\D", "", restated.group(1)))
            pos += restated.end()
        joined = re.match(r"\s*(?:(?i:de|d['’]|of)\s*)?", text[pos:])
        found = currency_at(text, pos + joined.end())
        if found is None:
            continue
        out.append((start, found[0], amount, found[1]))
    return out
