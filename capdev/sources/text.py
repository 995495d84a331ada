"""extract(): the one entry point, from a document's bytes to the text the narrative parser reads."""
from __future__ import annotations

from dataclasses import dataclass, field

from capdev.narrative.decode import decode_bytes

from .detect import MEDIA_TYPES, kind_of
from .errors import SourceError
from .limits import Budget, Limits, human_size


@dataclass
class Extracted:
    """A document's text, what it was, and notes for the person importing it (pages read, lines dropped)."""

    text: str
    kind: str
    media_type: str
    notes: list[str] = field(default_factory=list)


def extract(data: bytes, name: str = "<input>", limits: Limits | None = None) -> Extracted:
    """The text of a document (plain text, HTML, DOCX or PDF); SourceError (an InputError) when it cannot be
    read or is over a limit, with a one-line message naming the file."""
    limits = limits or Limits()
    kind = kind_of(name, data)
    if kind == "text":
        # Plain text goes straight to the parser, whose cost grows with the text and nothing else (the command
        # line reads text files from disk a chunk at a time, importer.originals.open_file; uploads have their
        # own limit, checked as they arrive).
        return Extracted(text=decode_bytes(data, name=name), kind=kind, media_type=MEDIA_TYPES[kind])
    if len(data) > limits.max_bytes:
        raise SourceError(f"the file is {human_size(len(data))}, over the limit of {human_size(limits.max_bytes)}",
                          name=name)
    budget = Budget(limits, name)
    notes: list[str] = []
    if kind == "html":
        from .html_text import html_to_text

        text = html_to_text(data, budget, notes)
    elif kind == "docx":
        from .docx_text import docx_to_text

        text = docx_to_text(data, budget, notes)
    else:
        from .pdf_text import pdf_to_text

        text = pdf_to_text(data, budget, notes)
    if not text.strip():
        raise SourceError(f"no text found in this {kind.upper()} file", name=name)
    return Extracted(text=text, kind=kind, media_type=MEDIA_TYPES[kind], notes=notes)
