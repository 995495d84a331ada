"""A long alternation of names, matched as one regex would match it, but fast.

Python's `re` tries every branch of an alternation at every position it reaches: the country scanner's 3,000
written forms made `find_countries` a third of the parser's time. A name can only begin at a position whose
character its first character matches, so each position here tries only the branches that can begin with that
character (one small pattern per character, compiled on first use), in their order; the matches are the same as
`re.finditer` of `(?:LEFT)(?:LEAD)?(?:BRANCH|BRANCH|...)TAIL` gives: leftmost, the first branch in order that
matches, none overlapping.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence


class Alternation:
    """`branches` are regex fragments, each beginning with one literal character written as `first` of the pair:
    (first character, fragment). `left` is the condition before a match (lookbehinds only), `lead` an optional
    prefix ending in a run no branch begins with (such as `the\\s+`), `tail` what follows every branch."""

    def __init__(self, branches: Sequence[tuple[str, str]], *, left: str = "", lead: str = "", tail: str = "",
                 flags: int = 0) -> None:
        self._branches = list(branches)
        self._firsts = sorted({first for first, _ in self._branches})
        if any(len(first) != 1 for first in self._firsts):
            raise ValueError("each branch begins with one character")
        self._tail = tail
        self._flags = flags
        starts = "".join(re.escape(ch) for ch in self._firsts)
        lead_first = f"|{lead}" if lead else ""
        # Where a match can begin: the left condition holds and the next character begins a branch or the lead.
        self._starts = re.compile(rf"(?:{left or '(?:)'})(?=[{starts}]{lead_first})", flags) if starts else None
        self._lead = re.compile(lead, flags) if lead else None
        self._by_char: dict[str, re.Pattern[str] | None] = {}

    def _at(self, ch: str) -> re.Pattern[str] | None:
        """The pattern of the branches that can begin with ch, in their order (None when none can)."""
        if ch not in self._by_char:
            firsts = {first for first in self._firsts if re.fullmatch(re.escape(first), ch, self._flags)}
            fragments = [fragment for first, fragment in self._branches if first in firsts]
            self._by_char[ch] = (re.compile(f"(?:{'|'.join(fragments)}){self._tail}", self._flags)
                                 if fragments else None)
        return self._by_char[ch]

    def _match_at(self, text: str, pos: int) -> int | None:
        """Where a match beginning at pos ends, or None."""
        if self._lead is not None:
            lead = self._lead.match(text, pos)
            if lead and lead.end() < len(text):
                pattern = self._at(text[lead.end()])
                m = pattern.match(text, lead.end()) if pattern else None
                if m:
                    return m.end()
        pattern = self._at(text[pos])
        m = pattern.match(text, pos) if pattern else None
        return m.end() if m else None

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each match, left to right, none overlapping."""
        if self._starts is None:
            return
        pos = 0
        while True:
            start = self._starts.search(text, pos)
            if start is None:
                return
            at = start.start()
            end = self._match_at(text, at)
            if end is None:
                pos = at + 1
            else:
                yield at, end
                pos = end

