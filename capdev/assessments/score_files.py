"""Score files (CSV or XLSX) as a table of cells that know where they are: row number, column letter, header.

Only reading happens here, bounded in size, rows, columns and cell length; what the cells mean is
score_import's business. Row numbers are the spreadsheet's: the header is row 1.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an XLSX is a zip: its parts unpacked, at most
MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CELL = 10_000
XLSX_MAGIC = b"PK\x03\x04"


class FileProblem(Exception):
    """The file cannot be read as a table of scores (the message says why)."""


@dataclass(frozen=True)
class Cell:
    """A value with where it is."""

    row: int
    column: str  # the letter: "C"
    header: str  # the header as written: "Score"
    value: str


@dataclass
class Table:
    """A file's header and rows (each a mapping of normalised header to Cell)."""

    name: str
    headers: list[str]  # normalised: "score", "dimension"
    rows: list[dict[str, Cell]]


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def normalise(header: str) -> str:
    """A header as the importer knows it: lower case, spaces and dashes as underscores."""
    return "_".join(str(header).strip().lower().replace("-", " ").split())


def read(data: bytes, name: str) -> Table:
    """The table in a CSV or XLSX file; FileProblem when it is neither, empty, or over a limit."""
    if len(data) > MAX_BYTES:
        raise FileProblem(_("The file is larger than %(n)s MB.") % {"n": MAX_BYTES // (1024 * 1024)})
    if not data.strip():
        raise FileProblem(_("The file is empty."))
    rows = _xlsx_rows(data) if data.startswith(XLSX_MAGIC) else _csv_rows(data)
    header_row = next(rows, None)
    if header_row is None or not any(str(v).strip() for v in header_row):
        raise FileProblem(_("The first row must name the columns (country, date, dimension, score…)."))
    if len(header_row) > MAX_COLUMNS:
        raise FileProblem(_("More than %(n)d columns.") % {"n": MAX_COLUMNS})
    written = [str(h).strip() for h in header_row]
    headers = [normalise(h) for h in written]
    seen: set[str] = set()
    for i, h in enumerate(headers):
        if h and h in seen:
            raise FileProblem(_("Row 1, column %(col)s: the column “%(name)s” is given twice.")
                              % {"col": column_letter(i), "name": written[i]})
        seen.add(h)
    table = Table(name=name, headers=headers, rows=[])
    for number, values in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            raise FileProblem(_("More than %(n)s rows.") % {"n": f"{MAX_ROWS:,}"})
        cells = {}
        for i, value in enumerate(values[:len(headers)]):
            text = "" if value is None else str(value).strip()
            if len(text) > MAX_CELL:
                raise FileProblem(_("Row %(row)d, column %(col)s: a cell longer than %(n)s characters.")
                                  % {"row": number, "col": column_letter(i), "n": f"{MAX_CELL:,}"})
            if headers[i] and text:
                cells[headers[i]] = Cell(number, column_letter(i), written[i], text)
        if cells:
            table.rows.append(cells)
    return table


def _csv_rows(data: bytes):
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):  # latin-1 reads any bytes
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise FileProblem(_("This is not a CSV or XLSX file."))
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:
        raise FileProblem(_("Line %(line)d: not valid CSV (%(why)s).")
                          % {"line": reader.line_num, "why": exc}) from None


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise FileProblem(_("The workbook unpacks to more than %(n)s MB.")
                                  % {"n": MAX_UNPACKED_BYTES // (1024 * 1024)})
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except FileProblem:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise FileProblem(_("This is not a workbook Capdev can read (a damaged or unsupported XLSX file).")) from None
    sheet = workbook["scores"] if "scores" in workbook.sheetnames else workbook.worksheets[0]
    try:
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            values = list(row)
            while values and values[-1] is None:  # read-only sheets pad each row to max_col
                values.pop()
            yield [_xlsx_value(v) for v in values]
    finally:
        workbook.close()


def _xlsx_value(value):
    """A cell as the text a person sees: dates ISO, whole numbers without ".0"."""
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return value
