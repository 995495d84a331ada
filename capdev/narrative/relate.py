"""Link records of one parse whose texts are nearly the same (a project re-published for another year).

What "nearly the same" means is capdev.core.similarity's one definition (plain Python, shared with the
portal's similar projects and the reviewers' possible duplicates). Records arrive one at a time (Relater.add):
each is compared with the earlier records that can be nearly the same as it, found through an index of the
words that begin their texts (prefix filtering, exact for Jaccard similarity), not with every earlier record;
the time per record does not grow with the file.
"""
from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Sequence

from capdev.core.similarity import MIN_TOKENS, NEAR_DUPLICATE, text_similarity, text_tokens

from .types import Record

THRESHOLD = NEAR_DUPLICATE
MOST_RELATED = 20  # links per record at most: a file of one page repeated is not 10,000 x 10,000 relations


def record_tokens(record: Record) -> frozenset[str]:
    """The content words of a record's objective and expected accomplishments."""
    return text_tokens(record.objective, *record.expected_accomplishments, record.summary)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two token sets (0 when either is too short to judge)."""
    return text_similarity(a, b)


def _ref(record: Record) -> int | str:
    return record.code or record.index


class Relater:
    """Finds, as records arrive, the earlier ones whose texts are nearly the same (similarity > threshold).

    add() puts the earlier records' references in the new record's related_to and returns their positions;
    `later` collects, for each earlier record, the references of the later ones related to it (so that a
    caller holding all the records can make the links go both ways, as link_related does). A record takes at
    most `most` links (the first ones found, in file order) and is flagged when it is nearly the same as a
    record it could not be linked to for that reason.

    The work per record is bounded: a record is compared with the earlier records that share one of its
    rarer words (the prefix filter: exact), among the latest WINDOW records to have each word, and with at
    most COMPARED of those, the ones sharing most of its words. Both bounds are reached only by a file of
    pages alike (a template filled in thousands of times); in a portfolio of distinct pages they change
    nothing. Memory per record: its word ids (4 bytes each) and its reference; the words are kept once.
    """

    WINDOW = 200  # records kept per word in the index, the latest
    COMPARED = 100  # earlier records compared with each record at most

    def __init__(self, threshold: float = THRESHOLD, most: int = MOST_RELATED, keep_later: bool = True) -> None:
        self.threshold = threshold
        self.most = most
        self.keep_later = keep_later
        self.later: dict[int, list[int | str]] = {}
        self.words: dict[str, int] = {}  # word -> id, in order of first sight
        self.sets: list[array] = []  # each record's word ids, sorted
        self.refs: list[int | str] = []
        self.links = array("I")  # how many links each record has
        self.postings: dict[int, array] = {}  # word id -> the latest records whose first words include it

    def add(self, record: Record) -> list[int]:
        """Relate a record to the earlier ones (in the order added); returns their positions."""
        me = len(self.sets)
        ids = sorted({self.words.setdefault(w, len(self.words)) for w in record_tokens(record)}, reverse=True)
        self.sets.append(array("I", sorted(ids)))
        self.refs.append(_ref(record))
        self.links.append(0)
        if len(ids) < MIN_TOKENS:
            return []  # never similar to anything (similarity() says 0)
        # Words in one fixed order (the latest seen first: the rarer ones), a text's first words as its prefix:
        # two texts this similar share a word among their prefixes (the prefix filtering principle).
        prefix = ids[: len(ids) - math.floor(self.threshold * len(ids)) + 1]
        shared: Counter[int] = Counter()
        for word in prefix:
            shared.update(self.postings.get(word, array("I"))[-self.WINDOW :])
        chosen = sorted(shared) if len(shared) <= self.COMPARED else sorted(
            other for other, _ in shared.most_common(self.COMPARED))
        mine = frozenset(ids)
        related: list[int] = []
        crowded = False  # nearly the same as a record it is not linked to because one of the two has all its links
        for other in chosen:
            if not self.similar(mine, other):
                continue
            if self.links[other] >= self.most or self.links[me] >= self.most:
                crowded = True
                continue
            related.append(other)
            self.links[me] += 1
            self.links[other] += 1
            ref = self.refs[other]
            if ref not in record.related_to:
                record.related_to.append(ref)
            if self.keep_later:
                self.later.setdefault(other, []).append(self.refs[me])
        if crowded:
            record.flag("related_to", f"nearly the same text as more than {self.most} other records of the file: "
                                      f"only {self.most} links a record are kept")
        for word in prefix:
            posting = self.postings.setdefault(word, array("I"))
            posting.append(me)
            if len(posting) > 2 * self.WINDOW:
                del posting[: -self.WINDOW]
        return related

    def similar(self, mine: frozenset[int], other: int) -> bool:
        """similarity() > threshold, on word ids (the sizes first: a set this similar is about as large)."""
        theirs = self.sets[other]
        if not self.threshold * len(mine) < len(theirs) < len(mine) / self.threshold:
            return False
        common = sum(1 for w in theirs if w in mine)
        return common / (len(theirs) + len(mine) - common) > self.threshold


def link_related(records: Sequence[Record], threshold: float = THRESHOLD) -> None:
    """Add each nearly-identical other record (its code, or its index) to record.related_to; never merge."""
    relater = Relater(threshold)
    for record in records:
        relater.add(record)
    complete_links(records, relater)


def complete_links(records: Sequence[Record], relater: Relater) -> None:
    """Make the links of records added to relater go both ways (each record then names the later ones too)."""
    for position, refs in relater.later.items():
        record = records[position]
        for ref in refs:
            if ref not in record.related_to:
                record.related_to.append(ref)
