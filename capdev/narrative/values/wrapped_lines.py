"""Lines of one wrapped paragraph that reach a reader as paragraphs of their own ("... Se inició en marzo de 2022 y"
and "concluirá en diciembre de 2024."): a labelled record's sentences are its lines, each one block, joined by blank
lines. A blank line inside a sentence is blanked so that the sentence reads whole, in any language; offsets are kept
(same length). A blank line is inside a sentence when the line before it ends in no stop and no colon, and
- the line after it opens in lower case ("... y" / "concluirá en ..."), or
- the line before it is a long one (wrapped, not a heading) ending in a small letter or a comma, and the line after
  it opens with a number that heads no list ("vigente desde el" / "1 de abril de 2023") or a capital ("para el" /
  "Desarrollo (AECID)").
"""
from __future__ import annotations

import re

__all__ = ["rejoin"]

_CUT = re.compile(r"(?<=[^\W_]|[,)\u2019'-])([ \t]*\n(?:[ \t]*\n)+[ \t]*)(?=[^\W_])")
_WRAPPED = 60  # a line this long that ends in no stop was wrapped; a heading is shorter
_LIST_HEAD = re.compile(r"\d{1,3}(?:\.\d{1,3})*[.)\]:-]?(?:\s|$)|\d{1,3}[.)]")


def _inside(text: str, cut: re.Match[str]) -> bool:
    after = cut.end()
    if text[after].islower():
        return True
    line_start = text.rfind("\n", 0, cut.start()) + 1
    line = text[line_start : cut.start()]
    if len(line.strip()) < _WRAPPED or not (line[-1].islower() or line[-1] == ","):
        return False
    if text[after].isdigit():
        return not _LIST_HEAD.match(text, after) or _a_date_opens(text[after : after + 40])
    return text[after].isupper()


def _a_date_opens(text: str) -> bool:
    """Does the line open with a date ("1 de abril de 2023", "15 March 2024"), not a list's number?"""
    from .dates import find_dates

    return any(m.start == 0 for m in find_dates(text))


def rejoin(text: str) -> str:
    """The text with the blank lines inside a wrapped sentence turned into spaces, same length."""
    return _CUT.sub(lambda m: " " * len(m.group(1)) if _inside(text, m) else m.group(1), text)
