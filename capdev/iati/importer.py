"""Import IATI 2.0x activity files: streamed, safe, one transaction per file, idempotent by iati-identifier.

Each iati-activity becomes a Project (matched by iati-identifier; Capdev's own activities coming back also by
their code) with its organisations and roles, countries and regions, sectors and SDGs, budgets, results and
indicators, document links, a transactions summary (TransactionSummary) and the activity's XML verbatim
(SourceRecord, format "iati"). Activities are read with lxml.iterparse and written in batches of BATCH with
bulk queries (a fixed number per batch, none per element): rows and the change-history rows simple-history
would write for them go through capdev.core.bulk.RowWriter (COPY on PostgreSQL, executemany on SQLite), and
new projects' search documents are built from the rows written. Any error (an unknown codelist value, a damaged
file, a refused DTD...) rolls the whole file back, so a failed import leaves the database unchanged.
Re-importing an unchanged activity writes nothing; a changed one replaces what the last import wrote.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from lxml import etree
from simple_history.utils import bulk_update_with_history

from capdev.activities.models import Resource
from capdev.core import statistics
from capdev.core.bulk import METHODS, RowWriter
from capdev.organisations.models import Organisation, OrganisationAlias
from capdev.organisations.models import alias_key as _alias_key
from capdev.projects.models import (Budget, Indicator, IndicatorValue, Outcome, Project, ProjectCountry,
                                    ProjectPartner, ProjectRegion, ProjectSdgGoal, ProjectSdgTarget, ProjectSector,
                                    ProjectSearchDocument, ReviewState, SourceRecord, derive_status)
from capdev.projects import index_version
from capdev.projects.search import reindex_projects
from capdev.reference.models import Country, Currency, Region, SdgGoal, SdgTarget

from . import codelists, conf, mapping, read_ahead
from .codecheck import check_activity
from .documents import NewDocuments
from .findings import ERROR, WARNING, Finding
from .models import IatiActivity, TransactionSummary
from .safexml import UnsafeXML

BATCH = 200
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_INDICATOR_VALUE = Decimal("1e14")
MAX_AMOUNT = Decimal("1e16")
CENTS = Decimal("0.01")
# The same organisation names come back in activity after activity: fold each once (bounded, so memory stays flat).
alias_key = lru_cache(maxsize=8192)(_alias_key)


class _Rollback(Exception):
    """Raised inside the file's transaction to undo it (dry run or errors)."""


@dataclass
class ImportResult:
    """What importing one file did (or would have done, on a dry run, or did not do, when refused)."""

    file: str
    activities: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Every finding; only the errors when the importer reports findings as they come (on_finding), so that
    # memory does not grow with the warnings of a large file.
    findings: list[Finding] = field(default_factory=list)
    warnings: int = 0
    dry_run: bool = False

    @property
    def errors(self) -> list[Finding]:
        """The findings that refused the file."""
        return [f for f in self.findings if f.is_error]

    @property
    def refused(self) -> bool:
        """True when the file was not imported (the database is unchanged)."""
        return bool(self.errors)

    def summary(self) -> str:
        """One line: the file and its counts."""
        if self.refused:
            return _("%(file)s: refused, nothing imported (%(n)d errors)") % {"file": self.file, "n": len(self.errors)}
        line = _("%(file)s: %(n)d activities, %(c)d created, %(u)d updated, %(s)d unchanged") % {
            "file": self.file, "n": self.activities, "c": self.created, "u": self.updated, "s": self.unchanged}
        return line + (_(" (dry run: nothing written)") if self.dry_run else "")


