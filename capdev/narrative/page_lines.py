"""Lines that are no label but say what they are: a heading over a block of facts, a line of the web page around
the records (menus, breadcrumbs, sharing links, footers), the header cell of an activity table's column."""
from __future__ import annotations

import re

from .labels import LabelTable, default_table, fold, fold_key

_BREADCRUMB = re.compile(r"\S[^>\u203a\u00bb]{0,60}[ \t](?:>|\u203a|\u00bb)[ \t]\S")
_RULE = re.compile(r"^[ \t|:+#]*(?:[-=_*~\u2013\u2014\u2500\u2550][ \t|:+#]*){3,}$")
_GUILLEMETS = re.compile(r"\u00ab[^\u00ab\u00bb\n]{1,120}\u00bb")
_LINK_SEP = re.compile(r"[ \t](?:\||\u00b7|\u2022)[ \t]")


def is_rule(line: str) -> bool:
    """A rule drawn across the page ("-----", "=====", "* * *")."""
    return bool(_RULE.match(line.strip()))


def match_chrome(line: str, table: LabelTable | None = None) -> bool:
    """A line of the web page around the records: a menu, a breadcrumb, sharing links, a footer."""
    table = table or default_table()
    text = line.strip()
    if not text or len(text) > 160:
        return False
    if _RULE.match(text):
        return True  # "-----", "| --- | --- |", "=====": a rule drawn between parts of the page
    key = fold_key(text)
    if key in table.chrome or fold_key(re.sub(r"[\s>\u203a\u00bb\u2192]+$", "", text)) in table.chrome:
        return True  # ... "En savoir plus ›", "Read more »": a link and its arrow
    head = fold_key(re.split(r"[:|\u00b7]", text, maxsplit=1)[0])
    if head in table.chrome and (":" in text or _LINK_SEP.search(text)):
        return True  # "Partager : Facebook | X", "Share this page | Print"
    # A French quotation (« Données ouvertes ») closes with the breadcrumb's separator: no step of a path.
    unquoted = _GUILLEMETS.sub("\u00ab\u00ab", text)
    if (_BREADCRUMB.match(unquoted) and len(re.findall(r"[ \t](?:>|\u203a|\u00bb)[ \t]", unquoted)) >= 1
            and not text.endswith(".")):
        return True
    if re.match(r"(?:\u00a9|copyright\b|\(c\)\s)", key):
        return True
    tokens = [fold_key(t) for t in re.split(r"[ \t]{2,}|\t", text)]
    if len(tokens) >= 2 and all(t in table.chrome for t in tokens):
        return True  # "Facebook  X  LinkedIn"
    seps = len(_LINK_SEP.findall(text))
    words = len(text.split())
    return seps >= 1 and words <= 10 and not re.search(r"\d{3,}", text) and not text.endswith(".")


# Where a second label can begin on a line: after two spaces, a tab, ';' or '|', or after '.'/',' and a space.


_PLAIN = frozenset("project projet proyecto projects the of a at de du la le en del el d main key general basic"
                   .split())


def match_heading(line: str, table: LabelTable | None = None) -> bool:
    """A line that heads a block of facts ("PROJECT SUMMARY", "Fiche de projet"): never a title, never a value."""
    table = table or default_table()
    text = line.strip().strip("*_#=:-\u2013\u2014 \t")
    if not text or len(text) > 60:
        return False
    key = fold_key(text)
    if key in table.headings:
        return True
    folded = " ".join(fold(text).lower().split())
    if any(rx.match(folded) for rx in table.heading_res):
        return True
    words = re.findall(r"[^\W\d_]+", key)
    if not words or len(words) > 6 or not all(w in table.heading_words for w in words):
        return False
    if not set(words) - _PLAIN:
        return False  # "The project": words, not a heading
    # Only "project", "summary"... : a heading when written as one (capitals or alone with a colon), else a word.
    return text.isupper() or line.rstrip().endswith(":") or len(words) >= 2


def column_role(cell: str, table: LabelTable | None = None) -> str | None:
    """The role of an activity-table column from its header ("Date", "Lieu", "Participantes"), or None."""
    table = table or default_table()
    key = fold_key(re.sub(r"\s*\([^)]*\)\s*$", "", cell)) or fold_key(cell)
    return table.columns.get(key) or table.columns.get(fold_key(cell))
