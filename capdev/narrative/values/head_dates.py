"""More places where a document states its own date (round 16), for values.status_dates.document_date when its
labels, headings, "as of" lines and datelines give none, in English, French and Spanish:

- a label in any cell of a header line, not only at its start ("Exported from ProjectLibre | Printed: 03.08.2026",
  "Duración: 3'00\"  |  Versión 4  |  Fecha: 2 de diciembre de 2026", "Records 1-3 of 3   Harvested: 2026-11-20"),
  with the words that date a file (data/document_dates.json "file_labels": printed, exported, generated,
  harvested, imprimé, exporté, généré, impreso, exportado, generado...);
- a line telling that the file was made, and when ("Exported by j.moreno on 2026-11-30 14:22 (UTC)", "Généré le
  3 mars 2025 par ...", "Generado el 12/03/2025"): "made_words", then "on", "le", "el" and the one date;
- an edition's date ("Edición noviembre de 2026", "Édition de mars 2025", "Edition: March 2025");
- the period a report covers, by its end: a label of the period ("Reporting period: January-June 2025",
  "Période couverte : 1er juillet - 30 septembre 2025", "Período del informe: ..."), a week's span opening a line
  ("Semaine du 16 au 22 novembre 2026", "Week of 3-7 March 2025", "Semana del 4 al 8 de agosto de 2025"), a report's
  heading with a quarter, a span of years or a fiscal year ("Quarterly report Q3 2025", "Informe trimestral T3
  2025", "Annual Report FY2024/25"): a report is written once the period it covers is over.

Guards: only the document's head, before its first table (a ruled line, a line opening with "|", a row whose first
cell is a number); never a line long enough to be a sentence; a cell or line that gives two dates gives none; and the
caller takes a date only when all these places agree on one."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import alternation, fold
from ..types import PartialDate
from . import dates as _dates
from .datelines import dateline

__all__ = ["footer_date", "more_document_dates"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "document_dates.json"
_HEAD_LINES = 15
_MAX_LINE = 160  # a header line, not a paragraph
_MAX_CELL = 70
_MAX_MINUTES = 120  # a minutes' heading, not a sentence about an earlier meeting
_MAX_REPORT_DAYS = 400  # a report's period after its name: a quarter, a half-year, a year
_RULER = re.compile(r"^[\s\-=_+|:*#~.\u2500-\u257f]{6,}$")
_ROW = re.compile(r"^\s*(?:\||\d{1,4}\s*\|)")  # "| a | b |", "01  | Drone sobre ...": a table's row
_CELLS = re.compile(r"\s*\|\s*|\s{3,}|\t+|\s+[\u00b7\u2022]\s+")
_DASH = re.compile(r"\s+[\u2013\u2014-]\s+")  # "REGISTRE DU COURRIER - Extrait (du ...)", never inside a period
# Between a report's name and its period: nothing but a number, "for", "of", "de", "du", "del", "results" ("Informe
# trimestral del T3 2025", "Progress report No. 4 for January-June 2025", "Rapport sur les résultats 2022"), never a
# thing's name ("Update on the 2024-26 plan").
_BETWEEN = re.compile(r"^[\s,:.()\u2013\u2014-]*(?:(?:for|of|pour|para|de|du|del|de\s+la|the|la|le|el|year|annee|"
                      r"ano|period|periode|periodo|no\.?|n[°º]|\d{1,3}|on|sur|sobre|les|los|des|results|resultats|resultados)"
                      r"[\s,:.()\u2013\u2014-]*)*$", re.IGNORECASE)
_ASIDE = re.compile(r"\(")  # an aside in brackets on a header line opens like a line
# "12/10/26": a register's or a form's day with a year of two digits, read as 20yy on a header line only
_SHORT_YEAR = re.compile(r"(?<![\w/.-])(\d{1,2})([/.])(\d{1,2})\2(\d{2})(?![\w/.-])")
# A page's footer: "© 2025 PGNS", "Copyright 2019-2025", "(c) 2024"
_COPYRIGHT = re.compile(r"(?:\u00a9|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*[\u2013\u2014-]\s*)?((?:19|20)\d{2})(?!\d)",
                        re.IGNORECASE)
_FOOTER_LINES = 8
# A signature's dateline: "Fait à Cotonou, le 12 novembre 2026", "Done at Nairobi on 3 March 2025", "Dado en Lima, el"
_SIGNED = re.compile(r"^(?:fait|done|signed|given|dado|hecho|firmado|suscrito)\s+(?:a|à|at|in|en)\s+", re.IGNORECASE)
# A place (up to three parts between commas) and a date, alone in a header cell: "Tegucigalpa, M.D.C., octubre de 2026"
_PLACE = re.compile(r"^(?:[A-ZÀ-Ý][\w'.-]*\s*){1,3}(?:,\s*(?:[A-ZÀ-Ý][\w'.-]*\s*){1,3}){0,2},\s*"
                    r"(?:(?:le|el|a|on|the)\s+)?$")
_NUMBER_BEFORE = re.compile(r"(?:(?<![\w])n[o°º]\.?|n\.[°º]|#|ref\.?)\s*$|[\w/-]$", re.IGNORECASE)
_GLUED_AFTER = re.compile(r"[-/][A-Za-z0-9]")
_FY = re.compile(r"(?<![\w-])(?:FY|AF|exercice|ejercicio)\s*(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?(?![\w/-])",
                 re.IGNORECASE)


def _alt(words) -> str:
    return alternation(words, letters={"'": "['\u2019]"})


@functools.cache
def _rx() -> dict[str, re.Pattern[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    labels = data["labels"] + data["file_labels"]
    return {
        "label": re.compile(rf"^[\W_]*(?:{_alt(labels)})\s*[:\uff1a]\s*", re.IGNORECASE),
        "made": re.compile(rf"^[\W_]*(?:{_alt(data['made_words'])})(?![\w-])(?P<by>[^:|\n]{{0,50}}?)"
                           rf"(?:\s(?:on|of|le|el|at|du|del)\s+|\s*:\s*)", re.IGNORECASE),
        "edition": re.compile(rf"^[\W_]*(?:{_alt(data['edition_words'])})(?![\w-])\s*(?::|\s(?:de|du|of|del))?\s*",
                              re.IGNORECASE),
        "period": re.compile(rf"^[\W_]*(?:{_alt(data['period_labels'])})\s*[:\uff1a]\s*", re.IGNORECASE),
        "week": re.compile(rf"^[\W_]*(?:{_alt(data['week_words'])})(?![\w-])\s*", re.IGNORECASE),
        "footer": re.compile(rf"^[\W_]*(?:{_alt(data['footer_labels'] + data['file_labels'])})\s*[:\uff1a]\s*",
                             re.IGNORECASE),
        "act": re.compile(rf"^[\W_]*(?:{_alt(data['act_words'])})(?:\s+[\w-]+){{0,2}}?\s*(?:n[o°º]\.?|n\.[°º]|"
                          rf"num(?:ero|ber|\.)?|#)\s*\S+\s+(?:du|del|de|of|dated|en\s+date\s+du|de\s+fecha)\s+",
                          re.IGNORECASE),
        "report": re.compile(rf"(?<![\w'-])(?:{_alt(data['headings'] + data['report_words'])})(?![\w-])",
                             re.IGNORECASE),
        "minutes": re.compile(rf"^[\W_]*(?:{_alt(data['minutes_words'])})(?![\w-])", re.IGNORECASE),
    }


def _head(text: str) -> list[str]:
    """The document's head lines, up to its first table."""
    out: list[str] = []
    for raw in (text or "").splitlines():
        if _RULER.match(raw) and out:
            break
        if _ROW.match(raw) and out:
            break
        if any(c.isalnum() for c in raw):
            out.append(raw.strip())
        if len(out) >= _HEAD_LINES:
            break
    return out


