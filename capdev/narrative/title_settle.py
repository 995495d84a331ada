"""The title's last step (round 17): propose one when no rule gave it, prefer a project's name written with its
acronym over a weak proposal, and take off what is not the name.

What is taken off, in EN, FR and ES alike:
- a reference number after the name: "Civil Service Reform Support Project (Atlas/Quantum 00127734)", "...,
  00133590", "..., Loan 3712-MON": a code of four digits or more, with the word that names its register, is the
  project's reference, never its name (a year, or a period in years, is left to title_periods);
- a status before the name: "PIPELINE - Gender-Responsive Budgeting ...", "EN COURS : ...": a status word of
  data/status_words.json and a dash or a colon;
- in a proposed title only, the words a document writes before the project's noun: "Bilan du Programme de
  formation ...", "Ratification de l'accord de don relatif au Projet d'appui ...": a name does not start on "du";
  and a sentence that quotes the name after the project's noun: 'El proyecto "Escuela de Gobierno Digital", con
  financiamiento ...' gives the quoted name.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .folding import fold
from .title_acronyms import project_acronym_name
from .title_not_names import set_aside_row_tail
from .title_shapes import title_fault
from .title_tags import tagged_headings
from .titles import propose_title

_NOUN = r"(?:Projet|Programme|Proyecto|Programa|Project|Program)"
_YEARS = re.compile(r"^(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?$")
_REGISTER = (
    r"(?:(?:Loan|Grant|Credit|Cr[ée]dit|Pr[ée]t|Don|Pr[ée]stamo|Donaci[óo]n|Atlas|Quantum|ID|Ref\.?|R[ée]f\.?|No\.?"
    r"|N[°º]\.?|Nr\.?)[\s/:#]*)*"
)
_CODE = r"(?=[A-Za-z0-9/-]*\d{4})[A-Z0-9][A-Za-z0-9/.-]{3,}"
_CODE_AFTER = re.compile(
    rf"(?:\s*\(\s*{_REGISTER}(?P<a>{_CODE})\s*\)|(?:\s*,|\s+[-–])\s*{_REGISTER}(?P<b>{_CODE}))\s*$"
)
_LEAD_IN = re.compile(
    rf"^(?P<lead>[^\"“«]{{3,90}}?)\b(?:du|de\s+la|de\s+l['’]|des|au|aux|del|de\s+los|de\s+las|al|of\s+the|on\s+the|for\s+the)\s+"
    rf"(?P<name>{_NOUN}\b.{{8,}})$"
)
_QUOTED = re.compile(
    rf"^\W*(?:El|La|Le|The|Este|Esta|Ce|Cette|This|Our|Notre|Nuestro)?\s*{_NOUN}\b[^\"“«]{{0,40}}?"
    r"[\"“«]\s*(?P<name>[^\"”»]{8,120}?)\s*[\"”»]",
    re.IGNORECASE,
)
_WEAK = ("chosen among the record's lines", "does not read as a project's title")


@lru_cache(maxsize=1)
def _status_lead() -> re.Pattern[str]:
    data = json.loads((Path(__file__).with_name("data") / "status_words.json").read_text(encoding="utf-8"))
    words = sorted({w for k, v in data.items() if not k.startswith("_") and isinstance(v, list) for w in v},
                   key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"^\W*(?:{alternation})\s*(?:[-–—:|]|\]|\))\s+(?=\S)", re.IGNORECASE)


def without_reference(title: str) -> str:
    """"Civil Service Reform Support Project (Atlas/Quantum 00127734)" -> "Civil Service Reform Support Project"."""
    m = _CODE_AFTER.search(title)
    if not m or _YEARS.match(m.group("a") or m.group("b")) or len(title[: m.start()].split()) < 2:
        return title
    code = m.group("a") or m.group("b")
    if m.group(0).strip(" ,()").startswith(code) and all(
        _YEARS.match(run) for run in re.findall(r"\d{4,}", code)
    ):
        return title  # "Projet de renforcement des capacités (PRC-2024)": an acronym with its year
    return title[: m.start()].rstrip(" ,;:-–")


def without_status(title: str) -> str:
    """"PIPELINE - Gender-Responsive Budgeting ..." -> "Gender-Responsive Budgeting ..."."""
    folded = fold(title)
    m = _status_lead().match(folded if len(folded) == len(title) else title)
    if not m or len(title[m.end() :].split()) < 3:
        return title
    return title[m.end() :]


def from_document_words(title: str) -> str:
    """In a proposed title: the name a document's words lead into ("Bilan du Programme de ..."), or the name a
    sentence quotes after the project's noun; the title itself otherwise."""
    m = _QUOTED.match(title)
    if m and len(m.group("name").split()) >= 2:
        return m.group("name").strip()
    m = _LEAD_IN.match(title)
    if m and len(m.group("name").split()) >= 3:
        return m.group("name").strip()
    return title


