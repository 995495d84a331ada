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

from ..code_choice import DOCUMENT_SYMBOL, an_act, another_code, named_not_code
from ..labels import LABELS_FILE
from . import prose_amounts as _amounts
from .agreement_ids import agreement_rx
from .owned_codes import numbered_codes, owned_code_rx
from .prose import _CODE, _CODE_TOKEN, _LETTER_REF, _QUOTED_CODE, ProseFacts
from .total_rows import total_row

# A UN document symbol ("A/RES/70/1", "E/C.16/2023/2", "ST/SGB/2019/8") or a year range is no project's code.
_NOT_A_CODE = DOCUMENT_SYMBOL


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


# A naming word and the code in brackets after it ("this new programme (PSIL-CA-24)", "le projet (réf. X)"), or a
# project's quoted name and its code after a dash ('PROYECTO "SISTEMA ..." – COL-22-003').
# ... or at the end of brackets that open on the word: "(projet du Compte pour le développement 2327M)".
_NAMED_BRACKET = re.compile(
    r"\b(?:project|projet|proyecto|programme|program|programa|initiative|iniciativa)\s*\(\s*(?P<code>"
    + _CODE_TOKEN + r")\s*\)|\((?:project|projet|proyecto)\b[^()]{0,60}?\s(?P<code2>" + _CODE_TOKEN + r")\s*\)",
    re.IGNORECASE)
# An identifier's word and a code alone in brackets ("(ID MWI-DPT-2025)", "(identifiant : BEN-07-2024)").
_ID_BRACKET = re.compile(r"\(\s*(?i:id|identifier|identifiant|identificador)\.?\s*[:#]?\s*(?P<code>" + _CODE_TOKEN +
                         r")\s*\)")
_QUOTED_DASH = re.compile(r"[\u201d\"\u00bb]\s*[-\u2013\u2014]\s*(?P<code>" + _CODE_TOKEN + r")(?![\w/-])")
# An identifier of a system that numbers projects with digits only ("Atlas ID 00123456", "Award ID 00098765",
# "Quantum project 00123456"): five digits or more, so that no year, no day and no count is one. A project's word
# with its capital, and the number alone after it, as a heading writes them ("Project 00131457 (pipeline)",
# "Project 00129880 Anti-corruption ..."): never "the project's 12000 beneficiaries", "project 150000 USD".
_NUMBER_ID = re.compile(
    r"\b(?:(?:atlas|quantum)(?:\s+(?:project|award|projet|proyecto))?(?:\s+(?:id|no\.?|number|n[\u00b0\u00ba]|"
    r"num[eé]ro|n[uú]mero))?|award\s+(?:id|no\.?|number)|project\s+id|output\s+id|id\s+(?:du\s+projet|"
    r"del\s+proyecto)|(?:id|identifiant|identificador|n[uú]mero|num[eé]ro|n[\u00b0\u00ba]|code|c[oó]digo)\s+"
    r"(?:atlas|quantum)|(?:project|projet|proyecto)\s+(?:no\.?|n\.?\s?[\u00b0\u00ba]|number|n[uú]mero|num[eé]ro)|"
    r"(?-i:Project|Projet|Proyecto|PROJECT|PROJET|PROYECTO)(?=\s+\d{5,10}(?:\s*[(\[]|\s+(?-i:[A-Z](?![A-Z]{2}\b))|\s*$)))"
    r"\s*[:#]?\s*(?P<code>\d{5,10})(?![\d,.]\d)", re.IGNORECASE)
