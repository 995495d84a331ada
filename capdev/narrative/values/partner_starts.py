"""Where the words after "and", "et" or "y" in a partner list open a second body rather than going on with the
first one's name:

- an article and a capital, accented or not: "l'Association des municipalités (AMBF) et l'École nationale ...",
  "la Cour des comptes et l'École nationale d'administration";
- "de", "du", "del", "de la", "de l'" and a body's head noun or an acronym: "de la mano de la ANAM y del Instituto
  Nacional de Administración Pública", "avec le concours du Ministère ... et de l'ENA". A portfolio goes on naming
  the first body ("Ministère de l'Économie et des Finances", "Ministerio de Trabajo y de la Seguridad Social"): its
  noun heads no body.

The head nouns are data (data/role_cues.json: institution_heads, small_heads, body_nouns)."""
from __future__ import annotations

import functools
import re

from ..folding import fold

_CAPITAL = r"[A-Z\u00c0-\u00de]"
# Whatever the case, as partners.py has always read it ("the ministry ..."), accented letters too.
_ARTICLE_THEN_CAPITAL = re.compile(rf"(?i:(?:the|el|la|los|las|le|les)\s+{_CAPITAL}|l['’]\s?{_CAPITAL})")
# Case kept: a small "de" links a second body; "De" opens a name ("De Montfort University").
_OF_OPENER = re.compile(r"(?:de\s+la\s+|de\s+los\s+|de\s+las\s+|de\s+l['’]\s?|del\s+|du\s+|des\s+|de\s+)"
                        rf"(?=(?P<word>{_CAPITAL}[\w\u00c0-\u00ff'’-]*))")
_ACRONYM = re.compile(r"[A-Z][A-Z&-]{1,11}s?")


@functools.cache
def _heads() -> frozenset[str]:
    from .role_cues import table

    cues = table()
    words = (w for name in ("institution_heads", "small_heads", "body_nouns") for w in cues[name])
    return frozenset(fold(w).lower().split()[0] for w in words if w.strip())


def opens_with_article(s: str) -> bool:
    """"the Ministry ...", "l'École ...", "la Cour des comptes": an article and a letter open s."""
    return bool(_ARTICLE_THEN_CAPITAL.match(s.strip()))


def of_body_start(s: str) -> int:
    """Where the second body's name begins in s when s opens with "de", "du", "del", "de la" or "de l'" and a body's
    head noun or an acronym ("del Instituto ...", "de l'ENA"); 0 when s does not open so."""
    stripped = s.lstrip()
    m = _OF_OPENER.match(stripped)
    if m is None:
        return 0
    word = m.group("word")
    if _ACRONYM.fullmatch(word) or fold(word).lower() in _heads():
        return len(s) - len(stripped) + m.end()
    return 0


def after_of_opener(s: str) -> str:
    """s without the small "de", "del", "de la" that opens it before a capital, once s is known to be a body of its
    own ("Unión Europea y de la Cooperación Alemana": "Cooperación Alemana")."""
    stripped = s.lstrip()
    m = _OF_OPENER.match(stripped)
    return stripped[m.end() :] if m else s
