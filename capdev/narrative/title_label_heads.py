"""A title's label written as a form's section heading, the title on the lines under it.

Forms number their parts and put the title's label on a line of its own: "SECTION B - INTITULÉ DE L'APPUI DEMANDÉ" /
"Appui à l'élaboration ...", "Part 2. Title of the action" / "...", "3. Nombre de la solicitud" / "...". The heading
is a title label once its numbering is cut off: a title noun (data/title_words.json: label_nouns) alone, or with
what it is the title of (titled_things: a project, an action, a request, a support ...), in a few words. The lines
under it, up to a blank line, are the title when they are one (title_choice.rejection). A name or a title of a
person ("Name of the focal point") is never read: what the noun is of must be one of the titled things.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .folding import fold
from .title_choice import clean, rejection
from .title_evidence import _alternation

_DATA = Path(__file__).with_name("data") / "title_words.json"
_LINES = 120  # a form's title is among its first lines
_MAX_TITLE_LINES = 3
_MIN_WORDS = 3
_PERSONS_TOO = frozenset({"name", "nom", "nombre"})
# "SECTION B -", "Part 2.", "Rubrique 3 :", "Sección II –", "B.", "2.1", "IV)": a form's numbering of its parts.
_NUMBERING = (r"(?:(?:section|part|partie|rubrique|seccion|parte|apartado)\s+[a-z0-9]{1,4}\s*[-:.)\u2013\u2014]?\s*"
              r"|(?:\d{1,2}(?:\.\d{1,2}){0,2}|[ivx]{1,4}|[a-h])[.)]\s*)?")


@lru_cache(maxsize=1)
def _heading() -> re.Pattern[str]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    nouns, things = _alternation(data["label_nouns"]), _alternation(data["titled_things"])
    # A name alone may be a person's ("Nom", "Nombre"): only a title's own nouns stand without what they name.
    bare = _alternation([n for n in data["label_nouns"] if fold(n).lower() not in _PERSONS_TOO])
    article = r"(?:of\s+(?:the\s+|this\s+)?|de\s+(?:la\s+|l'|l\u2019)?|du\s+|des\s+|del\s+|de\s+los\s+|de\s+las\s+)"
    of_thing = rf"\s+{article}(?:{things})(?![\w'])[^:.\n]{{0,30}}"
    return re.compile(rf"^{_NUMBERING}(?:(?:{things})\s+(?:{nouns})|(?:{nouns}){of_thing}|(?:{bare}))\s*:?\s*$")


def title_under_label_heading(text: str) -> str:
    """The title written under a title label that stands alone on its line, numbered as a form's part; ''."""
    lines = text.replace("\r", "").split("\n")[:_LINES]
    for n, line in enumerate(lines):
        if not line.strip() or not _heading().match(fold(" ".join(line.split())).lower().strip(" *_#")):
            continue
        under: list[str] = []
        for nxt in lines[n + 1 : n + 1 + _MAX_TITLE_LINES + 1]:
            if not nxt.strip():
                break
            under.append(nxt.strip())
        if not under or len(under) > _MAX_TITLE_LINES:
            return ""
        title = clean(" ".join(under))
        return title if len(title.split()) >= _MIN_WORDS and not rejection(title) else ""
    return ""
