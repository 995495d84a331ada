"""Facts a project's record states in sentences rather than under labels, whatever the genre (an annual report, a
press release, a decree, minutes, an FAQ, a newsletter, a mission report, a call for applications, a story), in
English, French and Spanish. The cue words are data (data/prose_cues.json, data/places_demonyms.json); this module
reads what each cue introduces and no more:

- the period's start after a duration ("for 36 months starting 1 March 2022", "pour une durée de 24 mois à compter
  du 1er avril 2023"), its end after an extension ("extended until", "prolongé jusqu'au", "ampliado hasta"), both
  from the years in brackets after a quoted title or from "the 2020-2021 biennium", "la période 2019-2021";
- the status, when the project is the subject of a verb that says it ("the project was completed", "le projet s'est
  achevé", "el proyecto ... concluyó");
- the countries served: named after a verb or phrase of service ("assists Kazakhstan, Kyrgyzstan and Uzbekistan",
  "au bénéfice du Bénin et du Togo", "apoyó a El Salvador, Guatemala y Honduras"), or by their adjective beside the
  people or bodies served ("Kenyan county planners", "fonctionnaires béninois", "funcionarios paraguayos"); never
  a country inside a funder's name, a sentence that recalls the past, or a venue;
- where a funder's or a partner's name begins, after the cues of data/prose_cues.json.

Every value here is read from a cue that says what it is; anything less certain is left out (the caller flags what
it places as "read from prose").
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..folding import fold
from ..types import PartialDate
from . import dates as _dates
from . import status_prose as _status_prose
from .cue_chains import chained_ends
from .grant_cues import grant_cue_pattern
from .places import find_countries, find_demonyms
from .prose_names import name_extent  # noqa: F401 - where a funder's or partner's name ends (read here since round 5)
from .receiving_cues import help_cue_ends, receiving_cue_ends  # "receives funding from" (round 11)

_DATA = Path(__file__).resolve().parent.parent / "data"


@functools.cache
def cues() -> dict:
    return json.loads((_DATA / "prose_cues.json").read_text(encoding="utf-8"))


def _cue_pattern(phrases: list[str]) -> str:
    """Alternation of folded cue phrases, longest first, spaces and apostrophes flexible."""
    out = []
    for p in sorted({fold(p).lower() for p in phrases}, key=lambda s: (-len(s), s)):
        body = r"\s+".join(re.escape(w) for w in p.split())
        out.append(body.replace("'", r"['\s]?").replace(r"\'", r"['\s]?"))
    return "|".join(out)


@functools.cache
def _rx(name: str) -> re.Pattern[str]:
    # Funder cues listed and built from parts (values/grant_cues.py); one ending in "d'" ends after its apostrophe.
    funders = name == "funder_cues"
    built, elided = (f"|{grant_cue_pattern()}", r"|(?<=['’])") if funders else ("", "")
    return re.compile(rf"(?<![\w'-])(?:{_cue_pattern(cues()[name])}{built})(?:(?![\w-]){elided})", re.IGNORECASE)


@functools.cache
def _status_rx() -> tuple[tuple[str, re.Pattern[str]], ...]:
    more = _status_prose.cues()  # data/status_prose.json: the status verbs beyond prose_cues.json's
    return tuple((cat, re.compile(rf"(?<![\w'-])(?:{_cue_pattern(words + more.get(cat, []))})(?![\w-])", re.I))
                 for cat, words in cues()["status"].items())


def _folded(text: str) -> str:
    return fold(text)


# Each character is taken by one branch only (a stop not followed by a space, "3.5", "A/77/183", goes on), so that
# reading the sentences of a text stays linear in its length.
_SENTENCE = re.compile(r"(?:[^.!?;\n]|[.!?;]+(?![.!?;\s]|$)|\n(?![ \t\r\f\v]*\n))+(?:[.!?;]+)?")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a line break inside a paragraph does not end one."""
    out = []
    for m in _SENTENCE.finditer(text):
        if m.group(0).strip():
            out.append((m.start(), m.end()))
    return out


