"""Folding text for matching: accented letters as plain ones, curly apostrophes straight, at the same length."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base != ch:
            table[cp] = base
    for ch in "\u2019\u2018\u0060\u00b4\u02bc":
        table[ord(ch)] = "'"
    table[ord("\u00a0")] = " "
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """The text with accented letters as plain ones and curly apostrophes straight: same length, same offsets."""
    if text.isascii() and "`" not in text:
        return text  # the only ASCII character folded is the backtick; translate() would copy the text
    return text.translate(_FOLD)


def fold_key(text: str) -> str:
    """A lookup key: folded, lower case, single spaces, no edge punctuation."""
    return re.sub(r"\s+", " ", fold(text).lower()).strip(" \t.:;,*_-")


def caseless(phrase: str) -> str:
    """A phrase as alternation() holds it: folded and case-folded."""
    return fold(phrase).casefold()


def alternation(phrases: Iterable[str], *, form: Callable[[str], str] = caseless,
                letters: Mapping[str, str] | None = None) -> str:
    """Phrases (lists of data/*.json) as the alternatives of a pattern for folded text matched ignoring case: each
    phrase put in FORM, longest first so that a phrase wins over its own start (then in order: the same pattern in
    every run), any run of spaces between words.
    LETTERS maps a piece of a phrase to a pattern that also matches how texts write it (an apostrophe curly as
    well as straight, "oe" written "\u0153") for patterns that meet text before it is folded."""
    forms = sorted({form(p) for p in phrases}, key=lambda f: (-len(f), f))
    return "|".join(r"\s+".join(_pattern(word, letters or {}) for word in f.split()) for f in forms)


def _pattern(word: str, letters: Mapping[str, str]) -> str:
    escaped = re.escape(word)
    for piece, pattern in letters.items():
        escaped = escaped.replace(piece, pattern)
    return escaped
