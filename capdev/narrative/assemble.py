"""Turn one segmented record (blocks) into a Record: values parsed, spans kept, review flags raised."""
from __future__ import annotations

import re

from .continuation import unwrap
from .funding_steps import FundingSteps
from .label_parts import named_parts
from .labels import LabelTable, default_table
from .lists import split_items
from .record_steps import RecordSteps
from .segment import Block, RawRecord, value_is_empty
from .step_tools import _excerpt, _guard, _nl, _one_line, _values, unbracketed
from .title_settle import settle_title
from .title_steps import TitleSteps
from .types import Outcome, Record

_BY_YEAR = re.compile(r"\b(?:by|in|before|until|through)\s+(?:the\s+end\s+of\s+)?((?:19|20)\d{2})\b", re.IGNORECASE)
_AS_OF = re.compile(r"^\s*as\s+(?:for|of|at)\s+", re.IGNORECASE)
_ACTIVITIES_LEAD = re.compile(r"(?:^|(?<=[\r\n]))[^\r\n]*\bactivit(?:y|ies)\b[^\r\n]*:[ \t]*(?=[\r\n]|$)",
                              re.IGNORECASE)
_INDIRECT = re.compile(r"\bindirect(?:ly)?\s+beneficiar", re.IGNORECASE)
# "2. Innovation dans ...": a list's number; "## Title", "**Title**": Markdown decoration.
_TITLE_NUMBER = re.compile(r"^(?:#{1,6}\s*|\*\*|__|[\u25aa\u25a0\u25cf\u2022\u25ba\u27a2]\s*)?(?:(?:\d{1,2}|"
                           r"[IVX]{1,4})[.)]\s+(?=\S))?"
                           r"|(?:\*\*|__|\s#+)$")
_PIECE_END = re.compile(r"(?:[ \t]*[;|\u00b7\u2022]|[ \t]+[-\u2013\u2014])+[ \t]*$")
_RANGE_WORDS = re.compile(r"\d\s*[-\u2013\u2014]\s*\d|\d\s*[-\u2013\u2014]\s*[^\W\d_]|\b(?:to|until|au|al|a|hasta)\b",
                          re.IGNORECASE)
# A value written in sentences, mostly in small words (not a list of names that happens to end with a stop).
_DESCRIBED = re.compile(r"[.!?](?:\s|$)")
_TITLE_PERIOD = re.compile(r"\s*\(((?:19|20)\d{2}\s*[-\u2013\u2014/]\s*(?:19|20)\d{2})\)\s*$")
_AREA_SPLIT = re.compile(r"\s*(?:[;\r\n\u2022]|,(?![^()]*\)))\s*")
_AREA_SPLIT_BARE = re.compile(r"\s*(?:[;\r\n\u2022]|,)\s*")  # for a text whose bracketed commas are set aside
_KEPT_COMMA = "\ue000"  # a private-use character: stands for a comma that does not split


