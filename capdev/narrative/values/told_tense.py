"""Whether a record's text tells its project's course in the present or the future, in English, French and Spanish:
"the project, which runs from January 2022 to December 2024", "le projet s'achèvera en 2025", "el proyecto
finalizará en junio". Such a text was written while the project ran: a status inferred from a document's date
(values.status_dates) that says "completed" then contradicts the text, and is not given."""
from __future__ import annotations

import re

from ..folding import fold

__all__ = ["tells_ongoing"]

# Verbs of a project's course in the present or the future (folded: no accents), after the project or a pronoun.
_ONGOING = re.compile(
    r"\b(?:project|programme|program|initiative|projet|proyecto|programa|iniciativa|it|il|elle|which|qui|que)\b"
    r"[^.;:!?]{0,60}?(?<![\w'-])(?:runs|will\s+run|is\s+running|ends|will\s+end|is\s+(?:due|expected|scheduled)\s+to\s+"
    r"(?:end|close|run)|will\s+close|continues|will\s+continue|se\s+termine(?:ra)?|s'acheve(?:ra)?|prendra\s+fin|"
    r"prend\s+fin|court|se\s+poursui(?:t|vra)|s'etend(?:ra)?|finaliza(?:ra)?|concluye|concluira|termina(?:ra)?|"
    r"culmina(?:ra)?|se\s+ejecuta(?:ra)?|se\s+extiende|se\s+extendera|estara\s+vigente|continua(?:ra)?)(?![\w'-])",
    re.IGNORECASE)


def tells_ongoing(text: str) -> bool:
    """Does the text say, in the present or the future, that its project runs, ends or goes on?"""
    return isinstance(text, str) and bool(_ONGOING.search(fold(text)))
