"""Records found by repetition, whatever the container: k stretches of a text that each state a project's own facts
are k records.

For text in which no labelled record is found (an e-mail, a list of bullets, a chat, a memo's lettered sections, a
fund's list of grants under plain title lines). The text is cut into units at every break a writer uses between
items: a blank line, a line that opens with an item's marker ("•", "-", "1)", "2/", "a.", "[09:14]"), a line after
one that ends a sentence. A unit is a project's stretch when it states two kinds of a project's facts or more (a
period or a dated day, an amount, a country served, a funder: named_projects.fact_kinds), one of them an amount or a
period, and names its project by a code ("(CMR-01)", "ref. WUB-0417", "código FAI-8": a token of capitals and
digits joined by a hyphen, a slash or a dot) that no stretch before it gave.

Against splitting: a unit with no code of its own, or the code of the stretch before it (one project told twice: a
summary then its details), or headed by a part of a project ("Component 2", "Phase II", "Objetivo específico 1":
part_pieces.is_part_heading), goes on the record before it; a short title line standing alone right above a stretch
(a heading with no stop) opens that stretch's record. Nothing is read unless two stretches or more have codes of
the same shape (letters, then digits, joined the same way: "CM-9001" and "PH-9002", "FAI-8" and "TFS-5"), the
repetition that says the text lists projects rather than tells of one. The records are marked as guessed.
"""
from __future__ import annotations

import re

from .folding import fold, fold_key
from .head_parts import shares_below
from .lines import split_lines
from .named_projects import apposed_name, fact_kinds, names_in
from .part_pieces import is_part_heading
from .record_evidence import is_section_name
from .segment import Block, RawRecord
from .title_in_prose import names_in_prose
from .values import dates as _dates
from .values.money import parse_money
from .values.prose_facts import cues

# A code: capitals and digits, both, in two parts or more joined by "-", "/", "." or "_" ("WUB-0417", "IGE-2020-03",
# "GHA/20/002"); never a year's range (no letter) nor a word with a number ("COVID-19": _NOT_CODES).
_CODE = re.compile(r"(?<![\w/.-])(?=[A-Z0-9/._-]*\d)(?=[0-9/._-]*[A-Z])[A-Z0-9]+(?:[-/._][A-Z0-9]+)+(?![\w/-])")
_NOT_CODES = frozenset("COVID SARS MERS H1N1 ISO SDG ODD ODS CO2 G20 G77 COP".split())
# An item's marker at the start of a line: a bullet, a number or a letter with its bracket or stop, a time stamp.
_MARKER = re.compile(r"^\s*(?:[•·▪►‣◦*–—-]\s|\(?\d{1,2}[.)/]\s|\(?[a-hA-H][.)]\s|\[\d{1,2}:\d{2}(?::\d{2})?\])")
_TITLE_WORDS, _TITLE_CHARS = 12, 100
# A stretch that goes on telling of the project above it: its first sentence names it by an article or a pronoun
# ("In 2022 the programme spent ...", "Le projet a ...", "Its last year ...", "Dicho proyecto ..."), not by a name.
ANAPHORA = re.compile(
    r"(?:^|\s)(?:(?:the|this|that|le|la|ce|cet|cette|ledit|el|este|esta|dicho|dicha|said)\s+"
    r"(?:same\s+|même\s+|mismo\s+|misma\s+)?(?:project|programme|program|initiative|projet|proyecto|programa|"
    r"iniciativa)\b|^(?:its|it|il|elle|son|sa|ses|su|sus)\s)", re.IGNORECASE)


def codes(text: str) -> list[str]:
    out = []
    for m in _CODE.finditer(text):
        token = m.group(0)
        if re.split(r"[-/._]", token)[0] in _NOT_CODES or len(re.findall(r"[A-Z]", token)) < 2:
            continue  # "COVID-19"; "1.9M" is an amount
        out.append(token)
    return out


def shape(code: str) -> str:
    """'CM-9001' -> 'A-9': letters and digits as classes, their runs joined, the joins kept."""
    return re.sub(r"(A)A+|(9)9+", r"\1\2", re.sub(r"[A-Z]", "A", re.sub(r"\d", "9", code)))


def _units(text: str) -> list[tuple[int, int]]:
    """(start, stop) of each unit, covering the text: a paragraph, an item of a list, a sentence's run of lines."""
    out: list[list[int]] = []
    blank_before, stop_before = True, True
    for ln in split_lines(text):
        line = ln.text.strip()
        if not out or (line and (blank_before or stop_before or _MARKER.match(ln.text))):
            out.append([ln.start, ln.stop])
        else:
            out[-1][1] = ln.stop
        if line:
            stop_before = line[-1:] in ".;!?"
        blank_before = not line
    if out:
        out[-1][1] = len(text)
    return [(a, b) for a, b in out]