# ----------------------------------------------------------------------------------------------------- the period

@functools.cache
def _duration_rx() -> re.Pattern[str]:
    """"for 36 months", "pour une durée de 24 mois", "por un período de 30 meses", "a 12-month": a duration."""
    units = _cue_pattern(cues()["duration_words"] + [w.rstrip("s") for w in cues()["duration_words"]])
    return re.compile(
        rf"\b(?:for|over|pour|sur|durant|pendant|por|durante)\s+(?:a\s+(?:period|duration)\s+of\s+|une\s+(?:dur[ée]e|"
        rf"p[ée]riode)\s+de\s+|un\s+(?:per[ií]odo|plazo)\s+de\s+)?(?:\d{{1,3}}|[a-z\u00e0-\u00ff-]{{3,12}})\s+"
        rf"(?:\(\d{{1,3}}\)\s+)?(?:{units})\b|\b\d{{1,3}}[- ](?:{units})\b|\bde\s+\d{{1,3}}\s+(?:{units})\b",
        re.IGNORECASE)


_PERIOD_WORDS = re.compile(
    r"\b(?:biennium|bienni?um|biennio|bienio|period|p[ée]riode|per[ií]odo|cycle|ciclo|phase)\s+(?:of\s+|de\s+)?$|"
    r"\b(?:the|le|la|el|du|del)\s+$", re.IGNORECASE)
_AFTER_YEARS = re.compile(r"^\s*(?:biennium|bienni?um|bienio|period)\b", re.IGNORECASE)
_QUOTE_CLOSE = re.compile(r"[\u201d\"\u00bb]\s*$")


# Between a start cue and its date: "à compter de la date de signature, le 3 mars 2023", "from signature, on ...".
_CUE_GAP = re.compile(r"^[\s,:]*(?:(?:on|the|le|el|en)\b[\s,:]*)?$", re.IGNORECASE)


def dated_mentions(text: str) -> Iterator[tuple[Any, int]]:
    """Each date the text writes with a start, and where its sentence begins (one walk over both: linear)."""
    spans = sentences(text)
    si = 0
    for m in _dates.find_dates(text):
        if m.range.start is None:
            continue
        while si < len(spans) and spans[si][1] <= m.start:
            si += 1
        yield m, (spans[si][0] if si < len(spans) else 0)


def period_cues(text: str) -> tuple[PartialDate | None, PartialDate | None]:
    """(the start a duration cue gives, the end an extension cue gives); the years of a period stated as such are
    titled_years'. Of several ends, the latest (an extension replaces the end it extends); none that the sentence
    gives a workshop or a call ("the workshop was postponed to ...") or calls the original one."""
    start = end = None
    start_rx, end_rx = _rx("start_cues"), _rx("end_cues")
    folded = _folded(text)
    for m, lo in dated_mentions(text):
        r = m.range
        before = folded[max(0, m.start - 60) : m.start]
        cues = list(end_rx.finditer(before))
        cue = cues[-1] if cues else None  # the cue nearest the date
        if cue and not before[cue.end() :].strip(" ,:le").strip():
            at = m.start - len(before) + cue.start()
            if not (others_before(folded, lo, at) or _rx("original_end_words").search(folded, max(lo, at - 20), at)
                    or _status_prose.unsettled(text, m.start, m.end)) and (end is None or (r.end or r.start) > end):
                end = r.end or r.start
            continue
        cue = start_rx.search(before)
        if cue and start is None and r.start.precision != "year" and _CUE_GAP.match(before[cue.end() :]):
            if _duration_rx().search(folded, lo, m.start):
                start = r.start
    return start, end


