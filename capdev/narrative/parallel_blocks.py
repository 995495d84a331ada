"""Records written as parallel blocks of the same shape, without labels: a portal's search-result cards (a title line,
a meta line "Kenya · Ongoing · 2021–2024", a summary, "Read more"), repeated; for text in which no labelled record
is found.

The blocks are cut at their shared shape: at each title line right above a meta line, or, where the cards have no
meta line, after each navigation line ("Read more", "Lire la suite", "Ver más"), the first card then taking as many
paragraphs as the second (its start guessed, and flagged). A block is a record only when it tells of a project of
its own: its title and a fact (a meta line, a period, an amount, a country...); a block that tells of none (a page's
heading, its footer, an editorial note) joins its neighbour, unplaced. Navigation lines are the page's chrome. The
reading is used only when two blocks or more are records; the words are data/block_words.json.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .folding import fold
from .labels import LabelMatch
from .lines import Line, split_lines
from .named_projects import fact_kinds
from .segment import Block, RawRecord
from .values.money import parse_money
from .values.places import resolve_country, resolve_region
from .values.status import status_category

_DATA = Path(__file__).resolve().parent / "data" / "block_words.json"
_TITLE_WORDS = 16
_PART_WORDS = 6
# "Kenya · Ongoing · 2021–2024", "Bolivia | En ejecución | USD 450 000", "Niger — En cours — 2022-2025".
_SEP = re.compile(r"[ \t]*[\u00b7|\u2022][ \t]*|[ \t]+[\u2013\u2014/-][ \t]+")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_LIST = re.compile(r"\s*(?:,|\band\b|\bet\b|\by\b|&)\s*", re.IGNORECASE)
# A code as the first part of a meta line: capitals and digits joined by "/", "-" or ".", a digit in it ("CVE/040",
# "AFR-031", "PX.2024.7"), or the four digits and a letter or two of a numbered series ("1920K").
_CODE_PART = re.compile(r"(?=[^ ]*\d)(?=[^ ]*[A-Z])[A-Z][A-Z0-9]*(?:[-/.][A-Z0-9]+){1,3}|\d{4}[A-Z]{1,2}")
_DECORATION = re.compile(r"^[ \t]*(?:#{1,6}|\*\*|__)[ \t]*|[ \t]*(?:\*\*|__)[ \t]*$")


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return {k: frozenset(_folded(w) for w in v) for k, v in data.items() if not k.startswith("_")}


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text).lower()).split())


def is_kicker(words: str) -> bool:
    """Are these words a headline's kicker, the kind of item before a colon ("Coming up", "En bref", "Novedad")?"""
    return _folded(words) in _words()["headline_kickers"] or _folded(words) in _words()["box_words"]


def is_navigation(line: str) -> bool:
    """Is a line a card's link ("Read more", "Lire la suite »", "[Ver más]", "Learn more →")?"""
    text = line.strip()
    return 0 < len(text) <= 40 and _folded(text) in _words()["navigation"]


def _fact_field(part: str) -> str | None:
    """The field a meta line's part gives: status, budget, time_frame, countries or region; None if none."""
    if status_category(part):
        return "status"
    if parse_money(part):
        return "budget"
    if _YEAR.search(part) and len(part.split()) <= 4:
        return "time_frame"  # "2021–2024", "2019-2021", "since 2020"
    names = [p.strip() for p in _LIST.split(part) if p.strip()]
    if names and all(resolve_country(p) for p in names):
        return "countries"
    if len(names) == 1 and resolve_region(names[0]):
        return "region"
    return None


def _is_fact(part: str) -> bool:
    return _fact_field(part) is not None


def is_meta_line(line: str) -> bool:
    """Is a line a card's meta line: a few short parts cut by a separator, most of them facts (a country, a status,
    years, an amount)?"""
    text = line.strip()
    if not text or len(text) > 160:
        return False
    parts = [p.strip() for p in _SEP.split(text) if p.strip()]
    if not 2 <= len(parts) <= 7 or any(len(p.split()) > _PART_WORDS for p in parts):
        return False
    facts = sum(_is_fact(p) for p in parts)
    return facts >= 2 and facts * 2 >= len(parts)