# ------------------------------------------------------------------------------------------- reading
def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().replace(",", ""))
    except (InvalidOperation, AttributeError):
        return None
    return value if value.is_finite() else None


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _datetime(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    m = re.match(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$", text.strip())
    if not m:
        d = _date(text)
        return dt.datetime.combine(d, dt.time.min, dt.timezone.utc) if d else None
    base = dt.datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}")
    tz = m.group(4)
    if tz in (None, "Z"):
        return base.replace(tzinfo=dt.timezone.utc)
    return base.replace(tzinfo=dt.datetime.strptime(tz.replace(":", ""), "%z").tzinfo)


def _first(children: dict[str, list], tag: str) -> etree._Element | None:
    found = children.get(tag)
    return found[0] if found else None


def _child_date(el: etree._Element, tag: str) -> dt.date | None:
    child = el.find(tag)
    return _date(child.get("iso-date")) if child is not None else None


@dataclass
class ActivityData:
    """One activity read from the file into plain values (the element itself is cleared right after)."""

    identifier: str
    line: int
    index: int
    xml: str
    sha: str
    language: str = ""
    default_currency: str = ""
    last_updated: dt.datetime | None = None
    reporting: dict = field(default_factory=dict)
    title: str = ""
    descriptions: dict = field(default_factory=lambda: defaultdict(list))
    partners: list = field(default_factory=list)
    code: str = ""
    status: str = ""
    dates: dict = field(default_factory=dict)
    countries: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    sectors: list = field(default_factory=list)
    goals: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    budgets: list = field(default_factory=list)
    transactions: dict = field(default_factory=dict)
    documents: list = field(default_factory=list)
    results: list = field(default_factory=list)


class Reader:
    """Turns iati-activity elements into ActivityData, collecting findings with their line numbers."""

    def __init__(self, file: str, on_finding=None):
        self.file = file
        self.findings: list[Finding] = []
        self.on_finding = on_finding
        self.warnings = 0
        # Whether any finding is an error, kept as they come: scanning the findings for each batch grew with the file.
        self.failed = False
        self.own_ref = conf.reporting_org()["ref"]
        self.want_lang = conf.language()

    def note(self, severity: str, message: str, line: int | None, activity: str, rule: str = "import") -> None:
        """Record a finding about the file (report it at once, when asked to)."""
        self.record(Finding(severity, message, line, activity, rule, self.file))

    def record(self, finding: Finding) -> None:
        """Record a finding made (here, or by the process reading the file) and report it when asked to."""
        if self.on_finding is not None:
            self.on_finding(finding)
        if finding.is_error or self.on_finding is None:
            self.findings.append(finding)
        self.warnings += not finding.is_error
        self.failed = self.failed or finding.is_error

    def text(self, el: etree._Element | None, lang: str) -> str:
        """The narrative of an element in Capdev's language where there is one, else the first."""
        if el is None:
            return ""
        narratives = el.findall("narrative")
        if not narratives:
            return " ".join((el.text or "").split())
        if len(narratives) == 1:
            return (narratives[0].text or "").strip()  # the usual case: the only one is chosen whatever its language
        parent_lang = el.get(XML_LANG) or lang
        chosen = next((n for n in narratives if (n.get(XML_LANG) or parent_lang or "").lower() == self.want_lang),
                      narratives[0])
        return (chosen.text or "").strip()

    def read(self, el: etree._Element, index: int) -> ActivityData | None:
        """The activity's values; None (with an error) when it has no identifier."""
        ident = (el.findtext("iati-identifier") or "").strip()
        line = el.sourceline or 0
        if not ident:
            self.note(ERROR, _("the activity has no iati-identifier"), line, f"#{index + 1}")
            return None
        for f in check_activity(el, ident):
            self.note(f.severity, f.message, f.line, f.activity, f.rule)
        xml = etree.tostring(el, encoding="unicode", with_tail=False)
        a = ActivityData(identifier=ident, line=line, index=index, xml=xml,
                         sha=hashlib.sha256(xml.encode("utf-8")).hexdigest())
        # The activity's children by tag, in document order, in one pass (each findall walked them all again).
        children: dict[str, list] = defaultdict(list)
        for child in el:
            children[child.tag].append(child)
        lang = (el.get(XML_LANG) or "").lower()
        a.language = lang
        a.default_currency = (el.get("default-currency") or "").strip()
        a.last_updated = _datetime(el.get("last-updated-datetime"))
        rep = _first(children, "reporting-org")
        if rep is not None:
            a.reporting = {"ref": (rep.get("ref") or "").strip(), "type": rep.get("type") or "",
                           "name": self.text(rep, lang)}
        a.title = self.text(_first(children, "title"), lang)
        for d in children.get("description", ()):
            text = self.text(d, lang)
            if text:
                a.descriptions[d.get("type") or "1"].append(text)
        for p in children.get("participating-org", ()):
            role = p.get("role", "")
            name, ref = self.text(p, lang), (p.get("ref") or "").strip()
            if role in mapping.IATI_TO_ROLE and (name or ref):
                a.partners.append((role, ref, p.get("type") or "", name))
        for other in children.get("other-identifier", ()):
            if other.get("type") == "A1" and a.reporting.get("ref") == self.own_ref and self.own_ref:
                a.code = (other.get("ref") or "").strip()[:40]
        status = _first(children, "activity-status")
        a.status = status.get("code", "") if status is not None else ""
        for d in children.get("activity-date", ()):
            when = _date(d.get("iso-date"))
            if when is None:
                self.note(WARNING, _("activity-date %(v)r is not a date; ignored") % {"v": d.get("iso-date")},
                          d.sourceline, ident)
            elif d.get("type") not in a.dates:
                a.dates[d.get("type")] = when
        for c in children.get("recipient-country", ()):
            a.countries.append((c.get("code", "").strip().upper(), self.percentage(c, ident), c.sourceline))
        for r in children.get("recipient-region", ()):
            a.regions.append((r.get("vocabulary") or "1", r.get("code", "").strip(), self.percentage(r, ident),
                              self.text(r, lang), r.sourceline))
        for s in children.get("sector", ()):
            vocab, code = (s.get("vocabulary") or "1").strip(), (s.get("code") or "").strip()
            a.sectors.append((vocab, code, self.text(s, lang), self.percentage(s, ident), s.sourceline))
            if vocab == "7":
                a.goals.append(code)
            elif vocab == "8":
                a.targets.append(code)
        for t in children.get("tag", ()):
            if t.get("vocabulary") == "2":
                a.goals.append((t.get("code") or "").strip())
            elif t.get("vocabulary") == "3":
                a.targets.append((t.get("code") or "").strip())
        for b in children.get("budget", ()):
            self.budget(a, b, ident)
        for t in children.get("transaction", ()):
            self.transaction(a, t)
        for d in children.get("document-link", ()):
            url = (d.get("url") or "").strip()
            if not url:
                continue
            category = d.find("category")
            language = d.find("language")
            a.documents.append({
                "url": url[:1000], "title": self.text(d.find("title"), lang)[:500] or url[:500],
                "category": category.get("code", "") if category is not None else "",
                "language": (language.get("code", "") if language is not None else "")[:8],
                "date": _child_date(d, "document-date"),
            })
        for r in children.get("result", ()):
            self.result(a, r, lang, ident)
        return a

    def percentage(self, el, ident: str) -> Decimal | None:
        raw = el.get("percentage")
        if raw is None or raw.strip() == "":
            return None
        value = _decimal(raw)
        if value is None or value < 0 or value > 100:
            self.note(WARNING, _("percentage %(v)r is not between 0 and 100; stored as unset") % {"v": raw},
                      el.sourceline, ident)
            return None
        return value.quantize(Decimal("0.01"))

    def budget(self, a: ActivityData, b, ident: str) -> None:
        start, end = _child_date(b, "period-start"), _child_date(b, "period-end")
        value = b.find("value")
        amount = _decimal(value.text) if value is not None else None
        if start is None or end is None or amount is None or amount < 0 or amount >= MAX_AMOUNT or end < start:
            self.note(WARNING, _("budget without a valid period and value; ignored"), b.sourceline, ident)
            return
        currency = (value.get("currency") or a.default_currency or conf.default_currency()).strip().upper()
        a.budgets.append((start, end, amount, currency, b.get("type") or "1", b.get("status") or "1"))

    def transaction(self, a: ActivityData, t) -> None:
        ttype = t.find("transaction-type")
        value = t.find("value")
        if ttype is None or value is None:
            return
        amount = _decimal(value.text)
        if amount is None:
            return
        currency = (value.get("currency") or a.default_currency or conf.default_currency()).strip().upper()
        when = _child_date(t, "transaction-date")
        key = (ttype.get("code", ""), currency)
        total, count, first, last = a.transactions.get(key, (Decimal(0), 0, None, None))
        first = when if first is None or (when and when < first) else first
        last = when if last is None or (when and when > last) else last
        a.transactions[key] = (total + amount, count + 1, first, last)

    def result(self, a: ActivityData, r, lang: str, ident: str) -> None:
        title = self.text(r.find("title"), lang) or _("Result")
        indicators = []
        for ind in r.findall("indicator"):
            baseline = ind.find("baseline")
            periods = []
            for p in ind.findall("period"):
                start, end = _child_date(p, "period-start"), _child_date(p, "period-end")
                if start is None or end is None or end < start:
                    self.note(WARNING, _("indicator period without valid dates; ignored"), p.sourceline, ident)
                    continue
                periods.append((start, end, self.first_value(p, "target"), self.first_value(p, "actual"),
                                self.text(p.find("actual/comment"), lang)))
            year = baseline.get("year") if baseline is not None else None
            indicators.append({
                "title": self.text(ind.find("title"), lang)[:500] or title[:500],
                "measure": ind.get("measure", ""),
                "ascending": ind.get("ascending", "1") not in ("0", "false"),
                "baseline_value": self.small(baseline.get("value")) if baseline is not None else None,
                "baseline_year": int(year) if year and year.isdigit() and 0 < int(year) < 32767 else None,
                "periods": periods,
            })
        # Capdev's own stand-in indicator for a result without one (see export._result) creates no Indicator.
        if (len(indicators) == 1 and indicators[0]["measure"] == "5" and not indicators[0]["periods"]
                and indicators[0]["baseline_value"] is None and indicators[0]["title"] == title[:500]):
            indicators = []
        a.results.append((title, indicators))

    def first_value(self, period, tag: str) -> Decimal | None:
        for el in period.findall(tag):
            value = self.small(el.get("value"))
            if value is not None:
                return value
        return None

    @staticmethod
    def small(text: str | None) -> Decimal | None:
        value = _decimal(text)
        if value is None or abs(value) >= MAX_INDICATOR_VALUE:
            return None
        return value.quantize(Decimal("0.0001"))


# ------------------------------------------------------------------------------------------- writing
class IatiImporter:
    """Imports IATI activity files into the registry (see the module docstring)."""

    def __init__(self, *, publish: bool = False, dry_run: bool = False, batch: int = BATCH, method: str = "copy",
                 on_finding=None, read_ahead: bool = False):
        if method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}")
        self.publish = publish
        self.dry_run = dry_run
        self.batch = batch
        # "copy": rows and history rows through RowWriter's fast path; "orm": bulk_create_with_history, the
        # reference the fast path is tested against.
        self.method = method
        # Called with each finding as it comes; then only errors are kept on the result (see ImportResult).
        self.on_finding = on_finding
        # Read large files in a second process while this one writes (capdev.iati.read_ahead): the command
        # line asks for it; elsewhere (tests, a web request) everything stays in the calling process.
        self.read_ahead = read_ahead

    def import_file(self, path: str | Path) -> ImportResult:
        """Import one file in one transaction; the result says what happened (refused files change nothing)."""
        name = str(path)
        result = ImportResult(file=name, dry_run=self.dry_run)
        reader = Reader(name, self.on_finding)
        try:
            file_sha = _file_sha(path)
        except OSError as exc:
            reader.note(ERROR, _("cannot read the file: %(e)s") % {"e": exc.strerror}, None, "", "import")
            result.findings = reader.findings
            return result
        self.now = timezone.now()
        self.seen: set[str] = set()
        # Read once per file rather than once per batch (the file's own writes keep them up to date).
        self.slugs: set[str] | None = None
        self.goals: set[int] | None = None
        self.country_order: dict[str, tuple[int, str]] | None = None
        try:
            with transaction.atomic():
                pending: list[ActivityData] = []
                ahead = self.read_ahead and read_ahead.available(path)
                for data in (read_ahead.in_a_second_process if ahead else read_ahead.in_this_process)(path, reader):
                    result.activities += 1
                    if data is None:
                        continue
                    if data.identifier in self.seen:
                        reader.note(ERROR, _("iati-identifier %(id)s appears twice in the file") %
                                    {"id": data.identifier}, data.line, data.identifier)
                        continue
                    self.seen.add(data.identifier)
                    pending.append(data)
                    if len(pending) >= self.batch:
                        self._flush(pending, reader, result, name, file_sha)
                        pending = []
                self._flush(pending, reader, result, name, file_sha)
                result.findings, result.warnings = reader.findings, reader.warnings
                if result.errors or self.dry_run:
                    raise _Rollback
        except UnsafeXML as exc:
            reader.note(ERROR, exc.message, exc.line, exc.activity, "xml")
            result.findings, result.warnings = reader.findings, reader.warnings
        except _Rollback:
            pass
        if result.refused:
            result.created = result.updated = result.unchanged = 0
        elif not self.dry_run:
            statistics.refresh_after_import(result.created + result.updated)
        return result

    def _flush(self, batch: list[ActivityData], reader: Reader, result: ImportResult, name: str, file_sha: str):
        if not batch or reader.failed:
            return  # after an error nothing more is written: the file will be rolled back
        BatchWriter(self, batch, reader, result, name, file_sha, RowWriter(method=self.method)).write()