def titled_years(text: str) -> tuple[PartialDate | None, PartialDate | None]:
    """A period stated as such: "«Title» (2021-2024)", "over the 2020-2021 biennium", "pour la période 2019-2021"."""
    for m in _dates.find_dates(text):
        r = m.range
        if not (r.start and r.end and r.start.precision == "year" and r.end.precision == "year" and r.end > r.start):
            continue
        before, after = text[max(0, m.start - 30) : m.start], text[m.end : m.end + 20]
        bracketed = before.endswith("(") and after.startswith(")") and _QUOTE_CLOSE.search(before[:-1])
        if bracketed or _PERIOD_WORDS.search(before) and (_AFTER_YEARS.match(after) or re.search(
                r"(?:period|p[ée]riode|per[ií]odo|bienio|biennium)\s+(?:of\s+|de\s+)?$", before, re.IGNORECASE)):
            return r.start, r.end
    return None, None


# ------------------------------------------------------------------------------------------------------ the status

@functools.cache
def _subject_rx() -> re.Pattern[str]:
    """"The project", "ce projet", "el proyecto ...": the project as a sentence's subject."""
    return re.compile(rf"\b(?:(?:the|this|that|our|le|ce|cet|cette|la|notre|el|este|esta|nuestro|nuestra)\s+|l'|"
                      rf"(?:a|an|un|une|una)\s+(?=(?:new|nouveau|nouvelle|nuevo|nueva)\s))"
                      rf"(?:[\w-]+\s+){{0,2}}?(?-i:[A-Z][\w-]*\s+){{0,5}}?"  # "The Pacific Literacy Project"
                      rf"(?:{_cue_pattern(cues()['project_words'])})\b", re.IGNORECASE)


_NOT_THE_PROJECT = re.compile("".join(rf"(?<!{w} de )" for w in ("programme", "programa", "projet", "proyecto")) +
    r"\b(?:workshops?|ateliers?|talleres|taller|courses?|cours|cursos?|trainings?|formations?|capacitaci[oó]n|"
    r"seminars?|s[ée]minaires?|seminarios?|meetings?|r[ée]unions?|reuni[oó]n|forums?|foros?|conferences?|"
    r"conf[ée]rences?|conferencias?|missions?|misi[oó]n|phases?|fases?|editions?|[ée]ditions?|edici[oó]n|"
    r"activit(?:y|ies)|activit[ée]s?|actividad(?:es)?|calls?|appels?|convocatorias?|surveys?|enqu[eê]tes?|"
    r"encuestas?|studies|study|[ée]tudes?|estudios?|components?|composantes?|componentes?|pilots?|pilotes?|"
    r"pilotos?|agreements?|accords?|acuerdos?|contracts?|contrats?|contratos?|deadlines?|date\s+limite|"
    r"fecha\s+l[ií]mite|applications?|candidatures?|postulaciones|inscriptions?|inscripciones|registrations?|"
    r"submissions?)\b", re.IGNORECASE)
# "completed its first phase": the verb has an object, the project is not said to be completed ("s'est achevé le 31
# mai 2023": a date, not an object).
# After a verb of what is to come: a when, or the end of the clause ("will start in January 2025", "démarrera.").
_WHEN_NEXT = re.compile(r"\s*(?:[.,;:)]|$|(?:in|on|at|by|during|early|late|next|this|soon|shortly|en|le|au|[àa]|el|"
                        r"dans|d[eè]s|durante|pronto|prochainement|bient[oô]t)\b)", re.IGNORECASE)
_QUOTED = re.compile(r"[\u201c\"\u00ab][^\u201c\u201d\"\u00ab\u00bb]{0,200}[\u201d\"\u00bb]|\ben\s+cours\b")


