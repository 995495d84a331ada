"""Records that headlines divide, for text in which no labelled record is found: a newsletter's or a portal's items,
each a headline line and its paragraphs, the headline a Markdown heading ("### E-Procurement in Ghana"), a line in
bold ("**Digital Registry for Malawi**") or a plain title line standing over its paragraph ("Tax Reform in Lesotho"
at a paragraph's head, a sentence below it).

A headline says "a new item starts here"; its item is a record when its text tells of a project with a fact of its
own (a period, an amount, a country served, a funder). The headlines divide at the kind of the first item that is a
record (a Markdown heading of a higher level closes it too); a headline of another kind inside an item ("Background"
in plain words under a Markdown headline) goes on in it. A headline over no project (the newsletter's name, "Issue
7", "Our projects") is the document's: kept, unplaced, never a record's title. The usual sections of one project's
document ("Background", "Objectives", "Activities") never divide. The reading is used only when two items or more
are records.
"""
from __future__ import annotations

import re

from .anaphora_items import tells_more
from .folding import fold
from .headed_records import body_blocks, capital_headline, numbered_heading, one_project
from .labels import LabelMatch
from .lines import Line, split_lines
from .named_projects import fact_kinds, names_in
from .parallel_blocks import is_kicker, is_navigation, is_title_line
from .record_evidence import is_section_name
from .segment import Block, RawRecord
from .values.prose import project_name, tells_of_a_project

_MARKDOWN = re.compile(r"^[ \t]{0,3}(?P<marks>#{1,6})[ \t]+(?=\S)")
_BOLD = re.compile(r"^[ \t]*(?P<open>\*\*|__)(?=\S)(?P<head>.+?)(?P=open)[ \t]*:?[ \t]*$")
_BODY_WORDS = 10  # a paragraph under a plain headline is prose: a sentence, not another short line
_WRAP_SHARE = 0.7  # a headline right above its paragraph is shorter than the paragraph's lines (no wrapped line)
_PLAIN_WORDS = 12


_KICKER = re.compile(r"^[ \t]*(?P<kicker>[^:\u2013\u2014|*_#]{2,30}?)[ \t]*[:\u2013\u2014|][ \t]+(?=\S)")


def headline(lines: list[Line], k: int, plain: bool = True) -> tuple[str, int] | None:
    """(kind, where the headline's title begins, past its marks and its kicker: "Coming up: ") of a headline at line
    k; None if it is none."""
    found = _headline(lines, k, plain)
    if found is None:
        return None
    kind, at = found
    m = _KICKER.match(lines[k].text[at:])
    if m and is_kicker(m.group("kicker")) and len(lines[k].text[at + m.end():].split()) >= 2:
        at += m.end()
    return kind, at


def _headline(lines: list[Line], k: int, plain: bool) -> tuple[str, int] | None:
    """(kind, where the headline's words begin) of a headline at line k; None if it is none. Kinds: 'md1'..'md6',
    'bold', 'plain'."""
    text = lines[k].text
    m = _MARKDOWN.match(text)
    if m:
        return (f"md{len(m.group('marks'))}", m.end()) if is_title_line(text[m.end():]) else None
    m = _BOLD.match(text)
    if m:
        return ("bold", m.start("head")) if is_title_line(m.group("head")) else None
    if (not plain or capital_headline(text) or numbered_heading(text) is not None or is_navigation(text)
            or not is_title_line(text) or "**" in text or len(text.split()) > _PLAIN_WORDS):
        return None  # capitals and numbers are headed_records' reading; "Read more" is a card's link
    body = _body_after(lines, k)
    return ("plain", len(text) - len(text.lstrip())) if body else None


def _body_after(lines: list[Line], k: int) -> bool:
    """Is the paragraph right under line k (on the next line, or after one blank line) prose, a sentence that
    begins there, and line k no first line of that paragraph wrapped (as long as the lines below it, or going on
    into them)?"""
    j = k + 1
    apart = j < len(lines) and not lines[j].text.strip()
    if apart:
        j += 1
    if j >= len(lines) or not lines[j].text.strip():
        return False
    opening = lines[j].text.lstrip()[:1]
    if not (opening.isupper() or opening.isdigit() or opening in "\u00ab\"\u201c"):
        return False  # "... the registry of Georgia" / "now issues titles ...": one sentence wrapped
    widest = 0
    words = 0
    while j < len(lines) and lines[j].text.strip():
        if words == 0 and (_MARKDOWN.match(lines[j].text) or _BOLD.match(lines[j].text)):
            return False
        words += len(lines[j].text.split())
        widest = max(widest, len(lines[j].text.strip()))
        j += 1
    if words < _BODY_WORDS or not re.search(r"[.!?;:](?:\s|$)", " ".join(
            ln.text.strip() for ln in lines[k + 1:j])):
        return False
    return apart or len(lines[k].text.strip()) <= _WRAP_SHARE * widest


