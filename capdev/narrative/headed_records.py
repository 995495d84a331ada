"""Records that a document's headings divide, for text in which no labelled record is found: a report's numbered
sections ("3.1 Appui à la planification ...", one project per section, named by its heading), a newsletter's
capitalised headlines, each followed by its item's paragraph.

A heading says "a new item starts here"; an item is a record when its text tells of a project (values/prose.py).
Numbered headings divide at the level of the first section that tells of a project: a heading of that level or a
higher one ("4. Recherche" after "3.3 ...") closes the record, a lower one ("3.1.2") goes on inside it. Headlines in
capitals divide wherever they stand. The reading is used only when two items or more are records; the words of the
rule (words before a section number, the headings of a table of contents) are data/section_headings.json.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .lines import Line, split_lines
from .named_projects import fact_kinds
from .record_evidence import has_own_evidence, is_project_section, is_section_name, own_code
from .run_in_heads import heading_title, title_end
from .segment import Block, RawRecord
from .values import dates as _dates
from .values.prose import project_name, tells_of_a_project
from .values.prose_facts import has_project_evidence

_DATA = Path(__file__).resolve().parent / "data" / "section_headings.json"
_HEADING_WORDS = 16  # a heading is a line of a few words
_NUMBER = r"(?P<number>(?:\d{1,2}|[IVX]{1,4}|[A-H])(?:\.\d{1,2}){0,3}|[IVX]{1,4}-\d{1,2}(?=\.))\.?\)?"


@lru_cache(maxsize=1)
def _words() -> dict[str, list[str]]:
    return json.loads(_DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _numbered() -> re.Pattern[str]:
    before = "|".join(re.escape(w) for w in sorted(_words()["number_words"], key=len, reverse=True))
    # "3.1 Appui ...", "II. Projets", "Section 2 – Title", "Capítulo 4: Title": a number, then a title in capitals.
    return re.compile(rf"^\s*(?:(?i:{before})\s+)?{_NUMBER}[ \t]*[-\u2013\u2014:]?[ \t]+"
                      r"(?=[A-Z\u00c0-\u00de\u00ab\"\u201c])")


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _short(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= _HEADING_WORDS and text.rstrip()[-1:] not in ".:;,!?"


def numbered_heading(text: str, run_in: bool = False) -> tuple[int, int] | None:
    """(level, where the heading's title begins) of a numbered section heading ("3.1 Title": 2); None if none.
    With run_in, a numbered paragraph opening on its title and a stop (run_in_heads.py) is one too."""
    m = _numbered().match(text)
    if not m or not (_short(text[m.end():]) or run_in and title_end(text, m.end()) is not None):
        return None
    number = m.group("number")
    found = _dates.find_dates(text[m.start("number"):m.start("number") + 40])
    if found and found[0].start == 0:
        return None  # "12 March 2021: launch": a date, not a section's number
    if not (number[0].isdigit() or "." in text[m.start("number"):m.end()] or ")" in text[m.start("number"):m.end()]):
        return None  # "A Title" or "I Title": a letter alone is a word, not a number
    return number.count(".") + number.count("-") + 1, m.end()


def capital_headline(text: str) -> bool:
    """Is a line a headline in capitals ("NEW COMPETENCY TOOLKIT FOR ...", "BREVES"): letters nearly all upper case?"""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 5 or not _short(text.strip(" \t-=*#")):
        return False
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters)


_PROJECT_WORD = re.compile(r"\b(?:project|projet|proyecto|programme|program|programa|initiative|iniciativa)s?\b",
                           re.IGNORECASE)


def _names_a_project(body: str) -> bool:
    return bool(_PROJECT_WORD.search(body)) and has_project_evidence(body)


def _sibling_facts(kind: object, text: str) -> bool:
    return kind != "caps" and fact_kinds(text) >= 3


def _several_projects(body: str) -> bool:
    """Do two paragraphs of a section name two different projects (each its code or quoted title)?"""
    names = {project_name(p) for p in re.split(r"\n[ \t]*(?:\r?\n|\r)", body) if p.strip()}
    names.discard(None)
    return len(names) > 1


def _contents(text: str) -> bool:
    return _fold(text) in {_fold(w) for w in _words()["contents_headings"]}


def _headings(lines: list[Line]) -> list[tuple[int, object, int]]:
    """(line index, kind, where its title begins) of each heading: kind is a numbered level, or 'caps'."""
    out = []
    for k, ln in enumerate(lines):
        text = ln.text
        if not text.strip():
            continue
        after_break = k == 0 or not lines[k - 1].text.strip()
        numbered = numbered_heading(text, run_in=True) if after_break else None
        if numbered is not None:
            out.append((k, numbered[0], numbered[1]))
        elif capital_headline(text) and not _numbered().match(text):
            out.append((k, "caps", len(text) - len(text.lstrip())))
    return out


def headed_records(text: str) -> list[RawRecord]:
    """One record per headed section whose text tells of a project; [] unless two sections or more do."""
    lines = split_lines(text)
    heads = _headings(lines)
    if len(heads) < 2:
        return []
    sections = []  # (heading line, kind, title start, end offset of the section, tells of a project, its text)
    for n, (k, kind, at) in enumerate(heads):
        end = lines[heads[n + 1][0]].start if n + 1 < len(heads) else len(text)
        body = text[lines[k].stop:end]
        # "3.3 Projet ...": a numbered heading may be what says "project"; a headline in capitals never is.
        told = not _contents(lines[k].text) and bool(body.strip()) and (tells_of_a_project(body) or (
            kind != "caps" and tells_of_a_project(lines[k].text + "\n" + body)))
        # "2. Objectives", "III. Résultats": a section of a document, never a project's record of its own; nor a
        # piece that names no project with a fact of its own.
        told = told and not is_section_name(heading_title(lines[k].text, at)) and has_own_evidence(
            lines[k].text + "\n" + body, named=kind != "caps")
        sections.append((k, kind, at, end, told, body))
    first = next((s for s in sections if s[4]), None)
    if first is None or any(_several_projects(body) for *_, body in sections):
        return []  # a section that tells of several projects, one per paragraph: the paragraphs divide, not it
    level = first[1]
    # Once a section of a level tells of a project, a section of that level that names a project and says who funds
    # it, whom it serves or where it stands is another ("este programa está financiado por ...", no amount); so is a
    # numbered sibling stating three kinds of facts of its own ("3.2 Diplomado en ... . Con el apoyo de ...").
    sections = [(k, kind, at, end, told or (kind == level and not is_section_name(heading_title(lines[k].text, at))
                                            and (_names_a_project(body) and has_own_evidence(body, named=kind != "caps")
                                                 or _sibling_facts(kind, lines[k].text + "\n" + body))), body)
                for k, kind, at, end, told, body in sections]
    records: list[RawRecord] = []
    before: list[Block] = []
    if lines[sections[0][0]].start > 0:
        before.append(Block("unparsed", "text", 0, lines[sections[0][0]].start, 0))
    names: set[str] = set()
    pieces: list[str] = []  # the text of each record's heading and section, for the guard below
    for k, kind, at, end, told, body in sections:
        ln = lines[k]
        divides = kind == level or (isinstance(level, int) and isinstance(kind, int) and kind < level)
        name = project_name(body)
        own = told or (kind == level == "caps" and bool(records) and name is not None and name not in names)
        again = bool(records) and name is not None and name in names  # the same project's later item
        if divides and own and not again:
            if name:
                names.add(name)
            blocks = [*before, *_heading_blocks(ln, kind, at), *body_blocks(lines, k + 1, end)]
            before = []
            records.append(RawRecord(blocks))
            pieces.append(ln.text + "\n" + body)
        elif records and (not divides or again):
            records[-1].blocks.append(Block("narrative", "text", ln.start, end, ln.start))  # "3.1.2": more of it
        else:
            # A section that tells of no project ("1. Introduction", "4. Recherche", a table of contents): kept,
            # unplaced (flagged), with the record before it, or with the first one.
            block = Block("unparsed", "text", ln.start, end, ln.start)
            (records[-1].blocks if records else before).append(block)
    if len(records) < 2 or one_project(text, lines, heads, records, pieces):
        return []
    return records


def one_project(text: str, lines: list[Line], heads: list, records: list[RawRecord], pieces: list[str]) -> bool:
    """Are the sections the parts of ONE project's document: its headings are a project document's usual sections
    ("Background", "Objectifs", "Presupuesto", two or more), or the text before them names a project by its code?
    Only sections that each give a code of their own, all different, are then still records."""
    first = next(b.start for b in records[0].blocks if b.field in ("heading", "title"))
    above = own_code(text[:first])
    sections = sum(is_project_section(heading_title(lines[k].text, at)) for k, _kind, at in heads)
    if sections < 2 and above is None:
        return False
    codes = [own_code(piece) for piece in pieces]
    return not (all(codes) and len(set(codes)) == len(codes) and above not in codes)


def _heading_blocks(ln: Line, kind: object, at: int) -> list[Block]:
    """A numbered heading names its section's project (its number aside); a headline in capitals is the item's
    heading, kept, unplaced: the project's name is in the paragraph, if anywhere."""
    if kind == "caps":
        return [Block("heading", "heading", ln.start, ln.stop, ln.stop)]
    stop = title_end(ln.text, at)  # "3.1 Title. Text ...": its title, then its text
    return [Block("heading", "heading", ln.start, ln.start + at, ln.start + at),
            Block("title", "text", ln.start + at, ln.stop if stop is None else ln.start + stop, ln.start + at),
            *(_run_on(ln, stop) if stop is not None else [])]


def _run_on(ln: Line, stop: int) -> list[Block]:
    """The stop after a run-in title, set apart, then the paragraph's text on the heading's line."""
    text = ln.start + stop + len(ln.text[stop:]) - len(ln.text[stop + 1:].lstrip())
    return [Block("chrome", "chrome", ln.start + stop, text, text), Block("summary", "prose", text, ln.stop, text)]


def body_blocks(lines: list[Line], k: int, end: int) -> list[Block]:
    """A section's first paragraph tells of its project; the paragraphs after it go on its narrative (a
    newsletter's footer after its last item among them: told, never read as the project's facts)."""
    start = lines[k - 1].stop
    seen = False
    while k < len(lines) and lines[k].start < end:
        blank = not lines[k].text.strip()
        if seen and blank:
            cut = lines[k].start
            while k < len(lines) and lines[k].start < end and not lines[k].text.strip():
                k += 1
            if k < len(lines) and lines[k].start < end:
                cut = lines[k].start
                return [Block("summary", "prose", start, cut, start), Block("narrative", "text", cut, end, cut)]
            break
        seen = seen or not blank
        k += 1
    return [Block("summary", "prose", start, end, start)]
