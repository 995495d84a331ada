"""A code line that is a page's running header or footer ("GHA/22/003 – Annual Progress Report 2023 – page 3 of 12",
"SEN/22/011 · Rapport semestriel · p. 2", "PER-20-014 | Informe de cierre | Página 4 de 9").

A report printed page by page repeats its project's code with the page's number at the head or the foot of every
page. Such a line names the record's project (its code, where nothing else gives one) but neither opens a record
nor gives a title: the words beside the code are the document's name, and the page goes on with the same record.
The page's words are data (data/title_words.json: page_words, page_of).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .code_choice import CODE_TOKEN
from .folding import fold

_WORDS = Path(__file__).with_name("data") / "title_words.json"


@lru_cache(maxsize=1)
def _page_mark() -> re.Pattern[str]:
    data = json.loads(_WORDS.read_text(encoding="utf-8"))

    def alt(key: str) -> str:
        return "|".join(re.escape(fold(w).lower()) for w in sorted(data[key], key=len, reverse=True))

    # At the line's end, after a separator: "... – page 3 of 12", "... | p. 2", "... · 4/9", "... Página 4 de 9".
    return re.compile(rf"(?:^|[\s|\u00b7\u2022,;\u2013\u2014-])(?:(?:{alt('page_words')})\.?\s*\d{{1,4}}"
                      rf"(?:\s*(?:{alt('page_of')})\s*\d{{1,4}})?|\d{{1,4}}\s*/\s*\d{{1,4}})\s*$")


def page_marked(rest: str) -> bool:
    """Do the words after a line's code end with a page's number ("Annual Report 2023 – page 3 of 12")?"""
    text = fold(rest).lower().strip(" \t*_")
    return bool(text) and len(text) <= 160 and bool(_page_mark().search(text))


_CELL_SEP = re.compile(r"[ \t]+[|\u00b7\u2022\u2013\u2014-][ \t]+")


def running_code(line: str) -> tuple[str, int, int] | None:
    """The code a page's running line gives in a cell of its own ("SEN/22/011 · Rapport semestriel · p. 2",
    "Informe de avance | PER-20-014 | Página 1 de 2"), with where it stands in the line; None for any other line."""
    if len(line) > 200 or not page_marked(line):
        return None
    at = 0
    for sep in [*_CELL_SEP.finditer(line), None]:
        end = sep.start() if sep is not None else len(line)
        cell = line[at:end]
        m = _CODE_CELL.fullmatch(cell.strip(" \t*_"))
        if m:
            lead = len(cell) - len(cell.lstrip(" \t*_"))
            return m.group(0), at + lead, at + lead + len(m.group(0))
        if sep is not None:
            at = sep.end()
    return None


_CODE_CELL = re.compile(rf"(?:{CODE_TOKEN})")
