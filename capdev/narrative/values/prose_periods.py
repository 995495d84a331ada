"""When a project began and ended, as a sentence says it with a verb whose subject is the project ("The project,
which began in 2021 and runs until 2024, ...", "le projet, lancé en mars 2022, s'achèvera le 31 décembre 2024",
"el proyecto, iniciado en marzo de 2022, finalizará en junio de 2025"), in English, French and Spanish.

The verbs are data (data/prose_cues.json "start_verbs", "end_verbs"); between a verb and its date only a few
words of no meaning may stand ("in", "le", "a finales de"). A verb whose subject is a workshop, a mission or a
phase, a quarter, a semester or a fiscal year ("began in the second quarter of 2022", "FY2024"), and a sentence
that recalls the past give nothing: a date read wrong costs more than a date left out.
"""
from __future__ import annotations

import functools
import re

from ..folding import fold
from ..types import PartialDate
from . import dates as _dates
from .predecessors import of_a_predecessor
from .project_aliases import named_as_project  # "Le PGNS a démarré": the project by its acronym
from .prose_facts import _NOT_THE_PROJECT, _cue_pattern, _in_history, cues, others_before, sentences
from .vague_dates import blank_vague_years
from .wrapped_lines import rejoin

_QUARTERISH = re.compile(r"quarter|trimestre|semest|half|\b[QTHS][1-4]\b|\bFY", re.IGNORECASE)
# The nouns a verb of beginning or ending may have for subject when it is the project's: the project itself, the
# agreement that funds it, or a relative pronoun after one of them.
_AGREEMENT = (r"agreements?|accords?|conventions?|convenios?|acuerdos?|grants?|subventions?|subvenci[oó]n|"
              r"donations?|donaci[oó]n|contributions?|contribuci[oó]n")


@functools.cache
def _verb_rx(name: str) -> re.Pattern[str]:
    fillers = _cue_pattern(cues()["period_fillers"])
    return re.compile(rf"(?<![\w'-])(?:{_cue_pattern(cues()[name])})(?:['\s]*(?:{fillers})(?![\w-]))*['\s,]*$",
                      re.IGNORECASE)


@functools.cache
def _subject_rx() -> re.Pattern[str]:
    words = _cue_pattern(cues()["project_words"])
    return re.compile(rf"\b(?:{words}|{_AGREEMENT})\b", re.IGNORECASE)


@functools.cache
def _not_a_date_rx() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_cue_pattern(cues()['not_a_date_before'])})\s*$", re.IGNORECASE)


def _projects_verb(sentence: str, at: int) -> bool:
    """Is the project (or its agreement) the subject of the verb at `at` of a folded sentence: named before it, and
    no workshop, mission or phase either ("the workshop planned under the project began on ...")?"""
    return bool(_subject_rx().search(sentence, 0, at)) and not others_before(sentence, 0, at)


@functools.cache
def _then_subject_rx() -> re.Pattern[str]:
    """", the project", ", ce programme", ", el proyecto": the subject a sentence-opening participle clause leads
    to ("Launched in March 2019, the project ...", "Lancé en janvier 2022 et prévu jusqu'en décembre 2023, ce
    programme ...")."""
    words = _cue_pattern(cues()["project_words"])
    return re.compile(rf"[^,;.]{{0,100}}?,\s*(?:the|this|its|le|ce|cet|cette|la|l'|el|este|esta|dicho|dicha)\s*"
                      rf"(?:(?!(?:of|for|du|de|des|del|d)\b)[\w-]+\s+){{0,2}}?(?:{words})\b", re.IGNORECASE)


def _opening_clause(folded: str, lo: int, at: int, date_end: int) -> bool:
    """Does the verb at `at` open its sentence (lo) in a participle clause whose subject, after the comma that
    closes it, is the project?"""
    prefix = folded[lo:at]
    if re.search(r"[,;:]", prefix) or _subject_rx().search(prefix) or _NOT_THE_PROJECT.search(prefix):
        return False
    return bool(_then_subject_rx().match(folded, date_end))


