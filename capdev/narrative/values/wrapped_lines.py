"""Lines of one wrapped paragraph that reach a reader as paragraphs of their own ("... Se inició en marzo de 2022 y"
and "concluirá en diciembre de 2024."): a labelled record's sentences are its lines, each one block, joined by blank
lines. A blank line after a line that ends in no stop, before a line that opens in lower case, breaks no sentence: it
is blanked so that the sentence reads whole, in any language. Offsets are kept (same length)."""
from __future__ import annotations

import re

__all__ = ["rejoin"]

# A line that ends in a letter, a digit, a comma, a hyphen or a closing bracket (no stop, no colon), then blank lines,
# then a line opening in lower case: one sentence cut by its wrap.
_CUT = re.compile(r"(?<=[^\W_]|[,)\u2019'-])([ \t]*\n(?:[ \t]*\n)+[ \t]*)(?=[^\W\d_])")


def rejoin(text: str) -> str:
    """The text with the blank lines inside a wrapped sentence turned into spaces, same length."""
    return _CUT.sub(lambda m: " " * len(m.group(1)) if _lower_next(text, m.end()) else m.group(1), text)


def _lower_next(text: str, at: int) -> bool:
    return text[at].islower()
