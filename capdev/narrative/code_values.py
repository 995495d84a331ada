"""What of a code label's value is the code, when the value holds more than a code.

A code cell or a code label's value may carry words around the code, by the structure of the text:
- an aside in brackets after the code, of words ("MWI/CRVS/25-11 (Board decision 2025/07 approved the workplan)",
  "BEN-12-004 (en cours d'attribution)", "GTM-07 (código provisional)"): the aside is no part of the code;
- the project's name, then its code at the value's end, as a column "Intervention (code)" or "Projet / Code" holds
  them ("Programme d'appui à la réforme de l'administration publique (PARAP) FED/2022/437-118", "Gobierno digital
  municipal 2021.2190.4"): the code is the last piece, the words before it the project's name.

The code is then the piece of the value shaped as a code: letters and digits in parts (code_choice.CODE_TOKEN), a
number in dotted parts ("2021.2190.4") or a number of five to ten digits ("00141209"); never a year, a date or an
amount. A value whose words come after the code ("FED/2022/437-118 Programme ...") or whose code is in the middle
stays as it is: which is the code is unclear there.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from .code_choice import CODE_TOKEN, not_a_code
from .folding import fold
from .title_codes import name_shaped

if TYPE_CHECKING:
    from .types import Record

# A code's shapes, whole: letters and digits in parts, digits in dotted parts, or five to ten digits.
_SHAPE = rf"(?:{CODE_TOKEN}|\d{{2,6}}(?:\.\d{{1,6}}){{2,4}}|\d{{5,10}})"
_SHAPE_RX = re.compile(rf"(?-i:{_SHAPE})")
# An aside of words in brackets after the code ("(ongoing)", "(decision 2025/07 ...)"): a word in small letters.
_ASIDE = re.compile(r"^(?P<code>\S+)\s*[(\[](?P<aside>[^()\[\]]*)[)\]]\s*$")
# The name, then the code: the code is the value's last piece, after a space (or a bracket closing the name's
# acronym), and the name before it has three words or more, one of them written in small letters.
_NAMED = re.compile(r"^(?P<name>.*[\w)\]»\"])\s+(?P<sep>[-–—:·|]?)\s*(?P<code>\S+)$")
# The words that name a code right before it ("project code 00123456", "Award ID 00131457"): no project's name.
_NAMING = {"code", "codigo", "id", "identifier", "identifiant", "identificador", "number", "numero", "no", "nr", "nro",
           "ref", "reference", "referencia", "award", "output", "atlas", "project", "projet", "proyecto", "programme",
           "program", "programa", "du", "de", "del", "of"}


class CodeValue(NamedTuple):
    code: str
    name: str  # the project's name the value gives before its code, '' when none
    why: str  # how the code was read ('' when the value is kept as written)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]{2,}", text)


def _a_code(token: str) -> bool:
    token = token.strip(".,;")
    return bool(_SHAPE_RX.fullmatch(token)) and not not_a_code(token)


def code_in_value(value: str) -> CodeValue:
    """The code a code label's value holds, and the project's name written before it."""
    text = " ".join(value.split())
    m = _ASIDE.match(text)
    if m and _a_code(m.group("code")):
        words = _words(m.group("aside"))
        if any(len(w) > 2 and w.islower() for w in words):
            return CodeValue(m.group("code").strip(".,;"), "", "an aside in brackets after the code")
    m = _NAMED.match(text)
    if m and _a_code(m.group("code")) and not _a_code(m.group("name").split()[0]):
        name = m.group("name").strip(" -–—:·|")
        words = _words(name)
        # A name by its shape (a project word, an acronym) or set apart by a dash: not "Agreement with the Ministry
        # of Finance 00141209", an agreement's number under a code label.
        if len(words) >= 3 and any(w.islower() for w in words) and not re.search(r"\d", name.split()[-1]) and \
                fold(words[-1]).lower() not in _NAMING and (m.group("sep") or name_shaped(name)):
            return CodeValue(m.group("code").strip(".,;"), name, "the project's name before its code")
    return CodeValue(text, "", "")


def code_of(rec: Record, value: str, set_title: Callable[[str, bool], bool]) -> str:
    """A code label's value made the code it holds: an aside after it left out, the project's name before it
    offered as the record's title (a labelled one wins over it: set_title decides). Flagged when so read."""
    found = code_in_value(value)
    if not found.why:
        return value
    rec.flag("code", f"{found.why}: {' '.join(value.split())[:80]}")
    if found.name:
        set_title(found.name, True)
    return found.code