def rank(kind: str) -> int:
    """How high a headline stands: '# ' over '## ' ... over a line in bold, over a plain title line."""
    return int(kind[2:]) if kind.startswith("md") else 7 if kind == "bold" else 8


def closes(kind: str, level: str) -> bool:
    """Does a headline of this kind end an item under a headline of the dividing kind ('## ' ends a '### ' item)?"""
    return rank(kind) <= rank(level)


def headline_records(text: str) -> list[RawRecord]:
    """One record per headline item that tells of a project; [] unless two items or more do."""
    lines = split_lines(text)
    heads = []
    for k, ln in enumerate(lines):
        if ln.text.strip() and (k == 0 or not lines[k - 1].text.strip()):
            found = headline(lines, k)
            if found is not None:
                heads.append((k, *found))
    if len(heads) < 2:
        return []
    items = []  # (line, kind, where its words begin, end offset, is a project's item)
    for n, (k, kind, at) in enumerate(heads):
        end = lines[heads[n + 1][0]].start if n + 1 < len(heads) else len(text)
        head, body = lines[k].text[at:], text[lines[k].stop:end]
        told = (not is_section_name(head.strip(" *_#")) and tells_of_a_project(head + "\n" + body)
                and fact_kinds(body) >= 1)
        items.append((k, kind, at, end, told, head, body))
    if not any(it[4] for it in items):
        return []
    records: list[RawRecord] = []
    before: list[Block] = []
    if lines[heads[0][0]].start > 0:
        before.append(Block("unparsed", "text", 0, lines[heads[0][0]].start, 0))
    names: set[str] = set()
    pieces: list[str] = []
    current = ""  # the kind of the headline the record being read opened with
    for k, kind, at, end, told, head, body in items:
        ln = lines[k]
        name = project_name(head + "\n" + body)
        again = bool(records) and name is not None and name in names  # the same project's later item
        # "le projet" again under a headline that is no name ("Composition du dossier"): more of the same project.
        again = again or bool(records) and kind == "plain" and tells_more(head, body)
        if told and not again and (not current or rank(kind) <= rank(current)):
            if name:
                names.add(name)
            current = kind
            # A plain title line over a paragraph divides by its look alone: where the item begins is guessed.
            records.append(RawRecord([*before, *_headline_blocks(ln, kind, at, body), *body_blocks(lines, k + 1, end)],
                                     guessed=kind == "plain"))
            before = []
            pieces.append(ln.text + "\n" + body)
        elif records and rank(kind) > rank(current):
            records[-1].blocks.append(Block("narrative", "text", ln.start, end, ln.start))  # "Background": more of it
        else:
            # A headline over no project ("Our projects", "Issue 7", "In brief", a footer's "Contact"): kept, unplaced.
            (records[-1].blocks if records else before).append(Block("unparsed", "text", ln.start, end, ln.start))
    if len(records) < 2 or one_project(text, lines, [(k, kind, at) for k, kind, at in heads], records, pieces):
        return []
    return records


def _headline_blocks(ln: Line, kind: str, at: int, body: str) -> list[Block]:
    """The headline's marks ("### ", "**") are a heading; its words are the item's title: read as if labelled under
    marks a writer sets on headlines only (as a box's headline), unless the item names its project otherwise in its
    text ("Our project **Inclusive Digital Identity** ..." under "Wrapping up in Malawi"); a title line under no
    marks, or a headline the item's name differs from, is a title line a name told in the paragraph may overrule."""
    blocks = []
    if at > 0:
        blocks.append(Block("heading", "heading", ln.start, ln.start + at, ln.start + at))
    if kind == "plain" or _named_otherwise(ln.text[at:], body):
        blocks.append(Block("title", "text", ln.start + at, ln.stop, ln.start + at))
    else:
        lab = LabelMatch("title", "", 0, 0, 0, True, sep="typed")
        blocks.append(Block("title", "label", ln.start + at, ln.stop, ln.start + at, label=lab,
                            value_on_label_line=True))
    return blocks


_SET_APART = re.compile(r"\*\*(?P<bold>[^*\n]{6,120})\*\*|"
                        r"[\u00ab\"\u201c](?P<quoted>[^\u00bb\"\u201d\n]{6,120})[\u00bb\"\u201d]")


def _named_otherwise(head: str, body: str) -> bool:
    """Does the item's text name a project (set apart in bold or quotes, or after the word project) that its headline
    does not?"""
    said = _folded(head)
    found = [m.group("bold") or m.group("quoted") for m in _SET_APART.finditer(body)] + names_in(body)
    return any(_folded(name) not in said for name in found if len(name.split()) >= 2)


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text).casefold()).split())
