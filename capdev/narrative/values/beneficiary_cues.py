"""A body the project works for, named after a preposition of benefit: "for the benefit of the Public Service
Commission", "au profit de l'Inspection générale du travail", "en faveur de la Direction des impôts", "en beneficio
de la Dirección General de Contrataciones Públicas", "a favor del Registro Civil". The body is a partner (the
beneficiary institution); a country named so is served (the caller drops a country alone), and people or a
lowercase group ("au profit des jeunes", "for the benefit of 300 civil servants") are no body. The words are data
(data/role_cues.json, beneficiary_cues); the name must be a body (a known organisation, an acronym, or words with
a noun that heads an institution's name: values/counterparts.py)."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _cues
from .places import find_countries
from .prose_names import name_extent

_ARTICLE = re.compile(r"(?:(?:the|le|la|les|el|los|las)\s+|l['’]\s?)", re.IGNORECASE)


@functools.cache
def beneficiary_rx() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?:{_cues.alternation('beneficiary_cues')})(?:\s+|(?<=['’]))", re.IGNORECASE)


def beneficiary_starts(text: str) -> list[int]:
    """Where the name of a body the project works for begins, after a cue of benefit; only where what follows is
    a body's name in capitals."""
    from .counterparts import _a_body

    if not isinstance(text, str) or not text:
        return []
    out = []
    for m in beneficiary_rx().finditer(fold(text)):
        at = m.end()
        article = _ARTICLE.match(text, at)
        start = article.end() if article else at
        if not text[start : start + 1].isupper():
            continue  # "au profit des jeunes", "for the benefit of 300 officials"
        name = name_extent(text[start : start + 200]) or ""
        bare = re.sub(r"\s*\([^()]*\)$", "", name).strip() or name
        if any(c.start == 0 for c in find_countries(bare)):
            continue  # "au bénéfice du Cameroun, du Gabon et du Tchad": countries served, not bodies
        if name and (_a_body(bare) or _cues.words_rx("body_nouns").search(fold(bare))
                                or _cues.words_rx("institution_heads").match(fold(bare))):
            out.append(at)
    return out
