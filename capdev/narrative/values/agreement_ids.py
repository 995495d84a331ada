"""A financing agreement's number told right after its noun, in a record's text: "Convention de financement AFD
n° CCI 1402 01 K", "la convention spécifique BEN 2602611 signée le ...", "(convention de financement
FED/2024/445-812)", "convention NDICI AFRICA/2023/445-812", "financing agreement No. KE-2024-118". A funder's
acronym may stand between the noun and the number. Numbers are written as their issuers write them: a code token
(code_choice.CODE_TOKEN), an agency's spaced form (three letters and digit groups: "CCI 1402 01 K", "BEN
2602611"), or a programme's name before a slashed number ("NDICI AFRICA/2023/445-812"). Read by values.told_ids as a
code candidate: the record's code only where nothing else gives one, flagged. Words are data
(data/agreement_ids.json)."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..code_choice import CODE_TOKEN
from ..folding import alternation

__all__ = ["agreement_rx"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "agreement_ids.json"
# "CCI 1402 01 K", "BEN 2602611", "CTG 1087 01 K": capitals, then groups of digits, a letter to close or not
_SPACED = r"[A-Z]{2,4}(?: \d{2,8}){1,3}(?: [A-Z])?(?![\w/-])"
# "NDICI AFRICA/2023/445-812": a programme's name and a slashed number
_NAMED = r"[A-Z]{2,8} [A-Z]{2,10}/\d{4}/[\d-]{3,12}"


@functools.cache
def agreement_rx() -> re.Pattern[str]:
    nouns = alternation(json.loads(_DATA.read_text(encoding="utf-8"))["agreement_nouns"],
                        letters={"e": "[eé]", "o": "[oó]"})
    return re.compile(
        rf"(?<![\w-])(?i:{nouns})(?:\s+(?:[A-Z]{{2,6}}))??\s*(?i:n[°º]\.?|no\.|num[eé]ro|n[uú]mero|number)?\s*:?\s*"
        rf"(?P<code>{_NAMED}|{_SPACED}|{CODE_TOKEN})(?![\w/-])")
