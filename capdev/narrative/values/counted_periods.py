"""A project's period as a sentence counts it: a length and the day it is counted from ("The project will run over
36 months starting in March 2021", "le projet, d'une durée de vingt-quatre mois à compter du 1er avril 2022", "el
proyecto, con una duración de 18 meses a partir de enero de 2022"), or its verb of beginning does ("le PAMEC a
démarré en septembre 2022 pour une durée de 48 mois").

The start is the date as written; the end is counted from the length (values.dates: 36 months from 15 March end on
14 March, from March on the February), which the record flags as read from prose. Only when the project is the
sentence's subject (as values.prose_periods decides it): a 12-month fellowship, a workshop or a phase counted from
a date gives nothing, nor a length in days or weeks, nor a sentence that gives two lengths or two starts.
"""
from __future__ import annotations

import functools
import re

from ..folding import fold
from ..types import PartialDate
from . import dates as _dates
from . import prose_periods as _periods
from .project_aliases import named_as_project
from .prose_facts import _cue_pattern, cues
from .spelled_dates import _RUN, _value
from .wrapped_lines import rejoin


@functools.cache
def _start_rx() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?:{_cue_pattern(cues()['count_starts'])})['\s,:]*$", re.IGNORECASE)


@functools.cache
def _length_rx() -> re.Pattern[str]:
    """"36 months", "24 mois", "a three-year", "dieciocho (18) meses", "trois ans": a number and its unit."""
    units = _cue_pattern(cues()["duration_words"] + [w.rstrip("s") for w in cues()["duration_words"]])
    return re.compile(rf"(?<![\w-])(?P<n>\d{{1,3}}|[a-z]+(?:-[a-z]+)*)(?:\s*\(\d{{1,3}}\))?[\s-]+(?P<unit>{units})"
                      r"(?![\w-])", re.IGNORECASE)


def _months(m: re.Match[str]) -> int | None:
    """The length a match says, in months; None for words that are no number ("several months")."""
    word = m.group("n")
    n = int(word) if word.isdigit() else (_value(word) if _RUN.fullmatch(word) else None)
    if not n or n > 120:
        return None
    return n if fold(m.group("unit")).lower().startswith(("month", "mois", "mes")) else n * 12


@functools.cache
def _project_word_rx() -> re.Pattern[str]:
    return re.compile(rf"[\s,;:()-]*(?:(?:{_cue_pattern(cues()['project_words'])})(?![\w-])|[.;)]|$)", re.IGNORECASE)


@functools.cache
def _owner_rx() -> re.Pattern[str]:
    """"un stage de", "una beca de", "a fellowship of": a noun whose length the one after it is; "une durée de",
    "un período de", "the project of" say the project's."""
    own = _cue_pattern(cues()["length_nouns"] + cues()["project_words"])
    return re.compile(rf"(?<![\w'-])(?!(?:{own})(?![\w-]))([a-z\u00e0-\u00ff]{{3,}})\s+(?:de|d'|of|del)\s*$",
                      re.IGNORECASE)


def _the_projects_length(folded: str, length: re.Match[str], cue_at: int) -> bool:
    """Is the length the project's: followed by the start's cue ("36 months starting in"), by the project's name
    ("a three-year project") or by the end of a clause, and not another thing's ("a 12-month fellowship starting
    in March 2022", "un stage de 6 mois à compter du ...")?"""
    if _owner_rx().search(folded, max(0, length.start() - 30), length.start()):
        return False
    end = length.end()
    return not folded[end:cue_at].strip(" ,") or bool(_project_word_rx().match(folded, end))


# Between a verb's date and the length it runs for: "pour une durée de", "and will run for", "y tendrá una duración
# de", "et durera", ", for" (folded: no accents).
_LENGTH_AFTER = re.compile(r"[\s,]*(?:(?:and|et|y)\s+)?(?:(?:will\s+)?(?:run|last)s?\s+|durera\s+|tendra\s+|aura\s+|"
                           r"con\s+|avec\s+|with\s+)?(?:(?:for|over|pour|sur|durant|pendant|por|durante|of|de|d')\s*)?"
                           r"(?:(?:a|an|une|un|una)\s+)?(?:(?:total\s+)?(?:duration|period|term|duree|periode|duracion|"
                           r"periodo|plazo)\s+(?:(?:totale?|prevue?|prevista|previsto|planned)\s+)?(?:of|de|d')\s*)?",
                           re.IGNORECASE)


def counted_period(text: str) -> tuple[PartialDate | None, PartialDate | None]:
    """(start, end) of the one sentence that gives the project a length counted from a date; (None, None) when no
    sentence does, or two give different periods."""
    text = rejoin(named_as_project(text))  # "Le PGNS" is the project; a wrapped sentence is one
    folded = fold(text)
    spans = _periods.sentences(text)
    found: set[tuple[PartialDate, PartialDate]] = set()
    for mention, (lo, hi), _si, before in _periods._project_dates(text, folded, spans):
        r = mention.range
        # "à compter du 1er avril 2022", or the project's verb of beginning ("a démarré en septembre 2022 pour une
        # durée de 48 mois", "started in March 2023 for 24 months", "se inició en mayo de 2024 por 18 meses")
        verb = None if _start_rx().search(before) else _periods._verb_rx("start_verbs").search(before)
        cue = _start_rx().search(before) or verb
        if cue is None or r.start is None or r.end != r.start or _periods._QUARTERISH.search(mention.text):
            continue
        at = mention.start - len(before) + cue.start()
        lengths = [m for m in _length_rx().finditer(folded, lo, hi) if _months(m)]
        if len({_months(m) for m in lengths}) != 1:
            continue  # no length, or two ("12 months, extended by 6 months"): which one counts is not plain
        months = _months(lengths[0])
        if r.start.precision == "year" and months % 12:
            continue  # "18 months from 2022": the month it ends in is not known
        own = _periods._projects_verb(folded[lo:at], at - lo) or _periods._opening_clause(folded, lo, at, mention.end)
        if not (own and _the_projects_length(folded, lengths[0], at)):
            continue
        if verb and not (_LENGTH_AFTER.fullmatch(folded, mention.end, lengths[0].start())
                         and _project_word_rx().match(folded, lengths[0].end())):
            continue  # after a verb, the length right after its date: not "includes a 6-month pilot"
        found.add((r.start, _dates._add_months(r.start, months)))
    return next(iter(found)) if len(found) == 1 else (None, None)
