"""HTML to PDF with WeasyPrint: a template rendered, laid out in pages, written as PDF bytes.

WeasyPrint needs Pango (Debian's libpango-1.0-0) and fonts; the stylesheet names Noto fonts for Latin, Cyrillic,
Arabic and Chinese (fonts-noto-core, fonts-noto-cjk) with DejaVu as the fallback (README: system packages).
Nothing is fetched while a PDF is made: the charts and maps are inline SVG, the stylesheet is read from the
app's static files, and every other URL is refused (a project's text cannot make the server request anything).
"""
from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

STYLESHEET = "reports/report.css"
PDF_CONTENT_TYPE = "application/pdf"
# WeasyPrint logs each step and page at INFO: a 1,000-page report would write thousands of lines.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class FetchRefused(ValueError):
    """A URL in a report's HTML: reports are self-contained, nothing is fetched."""


def refuse_fetch(url: str, *args, **kwargs):
    """WeasyPrint's URL fetcher: every URL refused (WeasyPrint leaves the resource out and goes on)."""
    raise FetchRefused(f"reports fetch nothing: {url[:80]}")


@lru_cache(maxsize=1)
def stylesheet_text() -> str:
    """The reports' stylesheet, read once per process."""
    return Path(finders.find(STYLESHEET)).read_text(encoding="utf-8")


def _css_string(text: str) -> str:
    """Text as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def layout(html: str, *, title: str = "", first_page: int = 1):
    """An HTML document laid out in pages (a WeasyPrint Document: `pages`, `write_pdf()`); its pages carry the
    title at the top and their number at the foot, counting from first_page."""
    from weasyprint import CSS, HTML  # imported on first use: it loads Pango, which pages need not

    # Right to left (Arabic), the running title and the date go to the right, the page number to the left.
    start, end = ("right", "left") if translation.get_language_bidi() else ("left", "right")
    pages = CSS(string=f"@page {{ @top-{start} {{ content: {_css_string(title)} }} "
                       f"@bottom-{start} {{ content: string(generated); font-size: 7.5pt; color: #555; }} "
                       f"@bottom-{end} {{ content: counter(page); font-size: 7.5pt; color: #555; }} }} "
                       f"@page :first {{ counter-reset: page {first_page - 1}; }}", url_fetcher=refuse_fetch)
    return HTML(string=html, url_fetcher=refuse_fetch, base_url="/").render(
        stylesheets=[CSS(string=stylesheet_text(), url_fetcher=refuse_fetch), pages])


def html_to_pdf(html: str, *, title: str = "", first_page: int = 1) -> bytes:
    """PDF bytes of an HTML document (as `layout` lays it out)."""
    return layout(html, title=title, first_page=first_page).write_pdf()


def render_pdf(template: str, context: dict, request=None) -> bytes:
    """A report template rendered and made a PDF (its title from the context's document_title)."""
    return html_to_pdf(render_to_string(template, context, request=request),
                       title=str(context.get("document_title", "")))


def join_parts(parts: Iterable[str], title: str) -> bytes:
    """HTML documents laid out one at a time and joined into one PDF, pages numbered on from part to part:
    the layout's memory is one part's, whatever the number of parts."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    pages = 0
    for html in parts:
        reader = PdfReader(io.BytesIO(html_to_pdf(html, title=title, first_page=pages + 1)))
        writer.append(reader)
        pages += len(reader.pages)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
