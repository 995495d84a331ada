"""Dates as written in project records: single dates, Time Frame ranges, and every date mention in prose.

Precision is kept: "February 2010" is a month, "31 December 2021" a day, "2030" a year.
Nothing here raises on odd input; impossible dates (31 February) are simply not dates.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from capdev.narrative.text_cache import per_text
from capdev.narrative.types import DateRange, PartialDate
from capdev.narrative.values.date_order import month_first
from capdev.narrative.values.date_words import MONTHS, ORDINAL_OF
from capdev.narrative.values.vague_dates import blank_vague_years
from capdev.narrative.values.weekdays import blank_weekdays

__all__ = ["DateMention", "parse_date", "parse_date_range", "find_dates", "MONTHS"]

_MONTH = r"(?:" + "|".join(sorted((re.escape(w) for w in MONTHS), key=len, reverse=True)) + r")\.?(?![^\W\d_])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er|º)?"
_YEAR = r"(?:19\d\d|20\d\d|2100)"
# A year must not be a piece of an amount, a code or a longer number.
_YB = r"(?<![\w$€£¥.,/'’])"
_YA = r"(?![\w%]|[.,]\d)"
_DASH = "-–—‒−‐‑"
_D = f"[{_DASH}]"
_DAY_JOIN = rf"\s*(?:{_D}+|to|and|&|,|au|et|y|al|a)\s*"
_DAYS = rf"(?<![\w.,/]){_DAY}(?:{_DAY_JOIN}{_DAY})*(?![\d])"

_ORDINAL = r"(?:" + "|".join(sorted((re.escape(w) for w in ORDINAL_OF), key=len, reverse=True)) + r")"

_PIECE_BRANCHES = (
    rf"""
    (?P<q>(?<![\w])(?:(?P<q_ord>{_ORDINAL})\s+(?P<q_kind>quarter|trimestre|semester|semestre|half)
         |(?P<q_short>[QT][1-4]|[HS][12]))\s*(?:of\s+(?:the\s+year\s+)?|de\s+|del\s+|du\s+|,\s*|/)?
         (?P<q_y>{_YEAR}){_YA})
  | (?P<numr>(?<![\w.,/-])(?P<numr_a>(?:3[01]|[12]\d|0?[1-9]))(?:er|º)?\s*(?:au|al|a|to|[{_DASH}])\s*
      (?P<numr_b>\d{{1,2}})(?P<numr_sep>[./])(?P<numr_m>\d{{1,2}})(?P=numr_sep)(?P<numr_y>{_YEAR})(?![\d]|[./-]\d))
  | (?P<iso>{_YB}(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])(?![\d]))
  | (?P<num>(?<![\w.,/-])(?P<num_a>\d{{1,2}})(?P<num_sep>[./-])
      (?P<num_b>\d{{1,2}})(?P=num_sep)(?P<num_y>{_YEAR})(?![\d]|[./-]\d))
  | (?P<nm>(?<![\w.,/-])(?P<nm_m>0?[1-9]|1[0-2])[./-](?P<nm_y>{_YEAR})(?![\d]|[./-]\d))
  | (?P<ys>{_YB}(?P<ys_a>{_YEAR})\s*(?:{_D}|/)\s*(?P<ys_b>\d\d(?:\d\d)?)(?![\d]|[./-]\d|\s*(?:st|nd|rd|th)?\s+{_MONTH}))
  | (?P<dmy>(?P<dmy_days>{_DAYS})\s+(?:of\s+|de\s+)?(?P<dmy_mon>{_MONTH})
      (?:,?\s+(?:de\s+|of\s+)?(?P<dmy_y>{_YEAR}){_YA})?)
  | (?P<my>(?<![^\W\d_])(?P<my_mon>{_MONTH}),?\s+(?:de\s+|of\s+)?(?P<my_y>{_YEAR}){_YA})
  | (?P<mdy>(?<![^\W\d_])(?P<mdy_mon>{_MONTH})\s+(?P<mdy_days>{_DAY}(?:\s*(?:{_D}+|to|and|&)\s*{_DAY})*)(?![\d])
      (?:,?\s+(?P<mdy_y>{_YEAR}){_YA})?)
  | (?P<mo>(?<![\w])(?P<mo_mon>{_MONTH}))
  | (?P<y>{_YB}(?P<y_y>{_YEAR}){_YA})
    """
)
# Python's re tries every branch above at every position; a piece begins with a digit or with the first two
# letters of a month, an ordinal or a quarter's short form, so the others are passed over at once (same matches).
_PIECE_BEGINS = sorted({w[:2] for w in [*MONTHS, *ORDINAL_OF]} | {f"{q}{n}" for q in "QT" for n in "1234"}
                       | {f"{h}{n}" for h in "HS" for n in "12"})
_PIECE = re.compile(rf"(?=\d|{'|'.join(map(re.escape, _PIECE_BEGINS))})(?:{_PIECE_BRANCHES})",
                    re.IGNORECASE | re.VERBOSE)

_RANGE_GAP = re.compile(
    rf"^\s*(?:{_D}+|to|until|till|til|through|thru|au|à|a|al|hasta|jusqu'?au|up\s+to|and\s+ending|ending)"
    r"(?:\s+(?:the|le|el))?\s*$",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"^\s*(?:;|,|and|&|et|y|,\s*and|;\s*and)\s*$", re.IGNORECASE)
_OPEN_END = re.compile(
    rf"\s*(?:{_D}+\s*)?(?:to|until|till|through)?\s*(?:the\s+)?(?:present|ongoing|on-going|date|now|today|current|open|"
    r"continuing|tbd|tbc|\.\.\.|…)\b\.?",
    re.IGNORECASE,
)
# Words after a bare year that show it is a count or a name, not a date ("2000 people", "2030 Agenda").
_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:people|persons|participants|officials|staff|members|users|households|students|beneficiaries|"
    r"women|men|children|km|kilometres|kilometers|hectares|ha\b|tons|tonnes|agenda|usd|eur|chf|gbp|dollars|euros|"
    r"francs|units|copies|pages|hours|words|m\b|million|billion)",
    re.IGNORECASE,
)
_NOT_A_YEAR_BEFORE = re.compile(
    r"(?:US\$|USD|EUR|CHF|GBP|JPY|\$|€|£|¥|paragraph|para\.?|page|pages|p\.|pp\.|no\.|number|#|resolution|"
    r"article|art\.|section|rule|item|sdg|goal|target|iso|room|tel\.?|ext\.?|box)\s*$", re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date or date range found in prose: characters [start, end), its range, and its parts
    (one DateRange per listed day for "21 and 28 February 2024"; otherwise just the range)."""

    start: int
    end: int
    range: DateRange
    parts: list[DateRange] = field(default_factory=list, hash=False, compare=True)
    text: str = ""