def others_verb(text: str, at: int) -> bool:
    """Does a workshop, a mission, a phase ... stand before position `at` in its sentence (the subject of a verb
    there is then not the project)?"""
    lo = next((a for a, b in sentences(text) if a <= at < b), 0)
    return others_before(fold(text), lo, at) or of_a_predecessor(fold(text), lo, at)  # "fait suite au Projet X, qui"


# What may stand before a noun of starting or ending that opens its sentence ("1.3 Implementation started in ...",
# "Its launch is planned for ..."): a paragraph's number, a possessive; nothing that names another subject.
_BARE_HEAD = re.compile(r"\s*(?:[\d.]+\s+)?(?:(?:its|their|son|sa|leur|su|sus)\s+)?", re.IGNORECASE)


def _single(mention) -> PartialDate | None:
    """The day, month or year a mention names, None for a period, a quarter, a semester or a fiscal year."""
    r = mention.range
    if r.start is None or (r.end is not None and r.end != r.start) or _QUARTERISH.search(mention.text):
        return None
    return r.start


def _project_dates(text: str, folded: str, spans: list[tuple[int, int]]):
    """Each date mention with its sentence's bounds, the sentence's index and the 80 characters before it, leaving
    out a date its cue says is none of the project's period and the dates of a sentence that recalls the past."""
    si = 0
    for mention in _dates.find_dates(text):
        while si < len(spans) and spans[si][1] <= mention.start:
            si += 1
        if si >= len(spans):
            return
        lo, hi = spans[si]
        before = folded[max(lo, mention.start - 80) : mention.start]
        if not (_not_a_date_rx().search(before) or _in_history(folded[lo:hi])):
            yield mention, (lo, hi), si, before


# "Se inició en marzo de 2022 y concluirá en diciembre de 2024", "it began in 2021 and will end in 2024": a verb of
# ending joined to the project's verb of beginning by "and" alone has the same subject.
_AND = re.compile(r"[\s,]*(?:and|y|e|et)\s+", re.IGNORECASE)


# After the project's start and its date, maybe its length, its end in brackets: "started in March 2021 (until June
# 2024)", "a démarré le 1er septembre 2026 pour trois ans (jusqu'en août 2029)", "se inició en 2022 (hasta 2025)".
_BRACKETED_END = re.compile(r"[\s,]*(?:(?:for|over|pour|sur|por|durante)\s+[\w-]+\s+(?:years?|months?|ans?|"
                            r"annees?|mois|anos?|meses?)\s*)?\(\s*(?:until|till|through|to|ending|jusqu'?\s*(?:en|au|a|[àa]\s+fin)?|"
                            r"hasta(?:\s+(?:el|fin\s+de|finales\s+de))?)\s*", re.IGNORECASE)


@functools.cache
def _of_project_rx() -> re.Pattern[str]:
    """After a date: the project it is of, named right away ("..., du Projet régional", "of the programme (X)", "of
    the Project on ..."; not "of the project website", "du projet de loi")."""
    words = _cue_pattern(cues()["project_words"])
    named = r"(?:(?-i:[A-Z][\w-]*)\s+){0,6}"  # "of the Regional Statistics Programme"
    return re.compile(rf"[\s,]*(?:of\s+(?:the\s+|this\s+)?{named}(?:{words})(?=\s*[,.;:()\"\u201c\u00ab]|\s*$|"
                      rf"\s+(?:on|for|to|in|of|titled|entitled|called|(?-i:[A-Z])))|(?:du|de\s+la|de\s+l'|del|de)\s+(?:{words})"
                      r"(?![\w'\u2019-])(?!\s+(?:de\s+)?(?:loi|d[ée]cret|ley|decreto)\b))", re.IGNORECASE)


