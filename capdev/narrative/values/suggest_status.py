"""A suggested status for a found record that has none once every rule has read it (round 15), in English, French
and Spanish: what the record's own text tells of its project's course, placed FLAGGED with what it was read from
("suggested: planned, 'will be launched in 2026'"), never over a status a rule placed (it is called last, from
values.status_dates.infer_status, after the section headings and the dates), and nothing when the evidence is split.

Evidence, by the words of the language and the structure of the text (data/status_course.json):
- the tense and aspect of the verbs that tell the project's course, in sentences where the project (its name, its
  acronym, "the project", "le programme", "el proyecto", or a pronoun right after a sentence about it) is the
  subject: "will be implemented", "sera mis en œuvre", "se llevará a cabo" (planned); "is being implemented", "runs
  until", "en cours depuis", "se está ejecutando", or a start told in the past with an end to come (active); "was
  completed", "s'est achevé", "concluyó" (completed). A start told with its date ("the launch of the project in
  March 2027", "du démarrage, en juillet 2026, du Programme") is read against the document's date: to come,
  planned; less than a year past, active. A sentence that names another project (another code: "El proyecto
  FGB-21-09"), an earlier phase, an act's article (it prescribes), or whose verb follows another subject (a
  workshop, an evaluation, an agency named "Programme") gives nothing; nor does a simple present passive ("is
  implemented by": who, not when);
- what the document heading the record is (a proposal, a concept note: planned; a progress report, a mid-term
  review: active; a final report, an evaluation: completed), beside values.status_genres;
- the record's period against the document's date: a suggestion the dates contradict is dropped.
A record told in table rows or lists only (no sentence) gets nothing."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import alternation, fold
from ..types import PartialDate
from . import dates as _dates
from .earlier_phases import EARLIER
from .prose_facts import others_before
from .status_prose import elsewhere, foretold, plain, pronoun_subject

__all__ = ["course_status", "genre_head_status", "suggest_status"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "status_course.json"
_KINDS = ("started", "ongoing", "future_end", "future_start", "ended")
_REACH = 140  # a verb of the project's course follows its subject closely
_HEAD_LINES = 4
_MAX_HEADING = 140
_QUOTED = 6  # words quoted in a flag
_RECENT = 366  # days: a project begun this close before the document's date is under way
# A start named by a noun before the project: "the launch of the project", "du démarrage, en juillet 2026, du
# Programme", "el lanzamiento del proyecto".
_START_NOUN = re.compile(r"(?<![\w-])(?:launch(?:ing)?|start|kick-?off|inception|lancement|demarrage|lanzamiento|"
                         r"inicio|arranque)(?:\s+(?:officiel|oficial|official))?(?![\w-])", re.IGNORECASE)
_OF = re.compile(r"(?:^|\s)(?:of|du|de|del|de\s+la|de\s+l')\s*$|^\s*(?:du|del)\s", re.IGNORECASE)


def _alt(words) -> str:
    # "mis en oeuvre" is also written "mis en \u0153uvre" (one letter, not folded)
    return alternation(words, letters={"oe": "(?:oe|\u0153)"})


@functools.cache
def _rx() -> dict[str, re.Pattern[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    out = {k: re.compile(rf"(?<![\w'-])(?:{_alt(data[k])})(?![\w-])", re.IGNORECASE) for k in _KINDS}
    for cat, words in data["genres"].items():
        out["genre_" + cat] = re.compile(
            rf"^(?:(?:project|projet|proyecto|programme|programa|final|finale)\s+)?(?:{_alt(words)})"
            rf"(?:\s*$|\s*[:\u2013\u2014-]\s|\s+(?:\(|no\b|n°|nº|for|of|on|du|de|del|des|pour|para|sur|sobre)\b)",
            re.IGNORECASE)
    return out


# The project as a subject: "the project", "ce programme", "el proyecto", "la iniciativa" (with up to five capitalised
# words of its name between), never "a project" (any project) nor a project named as another ("the previous project").
_PROJECT = re.compile(r"(?<![\w'-])(?:(?:the|this|our|le|ce|cet|cette|la|notre|el|este|esta|nuestro|nuestra|du|au|"
                      r"del|al)\s+|l')(?:(?!(?:of|de|del|du|des|la|le|for|para|pour|and|et|y|in|en)\s)[a-z][\w-]*\s+)"
                      r"{0,2}?(?:(?-i:[A-Z][\w'-]*)\s+){0,5}?(?:project|programme|program|initiative|projet|proyecto|"
                      r"programa|iniciativa)(?![\w'-])(?!\s*'s\b)", re.IGNORECASE)
# A project after "of", "du", "del": a complement ("the evaluation of the project"), no subject.
_COMPLEMENT = re.compile(r"(?<![\w-])(?:of|for|under|within|by|from|to|de|du|des|del|pour|par|sous|para|por|bajo|"
                         r"with|avec|con|in|en|dans|on|sur|sobre|a|au|al)\s*$", re.IGNORECASE)
_OTHER = re.compile(r"(?<![\w-])(?:previous|earlier|prior|former|preceding|predecessor|first|sister|another|other|"
                    r"parent|precedente?|anterieure?|premiere?|ancienne?|autres?|anterior|previ[oa]|primer[oa]?|"
                    r"otr[oa]s?|predecesor|successor|new|nouveau|nouvelle|nuev[oa]|follow-up|second|seconde|segund[oa]|"
                    r"suivant|siguiente)(?![\w-])", re.IGNORECASE)
# Where a sentence ends: a stop before a space, or a blank line; a line of a table is no sentence.
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\s*\n")
_TABLE_LINE = re.compile(r"\||\t|;;|\S {3,}\S.* {3,}\S|\.{4,}|^\s*[-=_*\u2500\u2550]{4,}\s*$")
_ARTICLE = re.compile(r"\s*(?:article|articulo|art\.)\s*(?:\d+|premier|1er|primero|unique|unico)\b", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"(?:article|articulo|art\.)\s*(?:\d+|premier|1er|primero|unique|unico)\s*[.:-]?\s*$",
                             re.IGNORECASE)
_TRANSITIVE = re.compile(r"^\s+(?:a|an|the|its|their|un|une|le|la|les|el|los|las|sus?|ses|leurs?)\b(?!\s+\d)",
                         re.IGNORECASE)


def _prose(text: str) -> str:
    """The record's prose, its wrapped lines joined: table lines and lines of a list become blank lines (same
    length, same offsets)."""
    lines = text.split("\n")
    kept = [(" " * len(ln)) if _TABLE_LINE.search(ln) or len(ln.split()) < 3 else ln for ln in lines]
    return "\n".join(kept)


# A body named "Programme" ("United Nations Development Programme (UNDP)"): its acronym is no project's.
_AGENCY = re.compile(r"(?:united\s+nations|nations\s+unies|naciones\s+unidas|(?:development|environment|food|"
                     r"settlements)\s+programme|programme\s+des\s+nations|programa\s+de\s+las\s+naciones)",
                     re.IGNORECASE)


def _names(title: str | None, text: str) -> re.Pattern[str] | None:
    """The record's own name as a subject: its acronym ("(PARGC)", told after a project word) and the first words of
    its title."""
    alts = []
    for m in re.finditer(r"\(([A-Z][A-Za-z]*[A-Z][\w-]*)\)", text):
        before = fold(text[max(0, m.start() - 250) : m.start()]).lower()
        if re.search(r"(?:project|programme|program|projet|proyecto|programa|initiative|iniciativa)", before) \
                and not _AGENCY.search(before[-80:]):
            alts.append(re.escape(m.group(1)))
    words = re.findall(r"[\w'-]+", fold(title or ""))
    if len(words) >= 3:
        alts.append(r"\W+".join(re.escape(w) for w in words[:4]))
    if not alts:
        return None
    return re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(set(alts), key=len, reverse=True))})(?![\w-])", re.IGNORECASE)


# A project named by its code after the project word ("El proyecto FGB-21-09 concluyó"): a code the record's head
# does not give is another project's.
_CODE_AFTER = re.compile(r"\s+\(?([A-Z0-9][A-Z0-9/.-]*\d[A-Z0-9/.-]*)")


def _subjects(sentence: str, names: re.Pattern[str] | None, head: str = "") -> list[re.Match[str]]:
    found = [m for m in _PROJECT.finditer(sentence) if not _AGENCY.search(sentence, m.start(), m.end() + 25)
             and not ((c := _CODE_AFTER.match(sentence, m.end())) and c.group(1).rstrip(".") not in head)]
    if names is not None:
        found += list(names.finditer(sentence))
    return sorted((m for m in found if not _COMPLEMENT.search(sentence, max(0, m.start() - 12), m.start())
                   and not re.match(r"(?:du|au|del|al)\s", m.group(0), re.IGNORECASE)), key=lambda m: m.start())


def _cues(sentence: str, subject_start: int, subject_end: int) -> list[tuple[str, int, int]]:
    """The verbs of the project's course after its subject in the sentence (kind, start, end)."""
    out = []
    for kind in _KINDS:
        for m in _rx()[kind].finditer(sentence, subject_end, subject_end + _REACH):
            if elsewhere(sentence, subject_start, subject_end, m.start()) or others_before(sentence, 0, m.start()):
                continue  # "the project's workshop ended", "a previous project, which closed"
            if kind == "ended" and (foretold(sentence, m.start()) or _TRANSITIVE.match(sentence[m.end() :])):
                continue  # "once completed", "completed its first phase"
            out.append((kind, m.start(), m.end()))
    # Cues that overlap: the first and longest ("will be launched in" is no "launched in").
    kept: list[tuple[str, int, int]] = []
    for c in sorted(out, key=lambda c: (c[1], c[1] - c[2])):
        if not kept or c[1] >= kept[-1][2]:
            kept.append(c)
    return kept


