"""Lines that look like a title and are no project's name, by what they are (round 18b).

A candidate title is set aside, in English, French and Spanish alike, when it is:
- a person's job or position, and nothing of a project: a contact card's or a signature's "TITLE:" ("Project
  Coordinator", "Head, Local Government Programmes", "Vice-Rector (International Relations)", "Chef de projet",
  "Jefa de la Unidad de Planificación"); a post followed by "of" and an activity ("Head of State Protocol Training")
  may be a name and is left alone;
- a table of contents' entry: dot leaders, then a page number ("Introduction ..... 1", "Annexes ...... iv");
- a fragment of prose: a phrase opening on a small function word ("the only workshop where ...", "la seule ...")
  or a participle and its agent ("co-funded by Canada", "financé par ...");
- a speaker's line: a given name, a colon, a sentence ("MARCOS: Y siguiendo con la gestión ...");
- a machine's field ("PRODID:-//Apple Inc.//...", "N:Banda;Chikondi;;Dr;") or a book's imprint ("ISBN 978-...");
- the tail of a table's row: a value cut from a row of cells set apart by "|" ("Objet de la mission | Visa" after
  "... | Projet |") is a row's cells, never a name (table_row_tail, which reads the record's text).
The words are data (data/title_posts.json; title_words.json: title_nouns, connectors).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .folding import alternation, fold

_DATA = Path(__file__).with_name("data")
POST = "a person's job or position, not a project's name"
CONTENTS = "a table of contents' entry (dot leaders and a page number)"
FRAGMENT = "a fragment of prose, not a name"
ROW_TAIL = "the tail of a table's row of cells"
FIELD = "a machine's field or a book's imprint"
SPEAKER = "a speaker's line (a transcript, a chat), not a name"
NEVER = frozenset({POST, CONTENTS, ROW_TAIL, FIELD})

_MAX_POST_WORDS = 8
_DETERMINERS = ("this", "that", "these", "those", "our", "my", "only", "ce", "cet", "cette", "ces", "notre", "nos",
                "este", "esta", "estos", "estas", "ese", "esa", "nuestro", "nuestra", "su", "sus", "son", "sa", "ses")
_AGENT = re.compile(r"^[a-z][\w-]*(?:ed|e|es|ee|ees|ado|ada|ados|adas|ido|ida)\s+(?:by|par|por)\s")
# "PRODID:-//Apple Inc.//...", "N:Banda;Chikondi", "ISBN 978-92-1-...": a machine's field or a book's imprint.
_FIELD = re.compile(r"^[A-Z][A-Z0-9_-]{0,15}(?:;[^:\s]*)?:(?=\S)|(?<![\w])(?:ISBN|ISSN|DOI)(?![\w])")
_CONTENTS = re.compile(r"(?:(?:\.\s?){4,}|\u2026{2,}|(?:\u00b7\s?){4,}|_{4,})\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$",
                       re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    posts = json.loads((_DATA / "title_posts.json").read_text(encoding="utf-8"))
    words = json.loads((_DATA / "title_words.json").read_text(encoding="utf-8"))
    post, mod = alternation(posts["post_words"]), alternation(posts["post_modifiers"])
    lead = rf"^(?:(?:{mod})(?:\s+|-))*(?:{post})(?![\w-])(?:\s+(?:{mod})(?![\w-]))*"
    # "Head, Local ...", "Vice-Rector (International Relations)", "Second Secretary": a post, then an aside or none.
    alone = re.compile(rf"{lead}\s*(?:$|\\?[,;]|[(/:]|[-\u2013\u2014]\s)")
    # "Director of Public Administration", "Chef de projet", "Jefa de la Unidad de ...": the post and its unit.
    of = re.compile(rf"{lead}\s+(?:of|de|du|des|del|d'|for|pour|para|in|en|at|a|au|aux)(?![\w-])")
    # "Project Coordinator", "Programme Manager", "National Project Officer": the post closes a short line.
    last = re.compile(rf"(?<![\w-])(?:{post})$")
    nouns = re.compile(rf"(?<![\w'])(?:{alternation(words['title_nouns'])})(?![\w'])")
    connectors = frozenset(fold(c).lower() for c in words["connectors"])
    return alone, of, last, nouns, connectors


def _post(folded: str) -> bool:
    alone, of, last, nouns, connectors = _patterns()
    words = folded.split()
    if not words or len(words) > _MAX_POST_WORDS:
        return False
    if alone.match(folded):
        return True
    if nouns.search(folded):
        return False  # "Head of State Protocol Training", "Chief Officers' capacity building": an activity is named
    if of.match(folded):
        return True
    return bool(last.search(folded)) and len(words) <= 5 and not any(w in connectors for w in words)


# "MARCOS: Y siguiendo con ...", "Ana Pérez: ya llegamos a ...": a given name (and another word), a colon, a sentence.
_SPEAKER = re.compile(r"^(?P<name>[^\W\d_][\w'-]*)(?:\s+[^\W\d_][\w'-]*)?\s*:\s+(?P<rest>\S.*)$")
_SPEAKER_WORDS = 4
# A name quoted in small letters ("la maison du citoyen") may be short; a phrase of prose runs longer.
_FRAGMENT_WORDS = 5


def _speaker(text: str) -> bool:
    from .values.person_names import given_names
    m = _SPEAKER.match(text)
    return bool(m) and fold(m.group("name")).casefold() in given_names() and len(
        m.group("rest").split()) >= _SPEAKER_WORDS


def not_a_name(title: str, kind: str = "") -> str:
    """Why this (cleaned) candidate is no project's name ('' when it may be one). kind: label | prose | heading."""
    text = " ".join(title.split())
    folded = fold(text).lower().strip(" *_#")
    if not folded:
        return ""
    if _CONTENTS.search(text):
        return CONTENTS
    if _FIELD.search(text):
        return FIELD
    if _post(folded.strip(" .")):
        return POST
    if _speaker(text):
        return SPEAKER
    first = text.split()[0]
    if kind != "label" and first[:1].islower() and not re.match(r"[a-z]{1,2}-?[A-Z]|[a-z]-", first):
        f = fold(first).lower()
        opener = f in _patterns()[4] or f in _DETERMINERS
        if opener and len(folded.split()) >= _FRAGMENT_WORDS or _AGENT.match(folded):
            return FRAGMENT
    return ""


def table_row_tail(title: str, text: str) -> str:
    """ROW_TAIL when the title holds a cell separator and is the end of a line of the text that holds at least two
    more ("Date | ... | Projet | Objet de la mission | Visa"); '' otherwise."""
    if "|" not in title:
        return ""
    tail = " ".join(title.split())
    for line in text.splitlines():
        joined = " ".join(line.split()).strip(" |")
        if joined.endswith(tail) and joined[: len(joined) - len(tail)].count("|") >= 2:
            return ROW_TAIL
    return ""


def set_aside_row_tail(rec) -> None:
    """rec: a Record. Its title, when the tail of a table's row of cells, is no name: none is placed, flagged."""
    if rec.title and table_row_tail(rec.title, rec.text or ""):
        rec.flag("title", f"no title in text: {rec.title!r} is {ROW_TAIL}")
        rec.title, rec.title_is_proposed = "", False
