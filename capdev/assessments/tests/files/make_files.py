"""Writes the binary sample files of these tests (run from anywhere: python make_files.py); the result is committed."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent


def scores_xlsx() -> None:
    """An index series as a workbook: a sheet named "scores", a year column and a full date, a column per dimension."""
    book = Workbook()
    book.active.title = "notes"
    book.active.append(["This sheet is not read: the importer reads the sheet named scores."])
    sheet = book.create_sheet("scores")
    sheet.append(["Country", "Date", "Framework", "Assessor type", "Services", "Infrastructure", "Human capital"])
    sheet.append(["LCA", 2021, "capdev-example-index", "external", 0.45, 0.5, 0.65])
    sheet.append(["Barbados", dt.date(2021, 6, 30), "capdev-example-index", "external", 0.6, 0.69, 0.77])
    sheet.append(["LCA", 2023, "capdev-example-index", "external", 0.52, 0.58, None])
    book.save(HERE / "scores.xlsx")


def damaged_xlsx() -> None:
    """A zip signature followed by nothing a workbook holds."""
    (HERE / "damaged.xlsx").write_bytes(b"PK\x03\x04" + b"\x00garbage" * 40)


if __name__ == "__main__":
    scores_xlsx()
    damaged_xlsx()
