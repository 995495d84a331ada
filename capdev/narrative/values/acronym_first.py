"""A partner written acronym first, its long name in brackets ("PIOJ (Planning Institute of Jamaica)", "ENA (École
nationale d'administration)", "MAP (Ministerio de Administración Pública)"): turned round into the long name with its
acronym after it, the way partner fields mostly write it, so that the name and the acronym are each read. Only when
the acronym's letters are the initials of the bracket's words in order (small words may be skipped), so that "UNDP
(Ghana)" or "DPIDG (UN DESA)" stay as written."""
from __future__ import annotations

import re

from ..folding import fold

_ACRONYM_FIRST = re.compile(r"^\s*(?P<acronym>[A-Z][A-Za-z&-]{1,11})\s*\((?P<name>[^()]{5,200})\)\s*[.,;]?\s*$")


def _initials(name: str) -> list[str]:
    words = re.findall(r"[^\W\d_][\w-]*", re.sub(r"\b[dlDL]['’]", " ", name))
    return [fold(w[0]).upper() for w in words]  # "École" -> "E"


def _spelled_by(acronym: str, name: str) -> bool:
    """Are the acronym's capitals the initials of name's words, in order, the first word's first?"""
    letters = [c for c in acronym if c.isupper()]
    initials = _initials(name)
    if len(letters) < 2 or not initials or initials[0] != letters[0] or len(name.split()) < 2:
        return False
    k = 0
    for initial in initials:
        if k < len(letters) and initial == letters[k]:
            k += 1
    return k == len(letters)


def turned_round(text: str) -> str:
    """"PIOJ (Planning Institute of Jamaica)" -> "Planning Institute of Jamaica (PIOJ)"; other text as it is."""
    m = _ACRONYM_FIRST.match(text)
    if m is None or not m.group("acronym")[1:].isupper() and sum(c.isupper() for c in m.group("acronym")) < 3:
        return text
    name = m.group("name").strip()
    if not name[:1].isupper() or not _spelled_by(m.group("acronym"), name):
        return text
    return f"{name} ({m.group('acronym')})"
