"""Which of the numbers a record gives is its project's code.

A record may carry, beside its project's code, an agreement's, a grant's, a contract's or a file's number
("Agreement number", "N° de la convention", "Número de convenio": the labels marked `secondary` in
data/labels.json). Such a number is the record's code only where no project code label gives one; the two in one
record are one record's numbers, not two records. A value under a code label that is an amount or a date is no code
("Code: USD 450,000", "Référence : 12 mars 2023"), a document's symbol, an ISBN, a telephone number or an act's
number ("Référence : A/RES/70/1", "Ref.: Decision 2025/041") is no code: it is flagged, never placed.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .folding import fold

if TYPE_CHECKING:
    from .blocks import Block
    from .labels import LabelMatch
    from .types import Record

_WORDS = Path(__file__).with_name("data") / "title_words.json"
# A project code's shape in running text: letters and digits in two to five parts ("KEN-21-004", "MA/21/ENI/GO/09"),
# the first a single letter when three or more parts follow it by hyphens ("P-TD-K00-012"), or four digits and a
# letter or two ("2021BT").
CODE_TOKEN = (r"(?=[A-Z0-9./-]*\d)(?=[A-Z0-9./-]*[A-Z])(?:[A-Z0-9]{2,}(?:[/.-][A-Z0-9]{1,10}){1,4}|"
              r"[A-Z](?:-[A-Z0-9]{1,10}){3,4})|\d{4}[A-Z]{1,2}\b")
COLUMN_NAMES = "a table's column names"
_SECONDARY = "a reference, an agreement's or a file's number: the record gives no project code"
_CURRENCY = (r"(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|CNY|SEK|NOK|DKK|XOF|XAF|US\$|\$\s?US|\$|\u20ac|\u00a3|dollars?"
             r"|d[oó]lares|euros?)")
_AMOUNT = r"\d{1,3}(?:[ ,.'\u00a0]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?\s?(?:million|millions|millones|M)|\d{4,}"
_MONEY = re.compile(rf"^{_CURRENCY}\s?(?:{_AMOUNT})$|^(?:{_AMOUNT})\s?{_CURRENCY}$")
_DATE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d$|^(?:19|20)\d\d[./-]\d{1,2}[./-]\d{1,2}$"
                   r"|^(?:199\d|20[0-3]\d)$")  # a year alone


def _secondary(lab: LabelMatch | None) -> bool:
    return bool(lab is not None and lab.modifiers.get("secondary"))


def one_of_each(first: Block | None, lab: LabelMatch) -> bool:
    """Are the record's first code label and this one a project code and an agreement's (or a file's) number, in
    either order: two numbers of one record?"""
    if first is None or first.kind != "label" or first.field != "code" or lab.field != "code":
        return False
    return _secondary(first.label) != _secondary(lab)


def not_a_code(value: str) -> str:
    """Why a code label's value is no code ('' when it may be one): an amount, a date."""
    text = " ".join(value.split()).strip(" .;|")
    if "|" in text and not re.search(r"\d", text):
        return COLUMN_NAMES  # "| N.º | Compromiso | Responsable |": a table's head, not a labelled code
    if _MONEY.match(text):
        return "an amount"
    if re.search(r"https?://|www\.", text):
        return "a link"  # "References: [1] https://...": a list of links under a reference label
    if _DATE.match(text) or _date_words(text):
        return "a date"
    return _not_a_project_number(text)


# A UN document's symbol ("A/RES/70/1", "E/CN.16/2024/3", "DP/2026/31"), a book's or a serial's number, a telephone
# number, an act's number after its word ("Decision 2025/041", "Décret n° 2024-215", "Resolución N° 045-2025"):
# no project's code, under whatever label.
DOCUMENT_SYMBOL = re.compile(
    r"^(?:[AES]|ST|TD|CEDAW|CRC|HRC|UNEP|ECE|ECA|ECLAC|ESCAP|ESCWA|LC|DP)/|^(?:19|20)\d\d[/-](?:19|20)?\d\d$")
_BOOK = re.compile(r"^(?:ISBN|ISSN|e-?ISBN)\b|^97[89][- ]?\d{1,5}[- ]\d{1,7}[- ]\d{1,7}[- ][\dX]$", re.IGNORECASE)
_PHONE = re.compile(r"^(?:\+\d{1,3}[\s.-]?\(?\d|\(\+?\d{1,4}\)\s?\d|(?:tel|t[ée]l|phone|t[ée]l[ée]fono)(?:\.|:|\s))",
                    re.IGNORECASE)
# The words of an act, singular and plural, in the three languages ("Décret n° MTEF/2024-215", "Resolución Ministerial
# N° 045-2026-PCM", "Decisions DP/2026/31"); values.suggestions reads them before a code-shaped token too.
ACT_WORDS = (r"(?:decisions?|d[ée]cisions?|decisi[oó]n(?:es)?|resolutions?|r[ée]solutions?|resoluci[oó]n(?:es)?|"
             r"decrees?|d[ée]crets?|decretos?|laws?|lois?|ley(?:es)?|arr[êe]t[ée]s?|ordonnances?|ordinances?|"
             r"ordenanzas?)")
_ACT = re.compile(rf"^{ACT_WORDS}(?=\s|\.)", re.IGNORECASE)


def _not_a_project_number(text: str) -> str:
    if DOCUMENT_SYMBOL.search(text):
        return "a span of years" if text[:1].isdigit() else "a document's symbol"
    if _BOOK.search(text):
        return "a book's number"
    if _PHONE.search(text):
        return "a telephone number"
    if _ACT.search(text):
        return "an act's number"
    return ""


def _date_words(text: str) -> bool:
    """"12 March 2023", "mars 2023", "15 de marzo de 2023": month words, numbers and small words only."""
    from .values.dates import MONTHS

    if not re.fullmatch(r"[^\W_]+(?:[ ,.]+[^\W_]+)+\.?", text):
        return False  # "MAR/22/001", "DEC-2023-4": a code, whatever its letters
    words = re.findall(r"[^\W\d_]+", fold(text).lower())
    small = {"de", "del", "of", "the", "le", "el", "er", "st", "nd", "rd", "th", "y", "and", "et", "to", "au", "al"}
    return bool(words) and bool(re.search(r"\d", text)) and any(w in MONTHS for w in words) and all(
        w in MONTHS or w in small for w in words)


def take_code(rec: Record, value: str, lab: LabelMatch | None) -> str | None:
    """The record's code once this label's value is read: a project code wins over an agreement's number read
    before it; an amount or a date is flagged and left out."""
    why = not_a_code(value)
    if why:
        rec.flag("code", f"not a code, left out: {why}")
        return rec.code
    secondary = _secondary(lab)
    if secondary and a_letter(rec.text):
        rec.flag("code", "a letter's own reference, not the project's code")
        return rec.code
    read_from_secondary = any(f.field == "code" and f.reason == _SECONDARY for f in rec.flags)
    if rec.code and not (read_from_secondary and not secondary):
        return rec.code
    if read_from_secondary:
        rec.flags[:] = [f for f in rec.flags if not (f.field == "code" and f.reason == _SECONDARY)]
    elif secondary:
        rec.flag("code", _SECONDARY)
    return value


@lru_cache(maxsize=1)
def _other_cue() -> re.Pattern[str]:
    words = json.loads(_WORDS.read_text(encoding="utf-8"))["other_code_cues"]
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted({fold(w).lower() for w in words}, key=len,
                                                                        reverse=True))
    # The cue, then at most an article or two, right before the code's naming word.
    return re.compile(rf"(?<![\w'])(?:{alt})\.?\s*"
                      r"(?:(?:the|a|an|le|la|les|l'|du|de|des|au|el|los|las|del|al)\s+){0,2}"
                      r"(?:(?:project|projet|proyecto|programme|programa)\s*)?$")


