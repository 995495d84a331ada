"""The cue words of data/role_cues.json (who pays, through what, who implements, who works with the lead, where a
country is named without being served), read once and turned into patterns that match accent-folded text: fold the
text with folding.fold (same length, same offsets) before matching, so that a match's offsets hold in the original."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import fold

_DATA = Path(__file__).resolve().parent.parent / "data" / "role_cues.json"


@functools.cache
def table() -> dict:
    return json.loads(_DATA.read_text(encoding="utf-8"))


def phrase_pattern(phrase: str) -> str:
    """One cue phrase as a pattern: lower case (matched ignoring case), spaces flexible, an apostrophe optional or a
    space, each accented letter also plain, "œ" as "oe" too."""
    return r"\s+".join("".join(_char(ch) for ch in word) for word in phrase.lower().split())


def _char(ch: str) -> str:
    """A letter of a cue as a pattern that matches it accented as written or folded, so that the cue matches the
    text folded or not: "é" as "[ée]"."""
    if ch in "'\u2019":
        return r"['\u2019\s]?"
    if ch == "œ":
        return "(?:œ|oe)"
    plain = fold(ch)
    return f"[{ch}{plain}]" if plain != ch else re.escape(ch)


def alternation(name: str) -> str:
    """The phrases of one list of the table, longest first (so that "with funding from" wins over "with")."""
    phrases = {p.lower().strip() for p in table()[name]}
    return "|".join(phrase_pattern(p) for p in sorted(phrases, key=lambda s: (-len(s), s)))


@functools.cache
def words_rx(name: str) -> re.Pattern[str]:
    """Any phrase of the list as whole words."""
    return re.compile(rf"(?<![\w'-])(?:{alternation(name)})(?![\w-])", re.IGNORECASE)


def ends_cut_short(text: str) -> bool:
    """Does a name end with an English adjective after a connector ("National Academy of Politics and Public" /
    "Administration (NAPPA)" on the next line)? No body's name ends so: it is cut short (data/role_cues.json,
    cut_short_adjectives). A French "Service public" does not count: no connector comes before."""
    words = [w.casefold() for w in (text or "").split()]
    if len(words) > 3 and words[-2] in ("and", "et", "y", "&") and fold(words[-1]) in _lone_heads():
        return True  # "Instituto de Altos Estudios Nacionales (IAEN) y Dirección" / "Nacional de Registros ...": no
        # body's name ends with the head noun of another one
    return len(words) > 2 and words[-2] in ("and", "of", "for", "&") and words[-1] in table()["cut_short_adjectives"]


@functools.cache
def _lone_heads() -> frozenset[str]:
    return frozenset(fold(w.casefold()) for w in table()["institution_heads"] if " " not in w)
