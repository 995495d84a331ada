"""Activities written as a table: a header row naming the columns (date, activity, venue, participants...), then
one row per event. Each row becomes an Event; what a cell does not say is left empty, never guessed."""
from __future__ import annotations

import re

from ..activity_tables import Table
from ..types import Event
from . import dates as _dates
from . import places as _places
from .cities import city_country
from .event_facts import _find_type, count_by_sex
from .event_words import _ONLINE, _PEOPLE, _mask_quotes, mask_not_a_mode
from .orgs import find_organisations

_COUNT = re.compile(  # a count, maybe qualified, maybe followed by who ("45 participantes")
    r"^(?P<qual>(?:over|more\s+than|about|around|approx\.?|approximately|some|nearly|almost|at\s+least|plus\s+de|"
    r"environ|pr[eè]s\s+de|m[aá]s\s+de|alrededor\s+de|cerca\s+de|unos|unas|aproximadamente|~|>)\s*)?"
    r"(?P<num>\d{1,3}(?:[,.\s\u00a0\u202f]\d{3})+|\d{1,6})\s*(?P<plus>\+)?"
    rf"(?:\s+(?:[^\W\d_]+\s+){{0,2}}?(?:{_PEOPLE}|pers\.?|participant)\b[^\d]*)?$",
    re.IGNORECASE,
)
_QUALIFIERS = {"plus de": "more than", "environ": "about", "pres de": "nearly", "près de": "nearly",
               "mas de": "more than",
               "más de": "more than", "alrededor de": "about", "cerca de": "nearly", "unos": "about", "unas": "about",
               "aproximadamente": "approximately", "~": "about", ">": "more than"}


# "29 (12/17)", "40 (22 women, 18 men)", "34 (F: 15, H: 19)": the women and men among the count, no other count
_BY_SEX = re.compile(r"\s*\((?:[\d\s/,;:+.\-]|\b(?:women|men|female|male|femmes|hommes|mujeres|hombres|[FMHW])\b)*\d"
                     r"(?:[\d\s/,;:+.\-]|\b(?:women|men|female|male|femmes|hommes|mujeres|hombres|[FMHW])\b)*\)\s*$",
                     re.IGNORECASE)

# "31 (dont 9 femmes)", "40 (including 18 women)", "35 (de los cuales 12 mujeres)": a part of the count, no other
_SUBSET = re.compile(r"\s*\((?:dont|y compris|parmi eux|including|incl\.|of whom|among them|de (?:los|las) cuales|"
                     r"entre (?:ellos|ellas)|incluid[oa]s|incluyendo)\s[^()]*\)\s*$", re.IGNORECASE)


def participants_in(cell: str) -> tuple[int | None, str | None]:
    """The count a table cell gives ("38", "approx. 40", "45 participantes", "120+", "29 (12/17)"), and its
    qualifier."""
    m = _COUNT.match(_SUBSET.sub("", _BY_SEX.sub("", cell.strip())))
    if not m:  # "18 mujeres y 14 hombres", "20 women, 9 men": a split by sex alone gives its sum
        return count_by_sex(cell.strip(), 0), None
    n = int(re.sub(r"\D", "", m.group("num")))
    qual = (m.group("qual") or "").strip().lower() or None
    if qual:
        qual = _QUALIFIERS.get(qual, qual)
    elif m.group("plus"):
        qual = "over"
    return (n or None), qual


def _place(cell: str, event: Event) -> None:
    """'Amman, Jordan', 'Online', 'Tegucigalpa (Honduras)', 'Jordan': the venue's country, city or online."""
    text = cell.strip()
    if not text or text in "-\u2013\u2014":
        return
    if _ONLINE.search(text):
        event.online = True
    mentions = _places.find_countries(text)
    if mentions:
        last = mentions[-1]
        event.country = event.country or last.iso3
        city = re.split(r"\s*[,(/\u2013-]\s*", text[: last.start].strip(" ,(/-\u2013"))[0].strip()
        if city and not _ONLINE.fullmatch(city) and not _places.resolve_country(city):
            event.city = event.city or city
    elif not event.online and len(text.split()) <= 6:  # "Santa Cruz de la Sierra"
        event.city = event.city or text  # a city named alone: its country when the city is known, else none
        event.country = event.country or city_country(text)


def events_from_table(table: Table, merged: list[Event] | None = None) -> tuple[list[Event], list[str]]:
    """One Event per row of an activity table, spans on the row; and the titles of rows whose kind the row does
    not say (read as meetings, for a reviewer to check). A row whose date and venue cells are empty under a dated
    row (cells merged down, as a copied table leaves them) takes that row's date and venue, never its count; such
    rows are added to `merged`, for a reviewer to check."""
    out: list[Event] = []
    untyped: list[str] = []
    for k, row in enumerate(table.rows):
        roles = table.row_roles[k] if table.row_roles else table.roles
        cells = {role: text for role, (_, _, text) in zip(roles, row) if role}
        start, end = row[0][0], row[-1][1]
        title = cells.get("title") or cells.get("type") or ""
        kind, _ = _find_type(_mask_quotes(title))
        if cells.get("type"):
            kind = _find_type(cells["type"])[0] or kind
        event = Event(type=kind or "conference", title=title.strip(), summary=" | ".join(t for _, _, t in row if t),
                      span=(start, end))
        found = _dates.find_dates(cells.get("date", ""))
        if found:
            event.start, event.end = found[0].range.start, found[0].range.end or found[0].range.start
            event.dates_text = cells["date"].strip()
        for role in ("place", "country", "city"):
            if cells.get(role):
                _place(cells[role], event)
        if cells.get("city") and not event.city:
            event.city = cells["city"].strip()
        if _ONLINE.search(mask_not_a_mode(title)) or event.type == "webinar":
            event.online = True
        event.participants, event.participants_qualifier = participants_in(cells.get("participants", ""))
        if event.participants is None and "participants" not in cells:
            event.participants = _women_and_men(cells)
        event.organisers = [label for _, _, label in find_organisations(cells.get("organisers", ""))]
        if title and not found and out and out[-1].start and not any(
                cells.get(r, "").strip() for r in ("date", "place", "country", "city")):
            above = out[-1]
            event.start, event.end, event.dates_text = above.start, above.end, above.dates_text
            event.country, event.city, event.online = above.country, above.city, above.online or event.online
            if merged is not None:
                merged.append(event)
        if not title and not found:
            continue
        if kind is None:
            untyped.append(title or event.dates_text)
        out.append(event)
    return out, untyped


def _women_and_men(cells: dict[str, str]) -> int | None:
    """A table with a women's and a men's column and no total: their sum, when both are exact counts."""
    women, w_qual = participants_in(cells.get("women", ""))
    men, m_qual = participants_in(cells.get("men", ""))
    if women is None or men is None or w_qual or m_qual:
        return None
    return women + men
