"""Activities (workshops, missions, webinars, meetings, studies...) and resources told of in a record's narrative.

A sentence or heading becomes an Event when it names an activity AND anchors it (a date near it, a place, a
participant count, a quoted title, or a heading of its own); "through workshops and focus groups" alone is not an
event. One event told twice (a summary sentence and a later heading with its paragraph) is merged into one row.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..types import Event
from . import dates as _dates
from .cities import city_country
from .compound import split_compound
from .event_captions import lead_dateline
from .event_cards import read_card
from .event_clause_drafts import clause_drafts
from .event_continuation import continues, glue_dates, own_anchor
from .event_corrections import apply_corrections
from .event_counts import counts_told_back, ends_on_capacity
from .event_drafts import (
    _apply_context,
    _Context,
    _Draft,
    _fill,
    _Merged,
    _multi_venue,
    _new_draft,
    _venue,
)
from .event_facts import _LIST_MARK, _RESOURCE_HEAD, _anchored, _facts, _find_type, _heading_title, _is_heading
from .event_list_heads import lead_of_item, typed_by_lead
from .event_lists import keyword_clause, list_drafts
from .event_online import drop_online_venue, same_venue
from .event_plan_lists import under_plan
from .event_stamps import date_from_stamps
from .event_words import _FAMILY, _FUTURE, _join_wrapped, _lines, _mask_quotes, _Sentence, _sentences
from .resources import extract_resources
from .venues import town_countries, venue_country

__all__ = ["extract_events", "extract_resources", "is_planned"]


def extract_events(text: str, offset: int = 0) -> list[Event]:
    """Activities told of in narrative text, one row per activity, with spans shifted by offset."""
    if not text or not text.strip():
        return []
    lines = _join_wrapped(text, _lines(text))
    drafts: list[_Draft] = []
    ctx: _Context | None = None
    i = 0
    while i < len(lines):
        card = read_card(lines, i, offset)
        if card is not None:
            # "Event: ... / Date: ... / Venue: ... / Participants: ...": one event, each fact read from its own key
            drafts.append(card[0])
            ctx, i = None, card[1]
            continue
        line = lines[i]
        if under_plan(lines, i):  # "Activités prévues" / "- Atelier de restitution à Yaoundé en mai 2024": a plan
            i += 1
            continue
        sents, opened_on = lead_dateline(glue_dates(_sentences(line)), _facts)
        told_before = len(drafts)
        clean = _LIST_MARK.sub("", line.text)
        label = re.match(r"^([A-Z][^:.]{2,70}):\s+(\S.*)$", clean)
        if label and ends_on_capacity(label.group(1)):
            label = None  # "..., capacité : 40 participants": the places offered, read with the sentence
        label_facts = _facts(label.group(1)) if label else None
        if (label and label_facts.type is None and _BARE_MISSION.match(label.group(1).strip())
                and _facts(label.group(2)).dates):
            # "Mission : du 3 au 7 mars 2025 à Nouakchott (...)": a report's own mission, by its label
            label_facts = replace(label_facts, type="advisory_mission")
        heading_line = _is_heading(line.text)
        head_facts = _facts(line.text) if heading_line else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if heading_line and head_facts.type is None and not (nxt and _refers_back(nxt.text)):
            heading_line = False
        first = sents[0] if sents else None
        first_facts = _facts(first.text) if first else None
        sentence_heading = (not heading_line and first is not None and first_facts.type is not None
                            and _is_heading(first.text) and first_facts.kw_start <= 60
                            and (first_facts.dates or first_facts.places or len(sents) > 1))
        if label and label_facts.type is not None and not heading_line:
            # "Training of Trainers: A Training of Trainers will be organized in Saint Lucia ..."
            ctx = None
            body = _Sentence(line.start + line.text.find(label.group(2)), line.end, label.group(2))
            f = _facts(body.text)
            listed = _label_list(f, body, line, offset)
            if listed:
                # "Events delivered: national workshop in Kampala (May 2023, 40 participants); webinar (July 2023)"
                drafts.extend(listed)
                i += 1
                continue
            d = _new_draft(label_facts, _Sentence(line.start, line.end, label.group(1)), offset,
                           title=_heading_title(label.group(1), label_facts), rank=3)
            d.event.summary = f"{label.group(1)}:"  # its place and date, read again for a venue
            _fill(d, f, body, offset)
            if d.event.type == "workshop" and f.type and f.type != "workshop":
                d.event.type = f.type
            drafts.append(d)
            i += 1
            continue
        if heading_line or sentence_heading:
            ctx = None
            head = line if heading_line else first
            hf = head_facts if heading_line else first_facts
            d = _new_draft(hf, head, offset, title=_heading_title(head.text, hf), rank=3)
            body_sents = [] if heading_line else sents[1:]
            j = i + 1
            while heading_line and j < len(lines) and _is_meta_line(lines[j].text):
                # "Dakar, Senegal, 14-16 November 2011" under a heading: its place and dates.
                mf = _facts(lines[j].text)
                _fill(d, mf, lines[j], offset)
                _opening_town(d, lines[j].text)
                j += 1
            nxt = lines[j] if j < len(lines) else None
            if heading_line and nxt is not None and not _is_heading(nxt.text) \
                    and not _RESOURCE_HEAD.search(nxt.text.rstrip(". ")) and not _tells_other_event(nxt, d) \
                    and not _next_item(lines, j):
                body_sents += _sentences(nxt)
                j += 1
            while j < len(lines) and continues(lines[j].text) and not _is_heading(lines[j].text):
                body_sents += _sentences(lines[j])
                j += 1
            if d.event.type is None or hf.type is None:
                for s in body_sents:
                    t = _facts(s.text).type
                    if t:
                        d.event.type = t
                        break
            extra: list[_Draft] = []
            for s in body_sents:
                bf = _facts(s.text)
                own = (_anchored(bf) and bf.dates and d.event.start is not None and not any(
                    _ranges_overlap(r, d.ranges) for r in (m.range for m in bf.dates))) or _hosted(d, bf)
                if own:
                    extra.append(_new_draft(bf, s, offset))
                else:
                    _fill(d, bf, s, offset)
            if hf.type is not None or not extra:
                # A heading naming no activity ("Date: 20 June 2023") above a sentence that tells its own dated
                # event is that event's context, not an event.
                drafts.append(d)
            drafts.extend(extra)
            i = j
            continue
        # Ordinary lines: each anchored sentence is an event; the sentences after it describe it.
        current: _Draft | None = None
        parts = [(part, len(split) > 1) for sent in sents for split in [split_compound(sent)] for part in split]
        lead = lead_of_item(lines, i)  # "Workshops held:" over "- Kumasi, 4-5 July 2023: 30 officers"
        for s, compound in parts:
            f = typed_by_lead(_facts(s.text), lead)
            if f.counting and not f.dates and f.type:
                v = _venue(f)
                ctx = _Context(_FAMILY.get(f.type, f.type), v.iso3 if v else None, v.city if v else None,
                               v.text if v else None, f.counting)
                current = None
                continue
            if current is not None and continues(s.text) and not own_anchor(f) and f.participants \
                    and current.event.participants is None:
                # "... took place in Dakar in March 2023. Ont pris part à l'atelier 34 participants.": its attendance
                _fill(current, f, s, offset, dates_ok=False)
            elif _anchored(f):
                multi = list_drafts(f, s, offset) or clause_drafts(f, s, offset) or _multi_venue(f, s, offset)
                if multi:
                    drafts.extend(multi)
                    current = None
                    continue
                d = _new_draft(*keyword_clause(f, s), offset)
                d.multi = compound  # one of several activities told in one sentence: never merged with another
                _apply_context(d, ctx, f)
                if ctx is not None and ctx.remaining <= 0:
                    ctx = None
                drafts.append(d)
                current = d
            elif current is not None and continues(s.text) and not _dated_apart(f, current):
                _fill(current, f, s, offset, dates_ok=False)
            else:
                current = None
        j = i + 1
        if current is None and parts and j < len(lines) and _is_meta_line(lines[j].text):
            last, _ = parts[-1]
            lf = _facts(last.text)
            mf = _facts(lines[j].text)
            if lf.type is not None and lf.type != "milestone" and not lf.future and not _anchored(lf) \
                    and (mf.places or mf.participants):  # a date alone is an agenda's day heading, no item's line
                current = _new_draft(lf, last, offset)  # "Act. 2.1.3  Taller presencial regional ..." over its line
                drafts.append(current)
        if current is not None and current.event.start is None and j < len(lines) and _is_meta_line(lines[j].text):
            # "Act. 2.1.2  Curso virtual ... (plataforma del PNUD)," / "8 de agosto al 30 de septiembre de 2022 ....
            # 87 participantes": an item's name, then its dates, place and count on a line of their own
            _fill(current, _facts(lines[j].text), lines[j], offset)
            _opening_town(current, lines[j].text)
            j += 1
        while (current is not None and j < len(lines) and continues(lines[j].text)
               and not _is_heading(lines[j].text) and not _tells_other_event(lines[j], current)
               and not (current.event.start is None and _dated_event(lines[j]))
               and not _dated_apart(_facts(lines[j].text), current)):
            for s in _sentences(lines[j]):
                _fill(current, _facts(s.text), s, offset, dates_ok=False)
            j += 1
        for d in drafts[told_before:] if opened_on else ():
            _opening_town(d, f"{opened_on},")  # a caption's dateline: the town no list holds, from the gazetteer
        if ctx is not None:
            ctx.lines_left -= 1
            if ctx.lines_left <= 0:
                ctx = None
        i = j
    merged = _Merged()
    for d in drafts:
        merged.add(d)
    for d in merged.drafts:
        drop_online_venue(d.event, d.country_text)
    events = [d.event for d in merged.drafts]
    events.sort(key=lambda e: e.span[0] if e.span else 0)
    events = counts_told_back(events, _FAMILY)
    same_venue(events)
    _apply_dateline(text, events)
    date_from_stamps(text, events, offset)
    apply_corrections(text, events, offset)
    return events


# "Suva, 14 June 2023 - Officials from ...": a news item's dateline, where and when it reports from.
_DATELINE = re.compile(r"^\s*(?:[^\n]{0,160}\n\s*)??(?P<city>[A-Z][\w .'\u2019-]{1,40}?),\s+(?=\S)")


def _apply_dateline(text: str, events: list[Event]) -> None:
    """Events the item tells of without a date (or a place) took place when (and where) it reports from."""
    m = _DATELINE.match(text[:200])
    if not m or not events:
        return
    found = _dates.find_dates(text[m.end() : m.end() + 40])
    if not found or found[0].start != 0 or found[0].range.start is None or found[0].range.start.day is None:
        return
    rest = text[m.end() + found[0].end : m.end() + found[0].end + 4]
    if not re.match(r"\.?\s*[-\u2013\u2014:]", rest):
        return
    when, city = found[0].range.start, m.group("city").strip()
    country = city_country(city)
    for e in events:
        if e.recalled or (e.start is not None and e.start != when):
            continue  # an event of its own date is told of, not reported from the dateline
        if e.start is None or (e.start == when and e.dates_text == found[0].text):
            # Days written without their year ("Du 29 novembre au 1er décembre") fall on or before the dateline.
            told = e.summary.split(found[0].text, 1)[-1]
            near = _dates.find_dates_near(told, when)
            if near:
                e.start, e.end, e.dates_text = near[0].range.start, near[0].range.end, e.dates_text or near[0].text
            else:
                e.start, e.dates_text = when, e.dates_text or found[0].text
        if e.country is None and not e.online and country:
            e.country, e.city = country, e.city or city


def _label_list(f, body: _Sentence, line: _Sentence, offset: int) -> list[_Draft] | None:
    """The events a label's value lists, one per item, when it lists two or more of its own. A value that names no
    kind of event is read with its label ("Two workshops were held: in Kisumu in May 2022 and in Mombasa ..."). The
    kind is the value's first sentence's: a kind named only in a later sentence ("... con 35 auditores. Está previsto
    un curso ...") leaves the first one read with its label."""
    first = _sentences(body)
    if f.type is None or (len(first) > 1 and _facts(first[0].text).type is None):
        body = _sentences(line)[0] if len(first) > 1 else line
        f = _facts(body.text)
    return list_drafts(f, body, offset) or clause_drafts(f, body, offset)


_BARE_MISSION = re.compile(r"^(?:Missions?|Misi(?:ón|on|ones))$", re.I)


def is_planned(event: Event) -> bool:
    """True when the text tells of the event as future or planned ("will be organized"), not as held."""
    return bool(_FUTURE.search(event.summary))


def _is_meta_line(text: str) -> bool:
    """A line that holds only a place, dates and words like "online": the details of the heading above it."""
    f = _facts(text)
    if f.type is not None or not (f.dates or f.places):
        return False
    rest = text
    for a, b in sorted([(d.start, d.end) for d in f.dates] + [(p.start, p.end) for p in f.places], reverse=True):
        rest = rest[:a] + " " + rest[b:]
    for p in f.places:
        if p.city:
            rest = rest.replace(p.city, " ")
    words = [w for w in re.findall(r"[^\W\d_]+", rest)
             if w.lower() not in {"online", "virtual", "hybrid", "from", "to", "and", "in", "at", "on", "venue", "date",
                                  "dates", "place", "location", "the", "du", "au", "le", "les", "et", "en", "ligne",
                                  "lieu", "del", "al", "el", "de", "y", "lugar", "fecha", "fechas", "línea", "linea"}]
    if f.dates and f.places and len(words) <= 4 and all(w[:1].isupper() for w in words):
        return True  # "Douala (Cameroun), Hôtel Akwa Palace – du 5 au 7 juin 2024": the venue's building named too
    if f.dates and f.participants and re.match(r"[^\W\d_][\w'\u2019. -]{1,40},", text) and len(words) <= 3:
        return True  # "Encarnación, 3 de noviembre de 2022 .... 26 participantes": a place, its dates, its count
    return len(words) <= 1


def _tells_other_event(line: _Sentence, head: _Draft) -> bool:
    """Does this line tell its own activity (a count of activities, or one dated apart from the heading's)?"""
    for s in _sentences(line):
        f = _facts(s.text)
        if f.counting and f.type:
            return True
        if _hosted(head, f):
            return True
        if _anchored(f) and f.dates and head.event.start is not None and not any(
                _ranges_overlap(m.range, head.ranges) for m in f.dates):
            return True
    return False


def _opening_town(d: _Draft, text: str) -> None:
    """The venue of an event whose place line opens on a town data/cities.json does not list ("Encarnación, 3 de
    noviembre de 2022 .... 26 participantes"): its country from the gazetteer, when the name is a town of one."""
    m = re.match(r"([^\W\d_][\w'\u2019. -]{1,40}?),", text)
    if d.event.country is not None or d.event.online or not m:
        return
    name = m.group(1).strip()
    found = venue_country([[name]], ())
    if found is not None and not found.shared:
        d.event.country, d.event.city = found.iso3, found.city
    elif town_countries(name):
        d.event.city = name  # a town of several countries: the one the project serves is chosen with the record


def _next_item(lines: list[_Sentence], j: int) -> bool:
    """Is lines[j] the next item of a list of events, each its name over a line of its place and dates ("Act. 2.1.2
    Curso virtual ..." / "8 de agosto al 30 de septiembre de 2022 .... 87 participantes")? It is no body."""
    return (j + 1 < len(lines) and _facts(lines[j].text).type is not None and not _facts(lines[j].text).dates
            and _is_meta_line(lines[j + 1].text))


def _hosted(head: _Draft, f) -> bool:
    """Does a sentence after a mission tell an event of another kind held during it, with its own date or place
    ("During the mission, a training workshop was held in Pokhara on 12-13 April 2023")? A mission hosts events."""
    return (head.event.type == "advisory_mission" and f.type not in (None, "advisory_mission", "milestone")
            and _anchored(f) and bool(f.dates or f.places))


def _dated_event(line: _Sentence) -> bool:
    """Does the line's first sentence tell an activity with a month of its own ("The regional meeting scheduled for
    August 2023 ...")? It is then no continuation of an undated one before it."""
    sents = _sentences(line)
    f = _facts(sents[0].text) if sents else None
    return bool(f and f.type and _anchored(f) and any(d.range.start and d.range.start.month for d in f.dates))


def _refers_back(text: str) -> bool:
    # A heading without an activity word names the activity its paragraph describes: "The workshop explored ...".
    m = re.match(r"^(?:The|This|During\s+the)\s+((?:[\w-]+\s+){0,4}?)", text)
    if not m:
        return False
    t, kw = _find_type(_mask_quotes(text[:80]))
    return t is not None and kw.start() <= 60


def _dated_apart(f, current: _Draft) -> bool:
    """Does a sentence that opens like a continuation ("The project also took part in ... in November 2023") give
    a date apart from the event before it? It then tells of something else: its place is not that event's."""
    if not f.dates or current.event.start is None:
        return False
    if current.event.start.month is None:  # "In 2023, ..." then "... in November 2023": a year holds no month
        return any(m.range.start is not None and m.range.start.month is not None for m in f.dates)
    return not any(_ranges_overlap(m.range, current.ranges) for m in f.dates)


def _ranges_overlap(r, ranges: list) -> bool:
    if r.start is None:
        return True
    for o in ranges:
        if o.start is None:
            return True
        if (r.start.first_day() <= (o.end or o.start).last_day()
                and o.start.first_day() <= (r.end or r.start).last_day()):
            return True
    return False


