"""A body that helps the project with its knowledge, named after a noun of help that an adjective makes technical:
"con el acompañamiento técnico del ILPES-CEPAL", "with the technical support of ECLAC", "avec l'appui
méthodologique de l'INSEE", "grâce à l'assistance technique du PNUD". Help so qualified is never money: the body is
a partner, not a funder (a bare "with the support of" may pay, and is read by the cues of support). The words are
data (data/role_cues.json: help_heads, help_nouns_of_knowledge, knowledge_adjectives); the pattern reads a bounded
span."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _cues

_ARTICLE = r"(?:(?:the|its|their|le|la|les|son|sa|ses|leur|el|los|las|su|sus)\s+|l['’]\s?)"


@functools.cache
def technical_help_rx() -> re.Pattern[str]:
    heads = _cues.alternation("help_heads")
    nouns = _cues.alternation("help_nouns_of_knowledge")
    adjectives = _cues.alternation("knowledge_adjectives")
    qualified = rf"(?:{adjectives})(?:\s+(?:and|et|y|e)\s+(?:{adjectives}))?"
    return re.compile(
        rf"(?<![\w'-])(?:{heads})\s+{_ARTICLE}?(?:(?:{qualified})\s+(?:{nouns})|(?:{nouns})\s+{qualified})"
        rf"\s+(?:of|from|by|provided\s+by|de|du|des|del|d['’]|de\s+la|de\s+los|de\s+las|fourni\s+par|brindado\s+por)"
        rf"(?:\s+|(?<=['’]))", re.IGNORECASE)


def technical_help_starts(text: str) -> list[int]:
    """Where the name of a body that gives technical help begins ("con el acompañamiento técnico del " ...)."""
    if not isinstance(text, str) or not text:
        return []
    return [m.end() for m in technical_help_rx().finditer(fold(text))]
