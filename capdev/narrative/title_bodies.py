"""A body's name in the word order of English (and of some French and Spanish names): its noun after adjectives,
then 'of'/'for'/'de' or nothing ('NATIONAL SCHOOL OF GOVERNMENT', 'Central Statistics Office', 'Haute Autorité de
la Transparence', 'Alto Comisionado para la Paz'). title_choice reads a line that begins with the noun
('Ministry of ...', 'Institut de ...') as a body's name already; with adjectives before the noun it did not, and a
web page's masthead above its facts was taken for the project's title. The nouns are organisation_heads' single
words (data/title_words.json) and data/title_in_prose.json body_nouns."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .folding import fold

_DIR = Path(__file__).with_name("data")
_MAX_WORDS = 8  # a body's name is short; a title may hold a body's name among other words


@lru_cache(maxsize=1)
def _body() -> re.Pattern[str]:
    heads = json.loads((_DIR / "title_words.json").read_text(encoding="utf-8"))["organisation_heads"]
    extra = json.loads((_DIR / "title_in_prose.json").read_text(encoding="utf-8"))["body_nouns"]
    nouns = sorted({fold(w).lower() for w in heads + extra if " " not in w}, key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in nouns)
    # Up to three capitalised words, then the noun, then 'of ...' / 'de ...' or the line's end.
    return re.compile(rf"^(?:the\s+|l'|la\s+|le\s+|el\s+)?(?P<before>(?:[a-z][\w'-]*\s+){{1,3}})(?:{alt})s?"
                      r"(?:\s+(?:of|de|du|des|del)(?![\w'])|$)")


def body_name(line: str) -> bool:
    """Is the line a body's name with adjectives before its noun ('National School of Government')?"""
    words = line.split()
    if not 2 <= len(words) <= _MAX_WORDS:
        return False
    m = _body().match(fold(" ".join(words)).lower())
    # A body's name capitalises the words before its noun; a title in sentence case ("Digital skills school").
    return bool(m) and all(w[:1].isupper() for w in words[: len(m.group("before").split()) + 1] if len(w) > 3)
