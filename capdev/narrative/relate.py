"""Link records of one parse whose texts are nearly the same (a project re-published for another year)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from .types import Record

THRESHOLD = 0.8
_MIN_TOKENS = 8  # below this, two short texts agree by chance
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORDS = frozenset(
    "a an and or of the in on at for to with by from as into its their this that these is are be been was were"
    " it which will has have all other".split()
)


def record_tokens(record: Record) -> frozenset[str]:
    """The content words of a record's objective and expected accomplishments."""
    text = " ".join([record.objective, *record.expected_accomplishments, record.summary])
    return frozenset(t for t in _TOKEN.findall(text.lower()) if t not in _STOPWORDS)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two token sets (0 when either is too short to judge)."""
    if len(a) < _MIN_TOKENS or len(b) < _MIN_TOKENS:
        return 0.0
    return len(a & b) / len(a | b)


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
