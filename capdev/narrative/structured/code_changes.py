"""A register's change notes that name one project of a table by its code, elsewhere in the text (a changelog, a
tracker's history, a memo's list of updates): "- **PSI-0412** end date moved from 2026-06-30 to 2027-03-31",
"PSI-0388 set to `closed`", "PSI-0388 budget corrected: CHF 850,000 (was CHF 805,000)", "PRJ-12 : budget corrigé :
850 000 EUR (au lieu de 805 000 EUR)", "PRJ-12 cambiado a concluido". The table's row holds the value before the
change: what the note says is the project's now. A later end replaces the row's end (values.changed_ends); a state
replaces the row's status; a corrected amount replaces the row's budget only where the note's old amount is the
row's. Notes of one code that disagree (two states, two amounts) change nothing. Words are data
(data/change_notes.json)."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import replace
from pathlib import Path

from ..folding import alternation, fold
from ..types import Record
from .code_notes import _ITEM, _PARAGRAPH

__all__ = ["apply_code_changes"]

_MARKS = re.compile(r"\*\*|__|`")  # Markdown's bold and code marks around a date or a word
_TABLE_ROW = re.compile(r"^[ \t]*[|\u2502\u2503\u2551+]", re.MULTILINE)  # the table's own row names its code too
_WHY = "read from a change note that names the project's code"


@functools.cache
def _rx() -> dict[str, re.Pattern[str]]:
    data = json.loads((Path(__file__).parent.parent / "data" / "change_notes.json").read_text(encoding="utf-8"))
    alt = {k: alternation(v) for k, v in data.items() if not k.startswith("_")}
    return {
        # "set to closed", "passe à clôturé": the state's words up to the sentence's or the bracket's end
        "state": re.compile(rf"(?<![\w'-])(?:{alt['set_words']})\s*[:\"'\u201c\u00ab]?\s*"
                            r"(?P<state>[a-z][\w' -]{1,40}?)\s*(?:[.;,:(\"\u201d\u00bb]|$)",
                            re.IGNORECASE | re.MULTILINE),
        # "budget corrected: CHF 850,000 (was CHF 805,000": the new amount, then the old one
        "amount": re.compile(rf"(?<![\w'-])(?:{alt['budget_words']})(?![\w-])[^.;\n(]{{0,20}}?(?<![\w'-])"
                             rf"(?:{alt['correction_words']})(?![\w-])\s*:?\s*(?P<new>[^();\n]{{3,40}}?)\s*\(\s*"
                             rf"(?:{alt['was_words']})(?![\w-])\s*:?\s*(?P<old>[^();\n]{{3,40}}?)(?:\)|[,;](?=\s)|$)",
                             re.IGNORECASE),
    }


_EDGES = "*_`\"'\u201c\u201d\u00ab\u00bb()[]{}<>,;:!?"


def _codes_in(piece: str, codes: dict[str, str], widths: frozenset[int]) -> set[str]:
    """The codes a piece names: its runs of one to a few words (as many as a code has), their edge marks off, looked
    up among the table's codes. Looked up, not searched with one pattern of every code: that pattern is tried at
    each character with each code, so a table of thousands of codes took time growing with their square."""
    words = piece.split()
    found = set()
    for i in range(len(words)):
        for width in widths:
            if i + width <= len(words):
                run = " ".join(words[i : i + width]).strip(_EDGES)
                code = codes.get(run) or codes.get(run.rstrip("."))
                if code:
                    found.add(code)
    return found


def _notes(text: str, codes: dict[str, str]) -> list[tuple[str, str]]:
    """(code, note) for each paragraph or list item of the text that names exactly one code and is no table's row."""
    widths = frozenset(len(c.split()) for c in codes)
    out = []
    for para in _PARAGRAPH.split(text):
        for piece in _ITEM.split(para):
            if _TABLE_ROW.search(piece):
                continue
            told = _codes_in(piece, codes, widths)
            if len(told) == 1:
                out.append((told.pop(), " ".join(_MARKS.sub(" ", piece).split())))
    return out


def _state(note: str) -> str | None:
    from ..values.status import status_alone

    states = {note[m.start("state") : m.end("state")].strip() for m in _rx()["state"].finditer(fold(note))
              if status_alone(m.group("state"))}
    return states.pop() if len(states) == 1 else None


def _amount(note: str):
    """(new, old) Money of a correction the note tells, or None."""
    from ..values.money import parse_money

    m = _rx()["amount"].search(fold(note))
    if m is None:
        return None
    new, old = parse_money(note[m.start("new") : m.end("new")]), parse_money(note[m.start("old") : m.end("old")])
    if len(new) != 1 or len(old) != 1 or new[0].currency != old[0].currency:
        return None
    return new[0], old[0]


def apply_code_changes(text: str, records: list[Record]) -> None:
    """Change each coded record as the notes naming its code tell (see the module's doc)."""
    from ..values.changed_ends import changed_end
    from ..values.status import status_category

    by_code = {r.code: r for r in records if r.code and len(r.code) >= 4}
    if not by_code:
        return
    spelled = {" ".join(c.split()): c for c in by_code}  # a code as its words, one space between
    states: dict[str, set[str]] = {}
    amounts: dict[str, set] = {}
    for code, note in _notes(text, spelled):
        rec = by_code[code]
        end = changed_end(note)
        if end is not None and rec.end is not None and end > rec.end and (rec.start is None or end > rec.start):
            rec.end = end
            rec.flag("time_frame", f"the end as changed: {_WHY}")
        state = _state(note)
        if state:
            states.setdefault(code, set()).add(state)
        amount = _amount(note)
        if amount:
            amounts.setdefault(code, set()).add(amount)
    for code, said in states.items():
        rec = by_code[code]
        if len({status_category(s) for s in said}) == 1 and status_category(rec.status) != status_category(
                next(iter(said))):
            rec.status = next(iter(said))
            rec.flag("status", f"the status as changed: {_WHY}")
    for code, said in amounts.items():
        rec = by_code[code]
        if len(said) != 1:
            continue
        new, old = next(iter(said))
        for k, money in enumerate(rec.budgets):
            if (money.amount, money.currency) == (old.amount, old.currency):
                rec.budgets[k] = replace(money, amount=new.amount)
                rec.flag("budgets", f"the amount as corrected: {_WHY}")
