"""Value types: whether the words after a label written without a separator are a value of its field's type
("Proposed Budget US$ 148,000", "Status Closed", "Funded by the Government of Norway")."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .folding import fold, fold_key

if TYPE_CHECKING:
    from .labels import LabelTable

def _typed_money(rest: str, table: LabelTable) -> bool:
    if not re.match(r"(?:[A-Z]{3}\b|US\s?\$|[A-Z]{1,3}\$|[$\u20ac\u00a3\u00a5]|\d)", rest):
        return False
    from .values.money import parse_money

    return bool(parse_money(rest[:80]))


def _typed_dates(rest: str, table: LabelTable) -> bool:
    from .values.dates import find_dates
    from .values.period_values import normalise  # "20220315", "1° de marzo", "premier mars deux mille ..."

    head = re.match(r"(?:from|since|du|de|del|desde|entre|between)?[ \t]*", rest, re.IGNORECASE).end()
    found = find_dates(normalise(rest[:120]))
    return bool(found) and found[0].start <= head


def _typed_code(rest: str, table: LabelTable) -> bool:
    m = re.match(r"[A-Z0-9][A-Za-z0-9/_.\-]{1,24}(?=[ \t]|$)", rest)
    return bool(m) and any(c.isdigit() for c in m.group(0))


def _typed_status(rest: str, table: LabelTable) -> bool:
    return fold_key(rest) in table.status_values


def _typed_region(rest: str, table: LabelTable) -> bool:
    from .values.places import resolve_region

    return len(rest) <= 80 and resolve_region(rest) is not None


def _typed_places(rest: str, table: LabelTable) -> bool:
    from .values.places import find_countries

    found = find_countries(rest[:200])
    return bool(found) and found[0].start <= 4


def _typed_sdgs(rest: str, table: LabelTable) -> bool:
    return bool(re.match(r"(?:\d{1,2}\b|(?:SDG|ODS|ODD|Goal|Objetivo|Objectif)s?\b)", rest, re.IGNORECASE))


def _typed_unit(rest: str, table: LabelTable) -> bool:
    from .values.orgs import resolve_unit

    return len(rest) <= 120 and resolve_unit(rest) is not None


def _typed_number(rest: str, table: LabelTable) -> bool:
    return bool(re.fullmatch(r"\d{1,3}", rest.strip()))


def _typed_name(rest: str, table: LabelTable) -> bool:
    """A name after a verbal label ("Funded by the Government of Norway", "Financiado por la AECID"); not the
    opening of a sentence that goes on after the name ("Con el apoyo financiero de la Unión Europea, el proyecto
    capacitará ...": prose, read as such)."""
    if _SENTENCE_GOES_ON.search(fold(rest)) or rest.rstrip().endswith(","):
        return False
    return bool(re.match(r"(?:(?:the|le|la|les|l'|el|los|las|un|une|una)\s?)?[A-Z]", fold(rest)))


_SENTENCE_GOES_ON = re.compile(r",\s+(?:the|this|it|its|le|la|les|ce|cette|il|elle|el|los|las|este|esta)\s+[a-z]")


_TYPED: dict[str, Callable[[str, LabelTable], bool]] = {
    "money": _typed_money, "dates": _typed_dates, "code": _typed_code, "status": _typed_status,
    "region": _typed_region, "places": _typed_places, "sdgs": _typed_sdgs, "unit": _typed_unit, "number": _typed_number,
    "name": _typed_name,
}


# Small words a value may be written with ("du 1er mars au 30 juin", "de enero a junio", "from March to June").
_VALUE_WORDS = frozenset(
    "to from until till and or of the per a an au aux du de des d et en le la les l jusqu y del al a los las hasta "
    "desde el sur par por para".split()
)
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORD = re.compile(r"(?<![\w'’])[^\W\d_]+")
_NEXT_PIECE = re.compile(r"[\t|;:\u00b7\u2022]|  ")  # what follows belongs to another label ("... · Funding: XB")
_CLAUSE_KINDS = ("dates", "money", "places", "code")  # values a sentence may begin with; other types are whole


def reads_as_clause(kind: str, text: str) -> bool:
    """Whether the words after a label written without a separator go on as a sentence once its value is set
    aside ("Fin 2023, le projet a été prolongé de six mois", "Start 2020 with a workshop"): two words or more in
    lower case that are neither a date's, an amount's nor a small word of a value. Such a line is prose."""
    if kind not in _CLAUSE_KINDS:
        return False
    rest = _BRACKETED.sub(" ", _NEXT_PIECE.split(text[:200], 1)[0])
    if kind == "dates":
        from .values.dates import find_dates

        for m in reversed(find_dates(rest)):
            rest = rest[: m.start] + " " + rest[m.end :]
    elif kind == "money":
        from .values.money import money_spans

        for start, end in reversed(money_spans(rest)):
            rest = rest[:start] + " " + rest[end:]
    words = [w for w in _WORD.findall(rest) if w[0].islower() and fold(w).lower() not in _VALUE_WORDS]
    return len(words) >= 2


def value_has_type(kind: str, text: str, table: LabelTable | None = None) -> bool:
    """Whether text begins with a value of this type ("money", "dates", ...); False for unknown types."""
    check = _TYPED.get(kind)
    if table is None:
        from .labels import default_table

        table = default_table()
    return bool(check and text and check(text.strip(), table))