@functools.cache
def _event_rx(name: str) -> re.Pattern[str]:
    """A noun of starting or ending (after an elided article too: "l'achèvement") before a date."""
    fillers = _cue_pattern(cues()["period_fillers"])
    return re.compile(rf"(?:(?<![\w'-])|(?<=['\u2019]))(?:{_cue_pattern(cues()[name])})"
                      rf"(?:['\s,]*(?:{fillers})(?![\w-]))*['\s,]*$", re.IGNORECASE)


def _event_of_project(folded: str, mention, before: str) -> str | None:
    """"start_verbs" or "end_verbs" for a date between a noun of starting or ending and the project it is of ("se
    félicite de l'achèvement, en juin 2026, du Projet ...", "the launch in July 2026 of the programme")."""
    if _single(mention) is None or not _of_project_rx().match(folded, mention.end):
        return None
    for name, key in (("start_events", "start_verbs"), ("end_events", "end_verbs")):
        if _event_rx(name).search(before):
            return key
    return None


def verb_dates(text: str) -> tuple[PartialDate | None, PartialDate | None]:
    """(start, end) that verbs of beginning and ending give, each only when the project is their subject; when
    two sentences give different values for one of them, neither is given."""
    # "from mid-2021 to end 2024": the verb's cue stands right before the years; "Le PGNS" is the project
    text = blank_vague_years(rejoin(named_as_project(text)))
    folded = fold(text)
    spans = sentences(text)
    found: dict[str, set[PartialDate]] = {"start_verbs": set(), "end_verbs": set()}
    began: dict[int, int] = {}  # a sentence's index: where the start date its project's verb gave ends
    for mention, (lo, _hi), si, before in _project_dates(text, folded, spans):
        for name in ("start_nouns", "end_nouns", "start_verbs", "end_verbs"):
            cue = _verb_rx(name).search(before)
            if not cue:
                continue
            date = _single(mention)
            at = mention.start - len(before) + cue.start()
            bare = name.endswith("nouns") and _BARE_HEAD.fullmatch(folded[lo:at])
            if date is not None and not of_a_predecessor(folded, lo, at) and (_projects_verb(
                    folded[lo:at], at - lo) or _opening_clause(
                    folded, lo, at, mention.end) or bare or (
                    si and _BARE_PRONOUN.fullmatch(folded[lo:at]) and _only_the_project(folded, *spans[si - 1])) or (
                    name == "end_verbs" and si in began and _AND.fullmatch(folded, began[si], at))):
                found[name.replace("nouns", "verbs")].add(date)
                if name.startswith("start"):
                    began[si] = mention.end
            break
        else:
            if si in began and _single(mention) and _BRACKETED_END.fullmatch(folded, began[si], mention.start):
                found["end_verbs"].add(_single(mention))  # "a démarré le 1er septembre 2026 pour trois ans (jusqu'en"
            event = _event_of_project(folded, mention, before)
            if event:
                found[event].add(_single(mention))
    start = next(iter(found["start_verbs"])) if len(found["start_verbs"]) == 1 else None
    end = next(iter(found["end_verbs"])) if len(found["end_verbs"]) == 1 else None
    if start and end and end.last_day() < start.first_day():
        return None, None  # a period that ends before it begins is read wrong somewhere
    if start is None and end is None:
        return range_dates(text)
    return start, end


@functools.cache
def _range_verb_rx() -> re.Pattern[str]:
    openers = rf"(?:['\s]*(?:{_cue_pattern(cues()['range_openers'])})(?![\w-]))*"
    # "tiene una duración de 24 meses, del ...", "d'une durée de trois ans (2021-2023)": a length before the dates.
    units = _cue_pattern(cues()["duration_words"] + [w.rstrip("s") for w in cues()["duration_words"]])
    length = rf"(?:\s+(?:\d{{1,3}}|[a-z]{{3,12}})\s+(?:{units})(?![\w-])[\s,;:]*\(?)?"
    return re.compile(rf"(?<![\w'-])(?:{_cue_pattern(cues()['range_verbs'])}){openers}{length}{openers}['\s,:(]*$",
                      re.IGNORECASE)


