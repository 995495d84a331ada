"""A label the table does not spell, read by its words: "Expected completion", "Montant approuvé en FCFA", "Op. No.",
"Fecha de término prevista", "Period and budget", "Fuente / socios".

Every spelling of the label table (data/labels.json) is reduced to its head words: its words folded (no accents, lower
case), each without its plural ending and a final 'e' ("Partenaires", "partner"... "partenair"), less the words that
do not name a field (data/labels.json "head_fillers": articles and prepositions, qualifiers such as "total",
"approved", "prévu", "previsto", owners such as "project", "loan", "opération", currencies; "date", "fecha" and their
kin only beside another word). A key written before a separator is a label when its own head words, reduced alike,
are those of one field's spellings, whatever their order, articles, qualifiers or abbreviations ("Amt.", "Bud.",
"Op.": a word's abbreviation in the table, or its first letters and a dot when they begin one head word only). A set
of head words that spellings of two fields share names neither. A key whose parts, joined by "and", "et", "y", "&",
"/" or "+", each name a field is read as both (see label_parts.py for its value). A key with a word of no field stays
text. "head_words" adds a few words the table spells only in longer labels ("Launch", "Clôture", "Término").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .folding import fold

__all__ = ["Heads", "KeyReading", "build_heads", "read_key"]

_TOKEN = re.compile(r"n[\u00b0\u00bao]\.?(?![a-z])|[a-z0-9]+\.?|[&/+,]")
_JOINS = frozenset({"and", "et", "y", "e", "&", "/", "+", ","})
_MAX_WORDS = 8


@dataclass(frozen=True)
class KeyReading:
    """The fields a key names, in the order it names them, each with its modifiers; its words as written per part."""

    fields: tuple[tuple[str, dict[str, Any]], ...]
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Heads:
    """Head words of each field's spellings."""

    sets: dict[frozenset[str], tuple[str, dict[str, Any]] | None]  # None: two fields share it
    fillers: frozenset[str]
    date_words: frozenset[str]
    abbreviations: dict[str, str]  # an abbreviation (folded, no dot) -> the word it stands for
    words: frozenset[str]  # every head word, for abbreviations by first letters
    articles: frozenset[str] = frozenset()  # a key that begins with one is a sentence's start ("The objective: is")


def _stem(word: str) -> str:
    """A plural's singular ("countries": "country", "montants": "montant", "paises": "pais"); other words as they
    are."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("es") and w[-3] in "lnrdz" and not w.endswith("res"):
        return w[:-2]  # "países", "naciones"; "partenaires" loses its 's' only
    if len(w) > 3 and w.endswith(("s", "x")) and not w.endswith(("ss", "us", "is", "ys")):
        return w[:-1]
    return w


def _coarse(words: frozenset[str]) -> frozenset[str]:
    """Words without their number, for labels of two words or more: "socio ejecutor", "socios ejecutores",
    "partenaire financier" and "partenaires financiers" alike."""
    out = set()
    for w in words:
        s = w[:-3] + "y" if len(w) > 4 and w.endswith("ies") else w[:-2] if len(w) > 4 and w.endswith("es") else (
            w[:-1] if len(w) > 3 and w.endswith(("s", "x")) and not w.endswith(("ss", "us", "is")) else w)
        out.add("~" + (s[:-1] if len(s) > 4 and s.endswith("e") else s))
    return frozenset(out)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text).lower().replace("'", " ").replace("\u2019", " "))


def build_heads(data: dict[str, Any], spellings: dict[str, Any]) -> Heads:
    """The head words of each field, from the table's spellings (name -> field or {field, modifiers})."""
    extra = data.get("head_fillers", {})
    fillers = {w.rstrip(".") for group in ("articles", "qualifiers", "owners", "currencies")
               for w in (t for phrase in extra.get(group, []) for t in _tokens(phrase))}
    for phrase in data.get("qualifiers", []) + data.get("qualifiers_before", []):
        fillers.update(_tokens(phrase))
    date_words = frozenset(t for w in extra.get("dates", []) for t in _tokens(w))
    abbreviations: dict[str, str] = {}
    for word, shorts in data.get("abbreviations", {}).items():
        for short in shorts:
            abbreviations.setdefault(fold(short).lower().rstrip("."), fold(word).lower())
    base = Heads({}, frozenset(fillers), date_words, abbreviations, frozenset())
    sets: dict[frozenset[str], tuple[str, dict[str, Any]] | None] = {}
    words: set[str] = set()
    items = list(spellings.items()) + list(data.get("head_words", {}).items())
    for spelling, target in items:
        name, mods = (target, {}) if isinstance(target, str) else (
            target["field"], {k: v for k, v in target.items() if k not in ("field", "strict", "then")})
        heads = _reduce(_tokens(spelling), base)
        if not heads or heads <= date_words:
            continue  # "Date", "Dates": the table's own spellings say when they are labels
        words.update(heads)
        _add(sets, heads, name, mods)
        if len(heads) > 1:
            # two words or more in the singular or the plural alike ("Socio ejecutor" for "Socios ejecutores")
            _add(sets, _coarse(heads), name, mods)
    articles = frozenset(t for phrase in extra.get("articles", []) for t in _tokens(phrase))
    return Heads(sets, base.fillers, date_words, abbreviations, frozenset(words), articles)


