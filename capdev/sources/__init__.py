"""Documents as people have them (a saved web page, a Word document, a PDF) turned into text for the parser.

Plain Python, no Django, like capdev.narrative: `extract(data, name)` gives the text the narrative parser reads
and the original's media type; the loader keeps the original bytes beside the records. Every reader is
bounded (`Limits`): a file over a limit (size, pages, unpacked size, characters, seconds) is refused with a
SourceError saying which limit and where, never read for ever.

Which library reads what, and why:
- HTML: lxml.html parses; the main content is the page's own landmark (<main>, role=main, a single
  <article>), else readability-lxml's choice; menus, headers, footers, sidebars and scripts are dropped; our
  renderer then writes lines the parser reads (dt/dd as "Label: value", table rows as tab-separated cells,
  list items numbered as on the page). trafilatura finds the same content but re-encodes it and brings a date
  and URL toolchain we do not use.
- DOCX: python-docx reads paragraphs and tables in document order (and writes the test files).
- PDF: pypdf, pure Python with limits against decompression bombs built in, read page by page so that the
  page and time limits are checked as it goes.
"""
from __future__ import annotations

from .detect import KINDS, MEDIA_TYPES, kind_of
from .errors import SourceError
from .limits import Limits
from .text import Extracted, extract

__all__ = ["KINDS", "MEDIA_TYPES", "Extracted", "Limits", "SourceError", "extract", "kind_of"]