def is_title_line(line: str) -> bool:
    """A short line of its own, opening with a capital, with no end punctuation: a card's or a box's title."""
    text = _DECORATION.sub("", line).strip()
    words = text.split()
    if not words or len(words) > _TITLE_WORDS or text[-1:] in ".:;,!?" or is_navigation(text):
        return False
    return (text[0].isupper() or text[0].isdigit() or text[0] in "\u00ab\"\u201c") and not is_meta_line(text)


@lru_cache(maxsize=1)
def _box_rx() -> re.Pattern[str]:
    words = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in _words()["box_words"]), key=len,
                            reverse=True))
    # "Box 3: Title", "Encadré 2 – Title", "Recuadro 1. Title", "Spotlight: Title", "BOX 4" (its title below).
    return re.compile(rf"^[ \t*#_]*(?:{words})\b[ \t]*(?:n[o\u00b0\u00ba]\.?[ \t]*)?"
                      r"(?P<num>\d{1,2}|[IVX]{1,4}|[A-H]\b)?[ \t]*(?P<sep>[:.\u2013\u2014-])?"
                      r"[ \t]*(?P<head>.*?)[ \t*_]*$",
                      re.IGNORECASE)


def box_heading(line: str) -> int | None:
    """Where the headline begins in a box's heading line ("Box 3: Digital ID in Togo", "Encadré 2 – ...", a length
    past the line when its title is on the next line); None when the line is no box heading."""
    m = _box_rx().match(fold(line))
    if not m or not (m.group("num") or m.group("sep")) or len(line.split()) > _TITLE_WORDS:
        return None
    head = m.group("head")
    if head and not is_title_line(line[m.start("head") :]):
        return None
    return m.start("head") if head else len(line)


def _box_starts(lines: list[Line], filled: list[int]) -> list[int]:
    out = []
    for n, k in enumerate(filled):
        at = box_heading(lines[k].text)
        if at is None:
            continue
        if at >= len(lines[k].text.rstrip()) and not (n + 1 < len(filled) and is_title_line(lines[filled[n + 1]].text)):
            continue  # "Box 3" alone, with no title below it
        out.append(k)
    return out


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "premiere": 1, "premier": 1, "deuxieme": 2,
             "seconde": 2, "troisieme": 3, "quatrieme": 4, "primera": 1, "segunda": 2, "tercera": 3,
             "cuarta": 4, "one": 1, "two": 2, "three": 3, "four": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}
_PHASE = re.compile(r"\b(?:(?P<before>first|second|third|fourth|premi[e\u00e8]re|deuxi[e\u00e8]me|seconde|"
                    r"troisi[e\u00e8]me|quatri[e\u00e8]me|primera|segunda|tercera|cuarta)\s+(?:phase|fase|[e\u00e9]tape)|"
                    r"(?:phase|fase|[e\u00e9]tape)\s+(?P<after>\d{1,2}|[IVX]{1,4}\b|one|two|three|four))",
                    re.IGNORECASE)


def phase_of(text: str) -> int | None:
    """The phase a text tells of ("Phase II", "la deuxième phase", "la fase 2"), the first it names; None if none."""
    m = _PHASE.search(text)
    if not m:
        return None
    word = fold(m.group("before") or m.group("after")).lower()
    return int(word) if word.isdigit() else _ORDINALS.get(word)


def _paragraph_starts(lines: list[Line]) -> list[int]:
    return [k for k, ln in enumerate(lines) if ln.text.strip() and (k == 0 or not lines[k - 1].text.strip())]


def _nonblank(lines: list[Line]) -> list[int]:
    return [k for k, ln in enumerate(lines) if ln.text.strip()]


def _meta_starts(lines: list[Line], filled: list[int]) -> list[int]:
    """The title lines right above a meta line (a labelled line, "Contact : ...", is no card's title)."""
    from .labels import match_label

    return [k for k, nxt in zip(filled, filled[1:]) if is_title_line(lines[k].text) and is_meta_line(lines[nxt].text)
            and match_label(lines[k].text) is None]


