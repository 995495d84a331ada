"""A web page's HTML source pasted or saved as text, read as the page it shows, character for character in place.

A `.html` upload is turned into text before the parser (capdev/sources/html_text.py, with lxml); the same page
saved as `.txt` ("view source", a CMS export) reaches the parser as it is, tags and all, and its menus, scripts and
table cells become records and titles. Here its markup is blanked in place, so that offsets still index the file:
- what is no content, with its text: the head, scripts, styles, navigation, footers, asides, forms, comments;
- a block's tag becomes a line break (a paragraph, a row, a list item with its dash, a heading with its level's
  "#"), a table's cell its "|" edge, a term of a definition list its colon;
- entities become their characters, rewritten within their word ("2&nbsp;400&nbsp;000" reads "2 400 000").
An XHTML page (with a namespace or an XML declaration) is read by xml_text.py; this reads the others. One pass per
step, each bounded: linear in the text's length.
"""
from __future__ import annotations

import html
import re

from .feeds import blank_markup
from .in_place import blanked

_PAGE_START = re.compile(r"\s*(?:<!--(?:[^-]|-(?!->)){0,2000}-->\s*){0,20}<(?:!doctype\s+html|html[\s>])", re.I)
_FRAGMENT_TAGS = re.compile(r"<(?:p|div|h[1-6]|li|td|tr|table|ul|ol|section|article|span|br)\b", re.I)
_HEAD_CHARS = 4096
# Containers whose text is no content of the page: blanked with it (the first closing tag ends one).
_CHROME = ("head", "script", "style", "noscript", "nav", "footer", "aside", "form", "template", "svg", "iframe")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]{0,30})\b[^<>]{0,2000}?/?>")
_ENTITY_RUN = re.compile(r"[^\s<>&]{0,40}(?:&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
                         r"[^\s<>&]{0,40}){1,8}")
_BREAKS = frozenset("p div br tr table ul ol dl dd section article header main blockquote hr address figure "
                    "figcaption caption pre tbody thead tfoot".split())


def is_html_page(first_chunk: str) -> bool:
    """Whether a text opens as a web page's HTML: a doctype or <html> first, or markup first and block tags all
    over its head (a CMS's exported body)."""
    head = first_chunk[:_HEAD_CHARS]
    if _PAGE_START.match(head):
        return True
    return head.lstrip().startswith("<") and len(_FRAGMENT_TAGS.findall(head)) >= 8


_CHROME_START = re.compile(r"<(" + "|".join(_CHROME) + r")\b|<!--", re.IGNORECASE)


def _blank_chrome(text: str) -> str:
    # Matched without lowering the text: lower() may lengthen it ("İ"), and every offset must stay where it is.
    out, pos = [], 0
    while (m := _CHROME_START.search(text, pos)) is not None:
        closing = re.compile(re.escape("-->" if m.group(0) == "<!--" else f"</{m.group(1)}"), re.IGNORECASE)
        c = closing.search(text, m.end())
        end = len(text) if c is None else (text.find(">", c.start()) + 1 or len(text))
        out += [text[pos:m.start()], blanked(text[m.start():end])]
        pos = end
    return "".join(out) + text[pos:]


def _tag(m: re.Match) -> str:
    s, closing, name = m.group(0), bool(m.group(1)), m.group(2).lower()
    if "\n" in s or len(s) < 3:
        return blanked(s)
    if name in ("td", "th") and not closing:
        return "|" + " " * (len(s) - 1)
    if name == "li" and not closing:
        return "\n-" + " " * (len(s) - 2)
    if name in ("h1", "h2", "h3", "h4", "h5", "h6") and not closing and len(s) >= 4:
        level = int(name[1])
        mark = "#" * min(level, len(s) - 2)
        return "\n" + mark + " " * (len(s) - 1 - len(mark))
    if name == "dt" and not closing:
        return "\n" + " " * (len(s) - 1)
    if name == "dt" and closing:
        return ":" + " " * (len(s) - 1)
    if name in _BREAKS or (name[:1] == "h" and name[1:].isdigit()):
        return "\n" + " " * (len(s) - 1)
    return " " * len(s)


def _entities(m: re.Match) -> str:
    run = m.group(0)
    shown = html.unescape(run).replace("\u00a0", " ")
    return shown + " " * (len(run) - len(shown)) if len(shown) <= len(run) else blanked(run)


def html_page_as_text(text: str) -> str:
    """The text a page's HTML shows, in place: the same length (see the module's docstring)."""
    shown = _TAG.sub(_tag, _blank_chrome(text))
    shown = _ENTITY_RUN.sub(_entities, shown)
    return blank_markup(shown) if "<" in shown else shown
