"""A text PDF as lines of text, page by page, in the order the page is read.

pypdf follows each page's content stream (the order a word processor or a browser wrote it, which is the
reading order for the documents we get) and starts a new line where the text moves down. Lines that repeat at
the top or bottom of most pages (running headers and footers) and bare page numbers are dropped: they would
land inside whichever record spans the page break.

Refused with a message: a file that is not a PDF or is damaged, a password-protected one, more pages than the
limit (counted before any page is read), one that takes longer than the limit, and a scanned PDF (pages but no
text: it needs OCR first). pypdf's own limits stop decompression bombs.
"""
from __future__ import annotations

import io
import logging
import re
from collections import Counter

from .errors import SourceError
from .limits import Budget

_PAGE_NUMBER = re.compile(r"^\s*(page\s+)?\d{1,4}(\s*(/|of)\s*\d{1,4})?\s*$|^\s*[-–]\s*\d{1,4}\s*[-–]\s*$", re.I)
_EDGE = 2  # lines at the top and at the bottom of a page where running headers and footers sit


def _reader(data: bytes, name: str):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged-but-readable files warn on every page
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty user password (copy or print restrictions only).
            try:
                opened = reader.decrypt("")
            except (PyPdfError, NotImplementedError, ImportError) as exc:
                raise SourceError(f"encrypted PDF that cannot be opened here ({exc})", name=name) from None
            if not opened:
                raise SourceError("password-protected PDF: remove the password and import it again", name=name)
        count = len(reader.pages)
    except SourceError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a damaged file; every one means "cannot read"
        raise SourceError(f"damaged PDF: {exc.__class__.__name__}: {exc}", name=name) from None
    return reader, count


def _has_images(page) -> bool:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        return any((xobjects[k].get_object().get("/Subtype") == "/Image") for k in xobjects)
    except Exception:  # noqa: BLE001 - only used to word the error
        return False


def _strip_running_lines(pages: list[list[str]]) -> tuple[list[list[str]], int]:
    """Drop lines repeated at the edges of most pages, and bare page numbers at the edges."""
    if len(pages) < 3:
        edges = Counter()
    else:
        edges = Counter(line for lines in pages for line in set(lines[:_EDGE] + lines[-_EDGE:]) if line.strip())
    running = {line for line, n in edges.items() if n >= max(3, 0.6 * len(pages))}
    dropped = 0
    out = []
    for lines in pages:
        kept = []
        for i, line in enumerate(lines):
            at_edge = i < _EDGE or i >= len(lines) - _EDGE
            if at_edge and (line in running or (_PAGE_NUMBER.match(line) and len(pages) > 1)):
                dropped += 1
                continue
            kept.append(line)
        out.append(kept)
    return out, dropped


def pdf_to_text(data: bytes, budget: Budget, notes: list[str]) -> str:
    """The text of a PDF, page after page."""
    name, limits = budget.name, budget.limits
    from pypdf.errors import LimitReachedError

    reader, count = _reader(data, name)
    if count == 0:
        raise SourceError("the PDF has no pages", name=name)
    if count > limits.max_pages:
        raise SourceError(f"the PDF has {count:,} pages, over the limit of {limits.max_pages:,}", name=name)
    pages: list[list[str]] = []
    images = 0
    for number in range(count):
        budget.check_time(f"page {number + 1} of {count}")
        try:
            page = reader.pages[number]
            text = page.extract_text() or ""
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a damaged page
            if isinstance(exc, LimitReachedError):
                raise SourceError(f"page {number + 1} unpacks past pypdf's safety limits (a PDF bomb?): refused",
                                  name=name) from None
            raise SourceError(f"page {number + 1}: cannot be read ({exc.__class__.__name__}: {exc})",
                              name=name) from None
        lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        budget.add_text(text, f"page {number + 1}")
        if not any(line.strip() for line in lines):
            images += _has_images(page)
        pages.append(lines)
    words = sum(len(line.split()) for lines in pages for line in lines)
    if words < 3 * count and words < 20:
        if images:
            raise SourceError(f"a scanned PDF: its {count} page(s) are images with no text layer; run it through "
                              "OCR (text recognition) first, or import the document it was made from", name=name)
        raise SourceError("the PDF has no text to read", name=name)
    pages, dropped = _strip_running_lines(pages)
    # Pages joined by a plain line break: a field that runs over a page break stays one field.
    text = "\n".join("\n".join(lines).strip("\n") for lines in pages if any(s.strip() for s in lines))
    notes.append(f"PDF: {count} pages" + (f", {dropped} running header/footer lines dropped" if dropped else ""))
    return text + "\n"
