"""A Word document (.docx) as lines of text: paragraphs and tables in document order.

Paragraphs become lines (a numbered or bulleted paragraph keeps its number or bullet, a heading gets a blank
line before it); each table row becomes one line of tab-separated cells, a cell's paragraphs joined with "; "
(the parser reads ";"-separated items as a list). Headers, footers and footnotes are left out: they repeat
page furniture, not the record.

A .docx is a zip archive: it is checked before python-docx opens it (member count, unpacked size, packing
ratio), so a zip bomb is refused rather than unpacked; zipfile itself never unpacks a member past the size
the archive declares for it.
"""
from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from .errors import SourceError
from .limits import Budget, human_size

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PAGES = re.compile(rb"<(?:\w+:)?Pages>\s*(\d+)\s*</(?:\w+:)?Pages>")


def _check_archive(data: bytes, budget: Budget) -> None:
    limits, name = budget.limits, budget.name
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SourceError(f"damaged .docx: not a readable zip archive ({exc})", name=name) from None
    if len(members) > limits.max_members:
        raise SourceError(f"the .docx holds {len(members):,} parts, over the limit of {limits.max_members:,} "
                          "(a zip bomb?)", name=name)
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        raise SourceError("not a Word document: the archive has no word/document.xml", name=name)
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.max_unpacked_bytes:
        raise SourceError(f"the .docx unpacks to {human_size(unpacked)}, over the limit of "
                          f"{human_size(limits.max_unpacked_bytes)} (a zip bomb?)", name=name)
    for m in members:
        if m.file_size > 1024 * 1024 and m.file_size > limits.max_ratio * max(m.compress_size, 1):
            raise SourceError(f"part {m.filename} unpacks to {m.file_size // max(m.compress_size, 1):,} times its "
                              f"packed size, over the limit of {limits.max_ratio} (a zip bomb?)", name=name)
    if "docProps/app.xml" in names:
        try:
            pages = _PAGES.search(archive.read("docProps/app.xml"))
        except (zipfile.BadZipFile, OSError, ValueError):
            pages = None
        if pages and int(pages.group(1)) > limits.max_pages:
            raise SourceError(f"the document has {int(pages.group(1)):,} pages, over the limit of "
                              f"{limits.max_pages:,}", name=name)


class _Numbering:
    """The number or bullet Word shows before a list paragraph, counted as Word counts them."""

    def __init__(self, document):
        self.formats: dict[tuple[str, str], str] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for a in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in a.iter(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                levels[lvl.get(f"{_W}ilvl")] = fmt.get(f"{_W}val") if fmt is not None else "bullet"
            abstract[a.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                for level, fmt in abstract.get(ref.get(f"{_W}val"), {}).items():
                    self.formats[(num.get(f"{_W}numId"), level)] = fmt

    def mark(self, paragraph) -> str:
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        num = num_id.get(f"{_W}val") if num_id is not None else None
        if num in (None, "0"):
            return ""
        level = ilvl.get(f"{_W}val") if ilvl is not None else "0"
        depth = int(level) if level.isdigit() else 0
        for key in [k for k in self.counters if k[0] == num and k[1] > depth]:
            del self.counters[key]  # a higher level restarts the lower ones
        n = self.counters.get((num, depth), 0) + 1
        self.counters[(num, depth)] = n
        fmt = self.formats.get((num, level), "bullet")
        indent = "  " * depth
        if fmt == "decimal" or fmt.startswith("decimal"):
            return f"{indent}{n}. "
        if fmt == "lowerLetter":
            return f"{indent}({_letter(n)}) "
        if fmt == "upperLetter":
            return f"{indent}{_letter(n).upper()}. "
        if fmt in ("lowerRoman", "upperRoman"):
            roman = _roman(n)
            return f"{indent}({roman}) " if fmt == "lowerRoman" else f"{indent}{roman.upper()}. "
        return f"{indent}• "


def _num_pr(paragraph):
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.numPr is not None:
        return p_pr.numPr
    style = paragraph.style
    for _ in range(4):  # a list style's numbering may come from the style it is based on
        if style is None:
            return None
        s_pr = style.element.pPr
        if s_pr is not None and s_pr.numPr is not None:
            return s_pr.numPr
        style = style.base_style
    return None


def _letter(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += digits
            n -= value
    return out


def _cell_text(cell) -> str:
    parts = []
    for block in cell.iter_inner_content():
        if hasattr(block, "rows"):
            parts.extend(_row_text(row) for row in block.rows)
        else:
            parts.append(" ".join(block.text.split()))
    return "; ".join(p for p in parts if p)


def _row_text(row) -> str:
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue  # a merged cell is returned once per grid column it spans
        seen.add(id(cell._tc))
        cells.append(_cell_text(cell).replace("\t", " "))
    return "\t".join(cells).rstrip("\t")


def docx_to_text(data: bytes, budget: Budget, notes: list[str]) -> str:
    """The text of a .docx, paragraphs and table rows as lines."""
    _check_archive(data, budget)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise SourceError(f"damaged .docx: {exc}", name=budget.name) from None
    numbering = _Numbering(document)
    lines: list[str] = []
    paragraphs = tables = 0
    try:
        for i, block in enumerate(document.iter_inner_content()):
            if i % 200 == 0:
                budget.check_time(f"block {i + 1}")
            if hasattr(block, "rows"):
                tables += 1
                for row in block.rows:
                    line = _row_text(row)
                    if line.strip():
                        lines.append(line)
                        budget.add_text(line, f"table {tables}")
                continue
            paragraphs += 1
            text = block.text.replace("\r", "")
            if not text.strip():
                continue
            style = (block.style.name if block.style is not None else "") or ""
            if style.lower().startswith(("heading", "title")) and lines and lines[-1] != "":
                lines.append("")
            line = numbering.mark(block) + text.strip()
            lines.append(line)
            budget.add_text(line, f"paragraph {paragraphs}")
    except (ValueError, IndexError, KeyError, AttributeError) as exc:
        # python-docx meets a table grid or part it cannot follow: a damaged document.
        raise SourceError(f"damaged .docx: {exc.__class__.__name__} {exc}", name=budget.name) from None
    notes.append(f"DOCX: {paragraphs} paragraphs, {tables} tables")
    return "\n".join(lines) + "\n" if lines else ""
