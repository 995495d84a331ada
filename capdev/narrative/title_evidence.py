"""How strong the evidence is that a line is the project's name, and which lines are never one.

A title is given as sure only on strong evidence: a title label, a heading that the record's own labelled facts
(code, dates, budget...) follow at once, a heading that names itself a project ("Projet de renforcement ..."), or
a name the text explicitly gives its project. Everything else a writer puts first (a document's first line, a
press release's headline, an e-mail's subject, a report's section heading) is at most PROPOSED: a reviewer
confirms it. Some lines are never titles: a cookie notice, a breadcrumb, an e-mail's header, a page number.
The words are data (data/title_words.json: never_title_starts, email_headers, subject_prefixes, page_words).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .folding import alternation, fold

if TYPE_CHECKING:
    from .blocks import Block

_DATA = Path(__file__).with_name("data") / "title_words.json"
# Paragraph text allowed between a heading and its labelled facts: a portal page's one-paragraph summary, not a
# press release's body.
_TEXT_BEFORE_FACTS = 700
_BLOCKS_LOOKED_AT = 12
# The labelled fields that are facts of the record (not its narrative, which any document may carry under labels).
_NARRATIVE_FIELDS = frozenset({"summary", "narrative", "background", "objective", "description", "unparsed", "title",
                               "heading", "chrome", "blank"})


def _alternation(phrases: list[str]) -> str:
    return alternation(phrases)


@dataclass(frozen=True)
class _Words:
    never: re.Pattern[str]
    email_header: re.Pattern[str]
    subject: re.Pattern[str]
    page: re.Pattern[str]
    self_named: re.Pattern[str]
    navigation: re.Pattern[str]
    named_quote: re.Pattern[str]
    document_of: re.Pattern[str]
    event_head: re.Pattern[str]
    placeholder: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    alt = {k: _alternation(v) for k, v in data.items() if isinstance(v, list)}
    never = re.compile(rf"^(?:{alt['never_title_starts']})(?![\w'])")
    email_header = re.compile(rf"^(?:{alt['email_headers']})\s*:\s*\S")
    # "Subject: RE: TR: ...", "Objet : RV: ...": one prefix or several, each with its colon.
    subject = re.compile(rf"^(?:(?:{alt['subject_prefixes']})\s*(?:\[\d+\])?\s*:\s*)+")
    page = re.compile(rf"^(?:{alt['page_words']})\.?\s*\d{{1,4}}(?:\s*(?:{alt['page_of']})\s*\d{{1,4}})?$|^\d{{1,4}}\s*"
                      rf"(?:/|{alt['page_of']})\s*\d{{1,4}}$|^[-\u2013\u2014]\s*\d{{1,4}}\s*[-\u2013\u2014]$")
    # "Projet de renforcement ...", "Project on ...", "Programa de ...": a heading that says it names a project.
    self_named = re.compile(rf"^(?:{alt['project_words']})\s+(?:d'|(?:de|du|des|on|for|of|to|para|sobre|pour|sur"
                            r"|del|al|regional|national|national\s+de|nacional|interregional|conjoint|conjunto)(?![\w]))")
    navigation = re.compile(r"(?:\s(?:>|>>|\u203a|\u00bb|/|\|)\s.*){2,}")
    # '"X" (code 1819J)', '« X » (BEN/19/01)', '«X», ... el proyecto del mismo nombre': a quoted phrase the text ties
    # to its project by a code in brackets right after it, or by saying the project bears the same name.
    named_quote = re.compile(
        r"[\"\u201c\u00ab]\s*(?P<name>[^\"\u201c\u201d\u00ab\u00bb]{8,300}?)\s*[\"\u201d\u00bb]"
        r"(?=\s*\((?:(?:code|codigo|ref)\.?\s*:?\s*[a-z0-9][a-z0-9/._-]{0,24}"
        r"|(?=[a-z0-9/._-]{0,24}[a-z/])(?=[a-z0-9/._-]{0,24}\d)[a-z0-9][a-z0-9/._-]{1,24})\)"
        rf"|[^\"\u201c\u201d\u00ab\u00bb]{{0,200}}?(?:{alt['project_words']})\s+(?:{alt['same_name_words']})(?![\w]))")
    # After a document's type: "of the ...", "de la ...", a number ("n° 1234", "E-001234/2022"), then anything.
    document_of = re.compile(rf"^(?:{alt['document_types_of']})\s*(?:(?:{alt['document_of_words']})(?![\w'])|'"
                             r"|(?:n[o\u00b0\u00ba]\.?\s*)?[a-z]{0,3}[-/]?\d[\w/.-]*(?:\s|$))")
    # "Programme of the workshop", "Programme de la journée", "Programa del taller": an event's programme.
    event_head = re.compile(rf"^\S+(?:\s+\S+){{0,3}}?\s+(?:{alt['event_nouns']})(?![\w'])")
    placeholder = re.compile(rf"^(?:{alt['placeholder_values']})"
                             r"(?:\s*(?:n[o\u00b0\u00ba]\.?\s*)?[\divx]{0,4})?[\s.]*$")
    return _Words(never, email_header, subject, page, self_named, navigation, named_quote, document_of, event_head,
                  placeholder)


def document_of(folded: str) -> bool:
    """Is the (folded) line a document's own title: its type, then 'of ...', 'de la ...' or a number?"""
    return bool(_words().document_of.match(folded))