def others_before(folded: str, lo: int, at: int) -> bool:
    """Is the nearest subject before position `at` (its sentence beginning at lo) a workshop, a mission, a call ...
    rather than the project? Words inside a quoted title ("Performance Contracts in ...") and "en cours" are no
    subject."""
    part = _QUOTED.sub(lambda q: " " * len(q.group(0)), folded[lo:at])
    other = None
    for other in _NOT_THE_PROJECT.finditer(part):
        pass
    if other is None:
        return False
    # "a workshop held under a project ..., which started in March 2023": a relative pronoun's antecedent is the
    # nearest noun, a complement or not; otherwise "under the project", "du projet", "del proyecto" is no subject.
    relative = _RELATIVE.search(part)
    project = None
    for m in _project_word_rx().finditer(part):
        if relative or not _COMPLEMENT.search(part, max(0, m.start() - 16), m.start()):
            project = m
    return not (project and project.start() > other.start())


@functools.cache
def _project_word_rx() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_cue_pattern(cues()['project_words'])})\b", re.IGNORECASE)


_RELATIVE = re.compile(r"\b(?:which|that|qui|que|lequel|laquelle|cual|cuales)\s+(?:[\w']+\s+){0,2}$", re.IGNORECASE)
_COMPLEMENT = re.compile(r"\b(?:under|of|for|within|from|by|in|with|to|on|dans|sous|par|pour|de|du|des|avec|en|bajo|"
                         r"del?|por|para|con)\s+(?:(?:the|a|an|this|le|la|l'|un|une|ce|cet|cette|el|un|una|este|esta)"
                         r"\s*)?$", re.IGNORECASE)


_TRANSITIVE = re.compile(r"^\s+(?:a|an|the|its|un|une|le|la|les|el|los|las|sus?|ses)\b(?!\s+\d)", re.IGNORECASE)


def read_status(text: str) -> str | None:
    """"completed", "active" or "planned" when a sentence says so of the project itself (not of another project, a
    phase, an evaluation: values.status_prose); None otherwise, or when the text says two things."""
    found: str | None = None
    told = False  # did the sentence before tell of the project and of nothing else?
    whole = _folded(text := _status_prose.named_as_project(text))  # "Le PGNS est en cours": the project
    for lo, hi in sentences(text):
        sentence = _status_prose.unquoted(_status_prose.plain(_folded(text[lo:hi])))
        # "The project's final evaluation", "the evaluation of the project": the project is no subject there.
        # "a new project entitled ..." is the record's own only where it is the first project the text names, not a
        # follow-up ("The project trained ... Building on it, a new project will start in 2025").
        subject = next((s for s in _subject_rx().finditer(sentence) if not re.match(r"['\u2019]s\b", sentence[s.end():])
                        and not _COMPLEMENT.search(sentence, max(0, s.start() - 16), s.start())
                        and not (re.match(r"(?:a|an|un|une|una)\s", s.group(0), re.I)
                                 and _project_word_rx().search(whole, 0, lo))), None)
        # "... Il est actuellement en cours d'exécution.", "Se encuentra en ejecución.": a pronoun (or no one) right
        # before the status, after a sentence about the project only.
        pronoun = None if subject or not told else _status_prose.pronoun_subject(sentence)
        told = bool(subject) and not _NOT_THE_PROJECT.search(sentence)
        subject = subject or pronoun
        if not subject:
            continue
        hits = [(m.start(), m.end(), category) for category, rx in _status_rx()
                for m in rx.finditer(sentence, subject.end())]
        stages = _status_prose.stage_hits(sentence, subject.end())
        front = _status_prose.fronted(sentence, subject.start())
        stages += [(0, 0, front)] if front else []
        for start, end, category in _status_prose.longest(hits + stages):
            # The nearest subject says whose status it is: "..., a no-cost extension was granted and the project
            # closed", but "the project organised a workshop, which ended".
            if _NOT_THE_PROJECT.search(sentence, subject.start(), start) or _status_prose.elsewhere(
                    sentence, subject.start(), subject.end(), start):
                continue
            if pronoun and sentence[pronoun.end() : start].strip():
                continue  # "Esta fase concluyó": a noun after the word, which was no pronoun
            if category == "completed" and _status_prose.foretold(sentence, start):
                continue  # "le projet, qui sera achevé en 2026": what is to come, not what is
            if (start, end, category) not in stages and _TRANSITIVE.match(sentence[end:]):
                continue  # "completed its first phase": the verb has an object
            if category == "planned" and (start, end, category) not in stages and not _STATE.match(sentence, start) \
                    and not _WHEN_NEXT.match(sentence, end):
                continue  # "will start training officials": what it will do, not that it has not begun
            if found and found != category:
                return None  # the text says two things: say neither
            found = category
    return found


