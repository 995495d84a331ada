"""What every shape of a portfolio written as data comes to: columns named by labels of the label table, and per
project the cells under them, each with the characters it owns in the text; and how such a project becomes a
Record through the same value parsers as a labelled record (assemble.py).

A column's name is a label when the whole name is one ("Donor(s)", "Bailleur", "Fecha de inicio", "Budget (US$)"):
its field and modifiers are the label's, so that a cell under "Donante" is a funder, never a country served.
A name that is no label is kept: its cells are unplaced (flagged), never guessed.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..assemble import _Assembler
from ..labels import LabelMatch, LabelTable, default_table, match_label
from ..segment import Block, RawRecord
from ..types import Record
from .column_names import form_column, is_row_number
from .remark_cells import extended_in_remarks

# Fields a portfolio table is about; a table naming two of them (one being its code or title) lists projects.
_IDENTITY = ("code", "title")
# What an activity table's columns say that a project's fields do not: such a table is one project's events.
_EVENT_ROLES = ("participants", "place", "type", "city")
_CURRENCY_TAIL = re.compile(r"[ _-]+(?:(?:in|en)[ _]+)?([A-Za-z$\u20ac\u00a3]{1,4}\$?)$", re.IGNORECASE)
_NAME_DECORATION = re.compile(r"^[\s\"'*_`#]+|[\s\"'*_`:]+$")


@dataclass
class Column:
    """A column (or, in a transposed table, a row) of a table: its name as written and the label it is."""

    name: str
    label: LabelMatch | None

    @property
    def field(self) -> str | None:
        return self.label.field if self.label is not None else None


@dataclass
class Cell:
    """One cell of a project: the characters it owns [start, end) (its separators included, so that a record's
    cells cover it) and its value as read (quotes off, wrapped lines joined) at offset `at`."""

    start: int
    end: int
    column: int | None  # None: no cell of a column (a list's dash, a closing brace, a rule)
    value: str = ""
    at: int = 0
    more: bool = False  # the rest of a cell wrapped onto a later row: its text is in the first part's value
    # A wrapped line of a cell that opens with a label of another field ("Socio: INAP" under a title): its own fact.
    label: LabelMatch | None = None


@dataclass
class Project:
    """The cells of one project, in the order of the text, covering [start, end)."""

    cells: list[Cell] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.cells[0].start

    @property
    def end(self) -> int:
        return self.cells[-1].end


@dataclass
class ReadTable:
    """A table or export found in a text: [start, end) holds its head (the header row, a rule) and its projects.

    detached: the projects' cells are not each a stretch of the text (a transposed table: a project is a column),
    so the first project's record keeps the whole table's text."""

    shape: str
    columns: list[Column]
    head: list[tuple[int, int]]  # the header row, a rule under it, a list's opening line: (start, end)
    projects: list[Project]
    start: int
    end: int
    detached: bool = False
    legend: dict[str, str] | None = None  # the status letters a legend near the table spells out (once per table)
    events: dict[str, list] | None = None  # a project code's events, read from rows beside the table (a dump's)
    set_aside: list[tuple[int, int]] = field(default_factory=list)  # test entries: no project, kept unplaced


def column_label(name: str, table: LabelTable | None = None) -> LabelMatch | None:
    """The label a column's name is, when the whole name is one, or the name stands for one in a listing's header
    ("CCY", "BEG DATE", "USD": column_names.py); else None."""
    lab = _column_label(name, table)
    if lab is None:
        # An export's field name ("fecha_inicio", "startDate", "bailleurFonds"): the words of a label.
        from .export_names import label_words, spelling_of

        spaced = label_words(name)
        lab = _column_label(spaced, table) if spaced else None
        loose = None if lab or not spaced else spelling_of(name)
        lab = lab or (_column_label(loose, table) if loose else None)
    if lab is None:
        from .column_names import column_spelling

        spelled = column_spelling(_NAME_DECORATION.sub("", name))
        lab = _column_label(spelled, table) if spelled else None
    return lab


def _column_label(name: str, table: LabelTable | None = None) -> LabelMatch | None:
    table = table or default_table()
    text = _NAME_DECORATION.sub("", name)
    if not text or len(text) > 80 or "\n" in text:
        return None
    from ..values.money import currency_code

    mark = ""
    m = _CURRENCY_TAIL.search(text)
    if m and (currency_code(m.group(1)) or currency_code(m.group(1).upper())):
        # "Budget USD", "budget_eur", "Montant en EUR": the currency its amounts are in, an aside of the label.
        text, mark = text[: m.start()], m.group(1)
    # Read as "Name:" so that a qualifier after the label counts ("Code projet", "Socio local").
    lab = match_label(f"{text}:", table)
    if lab is None or lab.number is not None or lab.start > 0 or lab.sep != "colon" or lab.value_start <= len(text):
        return None
    if mark:
        if lab.field != "budget" or lab.aside:
            return None
        lab = dataclasses.replace(lab, aside=mark)
    return lab


def names_projects(columns: list[Column], table: LabelTable | None = None) -> bool:
    """Do these column names head a table of projects: most of them labels, of two fields or more, among them a
    code or a title, and none an activity table's own (participants, venue, kind of event)?"""
    from ..page_lines import column_role

    named = [c for c in columns if c.name.strip() and not form_column(c.name)]
    fields = {c.field for c in named if c.field}
    if len(named) < 2 or len(fields) < 2 or not fields & set(_IDENTITY):
        return False
    if sum(1 for c in named if c.field) * 3 < len(named) * 2:
        return False
    from ..labels import fold_key

    table = table or default_table()
    for c in named:
        if c.field is None and (_value_like(c.name) or fold_key(c.name) in table.status_values):
            return False  # "1920Z", "Completed": a value, so the row is a record's labels and values
    return not any(c.field is None and column_role(c.name, table) in _EVENT_ROLES for c in named)