def _cue_words(key: str) -> str:
    words = json.loads(_WORDS.read_text(encoding="utf-8"))[key]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted({fold(w).lower() for w in words}, key=len,
                                                                         reverse=True))


@lru_cache(maxsize=1)
def _act_cue() -> re.Pattern[str]:
    # The act's word right before the number's naming word ("Agreement No.", "convenio n.º"), or with a word or two
    # that qualify it ("Resolución Ministerial N°", "Decreto Supremo N.º", "arrêté ministériel n°"): "convenio del
    # proyecto COL-22-003" names the project, not the agreement.
    return re.compile(rf"(?<![\w'])(?:{_cue_words('act_code_cues')})\.?"
                      r"(?:\s+(?!(?:project|projet|proyecto|programme|programa|program|del|de|du|of)\b)[^\W\d_]+)"
                      r"{0,2}\s*$")


@lru_cache(maxsize=1)
def _named_not_codes() -> frozenset[str]:
    return frozenset(w.upper() for w in json.loads(_WORDS.read_text(encoding="utf-8"))["named_not_codes"])


def named_not_code(token: str) -> bool:
    """Is a code-shaped token a name written with a number ("COVID-19", "G-20", "ISO-9001"), or a word with small
    letters and a number ("covid-19", "Horizon-2020", "Ley-1234"), rather than a project's code? A code with small
    letters has three separators or more ("EuropeAid/139543/DD/ACT/Multi")."""
    t = token.strip(" .,;:")
    if t.upper() in _named_not_codes() or re.sub(r"[-/. ]", "", t.upper()) in {
            re.sub(r"[-/. ]", "", w) for w in _named_not_codes()}:
        return True
    return bool(re.search(r"[a-z]", t)) and len(re.findall(r"[/.-]", t)) < 3