def course_status(text: str, title: str | None = None, when: PartialDate | None = None,
                  code: str | None = None) -> tuple[str, str] | None:
    """(category, the words it was read from) that the record's own sentences tell of its project's course, or None
    (no such sentence, or sentences that say two things). A start told with its date, and nothing else, gives a
    status against the document's date (when): planned if it is to come, active if it is less than a year past."""
    prose = _prose(text if isinstance(text, str) else "")  # its acronym: _names (values.project_aliases takes any)
    folded = fold(prose)
    names = _names(title, prose)
    # where the record gives its own code: its code field, else its first lines
    head = fold(code) if code else "\n".join([ln for ln in fold(text or "").splitlines() if ln.strip()][:3])
    kinds: dict[str, str] = {}
    starts: list[tuple[PartialDate, str]] = []  # a start told with its date
    told = False  # did the sentence before tell of the project?
    bounds = [0] + [x for m in _SENTENCE.finditer(folded) for x in (m.start(), m.end())] + [len(folded)]
    for lo, hi in zip(bounds[::2], bounds[1::2]):
        sentence = plain(folded[lo:hi].replace("\n", " "))  # "was successfully completed": "was completed"
        if not sentence.strip():
            told = False
            continue
        if _ARTICLE.match(sentence) or _ARTICLE_BEFORE.search(folded, max(0, lo - 24), lo):
            told = False
            continue  # "Article 2 : Le projet est mis en œuvre par ...": an act prescribes, it does not tell
        if _OTHER.search(sentence) and (EARLIER.search(sentence) or re.search(
                r"(?:project|projet|proyecto|programme|programa)", sentence, re.IGNORECASE)):
            told = False
            continue  # a sentence that names another project or an earlier phase is no evidence
        subjects = _subjects(sentence, names, head)
        if not subjects and told and (p := pronoun_subject(sentence)) and p.group(0).strip():
            subjects = [p]
        told = bool(subjects)
        for s in subjects:
            for kind, start, end in _cues(sentence, s.start(), s.end()):
                kinds.setdefault(kind, _quote(prose[lo + start : hi]))
                if kind == "started":
                    starts += [(d, _quote(prose[lo + start : hi])) for d in _one_date(sentence[end : end + 40])]
        mentions = [m for m in _PROJECT.finditer(sentence) if not _AGENCY.search(sentence, m.start(), m.end() + 25)]
        mentions += list(names.finditer(sentence)) if names else []
        noun = next((n for n in _START_NOUN.finditer(sentence) if any(
            0 <= m.start() - n.end() <= 40 and (_OF.search(sentence, n.end(), m.start()) or _OF.match(m.group(0)))
            for m in mentions)), None)
        if noun and not EARLIER.search(sentence):
            starts += [(d, _quote(prose[lo + noun.start() : hi])) for d in _one_date(sentence)]
    return _decide(kinds) or _dated_start(kinds, starts, when)


