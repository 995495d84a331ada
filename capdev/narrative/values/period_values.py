"""A labelled period's value ("Implementation period", "Date de démarrage", "Plazo de ejecución", "Actual end date")
read as the project's start and end, in the forms people write them in English, French and Spanish.

values.dates reads the dates themselves; this module first brings the value to a form it reads, then says what
the dates are the project's:
- forms written differently: "20220301" and "2022/03/01" (a day), "2022-03" (a month, when it cannot be a pair of
  years), "1° de marzo", "primero de marzo", "premier mars", arrows between the ends ("mar. 2022 → feb. 2025"),
  "a partir del", "hasta el", "until the", "jusqu'au";
- what gives no date: a fiscal year ("FY2023"), flagged, never placed; a quarter or a semester gives its year only,
  flagged ("Q2 2022 – Q4 2023": 2022 to 2023, "2.º semestre de 2024" under a start label: 2024);
- what is placed but doubtful is flagged: "03/04/2021" (day and month both possible: read day first, as French,
  Spanish and UN texts write them), an end counted from a duration.
Nothing here raises; a value it cannot read gives no dates and the caller flags it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..folding import fold
from ..types import PartialDate
from . import dates as _dates
from .roles import extended_end
from .spelled_dates import spelled_to_digits

_ARROWS = re.compile(r"\s*(?:-+>|=+>|[\u2192\u27f6\u2794\u279d\u21d2\u27a1\u25ba])\s*")
# "09/2023-08/2026", "01/03/2025-28/02/2027", "12/2024-2026": a slashed date and another joined by a bare hyphen (a
# spreadsheet's cell), never read as a year-month
_GLUED_SLASHED = re.compile(r"(?<![\w/.-])((?:\d{1,2}/){1,2}(?:19|20)\d\d)-((?:\d{1,2}/){0,2}(?:19|20)\d\d)(?![\w/.-])")
_COMPACT = re.compile(r"(?<![\w.,/-])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\w.,/-])")
_YMD = re.compile(r"(?<![\w.,/-])((?:19|20)\d\d)([/.])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?![\w.,/-]|[./]\d)")
# "2022-03": a month when the number after the year cannot be the year after it ("2022-03", "2021-05"); "2021-22" is
# two years and stays so.
_YEAR_MONTH = re.compile(r"(?<![\w.,/-])((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![\w.,/]|-\d)")
_DEGREE_DAY = re.compile(r"\b([1-9]|[12]\d|3[01])\s*[°ºo]\s+(?=(?:de\s+)?[^\W\d_])", re.IGNORECASE)
_FIRST_DAY = re.compile(r"\b(?:primero|premier|first)\s+(?:(?:de|of)\s+)?(?=[^\W\d_]{3,})", re.IGNORECASE)
# Cue words with an article or a preposition that values.dates does not expect after them.
_CUES = [
    (re.compile(r"\ba\s+partir\s+del?\b|\bdesde\s+el\b|\bcon\s+inicio\s+(?:el|en)\b", re.IGNORECASE), "desde"),
    (re.compile(r"\bhasta\s+(?:el|finales\s+de|fines\s+de)\b|\ba\s+m[aá]s\s+tardar\s+el\b", re.IGNORECASE), "hasta"),
    (re.compile(r"\b(?:until|till|through|up\s+to)\s+the\b|\bno\s+later\s+than\b", re.IGNORECASE), "until"),
    (re.compile(r"\bjusqu['’]\s?(?:au|à\s+la\s+fin\s+de|à\s+fin|fin)\b|\bau\s+plus\s+tard\s+le\b", re.IGNORECASE),
     "jusqu'au"),
    (re.compile(r"\b(?:d[eè]s\s+le|à\s+compter\s+du|à\s+partir\s+du|depuis\s+le)\b", re.IGNORECASE), "depuis"),
]
_QUARTERISH = re.compile(r"quarter|trimestre|semest|\bhalf\b|(?<![\w-])(?:[QTHS][1-4](?![\w-])|FY(?![a-z]))|"
                         r"fiscal|exercice|ejercicio", re.IGNORECASE)
_START_WORDS = re.compile(r"\b(?:from|since|starting|started|start|launched|began|begins|commenc\w*|effective|as\s+of|"
                          r"depuis|compter|partir|lanc[ée]e?|d[ée]marr\w*|d[ée]but\w*|desde|inici\w*|lanzad[oa]|"
                          r"comenz\w*)\b", re.IGNORECASE)
_END_WORDS = re.compile(r"\b(?:until|till|through|ending|ended|ends|completed|closed|concluded|finished|expires?|"
                        r"jusqu\w*|achev\w*|cl[ôo]tur\w*|termin\w*|hasta|finaliz\w*|conclu\w*|cerrad[oa]|"
                        r"culmin\w*)\b", re.IGNORECASE)
_AMBIGUOUS = re.compile(r"(?<![\w.,/-])(0?[1-9]|1[0-2])[./-](0?[1-9]|1[0-2])[./-](?:19|20)\d\d(?![\d])")
_DURATION = re.compile(r"\b\d{1,3}\s*(?:months?|mois|meses|years?|ans|ann[ée]es|años)\b", re.IGNORECASE)


# How much a label's date counts (its modifier date_kind): an actual, revised or extended date wins over a planned or
# original one, whichever label comes first; a plain "End date" between them.
RANKS = {"actual": 2, "revised": 2, "planned": 0, "original": 0}


@dataclass
class PeriodValue:
    """What a labelled value says: its start and end (None where it says nothing) and why a reader should look."""

    start: PartialDate | None = None
    end: PartialDate | None = None
    flags: list[str] = field(default_factory=list)


def _year_month(m: re.Match[str]) -> str:
    """"2022-03" as "03/2022"; "2010-11" may be two years (2010-2011) and stays as written."""
    year, month = m.group(1), m.group(2)
    return f"{month}/{year}" if month.startswith("0") or int(month) <= int(year) % 100 else m.group(0)


# A month's word joined to its year, as spreadsheets write them: "mar-2023", "Sep-2024", "janv.-2023", "ago-2024".
_MONTH_DASH_YEAR = re.compile(r"(?<![\w-])([^\W\d_]{3,10})(\.?)[-/](?=(?:19|20)\d\d(?![\w-]))")


def _month_year(m: re.Match[str]) -> str:
    word = fold(m.group(1)).lower()
    if word == "ago":
        return "agosto "  # "ago" is a month only here, joined to a year: in prose it is an English word
    return f"{m.group(1)}{m.group(2)} " if word in _dates.MONTHS else m.group(0)


def normalise(value: str) -> str:
    """The value rewritten in the forms values.dates reads; dates keep their meaning and precision."""
    text = _MONTH_DASH_YEAR.sub(_month_year, spelled_to_digits(value))
    text = _ARROWS.sub(" \u2013 ", text)
    text = _GLUED_SLASHED.sub("\\1 \u2013 \\2", text)
    text = _COMPACT.sub(lambda m: f"{m.group(1)}-{m.group(2)}-{m.group(3)}", text)
    text = _YMD.sub(lambda m: f"{m.group(1)}-{int(m.group(3)):02d}-{int(m.group(4)):02d}", text)
    text = _YEAR_MONTH.sub(_year_month, text)
    text = _DEGREE_DAY.sub(r"\1 ", text)
    text = _FIRST_DAY.sub("1 ", text)
    for rx, plain in _CUES:
        text = rx.sub(plain, text)
    return text


def _blank_quarters(text: str) -> tuple[str, bool]:
    """text with each quarter, semester or fiscal year blanked out (same length), and whether there was one."""
    found = False
    out = text
    for m in _dates.find_dates(text):
        if _QUARTERISH.search(m.text) or _QUARTERISH.search(text[max(0, m.start - 12) : m.start]):
            out = out[: m.start] + " " * (m.end - m.start) + out[m.end :]
            found = True
    return out, found


_FISCAL = re.compile(r"\bFY|fiscal|financial\s+year|exercice|ejercicio|gesti[óo]n\s+(?:19|20)\d\d", re.IGNORECASE)


def _quarter_years(text: str) -> tuple[PartialDate, PartialDate] | None:
    """"Q3 2022 – Q2 2025", "T1 2023 - T4 2024", "2.º semestre de 2022 al 1.er semestre de 2024": the years of a
    period from one calendar quarter or semester to another, which is all the text says for sure (the months within
    them are not a start or an end); None for a fiscal year, whose months depend on the country, or a lone one."""
    if _FISCAL.search(text):
        return None
    mentions = _dates.find_dates(text)
    if len(mentions) != 1 or not _QUARTERISH.search(mentions[0].text):
        return None
    r = mentions[0].range
    if r.start is None or r.end is None or r.end.year <= r.start.year:
        return None
    return PartialDate(r.start.year), PartialDate(r.end.year)


def _quarter_year(text: str) -> PartialDate | None:
    """The year of the one calendar quarter or semester a value names ("T3 2026", "2.º semestre de 2026"); None for a
    fiscal year, whose months depend on the country, or for anything more."""
    mentions = _dates.find_dates(text)
    if _FISCAL.search(text) or len(mentions) != 1 or not _QUARTERISH.search(text):
        return None
    r = mentions[0].range
    return PartialDate(r.start.year) if r.start and (r.end is None or r.end.year == r.start.year) else None


_NUMERIC = re.compile(r"(?<![\w.,/-])(\d{1,2})[/-](\d{1,2})[/-](?:19|20)\d\d(?![\d])")


def _doubts(text: str, flags: list[str]) -> None:
    """Flag a day and a month that may be read both ways ("03/04/2021"), unless another date of the value shows the
    order ("03/04/2021 - 30/09/2023") or dots write it (day first: "01.10.2010")."""
    if any(int(a) > 12 or int(b) > 12 for a, b in _NUMERIC.findall(text)):
        return
    for m in _AMBIGUOUS.finditer(text):
        if "." in m.group(0):
            continue
        if m.group(1).lstrip("0") != m.group(2).lstrip("0"):
            flags.append(f"day and month ambiguous ({m.group(0)}): read day first")
            return


# "March 2021 / February 2024" under "Start / End": a spaced slash between two dates joins a period's ends.
_SLASHED = re.compile(r"(?<=[^\W_])\s+/\s+(?=[^\W_])")


def read_period(value: str) -> PeriodValue:
    """A whole period ("1 March 2022 – 28 February 2024", "2021-2023", "du ... au ...", "hasta el ...")."""
    out = PeriodValue()
    if not isinstance(value, str) or not value.strip():
        return out
    text = normalise(value)
    if len(_SLASHED.findall(text)) == 1 and len(_dates.find_dates(text)) == 2:
        text = _SLASHED.sub(" \u2013 ", text)
    text, quarters = _blank_quarters(text)
    rng = _dates.parse_date_range(text) if text.strip() else None
    if rng is None or (rng.start is None and rng.end is None):
        if quarters:
            years = _quarter_years(normalise(value))
            if years is not None:
                out.start, out.end = years
                out.flags.append("quarters or semesters: their years only")
                return out
            out.flags.append("a quarter, semester or fiscal year: no date")
        return out
    if rng.start is not None and rng.start == rng.end:
        # One date for a whole period: a start or an end as its words say ("Launched 15 May 2022", "Completed in
        # June 2023"); a day said of nothing is an event's, not the project's.
        if _END_WORDS.search(text):
            rng = type(rng)(None, rng.end)
        elif _START_WORDS.search(text):
            rng = type(rng)(rng.start, None)
    if rng.start and rng.end and rng.start.day and (rng.end.last_day() - rng.start.first_day()).days < 62:
        out.flags.append("a day or a few days: an event's dates, not the project's period")  # "Dates: 27-29 March 2023"
        return out
    out.start, out.end = rng.start, rng.end
    mentions = _dates.find_dates(text)
    if out.end is not None and out.end != out.start and len(mentions) == 1 and _DURATION.search(text) and (
            mentions[0].range.end in (None, mentions[0].range.start)):  # "24 months (July 2021 - June 2023)": written
        out.flags.append("the end counted from the duration")
    _changed(value, out)
    _doubts(text, out.flags)
    return out


def _changed(value: str, out: PeriodValue) -> None:
    """"24 meses a partir del 1 de octubre de 2022. ... la fecha de finalización se amplió hasta el 30 de junio de
    2025": a later end the value's own sentence says the end was moved to (values.changed_ends) is the end."""
    from .changed_ends import changed_end

    moved = changed_end(value)
    if moved is not None and out.end is not None and moved > out.end and (out.start is None or moved > out.start):
        out.end = moved
        out.flags.append("the end as extended")


