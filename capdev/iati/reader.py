"""Reading IATI activities into plain values, deciding which are skipped and what each is flagged for.

`Reader.read` takes one iati-activity element (from `safexml.iter_activities`) and gives either the values
Capdev keeps (`ActivityData`) or a `Skipped` with the reason. An activity is skipped only when it cannot be
imported on its own: it is invalid against the IATI 2.03 schema (checked one activity at a time, as the IATI
Datastore does), it has no iati-identifier, or one too long to store. Everything else is imported: codes in
the wrong case, with spaces, or SDG targets written `16-6` are corrected (`codecheck.review_activity`), unknown
codes are kept where the model can hold them, and every such problem, every finding of IATI's ruleset and
every value Capdev cannot store becomes a Finding on the activity (the importer writes them as ReviewFlags).
Reading needs no database: on Linux a second process may do it (read_ahead).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from lxml import etree

from capdev.texts.languages import from_iati, same_language

from . import conf, mapping
from .codecheck import review_activity
from .dates import parse_date, parse_datetime
from .findings import ERROR, WARNING, Finding
from .rulesets import Checker
from .validate import load_schema

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_INDICATOR_VALUE = Decimal("1e14")
MAX_AMOUNT = Decimal("1e16")
CENTS = Decimal("0.01")
MAX_TOTAL = Decimal("1e17")  # a transactions total (TransactionSummary.total holds 18 digits before the point)
MAX_IDENTIFIER = 200  # Project.iati_identifier
MAX_ROWS = 10_000  # of one kind per activity (budgets, documents, results...): their positions are small integers
# Rules of the findings the importer makes itself (the ruleset's carry IATI's ids, codelist ones "codelist",
# "normalised", "withdrawn").
NOT_STORED = "not-stored"  # a value Capdev's model cannot hold: kept only in the activity's XML (SourceRecord)
SKIPPED = "skipped"  # an activity not imported; its path says why (one of SKIP_REASONS)
SKIP_REASONS = {
    "schema": gettext_noop("invalid against the IATI 2.03 schema"),
    "identifier": gettext_noop("no iati-identifier"),
    "identifier-length": gettext_noop("iati-identifier longer than 200 characters"),
    "duplicate": gettext_noop("iati-identifier already in the file"),
}
SHOWN_XSD_ERRORS = 3  # the first few schema errors of a skipped activity are named; the rest counted


@dataclass
class Skipped:
    """An activity that was not imported (its reason is a Finding recorded with it)."""

    identifier: str
    line: int
    index: int
    position: int = 0  # bytes of the file read when it was reached (for a progress bar)

def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().replace(",", ""))
    except (InvalidOperation, AttributeError):
        return None
    return value if value.is_finite() else None



def _first(children: dict[str, list], tag: str) -> etree._Element | None:
    found = children.get(tag)
    return found[0] if found else None


def _child_date(el: etree._Element, tag: str) -> dt.date | None:
    child = el.find(tag)
    return parse_date(child.get("iso-date")) if child is not None else None


@dataclass
class ActivityData:
    """One activity read from the file into plain values (the element itself is cleared right after)."""

    identifier: str
    line: int
    index: int
    xml: str
    sha: str
    language: str = ""
    text_language: str = ""  # the language of the title read (Project.language), "" where the file does not say
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
    related: list = field(default_factory=list)  # (identifier, kind): relations resolved once the file is read
    results: list = field(default_factory=list)  # (title, indicators, the title's translations)
    # The texts' narratives in other UN languages (capdev.texts): {"title": {language: text}}, and per description
    # type a list of {language: text}, one per description element, beside `descriptions`.
    translations: dict = field(default_factory=dict)
    description_translations: dict = field(default_factory=lambda: defaultdict(list))
    text_translations: dict = field(default_factory=dict)  # {field: {language: text}}, as the writer stores them
    findings: list = field(default_factory=list)  # what becomes the project's ReviewFlags
    position: int = 0  # bytes of the file read when it was reached (for a progress bar)


class Reader:
    """Turns iati-activity elements into ActivityData or Skipped, collecting findings with their line numbers."""

    def __init__(self, file: str, on_finding=None):
        self.file = file
        # Every finding, unless they are reported as they come (on_finding): then only counted, so that memory
        # does not grow with a large file's findings.
        self.findings: list[Finding] = []
        self.on_finding = on_finding
        self.by_rule: Counter[str] = Counter()  # findings about imported activities, by rule
        self.skip_reasons: Counter[str] = Counter()  # skipped activities, by reason (SKIP_REASONS)
        self.own_ref = conf.reporting_org()["ref"]
        self.want_lang = conf.language()
        self.schema = load_schema()  # None when it is absent: then no activity is skipped for the schema
        self.checker = Checker()
        self.position = 0  # set by whoever reads the file: bytes read so far
        self._made: list[Finding] | None = None  # the findings about the activity being read

    def note(self, severity: str, message: str, line: int | None, activity: str, rule: str = NOT_STORED,
             value: str = "", path: str = "") -> Finding:
        """Record a finding (report it at once, when asked to); one about the activity being read is kept on it."""
        finding = Finding(severity, message, line, activity, rule, self.file, value=value[:500], path=path)
        self.record(finding)
        if self._made is not None:
            self._made.append(finding)
        return finding

    def flag(self, a: ActivityData, severity: str, message: str, line: int | None, rule: str = NOT_STORED,
             value: str = "", path: str = "") -> None:
        """A finding about an activity made while writing it: recorded, and kept on it to become a flag."""
        a.findings.append(self.note(severity, message, line, a.identifier, rule, value, path))

    def record(self, finding: Finding) -> None:
        """Record a finding made (here, or by the process reading the file) and report it when asked to."""
        if self.on_finding is not None:
            self.on_finding(finding)
        else:
            self.findings.append(finding)
        if finding.rule == SKIPPED:
            self.skip_reasons[finding.path] += 1
        else:
            self.by_rule[finding.rule] += 1

    def skip(self, reason: str, detail: str, line: int, identifier: str, index: int) -> Skipped:
        """An activity not imported, and the finding that says why (file, line, identifier, reason)."""
        message = _(SKIP_REASONS[reason]) + (f": {detail}" if detail else "")
        self.note(ERROR, message + _("; the activity was skipped"), line, identifier, SKIPPED, path=reason)
        return Skipped(identifier, line, index, self.position)

    def text(self, el: etree._Element | None, lang: str) -> str:
        """The narrative of an element in Capdev's language where there is one, else the first."""
        if el is None:
            return ""
        narratives = el.findall("narrative")
        if not narratives:
            return " ".join((el.text or "").split())
        if len(narratives) == 1:
            return (narratives[0].text or "").strip()  # the usual case: the only one is chosen whatever its language
        return (self.chosen(narratives, el, lang).text or "").strip()

    def chosen(self, narratives: list, el: etree._Element, lang: str):
        """Of several narratives, the original: the one in the activity's language where that is one of the six UN
        languages (Capdev's own export writes the original so, its translations beside it), else the one in
        Capdev's language where there is one, else the first."""
        parent_lang = (el.get(XML_LANG) or lang or "").lower()
        if from_iati(parent_lang):
            own = next((n for n in narratives if (n.get(XML_LANG) or parent_lang).lower() == parent_lang), None)
            if own is not None:
                return own
        return next((n for n in narratives if (n.get(XML_LANG) or parent_lang or "").lower() == self.want_lang),
                    narratives[0])

    def translations(self, el: etree._Element | None, lang: str) -> dict[str, str]:
        """{language: text} of el's narratives other than the original (chosen), in the six UN languages and not
        the original's; the first of each language. Narratives in other languages stay in the activity's XML kept
        as it came (SourceRecord) but are not translations Capdev shows."""
        if el is None:
            return {}
        narratives = el.findall("narrative")
        if len(narratives) < 2:
            return {}
        original = self.chosen(narratives, el, lang)
        parent_lang = (el.get(XML_LANG) or lang or "").lower()
        own = (original.get(XML_LANG) or parent_lang or self.want_lang).lower()
        found: dict[str, str] = {}
        for n in narratives:
            code = from_iati(n.get(XML_LANG) or parent_lang)
            text = (n.text or "").strip()
            if n is original or not code or not text or same_language(code, own) or code in found:
                continue
            found[code] = text
        return found

    def text_language(self, el: etree._Element | None, lang: str) -> str:
        """The language of the narrative `text` reads from el: its xml:lang, else the activity's default."""
        if el is None:
            return ""
        narratives = el.findall("narrative")
        chosen = self.chosen(narratives, el, lang) if narratives else el
        return (chosen.get(XML_LANG) or el.get(XML_LANG) or lang or "").strip().lower()[:8]

    def schema_errors(self, el: etree._Element) -> str:
        """Why the activity is invalid against the schema ("" when it is valid, or the schema is absent)."""
        if self.schema is None or self.schema.validate(el):
            return ""
        errors = list(self.schema.error_log)
        shown = "; ".join(f"line {e.line}: {e.message}" for e in errors[:SHOWN_XSD_ERRORS])
        more = len(errors) - SHOWN_XSD_ERRORS
        return shown + (_(" (and %(n)d more)") % {"n": more} if more > 0 else "")

    def read(self, el: etree._Element, index: int) -> ActivityData | Skipped:
        """The activity's values, or Skipped (with its reason recorded)."""
        ident = (el.findtext("iati-identifier") or "").strip()
        line = el.sourceline or 0
        named = ident[:MAX_IDENTIFIER] or f"#{index + 1}"
        invalid = self.schema_errors(el)
        if invalid:
            return self.skip("schema", invalid, line, named, index)
        if not ident:
            return self.skip("identifier", "", line, named, index)
        if len(ident) > MAX_IDENTIFIER:
            return self.skip("identifier-length", "", line, named + "...", index)
        # The XML as the publisher wrote it, before any code is corrected below.
        xml = etree.tostring(el, encoding="unicode", with_tail=False)
        a = ActivityData(identifier=ident, line=line, index=index, xml=xml,
                         sha=hashlib.sha256(xml.encode("utf-8")).hexdigest(), position=self.position)
        self._made = a.findings
        try:
            self._read(el, a)
        finally:
            self._made = None
        return a

    def _read(self, el: etree._Element, a: ActivityData) -> None:
        ident = a.identifier
        for f in review_activity(el, ident):
            self.note(f.severity, f.message, f.line, ident, f.rule, f.value, f.path)
        # IATI's ruleset, on the codes as corrected: its findings are about what Capdev keeps.
        for f in self.checker.check(el, ident):
            self.note(f.severity, f.message, f.line, ident, f.rule, f.value, f.path)
        # The activity's children by tag, in document order, in one pass (each findall walked them all again).
        children: dict[str, list] = defaultdict(list)
        for child in el:
            children[child.tag].append(child)
        lang = (el.get(XML_LANG) or "").lower()
        a.language = lang
        a.default_currency = (el.get("default-currency") or "").strip()
        a.last_updated = parse_datetime(el.get("last-updated-datetime"))
        if a.last_updated is None and el.get("last-updated-datetime"):
            self.note(WARNING, _("last-updated-datetime %(v)r cannot be read; not stored") %
                      {"v": el.get("last-updated-datetime")}, a.line, ident, value=el.get("last-updated-datetime"),
                      path="@last-updated-datetime")
        rep = _first(children, "reporting-org")
        if rep is not None:
            a.reporting = {"ref": (rep.get("ref") or "").strip(), "type": rep.get("type") or "",
                           "name": self.text(rep, lang)}
        a.title = self.text(_first(children, "title"), lang)
        a.text_language = self.text_language(_first(children, "title"), lang)
        a.translations["title"] = self.translations(_first(children, "title"), lang)
        for d in children.get("description", ()):
            text = self.text(d, lang)
            if text:
                a.descriptions[d.get("type") or "1"].append(text)
                a.description_translations[d.get("type") or "1"].append(self.translations(d, lang))
        for p in children.get("participating-org", ()):
            role = p.get("role", "")
            name, ref = self.text(p, lang), (p.get("ref") or "").strip()
            if role in mapping.IATI_TO_ROLE and (name or ref):
                a.partners.append((role, ref, p.get("type") or "", name))
            elif role in mapping.IATI_TO_ROLE:
                self.note(WARNING, _("participating-org without a name or an identifier; not stored"),
                          p.sourceline, ident, path="participating-org")
        for other in children.get("other-identifier", ()):
            if other.get("type") == "A1" and a.reporting.get("ref") == self.own_ref and self.own_ref:
                a.code = (other.get("ref") or "").strip()[:40]
        status = _first(children, "activity-status")
        a.status = status.get("code", "") if status is not None else ""
        for d in children.get("activity-date", ()):
            when = parse_date(d.get("iso-date"))
            if when is None:
                self.note(WARNING, _("activity-date %(v)r is not a date; ignored") % {"v": d.get("iso-date")},
                          d.sourceline, ident, value=d.get("iso-date") or "", path="activity-date/@iso-date")
            elif d.get("type") not in a.dates:
                a.dates[d.get("type")] = when
        for c in children.get("recipient-country", ()):
            a.countries.append((c.get("code", "").strip().upper(), self.percentage(c, ident), c.sourceline))
        for r in children.get("recipient-region", ()):
            a.regions.append((r.get("vocabulary") or "1", r.get("code", "").strip(), self.percentage(r, ident),
                              self.text(r, lang), r.sourceline))
        for s in children.get("sector", ()):
            vocab, code = (s.get("vocabulary") or "1").strip(), (s.get("code") or "").strip()
            if not code or len(code) > 20 or len(vocab) > 3:
                self.note(WARNING, _("sector %(v)r in vocabulary %(voc)r: no code, or longer than Capdev stores "
                                     "(20 characters; vocabulary 3); not stored") % {"v": code, "voc": vocab},
                          s.sourceline, ident, value=code, path="sector/@code")
                continue
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
                self.note(WARNING, _("document-link without a URL; not stored"), d.sourceline, ident,
                          path="document-link/@url")
                continue
            category = d.find("category")
            language = d.find("language")
            a.documents.append({
                "url": url[:1000], "title": self.text(d.find("title"), lang)[:500] or url[:500],
                "category": category.get("code", "") if category is not None else "",
                "language": (language.get("code", "") if language is not None else "")[:8],
                "date": _child_date(d, "document-date"),
            })
        for r in children.get("related-activity", ()):
            self.related(a, r, ident)
        for r in children.get("result", ()):
            self.result(a, r, lang, ident)
        for name in ("partners", "countries", "regions", "sectors", "budgets", "documents", "related", "results"):
            rows = getattr(a, name)
            if len(rows) > MAX_ROWS:
                self.note(WARNING, _("%(n)d %(what)s: only the first %(max)d are stored") %
                          {"n": len(rows), "what": name, "max": MAX_ROWS}, a.line, ident, path=name)
                del rows[MAX_ROWS:]

    def related(self, a: ActivityData, r, ident: str) -> None:
        """A related activity: its identifier, and the kind Capdev's own element states, else the one its type
        means (mapping.IATI_TO_RELATION)."""
        ref, type_ = (r.get("ref") or "").strip(), (r.get("type") or "").strip()
        stated = r.find(mapping.RELATION_KIND_TAG)
        kind = stated.get("kind") if stated is not None else None
        if kind not in mapping.RELATION_TO_IATI:
            kind = mapping.IATI_TO_RELATION.get(type_)
        if not ref or len(ref) > 200 or ref == ident or kind is None:
            self.note(WARNING, _("related-activity %(ref)r of type %(type)r: no identifier, or one Capdev cannot "
                                 "link to, or a type it does not know; not stored") % {"ref": ref[:200], "type": type_},
                      r.sourceline, ident, value=ref[:200], path="related-activity/@ref")
            return
        a.related.append((ref, str(kind)))

    def percentage(self, el, ident: str) -> Decimal | None:
        raw = el.get("percentage")
        if raw is None or raw.strip() == "":
            return None
        value = _decimal(raw)
        if value is None or value < 0 or value > 100:
            self.note(WARNING, _("percentage %(v)r is not between 0 and 100; stored as unset") % {"v": raw},
                      el.sourceline, ident, value=raw, path=f"{el.tag}/@percentage")
            return None
        return value.quantize(Decimal("0.01"))

    def budget(self, a: ActivityData, b, ident: str) -> None:
        start, end = _child_date(b, "period-start"), _child_date(b, "period-end")
        value = b.find("value")
        amount = _decimal(value.text) if value is not None else None
        if start is None or end is None or amount is None or amount < 0 or amount >= MAX_AMOUNT or end < start:
            self.note(WARNING, _("budget without a valid period and value; ignored"), b.sourceline, ident,
                      value=(value.text or "").strip() if value is not None else "", path="budget")
            return
        currency = (value.get("currency") or a.default_currency or conf.default_currency()).strip().upper()
        a.budgets.append((start, end, amount, currency, b.get("type") or "1", b.get("status") or "1"))

    def transaction(self, a: ActivityData, t) -> None:
        ttype = t.find("transaction-type")
        value = t.find("value")
        amount = _decimal(value.text) if value is not None else None
        currency = ((value.get("currency") if value is not None else "") or a.default_currency
                    or conf.default_currency()).strip().upper()
        key = ((ttype.get("code", "") if ttype is not None else "").strip(), currency)
        total, count, first, last = a.transactions.get(key, (Decimal(0), 0, None, None))
        if not key[0] or amount is None or abs(amount) >= MAX_AMOUNT or abs(total + amount) >= MAX_TOTAL \
                or len(key[0]) > 3 or len(currency) > 3:
            self.note(WARNING, _("transaction without a type or a readable value, or too large; not counted in "
                                 "the transactions summary"), t.sourceline, a.identifier,
                      value=(value.text or "").strip() if value is not None else "", path="transaction")
            return
        when = _child_date(t, "transaction-date")
        first = when if first is None or (when and when < first) else first
        last = when if last is None or (when and when > last) else last
        a.transactions[key] = (total + amount, count + 1, first, last)

    def result(self, a: ActivityData, r, lang: str, ident: str) -> None:
        title = self.text(r.find("title"), lang) or _("Result")
        indicators = []
        found = r.findall("indicator")
        if len(found) > MAX_ROWS:
            self.note(WARNING, _("%(n)d indicators: only the first %(max)d are stored") %
                      {"n": len(found), "max": MAX_ROWS}, r.sourceline, ident, path="result/indicator")
        for ind in found[:MAX_ROWS]:
            baseline = ind.find("baseline")
            periods = []
            for p in ind.findall("period"):
                start, end = _child_date(p, "period-start"), _child_date(p, "period-end")
                if start is None or end is None or end < start:
                    self.note(WARNING, _("indicator period without valid dates; ignored"), p.sourceline, ident,
                              path="result/indicator/period")
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
        a.results.append((title, indicators, self.translations(r.find("title"), lang)))

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