def _one_date(text: str) -> list[PartialDate]:
    found = [m.range.start for m in _dates.find_dates(text) if m.range.start is not None]
    return found[:1] if len(set(found)) == 1 else []


def _dated_start(kinds: dict[str, str], starts: list[tuple[PartialDate, str]], when) -> tuple[str, str] | None:
    if when is None or not starts or set(kinds) - {"started"} or len({d for d, _ in starts}) > 1:
        return None
    date, words = starts[0]
    if date.first_day() > when.last_day():
        return "planned", words
    if 0 <= (when.first_day() - date.last_day()).days <= _RECENT:
        return "active", words
    return None


def _quote(words: str) -> str:
    """The verb and the three words after it ("will be launched in 2026")."""
    return " ".join(re.split(r"(?<=[.;!?])\s", " ".join(words.split()))[0].split()[:_QUOTED]).rstrip(",;:.")


def _decide(kinds: dict[str, str]) -> tuple[str, str] | None:
    have = set(kinds)
    if have == {"ended"}:
        return "completed", kinds["ended"]
    if "future_start" in have and not have & {"started", "ongoing", "ended"}:
        return "planned", kinds["future_start"]
    if (have & {"ongoing"} or have >= {"started", "future_end"}) and not have & {"ended", "future_start"}:
        return "active", kinds.get("ongoing") or kinds["started"]
    return None