# ---------------------------------------------------------------- pieces

# A "triple" is (year, month, day) with None where the text gives nothing (to be inherited).
Triple = tuple[int | None, int | None, int | None]


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    groups: list[list[Triple]]  # each group: one triple (a date) or two (a range); several groups = a list
    kind: str

    @property
    def is_single(self) -> bool:
        return len(self.groups) == 1 and len(self.groups[0]) == 1

    @property
    def triples(self) -> list[Triple]:
        return [t for g in self.groups for t in g]


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _day(token: str) -> int:
    return int(re.match(r"\d+", token).group(0))


def _day_groups(run: str) -> list[list[int]]:
    """'21 and 28' -> [[21], [28]]; '20 - 21' -> [[20, 21]]; '1, 2 and 5-7' -> [[1], [2], [5, 7]]."""
    tokens = re.findall(r"\d{1,2}(?:st|nd|rd|th|er|º)?|[^\d\s]+", run, re.IGNORECASE)
    groups: list[list[int]] = []
    pending_range = False
    for token in tokens:
        if token[0].isdigit():
            day = _day(token)
            if pending_range and groups:
                groups[-1].append(day)
            else:
                groups.append([day])
            pending_range = False
        else:
            pending_range = token.lower() in {"to", "au", "al", "a"} or set(token) <= set(_DASH)
    return [g[:2] for g in groups]