def _navigation_starts(lines: list[Line], filled: list[int]) -> tuple[list[int], bool]:
    """The first line of each card that a navigation line closes; (starts, whether the first one is guessed)."""
    navs = [k for k in filled if is_navigation(lines[k].text)]
    if len(navs) < 2:
        return [], False
    starts = []
    for nav in navs[:-1]:
        nxt = next((k for k in filled if k > nav), None)
        if nxt is None or not is_title_line(lines[nxt].text):
            return [], False  # what follows a link is no card: not this shape
        starts.append(nxt)
    # The first card takes as many paragraphs as the second, counted back from its link.
    paragraphs = _paragraph_starts(lines)
    second = [p for p in paragraphs if starts[0] <= p < navs[1]]
    before = [p for p in paragraphs if p < navs[0]]
    if not second or len(before) < len(second):
        return [], False
    first = before[-len(second)]
    if not is_title_line(lines[first].text):
        return [], False
    return [first, *starts], True


def card_records(text: str, navigation: bool = False) -> tuple[list[RawRecord], bool]:
    """One record per card (or box) that tells of a project, and whether the cuts are guessed; ([], False) unless
    two cards or more do. Cards cut by their navigation lines only (navigation=True) are the last reading: a
    newsletter's headlines or datelines say better where its items begin."""
    lines = split_lines(text)
    filled = _nonblank(lines)
    if navigation:
        starts, guessed = _navigation_starts(lines, filled)
        boxes = False
    else:
        starts, guessed, boxes = _meta_starts(lines, filled), False, False
        if len(starts) < 2:
            starts, boxes = _box_starts(lines, filled), True
    if len(starts) < 2:
        return [], False
    ends = [lines[k].start for k in starts[1:]] + [_page_foot(lines, starts[-1], len(text))]
    records: list[RawRecord] = []
    before: list[Block] = []
    if lines[starts[0]].start > 0:
        before.append(Block("unparsed", "text", 0, lines[starts[0]].start, 0))
    for k, end in zip(starts, ends):
        blocks = _box_blocks(text, lines, k, end) if boxes else _card_blocks(text, lines, k, end, not guessed)
        body = text[lines[k].start : end]
        own = fact_kinds(body) >= 1 or any(is_meta_line(ln.text) for ln in lines[k : k + 3])
        if own:
            records.append(RawRecord([*before, *blocks]))
            before = []
        else:
            # No project of its own (an editorial note, a page's footer): kept, unplaced, with its neighbour.
            tail = Block("unparsed", "text", lines[k].start, end, lines[k].start)
            (records[-1].blocks if records else before).append(tail)
    if len(records) < 2:
        return [], False
    if before:
        records[-1].blocks.extend(before)
    if ends[-1] < len(text):  # the page's foot under the last card ("Contact : ..."): kept, unplaced
        records[-1].blocks.append(Block("unparsed", "text", ends[-1], len(text), ends[-1]))
    return records, guessed


def _page_foot(lines: list[Line], k: int, end: int) -> int:
    """Where the page's foot begins below the last card (from line k): a paragraph opening with a contact label
    ("Contact : Ambassade ...", "Contacto: ..."), which tells of the page, not of the card; end when there is none."""
    from .labels import match_label

    for j in range(k + 2, len(lines)):
        if lines[j].text.strip() and not lines[j - 1].text.strip():
            found = match_label(lines[j].text)
            if found is not None and found.field == "contact":
                return lines[j].start
    return end


