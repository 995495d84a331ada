"""An imported file's text and its original: whatever the format (text, HTML, DOCX, PDF), read through
capdev.sources within the CAPDEV_IMPORT_* limits, and the original bytes kept as a SourceFile.

A plain text file on disk (open_file) is neither read nor kept whole: the parser reads it a chunk at a time
(narrative.TextFile) and its bytes go to its SourceFile a chunk at a time, so that importing a large file
takes no more memory than a small one."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from django.conf import settings
from django.db import connection
from django.utils import timezone

from capdev import narrative, sources
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
    source: Text | None = None  # the text for the loader (open_file)

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
            "file_name": PurePath(self.name).name[-500:], "media_type": self.media_type, "size": len(self.data),
            "data": self.data})
        return kept


def read(data: bytes, name: str) -> Original:
    """The file's text; narrative.InputError (sources.SourceError) when it cannot be read or is over a limit."""
    got = sources.extract(data, name, limits())
    return Original(data=data, name=name, text=got.text, kind=got.kind, media_type=got.media_type, notes=got.notes)


@dataclass
class Text:
    """A document's extracted text, offered to the loader as narrative.TextFile offers a file's."""

    text: str

    @property
    def chars(self) -> int:
        return len(self.text)

    def chunks(self) -> Iterator[str]:
        yield self.text


class OriginalFile:
    """A plain text file on disk as it came: kept (keep()) by copying its bytes to its SourceFile a chunk at a
    time, never holding them whole."""

    kind = "text"
    media_type = sources.MEDIA_TYPES["text"]
    notes: list[str] = []

    def __init__(self, source: narrative.TextFile) -> None:
        self.source = source
        self.name = source.name

    @property
    def sha256(self) -> str:
        return self.source.sha256

    def keep(self) -> SourceFile:
        """The SourceFile holding these bytes, created on first import (call inside the import's transaction)."""
        found = SourceFile.objects.defer("data").filter(sha256=self.sha256).first()
        if found is not None:
            return found
        fields = {"sha256": self.sha256, "file_name": PurePath(self.name).name[-500:], "media_type": self.media_type,
                  "size": self.source.decoding.size}
        if connection.vendor == "sqlite":
            return _keep_sqlite(fields, self.source.raw_chunks())
        if connection.vendor == "postgresql":
            return _keep_postgresql(fields, self.source.raw_chunks())
        return SourceFile.objects.create(**fields, data=b"".join(self.source.raw_chunks()))


def _keep_sqlite(fields: dict, chunks: Iterator[bytes]) -> SourceFile:
    """The row with room for the bytes (zeroblob), then the bytes written into it through SQLite's blob I/O."""
    kept = SourceFile.objects.create(**fields, data=b"")
    table = SourceFile._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{table}" SET "data" = zeroblob(%s) WHERE "id" = %s', [fields["size"], kept.pk])
    with connection.connection.blobopen(table, "data", kept.pk) as blob:
        for chunk in chunks:
            blob.write(chunk)
    return kept


def _keep_postgresql(fields: dict, chunks: Iterator[bytes]) -> SourceFile:
    """The row sent with COPY, its bytea as hexadecimal a chunk at a time (psycopg's copy.write)."""
    table = SourceFile._meta.db_table

    def text(value: str) -> str:  # COPY's text format
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

    with connection.cursor() as cursor:
        with cursor.cursor.copy(f'COPY "{table}" ("sha256", "file_name", "media_type", "size", "data", "created") '
                                f"FROM STDIN") as copy:
            copy.write(f"{text(fields['sha256'])}\t{text(fields['file_name'])}\t{text(fields['media_type'])}\t"
                       f"{fields['size']}\t\\\\x")
            for chunk in chunks:
                copy.write(chunk.hex())
            copy.write(f"\t{timezone.now().isoformat()}\n")
    return SourceFile.objects.defer("data").get(sha256=fields["sha256"])


def open_file(path: Path, max_bytes: int | None) -> Original | OriginalFile:
    """A file to import: a plain text file to be read a chunk at a time (OriginalFile, its text source a
    narrative.TextFile), or a document read whole into text (Original, its source a Text); InputError when it
    cannot be read, is not what its name says, or is over a limit."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise narrative.InputError(f"cannot read: {exc.strerror or exc}", name=str(path)) from None
    if sources.kind_of(path.name, head) == "text":
        return OriginalFile(narrative.TextFile(path, max_bytes=max_bytes))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise narrative.InputError(f"cannot read: {exc.strerror or exc}", name=str(path)) from None
    original = read(data, str(path))
    original.source = Text(original.text)
    return original