def _first_sentence(text: str) -> str:
    m = _MARKER.match(text)
    text = text[m.end() :] if m else text.lstrip()
    return re.split(r"[.;!?](?:\s|$)", text, maxsplit=1)[0]


def dated(text: str) -> bool:
    return any(m.range.start is not None for m in _dates.find_dates(text))


def _stretch_code(text: str) -> str | None:
    """The code a unit names its project by, when it states that project's facts; None when it is no stretch."""
    found = codes(text)
    if not found or fact_kinds(text) < 2 or not (parse_money(text) or dated(text)):
        return None
    return found[0]


def _title_line(text: str) -> bool:
    """A short line of its own, with no stop and no fact: a heading over the stretch below it."""
    line = text.strip()
    return (bool(line) and "\n" not in line and len(line.split()) <= _TITLE_WORDS and len(line) <= _TITLE_CHARS
            and line[:1].isupper() and line[-1:] not in ".:;,!?" and not codes(line) and not fact_kinds(line))


def repeated_records(text: str) -> list[RawRecord]:
    """One record per stretch that states its own project's facts under a code of its own; [] unless two do, with
    codes of one shape."""
    units = _units(text)
    named = [_stretch_code(text[a:b]) for a, b in units]
    shapes = [shape(c) for c in named if c]
    if len(shapes) < 2 or max(shapes.count(s) for s in set(shapes)) < 2:
        return _list_records(text, units) or _named_records(text)
    starts: list[int] = []  # the unit each record opens at
    seen: set[str] = set()
    for n, ((a, b), code) in enumerate(zip(units, named)):
        own_head = "\n" in text[a:b].strip() and _title_line(text[a:b].strip().split("\n", 1)[0])
        titled = n > 0 and not own_head and _title_line(text[units[n - 1][0] : units[n - 1][1]])
        if (code is None or code in seen or is_part_heading(text[a:b])
                or (starts and not titled and ANAPHORA.search(_first_sentence(text[a:b])))):
            if code:
                seen.add(code)
            continue
        seen.add(code)
        head = n
        if titled and (n - 1) not in starts:
            head = n - 1  # "Court Case Management" alone over its paragraph: that record's head
        starts.append(head)
    if len(starts) < 2 or shares_below(text, [units[k][0] for k in starts]):
        return []  # a budget's lines, a committee's decisions under the project's total: its parts (head_parts.py)
    return _records_at(text, units, starts)


def _records_at(text: str, units: list[tuple[int, int]], starts: list[int]) -> list[RawRecord]:
    records: list[RawRecord] = []
    bounds = [units[k][0] for k in starts] + [len(text)]
    for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
        line_end = text.find("\n", a, b)
        head_end = min(units[starts[k]][1], line_end + 1 if line_end >= 0 else b)
        if head_end < b and _title_line(text[a:head_end]):
            blocks = [Block("title", "text", a, head_end, a), Block("summary", "prose", head_end, b, head_end)]
        else:
            blocks = _item_blocks(text, a, b)
        records.append(RawRecord(blocks, guessed=True))
    if bounds[0] > 0:
        records[0].blocks.insert(0, Block("chrome", "chrome", 0, bounds[0], 0))  # the document's head: no title
    return records


# An item's name, then its facts: "Registro social de hogares — USD 100.000", "Catastro rural (CMR-01): ...".
_NAME_END = re.compile(r"\s+[—–-]\s|:\s|\s\(|,\s")
_ITEM_MARKER = re.compile(r"^\s*(?:[•·▪►‣◦*–—-]|\(?\d{1,2}[.)/]|\(?[a-hA-H][.)])\s+")


def _item_blocks(text: str, a: int, b: int) -> list[Block]:
    """A list item's blocks: its marker kept unplaced, its name (the words before its first dash, colon, bracket or
    comma, a few capitalised words with no fact) its title, the rest its prose."""
    marker = _ITEM_MARKER.match(text[a:b])
    if marker:
        at = a + marker.end()
        cut = _NAME_END.search(text, at, b)
        name = text[at : cut.start()] if cut else ""
        if (cut and "\n" not in name and 2 <= len(name.split()) <= _TITLE_WORDS and name[:1].isupper()
                and not codes(name) and not fact_kinds(name)):
            return [Block("unparsed", "text", a, at, a), Block("title", "text", at, cut.start(), at),
                    Block("summary", "prose", cut.start(), b, cut.start())]
    return [Block("summary", "prose", a, b, a)]


def _period(text: str) -> bool:
    """Does a text state a period of its own: a range ("2021-2023", "de marzo 2020 a 2023"), or two dates ("Se inició
    en octubre de 2024 y termina en diciembre de 2027")?"""
    found = _dates.find_dates(text)
    if any(m.range.start is not None and m.range.end is not None and m.range.start != m.range.end for m in found):
        return True
    return len(found) >= 2 and any(_key(m.range.start) != _key(found[0].range.start) for m in found)


