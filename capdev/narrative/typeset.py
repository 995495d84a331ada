"""Texts written in a markup language (a LaTeX source, a wiki page's source, a web page's HTML saved as text, an
Org-mode file, a vCard or iCalendar file, a TOML file) read as the text they show.

read_typeset looks at a text's first chunk; when it opens as such a source, the whole text is held (as XML is:
bounded by MAX_FEED_CHARS) and its markup blanked in place by the reader of its language, so that offsets still
index the file. Any other text passes through untouched, chunk by chunk.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from .errors import LimitExceeded
from .feeds import MAX_FEED_CHARS
from .html_page import html_page_as_text, is_html_page
from .org_text import is_org, org_as_text
from .tex_text import is_latex, latex_as_text
from .toml_text import is_toml, toml_as_text
from .vcard_text import is_vcard, vcard_as_text
from .wiki_text import is_wikitext, wikitext_as_text

_READERS: tuple[tuple[str, Callable[[str], bool], Callable[[str], str]], ...] = (
    ("a LaTeX source", is_latex, latex_as_text),
    ("a wiki page's source", is_wikitext, wikitext_as_text),
    ("a web page's HTML", is_html_page, html_page_as_text),
    ("an Org-mode file", is_org, org_as_text),
    ("a vCard or iCalendar file", is_vcard, vcard_as_text),
    ("a TOML file", is_toml, toml_as_text),
)


def read_typeset(chunks: Iterable[str]) -> Iterable[str]:
    """The chunks of a text, its markup blanked when it is the source of a typeset or wiki page."""
    it = iter(chunks)
    first = next(it, "")
    for what, opens, as_text in _READERS:
        if opens(first):
            parts: list[str] = []
            size = 0
            for chunk in (c for part in ([first], it) for c in part):
                parts.append(chunk)
                size += len(chunk)
                if size > MAX_FEED_CHARS:  # the whole text is held to read its markup: no longer than a feed
                    raise LimitExceeded(f"{what} longer than {MAX_FEED_CHARS:,} characters")
            return iter([as_text("".join(parts))])
    return (c for part in ([first], it) for c in part)
