"""A project's status inferred from its period and the date its document states for itself, in English, French and
Spanish: a report dated 2024 on a project that ran from 2019 to 2022 tells of a completed project, a memo sent in
March 2025 on a project running from 2023 to December 2025 of an active one, an annual report for 2023 on a project
to start in 2024 of a planned one.

The document's date is only one it states: a label on one of its first lines ("Date of report: 24 March 2023",
"Envoyé : mardi 11 mars 2025", "Fecha de corte: 30 de junio de 2024", data/document_dates.json) or the heading of a
report or a periodical with its year ("Annual Report 2023", "Informe Anual 2023"), else a dateline alone on its line
("Martes 8 de abril de 2025, de 15:10 a 16:45 horas", "Nairobi, 3 March 2025": values.datelines; "Held on 14 May
2026, Lusaka", "DU SAMEDI 27 JUIN 2026": values.meeting_dates), or a heading line
closed by "as of" and its date ("Informe de cartera al 31 de diciembre de 2025": values.asof_dates). Never a date of
the text's body (an event's, a deadline's), and never when its first lines give two different dates. A status is
inferred only where the whole period lies on one side of the whole document date (a date's precision is a stretch of
days: "2024" runs from January to December): a project ending in the month the report is dated gives nothing.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import alternation, fold
from ..types import PartialDate
from . import dates as _dates
from .asof_dates import as_of_date
from .datelines import dateline
from .duration_ends import counted_end
from .head_dates import footer_date, more_document_dates
from .meeting_dates import meeting_date
from .since_status import since_status
from .status_pieces import status_piece
from .stretch_datelines import stretch_month
from .suggest_status import suggest_status
from .told_tense import tells_ongoing
from .yearless_starts import yearless_start

__all__ = ["document_date", "infer_status", "status_by_date"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "document_dates.json"
_HEAD_LINES = 15  # a document states its date among its first lines (a letterhead, an e-mail's header, a cover)
HEAD_CHARS = 2500
_MAX_HEADING = 100  # a heading is a short line, not a sentence that names a report


def _alternation(words: list[str]) -> str:
    return alternation(words, letters={"'": "['\u2019]"})


@functools.cache
def _rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    # "Date of report: 24 March 2023", "**Fecha:** 27 de septiembre de 2024", "| Updated | March 2025 |".
    label = re.compile(rf"^[\W_]*(?:{_alternation(data['labels'])})[\s*_]*[:|\uff1a][\s*_|]*", re.IGNORECASE)
    heading = re.compile(rf"(?<![\w'-])(?:{_alternation(data['headings'])})(?![\w-])", re.IGNORECASE)
    return label, heading


def _one_date(text: str, at_start: bool) -> PartialDate | None:
    """The one date (a day, a month or a year, not a period) that text gives, at its start when at_start."""
    found = [m for m in _dates.find_dates(text) if m.range.start is not None]
    if not found:
        return None
    first = found[0]
    if at_start and text[: first.start].strip(" ,.\t"):
        # "Sent: Tuesday, March 11, 2025", "Envoyé : mardi 11 mars 2025": a weekday may open the value
        if len(text[: first.start].split()) > 1:
            return None
    r = first.range
    if r.end is not None and r.end != r.start:
        return None  # "Date: 3-7 March 2025": a stretch of days is an event's, not a document's day
    if not at_start and len(found) > 1:
        return None
    return r.start


def document_date(text: str) -> PartialDate | None:
    """The date a document states for itself on its first lines, or None (none, or two different ones)."""
    label_rx, heading_rx = _rx()
    lines = [ln.strip() for ln in text[:HEAD_CHARS].splitlines() if any(c.isalnum() for c in ln)][:_HEAD_LINES]
    found: set[PartialDate] = set()
    datelines: set[PartialDate] = set()  # "Martes 8 de abril de 2025, de 15:10 a 16:45 horas": when no label dates it
    for line in lines:
        folded = fold(line)
        m = label_rx.match(folded)
        if m:
            date = _one_date(line[m.end() :], at_start=True)
            if date is not None:
                found.add(date)
            continue
        h = heading_rx.search(folded)
        if h and len(line) <= _MAX_HEADING and not line[h.end() :].lstrip().startswith(":"):  # "Issue: delays"
            date = _one_date(line[h.end() :], at_start=False)
            if date is not None:
                found.add(date)
        elif (date := as_of_date(line)) is not None:  # "Informe de cartera al 31 de diciembre de 2025"
            found.add(date)
        elif (date := dateline(line) or stretch_month(line) or meeting_date(line)) is not None:  # "Held on 14 May"
            datelines.add(date)
    # round 16: "Printed: 03.08.2026", "Semaine du 16 au 22 novembre 2026" (values.head_dates), where no label dates
    # the document and its datelines are none or disagree (a press review's sources: "B. Mutations, 20/11/2026")
    found = found or (datelines if len(datelines) == 1 else more_document_dates(text[:HEAD_CHARS]) or datelines)
    return found.pop() if len(found) == 1 else None


def status_by_date(start: PartialDate | None, end: PartialDate | None, when: PartialDate | None) -> str | None:
    """"completed" when the period ended before the document's date, "planned" when it begins after it, "active"
    when it began before and ends after it; None when the document gives no date or the period straddles it."""
    if when is None or (start is None and end is None):
        return None
    first, last = when.first_day(), when.last_day()
    if end is not None and end.last_day() < first and (start is None or start.first_day() <= end.last_day()):
        return "completed"
    if start is not None and start.first_day() > last and (end is None or end.last_day() >= start.first_day()):
        return "planned"
    if start is not None and end is not None and start.first_day() <= first and end.first_day() > last:
        return "active"
    return None


def infer_status(record, when: PartialDate | None) -> None:
    """A record without a status takes the one its period gives beside its document's date, flagged as inferred; a
    record whose period field is a length only first takes the end it gives from its start (values.duration_ends)."""
    counted_end(record)
    yearless_start(record, when)  # "started on 1 December" in a briefing dated 4 December 2026 (round 17)
    status_piece(record)  # "Inicio junio 2025 - fin mayo 2027, en ejecución": its status word alone (round 18)
    if record.status:
        return
    # A document that states no date of its own may be made of messages or pages that each do ("Date: Mon, 23 Nov
    # 2026" atop each message of a digest): the record's own first lines date it.
    text = record.text if isinstance(record.text, str) else ""
    when = when or document_date(text[:HEAD_CHARS]) or footer_date(text)  # "© 2025 PGNS" (round 16)
    kind = status_by_date(record.start, record.end, when)
    if kind == "completed" and tells_ongoing(record.text):
        return  # "the project, which runs from January 2022 to December 2024": written while it ran
    if kind:
        record.status = kind
        record.flag("status", f"inferred from the period and the document's date ({when.iso()})")
    since_status(record, when)  # "Desde 2024, el proyecto ...": under way at the document's date (round 16)
    suggest_status(record, when)  # last of all: what the record's own text suggests, flagged (round 15)
