"""Whether a status a sentence tells is its project's own, in English, French and Spanish (data/status_prose.json),
and the status a sentence gives by the stage the project is in ("the project is in its implementation phase", "le
projet est en phase de formulation", "el proyecto se encuentra en fase de diseño": values.status.phase_category).

A status told of something else is never the project's: of another project ("builds on a previous project, which
was completed in 2019", "fait suite à un premier projet qui s'est achevé", "da continuidad a un proyecto anterior que
concluyó"), of its evaluation or a report ("the project's final evaluation was completed"). Sentences come folded
(accents off, see folding.fold); positions are kept (what is set aside becomes spaces)."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import alternation
from .project_aliases import named_as_project as _aliases
from .requested_changes import unsettled
from .status import phase_category, status_category
from .topic_pronouns import topic_pronouns

__all__ = ["cues", "elsewhere", "foretold", "fronted", "longest", "named_as_project", "plain", "pronoun_subject",
           "stage_hits", "unquoted", "unsettled"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "status_prose.json"


@functools.cache
def _data() -> dict:
    return json.loads(_DATA.read_text(encoding="utf-8"))


def cues() -> dict[str, list[str]]:
    """More verbs of status, by category, beside data/prose_cues.json's "status"."""
    return _data()["cues"]


def _alt(key: str) -> str:
    return alternation(_data()[key])


@functools.cache
def _rx() -> dict[str, re.Pattern[str]]:
    nouns = _alt("project_nouns")
    others = _alt("other_projects")
    return {
        "adverbs": re.compile(rf"(?:,\s*)?(?<![\w'-])(?:{_alt('adverbs')})(?![\w-])(?:\s*,(?=\s))?", re.IGNORECASE),
        "copula": re.compile(rf"(?<![\w'-])(?:{_alt('copulas')})\s+(?=\S)", re.IGNORECASE),
        "relative": re.compile(rf"(?<![\w-])(?:{_alt('relatives')})(?![\w-])", re.IGNORECASE),
        "other_project": re.compile(rf"\b(?:(?:{others})\s+(?:[\w-]+\s+)?(?:{nouns})|(?:{nouns})\s+(?:{others}))\b",
                                    re.IGNORECASE),
        "other_subject": re.compile(rf"(?<![\w-])(?:{_alt('other_subjects')})(?![\w-])", re.IGNORECASE),
    }


def named_as_project(text: str) -> str:
    """The text with the project's acronym read as "the project" (values.project_aliases) and a pronoun after a colon
    that follows the project's name read as the project ("the X Project: it is in the pipeline", values.topic_pronouns).
    """
    rx = _rx()
    return topic_pronouns(_aliases(text), (rx["other_subject"], rx["other_project"]))


def plain(sentence: str) -> str:
    """The sentence with the adverbs that may stand inside a verb of status blanked ("was successfully completed"
    reads "was completed"), same length."""
    return _rx()["adverbs"].sub(lambda m: " " * len(m.group(0)), sentence)


# A quoted title ("Regulatory Impact Assessment Unit", « Registre national ... »): its words are no subject.
_QUOTED_TITLE = re.compile(r"[\u201c\"\u00ab][^\u201c\u201d\"\u00ab\u00bb]{0,200}[\u201d\"\u00bb]")


def unquoted(sentence: str) -> str:
    """The sentence with its quoted titles blanked, same length: "the project "Civil Registration ..." came to an
    end" tells of the project, not of a registration."""
    return _QUOTED_TITLE.sub(lambda m: " " * len(m.group(0)), sentence)


def elsewhere(sentence: str, subject_start: int, subject_end: int, at: int) -> bool:
    """Is the status at `at` told of something other than the project named before subject_end: another project
    or phase ("a previous project, which ..."), a clause of another noun, an evaluation or a report?"""
    rx = _rx()
    gap = sentence[subject_end:at]
    if rx["other_project"].search(gap) or rx["other_subject"].search(sentence, subject_start, at):
        return True
    last = None
    for last in rx["relative"].finditer(gap):
        pass
    # "The project, which started in 2021, was completed": the clause is closed by a comma; "the project, which was
    # completed" right after the project: its own clause. Otherwise the clause is of another noun.
    return bool(last and "," not in gap[last.end():] and not _NAMING.fullmatch(gap[: last.start()].strip(" ,")))


# "a new project entitled "...", which is expected to begin": the clause is of the project its title names.
_NAMING = re.compile(r"(?:(?:entitled|titled|called|named|known\s+as|intitulee?|denommee?|appelee?|titulad[oa]|"
                     r"denominad[oa]|llamad[oa])\s*,?)?", re.IGNORECASE)


def stage_hits(sentence: str, start: int) -> list[tuple[int, int, str]]:
    """(start, end, category) of each "is ... in a stage" after `start`: "est en phase de formulation"."""
    out = []
    for m in _rx()["copula"].finditer(sentence, start):
        category = phase_category(sentence[m.end() : m.end() + 60])
        if category:
            out.append((m.start(), m.end(), category))
    return out


def longest(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The hits not inside a longer one ("est en cours de négociation" holds "est en cours")."""
    return [h for h in hits if not any(o != h and o[0] <= h[0] and h[1] <= o[1] for o in hits)]


_FRONT_WORDS = 6


def fronted(sentence: str, subject_start: int) -> str | None:
    """The status a sentence puts before its project, set off by a comma ("Still in the pipeline, this new
    programme ...", "Achevé en 2020, le projet ...", "Concluido en 2019, el proyecto ..."): its category, or None."""
    head = sentence[:subject_start].rstrip()
    if not head.endswith(",") or "," in head[:-1] or len(head.split()) > _FRONT_WORDS:
        return None
    return status_category(head[:-1])


# "will be completed in", "sera achevé en", "debería estar concluido", "once completed", "une fois clôturé": a
# completion to come. The sentence is folded (no accents).
_FORETOLD = re.compile(r"(?<![\w'-])(?:will(?:\s+have)?\s+be(?:en)?|shall\s+be|to\s+be|should\s+be|would\s+be|"
                       r"once|when|until|expected\s+to\s+be|sera|seront|serait|devra\s+etre|devrait\s+etre|doit\s+etre|"
                       r"une\s+fois|lorsque|quand|jusqu'a\s+ce\s+qu'il\s+soit|prevue?\s+pour\s+etre|sera|seran|"
                       r"estara|deberia\s+(?:ser|estar)|debe\s+(?:ser|estar)|una\s+vez|cuando|hasta\s+que\s+sea|"
                       r"previsto\s+para\s+ser)\s*$", re.IGNORECASE)


def foretold(sentence: str, at: int) -> bool:
    """Is the status at `at` a completion still to come ("will be completed", "sera achevé", "una vez concluido")?"""
    return bool(_FORETOLD.search(sentence, max(0, at - 40), at))


# A sentence's subject that is a pronoun, or none (Spanish): "It is under implementation", "Il est en cours", "Se
# encuentra en ejecución", "Ésta concluyó en 2023". The sentence is folded (no accents).
_PRONOUN = re.compile(r"\s*(?:(?:it|il|elle|celui-ci|celle-ci|ce\s+dernier|esta|este)(?![\w'-]))?", re.IGNORECASE)


def pronoun_subject(sentence: str) -> re.Match[str]:
    """The pronoun opening a sentence (an empty match when it opens with its verb)."""
    return _PRONOUN.match(sentence)  # type: ignore[return-value]
