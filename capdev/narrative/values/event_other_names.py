"""An event told as held by a project the text names by another name than the record's: another project's event.

"Le projet « Registre foncier rural » a quant à lui tenu un atelier à Maradi", 'the "Open Courts" programme held
a seminar in Kisumu', "el proyecto «Catastro Rural» realizó un taller en Sucre": the event's own sentence names a
project by its quoted name, and that name is not the record's title (nor a short form of it). The event is kept in
the text and flagged, never counted. A quoted name that is the record's title, a name of one word (maybe its
acronym), a record whose title is only proposed, or a sentence naming no project so, says nothing.
"""
from __future__ import annotations

import re
import unicodedata

_NOUN = r"(?:projects?|projets?|proyectos?|programmes?|programs?|programas?|initiatives?|iniciativas?)"
_NAMING = r"(?:\s+(?:called|named|entitled|titled|intitul[ée]e?|d[ée]nomm[ée]e?|denominad[oa]|llamad[oa]|titulad[oa]))?"
_OPEN, _CLOSE = "\u00ab\"\u201c", "\u00bb\"\u201d"
_AFTER = re.compile(rf"\b{_NOUN}{_NAMING}\s*[{_OPEN}]\s*(?P<name>[^{_CLOSE}\n]{{4,160}}?)\s*[{_CLOSE}]", re.I)
_BEFORE = re.compile(rf"[{_OPEN}]\s*(?P<name>[^{_CLOSE}\n]{{4,160}}?)\s*[{_CLOSE}]\s+{_NOUN}\b", re.I)
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s")
_SAME_SHARE = 0.6  # of the quoted name's words found in the title: the same project


def _words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return {w for w in re.findall(r"[a-z0-9]+", folded) if len(w) > 2}


def other_named_project(summary: str, title: str | None) -> str | None:
    """The quoted name of another project the event's first sentence gives as its own, else None."""
    if not title:
        return None
    first = _FIRST_SENTENCE.split(summary[:400], maxsplit=1)[0]
    own = _words(title)
    for rx in (_AFTER, _BEFORE):
        for m in rx.finditer(first):
            name = _words(m.group("name"))
            if len(name) >= 2 and len(name & own) / len(name) < _SAME_SHARE:  # "« RCFL »": maybe its acronym
                return m.group("name")
    return None