def _piece_from(m: re.Match[str]) -> _Piece | None:
    g = m.groupdict()
    if g["q"]:
        # A quarter or a half of a year: the months it covers, at month precision.
        year = int(g["q_y"])
        if g["q_short"]:
            letter, n = g["q_short"][0].upper(), int(g["q_short"][1])
            size = 3 if letter in "QT" else 6
        else:
            kind = g["q_kind"].lower()
            size = 3 if kind in ("quarter", "trimestre") else 6
            n = ORDINAL_OF[g["q_ord"].lower()]
            n = 12 // size if n == -1 else n
        if n > 12 // size:
            return None
        return _Piece(m.start(), m.end(), [[(year, size * (n - 1) + 1, None), (year, size * n, None)]], "q")
    if g["numr"]:
        a, b, month, y = int(g["numr_a"]), int(g["numr_b"]), int(g["numr_m"]), int(g["numr_y"])
        if not 1 <= month <= 12 or a > b:
            return None
        return _Piece(m.start(), m.end(), [[(y, month, a), (y, month, b)]], "num")
    if g["iso"]:
        return _Piece(m.start(), m.end(), [[(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))]], "iso")
    if g["num"]:
        a, b, y = int(g["num_a"]), int(g["num_b"]), int(g["num_y"])
        # Day first (international usage) unless only the US reading is possible, or the document writes its slash
        # dates month first (date_order.py).
        day, month = (b, a) if a <= 12 < b or (g["num_sep"] == "/" and b <= 12 and month_first()) else (a, b)
        return _Piece(m.start(), m.end(), [[(y, month, day)]], "num")
    if g["nm"]:
        return _Piece(m.start(), m.end(), [[(int(g["nm_y"]), int(g["nm_m"]), None)]], "nm")
    if g["ys"]:
        a = int(g["ys_a"])
        b = int(g["ys_b"])
        if b < 100:
            b += a - a % 100
            if b <= a:  # "2011-05" is no year range: keep the year alone
                return _Piece(m.start(), m.start() + 4, [[(a, None, None)]], "y")
        return _Piece(m.start(), m.end(), [[(a, None, None), (b, None, None)]], "ys")
    if g["dmy"]:
        month = _month(g["dmy_mon"])
        year = int(g["dmy_y"]) if g["dmy_y"] else None
        groups = [[(year, month, d) for d in days] for days in _day_groups(g["dmy_days"])]
        return _Piece(m.start(), m.end(), groups, "dmy")
    if g["my"]:
        return _Piece(m.start(), m.end(), [[(int(g["my_y"]), _month(g["my_mon"]), None)]], "my")
    if g["mdy"]:
        month = _month(g["mdy_mon"])
        year = int(g["mdy_y"]) if g["mdy_y"] else None
        groups = [[(year, month, d) for d in days] for days in _day_groups(g["mdy_days"])]
        return _Piece(m.start(), m.end(), groups, "mdy")
    if g["mo"]:
        return _Piece(m.start(), m.end(), [[(None, _month(g["mo_mon"]), None)]], "mo")
    if g["y"]:
        return _Piece(m.start(), m.end(), [[(int(g["y_y"]), None, None)]], "y")
    return None


