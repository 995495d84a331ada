"""The cues of service in every tense and person: the phrases of data/prose_cues.json's serve_cues, and the verbs
of data/serve_verbs.json conjugated from their stems ("serve", "served", "will serve" alike; "appuie", "appuient",
"appuiera"; "apoya", "apoyaron", "apoyará a"), each with the prepositions it may take before what it serves ("a
bénéficié au Cameroun", "trabajan en Honduras"). A form that is also a noun ("apoyo" of "apoyó") is read only with
its preposition; one that is a noun in its plain form ("support", "appui", "forme") is not listed.

One pattern, matched on folded text (values/prose_facts.py reads the countries after it)."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import fold

__all__ = ["serve_cue_rx", "serve_forms"]

_DATA = Path(__file__).resolve().parent.parent / "data"
_LANGUAGES = ("en", "fr", "es")


def _phrase(words: str) -> str:
    """One folded phrase as a pattern: spaces flexible, an apostrophe optional ("s'adresse", "s adresse")."""
    body = r"\s+".join(re.escape(w) for w in fold(words).lower().split())
    return body.replace(r"\'", r"['\s]?").replace("'", r"['\s]?")


@functools.cache
def serve_forms() -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """(verb form, prepositions it may take, whether it needs one), folded, every verb of data/serve_verbs.json."""
    table = json.loads((_DATA / "serve_verbs.json").read_text(encoding="utf-8"))
    out = []
    for language in _LANGUAGES:
        for verb in table.get(language, []):
            after = tuple(verb.get("after", ()))
            needs = set(verb.get("needs_after", ()))
            for ending in verb["endings"]:
                out.append((verb["stem"] + ending, after, ending in needs))
    return tuple(out)


@functools.cache
def serve_cue_rx() -> re.Pattern[str]:
    """Every cue of service, longest first, as whole words, on folded text (case and accents free)."""
    phrases = json.loads((_DATA / "prose_cues.json").read_text(encoding="utf-8"))["serve_cues"]
    alternatives = {_phrase(p): len(p) for p in phrases}
    for form, after, needed in serve_forms():
        if after:
            tail = "|".join(_phrase(a) for a in sorted(after, key=len, reverse=True))
            alternatives[rf"{_phrase(form)}\s+(?:{tail})"] = len(form) + 3
        if not needed:
            alternatives.setdefault(_phrase(form), len(form))
    ordered = sorted(alternatives, key=lambda p: (-alternatives[p], p))
    return re.compile(rf"(?<![\w'-])(?:{'|'.join(ordered)})(?![\w-])", re.IGNORECASE)