class _Assembler(FundingSteps, RecordSteps, TitleSteps):
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
        self.prose_countries: list[str] = []  # countries a sentence says the project serves (values.prose_facts)
        self.beneficiary_texts: list[str] = []
        self.event_sources: list[tuple[str, int]] = []  # (text, offset) passed to extract_events
        self.narrative_runs: list[list[Block]] = []
        self.empty_fields: list[str] = []
        self.filled_fields: set[str] = set()
        self.title_labelled = False
        self.title_line: Block | None = None  # the line a title was taken from, when no label gave it
        self.tables: list[Block] = []  # activity tables, read into events with the narrative

    # --- helpers ---------------------------------------------------------------------------------------------------
    def value(self, block: Block) -> tuple[str, int]:
        """The block's value as written (stripped) and its offset in the file."""
        raw = self.text[block.value_start : block.end]
        value = raw.strip()
        if block.kind == "label" and block.label is not None and block.label.sep == "pipe":
            value = value.rstrip(" \t|").strip()  # "| Objective | To strengthen ... |": the table's closing bar
        if block.kind == "label" and self.table.spec(block.field).shape == "short":
            # "Status: Completed; Region: ...", "Code : HAI/19/001 – Durée : ...": the break before the next label.
            value = _PIECE_END.sub("", value)
        return value, block.value_start + (len(raw) - len(raw.lstrip()))

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
        if self.raw.news:
            # A news item tells of its project in its paragraphs (its labels, if any, sum it up after them).
            told = [self.text[b.start : b.end] for b in self.raw.blocks if b.kind == "text" and b.field != "unparsed"]
            self.facts_from_prose(" ".join(" ".join(told).split()))
        elif any(b.kind == "prose" for b in self.raw.blocks):
            for run in self.narrative_runs:  # paragraphs that go on telling of the project: their cue words
                self.facts_from_prose(self.text[run[0].start : run[-1].end], reader="read_cues")
        else:  # a labelled record's sentences: what the project's own verbs say ("the project closed in March 2023")
            self.stated_facts()
        self.finish()
        return self.rec

    def handle(self, block: Block) -> None:
        rec = self.rec
        if block.kind == "header" and block.header:
            rec.code = rec.code or block.header.code
            if block.header.title:
                self.set_title(_one_line(block.header.title), labelled=True)
            return
        if block.kind in ("blank", "heading", "chrome") or block.field == "unparsed":
            return
        if block.kind == "table":
            self.tables.append(block)
            return
        if block.kind == "prose":
            self.from_prose(block)
            return
        if block.kind == "text":
            line = _one_line(self.text[block.start : block.end])
            if self.wrap_title(block, line):
                return
            if block.field == "title":
                if self.set_title(_TITLE_NUMBER.sub("", line), labelled=False):
                    self.title_line = block
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
        for field, part in self.aside_parts(block, value):
            getattr(self, f"on_{field}", self.on_other)(block, part, at)

    def aside_parts(self, block: Block, value: str) -> list[tuple[str, str]]:
        """"Title/basic act/CRIS number: X / ICD / BF-2021-04": as many values as the label has names, each to the
        field its name is a label of (a name that is none keeps its part out); otherwise the value whole."""
        return named_parts(block.field, block.label.aside if block.label is not None else "", value, self.table)

    # --- one handler per field ---------------------------------------------------------------------------------------
    def on_other(self, block: Block, value: str, at: int) -> None:
        """A field the table names but the assembler does not know: kept in its span, flagged."""
        self.rec.flag(block.field, "field not used by the parser")

    def on_contact(self, block: Block, value: str, at: int) -> None:
        """A contact person, email or telephone: personal data, kept in the source text (staff only), in no field."""
        self.rec.flag("contact", "contact details left in the source only (personal data)")

    def from_prose(self, block: Block) -> None:
        """A record told in a paragraph: its facts as the paragraph states them, each flagged for review."""
        value, at = self.value(block)
        self.summary_parts.append(_one_line(value))
        self.event_sources.append((value, at))
        self.facts_from_prose(value)

    def facts_from_prose(self, value: str, reader: str = "read_prose") -> None:
        """The facts a paragraph of prose states of its project, each flagged for review; a label's value wins."""
        rec, value = self.rec, _values("title_aliases").titled_as_project(value, self.rec.title)  # "La Escuela de"
        facts = _guard(rec, "summary", None, getattr(_values("prose"), reader), value)
        if facts is None:
            return
        read: list[str] = []
        if facts.code:
            rec.code = rec.code or facts.code
            read.append("code")
        if facts.title and self.set_title(facts.title, labelled=True):
            read.append("title")
        if (facts.start or facts.end) and not (rec.start or rec.end):
            rec.start, rec.end = facts.start, facts.end
            read.append("time_frame")
        if facts.budgets and not rec.budgets:
            rec.budgets.extend(b for b in facts.budgets if b not in rec.budgets)
            read.append("budgets")
        if facts.funding_source:
            rec.funding_source = rec.funding_source or facts.funding_source
            read.append("funding_source")
        if facts.lead_unit:
            rec.lead_unit = rec.lead_unit or facts.lead_unit
            read.append("lead_unit")
        for funder in facts.funders:
            self.add_partners(funder, "funding")
        for names in facts.partners + facts.implementers:  # "implemented by UNDP": UNDP implements, not cooperates
            self.add_partners(names, "implementing" if names in facts.implementers else "cooperating")
        if facts.funders or facts.partners or facts.implementers:
            read.append("partners")
        for name in facts.unsure:  # "with the support of the X Foundation": who pays or who helps, unsaid
            rec.flag("partners", f"funder or partner, the text does not say: {_excerpt(name)}")
        if facts.status and not rec.status:
            rec.status = facts.status
            read.append("status")
        self.prose_countries.extend(c for c in facts.countries if c not in self.prose_countries)
        for name in read:
            rec.flag(name, "read from prose")

    def set_title(self, title: str, labelled: bool) -> bool:
        """Take a title: the first one, except that a labelled title (or a code header's) wins over a title line,
        which is then the page's heading, kept unplaced."""
        rec = self.rec
        title = self.period_aside(title)
        if not title:
            return False
        if not rec.title:
            rec.title, self.title_labelled = title, labelled
            return True
        if labelled and not self.title_labelled:
            if self.title_line is not None:
                self.span_fields[id(self.title_line)] = "unparsed"
                self.title_line = None
            rec.title, self.title_labelled = title, True
            return True
        return False

    def period_aside(self, title: str) -> str:
        """"Open Justice Data Standards for Latin America (2021\u20132023)": the years in brackets at a title's end
        are the project's period, not its name; they date the record unless a label does."""
        m = _TITLE_PERIOD.search(title)
        if not m:
            return title
        rng = _guard(self.rec, "time_frame", None, _values("dates").parse_date_range, m.group(1))
        if rng is None or rng.start is None:
            return title
        if not (self.rec.start or self.rec.end) and not _values("title_periods").names_a_plan(title[: m.start()]):
            self.rec.start, self.rec.end = rng.start, rng.end
        return title[: m.start()].rstrip()

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
        self.event_sources.append((value, at))  # "Activities: In March 2021, a workshop was held in ...": events

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
        if role == "funding" and self.donor_is_mechanism(block, value, at):
            return
        if role == "funding":  # "Financé par X et mis en œuvre ... par Y": Y implements (values.funder_clauses)
            value = _values("funder_clauses").before_implementing(value)
        self.add_partners(value, role)
        words = value.split()
        if _DESCRIBED.search(value) and len(words) >= 12 and sum(w[:1].islower() for w in words) * 2 > len(words):
            # "The IGF cooperates with all stakeholders ...: governments; ... civil society, academia and the
            # Internet community.": partners told in sentences say more than a list of organisations can hold.
            self.background_parts.append(_one_line(value))
            self.rec.flag("partners", f"described in words, kept in the background: {_excerpt(value)}")

    def add_partners(self, value: str, role: str) -> None:
        value = unwrap(value)  # "ministère de" / "la Réforme administrative": one name wrapped over two lines
        self.partner_texts.append(value)
        if role == "funding" and value not in self.donor_texts:
            self.donor_texts.append(value)
        known = {(q.name, q.acronym) for q in self.rec.partners}
        kept, left = _guard(self.rec, "partners", ([], []), _values("partner_checks").checked_partners, value, role)
        for why in left:  # "associations nationales de communes": a kind of body; "Dr. Amina Diallo": a person
            self.rec.flag("partners", why)
        for p in kept:
            if (p.name, p.acronym) not in known:
                known.add((p.name, p.acronym))
                self.rec.partners.append(p)

    def on_lead_unit(self, block: Block, value: str, at: int) -> None:
        rec = self.rec
        read = _guard(rec, "lead_unit", None, _values("roles").read_lead, value)
        if read is not None and read.described:  # "Mise en œuvre : Le projet sera exécuté par ...": no unit
            self.background_parts.append(_one_line(value))
            rec.flag("lead_unit", f"described in words, kept in the background: {_excerpt(value)}")
            return
        if read is not None and (read.partners or read.implementers):
            value = read.lead  # "Ejecución: DAES / DPIDG, con la CEPAL": the lead, and a partner with it
            for partner in read.partners + read.implementers:  # "..., implemented by UNDP": UNDP implements
                self.add_partners(partner, "implementing" if partner in read.implementers else "cooperating")
        rec.lead_unit_text = _one_line(value)
        unit = _guard(rec, "lead_unit", None, _values("orgs").resolve_unit, value)
        if unit:
            rec.lead_unit = rec.lead_unit or unit
            return
        role = (block.label.modifiers.get("role") if block.label else None) or ""  # "Ejecución: PNUD": a partner
        if rec.lead_unit is None and not role and _values("orgs").unknown_code(rec.lead_unit_text):  # not "CLAD"
            rec.flag("lead_unit", "unknown unit")
            rec.lead_unit = rec.lead_unit_text  # a bare code as written is still the best reading; flagged above
            return
        # "Entidad ejecutora: Secretaría de la Función Pública (SFP) del Paraguay": no unit of ours, a partner.
        rec.flag("lead_unit", "not a known unit: read as an implementing partner")
        self.add_partners(value, role or "implementing")

    def on_currency(self, block: Block, value: str, at: int) -> None:
        self.rec.flag("currency", "a currency written apart from an amount: kept in its span")

    def on_tranche(self, block: Block, value: str, at: int) -> None:
        self.rec.tranche = _one_line(value)

    def on_budget(self, block: Block, value: str, at: int) -> None:
        kind = (block.label.modifiers.get("budget_kind") if block.label else None) or "total"
        told = getattr(_guard(self.rec, "partners", None, _values("prose").read_funders, value), "funders", [])
        for funder in filter(None, [block.label.modifiers.get("funder") if block.label else None, *told]):
            self.add_partners(funder, "funding")  # "Contribution de l'UE: 4 000 000 EUR", "USD 25 M, financiado por"
        found = _guard(self.rec, "budgets", [], _values("money").parse_budget, value, kind, block.label)
        if not found:
            self.rec.flag("budgets", "unparsed money")
        for money in found:
            if money not in self.rec.budgets:
                self.rec.budgets.append(money)

    def on_time_frame(self, block: Block, value: str, at: int) -> None:
        rec, periods, mods = self.rec, _values("period_values"), (block.label.modifiers if block.label else {})
        part = mods.get("date_part")
        read = _guard(rec, "time_frame", None, periods.read_one, value, mods.get("date_kind")) if part else None
        if not part or (not (read and read.start) and _RANGE_WORDS.search(value)):
            part = None  # "Start/End: 03/2020-02/2022", "Start date: 2020 to 2022": a whole period after all
            read = _guard(rec, "time_frame", None, periods.read_period, value)
        if read is None or (read.start is None and read.end is None):  # "36 mois": a length, no end
            if (cut := _values("date_sentences").first_sentence(value)) is not None:  # "May 2027. Funded by ..."
                return self.on_time_frame(block, cut, at) or rec.flag("time_frame", _values("date_sentences").REST)
            return rec.flag("time_frame", read.flags[0] if read and read.flags else _values("roles").period_flag(value))
        for reason in read.flags:
            rec.flag("time_frame", reason)
        rank = periods.RANKS.get(mods.get("date_kind"), 1)  # an actual end wins over a planned one, read before
        ranks = self.__dict__.setdefault("period_ranks", {})
        for name in (part,) if part else ("start", "end"):
            date = read.start if name == "start" else (read.end if part else (_guard(
                rec, "time_frame", None, _values("roles").extended_end, value) or read.end))
            if date is not None and (getattr(rec, name) is None or rank >= ranks.get(name, 0)):
                setattr(rec, name, date)
                ranks[name] = rank
        if rec.start and rec.end and rec.end.last_day() < rec.start.first_day():
            rec.flag("time_frame", "end before start")

    def on_status(self, block: Block, value: str, at: int) -> None:
        # Up to its sentence's end; words naming no known status are flagged (the loader then goes by the dates).
        self.rec.status = _values("status").status_value(self.rec, value)

    def on_thematic_areas(self, block: Block, value: str, at: int) -> None:
        rec = self.rec
        parse_sdgs = _values("sdgs").parse_sdgs
        for item in _split_areas(unbracketed(value)):
            item = item.strip(" \t.-\u2013\u2014*")  # "[open data, budgeting]": a YAML page's inline list
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
            _, regions = _guard(rec, "region", ([], []), _values("served").split_place_list, value)
            region = "; ".join(regions) if regions else None
        if not region:
            rec.flag("region", "unknown region")
            region = _one_line(value)
        rec.region = rec.region or region

    def on_countries(self, block: Block, value: str, at: int) -> None:
        self.country_texts.append(value)
        _, regions = _guard(self.rec, "countries", ([], []), _values("served").split_place_list, value)
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
        self.mark_recalled()
        rec.background = "\n".join(self.background_parts)
        self.prose_sdgs()
        self.choose_title()
        settle_title(self)  # proposed when no rule gave it; a name with its acronym over a weak one; no code
        self.meta_period()
        self.countries()
        self.venues()
        _values("suggestions").suggest_missing(self)  # last: what no rule placed, suggested and flagged (round 14)
        rec.partners_text = "\n".join(self.partner_texts)
        _values("person_names").withhold_people(rec)  # "... en alianza con María López y ...": personal data
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


def assemble(
    text: str, raw: RawRecord, index: int, source_file: str | None = None, table: LabelTable | None = None
) -> Record:
    """Build the Record for one segmented record of `text`."""
    return _Assembler(text, raw, index, source_file, table or default_table()).run()
