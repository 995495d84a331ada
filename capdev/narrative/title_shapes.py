"""Does a value placed as a project's title read as one?

A title is not a label and its value ("Due: 2027-01-15 (...)", "LIST: IN IMPLEMENTATION (1 card)", "Observations :
le registre papier fait foi"), not a letter's salutation or sentence ("Estimados colegas:", "Dear colleagues,",
"Madame, Monsieur"), not a document's own heading ("Rapport d'avancement n° 4"), and not cut inside a bracket. Real
titles with a colon ("e-Government: a strategy for ...", "Servicio civil digital: plataforma de reclutamiento"),
in capitals, or with a year ("Census 2030 readiness") pass. The words are the data's (labels.json,
title_words.json, title_documents.json, value_shapes.json), in English, French and Spanish alike.
"""
from __future__ import annotations

import functools
import re

from .folding import fold
from .labels import inline_labels, match_label
from .org_shapes import _json, post_rx, sentence_verbs
from .title_documents import document_title
from .title_not_names import not_a_name
from .values.dates import find_dates
from .values.money import money_spans
from .values.orgs import resolve_organisation
from .values.person_names import is_person

MAX_TITLE = 250  # characters: a longer "title" is a paragraph (the longest title of the dev corpora has 134)
# Months and quarters (EN, FR, ES, short and long), numbers: what is left of a title without them has words.
_DATES_AND_MARKS = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|fevr|avr|mai|juin|"
                              r"juil|aout|ene|abr|ago|dic)[a-z]*\.?|\b[qst][1-4]\b|\d+")
# "Head: rest" or "Head : rest" (French spacing), the head a few words at most.
_HEAD = re.compile(r"^\W{0,3}([^\W\d_][^:\n]{0,40}?)\s*[:\uff1a]\s*(\S.*)$", re.DOTALL)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text).casefold()).strip(" .*_#-")


@functools.cache
def _label_heads() -> frozenset[str]:
    """Heads that make "Head: value" a label and its value: every label of labels.json, a form's and a tracker's
    words (title_words.json fact_heads, email_headers; value_shapes.json title_label_heads)."""
    labels = _json("labels.json")
    heads: set[str] = set()
    for key, value in labels.items():
        if key.startswith("labels") and isinstance(value, dict):
            heads.update(value)
    words = _json("title_words.json")
    heads.update(words["fact_heads"])
    heads.update(h for h in words["email_headers"] if len(h) > 2)
    heads.update(_json("value_shapes.json")["title_label_heads"])
    heads.update(words["subject_prefixes"])
    return frozenset(_key(h) for h in heads)


@functools.cache
def _section_headings() -> frozenset[str]:
    """A page's section headings alone ("Background", "Objectifs", "Antecedentes"): title_words.json."""
    words = _json("title_words.json")
    return frozenset(_key(w) for w in (*words["section_headings"], *words["section_openings"]))


@functools.cache
def _letter_rx() -> re.Pattern[str]:
    words = sorted((re.escape(_key(w)) for w in _json("title_words.json")["letter_words"]), key=len, reverse=True)
    return re.compile(rf"^\W*(?:{'|'.join(words)})\b")


@functools.cache
def _genre_rx() -> re.Pattern[str]:
    words = sorted((re.escape(_key(w)) for w in _json("value_shapes.json")["genre_openings"]), key=len, reverse=True)
    return re.compile(rf"^\W*(?:{'|'.join(words)})\b")


@functools.cache
def _count_rx() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, _json("value_shapes.json")["item_counts"]), key=len, reverse=True))
    return re.compile(rf"\(\s*\d+\s+(?:{words})\s*\)\s*$")


def _dated_value(rest: str) -> bool:
    """Does the value after a head open with a date to the day or the month ("2027-01-15", "15 janvier 2027")?"""
    found = find_dates(rest[:60])
    if not found or found[0].start > 2 or found[0].range is None:
        return False
    start = found[0].range.start or found[0].range.end
    return start is not None and start.month is not None


def title_fault(title: str) -> str:
    """Why a value placed as a title does not read as one, or "" when it does."""
    title = (title or "").strip()
    if not title:
        return ""
    key = _key(title)
    if _letter_rx().match(key):
        return "a letter's salutation or sentence, not a title"
    if _count_rx().search(key):
        return "a board's column and its count, not a title"
    if _genre_rx().match(key):
        return "a document's own heading (its genre), not a project's title"
    if key in _section_headings():
        return "a section's heading, not a project's title"
    head = _HEAD.match(title)
    if head:
        if _key(head.group(1)) in _label_heads():
            return f"a label and its value (“{head.group(1).strip()}:”), not a title"
        if _dated_value(head.group(2)):
            return "a label and its date, not a title"
    label = match_label(title)
    if label is not None and label.colon and label.value_start < len(title):
        return f"a label and its value (“{title[:label.end].strip()}”), not a title"
    if key in _label_heads():
        return "a label, not a title"
    inline = [(at, m) for at, m in inline_labels(title, 0, loose=True) if m.colon]
    if inline:
        at, m = inline[0]
        return f"it runs on into another field's label (“{title[at:at + m.end].strip()}”)"
    if money_spans(title):
        return "it holds an amount"
    if any(m.range and m.range.start and m.range.start.day for m in find_dates(title)):
        return "it holds a date to the day (an event's or a document's)"
    if re.search(r"@\w|https?://|\bwww\.", title):
        return "a web or mail address, not a title"
    if len(title) > MAX_TITLE:
        return "a paragraph, too long for a title"
    if is_person(title):
        return "a person's name, not a title"
    if resolve_organisation(title):
        return "an organisation's name, not a project's title"
    if post_rx().match(key):
        return "a person's post (a vacancy's heading), not a project's title"
    words = re.findall(r"[^\W\d_]+", title)
    if len(words) >= 4 and any(fold(w).casefold() in sentence_verbs() for w in words[1:] if w[:1].islower()):
        return "a sentence, not a title"
    if title.rstrip().endswith(":"):
        return "it ends with a colon: it introduces what follows"
    if not re.search(r"[^\W\d_]{3,}", _DATES_AND_MARKS.sub(" ", fold(title))):
        return "no words but dates and numbers, not a title"
    if title.count("(") > title.count(")"):
        return "cut inside a bracket"
    if document_title(title):
        return "a document's own heading, not a project's title"
    return not_a_name(title, "label")
