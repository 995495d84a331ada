"""A spreadsheet's cells as text, as organisers keep them: CSV in any common encoding and delimiter, or XLSX
with merged cells and dates. Every input is bounded; what exceeds a bound is refused with a message saying
which. Plain Python (openpyxl), no Django."""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

MAX_BYTES = 10 * 1024 * 1024        # an uploaded file
MAX_UNZIPPED = 60 * 1024 * 1024     # an XLSX's parts once unzipped (a zip bomb stops here)
MAX_ROWS = 5000                     # rows of one worksheet (a sign-in sheet, a survey export)
MAX_COLUMNS = 60
MAX_CELL = 1000                     # characters kept of one cell (a longer one is cut, and said so)
MAX_WORKSHEETS = 30
XLSX_MAGIC = b"PK\x03\x04"


class SheetError(ValueError):
    """The file cannot be read as a sheet: a code and the numbers that say where (never a cell's text).

    The message in English is for the command line and logs; capdev.people.importing words it for people
    (translated) from the code and params.
    """

    MESSAGES = {
        "empty": "The file is empty.",
        "too_big": "The file is {kb} KB; the largest sheet accepted is {mb} MB.",
        "xls": "This is an old Excel file (.xls): save it as .xlsx or .csv and upload that.",
        "not_xlsx": "The file is named .xlsx but is not an Excel workbook (it may be damaged).",
        "not_text": "The file is not text (CSV) nor an Excel workbook (XLSX).",
        "bad_text": "The file is not valid text at byte {byte}.",
        "bad_csv": "Row {row} cannot be read as CSV.",
        "too_many_rows": "The worksheet {sheet} has more than {limit} rows.",
        "too_many_columns": "Row {row} has more than {limit} columns.",
        "bad_zip": "The Excel file is damaged (it is not a readable zip archive).",
        "unzips_too_big": "The workbook unpacks to {mb} MB; at most {limit} MB is read.",
        "bad_xlsx": "The Excel file cannot be read (it may be damaged or password-protected).",
        "too_many_worksheets": "The workbook has {n} worksheets; at most {limit} are read.",
        "no_worksheet": "The workbook has no worksheet.",
        "no_rows": "The worksheet {sheet} has no row below its header row ({row}): no one to record.",
    }

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(self.MESSAGES[code].format(**params))


@dataclass
class Worksheet:
    """One worksheet: its name and its rows, every cell as text ("" for an empty one)."""

    name: str
    rows: list[list[str]]
    merged: int = 0          # merged ranges whose value was copied into each of their cells
    cut_cells: int = 0       # cells longer than MAX_CELL, cut

    @property
    def width(self) -> int:
        """The number of columns of its widest row."""
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Workbook:
    """A file's worksheets (a CSV has one), and how it was read."""

    worksheets: list[Worksheet] = field(default_factory=list)
    format: str = "csv"
    encoding: str = ""
    delimiter: str = ""

    def worksheet(self, name: str = "") -> Worksheet:
        """The worksheet of this name, else the first with something in it."""
        for sheet in self.worksheets:
            if sheet.name == name:
                return sheet
        for sheet in self.worksheets:
            if any(any(c for c in row) for row in sheet.rows):
                return sheet
        return self.worksheets[0]