# "is in the pipeline", "est en phase de formulation", "n'a pas encore démarré": what the project is, not what it will
# do, so no "when" need follow.
_STATE = re.compile(r"(?:is|est|esta|se\s+encuentra|remains|reste|sigue|has\s+not|n'a\s+pas|aun\s+no|todavia\s+no)\s+"
                    r"(?:(?:awaiting|pending|en\s+attente|pendiente|en\s+espera|in|under|en|being|yet|encore|the|its|at)\b|$)",
                    re.IGNORECASE)


# --------------------------------------------------------------------------------------------- the countries served

# "Kenya and Uganda", "du Niger et de la Guinée", "au Bénin et à la Côte d'Ivoire", "del Ecuador y de Colombia".
_LIST_GAP = re.compile(r"^\s*(?:\([A-Z][^()\n]{0,38}\)\s*)?(?:[,/&]\s*)?"
                       r"(?:(?:and|or|et|ou|y|e|as\s+well\s+as|ainsi\s+que)\s+)?"
                       r"(?:(?:of\s+the|of|the|le|la|les|l'|el|los|las|du|des|au|aux|a|à|de|del|d'|en|in|dans)\s*){0,2}$",
                       re.IGNORECASE)
# "apoya a las oficinas nacionales de servicio civil de Guatemala", "supports the land registry offices of Kenya":
# a few words naming the bodies served, then the country they are of (no stop, no figure between).
_BODY_GAP = re.compile(r"^\s*(?:[^\W\d_][\w'\u2019-]*\s+){0,6}?(?:of|from|de|du|del|des|de\s+la|de\s+l['\u2019]|"
                       r"d['\u2019])\s*$", re.IGNORECASE)
_MAX_GAP = 120
_BRIDGE_WORD = re.compile(r"^[a-z\u00e0-\u00ff'-]+$")


@functools.cache
def _bridge_rx() -> re.Pattern[str]:
    # "appuie les administrations du Tchad", "supports the ministries of Kenya", "apoya a las instituciones del Perú":
    # the people or bodies served, then the country they are of.
    bodies = rf"(?:{_cue_pattern(cues()['people_nouns'])})\s+(?:of|du|des|de\s+la|de\s+l'|de|del|d')"
    return re.compile(rf"\s*(?:(?:{_cue_pattern(cues()['serve_bridges'])}|{bodies})(?:(?<=')|(?![\w-]))\s*)*",
                      re.IGNORECASE)


def _in_history(sentence_folded: str) -> bool:
    return bool(_rx("history_cues").search(sentence_folded))


def _masked(text: str, funders: list[str]) -> str:
    """text with each funder's name blanked out (same length): a government that pays is not a country served."""
    for name in funders:
        if len(name.strip()) > 3:
            text = text.replace(name.strip(), " " * len(name.strip()))
    return text