# "July 2025 (3 years)", "1er mars 2022 (36 mois)", "enero de 2024 (24 meses)": a length in brackets beside one date.
_DURATION_ASIDE = re.compile(r"\(\s*(?:about\s+|env\.?\s+|environ\s+|aprox\.?\s+)?\d{1,3}[\s-]*(?:months?|mois|meses|"
                             r"years?|ans|ann[ée]es|años)\s*\)", re.IGNORECASE)


def read_one(value: str, kind: str | None = None) -> PeriodValue:
    """A single date under a start or end label ("1er mars 2022", "20220301", "a partir del 1 de marzo de 2022",
    "1 March 2022 (actual)"): the one date it names, or nothing when it names none or several, or when the label
    names a signature's or an approval's date (kind "signature", "approval"), which is not the project's start."""
    out = PeriodValue()
    if not isinstance(value, str) or not value.strip():
        return out
    if kind in ("signature", "approval"):  # an agreement signed or a board's approval: the project starts later
        out.flags.append(f"{'an approval' if kind == 'approval' else 'a signature'}'s date, not the project's start: "
                         "kept in the text")
        return out
    text, quarters = _blank_quarters(_DURATION_ASIDE.sub(lambda m: " " * len(m.group(0)), normalise(value)))
    date = _dates.parse_date(text) or _extended_end(text)
    if date is None:
        mentions = _dates.find_dates(text)
        if len(mentions) == 1 and mentions[0].range.start == mentions[0].range.end and _short_aside(
                text, mentions[0]):
            date = mentions[0].range.start
        elif len(mentions) > 1:
            date = _the_actual_one(text, mentions)
    if date is None:
        year = _quarter_year(normalise(value)) if quarters else None
        if year is None:
            out.flags.append("a quarter, semester or fiscal year: no date") if quarters else None
            return out
        date = year  # "Inicio previsto: segundo semestre de 2026": 2026 for sure, its months not
        out.flags.append("a quarter or semester: its year only")
    out.start = out.end = date
    _doubts(text, out.flags)
    return out