# The proposals a name with its acronym may replace: a heading, a sentence or a line read for want of anything
# better; not a phrase the text quotes, nor the one name the text gives a project.
_WEAK_PROPOSALS = ("proposed from text", "no title in text", "proposed: a heading with no labelled facts",
                   "proposed: a section heading", "proposed: a sentence", "proposed: a date",
                   "proposed: one of the lines at the record's head")


def _weak(rec) -> bool:
    reasons = [f.reason for f in rec.flags if f.field == "title"]
    if any("quote" in r or "one name the text gives" in r or "names several projects" in r for r in reasons):
        return False
    if not rec.title:
        return True
    if rec.title_is_proposed:
        return any(r.startswith(_WEAK_PROPOSALS) for r in reasons)
    # a title value_shapes will flag as not a title's shape ("Due: 2027-01-15", "LIST: IN IMPLEMENTATION (1 card)")
    return any(r.startswith(_WEAK) for r in reasons) or (not reasons and bool(title_fault(rec.title)))


def _starts_on_noun(title: str) -> bool:
    return re.match(rf"{_NOUN}\b", title, re.IGNORECASE) is not None


def settle_title(asm) -> None:
    """asm: the record's assembler (assemble._Assembler, not imported: it imports this module)."""
    rec = asm.rec
    if not rec.title:
        rec.title = propose_title(rec.summary, rec.objective, rec.expected_accomplishments, rec.key_accomplishments)
        rec.title_is_proposed = bool(rec.title)
        rec.flag("title", "proposed from text" if rec.title else "no title in text")
    title = without_status(without_reference(rec.title)) if rec.title else ""
    if rec.title_is_proposed:
        title = from_document_words(title)
    named = ""
    if _weak(rec):
        named = project_acronym_name(rec.text)
        # "Bilan du Programme de formation ..." gave a name of its own; "... relatif au Projet d'appui à la
        # modernisation de" gave the start of the name the acronym completes.
        if named and (not _starts_on_noun(title) or fold(named).lower().startswith(fold(title).lower())):
            if fold(title.split(" (")[0]).lower().strip() != fold(named.rsplit(" (", 1)[0]).lower().strip():
                rec.flags = [f for f in rec.flags if not (f.field == "title" and f.reason == "no title in text")]
                rec.flag("title", f"proposed: a project's name written with its acronym (over {rec.title!r})")
                rec.title = title = named
                rec.title_is_proposed = True
    if _weak(rec) and not named:
        tagged = tagged_headings(rec.text)
        if tagged:  # "[card #174] Institutional capacity for ..." over "LIST: IN IMPLEMENTATION (1 card)"
            rec.flags = [f for f in rec.flags if not (f.field == "title" and f.reason == "no title in text")]
            rec.flag("title", f"proposed: the name after an item's tag (over {rec.title!r})")
            rec.title, rec.title_is_proposed = tagged[0], True
            title = without_status(without_reference(tagged[0]))
    if title != rec.title:
        rec.flag("title", f"taken off the title: {rec.title!r}")
        rec.title = title
    why = title_fault(rec.title) if rec.title_is_proposed and rec.title else ""
    if why:  # "Estimados colegas: Solicito la traducción ...": no candidate is a title; none is placed
        rec.flag("title", f"no title in text: the proposal {rec.title!r} is not a title ({why})")
        rec.title, rec.title_is_proposed = "", False
    set_aside_row_tail(rec)
