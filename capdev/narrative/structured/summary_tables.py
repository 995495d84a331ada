"""A summary table over the details of the same projects is no table of records: "Tableau récapitulatif" (a row per
project: its name, its code, its amount), then a section per project, headed by its name or its code, telling its
facts. One record per project, not two: the table is read as the text it is, with the first project's details
(the segmenter's records), never as records of its own.

A table is such a summary when the text below it heads a section with every project of it again: a heading (a line
of a few words, no stop at its end, no row's delimiters) that holds the project's title (its code when the table
has no title). Notes keyed by the codes ("1. 2023-DA-11: the training took place ..."), a table of activities
keyed by them (rows again): no summary, the table stays one.
"""
from __future__ import annotations

import re

from ..folding import fold
from ..segment import RawRecord
from .cells import ReadTable, by_column

_ROWISH = re.compile(r"[|\t;]")
_HEADING_WORDS = 20


def _headings_below(text: str, end: int) -> list[str]:
    """The lines below a table that are headings (folded): a few words, no row's delimiters, no stop at the end."""
    out = []
    for ln in text[end:].splitlines():
        line = ln.strip()
        if line and len(_ROWISH.findall(line)) < 2 and len(line.split()) <= _HEADING_WORDS and line[-1] not in ".;:,":
            out.append(fold(line).lower())
    return out


def detailed_below(text: str, found: ReadTable) -> bool:
    """Does the text below a table head a section for each of its projects (see the module's doc)?"""
    if found.detached or not found.projects:
        return False
    lines = _headings_below(text, found.end)
    if not lines:
        return False
    for project in found.projects:
        values = by_column(project)
        title = next((values.get(k, "").strip() for k, c in enumerate(found.columns) if c.field == "title"), "")
        code = next((values.get(k, "").strip() for k, c in enumerate(found.columns) if c.field == "code"), "")
        key = fold(title or code).strip().lower()
        if title and len(key.split()) < 2:
            return False
        if not key or not any(re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", ln) for ln in lines):
            return False
    return True


def as_head(raw: RawRecord, heads: list[int]) -> None:
    """A record that holds a summary table ending at one of heads: what comes before the table's end (the
    document's heading, the table) is the document's head, no value of the project told below it."""
    for end in heads:
        if raw.start < end < raw.end:
            for b in raw.blocks:
                if b.start < end:
                    b.field, b.kind, b.label = "chrome", "chrome", None
