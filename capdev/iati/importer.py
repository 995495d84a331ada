"""Import IATI 2.0x activity files: streamed, safe, one transaction per file, idempotent by iati-identifier.

Each iati-activity becomes a Project (matched by iati-identifier; Capdev's own activities coming back also by
their code) with its organisations and roles, countries and regions, sectors and SDGs, budgets, results and
indicators, document links, a transactions summary (TransactionSummary), the activity's XML verbatim
(SourceRecord, format "iati") and a ReviewFlag for each finding about it (capdev.iati.flags).

What is refused, skipped and flagged (docs/iati.md):
- a file is refused whole, and the database left unchanged, only when it cannot be read safely: damaged or
  truncated XML (wherever the damage is, even after many good activities: a file cut short cannot be told
  from a whole one), a DOCTYPE or entity, a root other than iati-activities, a version other than 2.0x;
- an activity is skipped, and reported with file, line, identifier and reason, only when it cannot be
  imported on its own: invalid against the 2.03 schema, no identifier (or one too long), or an identifier
  the file gave already (the first is imported);
- everything else is imported; codelist and ruleset problems, corrected codes and values the model cannot
  hold are findings, counted in the summary and flagged on the project.

Activities are read (capdev.iati.reader, possibly in a second process: read_ahead) and written in batches of
BATCH with bulk queries (capdev.iati.writer). Re-importing an unchanged activity writes nothing; a changed one
replaces what the last import wrote.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capdev.core import statistics
from capdev.core.bulk import METHODS, RowWriter

from . import read_ahead, relations
from .findings import ERROR, Finding
from .reader import SKIP_REASONS, ActivityData, Reader, Skipped
from .safexml import UnsafeXML
from .validate import schema_missing_message
from .writer import BatchWriter

BATCH = 200

__all__ = ["BATCH", "ActivityData", "BatchWriter", "IatiImporter", "ImportResult", "Reader", "Skipped"]


class _Rollback(Exception):
    """Raised inside the file's transaction to undo it (dry run)."""


@dataclass
class ImportResult:
    """What importing one file did (or would have done, on a dry run, or did not do, when refused)."""

    file: str
    activities: int = 0  # read, skipped ones included
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    flags: int = 0  # ReviewFlags written (one per distinct finding of an activity written)
    # Every finding (skips included); none when the importer reports them as they come (on_finding), so that
    # memory does not grow with a large file's findings. The counts are kept either way.
    findings: list[Finding] = field(default_factory=list)
    by_rule: Counter = field(default_factory=Counter)  # findings about imported activities, by rule
    skip_reasons: Counter = field(default_factory=Counter)  # skipped activities, by reason (reader.SKIP_REASONS)
    refusal: Finding | None = None  # why the whole file was refused
    notes: list[str] = field(default_factory=list)  # about the file as a whole (the schema was absent...)
    dry_run: bool = False

    @property
    def refused(self) -> bool:
        """True when the file was not imported at all (the database is unchanged)."""
        return self.refusal is not None

    @property
    def errors(self) -> list[Finding]:
        """The finding that refused the file, if it was refused."""
        return [self.refusal] if self.refusal else []

    @property
    def finding_count(self) -> int:
        """How many findings the imported activities gave."""
        return sum(self.by_rule.values())

    def summary(self) -> str:
        """One line: the file, what was read, imported, updated, unchanged and skipped (why), the findings by rule."""
        if self.refused:
            line = _("%(file)s: refused whole, nothing imported: %(why)s") % {"file": self.file,
                                                                             "why": self.refusal.message}
            if self.refusal.line:
                line += _(" (line %(line)d). Not even the activities before that line are imported: a file damaged or "
                          "cut short cannot be told from a whole one; import it again once it is whole") % {
                    "line": self.refusal.line}
            return line
        line = _("%(file)s: %(n)d activities read, %(c)d imported, %(u)d updated, %(s)d unchanged, %(k)d skipped") % {
            "file": self.file, "n": self.activities, "c": self.created, "u": self.updated, "s": self.unchanged,
            "k": self.skipped}
        if self.skip_reasons:
            line += " (" + ", ".join(f"{n} {_(SKIP_REASONS.get(reason, reason))}"
                                     for reason, n in self.skip_reasons.most_common()) + ")"
        if self.by_rule:
            line += _("; findings by rule: ") + ", ".join(f"{rule} {n}" for rule, n in
                                                         sorted(self.by_rule.items(), key=lambda i: (-i[1], i[0])))
        else:
            line += _("; no findings")
        for note in self.notes:
            line += f"; {note}"
        return line + (_(" (dry run: nothing written)") if self.dry_run else "")


