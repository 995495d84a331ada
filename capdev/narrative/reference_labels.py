"""Whether a code a piece gives is only a document's reference: the number under "Ref.:", "Reference:",
"Référence :", "Referencia:" (the code labels marked `secondary` in data/labels.json) in a memo's, a note's or a
report's heading. Such a number names the document, not a project: a piece whose only code is one is no project's
record of its own for the readings that decide where records begin (segment_merge.py, record_starts.py). The value
itself is still read as before (code_choice.py flags it, never places it as the project's code).
"""
from __future__ import annotations

import re

from .blocks import Block
from .labels import match_label


def _secondary(block: Block) -> bool:
    lab = getattr(block, "label", None)
    return bool(block.kind == "label" and lab is not None and lab.modifiers.get("secondary"))


def references_only(blocks: list[Block]) -> bool:
    """Does a piece give codes only under reference labels (one at least)?"""
    codes = [b for b in blocks if b.field == "code"]
    return bool(codes) and all(_secondary(b) for b in codes)


def without_references(text: str) -> str:
    """The text with its lines that open on a reference label ("Ref.: DPIDG/PMU/2026/118") left out."""
    lines = re.split(r"(?<=\n)", text)
    kept = []
    for line in lines:
        lab = match_label(line.strip())
        if lab is not None and lab.field == "code" and lab.modifiers.get("secondary"):
            continue
        kept.append(line)
    return "".join(kept)