# A sentence that says what the code is: "Its official reference is T05-EUTF-SAH-REG-31", "Sa référence officielle
# est ...", "Su código es ...".
# ... or its number in a system ("su número en el sistema del BID es CH-T1234", "its ID in the EU's system is
# ..."): up to five words between, none an act's ("le numéro de la convention est ...": the act's).
_CODE_IS = re.compile(
    r"\b(?:reference|r[ée]f[ée]rence|referencia|code|c[oó]digo|identifier|identifiant|identificador|number|"
    r"num[ée]ro|n[uú]mero|id)(?P<between>(?:\s+[^\W\d_]+(?:['’][^\W\d_]+)?){0,5}?)\s+(?:is|est|es)\s+"
    r"(?:the\s+|le\s+|el\s+)?(?P<code>" + _CODE_TOKEN + r")(?![\w/-])",
    re.IGNORECASE)


# A development bank's identifiers, named by a word of naming or alone in brackets: the World Bank's project
# ("P176543") and trust fund ("TF0A1234") numbers, a loan's or an operation's number ("préstamo 5312/OC-EC", "loan
# No. 4087-KE", "crédit IDA 6543-SN").
_BANK_SHAPE = r"P\d{6}|TF(?=[A-Z0-9]{0,5}\d)[A-Z0-9]{5,6}"
_BANK_ID = re.compile(
    r"(?:\b(?:project|projet|proyecto|loan|credit|grant|operation|pr[êe]t|cr[ée]dit|don|op[ée]ration|"
    r"pr[ée]stamo|cr[ée]dito|operaci[oó]n|donaci[oó]n|project\s+id|id\s+(?:du\s+)?projet|id\s+(?:del\s+)?"
    r"proyecto)(?:\s+(?:IDA|IBRD|BIRD|BIRF|BID|IDB|BAD|AfDB|ADB|BAsD|CAF))?\s*(?:no\.?|n[°º]\.?|number|num[ée]ro|n[uú]mero)?\s*[:#]?\s*"
    rf"(?P<code>(?-i:{_BANK_SHAPE}|{_CODE_TOKEN}))|\(\s*(?P<code2>(?-i:{_BANK_SHAPE}))\s*\))(?![\w/-])",
    re.IGNORECASE)


def _candidates(text: str):
    """The codes a text names, the surest way of naming first (a naming word right before the code, then a code
    after a quoted title, then a code's shape in brackets, then the other ways)."""
    for m in _CODE.finditer(text):
        if not _LETTER_REF.search(text, max(0, m.start() - 8), m.start()):
            yield m
    for rx in (_QUOTED_CODE, _bracketed(), _NAMED_BRACKET, _ID_BRACKET, _QUOTED_DASH, _NUMBER_ID, _CODE_IS, _BANK_ID,
               owned_code_rx(), agreement_rx()):  # "Convention de financement AFD n° CCI 1402 01 K" (round 19)
        yield from rx.finditer(text)
    yield from numbered_codes(text)


def told_code(text: str) -> str | None:
    """The code a naming word introduces in a record's text ("projet 2021BT", "Project No. ROA-2231", "Atlas ID
    00123456"), or one of a code's shapes alone in brackets ("(DA 2223M)"); never an act's, a letter's or another
    project's number (code_choice.another_code)."""
    for m in _candidates(text):
        found = m.group("code") or m.groupdict().get("code2") or ""
        code = re.sub(r"^DA ?(?=\d{4})", "", found.strip(".-/"))  # "(DA 2223K)": the code is 2223K
        said = m.groupdict().get("between") is not None  # "its number ... is": a sentence, not a letter's head
        if not _NOT_A_CODE.search(code) and not named_not_code(code) and not another_code(
                text, m.start(), letter_ref=not said) and not (
                said and an_act(m.group("between"))):
            return code
    return None


def read_told_ids(text: str):  # -> prose.ProseFacts
    """The code a record's text gives (before the form feed) and the total budget its sentences state (after it),
    else the total a table's last row gives that its rows above sum to (values.total_rows)."""
    whole, _, told = text.partition("\f")
    return ProseFacts(code=told_code(" ".join(whole.split())),
                      budgets=_amounts.project_budget(" ".join(told.split()), cued_only=True) or total_row(whole))
