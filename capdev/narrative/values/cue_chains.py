"""Cues that overlap: "mené avec le concours de l'ADIE" holds "mené avec" and "avec le concours de"; the leftmost
match is the shorter one, and the name read after it would start at "le concours de". The end of the longest cue
that begins at a word inside the first match is where the name begins. Each match looks only at the words it holds,
so the work stays linear in the text."""
from __future__ import annotations

import re
from collections.abc import Iterator


def chained_ends(rx: re.Pattern[str], folded: str) -> Iterator[int]:
    """Where each cue of rx ends in folded text, a cue that overlaps it and reaches further taking its place."""
    for m in rx.finditer(folded):
        end = m.end()
        for start in range(m.start() + 1, m.end()):
            if folded[start - 1].isspace() and not folded[start].isspace():
                longer = rx.match(folded, start)
                if longer is not None and longer.end() > end:
                    end = longer.end()
                    break
        yield end
