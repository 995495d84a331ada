"""Turn one segmented record (blocks) into a Record: values parsed, spans kept, review flags raised."""
from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Callable
from typing import Any, TypeVar

from .intervals import Intervals
from .labels import LabelTable, default_table
from .lists import split_items
from .segment import Block, RawRecord, value_is_empty
from .titles import propose_title
from .types import Event, Outcome, PartialDate, Record, ResourceRef, Span

log = logging.getLogger(__name__)
T = TypeVar("T")

_BY_YEAR = re.compile(r"\b(?:by|in|before|until|through)\s+(?:the\s+end\s+of\s+)?((?:19|20)\d{2})\b", re.IGNORECASE)
_AS_OF = re.compile(r"^\s*as\s+(?:for|of|at)\s+", re.IGNORECASE)
_ACTIVITIES_LEAD = re.compile(r"(?:^|(?<=[\r\n]))[^\r\n]*\bactivit(?:y|ies)\b[^\r\n]*:[ \t]*(?=[\r\n]|$)", re.IGNORECASE)
_INDIRECT = re.compile(r"\bindirect(?:ly)?\s+beneficiar", re.IGNORECASE)
_TRANCHE = re.compile(r"\btranche\s+(\d{1,3})\b", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,9}$")
_AREA_SPLIT = re.compile(r"\s*(?:[;\r\n\u2022]|,(?![^()]*\)))\s*")
_AREA_SPLIT_BARE = re.compile(r"\s*(?:[;\r\n\u2022]|,)\s*")  # for a text whose bracketed commas are set aside
_KEPT_COMMA = "\ue000"  # a private-use character: stands for a comma that does not split


def _values(name: str) -> Any:
    """A value-parser module (capdev.narrative.values.NAME), imported when first needed."""
    return importlib.import_module(f"{__package__}.values.{name}")