def _dates_in(text: str) -> list[_dates.DateMention]:
    """The dates of text, none inside a number ("ACTA ADMINISTRATIVA No. 01-2026-UEP", "Réf. 2026-118")."""
    return [m for m in _dates.find_dates(text) if m.range.start is not None and not _NUMBER_BEFORE.search(
        fold(text[max(0, m.start - 8) : m.start])) and not _GLUED_AFTER.match(text, m.end)]


def _day_at_start(text: str) -> PartialDate | None:
    """The one date (no span) that text opens with (a weekday may come first: "mardi 11 mars 2025")."""
    found = _dates_in(text)
    if len(found) != 1 or len(text[: found[0].start].split()) > 1:
        return None
    r = found[0].range
    return r.start if r.end is None or r.end == r.start else None


def _span_end(text: str, longest: int | None = None) -> PartialDate | None:
    """The end of the one period (or date) text gives: a report is written once it is over. A span longer than
    longest days after a report's name is a project's period ("Project brief 2024-2027"), not the report's."""
    found = _dates_in(text)
    if len(found) != 1 or len(found[0].parts) > 1:
        return None
    r = found[0].range
    end = r.end or r.start
    if longest is not None and (end.last_day() - r.start.first_day()).days > longest and not re.fullmatch(
            r"\d{4}\s*/\s*\d{2,4}", found[0].text.strip()):  # "2024/25", "2024/2025": a fiscal year
        return None
    return end


def _fiscal_year(text: str) -> PartialDate | None:
    found = {(m.group(1), m.group(2)) for m in _FY.finditer(text)}
    if len(found) != 1:
        return None
    first, last = found.pop()
    if not last:
        return PartialDate(int(first))
    year = int(last) if len(last) == 4 else int(first[:2] + last)
    return PartialDate(year) if 0 <= year - int(first) <= 1 else None