def _after_serve_cue(text: str, folded: str, lo: int, hi: int, countries: list, starts: list[int]) -> list[str]:
    """Countries right after a cue of service (values/serve_verbs.py) and the list they head, unless a venue's first."""
    from .serve_verbs import serve_cue_rx
    out: list[str] = []
    venue_rx = _rx("venue_cues")
    for cue in serve_cue_rx().finditer(folded, lo, hi):
        at = cue.end()
        bridge = _bridge_rx().match(folded, at, hi)
        at = bridge.end() if bridge else at
        prev = None
        for c in countries[bisect.bisect_left(starts, at) :]:
            if c.start >= hi:
                break
            if c.start - (prev.end if prev else at) > _MAX_GAP:
                break  # a list's members and the words naming the bodies served are close: read no further
            gap = text[(prev.end if prev else at) : c.start]
            if prev is None and gap.strip() and not _BODY_GAP.match(gap):
                break
            if prev is not None and not _LIST_GAP.match(gap):
                break
            if venue_rx.search(folded, max(lo, c.start - 25), c.start):
                break
            out.append(c.iso3)
            prev = c
    return out


@functools.cache
def _people_rx() -> str:
    return _cue_pattern(cues()["people_nouns"])


@functools.cache
def _romance_demonyms() -> tuple[re.Pattern[str], dict[str, str]]:
    data = json.loads((_DATA / "places_demonyms.json").read_text(encoding="utf-8"))
    forms: dict[str, str] = {}
    for key in ("demonyms_fr", "demonyms_es"):
        for iso3, words in data.get(key, {}).items():
            for word in words:
                for form in _inflections(fold(word).lower(), key.endswith("_fr")):
                    if not _is_country_name(form):  # "argentina", "india", "indonesia": the country's name
                        forms.setdefault(form, iso3)
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=lambda s: (-len(s), s)))
    # Lower case only, as French and Spanish write these adjectives ("fonctionnaires béninois").
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), forms


def _is_country_name(form: str) -> bool:
    found = find_countries(form.capitalize())
    return bool(found) and found[0].start == 0 and found[0].end == len(form)


def _inflections(word: str, french: bool) -> set[str]:
    """The feminine and plural forms of a masculine singular adjective of nationality."""
    forms = {word}
    if french:
        if word.endswith("en"):
            forms |= {word + "s", word + "ne", word + "nes"}
        elif word.endswith(("s", "x")):
            forms |= {word + "e", word + "es"}
        elif word.endswith("e"):
            forms |= {word + "s"}
        else:
            forms |= {word + "s", word + "e", word + "es"}
    else:
        if word.endswith("o"):
            stem = word[:-1]
            forms |= {stem + "a", stem + "os", stem + "as"}
        elif word.endswith("es") and not word.endswith("ses"):  # senegales (folded from senegalés)
            forms |= {word + "a", word + "es", word + "as"}
        elif word.endswith(("i", "u")):
            forms |= {word + "es", word + "s"}
        elif word.endswith("e"):
            forms |= {word + "s"}
        else:
            forms |= {word + "es", word + "a", word + "as"}
    return forms


_DEMONYM_GAP = re.compile(r"^\s*(?:,|and|or|&|et|ou|y|e)?\s*$", re.IGNORECASE)


def demonyms_served(text: str, folded: str, lo: int, hi: int) -> list[str]:
    """Countries named by an adjective beside the people or bodies served: "Kenyan county planners" (English, the
    adjective first), "fonctionnaires béninois et togolais", "funcionarios paraguayos" (French, Spanish, after)."""
    out: list[str] = []
    people = re.compile(rf"(?:\s*(?:,|and|or|&)\s*[A-Z][\w-]+)*(?:\s+[a-z][\w-]+){{0,2}}?\s+(?:{_people_rx()})\b",
                        re.IGNORECASE)
    english = [d for d in find_demonyms(text[lo:hi])]
    for d in english:
        if people.match(folded, lo + d.end) and text[lo + d.end : lo + d.end + 1].isspace() and not _pays(
                folded, lo + d.start, lo + d.end):
            out.append(d.iso3)
    # "Bhutanese and Timorese officials": the first adjective of a list served by the noun after the last one.
    for i in range(len(english) - 2, -1, -1):
        a, b = english[i], english[i + 1]
        if b.iso3 in out and _DEMONYM_GAP.match(text[lo + a.end : lo + b.start]) and a.iso3 not in out:
            out.insert(0, a.iso3)
    scanner, forms = _romance_demonyms()
    noun_before = re.compile(rf"(?:{_people_rx()})(?:\s+[a-z\u00e0-\u00ff-]+){{0,2}}?\s+$", re.IGNORECASE)
    prev_end, prev_ok = -1, False
    for m in scanner.finditer(folded, lo, hi):
        ok = bool(noun_before.search(folded, max(lo, m.start() - 60), m.start())) and not _pays(
            folded, m.start(), m.end())
        if not ok and prev_ok and _DEMONYM_GAP.match(folded[prev_end : m.start()]):
            ok = True
        if ok:
            out.append(forms[m.group(0)])
        prev_end, prev_ok = m.end(), ok
    return out