def named_quotes(text: str) -> list[tuple[int, int]]:
    """The spans of the quoted phrases the text ties to its project (a code right after, 'of the same name')."""
    folded = fold(text).lower()
    return [(m.start("name"), m.end("name")) for m in _words().named_quote.finditer(folded)]


# "ROA 2124", "2021C", "BEN/19/01", "DA-1617-B": a project's code alone (a "Project:" label may hold it), no title.
_CODE_ALONE = re.compile(r"^(?=.*\d)[A-Z]{0,6}[\s/._-]?[A-Z0-9]*\d[A-Za-z0-9/._-]*$|^[-\u2013\u2014_.?]+$")


def never_reason(line: str) -> str:
    """Why this line can never be a title ('' when it may be one)."""
    w = _words()
    folded = fold(" ".join(line.split())).lower().strip(" *_#")
    if not folded:
        return ""
    if w.never.match(folded) or "cookie" in folded:
        return "a cookie notice or a navigation link"
    if w.navigation.search(f" {folded}") and len(folded.split()) <= 40 and "\u00ab" not in folded:
        return "a breadcrumb or a menu"
    if w.email_header.match(folded) and not w.subject.match(folded):
        return "an e-mail's header"
    if w.page.match(folded):
        return "a page number"
    if w.placeholder.match(folded) or _CODE_ALONE.match(" ".join(line.split()).strip(" *_#")):
        return "a code or a placeholder"
    return ""


def subject_rest(line: str) -> tuple[bool, str]:
    """(is it an e-mail's subject or a reply's prefix?, the line without it)."""
    text = " ".join(line.split())
    m = _words().subject.match(fold(text).lower())
    if not m:
        return False, text
    return True, text[m.end() :].strip()


def self_named(title: str) -> bool:
    """Does the heading say it is a project's name ("Projet de renforcement des capacités ...")?"""
    folded = fold(title).lower()
    w = _words()
    return bool(w.self_named.match(folded)) and len(title.split()) >= 4 and not w.event_head.match(folded)


def facts_follow(blocks: list[Block], k: int, text: str) -> bool:
    """Do the record's own labelled facts (code, dates, budget...) come right after blocks[k], a summary
    paragraph at most between?"""
    seen_text = 0
    # "DA1617B:" / "Public Service Innovation in Africa": a code header right above the title is one of its facts.
    before = next((b for b in reversed(blocks[max(0, k - 3) : k]) if b.kind != "blank"), None)
    facts = int(before is not None and before.kind == "header")
    for block in blocks[k + 1 : k + 1 + _BLOCKS_LOOKED_AT]:
        if block.kind in ("blank", "chrome"):
            continue
        if block.kind in ("label", "header", "table") and block.field not in _NARRATIVE_FIELDS:
            facts += 1
            if facts >= 2:
                return True
            continue
        if block.kind == "heading" and not facts:
            continue  # "Project details" between the title and its facts
        if block.kind in ("text", "prose", "label"):
            seen_text += block.end - block.start
            if seen_text > _TEXT_BEFORE_FACTS:
                return False
            continue
        return False
    return facts >= 1 and seen_text == 0


_SUBJECT_LINES = 40


def subject_line(text: str) -> str:
    """An e-mail's subject among the first lines of a text ("Subject: RE: X", "Objet : TR: X", "Asunto: RV: X"),
    without its prefixes; '' when there is none."""
    for n, line in enumerate(text.splitlines()):
        if n >= _SUBJECT_LINES:
            break
        is_subject, rest = subject_rest(line.strip(" >*_#"))
        if is_subject and rest:
            return rest
    return ""