def _card_blocks(text: str, lines: list[Line], k: int, end: int, sure: bool) -> list[Block]:
    """A card's title line (its title), its meta line and summary (read as prose), its link (chrome) and, after the
    link, what is no part of it (kept, unplaced)."""
    title_end = lines[k].stop
    # Above a meta line, the title line is the card's title by its place in the shape the cards share: read as if
    # labelled. Above a summary only, it may be a headline: a title line, which a name in the text may overrule.
    lab = LabelMatch("title", "", 0, 0, 0, True, sep="typed")
    blocks = [Block("title", "label", lines[k].start, title_end, lines[k].start, label=lab, value_on_label_line=True)
              if sure else Block("title", "text", lines[k].start, title_end, lines[k].start)]
    j = k + 1
    nav = None
    while j < len(lines) and lines[j].start < end:
        if is_navigation(lines[j].text):
            nav = j
            break
        j += 1
    body_end = lines[nav].start if nav is not None else end
    meta = next((ln for ln in lines[k + 1 : k + 3] if ln.start < body_end and ln.text.strip()), None)
    if meta is not None and is_meta_line(meta.text):
        blocks.extend(_meta_blocks(text, title_end, meta))
        title_end = meta.stop
    if body_end > title_end:
        blocks.append(Block("summary", "prose", title_end, body_end, title_end))
    if nav is not None:
        blocks.append(Block("chrome", "chrome", lines[nav].start, lines[nav].stop, lines[nav].stop))
        if lines[nav].stop < end:
            kind = "text" if text[lines[nav].stop : end].strip() else "blank"
            blocks.append(Block("unparsed", kind, lines[nav].stop, end, lines[nav].stop))
    return blocks


def _meta_blocks(text: str, start: int, meta: Line) -> list[Block]:
    """A meta line's parts, each the value of the field it gives (as if labelled); a part that gives none is kept,
    unplaced. Each block runs from the end of the part before it (its separator) to the end of its part."""
    blocks: list[Block] = []
    at, was = start, meta.start
    parts = []
    for m in _SEP.finditer(meta.text):
        parts.append((was, meta.start + m.start()))
        was = meta.start + m.end()
    parts.append((was, meta.end))
    for n, (a, b) in enumerate(parts):
        part = text[a:b].strip()
        end = meta.stop if n == len(parts) - 1 else b
        field = _fact_field(part) if part else None
        if field is None and n == 0 and _CODE_PART.fullmatch(part):
            field = "code"  # "CVE/040 - En cours - 2022-2026": the card's code first
        if field is None:
            blocks.append(Block("unparsed", "text", at, end, a))
        else:
            lab = LabelMatch(field, "", 0, 0, 0, True, sep="typed")
            blocks.append(Block(field, "label", at, end, a, label=lab, value_on_label_line=True, last_text=part))
        at = end
    return blocks


def _box_blocks(text: str, lines: list[Line], k: int, end: int) -> list[Block]:
    """A box's heading ("Box 3:", kept as a heading), its headline (its title), its first paragraph (read as prose)
    and the paragraphs after it: more of it when they state a fact, else an editorial paragraph between the boxes
    (kept, unplaced)."""
    at = box_heading(lines[k].text) or 0
    lab = LabelMatch("title", "", 0, 0, 0, True, sep="typed")
    j = k
    blocks = []
    if at >= len(lines[k].text.rstrip()):
        blocks.append(Block("heading", "heading", lines[k].start, lines[k].stop, lines[k].stop))
        j = next(n for n in range(k + 1, len(lines)) if lines[n].text.strip())
        if lines[j].start > lines[k].stop:
            blocks[-1].end = lines[j].start
        blocks.append(Block("title", "label", lines[j].start, lines[j].stop, lines[j].start, label=lab,
                            value_on_label_line=True))
    else:
        blocks.append(Block("heading", "heading", lines[k].start, lines[k].start + at, lines[k].start + at))
        blocks.append(Block("title", "label", lines[k].start + at, lines[k].stop, lines[k].start + at, label=lab,
                            value_on_label_line=True))
    first = next((n for n in range(j + 1, len(lines)) if lines[n].start < end and lines[n].text.strip()), None)
    later = [p for p in _paragraph_starts(lines) if first is not None and lines[first].start < lines[p].start < end]
    cuts = [lines[j].stop, *(lines[p].start for p in later), end]
    for n, (a, b) in enumerate(zip(cuts, cuts[1:])):
        if a >= b:
            continue
        if n == 0:
            blocks.append(Block("summary", "prose", a, b, a))
        elif fact_kinds(text[a:b]):
            blocks.append(Block("narrative", "text", a, b, a))
        else:
            blocks.append(Block("unparsed", "text" if text[a:b].strip() else "blank", a, b, a))
    return blocks
