"""A period that a project's title ends with ("Municipal Audit Modernisation Programme 2022–2025", "Programa de
Gobierno Electrónico 2021-2024", "Projet d'appui à la décentralisation (2020-2023)"): the project's years, only when
the word before them names the project itself (programme, projet, proyecto, phase ...) or brackets close the title
and no plan, strategy or policy is named in it; "Support to the National Anti-Corruption Strategy 2021–2025" dates
the strategy, never the project. The caller flags what this gives.
"""
from __future__ import annotations

import functools
import re

from ..folding import fold
from ..types import PartialDate
from . import dates as _dates
from .prose_facts import _cue_pattern
from .prose_periods import _plan_rx  # things other than the project with periods of their own ("plan_words")

__all__ = ["names_a_plan", "title_period", "titled_period"]

_OWN_NOUNS = ["project", "programme", "program", "initiative", "phase", "facility", "projet", "programme", "phase",
              "proyecto", "programa", "iniciativa", "fase"]


@functools.cache
def _own_rx() -> re.Pattern[str]:
    # The project's noun, maybe with a phase's number, right before the years: "Programme 2022-2025",
    # "Phase II 2023-2026", "Proyecto, 2021-2024".
    return re.compile(rf"(?<![\w'-])(?:{_cue_pattern(_OWN_NOUNS)})(?:\s+(?:[ivx]+|\d))?\s*[,:(–—-]?\s*$", re.IGNORECASE)


def title_period(title: str) -> tuple[PartialDate | None, PartialDate | None]:
    """(start, end) of the years a title ends with, or (None, None)."""
    if not isinstance(title, str) or not title.strip() or len(title) > 400:
        return None, None
    text = title.rstrip(" .")
    mentions = _dates.find_dates(text)
    if not mentions:
        return None, None
    last = mentions[-1]
    r = last.range
    tail = text[last.end :].strip()
    if tail not in ("", ")") or not (r.start and r.end and r.start.precision == "year"
                                     and r.end.precision == "year" and r.end.year > r.start.year):
        return None, None
    head = fold(text[: last.start])
    if _plan_rx().search(head):
        return None, None  # "National Strategy for Public Administration Reform 2021-2025": the strategy's years
    bracketed = tail == ")" and head.rstrip().endswith("(")
    # French and Spanish put the noun first: "Programa de Gobierno Electrónico 2021-2024".
    opened = re.match(rf"\s*(?:{_cue_pattern(_OWN_NOUNS)})\s+(?:de|d['’]|del|des|du)\b", head, re.IGNORECASE)
    if bracketed or opened or _own_rx().search(head):
        return r.start, r.end
    return None, None


def names_a_plan(head: str) -> bool:
    """Does a title before its bracketed years name a plan, a strategy, a policy or a law ("Apoyo al Plan Estratégico
    (2021-2024)", "Appui à la Stratégie nationale de gouvernance (2020-2024)")? The years are then the plan's."""
    return isinstance(head, str) and bool(_plan_rx().search(fold(head)))


def titled_period(record, text: str) -> tuple[PartialDate | None, PartialDate | None]:
    """(start, end) of the years a record's title ends with; for a title proposed from a line of the text, of the
    years in brackets that close that line ("Programa de Gobierno Digital Municipal (2026-2028)", the title proposed
    without them), the line holding nothing else."""
    title = record.title
    if not record.title_is_proposed or (isinstance(title, str) and title.rstrip().endswith(")")):
        return title_period(title)  # a proposed title may keep the bracket of years its line closes with
    if not isinstance(title, str) or len(title.strip()) < 8 or not isinstance(text, str):
        return None, None
    m = re.search(rf"^[ \t#*_]*{re.escape(title.strip())}\s*(\([^()\n]{{4,30}}\))[ \t*_.]*$", text, re.MULTILINE)
    return title_period(f"{title.strip()} {m.group(1)}") if m else (None, None)
