"""A title given in two languages ("Strengthening e-government in West Africa / Renforcement de l'administration
électronique en Afrique de l'Ouest", "Gobierno electrónico en los Andes | E-government in the Andes"): the record
keeps the half written in its own text's language, flagged, since a reviewer may prefer the other. A title whose
halves are in one language ("Digital skills / Compétences" aside) is left whole. The words that tell the languages
apart, and the separators, are data (data/title_languages.json)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "title_languages.json"
_MIN_WORDS = 3  # each half is a title of its own, not "EN / FR"
_TEXT_SAMPLE = 3000  # the text's language is told by its opening words: reading more says no more


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, frozenset[str]], tuple[str, ...]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    words = {lang: frozenset(w.lower() for w in ws) for lang, ws in data["words"].items()}
    return words, tuple(data["separators"])


_WORD = re.compile(r"[^\W\d_]+(?:['\u2019](?=[^\W\d_]))?")


def language_of(text: str) -> str:
    """'en', 'fr' or 'es': the language most of the words belong to ('' when none or a tie)."""
    words, _ = _table()
    tokens = [t.lower().replace("\u2019", "'") for t in _WORD.findall(text)]
    scores = {lang: sum(t in vocab for t in tokens) for lang, vocab in words.items()}
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return ""
    return ranked[0][0]


def halves(title: str) -> tuple[str, str, str, str] | None:
    """(first half, its language, second half, its language) of a title written in two languages; None otherwise."""
    _, separators = _table()
    for sep in separators:
        if title.count(sep) != 1:
            continue
        a, b = (part.strip() for part in title.split(sep))
        if len(a.split()) < _MIN_WORDS or len(b.split()) < _MIN_WORDS:
            continue
        la, lb = language_of(a), language_of(b)
        if la and lb and la != lb:
            return a, la, b, lb
    return None


def in_text_language(title: str, text: str) -> tuple[str, str]:
    """(the half of a two-language title in the text's language, why) or (title, '') when it is not one or the text's
    language matches neither half."""
    split = halves(title)
    if split is None:
        return title, ""
    a, la, b, lb = split
    body = text.replace(title, " ")[:_TEXT_SAMPLE]
    lang = language_of(body)
    if lang not in (la, lb):
        return title, ""
    kept, other = (a, b) if lang == la else (b, a)
    return kept, f"a title in two languages: the one in the text's language kept, the other was {other!r}"