# A sentence whose subject is a pronoun, or none (Spanish): "It runs from ...", "Il s'étend ...", "Tiene una duración".
# Spanish "el", "este", "esta" (folded: "él", "éste" too) are a pronoun only before a verb's clitic, auxiliary or
# adverb ("Este se ejecuta", "Él también abarca"): before a noun they are its article ("El plan se ejecuta de 2021 a
# 2025", "Este diplomado se desarrolla"), another thing's period.
_ES_PRONOUN = (r"(?:[eé]ste|[eé]sta|[eé]l)(?=\s*$|\s+(?:se|ha|han|fue|es|esta|estaba|sera|tambien|ademas|ya|aun|"
               r"todavia|actualmente)(?![\w']))")
_PRONOUN = re.compile(r"(?:(?:(?:it|il|elle|celui-ci|celle-ci|ce\s+dernier|ella)(?![\w'])|" + _ES_PRONOUN + r")"
                      r"(?:\s*[\w']+){0,2})?", re.IGNORECASE)


# "It covers Botswana, Eswatini and Namibia, runs from ...": the pronoun that opens the sentence is the subject of
# its verbs, unless a relative pronoun opens a clause of another subject ("It builds on a reform which ran from ...").
_PRONOUN_HEAD = re.compile(r"(?:(?:it|il|elle|celui-ci|celle-ci|ella)(?![\w'])|" + _ES_PRONOUN + ")", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:which|that|who|whose|where|qui|que|qu'|dont|lequel|laquelle|o[uù]|cual|cuyo|cuya|donde)"
                       r"(?![\w])", re.IGNORECASE)


# Written with its accent, "Éste", "Ésta", "Él" is the pronoun whatever follows ("Éste abarca tres departamentos").
_ACCENTED = re.compile(r"\s*(?:[Éé]st[ea]|[Éé]l)(?![\w'])")


def _pronouns_verb(folded: str, lo: int, at: int, text: str = "") -> bool:
    """Is the verb at `at` said of the pronoun (or, in Spanish, the no one) that opens its sentence?"""
    head = folded[lo:at].strip()
    if _PRONOUN.fullmatch(head):
        return True
    opened = _PRONOUN_HEAD.match(head) or _ACCENTED.match(text, lo)
    return bool(opened) and not _RELATIVE.search(head) and not others_before(folded, lo, at)


def _projects_sentence(folded: str, lo: int, hi: int) -> bool:
    """Is the project the subject of the sentence [lo, hi) ("... the project was designed with ...")?"""
    last = None
    for last in _subject_rx().finditer(folded, lo, hi):
        pass
    return last is not None and not others_before(folded, lo, last.end())


# A pronoun alone, or nothing (Spanish), before a verb, with its auxiliaries: "It had started in ...", "Il avait
# démarré en ...", "Había comenzado en ..." ("El taller comenzó" is no pronoun: a noun follows "el").
_BARE_PRONOUN = re.compile(r"\s*(?:(?:it|il|elle|celui-ci|celle-ci|ce\s+dernier|este|esta|ella)\s+)?"
                           r"(?:(?:had|has|have|was|is|avait|a|est|etait|habia|ha|fue|se)\s+)*", re.IGNORECASE)


def _only_the_project(folded: str, lo: int, hi: int) -> bool:
    """Does the sentence [lo, hi) tell of the project and of no workshop, mission or phase, so that the pronoun (or,
    in Spanish, the no one) opening the next is the project ("El proyecto concluyó en 2024. Había comenzado en
    2021")?"""
    return bool(_subject_rx().search(folded, lo, hi)) and not _NOT_THE_PROJECT.search(folded, lo, hi)