def _guard(record: Record, field: str, default: T, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a value parser; if it fails, flag the field and go on, so one odd value never costs the whole file."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - any parser bug must stay local to its field
        log.warning("value parser %s failed on %r: %r", getattr(fn, "__qualname__", fn), args[:1], exc)
        record.flag(field, f"could not be read ({type(exc).__name__})")
        return default


_LINE_BREAK = re.compile(r"\r\n?")


def _nl(text: str) -> str:
    """Line breaks as '\n' in a value (spans still index the text as written)."""
    return _LINE_BREAK.sub("\n", text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Assembler:
    def __init__(self, text: str, raw: RawRecord, index: int, source_file: str | None, table: LabelTable) -> None:
        self.text = text
        self.raw = raw
        self.table = table
        self.rec = Record(index=index, text=text[raw.start : raw.end], offset=raw.start, source_file=source_file)
        self.span_fields: dict[int, str] = {}  # id(block) -> span field, where it differs from block.field
        self.summary_parts: list[str] = []
        self.lead_ins: list[str] = []
        self.objective_parts: list[str] = []
        self.background_parts: list[str] = []
        self.partner_texts: list[str] = []
        self.donor_texts: list[str] = []  # a donor government is not a country the project serves
        self.country_texts: list[str] = []
        self.beneficiary_texts: list[str] = []
        self.event_sources: list[tuple[str, int]] = []  # (text, offset) passed to extract_events
        self.narrative_runs: list[list[Block]] = []
        self.empty_fields: list[str] = []
        self.filled_fields: set[str] = set()

    # --- helpers ---------------------------------------------------------------------------------------------------
    def value(self, block: Block) -> tuple[str, int]:
        """The block's value as written (stripped) and its offset in the file."""
        raw = self.text[block.value_start : block.end]
        return raw.strip(), block.value_start + (len(raw) - len(raw.lstrip()))

    # --- the walk --------------------------------------------------------------------------------------------------
    def run(self) -> Record:
        run: list[Block] = []
        for block in self.raw.blocks:
            if block.kind == "text" and block.field == "narrative":
                run.append(block)
                continue
            if run:
                self.narrative_runs.append(run)
                run = []
            self.handle(block)
        if run:
            self.narrative_runs.append(run)
        self.finish()
        return self.rec

    def handle(self, block: Block) -> None:
        rec = self.rec
        if block.kind == "header" and block.header:
            rec.code = rec.code or block.header.code
            if block.header.title and not rec.title:
                rec.title = _one_line(block.header.title)
            return
        if block.kind == "blank" or block.field == "unparsed":
            return
        if block.kind == "text":
            line = _one_line(self.text[block.start : block.end])
            if block.field == "title":
                rec.title = rec.title or line
            elif block.field == "summary":
                self.summary_parts.append(line)
                self.event_sources.append(self.value(block))
            return
        value, at = self.value(block)
        if value_is_empty(value):
            # Flagged at the end, unless another label of the field gives it ("Expected accomplishments" + "EA 1:").
            self.empty_fields.append(block.field)
            return
        self.filled_fields.add(block.field)
        getattr(self, f"on_{block.field}", self.on_other)(block, value, at)

    # --- one handler per field ---------------------------------------------------------------------------------------
    def on_other(self, block: Block, value: str, at: int) -> None:
        """A field the table names but the assembler does not know: kept in its span, flagged."""
        self.rec.flag(block.field, "field not used by the parser")

    def on_code(self, block: Block, value: str, at: int) -> None:
        self.rec.code = self.rec.code or _one_line(value)

    def on_title(self, block: Block, value: str, at: int) -> None:
        self.rec.title = self.rec.title or _one_line(value)

    def on_summary(self, block: Block, value: str, at: int) -> None:
        self.summary_parts.append(value)
        self.event_sources.append((value, at))

    def on_background(self, block: Block, value: str, at: int) -> None:
        self.background_parts.append(value)
        self.event_sources.append((value, at))

    def on_expected_accomplishments(self, block: Block, value: str, at: int) -> None:
        if block.label and block.label.number is not None:
            self.rec.expected_accomplishments.append(_one_line(value))
            return
        split = split_items(value)
        if split.lead_in:
            self.lead_ins.append(split.lead_in)
        self.rec.expected_accomplishments.extend(split.items)

    def on_planned_activities(self, block: Block, value: str, at: int) -> None:
        self.rec.planned_activities.extend(split_items(value).items)

    def on_objective(self, block: Block, value: str, at: int) -> None:
        # "The following activities are envisaged:" and a list, inside the objective: planned activities.
        for m in _ACTIVITIES_LEAD.finditer(value):
            rest = split_items(value[m.start() :])
            if rest.items:
                self.rec.planned_activities.extend(rest.items)
                value = value[: m.start()].strip()
                break
        if value:
            self.objective_parts.append(value)

    def on_key_accomplishments(self, block: Block, value: str, at: int) -> None:
        rec = self.rec
        if block.label and block.label.modifiers.get("to_date"):
            rec.accomplishments_to_date = True
        split = split_items(value)
        rec.key_accomplishments.extend(split.items)
        as_of_text = split.lead_in or (split.items[0] if split.items else "")
        if _AS_OF.match(as_of_text) and rec.accomplishments_as_of is None:
            rec.accomplishments_as_of = self.first_date(as_of_text)
        self.event_sources.append((value, at))

    def on_beneficiaries(self, block: Block, value: str, at: int) -> None:
        rec = self.rec
        self.beneficiary_texts.append(value)
        which = block.label.modifiers.get("beneficiaries") if block.label else None
        if which:
            setattr(rec, f"beneficiaries_{which}", _join(getattr(rec, f"beneficiaries_{which}"), value))
            return
        m = _INDIRECT.search(value)
        direct, indirect = (value[: m.start()], value[m.start() :]) if m else (value, "")
        rec.beneficiaries_direct = _join(rec.beneficiaries_direct, direct.strip())
        rec.beneficiaries_indirect = _join(rec.beneficiaries_indirect, indirect.strip())

    def on_partners(self, block: Block, value: str, at: int) -> None:
        role = (block.label.modifiers.get("role") if block.label else None) or "cooperating"
        self.partner_texts.append(value)
        if role == "funding":
            self.donor_texts.append(value)
        orgs = _values("orgs")
        known = {(q.name, q.acronym) for q in self.rec.partners}
        for p in _guard(self.rec, "partners", [], orgs.parse_partners, value, default_role=role):
            if (p.name, p.acronym) not in known:
                known.add((p.name, p.acronym))
                self.rec.partners.append(p)

    def on_lead_unit(self, block: Block, value: str, at: int) -> None:
        rec = self.rec
        rec.lead_unit_text = _one_line(value)
        unit = _guard(rec, "lead_unit", None, _values("orgs").resolve_unit, value)
        if unit:
            rec.lead_unit = rec.lead_unit or unit
            return
        rec.flag("lead_unit", "unknown unit")
        if rec.lead_unit is None and _ACRONYM.match(rec.lead_unit_text):
            rec.lead_unit = rec.lead_unit_text  # a bare code as written is still the best reading; flagged above

    def on_funding_source(self, block: Block, value: str, at: int) -> None:
        rec = self.rec
        rec.funding_source = rec.funding_source or _one_line(value)
        m = _TRANCHE.search(value)
        if m and not rec.tranche:
            rec.tranche = m.group(1)

    def on_tranche(self, block: Block, value: str, at: int) -> None:
        self.rec.tranche = _one_line(value)

    def on_budget(self, block: Block, value: str, at: int) -> None:
        kind = (block.label.modifiers.get("budget_kind") if block.label else None) or "total"
        found = _guard(self.rec, "budgets", [], _values("money").parse_money, value, kind=kind)
        if not found:
            self.rec.flag("budgets", "unparsed money")
        for money in found:
            if money not in self.rec.budgets:
                self.rec.budgets.append(money)

    def on_time_frame(self, block: Block, value: str, at: int) -> None:
        rec = self.rec
        dates = _values("dates")
        part = block.label.modifiers.get("date_part") if block.label else None
        if part:
            date = _guard(rec, "time_frame", None, dates.parse_date, value)
            if date is None:
                rec.flag("time_frame", "unparsed date")
            else:
                setattr(rec, part, date)
        else:
            rng = _guard(rec, "time_frame", None, dates.parse_date_range, value)
            if rng is None or (rng.start is None and rng.end is None):
                rec.flag("time_frame", "unparsed date")
                return
            rec.start = rng.start or rec.start
            rec.end = rng.end or rec.end
        if rec.start and rec.end and rec.end.last_day() < rec.start.first_day():
            rec.flag("time_frame", "end before start")

    def on_status(self, block: Block, value: str, at: int) -> None:
        # Passed through as written; the loader derives a status from the dates (it knows today's date).
        self.rec.status = _one_line(value)

    def on_thematic_areas(self, block: Block, value: str, at: int) -> None:
        rec = self.rec
        parse_sdgs = _values("sdgs").parse_sdgs
        for item in _split_areas(value):
            item = item.strip(" \t.-\u2013\u2014*")
            if not item:
                continue
            goals, targets = _guard(rec, "sdgs", ([], []), parse_sdgs, item)
            if goals or targets:
                self.add_sdgs(goals, targets)
            elif item not in rec.thematic_areas:
                rec.thematic_areas.append(_one_line(item))

    def on_sdgs(self, block: Block, value: str, at: int) -> None:
        goals, targets = _guard(self.rec, "sdgs", ([], []), _values("sdgs").parse_sdgs, value)
        if not goals and not targets:
            self.rec.flag("sdgs", "no SDG found")
        self.add_sdgs(goals, targets)

    def add_sdgs(self, goals: list[int], targets: list[str]) -> None:
        for g in goals:
            if g not in self.rec.sdgs:
                self.rec.sdgs.append(g)
        for t in targets:
            if t not in self.rec.sdg_targets:
                self.rec.sdg_targets.append(t)

    def on_region(self, block: Block, value: str, at: int) -> None:
        rec = self.rec
        places = _values("places")
        region = _guard(rec, "region", None, places.resolve_region, value)
        if not region:
            _, regions = _guard(rec, "region", ([], []), places.split_place_list, value)
            region = "; ".join(regions) if regions else None
        if not region:
            rec.flag("region", "unknown region")
            region = _one_line(value)
        rec.region = rec.region or region

    def on_countries(self, block: Block, value: str, at: int) -> None:
        self.country_texts.append(value)
        _, regions = _guard(self.rec, "countries", ([], []), _values("places").split_place_list, value)
        if regions and not self.rec.region:
            # "Focus Countries: Asia and the Pacific" names a region, not countries.
            self.rec.region = "; ".join(regions)

    def on_outcomes(self, block: Block, value: str, at: int) -> None:
        number = block.label.number if block.label else None
        texts = [_one_line(value)] if number is not None else split_items(value).items
        for i, text in enumerate(texts):
            m = _BY_YEAR.search(text)
            n = number if number is not None else i + 1
            self.rec.outcomes.append(Outcome(text, int(m.group(1)) if m else None, n))

    # --- record-wide steps ---------------------------------------------------------------------------------------------
    def first_date(self, text: str) -> PartialDate | None:
        dates = _values("dates")
        mentions = _guard(self.rec, "accomplishments_as_of", [], dates.find_dates, text)
        for m in mentions:
            rng = getattr(m, "range", None)
            if rng is not None and (rng.start or rng.end):
                return rng.start or rng.end
        return None

    def extract_narrative(self) -> None:
        """Events and resources from the narrative; lines telling none of them become the background."""
        ev = _values("events")
        events: list[Event] = []
        resources: list[ResourceRef] = []
        for text, at in self.event_sources:
            events.extend(_guard(self.rec, "activities", [], ev.extract_events, text, offset=at))
        for run in self.narrative_runs:
            start, end = run[0].start, run[-1].end
            run_text = self.text[start:end]
            run_events = _guard(self.rec, "activities", [], ev.extract_events, run_text, offset=start)
            run_resources = _guard(self.rec, "resources", [], ev.extract_resources, run_text)
            events.extend(run_events)
            resources.extend(run_resources)
            told = Intervals(e.span for e in run_events if e.span)
            for block in run:
                if not _tells_of(block, told, run_resources, self.text):
                    self.span_fields[id(block)] = "background"
                    self.background_parts.append(_one_line(self.text[block.start : block.end]))
        seen: set[tuple[Any, ...]] = set()
        for e in events:
            key = (e.type, e.start, e.end, e.country, e.city)
            if key not in seen:
                seen.add(key)
                self.rec.activities.append(e)
        for r in resources:
            if all((r.type, r.title) != (q.type, q.title) for q in self.rec.resources):
                self.rec.resources.append(r)

    def narrative_text(self) -> str:
        return "\n".join(self.text[run[0].start : run[-1].end].strip() for run in self.narrative_runs)

    def countries(self) -> None:
        rec = self.rec
        labelled = "\n".join(self.country_texts)
        fields = {
            "countries": labelled,
            "title": "" if rec.title_is_proposed else rec.title,
            "summary": rec.summary,
            "objective": rec.objective,
            "expected_accomplishments": "\n".join(rec.expected_accomplishments),
            "key_accomplishments": "\n".join(rec.key_accomplishments),
            "planned_activities": "\n".join(rec.planned_activities),
            "partners": "\n".join(t for t in self.partner_texts if t not in self.donor_texts),
            "beneficiaries": "\n".join(self.beneficiary_texts),
            "activities": "\n".join(filter(None, [self.narrative_text(), rec.background])),
        }
        rec.countries = list(_guard(rec, "countries", [], _values("places").served_countries, fields))
        if rec.countries and not labelled.strip():
            rec.flag("countries", "inferred from text")

    def spans(self) -> None:
        rec = self.rec
        spans: list[Span] = []
        for block in self.raw.blocks:
            name = self.span_fields.get(id(block)) or ("code" if block.kind == "header" else block.field)
            last = spans[-1] if spans else None
            if last and last.field == name and last.end == block.start and block.kind in ("text", "blank"):
                spans[-1] = Span(name, last.start, block.end)
            else:
                spans.append(Span(name, block.start, block.end))
        rec.spans = spans
        rec.unparsed = [
            self.text[s.start : s.end].strip() for s in spans if s.field == "unparsed" and self.text[s.start : s.end].strip()
        ]

    def finish(self) -> None:
        rec = self.rec
        for name in self.empty_fields:
            if name not in self.filled_fields:
                rec.flag(name, "label present but value empty")
        rec.objective = "\n".join(self.objective_parts)
        summary = list(self.summary_parts)
        if not summary and self.lead_ins:
            summary = self.lead_ins  # "Seven administrative areas have been targeted ...:" describes the project
        rec.summary = "\n".join(summary)
        self.extract_narrative()
        rec.background = "\n".join(self.background_parts)
        rec.partners_text = "\n".join(self.partner_texts)
        if not rec.title:
            rec.title = propose_title(rec.summary, rec.objective, rec.expected_accomplishments, rec.key_accomplishments)
            if rec.title:
                rec.title_is_proposed = True
                rec.flag("title", "proposed from text")
            else:
                rec.flag("title", "no title in text")
        self.countries()
        for name in ("objective", "summary", "background", "partners_text", "beneficiaries_direct",
                     "beneficiaries_indirect"):
            setattr(rec, name, _nl(getattr(rec, name)))
        self.spans()


def _split_areas(value: str) -> list[str]:
    """Thematic areas as _AREA_SPLIT splits them (a comma inside brackets does not split), in linear time.

    _AREA_SPLIT's look-ahead reads, at each comma, up to the next bracket: to the end of the text when there
    is none, so a long list cost the square of its length. Here the text is read once, backwards, to learn
    which commas the next bracket closes over; those are set aside while the rest is split."""
    if _KEPT_COMMA in value:
        return _AREA_SPLIT.split(value)
    chars = list(value)
    closes = False  # is the next bracket after this position a closing one?
    for i in range(len(chars) - 1, -1, -1):
        ch = chars[i]
        if ch in "()":
            closes = ch == ")"
        elif ch == "," and closes:
            chars[i] = _KEPT_COMMA
    return [item.replace(_KEPT_COMMA, ",") for item in _AREA_SPLIT_BARE.split("".join(chars))]


def _join(a: str, b: str) -> str:
    return f"{a}\n{b}" if a and b else a or b


def _tells_of(block: Block, told: Intervals, resources: list[ResourceRef], text: str) -> bool:
    """Does this narrative line belong to an event (told: the events' spans) or name a resource?"""
    if told.overlaps(block.start, block.end):
        return True
    line = text[block.start : block.end].lower()
    return any(r.title and r.title.lower()[:60] in line for r in resources)


def assemble(
    text: str, raw: RawRecord, index: int, source_file: str | None = None, table: LabelTable | None = None
) -> Record:
    """Build the Record for one segmented record of `text`."""
    return _Assembler(text, raw, index, source_file, table or default_table()).run()
