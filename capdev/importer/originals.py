"""An imported file's text and its original: whatever the format (text, HTML, DOCX, PDF), read through
capdev.sources within the CAPDEV_IMPORT_* limits, and the original bytes kept as a SourceFile."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings

from capdev import sources
from capdev.projects.models import SourceFile


def limits() -> sources.Limits:
    """The reading limits the settings give (docs/import.md)."""
    return sources.Limits(max_bytes=settings.CAPDEV_IMPORT_MAX_BYTES, max_pages=settings.CAPDEV_IMPORT_MAX_PAGES,
                          max_unpacked_bytes=settings.CAPDEV_IMPORT_MAX_UNPACKED_BYTES,
                          max_chars=settings.CAPDEV_IMPORT_MAX_CHARS,
                          max_seconds=float(settings.CAPDEV_IMPORT_MAX_SECONDS))


@dataclass
class Original:
    """A file as it came, and the text read from it."""

    data: bytes
    name: str
    text: str
    kind: str
    media_type: str
    notes: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def keep(self) -> SourceFile:
        """The SourceFile holding these bytes, created on first import (call inside the import's transaction)."""
        sha = self.sha256
        found = SourceFile.objects.defer("data").filter(sha256=sha).first()
        if found is not None:
            return found
        kept, _created = SourceFile.objects.get_or_create(sha256=sha, defaults={
            "file_name": PurePath(self.name).name[-500:], "media_type": self.media_type, "size": len(self.data), "data": self.data})
        return kept


def read(data: bytes, name: str) -> Original:
    """The file's text; narrative.InputError (sources.SourceError) when it cannot be read or is over a limit."""
    got = sources.extract(data, name, limits())
    return Original(data=data, name=name, text=got.text, kind=got.kind, media_type=got.media_type, notes=got.notes)
