"""The label table (data/labels.json) compiled: each field's layout and a regex for each spelling of a label.

A spelling is matched on the line folded to plain letters (accents off, same length, so offsets hold),
case-insensitively, with a plural 's' or '(s)' after any word and its words' abbreviations; the matching itself is
labels.py's.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .folding import fold, fold_key
from .label_heads import Heads, build_heads

LABELS_FILE = Path(__file__).with_name("data") / "labels.json"

_DASHES = "-\u2010\u2011\u2012\u2013\u2014"
_WORD = re.compile(r"[^\W\d_]+")
_PLURAL = r"(?:s|es|x)?(?:[ \t]?\((?:s|es|x|ies|e|as|os)\))?"

__all__ = ["LABELS_FILE", "FieldSpec", "HeaderMatch", "LabelMatch", "LabelTable", "build_table", "default_table",
           "word_stems"]


@dataclass(frozen=True)
class FieldSpec:
    """How a field's value is laid out and what role it plays in finding record boundaries."""

    name: str
    shape: str = "short"  # prose | list | short
    family: str = ""  # head | opening | closing | ""
    repeatable: bool = False
    value: str = ""  # the value's type, for labels written without a separator


@dataclass(frozen=True)
class LabelMatch:
    """A label found in a line; offsets are within the line."""

    field: str
    label: str  # the label as written
    start: int  # where the label text begins
    end: int  # just after the label (and its separator, if any)
    value_start: int  # where the value begins on this line (== len(line) when none)
    colon: bool  # a separator follows the label (colon, dash, tab, '|', two spaces)
    number: int | None = None
    modifiers: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    sep: str = ""  # colon | dash | pipe | tab | spaces | typed | "" (alone on its line)
    aside: str = ""  # "(USD)" after the label


@dataclass(frozen=True)
class HeaderMatch:
    """A project-code header line ("ZAI/08/001: Title"); offsets are within the line."""

    code: str
    code_start: int
    code_end: int
    title: str
    title_start: int
    running: bool = False  # a page's running header or footer (running_lines): no record's head, no title


@dataclass(frozen=True)
class _Spelling:
    rx: re.Pattern[str]
    field: str
    modifiers: dict[str, Any]
    length: int


@dataclass(frozen=True)
class LabelTable:
    """The compiled label table."""

    fields: dict[str, FieldSpec]
    by_word: dict[str, tuple[_Spelling, ...]]
    numbered_by_word: dict[str, tuple[_Spelling, ...]]
    header_res: tuple[re.Pattern[str], ...]
    headings: frozenset[str]
    heading_words: frozenset[str]
    status_values: frozenset[str]
    columns: dict[str, str]  # folded column name -> role
    chrome: frozenset[str] = frozenset()  # lines of a web page around the records ("Skip to main content")
    heading_res: tuple[re.Pattern[str], ...] = ()  # whole lines that head a part ("ANNEXE 3", "Situation as of ...")
    qualifier_rx: re.Pattern[str] | None = None  # words any label may be followed by ("Code projet", "Socio local")
    qualifier_before_rx: re.Pattern[str] | None = None  # ... or preceded by ("National counterpart")
    heads: Heads | None = None  # the head words of each field's spellings (label_heads)

    def spec(self, name: str) -> FieldSpec:
        """The layout of a field, with defaults for fields the table does not describe."""
        return self.fields.get(name) or FieldSpec(name)


