"""Where a funder's name ends when the sentence goes on to who implements (round 19): "Financé par le Royaume de
Belgique et mis en œuvre de mars 2024 à février 2028 par Enabel", "funded by Norway and implemented by UNDP",
"financiado por la AECID y ejecutado por el INAP".

After a funding cue the words run to the clause's end; a conjunction then a verb of implementing
(data/role_cues.json "implementer_verbs") opens a second clause whose agent implements and whose dates are the
period: neither is part of the payer's name (values.prose cuts the funder's phrase there)."""
from __future__ import annotations

import functools
import re

from . import role_cues as _cues

__all__ = ["before_implementing"]


@functools.cache
def _implementing_clause() -> re.Pattern[str]:
    return re.compile(rf"\s*,?\s+(?:and|et|y|e)\s+(?:(?:is|was|will\s+be|est|sera|a\s+[ée]t[ée]|es|ser[áa]|fue)\s+)?"
                      rf"(?:{_cues.alternation('implementer_verbs')})(?![\w-])", re.IGNORECASE)


def before_implementing(phrase: str) -> str:
    """The phrase up to a conjunction that opens a clause of implementing; the whole phrase when there is none."""
    m = _implementing_clause().search(phrase) if isinstance(phrase, str) else None
    return phrase[: m.start()] if m else phrase