@per_text()
def _pieces(text: str) -> tuple[_Piece, ...]:
    out = []
    for m in _PIECE.finditer(text):
        piece = _piece_from(m)
        if piece is None:
            continue
        if not all(_possible(t) for t in piece.triples):
            continue  # "31 February 2010"
        if piece.kind == "y":
            if _NOT_A_YEAR_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
                continue
            if _NOT_A_YEAR_AFTER.match(text, m.end()):
                continue
        out.append(piece)
    return tuple(out)


# ---------------------------------------------------------------- building dates


def _possible(t: Triple) -> bool:
    """Whether a (year, month, day) can exist; without a year, 29 February is given the benefit of the doubt."""
    year, month, day = t
    if day is None or month is None:
        return month is None or 1 <= month <= 12
    return 1 <= month <= 12 and day <= calendar.monthrange(year if year is not None else 2000, month)[1]


def _make(t: Triple) -> PartialDate | None:
    year, month, day = t
    if year is None:
        return None
    try:
        return PartialDate(year, month, day if month is not None else None)
    except ValueError:
        return None


def _fill(t: Triple, model: Triple, before: bool) -> Triple:
    """Give t the year (and month, when it has only a day) of model; a start that would fall after
    its end belongs to the year before ("December - February 2012")."""
    year, month, day = t
    m_year, m_month, _ = model
    if month is None and day is not None:
        month = m_month
    if year is None and m_year is not None:
        year = m_year
        if month is not None and m_month is not None:
            if before and month > m_month:
                year -= 1
            elif not before and month < m_month:
                year += 1
    return (year, month, day)


def _range_of(start: Triple | None, end: Triple | None) -> DateRange | None:
    if start is not None and end is not None:
        start, end = _fill(start, end, True), _fill(end, start, False)
    s = _make(start) if start is not None else None
    e = _make(end) if end is not None else None
    if (start is not None and s is None) or (end is not None and e is None):
        return None
    if s is None and e is None:
        return None
    return DateRange(s, e)


def _group_ranges(groups: list[list[Triple]]) -> list[DateRange] | None:
    """Each group to a DateRange; a group without a year takes it from the nearest group after (else before) it."""
    out = []
    for i, group in enumerate(groups):
        if all(t[0] is None for t in group):
            later = [t for g in groups[i + 1 :] for t in g if t[0] is not None]
            earlier = [t for g in groups[:i] for t in g if t[0] is not None]
            if later:
                group = [_fill(t, later[0], True) for t in group]
            elif earlier:
                group = [_fill(t, earlier[-1], False) for t in group]
        r = _range_of(group[0], group[-1])
        if r is None:
            return None
        out.append(r)
    return out


def _span(ranges: list[DateRange]) -> DateRange:
    starts = [r.start for r in ranges if r.start]
    ends = [r.end for r in ranges if r.end]
    return DateRange(min(starts, key=lambda d: d.first_day()) if starts else None,
                     max(ends, key=lambda d: d.last_day()) if ends else None)


# ---------------------------------------------------------------- mentions


@dataclass
class _Draft:
    start: int
    end: int
    groups: list[list[Triple]]
    is_range: bool = False  # two single pieces joined by "to" / "-"
    open_end: bool = False