def _word_pattern(word: str) -> str:
    out = []
    for ch in word:
        if ch in "/()[]":
            out.append(rf"[ \t]*{re.escape(ch)}[ \t]*")
        elif ch in _DASHES:
            out.append(rf"[ \t]*[{_DASHES}]?[ \t]*")
        elif ch == ".":
            out.append(r"\.?")
        elif ch == "'":
            out.append(r"'[ \t]?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _prefix_needs(spellings: dict[str, str]) -> dict[tuple[str, int], int]:
    """For each word of each folded spelling (five letters or more), how many of its first letters make an
    abbreviation of it ("Dur." for "Duration", "Benef." for "Beneficiary"): at least three, and enough to tell it
    from the word at the same place of any spelling of another field that is otherwise the same ("Coun." is neither
    "Countries" nor "Counterparts")."""
    groups: dict[tuple[int, int, tuple[str, ...]], list[tuple[str, str, str]]] = {}
    for spelling, name in spellings.items():
        words = spelling.lower().split()
        for i, w in enumerate(words):
            groups.setdefault((len(words), i, tuple(words[:i] + words[i + 1 :])), []).append((w, name, spelling))
    out: dict[tuple[str, int], int] = {}
    for (_, i, _), entries in groups.items():
        for w, name, spelling in entries:
            if len(w) < 5 or not w.isalpha():
                continue
            need = 3
            for v, other, _ in entries:
                if other != name:
                    common = 0
                    while common < min(len(w), len(v)) and w[common] == v[common]:
                        common += 1
                    need = max(need, common + 1)
            if need < len(w):
                out[(spelling, i)] = need
    return out


def _prefix_pattern(word: str, need: int) -> str:
    """The word cut after `need` letters or more, then a dot: 'dur', 'dura', ... 'duratio' and '.'."""
    tail = ""
    for ch in reversed(word[need:-1]):
        tail = f"(?:{re.escape(ch)}{tail})?"
    return re.escape(word[:need]) + tail + r"\."


def _pattern(spelling: str, abbreviations: dict[str, list[str]] | None = None,
             prefixes: dict[tuple[str, int], int] | None = None, spelled: frozenset[str] = frozenset()) -> str:
    """A tolerant regex for one folded spelling: any case and spacing, a plural after any word, optional dots, and
    each word's abbreviations ("Proj." for "Project")."""
    out = []
    words = spelling.split()
    for i, word in enumerate(words):
        if i:
            out.append(r"[ \t]+")
        short = [_word_pattern(a.rstrip(".")) + (r"\.?" if a.endswith(".") else "")
                 for a in (abbreviations or {}).get(word.lower(), [])]
        need = (prefixes or {}).get((spelling, i))
        if need:
            short.append(_prefix_pattern(word.lower(), need))
        if short:
            # "Proj. code", "Proj code", "No. du projet", "Dur.": an abbreviation, its dot optional where listed.
            stem, ending = _plural_ending(word, words, i, spelled)
            out.append(rf"(?:{'|'.join(short)}|{_word_pattern(stem)}{ending}{_PLURAL if word[-1:].isalpha() else ''})")
            continue
        stem, ending = _plural_ending(word, words, i, spelled)
        out.append(_word_pattern(stem))
        out.append(ending)
        if word[-1:].isalpha():
            out.append(_PLURAL)
    return "".join(out)


def _plural_ending(word: str, words: list[str], i: int, spelled: frozenset[str]) -> tuple[str, str]:
    """A word of a spelling written in the plural, split so that its singular followed by a plural mark in brackets
    matches too ("Partenaire(s)" for "Partenaires", "Socio(s)" for "Socios", "Country(ies)" for "Countries",
    "País(es)" for "Países"): the stem and a regex for the ending. The bare singular is no match ("Date" is not
    "Dates", "Actividad:" heads one event): the table spells it where it is a label. Words of four letters or fewer,
    words whose final 's' is no plural (-ss, -us, -is, -ys: "Progress", "Status", "Pays") and plurals whose singular
    the table spells for a field of its own ("Expected Outcomes" beside "Expected Outcome") are kept whole."""
    w = word.lower()
    if len(w) < 5 or not w.isalpha():
        return word, ""
    mark = r"[ \t]?\((?:s|es|ies|x)\)"
    if w.endswith("ies"):
        split = word[:-3], rf"(?:ies|y{mark})", (w[:-3] + "y",)
    elif w.endswith("es") and w[-3] in "lnrdz":
        split = word[:-2], rf"(?:es|{mark}|e{mark})", (w[:-2], w[:-1])  # "País(es)", "Partenaire(s)"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ys")):
        split = word[:-1], rf"(?:s|{mark})", (w[:-1],)
    else:
        return word, ""
    before, after = " ".join(words[:i]).lower(), " ".join(words[i + 1:]).lower()
    if any(" ".join(p for p in (before, singular, after) if p) in spelled for singular in split[2]):
        return word, ""
    return split[0], split[1]


def _stems(word: str) -> set[str]:
    w = word.lower()
    out = {w}
    if w.endswith("ies") and len(w) > 4:
        out.add(w[:-3] + "y")
    for suffix in ("es", "s", "x"):
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            out.add(w[: -len(suffix)])
    return out


def _first_word(text: str) -> str:
    m = _WORD.search(text)
    return m.group(0).lower() if m else ""


def _index(spellings: dict[str, Any], numbered: bool, abbreviations: dict[str, list[str]]) -> dict[
        str, tuple[_Spelling, ...]]:
    index: dict[str, list[_Spelling]] = {}
    tail = r"[ \t]*(?P<num>\d{1,2})(?!\d)" if numbered else ""
    fields = {fold(sp.strip()): (t if isinstance(t, str) else t["field"]) for sp, t in spellings.items()}
    prefixes = _prefix_needs(fields)
    spelled = frozenset(f.lower() for f in fields)
    for spelling, target in spellings.items():
        folded = fold(spelling.strip())
        name, mods = (target, {}) if isinstance(target, str) else (target["field"], {k: v for k, v in target.items()
                                                                                      if k != "field"})
        rx = re.compile(rf"(?P<label>{_pattern(folded, abbreviations, prefixes, spelled)}{tail})(?![^\W_])",
                        re.IGNORECASE)
        entry = _Spelling(rx, name, mods, len(folded))
        first = _first_word(folded)
        keys = _stems(first) | {_first_word(fold(a)) for a in abbreviations.get(first, [])}  # "n°": "n"
        if (folded, 0) in prefixes:
            keys |= {first[:k] for k in range(prefixes[(folded, 0)], len(first))}
        for stem in keys:
            index.setdefault(stem, []).append(entry)
    return {k: tuple(sorted(v, key=lambda s: -s.length)) for k, v in index.items()}


def build_table(data: dict[str, Any]) -> LabelTable:
    """Compile a label table from its JSON form (see data/labels.json)."""
    fields = {
        name: FieldSpec(name, spec.get("shape", "short"), spec.get("family", ""), bool(spec.get("repeatable")),
                        spec.get("value", ""))
        for name, spec in data.get("fields", {}).items()
    }
    from .budget_labels import spellings_of  # every "labels..." table, and budget nouns with their qualifiers

    spellings: dict[str, Any] = spellings_of(data)
    strict = {fold(s).lower() for s in data.get("strict_labels", [])}  # a common word: a label only before a separator
    spellings = {sp: ({"field": t} if isinstance(t, str) else t) | {"strict": True} if fold(sp).lower() in strict else t
                 for sp, t in spellings.items()}
    header_res = []
    for pat in data.get("code_patterns", []):
        code = rf"(?P<code>{pat})"
        header_res.append(re.compile(rf"^[ \t]*{code}[ \t]*(?::|[ \t][{_DASHES}](?=[ \t])|$)"))
        # A code followed directly by a capitalised title ("INT-08-X01 Title") only for codes with separators.
        if "/" in pat or "-" in pat:
            header_res.append(re.compile(rf"^[ \t]*{code}[ \t]+(?=[A-Z\u201c\"])"))
    columns = {fold_key(name): role for role, names in data.get("columns", {}).items() for name in names}
    abbreviations = {fold(k).lower(): [fold(a).lower() for a in v] for k, v in data.get("abbreviations", {}).items()}
    return LabelTable(
        fields, _index(spellings, False, abbreviations), _index(data.get("numbered_labels", {}), True, abbreviations),
        tuple(header_res),
        frozenset(fold_key(h) for h in data.get("headings", [])),
        frozenset(fold_key(w) for w in data.get("heading_words", [])),
        frozenset(fold_key(s) for s in data.get("status_values", [])), columns,
        frozenset(fold_key(c) for c in data.get("chrome", [])),
        tuple(re.compile(rf"(?:{p})$", re.IGNORECASE) for p in data.get("heading_patterns", [])),
        _qualifiers(data.get("qualifiers", [])),
        _qualifiers(data.get("qualifiers_before", []), before=True),
        build_heads(data, spellings),
    )


def _qualifiers(words: list[str], before: bool = False) -> re.Pattern[str] | None:
    """One regex for the qualifiers a label may be followed (or preceded) by, longest first, each with a plural mark."""
    spellings = sorted({fold(w.strip()).lower() for w in words if w.strip()}, key=len, reverse=True)
    if not spellings:
        return None
    if before:
        return re.compile(rf"(?:{'|'.join(_pattern(w) for w in spellings)}) (?=[^\W\d_])", re.IGNORECASE)
    return re.compile(rf" (?:{'|'.join(_pattern(w) for w in spellings)})(?![^\W_])", re.IGNORECASE)


@lru_cache(maxsize=1)
def default_table() -> LabelTable:
    """The label table shipped in data/labels.json."""
    return build_table(json.loads(LABELS_FILE.read_text(encoding="utf-8")))


def word_stems(word: str) -> set[str]:
    """A word lower-cased, and without its plural ending ("countries": "country", "partners": "partner")."""
    return _stems(word)