def _value_like(name: str) -> bool:
    """Is this unlabelled column name a value ("1920Z", "2024", "USD 40,000", "Example (record 1)") rather than a
    form's question? A question may name a year ("Activities held in 2025 (date, place, number of participants)"):
    in a header's name words with digits are a few among many, or the name asks ("Held in 2025?")."""
    words = name.split()
    numbered = sum(1 for w in words if re.search(r"\d", w))
    return numbered * 3 >= len(words) > 0 and not words[-1].endswith(("?", "\uff1f"))


def by_column(project: Project) -> dict[int, str]:
    """A project's values by column (a wrapped cell's text joined to its first part's)."""
    return {c.column: c.value for c in project.cells if c.column is not None and not c.more and c.label is None}


def labelled_line(cell: Cell, column: Column) -> bool:
    """Does this wrapped line of a cell open with a label of another field than its column's ("Socio: INAP",
    "Partner: ...", "Donor: ..." under a title)? Then the cell is marked with that label: a fact of its own."""
    value = cell.value
    lab = match_label(value, default_table()) if 0 < value.find(":") <= 60 else None
    if lab is None or lab.start != 0 or lab.sep != "colon" or lab.number is not None:
        return False
    if lab.field in (None, column.field, "title") or not value[lab.value_start :].strip():
        return False
    cell.label = lab
    return True


def check_length(text: str, project: Project, limit: int) -> None:
    """A project (a row and the rows wrapped onto it, an item) longer than one record's limit is refused."""
    if project.end - project.start > limit:
        from ..errors import LimitExceeded
        from ..lines import too_long

        line = text.count("\n", 0, project.start) + 1
        raise LimitExceeded(too_long(line, limit))


# ---------------------------------------------------------------- from cells to a record


def _currency_of(columns: list[Column], project: Project) -> str | None:
    """The currency a project's bare amounts are in: a currency column's cell, or the budget column's aside
    ("Budget (US$)", "Montant (EUR)")."""
    from ..values.money import currency_code

    for cell in project.cells:
        if cell.column is not None and columns[cell.column].field == "currency" and cell.value.strip():
            return currency_code(cell.value.strip()) or currency_code(cell.value.strip().upper())
    for col in columns:
        if col.field == "budget" and col.label is not None and col.label.aside:
            return currency_code(col.label.aside.strip()) or currency_code(col.label.aside.strip().upper())
    return None