def _cell_date(cell: str) -> PartialDate | None:
    rx = _rx()
    folded = fold(cell)
    if m := rx["period"].match(folded):
        return _span_end(cell[m.end() :]) or _fiscal_year(cell[m.end() :])
    if m := rx["label"].match(folded):
        return _day_at_start(cell[m.end() :])
    if m := rx["edition"].match(folded):
        return _day_at_start(cell[m.end() :])
    if m := rx["week"].match(folded):  # "Semaine du 16 au 22 novembre 2026", "Extrait (du 12/10/2026 au 20/11/2026)"
        rest = cell[m.end() :]
        first = _dates_in(rest)[:1]
        if first and re.fullmatch(r"[\s(:,]*(?:(?:du|from|del|de|of|allant\s+du)\s*)?", fold(rest[: first[0].start])):
            return _span_end(rest)
    return None


def _line_dates(line: str) -> set[PartialDate]:
    rx = _rx()
    folded = fold(line)
    found_made: set[PartialDate] = set()
    # "Exported by j.moreno on 2026-11-30 14:22 (UTC) - plain text export"; an aside in brackets too: "Album ... —
    # légendes des photos (export du 14/10/2026)"
    for at in [0, *(b.end() for b in _ASIDE.finditer(folded))]:
        if m := rx["made"].match(folded[at:]):
            rest = re.split(r"\s+[\u2013\u2014-]\s+|\s*\|\s*|\s{3,}|\)", line[at + m.end() :])[0]
            found_made |= {date} if (date := _day_at_start(rest)) else set()
    h = rx["report"].search(folded)
    if h and h.start() <= 40 and not line[h.end() :].lstrip().startswith(":"):
        # "Quarterly report Q3 2025", "Annual Report FY2024/25": the period right after the report's name
        after = line[h.end() :]
        first = (_dates_in(after)[:1] or [None])[0]
        fy = _FY.search(after)
        at = min(x for x in (first.start if first else None, fy.start() if fy else None, len(after)) if x is not None)
        if _BETWEEN.match(fold(after[:at])):
            date = _span_end(after, _MAX_REPORT_DAYS) or _fiscal_year(after)
            if date:
                return {date}
    found = found_made
    if m := rx["act"].match(folded):  # "ARRÊTÉ N° 2026-0417/MTFP du 12 novembre 2026": the act is the document
        found |= {d for d in [_day_at_start(line[m.end() :])] if d}
    if rx["minutes"].match(folded) and len(line) <= _MAX_MINUTES and len(_dates_in(line)) == 1:
        found |= {d for d in [_day_at_start(line[_dates_in(line)[0].start :])] if d}  # "Acta ... el 12 de marzo"
    for cell in _cells(line):
        if len(cell) <= _MAX_CELL and (date := _cell_date(cell)) is not None:
            found.add(date)
    return found


def _cells(line: str) -> list[str]:
    """The line's cells, and what follows each dash in a cell ("Registre - Extrait (du ...)"): a label opens one."""
    out = []
    for cell in filter(None, _CELLS.split(line)):
        out += [cell] + [cell[m.end() :] for m in _DASH.finditer(cell)]
    return out


def _place_date(cell: str) -> PartialDate | None:
    """The date of a header cell that is a place and a date only ("Tegucigalpa, M.D.C., octubre de 2026")."""
    found = _dates_in(cell)
    if len(found) != 1 or found[0].range.end not in (None, found[0].range.start) or cell[found[0].end :].strip(" ."):
        return None
    return found[0].range.start if _PLACE.match(cell[: found[0].start]) else None


def more_document_dates(text: str) -> set[PartialDate]:
    """The dates the document's head states for the document in the places above (one, none, or several that
    disagree: the caller then takes none); a place and a date in a header cell only where none of those is."""
    found: set[PartialDate] = set()
    placed: set[PartialDate] = set()
    for line in _head(text):
        if len(line) <= _MAX_LINE:
            line = _SHORT_YEAR.sub(lambda m: f"{m[1]}{m[2]}{m[3]}{m[2]}20{m[4]}", line)
            found |= _line_dates(line)
            placed |= {d for c in _cells(line) if len(c) <= _MAX_CELL and (d := _place_date(c)) is not None}
    return found or placed


def footer_date(text: str) -> PartialDate | None:
    """The date a page's footer gives (its last lines): a label ("Last updated: 4 March 2025", "Dernière mise à
    jour : ..."), a copyright's year ("© 2025 PGNS", "Copyright 2019-2025"), a signature's dateline ("Fait à
    Cotonou, le 12 novembre 2026"); None when none, or two."""
    lines = [ln.strip() for ln in (text or "").splitlines() if any(c.isalnum() for c in ln)][-_FOOTER_LINES:]
    found: set[PartialDate] = set()
    for line in lines:
        if len(line) > _MAX_LINE:
            continue
        found |= {PartialDate(int(m.group(1))) for m in _COPYRIGHT.finditer(line)}
        if (m := _SIGNED.match(line)) and (date := dateline(line[m.end() :])) is not None:
            found.add(date)  # "Fait à Cotonou, le 12 novembre 2026" above the signature
        for cell in _cells(line):
            folded = fold(cell)
            if len(cell) <= _MAX_CELL and (m := _rx()["footer"].match(folded)):
                found |= {d for d in [_day_at_start(cell[m.end() :])] if d}
    return found.pop() if len(found) == 1 else None
