"""Every sentence of a record reaches a field a reader sees, or is flagged (#19: facts that never reach the page).

A sentence the parser places nowhere visible is lost to readers even though the source text keeps it (the seed's
"With the support of the Department for Public Sector Modernization, three workshops were organized in Saint Lucia"
was in no field, and no flag said so). The fields checked are those the loader writes to the public page and the
API: title, summary, objective, background, beneficiaries, lists, outcomes, thematic areas, partners and each
activity's title and summary; partners_text and unparsed are internal, so what sits only there must be flagged."""
from __future__ import annotations

import re
from functools import cache

import pytest

from capdev.narrative import parse_file, parse_text
from capdev.narrative.labels import match_label
from capdev.narrative.types import Record

from ._shared import FILES, SEED

_SENTENCE = re.compile(r"[^.!?\r\n]{20,}?[.!?](?=\s|$)")
_MARKER = re.compile(r"\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)")  # "(b)": a list's marker, not shown with its item
_WORDS = re.compile(r"[^\W_]+")


_JOINERS = frozenset({"and", "et", "y", "or", "ou", "o"})  # "...; and (c) ...": where a list is split into items


def _words(text: str) -> str:
    return " ".join(w for w in _WORDS.findall(text.casefold()) if w not in _JOINERS)


def _shown(record: Record) -> str:
    parts = [record.title or "", record.summary, record.objective, record.background,
             record.beneficiaries_direct or "", record.beneficiaries_indirect or "", *record.expected_accomplishments,
             *record.planned_activities, *record.key_accomplishments, *(o.text for o in record.outcomes),
             *record.thematic_areas]
    for e in record.activities:
        parts += [e.title or "", e.summary or ""]
    for p in record.partners:  # the page lists each partner, as read and as written
        parts += [p.name or "", p.acronym or "", p.text or ""]
    return _words(_MARKER.sub(" ", " ".join(p for p in parts if p)))


def lost_sentences(record: Record) -> list[str]:
    """Sentences of the record's narrative found in no shown field and quoted by no flag."""
    shown = _shown(record)
    flagged = _words(" ".join(f.reason for f in record.flags))
    lost = []
    for m in _SENTENCE.finditer(record.text):
        sentence = m.group(0).strip()
        label = match_label(sentence)
        if label is not None and label.colon:
            sentence = sentence[label.value_start :]  # "OBJECTIVE - To strengthen ...": the value, not its label
        if len(sentence.split()) < 6 or re.match(r"[^.]{0,40}:", sentence):
            continue  # a short labelled fact ("Budget: ...") is read into its field, not shown as text
        words = _words(_MARKER.sub(" ", sentence)).split()
        grams = [" ".join(words[i : i + 3]) for i in range(len(words) - 2)]
        # Shown when nearly all its runs of three words are (a sentence telling two events is shown as two
        # summaries, a list as its items), or when a flag quotes its opening.
        found = sum(1 for g in grams if g in shown)
        if found < 0.8 * len(grams) and " ".join(words)[:60] not in flagged:
            lost.append(sentence)
    return lost


@cache
def _seed() -> list[Record]:
    return parse_file(SEED)


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed is not on this machine (../shared/seeds)")
def test_every_sentence_of_the_seed_reaches_the_page_or_a_flag() -> None:
    lost = {r.index: lost_sentences(r) for r in _seed()}
    assert not {i: s for i, s in lost.items() if s}


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed is not on this machine (../shared/seeds)")
def test_the_saint_lucia_workshops_reach_the_background_with_a_flag() -> None:
    record = next(r for r in _seed() if "Saint Lucia" in r.text)
    sentence = "With the support of the Department for Public Sector Modernization, three workshops were organized"
    assert sentence in record.background
    assert any(f.field == "background" and "With the support of the Department" in f.reason for f in record.flags)


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed is not on this machine (../shared/seeds)")
def test_the_igf_partners_description_is_kept_as_text() -> None:
    igf = [r for r in _seed() if "Internet community" in r.text]
    assert igf
    for record in igf:
        assert "the private sector; civil society, academia and the Internet community" in record.background
        assert any(f.field == "partners" and "described in words" in f.reason for f in record.flags)


@pytest.mark.parametrize("name", sorted(p.name for p in (FILES / "layouts").glob("*.txt")))
def test_every_sentence_of_a_layout_file_reaches_the_page_or_a_flag(name: str) -> None:
    lost = [(r.index, s) for r in parse_file(FILES / "layouts" / name) for s in lost_sentences(r)]
    assert not lost


def test_sentences_an_event_line_says_beyond_its_event_are_kept() -> None:
    record = parse_text("Title: Service charters\nTime Frame: January 2021 - December 2022\n"
                        "Working with the national school of administration, the team drafted a charter template. "
                        "In March 2021, a workshop was held in Lusaka, Zambia, with 30 participants.\n")[0]
    assert "the team drafted a charter template" in record.background
    assert any("Working with the national school" in f.reason for f in record.flags)
