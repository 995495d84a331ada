"""Whether the project a verb of beginning or ending follows is another one the record's project continues, in
English, French and Spanish: "It builds on the Fisheries Governance Project, which was completed in 2022", "il fait
suite au Projet d'appui à l'état civil, qui s'est achevé en 2021", "da continuidad al Programa de Catastro, que
concluyó en 2020". The verb's subject is then the earlier project, and its date none of the record's period. The
cues are data (data/status_prose.json "predecessor_cues"); between a cue and the project's word only a few words
of its name may stand, no comma ("Building on the pilot, the project began in 2021" is the project's own verb)."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import alternation

__all__ = ["of_a_predecessor"]

_DATA = Path(__file__).resolve().parent.parent / "data"
_NAME_WORDS = 8  # "builds on the Regional Public Procurement Capacity Project"


def _alt(words: list[str]) -> str:
    return alternation(words, letters={"'": "['\u2019]\\s*"})


@functools.cache
def _nouns() -> str:
    return _alt(json.loads((_DATA / "prose_cues.json").read_text(encoding="utf-8"))["project_words"])


@functools.cache
def _rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = json.loads((_DATA / "status_prose.json").read_text(encoding="utf-8"))["predecessor_cues"]
    return (re.compile(rf"(?<![\w'-])(?:{_alt(cues)})\s*(?:[^\s,;:.()]+\s+){{0,{_NAME_WORDS}}}?(?:{_nouns()})"
                       r"(?![\w-])", re.IGNORECASE),
            re.compile(rf"(?<![\w'-])(?:{_nouns()})(?![\w-])", re.IGNORECASE))


def of_a_predecessor(folded: str, lo: int, at: int) -> bool:
    """Is the last project named in the folded sentence [lo, at) one that a cue of continuation names ("builds on
    the ... Project", "fait suite au projet", "da continuidad al programa")?"""
    cue_rx, noun_rx = _rx()
    last = None
    for last in cue_rx.finditer(folded, lo, at):
        pass
    # "builds on the pilot project; the new project began": the nearer project is the subject
    return last is not None and noun_rx.search(folded, last.end(), at) is None