def read_workbook(data: bytes, file_name: str = "") -> Workbook:
    """Read an uploaded CSV or XLSX (told apart by its content, not its name)."""
    if not data:
        raise SheetError("empty")
    if len(data) > MAX_BYTES:
        raise SheetError("too_big", kb=len(data) // 1024, mb=MAX_BYTES // (1024 * 1024))
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetError("xls")
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        raise SheetError("not_xlsx")
    return _read_csv(data)


# -- CSV ------------------------------------------------------------------------------------------------

def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise SheetError("not_text")
    return data.decode("cp1252", errors="replace"), "cp1252"


def _read_csv(data: bytes) -> Workbook:
    try:
        text, encoding = _decode(data)
    except UnicodeDecodeError as exc:
        raise SheetError("bad_text", byte=exc.start) from exc
    sample = text[:20000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = max(",;\t", key=sample.count)
    rows: list[list[str]] = []
    sheet = Worksheet(name="", rows=rows)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            _add_row(sheet, row)
    except csv.Error as exc:
        raise SheetError("bad_csv", row=reader.line_num) from exc
    return Workbook([sheet], "csv", encoding, delimiter)


def _add_row(sheet: Worksheet, cells: list) -> None:
    if len(sheet.rows) >= MAX_ROWS:
        raise SheetError("too_many_rows", sheet=sheet.name, limit=MAX_ROWS)
    if len([c for c in cells if c not in (None, "")]) and len(cells) > MAX_COLUMNS:
        # Trailing empty cells (a spreadsheet's formatting) do not count.
        while cells and cells[-1] in (None, ""):
            cells = cells[:-1]
        if len(cells) > MAX_COLUMNS:
            raise SheetError("too_many_columns", row=len(sheet.rows) + 1, limit=MAX_COLUMNS)
    row = []
    for cell in cells[:MAX_COLUMNS]:
        text = _text(cell)
        if len(text) > MAX_CELL:
            text = text[:MAX_CELL]
            sheet.cut_cells += 1
        row.append(text)
    sheet.rows.append(row)


def _text(value) -> str:
    """A cell's value as the organiser sees it: dates in ISO, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# -- XLSX -----------------------------------------------------------------------------------------------

def _read_xlsx(data: bytes) -> Workbook:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise SheetError("bad_zip") from exc
    if unzipped > MAX_UNZIPPED:
        raise SheetError("unzips_too_big", mb=unzipped // (1024 * 1024), limit=MAX_UNZIPPED // (1024 * 1024))
    import openpyxl  # only when a workbook comes

    try:
        # Not read-only: merged ranges are only known to a full workbook (bounded by MAX_UNZIPPED above).
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise SheetError("bad_xlsx") from exc
    if len(book.worksheets) > MAX_WORKSHEETS:
        raise SheetError("too_many_worksheets", n=len(book.worksheets), limit=MAX_WORKSHEETS)
    out = Workbook(format="xlsx")
    for ws in book.worksheets:
        if ws.max_row > MAX_ROWS + 100 and _last_filled_row(ws) > MAX_ROWS:
            raise SheetError("too_many_rows", sheet=ws.title, limit=MAX_ROWS)
        sheet = Worksheet(name=ws.title, rows=[])
        fills = _merged_fills(ws, sheet)
        for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if r > MAX_ROWS:
                break
            cells = list(row)
            for (fr, fc), value in fills.get(r, {}).items():
                while len(cells) < fc:
                    cells.append(None)
                cells[fc - 1] = value
            _add_row(sheet, cells)
        while sheet.rows and not any(sheet.rows[-1]):
            sheet.rows.pop()
        out.worksheets.append(sheet)
    if not out.worksheets:
        raise SheetError("no_worksheet")
    return out


def _last_filled_row(ws) -> int:
    last = 0
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if any(v not in (None, "") for v in row):
            last = r
    return last


def _merged_fills(ws, sheet: Worksheet) -> dict[int, dict[tuple[int, int], object]]:
    """{row: {(row, column): value}} for every cell of a merged range but its first: a merged "Ministry of
    Finance" spanning three people's rows, or a header spanning two columns, belongs to each of them."""
    fills: dict[int, dict[tuple[int, int], object]] = {}
    for merged in ws.merged_cells.ranges:
        value = ws.cell(merged.min_row, merged.min_col).value
        if value in (None, ""):
            continue
        sheet.merged += 1
        for r in range(merged.min_row, min(merged.max_row, MAX_ROWS) + 1):
            for c in range(merged.min_col, min(merged.max_col, MAX_COLUMNS) + 1):
                if (r, c) != (merged.min_row, merged.min_col):
                    fills.setdefault(r, {})[(r, c)] = value
    return fills
