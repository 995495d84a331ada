"""A record that is several e-mail messages: a mailing list's digest ("Message: 3" over each), a thread of replies
("-----Original Message-----", "From: ... / Date: ... / Subject: ..." heads), in English, French and Spanish. The
segmenter, finding a label or two in one message, reads the whole digest as one record; the messages' heads divide it
again.

Each message that tells of a project (it says "project" or a like word and states a fact: a period, an amount, a
funder, a country served) is a record; a message that tells of none (a question, a reply, the digest's contents and
footer) is kept, unplaced, with the record before it (or the first one), never read for its facts. A message about a
project is read as a news item (its paragraphs tell of the project; merge never joins it to its neighbour).
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator

from .lines import Excerpt, Line, split_lines
from .named_projects import fact_kinds
from .segment import Block, RawRecord
from .values.prose import tells_of_a_project

# "Message: 3", "Message 3", "Mensaje: 3", "Message n° 3", "Mensaje n.º 3"
_NUMBERED = re.compile(r"^\s*(?:message|mensaje|mensagem)\s*(?:n\s*[\u00b0\u00ba.]*\s*\u00ba?\s*)?:?\s*"
                       r"\d{1,4}\s*:?\s*$", re.IGNORECASE)
# "-----Original Message-----", "----- Message d'origine -----", "---------- Mensaje reenviado ---------"
_QUOTED = re.compile(r"^\s*-{2,}\s*(?:original message|forwarded message|message d['\u2019]origine|message original|"
                     r"message transf[e\u00e9]r[e\u00e9]|mensaje original|mensaje reenviado)\s*-{2,}\s*$",
                     re.IGNORECASE)
_SENDER = re.compile(r"^\s*(?:from|de|exp[e\u00e9]diteur|remitente)\s*:\s*\S", re.IGNORECASE)
_MAIL_HEAD = re.compile(r"^\s*(?:from|de|exp[e\u00e9]diteur|remitente|date|fecha|sent|envoy[e\u00e9]|enviado|"
                        r"subject|objet|asunto|to|[a\u00e0]|para|cc)\s*:\s*\S", re.IGNORECASE)
# A name in quotes, of three words or more ("Open Contracting for Subnational Governments"): with three kinds of a
# project's facts, a message tells of a project without saying the word.
_NAMED = re.compile(r"[\"\u201c\u00ab]\s*[A-Z\u00c0-\u00dd][^\"\u201d\u00bb]{0,200}?\s\S+\s"
                    r"[^\"\u201d\u00bb]{0,200}?[\"\u201d\u00bb]")
_ABOUT = re.compile(r"^\s*(?:date|fecha|sent|envoy[e\u00e9]|enviado|subject|objet|asunto)\s*:", re.IGNORECASE)


def split_messages(segments: Iterable[tuple[RawRecord, Excerpt]]) -> Iterator[tuple[RawRecord, Excerpt]]:
    """The segmenter's records, each that is several messages cut into one record per message about a project."""
    for raw, text in segments:
        yield from _split(raw, text)


def tells_a_project(piece: str) -> bool:
    """Does a message (a feed's entry) tell of a project: the word and a fact, or three kinds of facts and a name?"""
    facts = fact_kinds(piece)
    return facts >= 1 and tells_of_a_project(piece) or facts >= 3 and bool(_NAMED.search(piece))


def message_heads(lines: list[Line]) -> list[int]:
    """The lines that open a message: a numbered message's head, a quoted message's rule, or the first of a run of
    two mail headers or more (a sender among them, and a date or a subject) not under a numbered head."""
    heads: list[int] = []
    k = 0
    while k < len(lines):
        t = lines[k].text
        if _NUMBERED.match(t) or _QUOTED.match(t):
            heads.append(k)
            k += 1
            while k < len(lines) and _MAIL_HEAD.match(lines[k].text):
                k += 1
            continue
        if _MAIL_HEAD.match(t) and (k == 0 or not lines[k - 1].text.strip()):
            run = k
            while run < len(lines) and _MAIL_HEAD.match(lines[run].text):
                run += 1
            block = [ln.text for ln in lines[k:run]]
            if run - k >= 2 and any(_SENDER.match(x) for x in block) and any(_ABOUT.match(x) for x in block):
                heads.append(k)
            k = max(run, k + 1)
            continue
        k += 1
    return heads


def _split(raw: RawRecord, text: Excerpt) -> list[tuple[RawRecord, Excerpt]]:
    body = text.text
    lines = split_lines(body)
    heads = message_heads(lines)
    if len(heads) < 2:
        return [(raw, text)]
    starts = [text.offset + lines[k].start for k in heads]
    ends = [*starts[1:], text.offset + len(body)]
    told = [tells_a_project(text[a:b]) for a, b in zip(starts, ends)]
    if not any(told):
        return [(raw, text)]
    blocks = cut_blocks(raw.blocks, starts)
    # Each stretch (the text before the first head, then each message) goes to a record: its own when it tells of a
    # project, else the one before it (the first project's, for stretches before it), its blocks unplaced.
    bounds = [(text.offset, starts[0], False), *((a, b, t) for a, b, t in zip(starts, ends, told))]
    records: list[RawRecord] = []
    pending: list[Block] = []
    for a, b, t in bounds:
        own = [blk for blk in blocks if a <= blk.start < b]
        if t:
            records.append(RawRecord(pending + own, news=True, guessed=raw.guessed))
            pending = []
        elif records:
            records[-1].blocks.extend(unplaced(own))
        else:
            pending.extend(unplaced(own))
    return [(rec, Excerpt(text[rec.start : rec.end], rec.start)) for rec in records if rec.blocks]


def cut_blocks(blocks: list[Block], cuts: list[int]) -> list[Block]:
    """The blocks, each that spans a cut divided there (its part after the cut plain text)."""
    out: list[Block] = []
    for blk in blocks:
        inside = [c for c in cuts if blk.start < c < blk.end]
        if not inside:
            out.append(blk)
            continue
        first = inside[0]
        out.append(dataclasses.replace(blk, end=first, value_start=min(blk.value_start, first)))
        edges = [*inside, blk.end]
        for a, b in zip(edges, edges[1:]):
            out.append(Block("text", "text", a, b, a))
    return out


def unplaced(blocks: list[Block]) -> list[Block]:
    """A message about no project: its text kept, read for no value."""
    return [b if b.kind in ("blank", "heading") else Block("unparsed", "text", b.start, b.end, b.start)
            for b in blocks]