def to_record(text: str, read: ReadTable, k: int, index: int, source_file: str | None,
              before: list[Block] | None = None, after: list[Block] | None = None,
              table: LabelTable | None = None) -> Record:
    """The record of project k of a table: its cells as blocks (each the field of its column), assembled."""
    table = table or default_table()
    project = read.projects[k]
    blocks: list[Block] = list(before or [])
    values: dict[int, tuple[str, int]] = {}
    skip: set[int] = set()
    if k == 0:
        blocks.extend(Block("heading", "heading", a, b, b) for a, b in read.head if b > a)
        blocks.extend(Block("unparsed", "text", a, b, a) for a, b in read.set_aside)
    cells = project.cells
    if read.detached and k == 0:
        cells = sorted((c for p in read.projects for c in p.cells), key=lambda c: c.start)
    empty_countries = False
    unknown: list[str] = []
    remarks: list[str] = []  # the cells of columns that are no label
    notes: list[tuple[str, str]] = []
    for cell in cells:
        if cell.end <= cell.start:
            continue  # an empty last cell at the end of the text
        col = read.columns[cell.column] if cell.column is not None else None
        own = any(cell is c for c in project.cells)
        if col is None or not own and read.detached:
            name = "other_record" if col is not None and not own else "heading"
            blocks.append(Block(name, "heading", cell.start, cell.end, cell.end))
            continue
        if not cell.value.strip() and not cell.more:
            blocks.append(Block("blank", "blank", cell.start, cell.end, cell.end))
            empty_countries = empty_countries or col.field == "countries"
            continue
        if cell.label is not None:
            lab = cell.label
            block = Block(lab.field, "label", cell.start, cell.end, cell.at, label=lab)
            values[id(block)] = (cell.value[lab.value_start :].strip(), cell.at + lab.value_start)
            blocks.append(block)
            continue
        if col.label is None and form_column(col.name):
            # A form tool's own column (the response's timestamp, its sender): kept, never read as the project's
            # date or anything else.
            blocks.append(Block("heading", "heading", cell.start, cell.end, cell.end))
            continue
        if col.label is None:
            blocks.append(Block("unparsed", "text", cell.start, cell.end, cell.at))
            remarks.append(cell.value)
            if col.name.strip() and col.name not in unknown:
                unknown.append(col.name)
            continue
        if col.field == "code" and is_row_number(cell.value) and not cell.more:
            blocks.append(Block("heading", "heading", cell.start, cell.end, cell.end))  # a row's number: no code
            continue
        block = Block(col.field or "unparsed", "label", cell.start, cell.end, cell.at, label=col.label)
        if cell.more:
            skip.add(id(block))
        else:
            values[id(block)] = (_cell_value(text, read, col, cell.value.strip(), notes), cell.at)
        blocks.append(block)
    blocks.extend(after or [])
    blocks.sort(key=lambda b: b.start)  # a rule may come between a transposed table's rows
    rec = _CellAssembler(text, RawRecord(blocks), index, source_file, table, values, skip,
                         _currency_of(read.columns, project), empty_countries).run()
    extended_in_remarks(rec, remarks)  # "Prórroga aprobada hasta 06/2027" under "Observaciones"
    if read.detached and k > 0:
        # Its cells are spans of the first project's record (a column of the table is no stretch of the text).
        rec.spans, rec.unparsed = [], []
        rec.flags = [f for f in rec.flags if f.field != "unparsed" or not f.reason.startswith("placed by no rule")]
    for _ in read.set_aside if k == 0 else ():
        rec.flag("record", "a row read as a test entry (\u201cTEST - please ignore\u201d): no project, kept unplaced")
    for name in unknown:
        rec.flag("unparsed", f"column \u201c{name}\u201d is no label: its cell is kept unplaced")
    for name, reason in notes:
        rec.flag(name, reason)
    return rec


def _cell_value(text: str, read: ReadTable, col: Column, value: str, notes: list[tuple[str, str]]) -> str:
    """A cell's value as the value parsers read it: a listing's compact date ("20190601") as ISO, a status letter as
    the word it stands for (the table's legend's, else the common letters': noted for the reviewer)."""
    from .column_names import compact_date, status_legend, status_letter

    if col.field == "time_frame":
        return compact_date(value) or value
    if col.field == "status" and len(value) <= 2:
        if read.legend is None:
            read.legend = status_legend(text[max(0, read.start - 3000) : read.start]
                                        + "\n" + text[read.end : read.end + 3000])
        word = status_letter(value, read.legend)
        if word:
            notes.append(("status", f"status letter \u201c{value}\u201d read as \u201c{word}\u201d"))
            return word
    return value


class _CellAssembler(_Assembler):
    """The assembler reading a block's value from its cell (quotes off, wrapped parts joined)."""

    def __init__(self, text: str, raw: RawRecord, index: int, source_file: str | None, table: LabelTable,
                 values: dict[int, tuple[str, int]], skip: set[int], currency: str | None,
                 empty_countries: bool) -> None:
        super().__init__(text, raw, index, source_file, table)
        self.values = values
        self.skip = skip
        self.currency = currency
        self.empty_countries = empty_countries

    def value(self, block: Block) -> tuple[str, int]:
        got = self.values.get(id(block))
        return got if got is not None else super().value(block)

    def handle(self, block: Block) -> None:
        if id(block) in self.skip:
            return
        super().handle(block)

    def on_currency(self, block: Block, value: str, at: int) -> None:
        """The currency column: read with the amount (see _currency_of)."""

    def on_budget(self, block: Block, value: str, at: int) -> None:
        from ..values.money import parse_money

        if self.currency and not parse_money(value):
            kind = (block.label.modifiers.get("budget_kind") if block.label else None) or "total"
            for money in parse_money(value, kind=kind, default_currency=self.currency):
                if money not in self.rec.budgets:
                    self.rec.budgets.append(money)
            if self.rec.budgets:
                return
        super().on_budget(block, value, at)

    def countries(self) -> None:
        if self.empty_countries and not self.country_texts:
            # The countries column is empty: the project names none; none are inferred from its other cells.
            self.rec.countries = []
            return
        super().countries()
