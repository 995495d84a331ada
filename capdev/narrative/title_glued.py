"""Where a paragraph glued to its heading begins ("Strengthening e-government in Bhutan With a budget of ...",
"... au Niger Avec l'appui de ...", "... región andina Con financiación de ..."): a text set on one line, or a short
first line taken for the heading's second half."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .folding import fold

_DATA = Path(__file__).parent / "data" / "title_words.json"
_WORD = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    """The small words (connectors) and the words a sentence often opens with (sentence_openers), folded."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return frozenset(fold(w).lower() for w in data["connectors"] + data["sentence_openers"])


def glued_sentence(phrase: str) -> int:
    """Where a sentence glued to a heading starts, or -1: a capitalised opener ("With", "Avec", "Con", "Funded")
    followed by a word written small (or a number), after a word of the heading written small that is no small word.
    A heading in sentence case writes only its names with capitals; one in Title Case (no word written small but the
    small ones) keeps a capitalised "For" as its own, and "en La Paz", "in El Salvador" are names (a capital
    follows)."""
    openers = _openers()
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(phrase)]
    lower_seen = False
    for k, (at, word) in enumerate(words):
        bare = fold(word).strip(",;:\"()").lower()
        nxt = words[k + 1][1] if k + 1 < len(words) else ""
        if k and lower_seen and word[:1].isupper() and bare in openers and (nxt[:1].islower() or nxt[:1].isdigit()):
            return at
        if k and word[:1].islower() and bare not in openers:
            lower_seen = True
    return -1