def _add(sets: dict[frozenset[str], tuple[str, dict[str, Any]] | None], heads: frozenset[str], name: str,
         mods: dict[str, Any]) -> None:
    """A set of head words for a field; the same field with other modifiers keeps those they share ("Actual end
    date" beside "Planned end date": the end); two fields, or two roles of partners, make it name neither."""
    if heads not in sets:
        sets[heads] = (name, mods)
        return
    old = sets[heads]
    if old is not None and old != (name, mods):
        same = old[0] == name and old[1].get("role") == mods.get("role")
        sets[heads] = (name, {k: v for k, v in mods.items() if old[1].get(k) == v}) if same else None


def _word(token: str, heads: Heads) -> str | None:
    """A token as a head word's stem; '' for a filler; None for a dot-abbreviation of no head word."""
    dotted = token.endswith(".")
    bare = token.rstrip(".")
    full = heads.abbreviations.get(bare) or heads.abbreviations.get(bare.replace("\u00ba", "\u00b0"))
    if full:
        bare = full
    elif dotted and len(bare) >= 3 and heads.words:
        found = {_stem(w) for w in heads.words if w.startswith(bare) and w != bare}
        if bare not in heads.words and _stem(bare) not in heads.words | heads.fillers:
            if len(found) != 1 or found.pop() not in heads.words:
                return None  # "Bud." is "budget"; "Par." begins "partners" and "participants"
            bare = next(w for w in heads.words if w.startswith(bare) and _stem(w) == w)
    if bare in heads.fillers or _stem(bare) in heads.fillers or bare.isdigit():
        return ""
    # A plural where the table spells the singular ("Countries covered" for "Country"); never the singular of a
    # plural it spells alone ("Activity:" is no "Activities", "Date:" no "Dates").
    return bare if bare in heads.words or not heads.words else _stem(bare)


def _reduce(tokens: list[str], heads: Heads) -> frozenset[str] | None:
    out: list[str] = []
    for t in tokens:
        if t in _JOINS:
            return None  # a spelling with a conjunction is no head set of one field
        w = _word(t, heads)
        if w is None:
            return None
        if w:
            out.append(w)
    kept = [w for w in out if w not in heads.date_words] or out
    return frozenset(kept)


def _part_field(tokens: list[str], heads: Heads) -> tuple[str, dict[str, Any]] | None:
    reduced = _reduce(tokens, heads)
    if not reduced:
        return None
    found = heads.sets.get(reduced)
    if found is None and len(reduced) > 1:
        found = heads.sets.get(_coarse(reduced))
    if found is None and 1 < len(reduced) < len(tokens):
        # each word alone a label of one and the same field, with a word between ("Estado de situación"); two words
        # side by side may be two columns' heads ("No. Code")
        alone = [heads.sets.get(frozenset({w})) for w in reduced]
        if all(alone) and len({(f[0], str(f[1].get("role"))) for f in alone if f}) == 1:
            found = (alone[0][0], {k: v for k, v in alone[0][1].items() if all(f[1].get(k) == v for f in alone if f)}) \
                if alone[0] else None
    if found is not None and found[0] != "time_frame" and any(_word(t, heads) in heads.date_words for t in tokens):
        return None  # "Fecha de presentación": the date of something, not a field's label
    return found


def read_key(key: str, heads: Heads | None) -> KeyReading | None:
    """The field or fields a label's words name ("Expected completion", "Durée et coût"), or None."""
    if heads is None:
        return None
    if re.search(r"\d", key) or key.count("(") != key.count(")"):
        return None  # "Numéro 7712 - Samedi", "project (budget: ...": a number or a bracket's opening, no key
    tokens = _tokens(key)
    if any(len(t) == 1 and t.isalpha() and t not in heads.articles | _JOINS for t in tokens):
        return None  # "N/Réf.", "V/Réf.": a letter's own and its addressee's references, initials
    if not tokens or len([t for t in tokens if t not in _JOINS]) > _MAX_WORDS or tokens[0] in _JOINS | heads.articles:
        return None
    if not any(t in _JOINS for t in tokens):
        found = _part_field(tokens, heads)
        return KeyReading((found,), (key.strip(),)) if found else None
    parts: list[list[str]] = [[]]
    for t in tokens:
        if t in _JOINS:
            if parts[-1]:
                parts.append([])
        else:
            parts[-1].append(t)
    if not parts[-1] or len(parts) > 3:
        return None
    fields = [_part_field(p, heads) for p in parts]
    if any(f is None for f in fields):
        return None
    names = [f[0] for f in fields if f]
    if len(set(names)) == 1 and len({str(f[1].get("role")) for f in fields if f}) == 1:
        return KeyReading(((names[0], {}),), (key.strip(),))  # "Start and end dates": one field, its part unsaid
    if len(set(names)) != len(names):
        return None
    written = [w.strip() for w in re.split(r"\s*(?:\band\b|\bet\b|\by\b|\be\b|&|/|\+|,)\s*", key, flags=re.I)]
    written = [w for w in written if w]
    if len(written) != len(fields):
        return None
    return KeyReading(tuple(f for f in fields if f), tuple(written))
