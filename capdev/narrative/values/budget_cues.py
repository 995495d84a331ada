"""How a sentence calls an amount its project's total, read by the grammar of English, French and Spanish rather
than by a list of phrases: a budget noun with its qualifiers and a link right before the amount ("the overall
envelope is about", "le financement total s'établit à", "el monto aprobado del programa es de"), a project's word
with "of" or "de" ("un projet de 3,5 millions d'euros", "un proyecto de USD 2 millones"), a verb of value ("valued
at", "valorisé à", "valorado en"), or the amount between an article and a budget noun or a project's word ("a USD
1.75 million project", "the $750K budget"). The words are data (data/prose_cues.json "budget_nouns",
"budget_qualifiers", "budget_links", "budget_approximations", "budget_value_verbs", "budget_after_nouns").
Matched on folded text (values.prose_amounts folds it): no accents, straight apostrophes.
"""
from __future__ import annotations

import functools
import re

from .money import money_spans
from .prose_facts import _cue_pattern, _rx, cues

# What may name the project after its budget's noun: "of the project", "du programme PADEC", "del proyecto".
_OF_PROJECT = (r"(?:\s+(?:of|for|du|de\s+la|de\s+l'|de|del|for\s+the|of\s+the|de\s+ce|de\s+este|de\s+esta)\s*"
               r"(?:the\s+|this\s+|le\s+|la\s+|el\s+|l')?(?:{projects})(?:\s+[A-Z][\w-]*)?)?")


@functools.cache
def _before_rx() -> re.Pattern[str]:
    c = cues()
    noun, qual = _cue_pattern(c["budget_nouns"]), _cue_pattern(c["budget_qualifiers"])
    link, approx = _cue_pattern(c["budget_links"]), _cue_pattern(c["budget_approximations"])
    projects, verbs = _cue_pattern(c["project_words"]), _cue_pattern(c["budget_value_verbs"])
    phrase = (rf"(?:(?:{qual})\s+){{0,2}}(?:{noun})(?:\s+(?:{qual})){{0,2}}"
              + _OF_PROJECT.format(projects=projects)
              + rf"(?:\s*[:=]\s*|\s+(?:{link})\s*|\s*['\s]?(?<=d')|(?<=\w)\s+(?=\S))")
    of_project = rf"(?:{projects})\s+(?:of|de|d'\s?)\s*"
    # "the project costs", "le projet PAGEF coûtera", "el programa (PROCAT) cuesta": the project's word, its name
    # or acronym at most, then a verb of cost (data/prose_cues.json "budget_cost_verbs").
    costs = rf"(?:{projects})(?:\s+\(?[\w'-]+\)?)?\s+(?:{_cue_pattern(c['budget_cost_verbs'])})\s+"
    return re.compile(rf"(?<![\w-])(?:{phrase}|(?P<of_project>{of_project})|(?P<verb>(?:{verbs})\s+|{costs}))"
                      rf"(?:(?:{approx})\s+)?$", re.IGNORECASE)


@functools.cache
def _after_rx() -> re.Pattern[str]:
    return re.compile(rf"^\s*-?\s*(?:(?:total|overall)\s+)?(?:{_cue_pattern(cues()['budget_after_nouns'])})(?![\w-])"
                      r"(?!\s+(?:line|item|support|code|heading)s?\b)", re.IGNORECASE)


@functools.cache
def _counted_projects() -> re.Pattern[str]:
    """A count of projects ("con 14 proyectos", "twelve projects", "trois projets"): what the sentence then sums
    is a portfolio's, not one project's."""
    from .number_words import UNITS

    plural = [w for w in cues()["project_words"] if w.endswith("s")]
    numbers = "|".join(sorted((w for w in UNITS if len(w) > 2), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:\d+|{numbers})\s+(?:[^\W\d_]+\s+)?(?:{_cue_pattern(plural)})(?![\w-])",
                      re.IGNORECASE)


def a_portfolio(folded: str, lo: int, start: int) -> bool:
    """Does the sentence count projects before the amount at start ("un programa con 14 proyectos y un monto de")?"""
    return _counted_projects().search(folded, lo, start) is not None


# A funder's name after its cue, then the amount in brackets or after "with": "Funded by the UN Development Account
# (USD 640,000)", "financé par l'AFD (10 M EUR)", "financiado por KOICA con USD 4,5 millones".
_NAME_THEN = re.compile(r"^\s*[^\W\d_][^.;:,()\[\]\d]{0,80}?(?:\s*[(\[]\s*|\s+(?:with|avec|con)\s+)$")
_SHARED = re.compile(r"(?i)\b(?:co-?|jointly|partly|partially|conjointement|en\s+partie|conjuntamente|"
                     r"parcialmente)")


def funders_sum(folded: str, lo: int, start: int, end: int) -> bool:
    """Is the amount at start:end the one funder's contribution its cue names just before ("Funded by the UN
    Development Account (USD 640,000)")? Not when funders share the cost ("co-funded by", "jointly", "en partie") or
    the sentence gives another amount after it ("... (EUR 500,000) and Sweden (EUR 300,000)")."""
    cue = None
    for cue in _rx("funder_cues").finditer(folded, lo, start):
        pass
    if cue is None or _SHARED.search(cue.group(0)) or not _NAME_THEN.match(folded[cue.end() : start]):
        return False
    stop = re.search(r"[.;!?](?:\s|$)", folded[end : end + 200])
    return not money_spans(folded[end : end + (stop.start() if stop else 200)])


_ARTICLE = re.compile(r"(?<![\w'-])(?:a|an|the|this|its|our|their)\s+$", re.IGNORECASE)


@functools.cache
def _led() -> re.Pattern[str]:
    """What may stand right before a budget's noun: nothing, a mark, an article, a preposition or a project's word
    ("the budget", "avec une enveloppe", "con un presupuesto", "the project budget"); a noun there makes the sum
    another thing's ("the travel costs of", "the Ministry budget is")."""
    words = _cue_pattern(cues()["budget_determiners"] + cues()["project_words"])
    return re.compile(rf"(?:^|[^\w\s'-]|(?<![\w-])(?:{words}))\s*$", re.IGNORECASE)


def total_before(folded: str, lo: int, start: int) -> re.Match[str] | None:
    """The words right before the amount at start (no further back than lo) that call it the project's total."""
    m = _before_rx().search(folded, lo, start)
    if m and (m.group("verb") or m.group("of_project") or _led().search(folded, max(lo, m.start() - 40), m.start())):
        return m
    return None


def total_around(folded: str, lo: int, start: int, end: int) -> bool:
    """Does the sentence call the amount at start:end the project's total, by the words before it or by an article
    before it and a budget noun or a project's word after it ("a USD 1.75 million project")?"""
    if _ARTICLE.search(folded, max(lo, start - 8), start) and _after_rx().match(folded[end : end + 30]):
        return True
    return total_before(folded, lo, start) is not None
