"""A title and a project's code written in one value, and the parts a subject line carries around a title.

A form or a table often puts a project's code and its name in one cell or after one label: "Projet : BEN-FIN-2024-02
- Renforcement des capacités ..." (the code in front, a dash between), "Intervention (code)" / "Programme d'appui à
la réforme de l'administration publique (PARAP) FED/2022/437-118" (the name, its acronym, then the code). The code
is a word of capitals and digits joined by slashes, dots or hyphens (code_choice.CODE_TOKEN) or a number of six
digits or more; the name is what is left when it is a title's shape. An e-mail's subject carries a title among the
parts a writer adds to it ("Final report - X (RW-LAND-031)", "X - rapport annuel 2024", "X – informe final"): the
parts that are a document's type, a code in brackets or a date are cut off; the one part left may be the title.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .code_choice import CODE_TOKEN, not_a_code
from .folding import fold_key
from .title_choice import clean, rejection
from .title_evidence import facts_follow, self_named
from .title_glue import status_words

if TYPE_CHECKING:
    from .blocks import Block
    from .lines import Excerpt

# The code in front of the title, then a dash, a colon or a vertical bar (the code's own hyphens have no space).
_CODE_FRONT = re.compile(rf"^\s*(?P<code>{CODE_TOKEN})\s*(?:[:|]|\s[-\u2013\u2014])\s*(?P<rest>\S.*)$")
_NUMBER_FRONT = re.compile(r"^\s*(?P<code>\d{6,12})\s*(?:[:|]|\s[-\u2013\u2014])\s*(?P<rest>\S.*)$")
# A code of capitals and digits with a slash ("PER/22/004 Fortalecimiento ..."): a space is separator enough
# before a capital.
_CODE_SPACE = re.compile(rf"^\s*(?P<code>(?=\S*/)(?:{CODE_TOKEN}))\s+(?P<rest>[A-Z\u00c0-\u00de].*)$")
# "(ongoing)", "[clôturé]", " - completed", " – en cours": a project's status glued to its title's end.
_STATUS_END = re.compile(r"\s*(?:[(\[]\s*(?P<a>[^()\[\]]{2,30}?)\s*[)\]]|\s[-\u2013\u2014|]\s*"
                         r"(?P<b>[^-\u2013\u2014|]{2,30}?))[\s.]*$")
# "(PARAP)", "(ProGoL)": an acronym in brackets at a name's end.
_ACRONYM_END = re.compile(r"\((?=[^)]*[A-Z][^)]*[A-Z])[A-Za-z][A-Za-z0-9-]{1,14}\)$")
# The parts of a subject line: a spaced dash, a vertical bar.
_PARTS = re.compile(r"\s+[-\u2013\u2014|]\s+")
_CODE_IN_BRACKETS = re.compile(rf"\s*[(\[](?:{CODE_TOKEN})[)\]]\s*$")
_MIN_WORDS = 3
_CUT = frozenset({"a document's type or part", "a publication's name", "a date"})
_NARRATIVE = frozenset({"summary", "narrative", "background", "objective", "description", "unparsed", "title"})


def name_shaped(name: str) -> bool:
    """Is the text a project's name by its shape: a project word and what it is of, or words and an acronym?"""
    name = clean(name)
    if len(name.split()) < _MIN_WORDS or rejection(name):
        return False
    return self_named(name) or bool(_ACRONYM_END.search(name))


def code_in_front(title: str) -> tuple[str, str]:
    """("BEN-FIN-2024-02", "Renforcement des capacités ...") for a code and a separator before a title; ("", title)
    when the line does not start so or what follows is no title."""
    m = (_CODE_FRONT.match(" ".join(title.split())) or _CODE_SPACE.match(" ".join(title.split()))
         or _NUMBER_FRONT.match(" ".join(title.split())))  # "00131207 | Strengthening ...": a number of six digits
    code = m.group("code") if m else ""
    if not m or not_a_code(code) or (len(re.findall(r"\d", code)) < 3 and len(re.split(r"[/.-]", code)) < 3):
        return "", title  # "COVID-19 - Response ...": a name with a number, no code
    rest = clean(m.group("rest"))
    if len(rest.split()) < _MIN_WORDS or rejection(rest):
        return "", title
    return m.group("code"), rest


def without_status(title: str) -> tuple[str, str]:
    """(the title, the status cut off its end) for "X (ongoing)", "X [clôturé]", "X – en ejecución"; (title, '')."""
    m = _STATUS_END.search(title)
    if not m or fold_key(m.group("a") or m.group("b")) not in status_words():
        return title, ""
    kept = title[: m.start()].rstrip(" ,;:")
    return (kept, m.group("a") or m.group("b")) if len(kept.split()) >= _MIN_WORDS else (title, "")


def subject_title(subject: str) -> str:
    """The one part of an e-mail's subject that may be a title, its document's type, a date and a code in brackets
    cut off; '' when no part or more than one is left."""
    text = _CODE_IN_BRACKETS.sub("", " ".join(subject.split()))
    parts = [clean(p) for p in _PARTS.split(text)]
    why = [rejection(p) for p in parts if p]
    kept = [p for p in parts if p and not rejection(p)]
    if len(kept) != 1 or len(parts) < 2 and kept[0] == clean(subject) or any(w and w not in _CUT for w in why):
        return ""  # the other parts must be what a writer adds to a title: its document, a date
    return kept[0] if len(kept[0].split()) >= _MIN_WORDS else ""


def _code_line() -> re.Pattern[str]:
    # "Project 00131457", "Projet n° BEN/19/01", "Proyecto GT-T1234 (en preparación)": a project word and a code.
    return re.compile(r"^(?:project|projet|proyecto|programme|program|programa)\s+(?:n[o\u00b0\u00ba]\.?\s*|#\s*)?"
                      r"(?=[\w/.-]*\d)[a-z0-9][\w/.-]{2,24}(?:\s*\([^)]{0,30}\))?$", re.IGNORECASE)


def title_under_code_line(blocks: list[Block], text: Excerpt) -> str:
    """The line between a line that gives the project's code ("Project 00131457") and the record's first labelled
    facts, nothing else between: the project's title wherever the record's head puts it; '' otherwise."""
    first = next((k for k, b in enumerate(blocks) if b.kind == "label" and b.field not in _NARRATIVE), None)
    if first is None or first < 2:
        return ""
    line, code = blocks[first - 1], blocks[first - 2]
    if line.kind != "text" or code.kind != "text" or code.end != line.start or line.end != blocks[first].start:
        return ""
    body, head = text[line.start : line.end].strip(), " ".join(text[code.start : code.end].split())
    if "\n" in body or not _code_line().match(head) or not facts_follow(blocks, first - 1, text):
        return ""
    title = clean(body)
    return title if len(title.split()) >= _MIN_WORDS and not rejection(title) else ""