def _key(when) -> tuple:
    return (when.year, when.month or 0, when.day or 0) if when is not None else ()


def _list_records(text: str, units: list[tuple[int, int]]) -> list[RawRecord]:
    """A list's items (bullets, numbers) that each state an amount and a period of their own, and name no code:
    one record each ("1. Registro social de hogares — USD 100.000 — 2021-2023 — Suiza"). Not when the text above
    the list states an amount and a period itself (one project's head, its parts listed below), nor when the list's
    heading names a part of one project's document ("Activities", "Composantes", "Presupuesto")."""
    items = [n for n, (a, b) in enumerate(units) if _MARKER.match(text[a:b])]
    starts = [n for n in items if parse_money(text[units[n][0] : units[n][1]]) and _period(text[units[n][0] :
                                                                                                units[n][1]])
              and not is_part_heading(_first_sentence(text[units[n][0] : units[n][1]]))
              and not ANAPHORA.search(_first_sentence(text[units[n][0] : units[n][1]]))]
    if len(starts) < 2:
        return []
    head = text[: units[starts[0]][0]]
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    if (parse_money(head) and _period(head)) or (lines and is_section_name(lines[-1].rstrip(":"))):
        return []
    return _records_at(text, units, starts)


def other_phase(text: str) -> bool:
    """Does a text name an earlier phase, another project or a component ("previous phase", "projet précédent",
    "componente": data/prose_cues.json other_phase_cues)?"""
    folded = fold(text).lower()
    return any(re.search(rf"(?<![\w'’-]){re.escape(fold(cue).lower())}(?![\w-])", folded)
               for cue in cues()["other_phase_cues"])


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, stop) of each paragraph with the blank lines after it, covering the text."""
    out: list[list[int]] = []
    blank_before = True
    for ln in split_lines(text):
        if not out or (ln.text.strip() and blank_before):
            out.append([ln.start, ln.stop])
        else:
            out[-1][1] = ln.stop
        blank_before = not ln.text.strip()
    if out:
        out[-1][1] = len(text)
    return [(a, b) for a, b in out]


def _project_named(paragraph: str) -> str | None:
    """The project a paragraph names first ("el Programa de Formación de Directivos Públicos Regionales", "the Open
    Courts Project"), folded; None when it names none."""
    found = [(start, fold_key(name)) for start, _end, name in names_in_prose(paragraph)]
    folded = fold(paragraph).lower()
    found += [(folded.find(name.split()[0]), name) for name in names_in(paragraph)[:1]]
    span = apposed_name(paragraph)  # "Programa de Compras Públicas Sostenibles, Paraguay, ..."
    found += [(span[0], fold_key(paragraph[span[0] : span[1]]))] if span else []
    found = [f for f in found if f[0] >= 0]
    return min(found)[1] if found else None


def _named_records(text: str) -> list[RawRecord]:
    """Paragraphs that each name a project of their own and state its amount and its period: one record each (a
    hearing, minutes or a letter telling of two projects in turn). Not a paragraph that names an earlier phase or
    another project than the record's ("the previous phase", "la fase anterior": prose_amounts.other_phase)."""
    paragraphs = _paragraphs(text)
    starts: list[int] = []
    seen: set[str] = set()
    for n, (a, b) in enumerate(paragraphs):
        body = text[a:b]
        name = _project_named(body)
        if name is None or not parse_money(body) or not _period(body) or name in seen:
            if name:
                seen.add(name)
            continue
        seen.add(name)
        if other_phase(body) or is_part_heading(body):
            continue
        starts.append(n)
    if len(starts) < 2:
        return []
    records = _records_at(text, paragraphs, starts)
    for rec in records:
        _name_as_title(text, rec)
    return records


def _name_as_title(text: str, rec: RawRecord) -> None:
    """The name a record's paragraph gives its project is its title: the words before it are its narrative (a
    speaker's name, "Quiero informar sobre el"), the words after it are its prose."""
    n, prose = next(((n, b) for n, b in enumerate(rec.blocks) if b.kind == "prose"), (None, None))
    if prose is None:
        return
    found = names_in_prose(text[prose.start : prose.end]) or [apposed_name(text[prose.start : prose.end])]
    if not found[0]:
        return
    at, stop = prose.start + found[0][0], prose.start + found[0][1]
    blocks = [Block("narrative", "text", prose.start, at, prose.start)] if at > prose.start else []
    blocks += [Block("title", "text", at, stop, at), Block("summary", "prose", stop, prose.end, stop)]
    rec.blocks[n : n + 1] = blocks
