"""Suggested values for what a record leaves empty once every rule has read it (round 14).

A reviewer would rather confirm a proposed value than type it. So, last of all, for each field a record leaves
EMPTY, the value its own text makes likeliest is placed and FLAGGED, with a reason that says it is suggested and
from what ("suggested: period March 2025 to February 2028, beside 'run'"): never over a value a rule placed, never a
sure value, and nothing when the evidence is split (two periods, two amounts with nothing to choose between them).

- the period: values.suggest_periods (a range long enough to be a project's, no plan's, law's or earlier phase's),
  else values.suggest_sides (a single date after a word of beginning or ending), else two dates side by side on
  one of the record's first lines (a schedule's start and finish columns), else values.sentence_sides (a date
  after a word of beginning or ending, read within its own sentence: round 17); a reader that contradicts a side
  a rule placed gives way to the next, which may suggest the other side alone; last, a bare range of years that
  shares the record's placed side gives the other (values.sentence_sides.agreeing_range);
- the budget: values.suggest_money (the amount beside a budget word, or the only amount the record writes);
- the donors: who a funding word names (values.prose: "financed by", "financé par", "con financiamiento del"), and
  a funding mechanism ("the UN Development Account") where the record has no funding partner and no source; else
  the payer or mechanism named in brackets after the record's amount or right after it (values.suggest_donors);
  else a paying body written right beside an amount ("1,8 M EUR - Union européenne": values.amount_payers);
- the partners, where no rule placed one but funders (values.suggest_partners: a label of partnership wherever it
  stands, an institution after "with / avec / con" or a word of working together);
- the code: the one code-shaped token on the record's first lines (never a section's number, "II-2.");
- the countries served (values.suggest_countries);
- an event's venue where its text states no place: the one country the record serves; where it serves several,
  the event is flagged for a reviewer, never placed (values.suggest_venues).
A suggested donor is flagged on "funding_source" (who pays), not on "partners": the record's other partners were
placed by rules, and their flags stay theirs.
The status follows from a suggested period and the document's date (values.status_dates.infer_status, run after).
"""
from __future__ import annotations

import logging
import re

from ..code_choice import ACT_WORDS, CODE_TOKEN, a_letter, another_code, named_not_code, not_a_code
from ..folding import fold
from . import prose as _prose
from .amount_payers import suggest_payer
from .sentence_sides import agreeing_range, sentence_sides
from .suggest_countries import suggest_countries
from .suggest_donors import suggest_donor, suggest_owner
from .suggest_money import suggest_budget
from .suggest_partners import add_suggested_partners
from .suggest_periods import suggest_period, suggest_row_period
from .suggest_sides import suggest_sides
from .suggest_venues import suggest_venues

log = logging.getLogger(__name__)
_CODE = re.compile(rf"(?<![\w/.-])(?:{CODE_TOKEN})(?![\w/-])")
# An act's number ("Décret n° MTEF/2024-215", "Resolución Ministerial N° 045-2026-PCM", "Decision DP/2026/31").
_ACT_BEFORE = re.compile(rf"(?i)\b{ACT_WORDS}\b[^\n]{{0,30}}$")
_REFERENCE_BEFORE = re.compile(r"(?i)\b(?:ref|reference|referencia|our\s+ref|n/ref|v/ref)\b")
_HEAD_LINES = 3  # a record's head: its title line and the lines beside it
# A rule read who pays and declined: a label's value given to no field ("Donor and countries: Government of Norway,
# Ghana and Togo"), a body that may pay or help ("funder or partner, the text does not say").
_DECLINED = ("field not used by the parser", "funder or partner")


def _guard(fn, *args):
    """A reader that fails suggests nothing (and flags nothing: no rule of the record failed)."""
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - a suggestion is never worth a record
        log.warning("suggestion reader %s failed: %r", getattr(fn, "__qualname__", fn), exc)
        return None


def suggest_missing(steps) -> None:
    """Fill, flagged, the empty period, budget and donors of the record an assembler (steps) is finishing."""
    rec = steps.rec
    text = rec.text if isinstance(rec.text, str) else ""
    if not text.strip():
        return
    if rec.start is None or rec.end is None:
        _period(rec, text)
    if not rec.budgets:
        found = _guard(suggest_budget, text)
        if found:
            rec.budgets.extend(found[0])
            rec.flag("budgets", found[1])
    if not rec.funding_source and not any(p.role == "funding" for p in rec.partners) and not any(
            f.field in ("partners", "funding_source") and f.reason.startswith(_DECLINED) for f in rec.flags):
        _donors(steps, text)
    _guard(add_suggested_partners, steps)  # the partners, where no rule placed one (values.suggest_partners)
    if not rec.code:
        found = _guard(head_code, text)
        if found:
            rec.code = found
            rec.flag("code", f"suggested: {found}, the one code-shaped reference on the record's first lines")
    _guard(suggest_countries, steps)  # the countries served, where no rule placed one (values.suggest_countries)
    _guard(suggest_venues, rec)  # an event's unstated venue: the one country served (values.suggest_venues)


