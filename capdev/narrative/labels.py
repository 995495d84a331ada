"""The label table (data/labels.json): labels, headings and project-code headers found in a line.

A label is matched on the line folded to plain letters (accents off, same length, so offsets hold), case-insensitively,
with a plural 's' or '(s)' after any word and an aside in brackets after it ("Budget (USD):"). What follows the label
says whether it is one: a colon, a spaced dash, a tab, a '|', two spaces, the end of the line (the value is on the
following lines) or, for fields with a value type, a value of that type ("Proposed Budget US$ 148,000").
"""
from __future__ import annotations

import re

from .folding import fold, fold_key
from .label_heads import read_key
from .label_table import (
    _DASHES,
    LABELS_FILE,
    FieldSpec,
    HeaderMatch,
    LabelMatch,
    LabelTable,
    build_table,
    default_table,
)
from .label_table import word_stems as _stems
from .value_types import reads_as_clause, value_has_type

# Before a label: spaces, a Markdown table's '|', emphasis, a quote mark or a bullet.
_LEAD = re.compile(
    r"[ \t]*(?:\|[ \t]*)?(?:(?:[*_#>]+|[\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u25cb\u25a0\u25a1\u27a2\u25ba\u2713"
    r"\u2013\u2014-](?=[ \t]))[ \t]*)?(?:\*\*|__)?"
)
_LEADER = re.compile(r"(?:\.[ \t]?){3,}|\u2026+|(?:\u00b7[ \t]?){3,}|_{3,}")
_WORD = re.compile(r"[^\W\d_]+")
_ASIDE = re.compile(r"[ \t]*\(([^()\r\n]{1,40})\)")
_COLON = ":\uff1a"
# A key's assignment sign, written like a colon: '=', ':=', an arrow ('->', '-->', '=>', '→', '⇒', '⟶'),
# followed by a space or the end of the line ("Clave = PE-15", "Montant -> 300 000").
_ASSIGN = re.compile(r"(?::=|=(?!=)>?|[-\u2013\u2014]{1,2}>|[\u2192\u21d2\u27f6\u279c\u279d])(?=[ \t]|$)")
MAX_LABEL_LINE = 20000  # a longer line is read as prose (no label scan beyond this)

__all__ = ["LABELS_FILE", "FieldSpec", "HeaderMatch", "LabelMatch", "LabelTable", "build_table", "default_table",
           "fold", "fold_key", "inline_labels", "match_header", "match_label", "value_has_type"]

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
    arrow = _ASSIGN.match(line, j)
    if arrow:
        return "colon", _value_start(line, arrow.end())  # "Clave = PE-15", "Budget -> 350,000", "Réf. => X"
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
        found = found or _by_heads(line, m.end() if m else pos, table)
    if found is not None and found.sep == "colon" and len(_WORD.findall(found.label)[0] if _WORD.search(
            found.label) else "") < 2 and _ASSIGN.match(line, _value_start(line, found.start + len(found.label))):
        return None  # "n = 35 participants": a letter and an equals sign are a formula's
    return found


# A key before a separator: up to 60 characters from a letter, then a colon, '|', '=', an arrow, a tab, a spaced dash
# or leader dots.
_KEY = re.compile(r"(?P<key>[^\W\d_][^:\uff1a|=\t\r\n\u2192\u21d2]{0,60}?)[ \t*_]*(?=[:\uff1a|=\t\u2192\u21d2]|"
                  r"[-\u2013\u2014]{1,2}>|[ \t][-\u2013\u2014][ \t]|\.{3}|\u2026)")


def _key_aside(key: str) -> str:
    """What a key writes aside of its words: in brackets ("Coste total (€)") or after "in", "en" at its end
    ("Montant approuvé en FCFA"): a budget's currency."""
    m = re.search(r"\(([^()]{1,40})\)\s*$|\s(?:[Ii]n|[Ee]n)\s+([A-Z]{3,4}|US\$|\$|\u20ac|\u00a3)\s*$", key)
    return (m.group(1) or m.group(2)).strip() if m else ""


def _by_heads(line: str, pos: int, table: LabelTable) -> LabelMatch | None:
    """A key the table does not spell whose words name a field or two ("Expected completion:", "Durée et coût :"):
    see label_heads. A separator is needed; a key naming two fields keeps the others' names as an aside after '&/'
    (label_parts shares the value out)."""
    km = _KEY.match(line, pos)
    if km is None or table.heads is None:
        return None
    sep = _separator(line, km.end("key"))
    if sep is None or sep[0] not in ("colon", "dash", "pipe", "tab", "dots"):
        return None
    key = km.group("key").strip(" \t*_")
    reading = read_key(key, table.heads)
    if reading is None:
        return None
    (name, mods), *others = reading.fields
    aside = "&/" + "/".join(reading.parts[1:]) if others else _key_aside(key)
    return LabelMatch(name, key, km.start("key"), sep[1], sep[1], True, None, dict(mods), sep[0], aside)


_SNAKE_KEY = re.compile(r"[ \t]*(?:-[ \t]+)?[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?=[ \t]*:)")
_SLASHED = re.compile(r"[ \t]?/[ \t]?[^\W\d_][^:\uff1a\r\n.;|]{0,80}?(?=[ \t]*[:\uff1a])")
# "3. ", "b) ", "(c) ", "IV. ", "2.1 ": a list's number or letter before a label.
_ITEM_LEAD = re.compile(r"[ \t]*(?:\((?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\)|(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]|"
                        r"\d{1,2}\.\d{1,2}\.?)[ \t]+")
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
