"""Folding text for matching: accented letters as plain ones, curly apostrophes straight, at the same length."""
from __future__ import annotations

import re
import unicodedata


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