def is_reporting(a: ActivityData, ref: str, name: str) -> bool:
    """True when a participating-org is the activity's reporting organisation (by identifier, else by name)."""
    rep = a.reporting
    if ref and rep.get("ref"):
        return ref == rep["ref"]
    return bool(name) and alias_key(name) == alias_key(rep.get("name", "") or "-")


def _file_sha(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class BatchWriter:
    """Writes one batch of activities with a fixed number of queries."""

    def __init__(self, importer: IatiImporter, batch: list[ActivityData], reader: Reader, result: ImportResult,
                 file_name: str, file_sha: str, writer: RowWriter):
        self.importer, self.batch, self.reader, self.result = importer, batch, reader, result
        self.file_name, self.file_sha = file_name, file_sha
        self.now = importer.now
        self.writer = writer
        self.documents = NewDocuments()

    # -- matching
    def _match(self) -> dict[str, Project]:
        ids = [a.identifier for a in self.batch]
        # In the registry only: a published project's working copy carries its identifier and code too (and the
        # unique indexes that find them among a million projects are on the registry's rows alone).
        found = {p.iati_identifier: p for p in Project.objects.registry_with("iati_identifier", ids)}
        codes = {a.code: a for a in self.batch if a.code and a.identifier not in found}
        if codes:
            for p in Project.objects.registry_with("code", codes):
                a = codes[p.code]
                if p.iati_identifier and p.iati_identifier != a.identifier:
                    self.reader.note(WARNING, _("code %(code)s belongs to project %(pk)s; not set") %
                                     {"code": p.code, "pk": p.pk}, a.line, a.identifier)
                    a.code = ""
                else:
                    found[a.identifier] = p  # Capdev's own project coming back: it gains its identifier
        return found

    def write(self) -> None:
        matched = self._match()
        latest = {}
        if matched:
            for pid, sha, version in (SourceRecord.objects.filter(project__in=list(matched.values()), format="iati")
                                      .order_by("imported_at", "pk").values_list("project_id", "text_sha256",
                                                                                 "importer_version")):
                latest[pid] = (sha, version)
        todo, updates = [], []
        for a in self.batch:
            project = matched.get(a.identifier)
            if project is not None and latest.get(project.pk) == (a.sha, conf.IMPORTER_VERSION):
                self.result.unchanged += 1
                continue
            todo.append(a)
            if project is not None:
                updates.append(project)
        if not todo:
            return
        refs = References(self.reader, todo, self.writer, self.importer)
        projects = self._write_projects(todo, matched, refs)
        if updates:
            self._clear(updates)
        self._write_children(todo, projects, refs)
        # Rows were bulk-written (no save signals): bring the full-text index up to date for this batch. New
        # projects' documents come from the rows just written ("orm", the reference, reads them back).
        if self.writer.method == "orm":
            reindex_projects(projects.values())
            return
        self.writer.write(ProjectSearchDocument, self.documents.rows())
        reindex_projects(p.pk for p in updates)
        # reindex_projects marked the updated projects changed; the new ones were written without signals, so
        # mark them too, or the processes' in-memory indexes (facets, the list) would never read them.
        index_version.bump(projects=projects.values())

    # -- projects
    def _values(self, a: ActivityData, refs) -> dict:
        start = a.dates.get("2") or a.dates.get("1")
        end = a.dates.get("4") or a.dates.get("3")
        if start and end and end < start:
            planned = (a.dates.get("1"), a.dates.get("3"))
            if planned[0] and planned[1] and planned[0] <= planned[1]:
                start, end = planned
            else:
                self.reader.note(WARNING, _("the end date is before the start date; the end is not stored"),
                                 a.line, a.identifier)
                end = None
        derived = derive_status(start, end)
        wanted = mapping.IATI_TO_STATUS.get(a.status)
        descriptions = a.descriptions
        summaries = descriptions.get("1", [])
        if summaries == [a.title] and len(descriptions) == 1:
            summaries = []  # the export's stand-in for a project without a description (export.build_activity)
        beneficiaries = descriptions.get("3", [])
        other = [t for k, v in descriptions.items() if k not in {"1", "2", "3"} for t in v]
        return {
            "title": (a.title or a.identifier)[:500],
            "summary": "\n\n".join(summaries),
            "objective": "\n\n".join(descriptions.get("2", [])),
            "beneficiaries_direct": beneficiaries[0] if beneficiaries else "",
            "beneficiaries_indirect": "\n\n".join(beneficiaries[1:]),
            "background": "\n\n".join(other),
            "start_date": start, "start_precision": "day", "end_date": end, "end_precision": "day",
            "status_override": wanted if wanted and wanted != derived else "",
        }

    def _write_projects(self, todo: list[ActivityData], matched: dict[str, Project], refs) -> dict[str, int]:
        """Create or update the batch's projects; returns {iati-identifier: project key}."""
        fields = ["title", "summary", "objective", "beneficiaries_direct", "beneficiaries_indirect", "background",
                  "start_date", "start_precision", "end_date", "end_precision", "status_override", "iati_identifier"]
        new, changed, out = [], [], {}
        publish = self.importer.publish
        codes_taken = set(Project.objects.registry_with("code", (a.code for a in todo if a.code))
                          .values_list("code", flat=True))
        for a in todo:
            values = self._values(a, refs)
            project = matched.get(a.identifier)
            if project is None:
                code = a.code if a.code and a.code not in codes_taken else None
                if code:
                    codes_taken.add(code)
                new.append((a.identifier, {
                    "iati_identifier": a.identifier, "code": code, **values,
                    "review_state": ReviewState.PUBLISHED if publish else ReviewState.IN_REVIEW,
                    "published_at": self.now if publish else None}))
                self.result.created += 1
                continue
            else:
                for k, v in values.items():
                    setattr(project, k, v)
                project.iati_identifier = a.identifier
                if self.importer.publish and project.review_state != ReviewState.PUBLISHED:
                    project.review_state, project.published_at = ReviewState.PUBLISHED, self.now
                project.last_updated = self.now
                changed.append(project)
                self.result.updated += 1
            out[a.identifier] = project.pk
        if new:
            self.writer.insert_with_history(Project, [row for _ident, row in new])
            for ident, row in new:
                out[ident] = row["id"]
                self.documents.project(row["id"], row)
        if changed:
            bulk_update_with_history(changed, Project, fields + ["review_state", "published_at", "last_updated"],
                                     batch_size=500)
        return out

    def _clear(self, projects: list[Project]) -> None:
        """Remove what an earlier import wrote for projects about to be written again."""
        for model in (ProjectCountry, ProjectRegion, ProjectSector, ProjectSdgGoal, ProjectSdgTarget, ProjectPartner,
                      Budget, Outcome, Resource, TransactionSummary, IatiActivity):
            model.objects.filter(project__in=projects).delete()

    # -- children
    def _write_children(self, todo: list[ActivityData], projects: dict[str, int], refs: References) -> None:
        """Every row below the batch's projects, with its history, one statement per table (two with history)."""
        rows = defaultdict(list)
        outcome_plan = []
        # After the projects were written: a project not edited since shows last_updated <= imported_at.
        written_at = timezone.now()
        file_name, version = self.file_name[:500], conf.IMPORTER_VERSION
        for a in todo:
            p = projects[a.identifier]
            rows[IatiActivity].append({
                "project_id": p, "reporting_org_ref": a.reporting.get("ref", "")[:200],
                "reporting_org_name": a.reporting.get("name", "")[:500],
                "reporting_org_type": a.reporting.get("type", "")[:3], "activity_status": a.status[:2],
                "default_currency": a.default_currency[:3], "language": a.language[:8],
                "last_updated_datetime": a.last_updated, "file_name": file_name, "imported_at": written_at})
            rows[SourceRecord].append({
                "project_id": p, "file_name": file_name, "file_sha256": self.file_sha, "index": a.index,
                "offset": 0, "format": "iati", "text": a.xml, "text_sha256": a.sha, "importer_version": version,
                "parsed": {"iati_identifier": a.identifier, "line": a.line}, "imported_at": self.now})
            seen = set()
            for iso2, pct, _line in a.countries:
                country = refs.countries.get(iso2)
                if country and country not in seen:
                    seen.add(country)
                    rows[ProjectCountry].append({"project_id": p, "country_id": country, "percentage": pct})
                    self.documents.country(p, *refs.country_order[country])
            seen = set()
            for vocab, code, pct, _name, _line in a.regions:
                region = refs.region_for(vocab, code, a)
                if region and region not in seen:
                    seen.add(region)
                    rows[ProjectRegion].append({"project_id": p, "region_id": region, "percentage": pct})
            seen = set()
            for vocab, code, name, pct, _line in a.sectors:
                if not code or len(code) > 20 or len(vocab) > 3 or (vocab, code) in seen:
                    continue
                seen.add((vocab, code))
                rows[ProjectSector].append({"project_id": p, "vocabulary": vocab, "code": code, "name": name[:300],
                                            "percentage": pct})
            targets = list(dict.fromkeys(t for t in (refs.target(c) for c in a.targets) if t))
            # A target implies its goal: many publishers tag targets only, and without the goal link the project
            # would be missing from the goal's counts, its page and the ?sdg= filter.
            goals = [g for g in (refs.goal(c) for c in a.goals) if g] + [refs.goal_of_target(t) for t in targets]
            for goal in dict.fromkeys(goals):
                rows[ProjectSdgGoal].append({"project_id": p, "goal_id": goal})
            for target in targets:
                rows[ProjectSdgTarget].append({"project_id": p, "target_id": target})
            seen = set()
            for position, (role, ref, _type, name) in enumerate(a.partners):
                if role == "2" and is_reporting(a, ref, name):
                    continue  # the reporting organisation as accountable is implied (see export)
                org = refs.organisation(ref, name)
                key = (org.pk, mapping.IATI_TO_ROLE[role])
                if key in seen:
                    continue
                seen.add(key)
                rows[ProjectPartner].append({"project_id": p, "organisation_id": org.pk, "role": key[1],
                                             "position": position, "name_as_written": name[:300]})
                self.documents.partner(p, org.name, org.acronym, name[:300])
            for position, (start, end, amount, currency, type_, status) in enumerate(a.budgets):
                cur = refs.currency(currency)
                if cur is None:
                    continue
                # year: the calendar year the period lies in (the project page shows it beside the kind).
                rows[Budget].append({
                    "project_id": p, "position": position,
                    "kind": Budget.Kind.YEARLY if mapping.is_one_year(start, end) else Budget.Kind.OTHER,
                    "amount": amount.quantize(CENTS), "currency_id": cur,
                    "year": start.year if start.year == end.year else None,
                    "period_start": start, "period_end": end, "label": mapping.budget_label(type_, status)})
            for (ttype, currency), (total, count, first, last) in a.transactions.items():
                rows[TransactionSummary].append({
                    "project_id": p, "transaction_type": ttype[:3],
                    "transaction_type_name": codelists.label("TransactionType", ttype)[:100],
                    "currency": currency[:3], "total": total.quantize(CENTS), "count": count,
                    "first_date": first, "last_date": last})
            for position, d in enumerate(a.documents):
                rows[Resource].append({
                    "project_id": p, "position": position, "type": mapping.CATEGORY_TO_RESOURCE.get(d["category"], "other"),
                    "title": d["title"], "url": d["url"], "date": d["date"], "language": d["language"]})
            for position, (title, indicators) in enumerate(a.results):
                outcome_plan.append(({"project_id": p, "position": position, "number": position + 1, "text": title},
                                     indicators))
                self.documents.outcome(p, title)
        for model in (IatiActivity, SourceRecord, ProjectCountry, ProjectRegion, ProjectSector, ProjectSdgGoal,
                      ProjectSdgTarget, ProjectPartner, Budget, TransactionSummary, Resource):
            self.writer.insert_with_history(model, rows.pop(model, []))
        self._write_results(outcome_plan)

    def _write_results(self, plan) -> None:
        """Outcomes, then their indicators, then the indicators' values (each needs its parent's key)."""
        if not plan:
            return
        self.writer.insert_with_history(Outcome, [o for o, _ in plan])
        indicator_plan = []
        for outcome, indicators in plan:
            for position, ind in enumerate(indicators):
                indicator_plan.append(({
                    "outcome_id": outcome["id"], "position": position, "title": ind["title"],
                    "unit": "%" if ind["measure"] == "2" else "", "ascending": ind["ascending"],
                    "baseline_value": ind["baseline_value"], "baseline_year": ind["baseline_year"]}, ind["periods"]))
        if not indicator_plan:
            return
        self.writer.insert_with_history(Indicator, [i for i, _ in indicator_plan])
        self.writer.insert_with_history(IndicatorValue, [
            {"indicator_id": i["id"], "period_start": s, "period_end": e, "target": t, "actual": act, "comment": c}
            for i, periods in indicator_plan for s, e, t, act, c in periods])


class References:
    """Countries, regions, currencies, SDGs and organisations of a batch, resolved with a few bulk queries."""

    def __init__(self, reader: Reader, batch: list[ActivityData], writer: RowWriter, importer: IatiImporter):
        self.reader, self.writer, self.importer = reader, writer, importer
        iso2 = {c for a in batch for c, _p, _l in a.countries}
        self.countries = dict(Country.objects.filter(iso2__in=iso2).values_list("iso2", "iso3"))
        for a in batch:
            for code, _p, line in a.countries:
                if code not in self.countries and codelists.is_known("Country", code):
                    reader.note(WARNING, _("country %(c)s is not in Capdev's reference data; not linked") % {"c": code},
                                line, a.identifier)
        currencies = {b[3] for a in batch for b in a.budgets}
        self.currencies = set(Currency.objects.filter(code__in=currencies).values_list("code", flat=True))
        if importer.country_order is None:
            # Where each country sorts by name in the database (its collation), as documents list them.
            importer.country_order = {iso3: (rank, name) for rank, (iso3, name) in
                                      enumerate(Country.objects.order_by("name").values_list("iso3", "name"))}
        self.country_order = importer.country_order
        if importer.goals is None:
            importer.goals = set(SdgGoal.objects.values_list("number", flat=True))
        self.goals = importer.goals
        target_codes = {t for a in batch for t in a.targets}
        self.targets = dict(SdgTarget.objects.filter(code__in=target_codes).values_list("code", "goal_id"))
        self._regions(batch)
        self._organisations(batch)

    def currency(self, code: str) -> str | None:
        """The Currency key, created from the IATI codelist when the reference data lacks it."""
        if code in self.currencies:
            return code
        if not codelists.is_known("Currency", code):
            return None
        Currency.objects.create(code=code, name=codelists.label("Currency", code)[:100])
        self.currencies.add(code)
        return code

    def goal(self, code: str) -> int | None:
        """The SDG goal number of a code ("16", "16.0" is not one)."""
        return int(code) if code.isdigit() and int(code) in self.goals else None

    def target(self, code: str) -> str | None:
        """The SDG target code if Capdev knows it."""
        return code if code in self.targets else None

    def goal_of_target(self, code: str) -> int:
        """The SDG goal number of a target Capdev knows (one target() returned)."""
        return self.targets[code]

    # -- regions
    def _regions(self, batch) -> None:
        wanted_m49, wanted_codes = set(), set()
        for a in batch:
            for vocab, code, _p, _n, _l in a.regions:
                if vocab == "2":
                    wanted_m49.add(code)
                elif vocab == "1":
                    wanted_codes.add(mapping.DAC_REGION_PREFIX + code)
                else:
                    wanted_codes.add(code)
                    wanted_codes.add(self._other_code(vocab, code, a))
        self.by_m49 = {m: pk for pk, m in Region.objects.filter(m49__in=wanted_m49 - {""}).values_list("pk", "m49")}
        self.by_code = dict(Region.objects.filter(code__in=wanted_codes).values_list("code", "pk"))
        self._new_regions: dict[str, Region] = {}
        for a in batch:
            for vocab, code, _p, _n, _l in a.regions:
                self.region_for(vocab, code, a)
        if self._new_regions:
            taken = set(Region.objects.filter(name__in=[r.name for r in self._new_regions.values()])
                        .values_list("name", flat=True))
            for region in self._new_regions.values():
                if region.name in taken:
                    region.name = f"{region.name[:100]} [{region.code}]"[:120]
                taken.add(region.name)
            self.writer.create_with_history(Region, list(self._new_regions.values()))
            index_version.bump()  # bulk rows send no signals: the indexes' labels lack the new regions
            for key, region in self._new_regions.items():
                self.by_code[key] = region.pk

    @staticmethod
    def _other_code(vocab: str, code: str, a: ActivityData) -> str:
        base = f"{mapping.OTHER_REGION_PREFIX}{vocab}-{slugify(a.reporting.get('ref', ''))}-{slugify(code)}"
        if len(base) > 40:
            base = base[:31] + "-" + hashlib.sha1(base.encode()).hexdigest()[:8]
        return base

    def region_for(self, vocab: str, code: str, a: ActivityData) -> int | None:
        """The Region a recipient-region stands for, created (as a grouping) when Capdev has no such region."""
        if vocab == "2" and code in self.by_m49:
            return self.by_m49[code]
        if vocab == "1":
            key, name = mapping.DAC_REGION_PREFIX + code, codelists.label("Region", code)
        elif vocab == "99" and a.reporting.get("ref") == self.reader.own_ref and code in self.by_code:
            return self.by_code[code]
        else:
            key = self._other_code(vocab, code, a)
            name = next((n for v, c, _p, n, _l in a.regions if v == vocab and c == code and n), "") or \
                f"{code} ({a.reporting.get('ref') or vocab})"
        if key in self.by_code:
            return self.by_code[key]
        if key not in self._new_regions:
            if vocab in {"1", "2"} and not codelists.is_known("Region", code) and vocab == "1":
                return None
            self._new_regions[key] = Region(code=key, name=name[:120], kind=Region.Kind.GROUPING,
                                            m49=code if vocab == "2" and len(code) <= 3 else "")
        return self._new_regions[key].pk

    # -- organisations
    def _organisations(self, batch) -> None:
        """Find every participating organisation of the batch, and create the missing ones in bulk."""
        refs, names = set(), {}
        for a in batch:
            a.partners = [p for p in a.partners if not (p[0] == "2" and is_reporting(a, p[1], p[3]))]
            for _role, ref, _type, name in a.partners:
                if ref:
                    refs.add(ref)
                if name:
                    names.setdefault(alias_key(name), name)
        self.by_ref: dict[str, Organisation] = {}
        for org in Organisation.objects.filter(iati_ref__in=refs).order_by("pk"):
            self.by_ref.setdefault(org.iati_ref, org)
        self.by_key: dict[str, Organisation] = {}
        for alias in OrganisationAlias.objects.filter(key__in=list(names)).select_related("organisation"):
            self.by_key[alias.key] = alias.organisation
        for org in Organisation.objects.filter(name__in=list(names.values())).order_by("pk"):
            self.by_key.setdefault(alias_key(org.name), org)
        new, aliases, enriched = [], [], {}
        for a in batch:
            for _role, ref, type_, name in a.partners:
                key = alias_key(name) if name else ""
                org = self.by_ref.get(ref) if ref else None
                if org is None and key:
                    org = self.by_key.get(key)
                    if org is not None and ref and not org.iati_ref and org.pk:
                        org.iati_ref = ref[:100]  # a known organisation learns its IATI identifier
                        enriched[org.pk] = org
                if org is None:
                    if self.importer.slugs is None:
                        self.importer.slugs = set(Organisation.objects.values_list("slug", flat=True))
                    slugs = self.importer.slugs
                    base = (slugify(name or ref) or "organisation")[:110]
                    slug, n = base, 1
                    while slug in slugs:
                        n += 1
                        slug = f"{base}-{n}"
                    slugs.add(slug)
                    org = Organisation(name=(name or ref)[:300], slug=slug, iati_ref=ref[:100],
                                       type=mapping.org_type_from_iati(type_, ref))
                    new.append(org)
                    if key:
                        aliases.append((org, (name or ref)[:300], key[:300]))
                if ref:
                    self.by_ref.setdefault(ref, org)
                if key:
                    self.by_key.setdefault(key, org)
        if new:
            self.writer.create_with_history(Organisation, new)
            self.writer.insert_with_history(OrganisationAlias, [
                {"organisation_id": org.pk, "alias": alias, "key": key} for org, alias, key in aliases])
        if enriched:
            bulk_update_with_history(list(enriched.values()), Organisation, ["iati_ref"], batch_size=500)
        if new:
            index_version.bump()  # bulk rows send no signals: the indexes' labels lack the new organisations

    def organisation(self, ref: str, name: str) -> Organisation:
        """The Organisation of a participating-org (resolved or created for the batch in _organisations)."""
        org = self.by_ref.get(ref) if ref else None
        if org is None and name:
            org = self.by_key.get(alias_key(name))
        return org
