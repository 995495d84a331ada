"""What the genre of a record says about its events.

An event the project took part in (another organisation's summit) is not one it held.
A steering committee's or a board's meeting (its minutes tell of it) is the project's governance, not one of its
events; the trainings the committee reviews are. A back-to-office report, a "rapport de mission" or an "informe de
misión" is written on one mission: the mission's own dates are the report's, not an event of the project, while the
workshop held during the mission is one. The words that name the genre and the governance bodies are data
(data/event_cues.json "mission_report", "governance_body"), in English, French and Spanish.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..types import Event

_DATA = Path(__file__).resolve().parent.parent / "data" / "event_cues.json"
_HEADING = 160  # characters: a line this short naming the genre names the document's genre (a title, a subject)
_LOOK = 4000  # characters of the record read for its genre


@lru_cache(maxsize=None)
def _words_rx(key: str) -> re.Pattern[str]:
    words = json.loads(_DATA.read_text(encoding="utf-8"))[key]["words"]
    alt = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)


def _genre_rx() -> re.Pattern[str]:
    return _words_rx("mission_report")


def is_mission_report(text: str) -> bool:
    """Does the record name itself a mission report in a short line (its title, its subject, a heading)?"""
    for line in text[:_LOOK].splitlines():
        if len(line.strip()) <= _HEADING and _genre_rx().search(line):
            return True
    return False


def reported_mission(text: str, events: list[Event]) -> list[Event]:
    """The events that are the mission a mission report is written on: the first mission it tells, and those told
    again with overlapping dates. [] when the record is no mission report."""
    missions = [e for e in events if e.type == "advisory_mission" and e.start is not None]
    if not missions or not is_mission_report(text):
        return []
    first = min(missions, key=lambda e: e.span[0] if e.span else 0)
    a1, a2 = first.start.first_day(), (first.end or first.start).last_day()
    return [e for e in missions
            if e.start.first_day() <= a2 and a1 <= (e.end or e.start).last_day()]


_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s")


def governance_meetings(events: list[Event]) -> list[Event]:
    """The meetings whose own sentence names the project's governance body ("The third meeting of the Steering
    Committee was held ...", "La réunion du comité de pilotage s'est tenue ...")."""
    out = []
    for e in events:
        if e.type != "conference":
            continue
        first = _FIRST_SENTENCE.split(e.summary[:400], maxsplit=1)[0]
        if _words_rx("governance_body").search(first):
            out.append(e)
    return out


def told_before_project(e: Event) -> bool:
    """Does the event's own sentence say it came before the project ("..., before the project was designed", "avant
    le démarrage du projet", "anterior a su inicio")? (data/event_cues.json "before_project")"""
    first = _FIRST_SENTENCE.split(e.summary[:400], maxsplit=1)[0]
    return bool(_words_rx("before_project").search(first))


_NOT_ORGANISING = re.compile(r"\s*(?:(?:the\s+|l['\u2019]|la\s+)?(?:co-?)?organi[sz]|l['\u2019]organisation|"
                             r"la\s+organizaci)", re.I)


@lru_cache(maxsize=1)
def _attended_rx() -> re.Pattern[str]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    subject = "|".join(sorted(data["own_subject"]["words"] + data["project_team"]["words"], key=len, reverse=True))
    verb = "|".join(sorted(data["attended_elsewhere"]["words"], key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{subject})(?:\s+[\w\u00e0-\u00ff]+){{0,2}}?\s+(?:{verb})(?!\w)", re.IGNORECASE)


def attended_elsewhere(events: list[Event]) -> list[Event]:
    """The events the project took part in rather than held ("The project also took part in the Global Summit
    organized by OGP", "Le projet a participé au Forum ...", "El proyecto participó en la Conferencia ..."): another
    organisation's, not the project's (data/event_cues.json "attended_elsewhere"). "took part in organizing" is
    the project's own. So is, told with no count, an event another body organised where the project's people were
    present ("El seminario convocado por la CEPAL ... contó con la presencia de nuestro coordinador")."""
    out = []
    for e in events:
        first = _FIRST_SENTENCE.split(e.summary[:400], maxsplit=1)[0]
        m = _attended_rx().search(first)
        if (m and not _NOT_ORGANISING.match(first, m.end())) or _words_rx("project_presented").search(first) \
                or (e.participants is None and _guest_of_another(first)):
            out.append(e)
    return out


@lru_cache(maxsize=1)
def _present_rx() -> re.Pattern[str]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    team = "|".join(sorted(data["project_team"]["words"], key=len, reverse=True))
    present = "|".join(sorted(data["team_present"]["words"], key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{present})\s+(?:{team})(?!\w)", re.IGNORECASE)


def _guest_of_another(sentence: str) -> bool:
    """Does the sentence give its event to another body ("convened by ECLAC", "organisé par la CEA") and tell only
    the project's people present at it ("contó con la presencia de nuestro coordinador", "was attended by our
    director")? The project after "organised by" keeps the event its own."""
    by = _words_rx("organised_by").search(sentence)
    if by is None or not _present_rx().search(sentence, by.end()):
        return False
    after = sentence[by.end():].lstrip()
    own = _words_rx("own_subject").match(after) or _words_rx("project_team").match(after)
    return own is None


def bare_milestones(events: list[Event]) -> list[Event]:
    """The milestones told with neither a venue nor a count of people ("The final report was launched in June
    2024", "The agreement was signed in March 2023"): a step of the project, not an event it held. A launch told
    with its place and the people who came ("launched at a public event in Vientiane ... attended by 120") is one."""
    return [e for e in events if e.type == "milestone" and e.participants is None and e.country is None
            and not e.city]


def placed_milestones(events: list[Event]) -> list[Event]:
    """The milestones told with a venue but no count of people ("The strategy was adopted in Dakar in May 2023"):
    kept as events, but unsure (a step of the project may be told with its place)."""
    return [e for e in events if e.type == "milestone" and e.participants is None and (e.country or e.city)]
