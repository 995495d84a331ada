"""A list of acronyms whose entries describe projects, cut at each such entry.

An annual report's annex of acronyms ("PARCA ...... Projet d'appui ... Financé par ...; coût total : ..."), a
logbook's key to its project column ("PADFE = Projet d'appui ... — Union européenne — 8 500 000 EUR — 2024-2027"):
each entry is an acronym, then a leader, an equals sign, a colon, a dash or a wide space, then what it stands for,
its description running on lines indented under it. Read as one record, the projects' facts run together under
the page's title. An entry is a project's when what it stands for opens with a word for a project (data:
prose_cues.json "project_words") and its description states two kinds of a project's facts, one of them an amount
or a period (item_cuts.has_facts); with two such entries or more, the text is cut at each. The entry's name (up to
its first full stop, dash, semicolon or comma) is its record's title, its description its text; the other entries
(an agency's acronym, a former programme "cited for the record" with a period only), the page's head and what
follows the list are the document's, kept as chrome.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .blocks import RawRecord
from .contents_entries import Piece, cut_entries
from .folding import alternation, fold
from .item_cuts import has_facts
from .lines import Excerpt, split_lines

_DATA = Path(__file__).parent / "data" / "prose_cues.json"
# "PARCA ...... Projet ...", "PADFE = Projet ...", "PREFOR-ENAM  Projet ...", "SIGRH : Projet ...".
_ENTRY = re.compile(r"^(?P<indent>[ \t]{0,4})(?P<key>[A-Z][\w/&.-]{1,24}?)(?:[ \t]*(?:\.[ \t]?){2,}|[ \t]*[=:]"
                    r"|[ \t]+[\u2013\u2014-]|[ \t]{2,})[ \t]*(?P<name>\S.*)$")
_CAPITALS = re.compile(r"[A-Z].*[A-Z]")
_NAME_END = re.compile(r"\.(?=\s|$)|\s[\u2013\u2014-]\s|;|,\s|\s\(")


@lru_cache(maxsize=1)
def _project_word() -> re.Pattern[str]:
    words = json.loads(_DATA.read_text(encoding="utf-8"))["project_words"]
    return re.compile(rf"(?:{alternation(words)})(?![\w'])")


def _entry(line: str) -> re.Match[str] | None:
    m = _ENTRY.match(line)
    if not m or not _CAPITALS.search(m.group("key")):
        return None
    return m


def glossary_starts(text: str, base: int) -> list[tuple[int, int, int, int, int]]:
    """(entry line's start, name's start, name's end, description's start, its end) for each entry that describes
    a project, offsets in the whole text, when two entries or more do; [] otherwise."""
    lines = split_lines(text)
    found: list[tuple[int, int, int, int, int]] = []
    k = 0
    while k < len(lines):
        m = _entry(lines[k].text)
        if not m:
            k += 1
            continue
        indent = len(m.group("indent"))
        j = k + 1
        # The description runs on the lines indented under the entry's acronym.
        while j < len(lines) and lines[j].text.strip() and (
                len(lines[j].text) - len(lines[j].text.lstrip())) > indent and not _entry(lines[j].text[indent:]):
            j += 1
        name = m.group("name")
        start = lines[k].start
        body = text[start + m.start("name") : lines[j - 1].stop]
        if _project_word().match(fold(name).casefold()) and has_facts(body):
            cut = _NAME_END.search(name)
            name_end = start + m.start("name") + (cut.start() if cut else len(name.rstrip()))
            found.append((base + start, base + start + m.start("name"), base + name_end, base + name_end,
                          base + lines[j - 1].stop))
        k = j
    return found if len(found) >= 2 else []


def split_glossary(raw: RawRecord, text: Excerpt) -> list[Piece]:
    """The record, or its pieces cut at each entry of a list of acronyms that describes a project."""
    if raw.news or raw.sections or not raw.blocks:
        return [(raw, text)]
    found = glossary_starts(text[raw.start : raw.end], raw.start)
    if not found:
        return [(raw, text)]
    return cut_entries(raw, text, found)
