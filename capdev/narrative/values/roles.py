"""Roles a value decides when its label is ambiguous: the lead unit and the partners an execution label names
("Ejecución: DAES / DPIDG, con la CEPAL"), and whether a "Name:" label names the project or a person."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..folding import fold
from .role_cues import alternation

# "..., con la CEPAL", "... in cooperation with UNDP", "... avec l'appui du PNUD": the partners of the lead;
# "..., implemented by UNDP", "..., ejecutado por el PNUD": the body that implements (data/role_cues.json).
_WITH = re.compile(
    rf"(?:,\s*|\s+)(?:(?P<implementing>{alternation('implementer_lead')})|{alternation('with_partner')})"
    rf"(?:\s+|(?<=')\s*)(?:(?:{alternation('articles')})(?:\s+|(?<=')\s*))?(?=\S)",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[.!?](?:\s|$)")
_NOT_A_NAME = re.compile(
    r"(?:ing|tion|sion|ci[óo]n|si[óo]n|ment|ance|ence|ity|idad|it[ée]|ics|ique|ico|ica|al|ales|aux|ive|ivo|iva|"
    r"ism|isme|ismo|ship|hood|ness|data|datos|donn[ée]es|public|p[úu]blica|publique|digital|num[ée]rique|open|"
    r"academy|acad[ée]mie|academia|project|projet|proyecto|programme|program|programa|network|red|r[ée]seau|"
    r"system|syst[èe]me|sistema|support|appui|apoyo|reform|r[ée]forme|reforma|school|[ée]cole|escuela|"
    r"office|bureau|oficina|institute|institut|instituto|centre|center|centro)$",
    re.IGNORECASE,
)
_PERSON_PARTICLE = frozenset("de del la van von da dos das di le du bin al y e".split())


@dataclass
class LeadRead:
    """An execution label's value: the lead (unit or body, as written), the partners named with it, or prose."""

    lead: str = ""
    partners: list[str] = field(default_factory=list)
    implementers: list[str] = field(default_factory=list)  # "DPIDG, implemented by UNDP": UNDP implements
    described: bool = False  # the value is written in sentences: no unit, no partner


def described(value: str) -> bool:
    """A value written in sentences, mostly in small words ("The project will be implemented by ...")."""
    words = value.split()
    return bool(_SENTENCE.search(value)) and len(words) >= 12 and sum(w[:1].islower() for w in words) * 2 > len(words)


def read_lead(value: str) -> LeadRead:
    """"DAES / DPIDG, con la CEPAL" -> lead "DAES / DPIDG", partners ["CEPAL"]."""
    if not isinstance(value, str) or not value.strip():
        return LeadRead()
    if described(value):
        return LeadRead(described=True)
    m = _WITH.search(fold(value))
    if m is None or m.start() == 0:
        return LeadRead(value.strip())
    lead = value[: m.start()].strip(" ,;")
    rest = _balanced(value[m.end() :].strip(" .;,"))
    if m.group("implementing"):
        return LeadRead(lead, implementers=[rest] if rest else [])
    return LeadRead(lead, [rest] if rest else [])


def _balanced(text: str) -> str:
    """text without a bracket it does not open or close ("(with UNDP)" -> "with UNDP"), an acronym's kept
    ("Caribbean Centre (CARICAD)")."""
    text = text.strip(" .;,")
    if text.endswith(")") and text.count("(") < text.count(")"):
        text = text[:-1]
    if text.startswith("(") and text.count(")") < text.count("("):
        text = text[1:]
    return text.strip(" .;,")


def looks_like_person(value: str) -> bool:
    """"Juan Carlos Pérez", "Mme Aïcha Diallo", "Dr. John Smith": two to five capitalised words and particles."""
    words = re.sub(r"^(?:mr|mrs|ms|dr|prof|mme|m|mlle|sr|sra|srta|dra|lic|ing)\.?\s+", "", value.strip(),
                   flags=re.IGNORECASE).split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in value):
        return False
    named = [w for w in words if w.lower() not in _PERSON_PARTICLE]
    if any(_NOT_A_NAME.search(w) for w in named):
        return False  # "Digital Government Academy", "Gestión Pública Municipal": words of a title
    return all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in named) and len(named) >= 2


def weak_title_refused(before: object, value: str) -> bool:
    """A "Name:" label gives a title only when its value is no person's name (nor a word or two under a contact
    label); before is the record's title so far (a string) or the block before the label (a contact's or not)."""
    if isinstance(before, str):
        return bool(before) or looks_like_person(value)
    return looks_like_person(value) or (getattr(before, "field", "") == "contact" and len(value.split()) <= 2)


_FOREIGN_BODIES = ("donor", "igo", "un")


def blank_agencies(text: str) -> str:
    """A partners text with the names of known agencies blanked (same length): the country in "Expertise France" or
    "UNDP Pacific Office" names no country the project serves, while "Ministry of Finance of Ghana" still does."""
    from .orgs import scan_span

    if not isinstance(text, str) or not text:
        return text
    chars = list(text)
    for m in scan_span(text):
        if m.org.type in _FOREIGN_BODIES:
            chars[m.start : m.end] = " " * (m.end - m.start)
    return "".join(chars)


# "(extended to June 2022)", "(prolongé jusqu'en juin 2024)", "(ampliado hasta junio de 2022)": a later end.
_EXTENDED = re.compile(
    r"\b(?:extended|prolonged|postponed|no-cost\s+extension|prolong[ée]e?|report[ée]e?|prorrogad[oa]|ampliad[oa]|"
    r"extendid[oa]|prolongad[oa])"
    # "prolongée par avenant n° 2 jusqu'au", "extended by a no-cost amendment until", "prorrogado mediante adenda hasta"
    r"(?:\s+(?:by|through|under|via|par|suite\s+[àa]|por|mediante|seg[uú]n)\s+(?:[^.;:\n]|\.(?=\s*\d)){1,40}?)?"
    r"\s+(?:(?:to|until|till|through)|jusqu['’]\s?(?:en|au|à|a)|hasta|a|al)\s+(?:(?:the|le|el|la)\s+)?(?P<date>.{4,40})",
    re.IGNORECASE,
)
_LENGTH = re.compile(r"^\W*(?:\d{1,3}|un|une|one|two|three|deux|trois|uno|una|dos|tres)\s*"
                     r"(?:months?|mois|meses|years?|ans|ann[ée]es|años)\W*$", re.IGNORECASE)


def extended_end(value: str) -> object | None:
    """The end a period value says it was extended to ("2019 – 2021 (extended to June 2022)", "24 meses a partir del
    1 de octubre de 2022. [...] la fecha de finalización se amplió hasta el 30 de junio de 2025"), or None."""
    from .changed_ends import changed_end
    from .dates import find_dates

    m = _EXTENDED.search(value) if isinstance(value, str) else None
    found = find_dates(m.group("date")) if m else []
    if not found or found[0].start > 2:
        return changed_end(value) if isinstance(value, str) else None
    rng = found[0].range
    return rng.end or rng.start


def period_flag(value: str) -> str:
    """Why a period value gave no dates: a length alone ("36 mois", "18 meses") or an unread date."""
    return "a length only, no dates" if isinstance(value, str) and _LENGTH.match(value) else "unparsed date"