def _drafts(text: str) -> list[_Draft]:
    """Pieces joined into mentions: ranges across "to"/"-", lists of days across ";"/"and"."""
    pieces = _pieces(text := blank_weekdays(text))  # "from Monday 30 October to Thursday 2 November 2023"
    drafts: list[_Draft] = []
    i = 0
    while i < len(pieces):
        p = pieces[i]
        draft = _Draft(p.start, p.end, [list(g) for g in p.groups])
        j = i + 1
        joinable = j < len(pieces) and (p.is_single or p.kind == "q") and (pieces[j].is_single or pieces[j].kind == "q")
        if joinable:
            gap = text[p.end : pieces[j].start]
            between = re.search(r"\b(?:between|entre)\s+$", text[max(0, p.start - 24) : p.start], re.IGNORECASE)
            if _RANGE_GAP.match(gap) or (between and re.fullmatch(r"\s*(?:and|et|y)\s*", gap, re.IGNORECASE)):
                # "Q2 2021 – Q4 2022": from the first quarter's first month to the last one's last month.
                draft = _Draft(p.start, pieces[j].end, [[p.groups[0][0], pieces[j].groups[0][-1]]], is_range=True)
                j += 1
        if not draft.is_range and p.kind in ("dmy", "mdy", "num", "iso"):
            # A list of days goes on while the next piece is also at day precision.
            while j < len(pieces) and pieces[j].kind in ("dmy", "mdy", "num", "iso") and _LIST_GAP.match(
                text[draft.end : pieces[j].start]
            ):
                draft.groups.extend(list(g) for g in pieces[j].groups)
                draft.end = pieces[j].end
                j += 1
        tail = _OPEN_END.match(text, draft.end)
        if (tail and len(draft.groups) == 1 and len(draft.groups[0]) == 1
                and re.match(rf"\s*(?:{_D}|to|until|till|through)", text[draft.end : tail.end()], re.IGNORECASE)):
            draft.open_end = True
            draft.end = tail.end()
        drafts.append(draft)
        i = j
    return drafts


def _finish(draft: _Draft, text: str) -> DateMention | None:
    if draft.open_end:
        r = _range_of(draft.groups[0][0], None)
        if r is None or r.start is None:
            return None
        return DateMention(draft.start, draft.end, r, [r], text[draft.start : draft.end])
    ranges = _group_ranges(draft.groups)
    if not ranges:
        return None
    whole = ranges[0] if len(ranges) == 1 else _span(ranges)
    return DateMention(draft.start, draft.end, whole, ranges, text[draft.start : draft.end])


def find_dates(text: str) -> list[DateMention]:
    """Every date, date range or list of days in prose, with offsets; a lone day or month is no date."""
    if not isinstance(text, str) or not text:
        return []
    out = []
    for draft in _drafts(blank_vague_years(text)):  # "from mid-2021 to end 2024": the years, at a year's precision
        mention = _finish(draft, text)
        out += [mention] if mention is not None else []
    return out


def find_dates_near(text: str, when: PartialDate) -> list[DateMention]:
    """The dates of a text written without their year ("Du 29 novembre au 1er décembre", "del 8 al 10 de junio"),
    dated from a day it was written on (a news item's dateline): the latest such day not after it."""
    if not isinstance(text, str) or not text or when is None or when.month is None:
        return []
    out = []
    for draft in _drafts(text):
        triples = [t for g in draft.groups for t in g]
        if any(t[0] is not None for t in triples) or not all(t[1] is not None for t in triples):
            continue
        last = max((t[1], t[2] or 1) for t in triples)
        year = when.year - 1 if last > (when.month, when.day or 31) else when.year
        draft.groups = [[(year, m, d) for _, m, d in g] for g in draft.groups]
        mention = _finish(draft, text)
        if mention is not None:
            out.append(mention)
    return out


# ---------------------------------------------------------------- single values

_ISO_MONTH = re.compile(rf"^({_YEAR})-(0[1-9]|1[0-2])$")
_LEAD_WORDS = re.compile(r"^(?:(?:in|on|as\s+(?:of|at|for)|dated?|le|el|en)\s+)+", re.IGNORECASE)


def parse_date(text: str) -> PartialDate | None:
    """One date expression at its precision ("February 2010", "31 December 2021", "2030", "09/2018",
    "March 3, 2010")."""
    if not isinstance(text, str):
        return None
    t = _LEAD_WORDS.sub("", text.strip().strip(".,;:()[] ")).strip()
    if not t or len(t) > 60:
        return None
    m = _ISO_MONTH.match(t)
    if m:
        return PartialDate(int(m.group(1)), int(m.group(2)))
    m = _PIECE.fullmatch(t)
    if not m:
        return None
    piece = _piece_from(m)
    if piece is None or not piece.is_single:
        return None
    return _make(piece.groups[0][0])