_PAYING_VERB = re.compile(r"^\W{0,3}(?:\w+\s+){0,2}?(?:funds?|funded|finances?|financed|pays?|paid|contributes?|"
                          r"contributed|finance|financ[ée]e?|financia|financi[óo]|aporta|aport[óo]|contribue|"
                          r"a\s+financ[ée]|a\s+contribu[ée])\b", re.IGNORECASE)


def _pays(folded: str, start: int, end: int) -> bool:
    """Is the people or body named here the one that pays ("le gouvernement marocain finance ...", "with funding
    from the Kenyan government")? A funder is never served."""
    return bool(_rx("funder_cues").search(folded, max(0, start - 50), start) or _PAYING_VERB.match(
        folded[end : end + 40]))


def read_served(text: str, funders: list[str] | tuple[str, ...] = ()) -> list[str]:
    """ISO3 codes of the countries the text says the project serves, in order; [] when no cue says so."""
    text = _masked(text, list(funders))
    folded = _folded(text)
    countries = find_countries(text)
    starts = [c.start for c in countries]  # once: each sentence looks its countries up by bisection
    out: list[str] = []
    for lo, hi in sentences(text):
        if _in_history(folded[lo:hi]):
            continue
        found = _after_serve_cue(text, folded, lo, hi, countries, starts) + demonyms_served(text, folded, lo, hi)
        for iso3 in found:
            if iso3 not in out:
                out.append(iso3)
    return out


def funder_cue_ends(text: str) -> list[int]:
    """Where a funder's name begins after each funder cue ("with the financial support of ", "financé par ")."""
    folded = _folded(text)
    return sorted({m.end() for m in _rx("funder_cues").finditer(folded)} | set(receiving_cue_ends(text)))


def support_cue_ends(text: str) -> list[int]:
    """Where a name begins after a cue of support that may mean money or help ("with the support of ", "con el
    apoyo de "): the caller keeps the name as a funder only when it surely pays."""
    return sorted({m.end() for m in _rx("support_cues").finditer(_folded(text))} | set(help_cue_ends(text)))


def partner_cue_ends(text: str) -> list[int]:
    """Where partners' names begin after each partner cue ("in partnership with ", "en colaboración con ")."""
    return list(chained_ends(_rx("partner_cues"), _folded(text)))  # "mené avec le concours de": the longer one


def has_project_evidence(text: str) -> bool:
    """Does a text that names a project also say something a project record holds: a funder, a partner, a country
    served or a status (beyond a period or an amount, which the caller checks)?"""
    folded = _folded(text)
    return bool(_rx("funder_cues").search(folded) or read_served(text) or read_status(text) or any(
        period_cues(text)))


def without_history(text: str) -> str:
    """text with each sentence that recalls the past ("a previous project had supported ...", "un précédent projet
    avait appuyé ...") blanked out, same length: its dates are not the project's."""
    folded = _folded(text)
    parts = []
    pos = 0
    for lo, hi in sentences(text):
        if _in_history(folded[lo:hi]):
            parts.append(text[pos:lo])
            parts.append(re.sub(r"\S", " ", text[lo:hi]))
            pos = hi
    parts.append(text[pos:])
    return "".join(parts)
