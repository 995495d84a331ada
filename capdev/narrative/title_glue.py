"""What a writer glues to a title, and the lines that look like one and are not.

On layouts the parser has not seen, a title line often carries something else: a title label without its colon
("Title e-Procurement ...", "Intitulé du projet Appui ..."), a form's fill-in dots ("Intitulé ........ Appui ..."), a
project's code in front ("Projet 1819R : Statistiques ...", "MRT/19/002 – Appui ...", "Proyecto BOL/20/003 ·"). Each is
cut off (the code goes to the record's code, a code alone is no title). Other lines are no title at all: a labelled
fact ("Atlas Project Number: 00118342", "Modalidad: virtual (...) |"), a listing's or a page's heading ("Projects under
implementation in 2021", "Activities in the news"), a phase and its status ("Phase 1 — projet terminé"). The words
are data (data/title_words.json: glued_title_labels, title_words_after_title, fact_heads, listing_nouns,
listing_cues, listing_phrases, title_openers, phase_words, event_starts; data/labels.json: the labels, code_patterns
and status_values), in English, French and Spanish.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .code_choice import not_a_code
from .folding import alternation, fold, fold_key
from .labels import LABELS_FILE, default_table, match_label
from .title_evidence import never_reason

_DATA = Path(__file__).with_name("data") / "title_words.json"
_MAX_LINE = 600  # a longer line is no title line: nothing below is tried on it
# A form's fill-in leader between a label and its value: "Intitulé ........ Appui ...", "Title ______ X".
_LEADER = re.compile(r"\s*(?:(?:\.\s?){4,}|\u2026{2,}|_{4,}|(?:\u00b7\s?){4,})\s*")
_SEPARATOR = r"\s*(?:[:|\u00b7\u2022,;]|[-\u2013\u2014](?=\s)|(?<=\s)[-\u2013\u2014])\s*"
_LETTERS = re.compile(r"[^\W\d_]")
# "Proyecto 2023-045:", "Projet 12/2021/04 -": figures joined by a separator after a project word (no period).
_NUMBERED_CODE = re.compile(r"\d{2,6}(?:[./-]\d{1,6}){1,3}")


def _alternation(phrases: list[str]) -> str:
    return alternation(phrases)


@dataclass(frozen=True)
class _Words:
    glued_label: re.Pattern[str]
    fact_head: re.Pattern[str]
    listing_noun: re.Pattern[str]
    listing_cue: re.Pattern[str]
    listing_phrase: re.Pattern[str]
    phase: re.Pattern[str]
    code_front: re.Pattern[str]
    statuses: frozenset[str]
    project_words: re.Pattern[str]
    event_start: re.Pattern[str]
    after_title: re.Pattern[str]
    title_start: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    labels = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    alt = {k: _alternation(v) for k, v in data.items() if isinstance(v, list)}
    # "Title e-Procurement ...": the label, a space, then at least a word (no colon: that is title_choice's label).
    glued = re.compile(rf"^(?:{alt['glued_title_labels']})\s+(?=[^\W_])")
    fact_head = re.compile(rf"^(?:{alt['fact_heads']})\s*(?:\([^)]{{0,30}}\))?\s*$")
    noun = re.compile(rf"(?<![\w'])(?:{alt['listing_nouns']})(?![\w'])")
    # ... or a year the listing is of ("in 2021", "en 2022", "2020-2023"), not "the 2030 Agenda".
    cue = re.compile(rf"(?<![\w'])(?:{alt['listing_cues']})(?![\w'])|(?<![\w'])(?:in|en|for|pour|para|au|al|since|"
                     r"depuis|desde|de|del|as\s+of)\s+(?:19|20)\d\d(?![\d\w])(?!\s+agenda)|(?:19|20)\d\d\s*[-\u2013/]\s*"
                     r"(?:19|20)?\d\d(?!\d)")
    phrase = re.compile(rf"(?<![\w'])(?:{alt['listing_phrases']})(?![\w'])")
    phase = re.compile(rf"^(?:{alt['phase_words']})\s*(?:n[o\u00b0\u00ba]\.?\s*)?"
                       r"(?:\d{1,2}|[ivx]{1,4}|[a-d])(?![\w])")
    shapes = "|".join(f"(?:{p})" for p in labels["code_patterns"])
    project = alt["project_words"]
    # "Projet 1819R : X", "Project No. 2251V - X", "MRT/19/002 – X", "Proyecto BOL/20/003 ·": a code of the table's
    # shapes (or any word of letters and digits after a project word), then a separator or the line's end.
    code_front = re.compile(
        rf"^(?:(?P<word>{project})\s*(?:n[o\u00b0\u00ba]\.?\s*|#\s*)?(?P<any>(?=[\w/.-]*\d)[a-z0-9][\w/.-]{{2,24}})"
        rf"|(?P<code>{shapes.lower()}))(?:{_SEPARATOR}|\s*$)", re.IGNORECASE)
    statuses = frozenset(fold_key(s) for s in labels.get("status_values", []))
    event_start = re.compile(rf"^(?:{alt['event_starts']})(?![\w'])")
    after_title = re.compile(rf"(?:{alt['title_words_after_title']})(?![\w'])")
    return _Words(glued, fact_head, noun, cue, phrase, phase, code_front, statuses, re.compile(rf"(?:{project})"),
                  event_start, after_title, re.compile(rf"^(?:{alt['title_openers']})(?![\w'])"))


@dataclass(frozen=True)
class Unglued:
    title: str  # the title without what was glued to it ('' when the line is no title)
    code: str = ""  # a code that was glued in front of it
    reason: str = ""  # why the line is no title ('' when it may be one)


def _title_label(head: str) -> bool:
    lab = match_label(f"{head.strip()}:", default_table())
    return lab is not None and lab.field == "title" and not head[lab.end - 1 :].strip(" :")


def _label_alone(text: str, end: int) -> bool:
    """After a one-word label ("Title", "Titre", "Título"): is the rest a title of its own (a capital, a digit or
    "e-", and not "Deeds", "foncier", "de propiedad" that make the word part of the title)?"""
    rest = text[end:]
    opens = rest[:1].isupper() or rest[:1].isdigit() or re.match(r"[a-z]{1,2}-\w", rest) is not None
    return opens and not _words().after_title.match(fold(rest).lower())


def unglue(line: str) -> Unglued:
    """The line without a label, fill-in dots or a code glued to its title; or why it is no title at all."""
    text = " ".join(line.split())
    if not text or len(text) > _MAX_LINE:
        return Unglued(text)
    leader = _LEADER.search(text)
    if leader and leader.start() > 0:
        head, value = text[: leader.start()], text[leader.end() :].strip()
        if not _title_label(head):
            return Unglued("", reason="a labelled fact")  # "Référence de la convention ........ FED/2023/447-118"
        text = value
    fact = labelled_fact(text)
    if fact:
        return Unglued("", reason=fact)
    folded = fold(text).lower()
    m = _words().glued_label.match(folded)
    if m and len(text[m.end() :].split()) >= 2 and (" " in folded[: m.end()].strip() or _label_alone(text, m.end())):
        text = text[m.end() :]
        folded = folded[m.end() :]
    code = ""
    m = _words().code_front.match(folded)
    if m and (m.group("code") or _LETTERS.search(m.group("any")) or re.fullmatch(r"\d{5,12}", m.group("any")) or (
            _NUMBERED_CODE.fullmatch(m.group("any")) and not _PERIOD.fullmatch(m.group("any")))):
        code = text[m.start("code" if m.group("code") else "any") : m.end("code" if m.group("code") else "any")]
        rest = text[m.end() :].strip(" :|\u00b7\u2022-\u2013\u2014")
        if not rest or not _LETTERS.search(rest):
            return Unglued("", code.strip(".-/"), "a code alone")
        text = rest
        code = code.strip(".-/")
    if not code:
        text, code = _code_behind(text)
    return Unglued(text, code, not_a_title(text))


# "Appui à la stratégie numérique (2223M)", "Gender-Responsive Service Delivery [2022-GRPS-04]": a code in brackets
# closing the title line, letters or separators with digits, no spaces; never a period ("(2020-2023)"), a year or
# an acronym ("(PADDL II)"), nor a name with a number ("(COVID-19)", "(G20)").
_CODE_BEHIND = re.compile(r"\s*[(\[]\s*(?:(?:code|ref\.?|n[o\u00b0\u00ba]\.?)\s*:?\s*)?"
                          r"(?P<code>[A-Za-z0-9][A-Za-z0-9./_-]{2,22}[A-Za-z0-9])\s*[)\]]\s*$", re.IGNORECASE)
_PERIOD = re.compile(r"(?:19|20)\d\d(?:\s*[-/\u2013]\s*(?:19|20)?\d\d)?")


def _code_behind(text: str) -> tuple[str, str]:
    m = _CODE_BEHIND.search(text)
    if m is None or m.start() == 0:
        return text, ""
    code = m.group("code")
    digits, parts = len(re.findall(r"\d", code)), len(re.split(r"[./_-]", code))
    if not digits or (digits < 3 and parts < 3) or _PERIOD.fullmatch(code):
        return text, ""  # "(G20)", "(COVID-19)": a name, not a code
    if not_a_code(code) or len(_LETTERS.findall(text[: m.start()])) < 8:
        return text, ""
    return text[: m.start()].rstrip(" -\u2013:"), code


def labelled_fact(text: str) -> str:
    """'a labelled fact' when the line is 'head: value' and the head is a label of a field other than the title (or
    one of fact_heads); '' otherwise ("E-Government: Building Capacity ..." may be a title and its subtitle)."""
    colon = text.find(":")
    if colon <= 0 or colon > 60:
        return ""
    head = text[:colon].strip(" *_#")
    lab = match_label(f"{head}:", default_table())
    if lab is not None and lab.field != "title" and not head[lab.end - 1 :].strip(" :)"):
        return "a labelled fact"
    if _words().fact_head.match(fold(head).lower()):
        return "a labelled fact"
    value = text[colon + 1 :].strip(" |*_")
    if value and len(head.split()) <= 6 and (not_a_code(value) or never_reason(value) == "a code or a placeholder"):
        return "a labelled fact"  # "Grant approved: USD 250,000", "Award: 00118342", "Signed on: 3 May 2022"
    return ""


def not_a_title(text: str) -> str:
    """Why this (cleaned) line is a listing's or a page's heading, or a phase's status ('' when it may be a title)."""
    w = _words()
    folded = fold(" ".join(text.split())).lower().strip(" .:*_#")
    if not folded or len(folded) > _MAX_LINE:
        return ""
    if w.listing_phrase.search(folded) and len(folded.split()) <= 8:
        return "a listing's or a page's heading"
    if (w.listing_noun.search(folded) and w.listing_cue.search(folded) and len(folded.split()) <= 14
            and not w.title_start.match(folded)):
        return "a listing's or a page's heading"
    phase = w.phase.match(folded)
    if phase:
        rest = re.sub(r"^[\s:|\u00b7\u2022,;.\u2013\u2014-]+", "", folded[phase.end() :])
        rest = w.project_words.sub("", rest).strip(" :.-")
        if not rest or fold_key(rest) in w.statuses or any(fold_key(p) in w.statuses for p in rest.split()):
            return "a phase and its status"
    return ""


def status_words() -> frozenset[str]:
    """The folded status values (data/labels.json status_values): "ongoing", "en cours", "en ejecución"."""
    return _words().statuses


def event_name(text: str) -> bool:
    """Does the line begin as an event's name ("Regional Workshop on ...", "Atelier sur ...", "Taller de ...")?"""
    return bool(_words().event_start.match(fold(" ".join(text.split())).lower()))


_HEAD_SPAN = 600  # a record's first lines


def head_code(text: str) -> str:
    """The code in brackets closing one of a record's first lines, its head line ("ACTA N.º 7/2024 / ... / Programa
    de Modernización del Servicio Civil (PY-SC-2022-04)"), where no label gave the record one; '' when none does."""
    for line in text[:_HEAD_SPAN].splitlines():
        line = line.strip()
        if line.endswith((")", "]")):
            code = unglue(line).code
            if code and line.endswith((f"{code})", f"{code}]")):
                return code
    return ""
