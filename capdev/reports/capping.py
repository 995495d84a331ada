"""A fact sheet is one or two pages, whatever the project holds.

A project may have forty outcomes, a hundred partners and an objective of ten pages. The sheet shows the first
of each list (in the project's own order) and says how many more there are, with the address of the project's
page where they all are; long texts are cut at the end of a sentence (else of a word) and say where the whole
text is. How much is shown is a rung of LADDER: the sheet is laid out with the first rung, and with the next,
shorter one while it takes more than MAX_PAGES pages (a language with longer words or a script that takes more
room gets a shorter sheet, never a longer one). The last rung fits a page and a half of the longest fields the
models allow.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_PAGES = 2


@dataclass(frozen=True)
class Limits:
    """How much of a project a sheet shows: items of each list, characters of each text."""

    text_chars: int  # the objective (else the summary)
    outcomes: int
    outcome_chars: int
    indicators: int  # per outcome shown
    indicator_chars: int
    activities: int
    activity_chars: int
    partners: int  # names, all roles together
    countries: int
    title_chars: int = 500  # Project.title's max_length: shortened on the last rungs only


# A page per project of the portfolio report: no page count to keep, the texts as the sheet always cut them.
REPORT_PAGE = Limits(text_chars=1200, outcomes=1000, outcome_chars=2000, indicators=1000, indicator_chars=500,
                     activities=0, activity_chars=150, partners=1000, countries=1000)

LADDER = (
    Limits(text_chars=1000, outcomes=6, outcome_chars=300, indicators=3, indicator_chars=120, activities=10,
           activity_chars=100, partners=12, countries=20, title_chars=300),
    Limits(text_chars=700, outcomes=4, outcome_chars=220, indicators=2, indicator_chars=100, activities=8,
           activity_chars=90, partners=8, countries=12, title_chars=250),
    Limits(text_chars=450, outcomes=3, outcome_chars=160, indicators=2, indicator_chars=80, activities=5,
           activity_chars=80, partners=6, countries=10, title_chars=200),
    Limits(text_chars=250, outcomes=2, outcome_chars=120, indicators=1, indicator_chars=70, activities=3,
           activity_chars=70, partners=4, countries=6, title_chars=150),
)

# The end of a sentence: a full stop, question or exclamation mark (Latin, Arabic, Chinese), with the closing
# quotes or brackets after it, followed by a space or the end; the Chinese marks need no space after them.
_SENTENCE_END = re.compile(r"""[.!?؟…][")'”’»\]]*(?=\s|$)|[。！？][」』”’）]*""")


def shorten(text: str, chars: int) -> str:
    """The text if it has at most `chars` characters; else its longest start of whole sentences within them
    (if that keeps at least a third), else of whole words, with an ellipsis; never longer than chars + 2."""
    text = (text or "").strip()
    if len(text) <= chars:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, chars + 1) if m.end() <= chars]
    ends = [end for end in ends if end >= chars // 3]
    if ends:
        return text[:ends[-1]].rstrip()
    head = text[:chars]
    space = head.rfind(" ")
    if space >= chars // 2:  # Chinese and Japanese have no spaces: cut at the character there
        head = head[:space]
    return head.rstrip(" ,;:–-—،؛") + " …"


def is_cut(text: str, chars: int) -> bool:
    """Whether shorten() cuts this text."""
    return len((text or "").strip()) > chars


def capped(sheet, limits: Limits):
    """A copy of the sheet showing what these limits allow; the counts of what is left out are on it
    (outcomes_more, partners_more, countries_more, activities_more, and each outcome's indicators_more)."""
    outcomes = sheet.all_outcomes[:limits.outcomes]
    for outcome in outcomes:
        indicators = list(outcome.indicators.all())
        outcome.shown_indicators = indicators[:limits.indicators]
        outcome.indicators_more = len(indicators) - len(outcome.shown_indicators)
    partners, left = [], limits.partners
    for role, names in sheet.all_partners:
        if left > 0:
            partners.append((role, names[:left]))
        left -= len(names)
    listed = sum(len(names) for _role, names in partners)
    return dataclasses.replace(
        sheet, limits=limits,
        outcomes=outcomes, outcomes_more=len(sheet.all_outcomes) - len(outcomes),
        partners=partners, partners_more=sum(len(n) for _r, n in sheet.all_partners) - listed,
        countries=sheet.all_countries[:limits.countries],
        countries_more=len(sheet.all_countries) - min(len(sheet.all_countries), limits.countries),
        activities=sheet.all_activities[:limits.activities],
        activities_more=len(sheet.all_activities) - min(len(sheet.all_activities), limits.activities),
    )


def fit(sheet, layout: Callable, max_pages: int = MAX_PAGES):
    """The laid-out document of the first rung of LADDER whose sheet takes at most max_pages pages (else of
    the last rung); layout(sheet) lays one out and returns a document with `pages`."""
    for limits in LADDER:
        document = layout(capped(sheet, limits))
        if len(document.pages) <= max_pages:
            break
    return document
