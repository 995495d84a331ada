"""A record that is a document whose sections each present a project: a joint mission's aide-memoire, a review of a
portfolio, a report on two operations ("II. PROJET DE GOUVERNANCE NUMÉRIQUE (PGNMA)", "III. PROGRAMME D'APPUI À LA
FORMATION", "2. Proyecto de catastro rural"). The segmenter, finding a label or two, reads it as one record; its
section headings divide it again.

A heading divides when it stands alone on its line after a blank line, is numbered (a Roman or Arabic numeral, a
letter) or written in capitals, opens with the word for a project (project, projet, proyecto, programme, programa)
followed by the project's name, and is none of one project's usual sections ("Project description", "Projet :
objectifs"); its section must state two kinds of a project's facts. Two such sections at least, about different
projects, or nothing is cut. The text before the first (an introduction naming the projects in passing) and the
sections after one that name no project (next steps, annexes) are kept, unplaced, with the nearest project's record;
the heading is read as the record's title.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .labels import LabelMatch
from .lines import Excerpt, split_lines
from .message_breaks import cut_blocks, unplaced
from .named_projects import fact_kinds
from .record_evidence import is_section_name
from .segment import Block, RawRecord

_NUMBER = re.compile(r"^\s*(?:(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*|[A-H])[.)\-\u2013:]\s+)")
_PROJECT = re.compile(r"^(?:project|projet|proyecto|programme|program|programa)\s+(?:d[eu']|des|de\s+la|del|for|on|of|"
                      r"to|sur|pour|para|\u00e0|a)[\s']*\S+(?:\s+\S+){1,}", re.IGNORECASE)
_OPENERS = ("project", "projet", "proyecto", "programme", "program", "programa")


def split_sections(segments: Iterable[tuple[RawRecord, Excerpt]]) -> Iterator[tuple[RawRecord, Excerpt]]:
    """The segmenter's records, each that is sections presenting several projects cut into one record per project."""
    for raw, text in segments:
        yield from _split(raw, text)


def _heading(line: str) -> int | None:
    """Where the name of a project begins in a section heading that presents one, or None."""
    m = _NUMBER.match(line)
    at = m.end() if m else len(line) - len(line.lstrip())
    head = line[at:].strip()
    if not head or len(head) > 200 or head[-1] in ".;:," or not (m or head.isupper()):
        return None
    if not _PROJECT.match(head) or is_section_name(head) or is_section_name(line.strip()):
        return None
    return at


def _split(raw: RawRecord, text: Excerpt) -> list[tuple[RawRecord, Excerpt]]:
    body = text.text
    lines = split_lines(body)
    heads: list[tuple[int, int]] = []  # (line number, where the name begins)
    others: list[int] = []  # headings of sections that present no project ("IV. PROCHAINES ÉTAPES")
    for k, ln in enumerate(lines):
        if not ln.text.strip() or (k and lines[k - 1].text.strip()):
            continue
        at = _heading(ln.text)
        if at is not None:
            heads.append((k, at))
        elif _NUMBER.match(ln.text) and ln.text.strip().isupper() and heads:
            others.append(k)
    if len(heads) < 2:
        return [(raw, text)]
    starts = sorted([lines[k].start for k, _ in heads] + [lines[k].start for k in others])
    own = {lines[k].start for k, _ in heads}
    names = set()
    sections = []
    for n, a in enumerate(starts):
        b = starts[n + 1] if n + 1 < len(starts) else len(body)
        if a in own:
            name = " ".join(body[a:b].split("\n", 1)[0].split()).casefold()
            if fact_kinds(body[a:b]) < 2 or name in names:
                return [(raw, text)]
            names.add(name)
        sections.append((text.offset + a, text.offset + b, a in own))
    cuts = [a for a, _b, _t in sections]
    blocks = cut_blocks(raw.blocks, cuts)
    at_of = {text.offset + lines[k].start: at for k, at in heads}
    records: list[RawRecord] = []
    pending = unplaced([blk for blk in blocks if blk.start < cuts[0]])
    for a, b, told in sections:
        mine = [blk for blk in blocks if a <= blk.start < b]
        if told:
            records.append(RawRecord(pending + _titled(mine, a, at_of[a], body, text.offset), guessed=raw.guessed))
            pending = []
        else:
            records[-1].blocks.extend(unplaced(mine))
    return [(rec, Excerpt(text[rec.start : rec.end], rec.start)) for rec in records]


def _titled(blocks: list[Block], start: int, at: int, body: str, offset: int) -> list[Block]:
    """The section's blocks, its heading line read as the project's title (as if labelled)."""
    out = list(blocks)
    for n, b in enumerate(out):
        if b.start != start:
            continue
        line_end = body.find("\n", start - offset)
        end = min(b.end, offset + line_end) if line_end >= 0 else b.end
        lab = LabelMatch("title", "", 0, 0, 0, True, sep="typed")
        title = Block("title", "label", start + at, end, start + at, label=lab, value_on_label_line=True)
        tail = body[end - offset : b.end - offset]
        rest = [Block("blank", "blank", end, b.end, b.end)] if end < b.end and not tail.strip() else []
        if end < b.end and not rest:
            return out  # the heading runs on into text: left as it is
        out[n : n + 1] = ([Block("heading", "heading", b.start, start + at, start + at)] if at else []) + [title] + rest
        break
    return out
