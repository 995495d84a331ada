"""A labelled record's code and budget as its sentences state them, where no label gives them: a concept note or an
e-mail that names its project in a sentence ("the project « ... » (projet 2021BT)", "en el marco del proyecto 2021C",
"financed ... with a total budget of USD 450,000", "à hauteur de 450 000 $ US"). Only a code a naming word
introduces, and only an amount a total's cue introduces (never a part, an amount spent or a counterpart's share):
an amount with no cue in a labelled record's sentences may be anything (a workshop's cost, a fee), so none is taken.
"""
from __future__ import annotations

import functools
import json
import re

from ..code_choice import another_code
from ..labels import LABELS_FILE
from . import prose_amounts as _amounts

# A UN document symbol ("A/RES/70/1", "E/C.16/2023/2", "ST/SGB/2019/8") or a year range is no project's code.
_NOT_A_CODE = re.compile(
    r"^(?:[AES]|ST|TD|CEDAW|CRC|HRC|UNEP|ECE|ECA|ECLAC|ESCAP|ESCWA|LC|DP)/|^(?:19|20)\d\d[/-](?:19|20)?\d\d$"
)


@functools.cache
def _bracketed() -> re.Pattern[str]:
    """A code of the label table's shapes (data/labels.json "code_patterns") alone in brackets, a naming word
    before it or not: "(DA 2223M)", "(Project 2231K)", "(réf. ZAI/08/001)"."""
    shapes = "|".join(f"(?:{p})" for p in json.loads(LABELS_FILE.read_text("utf-8"))["code_patterns"])
    return re.compile(
        rf"\((?:(?:project|projet|proyecto|programme|code|c[oó]digo|ref\.?|r[ée]f\.?)\s*(?:no\.?|n[°º])?\s*:?\s*)?"
        rf"(?P<code>{shapes})\s*\)",
        re.IGNORECASE,
    )


def told_code(text: str) -> str | None:
    """The code a naming word introduces in a record's text ("projet 2021BT", "Project No. ROA-2231"), or one of
    a code's shapes alone in brackets ("(DA 2223M)")."""
    from .prose import _code_match  # prose imports this module's reader

    for m in (_code_match(text), _bracketed().search(text)):
        if m is not None:
            code = re.sub(r"^DA ?(?=\d{4})", "", m.group("code").strip(".-/"))  # "(DA 2223K)": the code is 2223K
            if not _NOT_A_CODE.search(code) and not another_code(text, m.start()):
                return code
    return None


def read_told_ids(text: str):  # -> prose.ProseFacts
    """The code a record's text gives (before the form feed) and the total budget its sentences state (after it)."""
    from .prose import ProseFacts

    whole, _, told = text.partition("\f")
    return ProseFacts(code=told_code(" ".join(whole.split())),
                      budgets=_amounts.project_budget(" ".join(told.split()), cued_only=True))