class IatiImporter:
    """Imports IATI activity files into the registry (see the module docstring)."""

    def __init__(self, *, publish: bool = False, dry_run: bool = False, batch: int = BATCH, method: str = "copy",
                 on_finding=None, read_ahead: bool = False, progress=None):
        if method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}")
        self.publish = publish
        self.dry_run = dry_run
        self.batch = batch
        # "copy": rows and history rows through RowWriter's fast path; "orm": bulk_create_with_history, the
        # reference the fast path is tested against.
        self.method = method
        # Called with each finding as it comes; then the result keeps their counts only (see ImportResult).
        self.on_finding = on_finding
        # Read large files in a second process while this one writes (capdev.iati.read_ahead): the command
        # line asks for it; elsewhere (tests, a web request) everything stays in the calling process.
        self.read_ahead = read_ahead
        # progress(file name, size in bytes) -> a tqdm-like bar (update, n, close), moved as the file is read.
        self.progress = progress

    def import_file(self, path: str | Path) -> ImportResult:
        """Import one file in one transaction; the result says what happened (refused files change nothing)."""
        name = str(path)
        result = ImportResult(file=name, dry_run=self.dry_run)
        reader = Reader(name, self.on_finding)
        if reader.schema is None:
            result.notes.append(schema_missing_message())
        try:
            file_sha, size = _file_sha(path)
        except OSError as exc:
            result.refusal = Finding(ERROR, _("cannot read the file: %(e)s") % {"e": exc.strerror}, None, "",
                                     "file", name)
            return result
        self.now = timezone.now()
        self.seen: dict[str, int] = {}  # identifier: line, of the activities imported from this file
        # Read once per file rather than once per batch (the file's own writes keep them up to date).
        self.slugs: set[str] | None = None
        self.goals: set[int] | None = None
        self.country_order: dict[str, tuple[int, str]] | None = None
        self.related: list[tuple[int, str, str]] = []  # (project, identifier it names, kind), from BatchWriter
        bar = self.progress(name, size) if self.progress else None
        try:
            with transaction.atomic():
                self._read_and_write(path, reader, result, name, file_sha, bar)
                if self.dry_run:
                    raise _Rollback
        except UnsafeXML as exc:
            result.refusal = Finding(ERROR, exc.message, exc.line, exc.activity, "xml", name)
        except _Rollback:
            pass
        finally:
            if bar is not None:
                bar.close()
        result.findings, result.by_rule, result.skip_reasons = reader.findings, reader.by_rule, reader.skip_reasons
        if result.refused:
            result.created = result.updated = result.unchanged = result.skipped = result.flags = 0
        elif not self.dry_run:
            statistics.refresh_after_import(result.created + result.updated)
        return result

    def _read_and_write(self, path, reader: Reader, result: ImportResult, name: str, file_sha: str, bar) -> None:
        pending: list[ActivityData] = []
        ahead = self.read_ahead and read_ahead.available(path)
        for data in (read_ahead.in_a_second_process if ahead else read_ahead.in_this_process)(path, reader):
            result.activities += 1
            if bar is not None and data.position > bar.n:
                bar.update(data.position - bar.n)
            if isinstance(data, Skipped):
                result.skipped += 1
                continue
            if data.identifier in self.seen:
                reader.skip("duplicate", _("the first, at line %(line)d, is imported") %
                            {"line": self.seen[data.identifier]}, data.line, data.identifier, data.index)
                result.skipped += 1
                continue
            self.seen[data.identifier] = data.line
            pending.append(data)
            if len(pending) >= self.batch:
                self._flush(pending, reader, result, name, file_sha)
                pending = []
        self._flush(pending, reader, result, name, file_sha)
        relations.link(self.related)

    def _flush(self, batch: list[ActivityData], reader: Reader, result: ImportResult, name: str, file_sha: str):
        if batch:
            BatchWriter(self, batch, reader, result, name, file_sha, RowWriter(method=self.method)).write()


def _file_sha(path) -> tuple[str, int]:
    """The file's SHA-256 and its size in bytes."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size