def _in_projects_aside(folded: str, lo: int, at: int) -> bool:
    """Is position `at` inside brackets that follow the project's name ("the project (DA 15th tranche, USD 720,000,
    July 2022 - June 2026) is implemented with ...", "le projet (2021-2023) appuie ...")?"""
    opening = folded.rfind("(", lo, at)
    if opening < 0 or ")" in folded[opening:at]:
        return False
    head = folded[max(lo, opening - 30) : opening]
    return bool(re.search(rf"\b(?:the|this|its|le|ce|cet|el|este|du|del)\s+(?:{_cue_pattern(cues()['project_words'])})"
                          r"\s*$", head, re.IGNORECASE)) and not others_before(folded, lo, opening)


_LONGEST_YEARS = 7  # a project's period; a plan's or a strategy's runs longer


@functools.cache
def _plan_rx() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?:{_cue_pattern(cues()['plan_words'])})(?![\w-])", re.IGNORECASE)


@functools.cache
def _opener_rx() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?:{_cue_pattern(cues()['period_openers'])})['\s]*$", re.IGNORECASE)


def _opened(folded: str, lo: int, mention, before: str, si: int, spans: list[tuple[int, int]]) -> bool:
    """Does a period stand right after an opener ("from", "pour la période", "entre", "en el período") in a
    sentence whose subject is the project, with no verb of duration ("the project supports tax offices from 2019 to
    2022", "ce programme, pour la période 2020-2022, appuie ...", "el proyecto apoya ... entre 2019 y 2022"), or
    whose subject is a pronoun after a sentence about the project?"""
    cue = _opener_rx().search(before)
    r = mention.range
    if not cue or r.end.year - r.start.year > _LONGEST_YEARS:
        return False  # "the national strategy 2020-2030": a plan's decade, not a project's years
    at = mention.start - len(before) + cue.start()
    clause = folded[max(lo, folded.rfind(",", lo, at) + 1, at - 40) : at]
    if _plan_rx().search(clause):
        return False  # "aligned with the national strategy for the period 2021-2025": the strategy's period
    head = folded[lo:at].strip()
    return _projects_verb(folded[lo:at], at - lo) or _opening_clause(folded, lo, at, mention.end) or bool(
        si and head and _PRONOUN.fullmatch(head) and _projects_sentence(folded, *spans[si - 1]))


def range_dates(text: str) -> tuple[PartialDate | None, PartialDate | None]:
    """(start, end) of a period a sentence gives the project with a verb of duration ("the project runs from March
    2022 to February 2024", "le projet couvre la période 2021-2023", "el proyecto se ejecuta entre marzo de 2022 y
    febrero de 2024"); nothing for an event's few days, a quarter, a fiscal year, a sentence that recalls the past,
    or when two sentences give two periods."""
    text = blank_vague_years(rejoin(named_as_project(text)))
    folded = fold(text)
    spans = sentences(text)
    found: set[tuple[PartialDate, PartialDate]] = set()
    for mention, (lo, _hi), si, before in _project_dates(text, folded, spans):
        r = mention.range
        if not (r.start and r.end and r.end.first_day() > r.start.first_day()) or _QUARTERISH.search(mention.text):
            continue
        if r.start.precision != "year" and (r.end.last_day() - r.start.first_day()).days < 62:
            continue  # "from 3 to 5 March 2023": an event's days
        cue = _range_verb_rx().search(before)
        if cue:
            at = mention.start - len(before) + cue.start()
            if _projects_verb(folded[lo:at], at - lo) or _opening_clause(folded, lo, at, mention.end) or (
                    si and _pronouns_verb(folded, lo, at, text) and _projects_sentence(folded, *spans[si - 1])):
                found.add((r.start, r.end))
        elif _in_projects_aside(folded, lo, mention.start) or _opened(folded, lo, mention, before, si, spans):
            found.add((r.start, r.end))
    return next(iter(found)) if len(found) == 1 else (None, None)
