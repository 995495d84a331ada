"""The record-wide steps of assembling a record, after every block has been read: events and resources from the
narrative (their screening, tables and history in event_steps.py), facts told in prose, countries served, spans,
and the flags on text that no rule placed."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .event_steps import EventSteps
from .intervals import Intervals
from .segment import Block
from .step_tools import _excerpt, _guard, _one_line, _values
from .title_glue import head_code
from .types import Event, PartialDate, Record, ResourceRef, Span

if TYPE_CHECKING:
    from .segment import RawRecord


class RecordSteps(EventSteps):
    """Steps over the whole record; mixed into the assembler, whose state (rec, raw, text, ...) they use."""

    text: str
    raw: RawRecord
    rec: Record
    span_fields: dict[int, str]
    event_sources: list[tuple[str, int]]
    reported: Event | None  # the event a report on one event names in its head (head_event)
    narrative_runs: list[list[Block]]
    background_parts: list[str]
    country_texts: list[str]
    partner_texts: list[str]
    donor_texts: list[str]
    beneficiary_texts: list[str]
    tables: list[Block]
    prose_countries: list[str]
    summary_parts: list[str]
    facts_from_prose: Callable[..., None]

    def first_date(self, text: str) -> PartialDate | None:
        dates = _values("dates")
        mentions = _guard(self.rec, "accomplishments_as_of", [], dates.find_dates, text)
        for m in mentions:
            rng = getattr(m, "range", None)
            if rng is not None and (rng.start or rng.end):
                return rng.start or rng.end
        return None

    def extract_narrative(self) -> None:
        """Events and resources from the narrative and the activity tables; lines telling none of them become the
        background, each stretch flagged: no rule placed it there."""
        self.told_ids()
        self.whole_paragraph()
        self.document_status()
        ev = _values("events")
        events: list[Event] = []
        resources: list[ResourceRef] = []
        for text, at in _values("event_continuation").join_adjacent(self.event_sources, self.text):
            events.extend(self.screened(_guard(self.rec, "activities", [], ev.extract_events, text, offset=at)))
        for block in self.tables:
            events.extend(self.table_events(block))
        for run in self.narrative_runs:
            start, end = run[0].start, run[-1].end
            run_text = self.text[start:end]
            run_events = self.screened(_guard(self.rec, "activities", [], ev.extract_events, run_text, offset=start))
            run_resources = _guard(self.rec, "resources", [], ev.extract_resources, run_text)
            events.extend(run_events)
            resources.extend(run_resources)
            told = Intervals(e.span for e in run_events if e.span)
            stretch: list[str] = []
            for block in run + [None]:
                if block is not None and not _tells_of(block, told, run_resources, self.text):
                    self.span_fields[id(block)] = "background"
                    line = _one_line(self.text[block.start : block.end])
                    self.background_parts.append(line)
                    stretch.append(line)
                    continue
                if block is not None and told.overlaps(block.start, block.end):
                    # A line that tells of an event may say more than the event keeps ("With the support of the
                    # Department ..., three workshops were organized in Saint Lucia. In August 2024, a workshop
                    # ..."): its sentences that no event covers are kept in the background too.
                    untold = _untold_sentences(self.text, block, told)
                    if untold:
                        self.background_parts.append(untold)
                        stretch.append(untold)
                        continue
                if stretch:
                    self.rec.flag("background", f"placed by no rule: {_excerpt(' '.join(stretch))}")
                    stretch = []
        events.extend(self.head_event(events))
        seen: set[tuple[Any, ...]] = set()
        for e in events:
            key = (e.type, e.start, e.end, e.country, e.city, e.online, e.participants)
            if key not in seen:
                seen.add(key)
                self.rec.activities.append(e)
        for once, kept in _guard(self.rec, "activities", [], _values("event_twice").told_twice, self.rec.activities):
            self.rec.flag("activities", f"told twice, counted once ({kept.start.iso()}): {_excerpt(once.summary)}")
        for r in resources:
            if all((r.type, r.title) != (q.type, q.title) for q in self.rec.resources):
                self.rec.resources.append(r)
        whole = getattr(self.text, "text", self.text)
        lone = _guard(self.rec, "activities", None, _values("event_cards").lone_count, whole, self.rec.activities)
        if lone:
            self.rec.flag("activities", f"the one event's count read from a line of the record: {_excerpt(lone)}")
        # a report on one event (its head names it): the sentence saying how many attended is its count
        told = None if lone or self.reported is None else _guard(
            self.rec, "activities", None, _values("event_reports").told_attendance, whole, self.rec.activities)
        if told:
            self.rec.flag("activities", f"the one event's count read from a sentence of the record: {_excerpt(told)}")

    def prose_sdgs(self) -> None:
        """Goals a record without an SDG field names in its text ("contributes to Goal 11.3 and Goal 16.7", "ODD 9
        et ODD 16"): a goal needs its keyword, a target its keyword too ("the SDGs" or "16.6" alone give nothing)."""
        rec = self.rec
        if rec.sdgs or rec.sdg_targets:
            return
        text = "\n".join(filter(None, [rec.summary, rec.objective, self.narrative_text(), rec.background,
                                        *rec.expected_accomplishments, *rec.key_accomplishments]))
        goals, targets = _guard(rec, "sdgs", ([], []), _values("sdgs").find_record_sdgs, text, rec.text or "")
        if goals or targets:
            rec.sdgs.extend(goals)
            rec.sdg_targets.extend(targets)
            rec.flag("sdgs", "read from the narrative")

    def stated_facts(self) -> None:
        """A labelled record's sentences: what the project's own verbs and cue words say of its period and status
        (values.prose.read_stated), where no label gives them; an end they say was extended or actually reached
        ("is extended to 30 June 2025", "se amplía el plazo hasta ...") wins over a label's earlier one."""
        text = "\n\n".join([*self.summary_parts, self.narrative_text(), *self.background_parts])  # "Financé par ..."
        facts = _guard(rec := self.rec, "summary", None, _values("prose").read_stated, text)
        for name, role in _guard(rec, "partners", [], _values("role_rows").role_rows, self.narrative_text()):
            self.add_partners(name, role)  # "Agencia Suiza ... (COSUDE)    Donante": a row of a table of bodies
        if facts is not None and facts.revised_end and rec.end and facts.revised_end > rec.end and (
                rec.start is None or facts.revised_end > rec.start):
            rec.end = facts.revised_end
            rec.flag("time_frame", "read from prose: the end as extended")
        self.facts_from_prose(text, reader="read_stated")
        told = _values("prose").told(self.raw.blocks, self.text)
        if not self.partner_texts:  # a labelled record that names no partner: who is who in its sentences
            self.facts_from_prose(told, reader="read_roles")
            return
        if not self.donor_texts:  # partners under a label, and who pays only in its sentences ("funded by ...")
            self.facts_from_prose(told, reader="read_funders")
        # Who works with it, as its sentences tell, beside a label's partners: each from a cue of its own, flagged.
        self.facts_from_prose(told, reader="read_partners")

    def meta_period(self) -> None:
        """Where nothing else dated the record: the period on a line of short facts beside its title ("Kenya ·
        Ongoing · 2021–2024"), flagged (values.meta_periods)."""
        rec = self.rec
        if rec.start or rec.end or not self.raw.blocks:
            return
        text = self.text[self.raw.blocks[0].start : self.raw.blocks[-1].end]
        start, end = _guard(rec, "time_frame", (None, None), _values("meta_periods").meta_period, text)
        if start is not None:
            rec.start, rec.end = start, end
            rec.flag("time_frame", "read from a line of facts beside the title")
        else:  # "Audit Programme 2022–2025": the years its title (or the line it is proposed from) ends with
            start, end = _guard(rec, "time_frame", (None, None), _values("title_periods").titled_period, rec, self.text)
            if start is not None:
                rec.start, rec.end = start, end
                rec.flag("time_frame", "read from the years the title ends with")

    def told_ids(self) -> None:
        """A record's code and total budget as its sentences state them, where no label gives them ("(projet
        2021BT)", "con un presupuesto de USD 450.000"): values.told_ids."""
        if not self.rec.code or not self.rec.budgets:
            told = "\n\n".join([_values("prose").told(self.raw.blocks, self.text), self.narrative_text(),
                                 *self.background_parts])  # "Financé par ... à hauteur de": told, kept there
            whole = self.text[self.raw.blocks[0].start : self.raw.blocks[-1].end] if self.raw.blocks else ""
            rec, said = self.rec, [f for f in self.rec.flags if f.reason == "read from prose"]
            by_prose = any(f.field == "code" for f in said)  # a code a sentence gave: the head line's wins over it
            head = None if rec.code and not by_prose else _guard(rec, "code", None, head_code, whole)
            if head and head != rec.code:  # "Programa de ... (PY-SC-2022-04)" on the record's first lines
                if by_prose and any(f.field == "title" for f in said):
                    rec.title_is_proposed = True  # ... and the name quoted beside that code may be another's
                    rec.flag("title", "proposed: the head line gives the project another code")
                rec.flags[:] = [f for f in rec.flags if f not in said or f.field != "code"]
                rec.code = head
                rec.flag("code", "read after the title")
            facts = _guard(self.rec, "summary", None, _values("told_ids").read_told_ids, f"{whole}\f{told}")
            if facts is not None and facts.code and not self.rec.code:
                self.rec.code = facts.code
                self.rec.flag("code", "read from prose")
            if facts is not None and facts.budgets and not self.rec.budgets:
                self.rec.budgets.extend(facts.budgets)
                self.rec.flag("budgets", "read from prose")
            if not self.rec.budgets:  # "USD 120,000 from Ireland and USD 95,000 from Sweden": which is the budget?
                rival = _guard(self.rec, "budgets", [], _values("prose_amounts").competing_amounts,
                               " ".join("\n\n".join([*self.summary_parts, told]).split()))
                if rival:
                    self.rec.flag("budgets", "amounts compete, none taken as the budget: " + "; ".join(
                        f"{m.currency} {m.amount:,}" for m in rival[:4]))
        self.competing_totals()

    def competing_totals(self) -> None:
        """Two totals for one project, in its labels or its sentences: the budget kept is flagged, never sure."""
        amounts, rec = _values("prose_amounts"), self.rec
        told = " ".join("\n\n".join([*self.summary_parts, _values("prose").told(self.raw.blocks, self.text)]).split())
        rivals = _guard(rec, "budgets", [], amounts.competing_budgets, rec.budgets)
        said = _guard(rec, "budgets", [], amounts.competing_totals, told) if not rivals else []
        if any(m.amount == b.amount and m.currency == b.currency for m in said for b in rec.budgets):
            rivals = said  # the budget kept is one of the totals the sentences give
        if rivals:
            rec.flag("budgets", "two totals compete: " + "; ".join(f"{m.currency} {m.amount:,}" for m in rivals[:4]))

    def whole_paragraph(self) -> None:
        """A record told in prose whose first line became its title ("26. In West Africa, the project "Innovating
        ...") tells its period and status in sentences that line opens: where its paragraph gave neither, the whole
        record's sentences are read (values.prose_periods, values.prose_facts), flagged "read from prose"."""
        rec, blocks = self.rec, self.raw.blocks
        if not any(b.kind == "prose" for b in blocks) or (rec.status and rec.start and rec.end):
            return
        told = " ".join(self.text[blocks[0].start : blocks[-1].end].split())
        if not (rec.start and rec.end):
            start, end = _guard(rec, "time_frame", (None, None), _values("prose_periods").verb_dates, told)
            # Only what completes the period read so far, never what contradicts it.
            if (start or end) and rec.start in (None, start or rec.start) and rec.end in (None, end or rec.end):
                rec.start, rec.end = start or rec.start, end or rec.end  # a date not given is no contradiction
                rec.flag("time_frame", "read from prose")
        if not rec.status:
            rec.status = _guard(rec, "status", None, _values("prose_facts").read_status, told)
            if rec.status:
                rec.flag("status", "read from prose")

    def document_status(self) -> None:
        """Where nothing stated a status: a badge on a first line ("[Closed] Civil registration reform"), else what
        the document is (a completion report: closed; a letter of award: under way), else a card's line of facts
        with the period ("Sénégal · En cours · 2021–2024"): values.status_genres."""
        rec, genres = self.rec, _values("status_genres")
        if rec.status or not self.raw.blocks:
            return
        lo = self.raw.blocks[0].start
        head = self.text[lo : min(self.raw.blocks[-1].end, lo + 600)]
        whole = self.text[lo : self.raw.blocks[-1].end]
        for read, why in ((genres.head_badge, "read from a badge beside the title"),
                          (genres.genre_status, "read from the kind of document"),
                          (genres.meta_badge, "read from a line of facts beside the title")):
            kind = _guard(rec, "status", None, read, whole if read is genres.meta_badge else head)
            if kind:
                rec.status = kind
                rec.flag("status", why)
                return

    def narrative_text(self) -> str:
        return "\n".join(self.text[run[0].start : run[-1].end].strip() for run in self.narrative_runs)

    def title_is_a_heading(self) -> bool:
        """Is the proposed title a heading of the record's own (a section's, a card's), not a phrase of a sentence or
        a headline? Where it names a country, the record works there, as its labelled title would say."""
        from .title_choice import HEAD_LINE, NO_FACTS, same_title
        if any(f.field == "title" and f.reason.endswith(NO_FACTS) for f in self.rec.flags) or _values(
                "served").opens_record(self.rec.title, self.rec.text):  # its first line, alone or after a type
            return True
        # The line right above the record's prose, set apart as its head (prose_records.without_heading).
        blocks = self.raw.blocks
        return (any(f.field == "title" and f.reason.endswith(HEAD_LINE) for f in self.rec.flags)
                and len(blocks) == 2 and blocks[0].kind == "text" and blocks[1].kind == "prose"
                and same_title(self.text[blocks[0].start : blocks[0].end].strip(), self.rec.title))

    def countries(self) -> None:
        rec = self.rec
        # A countries label whose value names no country and no region ("Country  Women  Men  Total", a table's
        # head read as a label; "Pays : à préciser") says nothing: the text is read as if it had none.
        split = _values("served").split_place_list
        labelled = "\n".join(t for t in self.country_texts if any(_guard(rec, "countries", ([], []), split, t)))
        fields = {
            "countries": labelled,
            "title": self.title_for_places(),
            "summary": rec.summary,
            "objective": rec.objective,
            "expected_accomplishments": "\n".join(rec.expected_accomplishments),
            "key_accomplishments": "\n".join(rec.key_accomplishments),
            "planned_activities": "\n".join(rec.planned_activities),
            "partners": _values("roles").blank_agencies("\n".join(t for t in self.partner_texts
                                                                 if t not in self.donor_texts)),
            "beneficiaries": "\n".join(self.beneficiary_texts),
            "activities": "\n".join(filter(None, [self.narrative_text(), rec.background])),
        }
        # A funder is never a country served: its words are blanked wherever the narrative repeats them.
        donors = [d.strip() for d in self.donor_texts if len(d.strip()) > 3]
        if donors and not labelled.strip():
            fields = {k: _blank(v, donors) for k, v in fields.items()}
        rec.countries = list(_guard(rec, "countries", [], _values("served").served_countries, fields))
        codes = [] if labelled.strip() else _guard(rec, "countries", [], _values("suggest_countries").label_codes,
                                                    self.country_texts)
        if codes:  # "Countries: KZ, UZ, TJ": the label's ISO codes, over a country the text names (round 19)
            rec.countries = codes
            rec.flag("countries", f"suggested: {', '.join(codes)}, the countries label's ISO codes")
            return
        carded = [] if labelled.strip() else _guard(rec, "countries", [], _values("fact_lines").card_countries,
                                                     rec.text)
        if carded:
            # "Sénégal · En cours · 2021–2024" under the card's title: its place is where the project works.
            rec.countries = carded
            rec.flag("countries", "read from a card's line of facts (place, status, period)")
            return
        prose_countries = self.prose_countries
        if not prose_countries and not labelled.strip():
            # A labelled record's narrative that says whom the project serves ("It covers Botswana, Eswatini ...",
            # "apoya a las oficinas de servicio civil de Guatemala"): the same cues as a record told in prose.
            # The title too: "Formation des cadres tunisiens en ...", "Training Moldovan civil servants in ...".
            told = "\n".join(filter(None, [fields["title"], rec.summary, rec.objective, fields["activities"]]))
            told = _guard(rec, "countries", [], _values("prose_facts").read_served, told, donors)
            # What the scores found stays (the record's other fields may name other countries served).
            added = [c for c in told if c not in rec.countries]
            prose_countries = [*rec.countries, *added] if added else []
        if prose_countries and not labelled.strip():
            # A sentence says whom the project serves ("assists Kazakhstan and Uzbekistan", "fonctionnaires
            # béninois"): its words decide, not the scores of every mention (a venue, a funder, a recalled past).
            rec.countries = list(prose_countries)
            rec.flag("countries", "read from prose")
        elif rec.countries and not labelled.strip():
            rec.flag("countries", "inferred from text")
        if rec.countries and not labelled.strip():
            # A funder, a country compared, a seat, participants' origin, a venue: named, not served.
            whole = "\n".join(v for k, v in fields.items() if k != "countries" and v)
            rec.countries, why = _guard(rec, "countries", (rec.countries, []), _values("who_is_served").kept_served,
                                        rec.countries, self.donor_texts, whole, rec.text)
            for reason in why:
                rec.flag("countries", reason)
        if not rec.countries and not labelled.strip() and not rec.regions and not rec.region:
            # "le ministère de la Fonction publique à Niamey": the one country whose national body the text seats.
            whole = "\n".join(v for k, v in fields.items() if k != "countries" and v)
            seats = _guard(rec, "countries", [], _values("cities").seat_countries, whole)
            if len(seats) == 1:
                rec.countries = list(seats)
                rec.flag("countries", "read from the city where a national body the project works with sits")

    def venues(self) -> None:
        """Events whose venue is a city the narrative names alone ("visited Kathmandu", a table's "Santiago de los
        Caballeros"): the city's country from the gazetteer (values.venues), when it gives one answer."""
        rec, venues = self.rec, _values("venues")
        rec.budgets[:] = _guard(rec, "budgets", rec.budgets, _values("cfa_francs").by_zone, rec)  # FCFA in CEMAC
        _guard(rec, "activities", None, _values("event_city_names").recheck_city_venues, rec)  # "Santiago de los"
        for e in rec.activities:
            if e.country or e.online:
                continue
            names = [[e.city]] if e.city else _guard(rec, "activities", [], venues.venue_names, e.summary)
            found = _guard(rec, "activities", None, venues.venue_country, names, rec.countries)
            if found is None:
                continue
            e.country, e.city = found.iso3, e.city or found.city
            if found.shared:
                rec.flag("activities", f"venue {found.city} read as in {found.iso3}, a country the project serves "
                                       f"(cities of that name are in several countries)")
        # "a follow-up workshop in the same city": the venue just placed by the gazetteer
        _guard(rec, "activities", None, _values("unknown_venues").after_venues, rec)  # and an unknown one: flagged

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
            self.text[s.start : s.end].strip()
            for s in spans if s.field == "unparsed" and self.text[s.start : s.end].strip()
        ]
        for stretch in rec.unparsed:
            rec.flag("unparsed", f"placed by no rule: {_excerpt(stretch)}")


def _blank(text: str, phrases: list[str]) -> str:
    """text with each phrase (case as written) blanked out, same length."""
    for phrase in phrases:
        text = text.replace(phrase, " " * len(phrase))
    return text


_SENTENCE = re.compile(r"[^.!?\r\n]+(?:[.!?]+(?=\s|$)|$)")


def _untold_sentences(text: str, block: Block, told: Intervals) -> str:
    """The sentences of a narrative line that no event's span covers (one line; '' when every one is covered)."""
    out = []
    for m in _SENTENCE.finditer(text[block.start : block.end]):
        sentence = m.group(0).strip()
        if len(sentence.split()) >= 4 and not told.overlaps(block.start + m.start(), block.start + m.end()):
            out.append(sentence)
    return _one_line(" ".join(out))


def _tells_of(block: Block, told: Intervals, resources: list[ResourceRef], text: str) -> bool:
    """Does this narrative line belong to an event (told: the events' spans) or name a resource?"""
    if told.overlaps(block.start, block.end):
        return True
    line = text[block.start : block.end].lower()
    return any(r.title and r.title.lower()[:60] in line for r in resources)
