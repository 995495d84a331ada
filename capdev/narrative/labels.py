"""The label table (data/labels.json): labels, headings and project-code headers found in a line.

A label is matched on the line folded to plain letters (accents off, same length, so offsets hold), case-insensitively,
with a plural 's' or '(s)' after any word and an aside in brackets after it ("Budget (USD):"). What follows the label
says whether it is one: a colon, a spaced dash, a tab, a '|', two spaces, the end of the line (the value is on the
following lines) or, for fields with a value type, a value of that type ("Proposed Budget US$ 148,000").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .folding import fold, fold_key
from .value_types import reads_as_clause, value_has_type

LABELS_FILE = Path(__file__).with_name("data") / "labels.json"

_DASHES = "-\u2010\u2011\u2012\u2013\u2014"
# Before a label: spaces, a Markdown table's '|', emphasis, a quote mark or a bullet.
_LEAD = re.compile(
    r"[ \t]*(?:\|[ \t]*)?(?:(?:[*_#>]+|[\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u25cb\u25a0\u25a1\u27a2\u25ba\u2713"
    r"\u2013\u2014-](?=[ \t]))[ \t]*)?(?:\*\*|__)?"
)
_LEADER = re.compile(r"(?:\.[ \t]?){3,}|\u2026+|(?:\u00b7[ \t]?){3,}|_{3,}")
_WORD = re.compile(r"[^\W\d_]+")
_PLURAL = r"(?:s|es|x)?(?:[ \t]?\((?:s|es|x|ies|e|as|os)\))?"
_ASIDE = re.compile(r"[ \t]*\(([^()\r\n]{1,40})\)")
_COLON = ":\uff1a"
MAX_LABEL_LINE = 20000  # a longer line is read as prose (no label scan beyond this)

__all__ = ["FieldSpec", "HeaderMatch", "LabelMatch", "LabelTable", "build_table", "default_table", "fold", "fold_key",
           "inline_labels", "match_header", "match_label", "value_has_type"]


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
        for ch in stem:
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


# ---------------------------------------------------------------- matching

def _separator(line: str, pos: int) -> tuple[str, int] | None:
    """The separator after a label ending at pos, and where the value starts; None when it is no label."""
    n = len(line)
    j = pos
    while j < n and line[j] in " \t*_":
        j += 1
    gap = line[pos:j]
    if j < n and line[j] in _COLON:
        return "colon", _value_start(line, j + 1)
    if j < n and line[j] == "|":
        return "pipe", _value_start(line, j + 1)
    if j < n and line[j] in _DASHES and gap and j + 1 < n and line[j + 1] in " \t":
        return "dash", _value_start(line, j + 1)
    if j < n and line[j] in "\u2013\u2014" and j + 1 < n and line[j + 1] not in " \t\u2013\u2014":
        return "dash", _value_start(line, j + 1)  # "Budget\u2014US$ 500,000"
    leader = _LEADER.match(line, j)
    if leader:
        # "Code ........ 2023X", "Budget \u2026 US$": leader dots; a colon may follow them.
        k = _value_start(line, leader.end())
        if k < n and line[k] in _COLON:
            k = _value_start(line, k + 1)
        return "dots", k
    if j >= n or not line[j:].strip():
        return "", n
    if "\t" in gap:
        return "tab", j
    if gap.count(" ") >= 2:
        return "spaces", j
    if gap == " ":
        return "typed", j
    return None


def _value_start(line: str, pos: int) -> int:
    while pos < len(line) and line[pos] in " \t*_":
        pos += 1
    return pos


def _label_at(line: str, folded: str, pos: int, table: LabelTable, numbered: bool) -> LabelMatch | None:
    index = table.numbered_by_word if numbered else table.by_word
    m = _WORD.match(folded, pos)
    if not m:
        return None
    seen: set[int] = set()
    for stem in sorted(_stems(m.group(0)), key=len, reverse=True):
        for sp in index.get(stem, ()):
            if id(sp) in seen:
                continue
            seen.add(id(sp))
            lm = sp.rx.match(folded, pos)
            if not lm:
                continue
            end = lm.end()
            qualified = False
            if table.qualifier_rx is not None and not numbered:
                qm = table.qualifier_rx.match(folded, end)
                # "Code projet —", "Socio(s) local(es)<TAB>": a qualifier, then a separator (no column gap before it:
                # "Counterpart        National Statistics Office" is a label and its value).
                if qm and (_separator(line, qm.end()) or ("typed",))[0] not in ("", "typed"):
                    end, qualified = qm.end(), True
            aside = ""
            am = _ASIDE.match(folded, end)
            if am and not numbered:
                aside, end = line[am.start(1) : am.end(1)], am.end()
            sm = _SLASHED.match(folded, end) if not numbered else None
            if sm:
                # "Title/basic act/CRIS number:", "Duración/Período:": the other names of the label, an aside.
                aside, end = line[end + 1 : sm.end()].strip(), sm.end()
            if numbered and line[end : end + 1] == "." and line[end + 1 : end + 2] in (" ", "\t"):
                sep: tuple[str, int] | None = ("colon", _value_start(line, end + 1))  # "Outcome 1. By 2026"
            else:
                sep = _separator(line, end)
            if sep is None:
                continue
            kind, value_start = sep
            if sp.modifiers.get("strict") and kind in ("typed", "spaces"):
                continue  # "Nombre de participantes ...": a common word is a label before a separator or alone
            if kind == "typed":
                if not line[lm.start("label") : lm.start("label") + 1].isupper():
                    continue  # "funded by the Government of Italy ...": a sentence going on from the line before
                spec = table.spec(sp.field)
                kind_of_value = sp.modifiers.get("then") or spec.value
                if numbered or not (kind_of_value and value_has_type(kind_of_value, line[value_start:], table)):
                    continue
                if kind_of_value != "name" and reads_as_clause(kind_of_value, line[value_start:]):
                    continue  # "Fin 2023, le projet a été prolongé ...": a sentence, not a label and its value
            number = int(lm.group("num")) if numbered else None
            label_end = value_start if kind else len(line)
            mods = {k: v for k, v in sp.modifiers.items() if k not in ("then", "strict")}
            written = line[lm.start("label") : qm.end() if qualified else lm.end("label")].strip()
            return LabelMatch(sp.field, written, lm.start("label"), label_end,
                              value_start, kind not in ("", "typed"), number, mods, kind, aside)
    return None


def _qualified(line: str, folded: str, pos: int, table: LabelTable) -> LabelMatch | None:
    """"National counterpart:", "Estimated budget —": a qualifier, then a label with its separator."""
    qm = table.qualifier_before_rx.match(folded, pos) if table.qualifier_before_rx is not None else None
    inner = _label_at(line, folded, qm.end(), table, False) if qm else None
    if inner is None or inner.sep not in ("colon", "dash", "pipe", "tab", "dots"):
        return None
    return LabelMatch(inner.field, line[pos : inner.start + len(inner.label)], pos, inner.end, inner.value_start,
                      inner.colon, inner.number, dict(inner.modifiers), inner.sep, inner.aside)


def match_label(line: str, table: LabelTable | None = None) -> LabelMatch | None:
    """The label that opens this line (one line, without its line break), or None."""
    table = table or default_table()
    line = line[:MAX_LABEL_LINE]
    keyed = _SNAKE_KEY.match(line)  # "project_code: X", "start_date: 2024-02": a YAML key, a label's words joined
    line = line[: keyed.end()].replace("_", " ") + line[keyed.end() :] if keyed else line  # (same offsets)
    folded = fold(line)
    pos = _LEAD.match(folded).end()
    found = _label_at(line, folded, pos, table, True) or _label_at(line, folded, pos, table, False) or _qualified(
        line, folded, pos, table)
    if found is None:
        # "3. Maître d'ouvrage : ...", "b) Budget: ...": a numbered list of labelled facts (a separator is needed).
        m = _ITEM_LEAD.match(folded)
        if m:
            inner = _label_at(line, folded, m.end(), table, False)
            if inner is not None and inner.sep in ("colon", "dash", "pipe", "tab"):
                found = inner
    return found


_SNAKE_KEY = re.compile(r"[ \t]*(?:-[ \t]+)?[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?=[ \t]*:)")
_SLASHED = re.compile(r"[ \t]?/[ \t]?[^\W\d_][^:\uff1a\r\n.;|]{0,80}?(?=[ \t]*[:\uff1a])")
_ITEM_LEAD = re.compile(r"[ \t]*(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)][ \t]+")
_INLINE_GAP = re.compile(
    r"(?:[ \t]*[;|\u00b7\u2022][ \t]*|\t[ \t]*|[ ]{2,}|[.,][ \t]+|[ ][\u2013\u2014-][ ]|[ ])(?=(?:\*\*)?[^\W\d_])"
)


def inline_labels(line: str, start: int, table: LabelTable | None = None, *, loose: bool = False,
                  spaced: bool = False) -> list[tuple[int, LabelMatch]]:
    """Further labels on a line after position start ("Code: 2122M   Budget: USD 420,000   Funding: XB").

    Each is a label followed by a colon (or a tab or '|'), written after a break: two spaces, a tab, ';', '|', '\u00b7'
    or a spaced dash; after '. ' or ', ' or a single space too when loose (the first label's value is a short one)
    and the label is capitalised. When spaced (a line of a two-column page: "Code    2023X    Budget    US$ 500"),
    a label followed by two spaces or a tab after such a break counts too. Returns (position in the line, match with
    offsets relative to that position)."""
    table = table or default_table()
    if len(line) > MAX_LABEL_LINE:
        return []
    folded = fold(line)
    out: list[tuple[int, LabelMatch]] = []
    for gm in _INLINE_GAP.finditer(line, start):
        at = gm.end()
        gap = gm.group(0)
        # "| **Budget:** USD 560,000": a Markdown label in bold; the piece begins at its emphasis.
        bold = 2 if line.startswith(("**", "__"), at) else 0
        strong = bool(re.search(r"[;|\t\u00b7\u2022\u2013\u2014]|  | - ", gap))
        if not strong and not (loose or gap.strip() == "."):
            continue
        if not strong and not line[at + bold].isupper():
            continue
        lm = _label_at(line, folded, at + bold, table, False) or _label_at(line, folded, at + bold, table, True) or (
            _qualified(line, folded, at + bold, table) if strong else None)  # "· Estimated budget: ..."
        if lm is None:
            continue
        if lm.sep not in ("colon", "tab", "pipe", "dots") and not (spaced and strong and lm.sep in ("spaces", "tab")) \
                and not (strong and lm.sep == "typed"):
            continue
        if out and out[-1][0] + out[-1][1].value_start > at:
            continue
        if lm.sep == "pipe" and not line[lm.value_start :].strip(" \t|*_"):
            continue  # "| Lead unit | Statistics Division (UNSD) |": a word of the last cell before the row's end
        shifted = LabelMatch(lm.field, lm.label, lm.start - at, lm.end - at, lm.value_start - at, lm.colon, lm.number,
                             dict(lm.modifiers), lm.sep, lm.aside)
        out.append((at, shifted))
    return out


def match_header(line: str, table: LabelTable | None = None) -> HeaderMatch | None:
    """A project-code header ("ROA 206-8: Title", "1819C - Title", "DA1617B:") at the start of the line, or None."""
    table = table or default_table()
    if len(line) > 300:
        return None
    for rx in table.header_res:
        m = rx.match(line)
        if m:
            title_start = _value_start(line, m.end())
            title = line[title_start:].strip().strip("*_").strip()
            return HeaderMatch(m.group("code"), m.start("code"), m.end("code"), title, title_start)
    return None