# A section's number at the head of its line ("II-2. Bilan du programme ..."): no project's code.
_SECTION_NUMBER = re.compile(r"[ \t]*[IVX]{1,4}-\d{1,2}\.[ \t]")


def _section_number(head: str, start: int) -> bool:
    found = _SECTION_NUMBER.match(head, head.rfind("\n", 0, start) + 1)
    return found is not None and found.start() <= start < found.end()


def head_code(text: str) -> str | None:
    """The one token shaped as a project's code (code_choice.CODE_TOKEN: "CSS-SLV-2025-01", "2427F") on the
    record's first lines, that is no amount, date, act or document symbol and no other thing's number
    (code_choice.not_a_code, another_code); None when there is none or two."""
    head = "\n".join([line for line in text.splitlines() if line.strip()][:_HEAD_LINES])
    found = {m.group(0).rstrip(".") for m in _CODE.finditer(head)
             if not not_a_code(m.group(0)) and not named_not_code(m.group(0)) and not _named_before(head, m.start())
             and not _ACT_BEFORE.search(head[max(0, m.start() - 50) : m.start()])
             and not _section_number(head, m.start())}
    return found.pop() if len(found) == 1 else None


def _named_before(head: str, start: int) -> bool:
    """Is the token at start named by a word before it as another thing's number: a letter's own reference ("Réf. :",
    "Nota verbal n.º"), an agreement's, an act's, another project's (code_choice.another_code, from each of the
    three words before it on its line)?"""
    line_start = head.rfind("\n", 0, start) + 1
    words = [m.start() for m in re.finditer(r"\S+", head[line_start:start])][-3:]
    if _REFERENCE_BEFORE.search(fold(head[line_start:start])) and a_letter(head):
        return True  # "N/Réf. : DAES/DIPGN/2023/204" atop "Madame la Ministre": the letter's own reference
    return another_code(head, start) or any(another_code(head, line_start + at) for at in words)


def _period(rec, text: str) -> None:
    """The first reader's period that no side a rule placed contradicts; a side it leaves empty from the next
    readers (values.sentence_sides last: round 17), each side flagged with its own reason."""
    for reader in (suggest_period, suggest_sides, suggest_row_period, sentence_sides):
        found = _guard(reader, text)
        if found is None or (None not in (rec.start, found.start) and rec.start != found.start) or (
                None not in (rec.end, found.end) and rec.end != found.end):
            continue  # a rule (or a reader before) placed a side this one does not share: the next reader
        start, end = rec.start or found.start, rec.end or found.end
        if (start, end) == (rec.start, rec.end) or (start and end and end.last_day() < start.first_day()):
            continue
        # The flag names only the side suggested: a side a rule placed stays as sure as the rule made it.
        side = "time_frame" if rec.start is None and rec.end is None else "start" if rec.start is None else "end"
        rec.start, rec.end = start, end
        rec.flag(side, found.reason)
        if rec.start is not None and rec.end is not None:
            return
    found = _guard(agreeing_range, text, rec.start, rec.end)  # "Desde 2024 ..." and "2024-2027": the end (round 17)
    if found is not None and not (found.start and rec.end and rec.end.last_day() < found.start.first_day()) and not (
            found.end and rec.start and found.end.last_day() < rec.start.first_day()):
        rec.start, rec.end = rec.start or found.start, rec.end or found.end
        rec.flag("start" if found.start else "end", found.reason)


def _donors(steps, text: str) -> None:
    rec = steps.rec
    facts = _guard(_prose.read_funders, text)
    if facts is None:
        return
    before = len(rec.partners)
    for name in facts.funders:
        steps.add_partners(name, "funding")
    for p in rec.partners[before:]:
        if p.role == "funding":
            rec.flag("funding_source", f"suggested donor: {p.name}, named after a funding word")
    if not facts.funders and not facts.funding_source:  # no funding cue of values.prose: a body beside a word of it
        others = {fold(n).lower() for p in rec.partners for n in (p.name, p.acronym, p.text) if n}
        name = _guard(suggest_donor, text, others)
        if name:
            steps.add_partners(name, "funding")
            rec.flag("funding_source", f"suggested donor: {name}, the one body named beside a word of funding")
        elif owner := _guard(suggest_owner, text, others):  # "US$ 720,000 (Development Account)": who owns it
            if owner[2]:
                rec.funding_source = owner[0]
            else:
                steps.add_partners(owner[0], "funding")
            rec.flag("funding_source", f"suggested: {owner[0]}, {owner[1]}")
        elif payer := _guard(suggest_payer, text, others):  # "1,8 M EUR - Union européenne" (values.amount_payers)
            steps.add_partners(payer[0], "funding")
            rec.flag("funding_source", f"suggested donor: {payer[0]}, {payer[1]}")
    if facts.funding_source and not any(p.role == "funding" for p in rec.partners):
        rec.funding_source = facts.funding_source
        rec.flag("funding_source", f"suggested: {facts.funding_source}, named after a funding word")
