"""The record-wide steps on its events: the event a report is on, events set aside (undated, postponed, held by
others, governance meetings), activity tables, and events recalled from before the project (kept, never counted)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .activity_tables import read_table
from .segment import Block
from .step_tools import _excerpt, _guard, _values
from .types import Event, Record

if TYPE_CHECKING:
    import datetime

    from .segment import RawRecord


class EventSteps:
    """Mixed into the assembler (through RecordSteps), whose state (rec, raw, text, ...) they use."""

    text: str
    raw: RawRecord
    rec: Record
    span_fields: dict[int, str]
    reported: Event | None  # the event a report on one event names in its head (head_event)

    def head_event(self, events: list[Event]) -> list[Event]:
        """The event a report's head names (head_event_only) and the events told in the paragraphs a prose record
        leaves unplaced after its own paragraph (tail_events)."""
        return self.head_event_only(events) + self.tail_events()

    def tail_events(self) -> list[Event]:
        """A record found by its paragraph ("Pour information, le projet « ... » a démarré le ...") goes on telling
        of it in the paragraphs below, which no rule placed ("L'atelier de lancement s'est tenu à Cotonou les 14 et
        15 octobre 2026 avec 70 participants"): their events are the project's, read up to a rule line, a sign-off
        or the head of another message (values/event_tails.py)."""
        blocks = self.raw.blocks
        last = max((n for n, b in enumerate(blocks) if b.kind == "prose"), default=None)
        if last is None or self.raw.news:
            return []
        tail = _values("event_tails").tail_blocks(self.text, blocks[last + 1 :])
        if not tail:
            return []
        start, end = tail[0].start, tail[-1].end
        found = self.screened(_guard(self.rec, "activities", [], _values("events").extract_events,
                                     self.text[start:end], offset=start))
        for block in tail:
            if any(e.span and e.span[0] < block.end and block.start < e.span[1] for e in found):
                self.span_fields[id(block)] = "narrative"
        return found

    def head_event_only(self, events: list[Event]) -> list[Event]:
        """The event a report's head names above its first label ("Regional Training of Trainers on ..." / "Gaborone,
        Botswana, 6-10 March 2023"), when no other event is of its days; its lines are then narrative."""
        head: list[Block] = []
        self.reported = None
        for block in self.raw.blocks:
            if block.kind in ("label", "header", "prose", "table"):
                break
            if block.kind == "text" and block.field in ("unparsed", "title", "summary"):
                head.append(block)  # a contact label below makes the head a labelled record's title and summary
        if not head:
            return []
        start, end = head[0].start, head[-1].end
        reports = _values("event_reports")
        found = self.screened(_guard(self.rec, "activities", [], _values("events").extract_events,
                                     self.text[start:end], offset=start))
        one = _guard(self.rec, "activities", None, reports.head_event, self.text[start:end], found)
        if one is None or any(reports.same_days(one, e) for e in events):
            return []
        for block in head:
            if one.span and one.span[0] < block.end and block.start < one.span[1]:
                self.span_fields[id(block)] = "narrative"
        self.rec.flag("activities", f"the event the report is on, read from its head: {_excerpt(one.summary)}")
        self.reported = one
        return [one]

    def screened(self, events: list[Event]) -> list[Event]:
        """The events that are dated events of the project; the others (no date, postponed, cancelled) stay in the
        text, flagged (values.event_clauses.set_aside)."""
        clauses = _values("event_clauses")
        whole, at = getattr(self.text, "text", self.text), getattr(self.text, "offset", 0)  # an Excerpt or a str
        _guard(self.rec, "activities", None, clauses.date_by_headings, whole, events, at)  # "JULIO 2023" / "4–6 jul."
        _guard(self.rec, "activities", None, clauses.date_from_sentence_start, whole, events, at)
        _guard(self.rec, "activities", None, _values("event_days").date_days_in_stretch, whole, events, at)
        kept, aside = _guard(self.rec, "activities", (events, []), clauses.set_aside, events)
        named = _values("event_other_names").other_named_project  # 'le projet « Registre foncier » a tenu ...'
        title = None if self.rec.title_is_proposed else self.rec.title
        others = [e for e in kept if _guard(self.rec, "activities", None, named, e.summary, title)]
        aside += [(e, "an event of another project") for e in others]
        kept = [e for e in kept if e not in others]
        genres = _values("event_genres")
        own = _guard(self.rec, "activities", [], genres.reported_mission, whole, kept)
        board = _guard(self.rec, "activities", [], genres.governance_meetings, kept)
        board += [e for e in _guard(self.rec, "activities", [], genres.attended_elsewhere, kept) if e not in board]
        board += [e for e in _guard(self.rec, "activities", [], genres.bare_milestones, kept) if e not in board]
        aside += [(e, "the mission the report is on") for e in own] + [
            (e, _why_aside(genres, e)) for e in board]
        kept = [e for e in kept if e not in own and e not in board]
        for e, why in aside:
            self.rec.flag("activities", f"not read as an activity ({why}), kept in the text: {_excerpt(e.summary)}")
        for e in _guard(self.rec, "activities", [], genres.placed_milestones, kept):
            self.rec.flag("activities", f"a milestone read as an event (a place, no count): {_excerpt(e.summary)}")
        return kept

    def table_events(self, block: Block) -> list[Event]:
        """The events of one activity table; rows that do not say what kind of event they were are flagged."""
        table = _guard(self.rec, "activities", None, read_table, self.text[block.start : block.end], block.start)
        if table is None:
            self.rec.flag("activities", "a table could not be read")
            return []
        merged: list[Event] = []
        events, untyped = _guard(self.rec, "activities", ([], []), _values("tables").events_from_table, table, merged)
        for e in merged:
            self.rec.flag("activities", f"date and venue taken from the row above (its cells merged down): "
                                        f"{_excerpt(e.title)}")
        if table.row_roles and events and len(untyped) == len(events):
            # No header, and no row names a kind of event ("| 1 | Enmienda al convenio | Coordinación | 31/10/2024"):
            # a list of commitments or deadlines, not of activities held.
            self.rec.flag("activities", f"a table whose rows name no kind of event, not read as activities: "
                                        f"{_excerpt(events[0].summary)}")
            return []
        for title in untyped:
            self.rec.flag("activities", f"kind of event not stated, read as a meeting: {_excerpt(title)}")
        board = _guard(self.rec, "activities", [], _values("event_genres").governance_meetings, events)
        for e in board:  # "| Réunion du comité de pilotage | 15 mars 2023 | Bamako | 12 |": governance, no event
            self.rec.flag("activities", f"not read as an activity (a governance meeting), kept in the text: "
                                        f"{_excerpt(e.summary)}")
        return [e for e in events if e not in board]

    def mark_recalled(self) -> None:
        """Events that ended before the project began are its history, told as context: kept, marked, flagged."""
        rec = self.rec
        begins = rec.start.first_day() if rec.start is not None else self.own_facts_begin()
        if begins is not None:
            # no start written: its own facts tell when it began
            mark_history(rec, rec.activities, begins, "start" if rec.start is not None else "first activity")
        told = _values("event_genres").told_before_project
        for e in rec.activities:
            if not e.recalled and e.start is not None and _guard(rec, "activities", False, told, e):
                e.recalled = True
                rec.flag("activities", f"told as held before the project, kept as history and not counted: "
                                       f"{_excerpt(e.title)} ({e.start.iso()})")
        yearly = _guard(rec, "activities", [], _values("event_years").set_aside_yearly, rec.activities)
        if yearly:
            rec.activities[:] = [e for e in rec.activities if all(e is not y for y in yearly)]
        for e in yearly:
            rec.flag("activities", f"not read as an activity (dated only by its year), kept in the text: "
                                   f"{_excerpt(e.summary)}")

    def own_facts_begin(self):  # -> datetime.date | None
        """Without a start date written, the project began no later than its own earliest fact: the earliest event
        not told as a recollection ("Since 2006, the Forum met in ..."). Only recollections are then history."""
        history = _values("event_clauses").history_candidate
        own = [e.start.first_day() for e in self.rec.activities if e.start is not None and not history(e)]
        if not own or not any(history(e) for e in self.rec.activities):
            return None
        return min(own)


def _why_aside(genres, e: Event) -> str:
    if genres.governance_meetings([e]):
        return "a governance meeting"
    if genres.bare_milestones([e]):
        return "a milestone, told with no venue nor people"
    return "an event the project took part in"


def mark_history(rec: Record, events: list[Event], begins: datetime.date, since: str = "start") -> None:
    """Mark the events that ended before `begins` as the project's history: kept, never counted, flagged."""
    for e in events:
        last = (e.end or e.start).last_day() if (e.end or e.start) else None
        if last is not None and last < begins and not e.recalled:
            e.recalled = True
            rec.flag("activities", f"before the project's {since} ({begins.isoformat()}), kept as history and not "
                                   f"counted: {_excerpt(e.title)} ({(e.start or e.end).iso()})")