_FROM = re.compile(
    r"(?:\bfrom|\bsince|\bstarting(?:\s+(?:in|on|from))?|\bbeginning(?:\s+(?:in|on))?|\bcommencing|\bstarts?"
    r"|\bstart(?:ed|ing)?(?:\s+date)?\s*:?|\beffective|\bas\s+of|\bdu|\bdesde|\bdepuis|\b[àa]\s+partir\s+d[eu']?"
    r"|\b[àa]\s+compter\s+d[eu']?|\bcommençant\s+en|\bcomenzando\s+en)\s*$",
    re.IGNORECASE,
)
_UNTIL = re.compile(
    r"(?:\buntil|\btill|\bto|\bby|\bthrough|\bup\s+to|\bending(?:\s+in)?|\bends?|\bend(?:\s+date)?\s*:?|\bjusqu'?(?:au|en|à)|\bhasta|\bdeadline\s*:?)\s*$",
    re.IGNORECASE,
)
_DURATION = re.compile(r"\b(\d{1,3})\s*(months?|mois|meses|years?|ans|años)\b", re.IGNORECASE)


def _add_months(d: PartialDate, months: int) -> PartialDate:
    """The month (the day before the same day) that ends a span of `months` months starting at d."""
    if d.month is None:
        return PartialDate(d.year + max(months // 12 - 1, 0))
    index = d.year * 12 + (d.month - 1) + months - 1
    year, month = divmod(index, 12)
    if d.day is None:
        return PartialDate(year, month + 1)
    year, month = divmod(index + 1, 12) if d.day > 1 else (year, month)  # 36 months from 15 March: 14 March
    day = d.day - 1 if d.day > 1 else calendar.monthrange(year, month + 1)[1]  # from 1 July: 30 June
    return PartialDate(year, month + 1, min(day, calendar.monthrange(year, month + 1)[1]))


def parse_date_range(text: str) -> DateRange | None:
    """A Time Frame value ("February 2010 - June 2012", "2015-2016", "from 2019", "2020 - present") as a DateRange."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        mentions = find_dates(text)
    except Exception:  # the contract is "never raise"; a parse bug must not stop an import
        return None
    if not mentions:
        return None
    first = mentions[0]
    r = first.range
    single = len(first.parts) == 1 and r.start == r.end and r.start is not None
    if not single:
        return r
    before = text[: first.start]
    after = text[first.end :]
    later = mentions[1] if len(mentions) > 1 else None
    if later is not None and re.search(rf"(?:{_D}|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bend)",
                                       text[first.end : later.start], re.IGNORECASE):
        end = later.range.end or later.range.start
        return DateRange(r.start, end)
    if _UNTIL.search(before) and not _FROM.search(before):
        return DateRange(None, r.start)
    if _FROM.search(before):
        duration = _DURATION.search(after) or _DURATION.search(before)
        if duration:
            return DateRange(r.start, _duration_end(r.start, duration))
        return DateRange(r.start, None)
    duration = _DURATION.search(after)
    if duration and re.search(r"\b(?:for|during|over)\b|\(", after[: duration.start()] or "(", re.IGNORECASE):
        return DateRange(r.start, _duration_end(r.start, duration))
    if re.match(rf"\s*(?:{_D}|to|until|onwards?|and\s+beyond|\+)\s*$", after, re.IGNORECASE) or re.match(
        r"\s*(?:onwards?|and\s+beyond)\b", after, re.IGNORECASE
    ):
        return DateRange(r.start, None)
    return DateRange(r.start, r.start)


def _duration_end(start: PartialDate, m: re.Match[str]) -> PartialDate:
    n = int(m.group(1))
    months = n if m.group(2).lower().startswith(("month", "mois", "mes")) else n * 12
    return _add_months(start, max(months, 1))