def an_act(words: str) -> bool:
    """Do the words name an act ("de la convention", "del convenio", "of the agreement")?"""
    return bool(re.search(rf"(?<![\w'])(?:{_cue_words('act_code_cues')})(?![\w'])", fold(words).lower()))


@lru_cache(maxsize=1)
def _document_cue() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{_cue_words('document_code_cues')})\.?\s*$")


@lru_cache(maxsize=1)
def _contrast_cue() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{_cue_words('contrast_code_cues')})(?![\w'])")


_CUE_WINDOW = 40
_SENTENCE_WINDOW = 240
_SENTENCE_END = re.compile(r"[.!?;\n]\s+(?=\S)")


def another_code(text: str, start: int, letter_ref: bool = True) -> bool:
    """Is the code whose naming word begins at `start` a letter's own reference, an act's number or another
    (earlier, related, set apart) project's ("Note verbale No. ...", "Agreement No. ...", "builds on project 1819R",
    "fait suite au projet ...", "ne pas confondre avec le projet ...")? letter_ref: a reference word opening it in a
    letter ("Réf. : ...") is the letter's own (not so in a sentence that says what the project's number is)."""
    before = fold(text[max(0, start - _CUE_WINDOW) : start]).lower()
    if _other_cue().search(before) or _act_cue().search(before) or _document_cue().search(before) and re.match(
            r"(?:n[o\u00b0\u00ba]|n\.\s?[\u00b0\u00ba]|nr|num|n[uú]m|number)", fold(text[start : start + 8]).lower()):
        return True  # ... or a document's number ("Informe N° ...")
    if _contrast_cue().search(_sentence_before(text, start)):
        return True
    # "Réf. : DAES/2023/204", "Ref. No. ..." in a letter: the letter's own reference.
    return letter_ref and bool(_REFERENCE_WORD.match(fold(text[start : start + 12]).lower())) and a_letter(text)


_LETTER_SPAN = 4000  # a letter addresses its reader near its head


@lru_cache(maxsize=1)
def _letter() -> re.Pattern[str]:
    words = json.loads(_WORDS.read_text(encoding="utf-8"))["letter_words"]
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted({fold(w).lower() for w in words}, key=len,
                                                                        reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alt})(?![\w'])")


def _sentence_before(text: str, start: int) -> str:
    """The sentence's words before `start` (within a bounded window: time stays linear), folded."""
    window = text[max(0, start - _SENTENCE_WINDOW) : start]
    ends = list(_SENTENCE_END.finditer(window))
    return fold(window[ends[-1].end() :] if ends else window).lower()


def a_letter(text: str) -> bool:
    """Does the text address its reader as a letter or a note verbale does ("Dear Minister", "J'ai l'honneur")?"""
    return _letter_head(text[:_LETTER_SPAN])


@lru_cache(maxsize=16)
def _letter_head(head: str) -> bool:
    return bool(_letter().search(fold(head).lower()))


_REFERENCE_WORD = re.compile(r"(?:ref|n[o\u00b0\u00ba]\.|number|numero)")