def _extended_end(text: str) -> PartialDate | None:
    """"30 June 2023, extended to 31 December 2023": the end as extended."""
    found = extended_end(text)
    return found if isinstance(found, PartialDate) else None


_ACTUAL = re.compile(r"\b(?:actual|actually|effective|revised|extended|new|r[ée]el(?:le)?|r[ée]vis[ée]e?|prolong[ée]e?|"
                     r"nouvelle|real|efectiva|efectivo|revisad[oa]|ampliad[oa]|nuev[oa])\b", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:original(?:ly)?|initial(?:ly)?|planned|expected|estimated|pr[ée]vue?|initiale|"
                      r"initialement|previst[oa]|inicial(?:mente)?|originalmente|estimad[oa])\b", re.IGNORECASE)


def _the_actual_one(text: str, mentions: list) -> PartialDate | None:
    """Of several single dates, the one the value calls actual or revised ("1 March 2022 (planned), 15 April 2022
    (actual)", "31 décembre 2023 (initialement 30 juin 2023)"), else the only one not called planned or original;
    None when that does not single one out."""
    kinds = []
    for i, m in enumerate(mentions):
        if m.range.start is None or m.range.start != m.range.end:
            return None
        lo = mentions[i - 1].end if i else 0
        hi = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        # The words just before a date (after the aside of the date before it) and an aside just after it say which.
        before = re.sub(r"^\s*\([^()]*\)", " ", text[lo : m.start]) if i else text[: m.start]
        after = re.match(r"\s*\(([^()\d]{1,30})\)", text[m.end : hi])
        near = before[-25:] + " " + (after.group(1) if after else "")
        kinds.append("actual" if _ACTUAL.search(near) else "planned" if _PLANNED.search(near) else "plain")
    for wanted in ("actual", "plain"):
        chosen = [m for m, k in zip(mentions, kinds) if k == wanted]
        if len(chosen) > 1 and wanted == "plain":
            # "01 Nov 2026 (pipeline - PAC meeting held 28 Oct 2026)": a date in an aside is another thing's
            chosen = [m for m in chosen if text.count("(", 0, m.start) <= text.count(")", 0, m.start)]
        if chosen:
            return chosen[0].range.start if len(chosen) == 1 else None
    return None


_ASIDE = re.compile(r"^[\s,;:.()\[\]-]*(?:(?:[^\W\d_]+\.?|\(|\))[\s,;:.()\[\]-]*){0,4}$")


def _short_aside(text: str, mention) -> bool:
    """Is what stands around the date a cue or a short aside ("desde", "(actual)", "approx.", "signature of the
    agreement" is too long)?"""
    rest = text[: mention.start] + " " + text[mention.end :]
    return bool(_ASIDE.match(rest)) and not re.search(r"\d", rest) and len(fold(rest).split()) <= 4
