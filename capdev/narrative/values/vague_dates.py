"""A year written with a word that places it only roughly ("from mid-2021 to end 2024", "de mi-2021 à fin 2024",
"de mediados de 2021 a finales de 2024", "between early 2019 and late 2021"): the word is blanked (same length, so
offsets hold) and values.dates reads the year alone, at a year's precision, which is what the text says for sure.

A word joined to its year by a hyphen ("mid-2021", "fin-2024") is blanked wherever it stands; a spaced one only
after a word that opens or closes a period ("from", "to", "until", "de", "à", "hasta", "entre" ...), so that a
label ("End 2024") or a sentence ("the end of 2024 saw ...") keeps its words for the rules that read them.
"""
from __future__ import annotations

import re

__all__ = ["blank_vague_years"]

_YEAR_AHEAD = r"(?=(?:19|20)\d\d(?!\d))"
_JOINED = re.compile(rf"(?<![\w-])(?:mid|early|late|end|mi|d[ée]but|fin|finales|mediados)-{_YEAR_AHEAD}",
                     re.IGNORECASE)
# Each rough word (with its "of"/"de"), longest first; no unbounded repetition.
_ROUGH = (r"the\s+(?:middle|end|beginning|start)\s+of|(?:middle|end|beginning|start)\s+of|mid|early|late|end|"
          r"la\s+fin\s+(?:de\s+)?l['’]ann[ée]e|la\s+fin\s+de|fin\s+de|le\s+d[ée]but\s+de|d[ée]but|fin|mi|courant|"
          r"mediados\s+de|principios\s+de|comienzos\s+de|inicios\s+de|finales\s+de|fines\s+de|fin\s+de|final\s+de")
_AFTER_CUE = re.compile(
    rf"(?<![\w'’-])(?:from|to|until|till|through|between|and|since|in|by|de|du|d['’]|à|a|au|en|depuis|jusqu['’]\s?(?:à|en)|"
    rf"et|entre|y|desde|hasta|[–—-])\s+(?P<rough>(?:{_ROUGH})\s+){_YEAR_AHEAD}",
    re.IGNORECASE)


def blank_vague_years(text: str) -> str:
    """text with each rough word before a year blanked out (same length)."""
    if not isinstance(text, str) or not text:
        return text
    spans = [(m.start(), m.end()) for m in _JOINED.finditer(text)]
    spans += [(m.start("rough"), m.end("rough")) for m in _AFTER_CUE.finditer(text)]
    if not spans:
        return text
    chars = list(text)
    for lo, hi in spans:
        chars[lo:hi] = " " * (hi - lo)
    return "".join(chars)
