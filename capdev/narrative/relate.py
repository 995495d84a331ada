"""Link records of one parse whose texts are nearly the same (a project re-published for another year).

What "nearly the same" means is capdev.core.similarity's one definition (plain Python, shared with the
portal's similar projects and the reviewers' possible duplicates).
"""
from __future__ import annotations

from collections.abc import Sequence

from capdev.core.similarity import NEAR_DUPLICATE, text_similarity, text_tokens

from .types import Record

THRESHOLD = NEAR_DUPLICATE


def record_tokens(record: Record) -> frozenset[str]:
    """The content words of a record's objective and expected accomplishments."""
    return text_tokens(record.objective, *record.expected_accomplishments, record.summary)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two token sets (0 when either is too short to judge)."""
    return text_similarity(a, b)


def _ref(record: Record) -> int | str:
    return record.code or record.index


def link_related(records: Sequence[Record], threshold: float = THRESHOLD) -> None:
    """Add each nearly-identical other record (its code, or its index) to record.related_to; never merge."""
    tokens = [record_tokens(r) for r in records]
    for i, a in enumerate(records):
        for j in range(i + 1, len(records)):
            b = records[j]
            if similarity(tokens[i], tokens[j]) > threshold:
                if _ref(b) not in a.related_to:
                    a.related_to.append(_ref(b))
                if _ref(a) not in b.related_to:
                    b.related_to.append(_ref(a))