def genre_head_status(text: str) -> tuple[str, str] | None:
    """(category, the heading) when one of the record's first lines says what the document is (a proposal, a
    progress report, a final evaluation), after a label or not ("dc.title  Final evaluation report: ...")."""
    rx = _rx()
    lines = [ln.strip(" \t*#_|=") for ln in (text or "")[:1500].splitlines()]
    for line in [ln for ln in lines if any(c.isalnum() for c in ln)][:_HEAD_LINES]:
        if len(line) > _MAX_HEADING:
            continue
        folded = " ".join(fold(line).split())
        bare = re.sub(r"^[\w.]+(?:\s+[\w.]+){0,2}\s*:\s+|^[\w.]+\s{2,}", "", " ".join(fold(line).split(" ")).strip())
        for candidate in (folded, " ".join(bare.split())):
            found = [cat for cat in ("planned", "active", "completed") if rx["genre_" + cat].match(candidate)]
            if len(found) == 1:
                return found[0], " ".join(line.split())[:60]
    return None


def _agrees(category: str, start: PartialDate | None, end: PartialDate | None, when: PartialDate | None) -> bool:
    """Does the record's period allow the category at the document's date (none known: yes)?"""
    if when is None:
        return True
    first, last = when.first_day(), when.last_day()
    if category == "planned":
        return start is None or start.first_day() > first
    if category == "completed":
        return end is None or end.last_day() <= last
    return (start is None or start.first_day() <= last) and (end is None or end.last_day() >= first)


def suggest_status(record, when: PartialDate | None) -> None:
    """Place, flagged, the status the record's own text suggests, where no rule placed one."""
    text = record.text if isinstance(record.text, str) else ""
    if record.status or not text.strip():
        return
    found = [f for f in (course_status(text, record.title, when, record.code), genre_head_status(text)) if f]
    if not found or len({f[0] for f in found}) > 1:
        return
    category, words = found[0]
    if not _agrees(category, record.start, record.end, when):
        return
    record.status = category
    record.flag("status", f"suggested: {category}, '{words}'")
