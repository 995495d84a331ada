"""Which kind of document a file is: by its name, checked against its first bytes."""
from __future__ import annotations

import re
from pathlib import PurePath

from .errors import SourceError

KINDS = ("text", "html", "docx", "pdf")
MEDIA_TYPES = {
    "text": "text/plain",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
_EXTENSIONS = {".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}
_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, old .xls: not readable here


def _looks_like(data: bytes) -> str | None:
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    if _HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")):
        return "html"
    return None


def kind_of(name: str, data: bytes) -> str:
    """'text', 'html', 'docx' or 'pdf'; SourceError when the name and the bytes disagree or the format is one
    we cannot read (a .doc, a zip that is not a .docx)."""
    ext = PurePath(name).suffix.lower()
    seen = _looks_like(data)
    if seen == "ole" or ext == ".doc":
        raise SourceError("a Word 97-2003 document (.doc) cannot be read: save it as .docx or PDF", name=name)
    wanted = _EXTENSIONS.get(ext)
    if wanted == "pdf" and seen != "pdf":
        raise SourceError("not a PDF file (it does not start with %PDF-): damaged, or misnamed?", name=name)
    if wanted == "docx" and seen != "zip":
        raise SourceError("not a .docx file (a .docx is a zip archive): damaged, or misnamed?", name=name)
    if wanted:
        return wanted
    # No telling extension (.txt, none, an unknown one): what the bytes say.
    if seen == "pdf":
        return "pdf"
    if seen == "zip":
        return "docx"
    if seen == "html" and ext not in (".txt", ".json"):
        return "html"
    return "text"
