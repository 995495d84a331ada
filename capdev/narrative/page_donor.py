"""Who pays for every project a page lists, said once in the page's head, for the records under it that name none.

A donor's call for proposals, its resolution granting several projects, a register of the grants of one programme
says once, above the list, who pays for all of it ("Programa COOTEC-GOB, financiado íntegramente por la AECID",
"all grants below are funded by the European Union", "projets financés par l'AFD ci-dessous"), and then lists the
projects, each without a funder of its own. The head read here is the page's text before its first project: the
first record's chrome, unparsed lines, headings and (above its title only) summary, stopping at its first title or
labelled value (the first project's own sentences, below its title, tell who pays for that one only). It lends
only the one body named there beside a word of funding (values.suggest_donors.suggest_donor: a known body or a
government named with its country; two are split evidence and give nothing), and only to records with no funder
and no funding source of their own, that do not name that body in another role, and are not for the country whose
government it is: flagged, as a reviewer should confirm it.
"""
from __future__ import annotations

import re

from .folding import fold
from .types import Record

# A list that goes on after the funder's name: "and by", "et par", "y por", "as well as".
_ANOTHER = re.compile(r"\s*,?\s*(?:and|et|y|e|as\s+well\s+as|ainsi\s+que|as[íi]\s+como)(?![\w-])", re.IGNORECASE)
_PREAMBLE = frozenset({"chrome", "unparsed", "heading", "summary"})
REASON = "suggested donor: {}, named beside a word of funding in the page's head, above its first project"


def head_donor(record: Record) -> str | None:
    """The one body the text above the first record's title or first value names beside a word of funding."""
    from .values.suggest_donors import suggest_donor

    head: list[tuple[str, str]] = []
    titled = False
    for span in sorted(record.spans, key=lambda s: s.start):
        if span.field not in _PREAMBLE:
            titled = span.field == "title"
            break
        head.append((span.field, record.text[span.start - record.offset : span.end - record.offset]))
    # A summary above the first title is the page's (a labelled record's prose before its first label); above a
    # record's other values, with no title, it may be the record's own: left out.
    text = "".join(piece for field, piece in head if titled or field != "summary")
    if not text.strip():
        return None
    return suggest_donor(text) or _one_funder(text)


def _one_funder(text: str) -> str | None:
    """The one funder a funding cue of the head names, known to the reference list or not ("les projets ci-dessous,
    financés par la Coopération luxembourgeoise": values.prose.read_funders), when it names only one (round 19)."""
    from .values.prose import read_funders

    funders = read_funders(text).funders
    if len(funders) != 1:
        return None
    flat = " ".join(text.split())
    at = flat.find(funders[0])
    if at < 0 or _ANOTHER.match(flat, at + len(funders[0])):
        return None  # "funded by A and by B": a second payer the reader left out, split evidence
    return funders[0]


def lend_donor(record: Record, donor: str | None) -> None:
    """Give the page's donor, flagged, to a record that names no funder, no funding source and not that body."""
    from .values.partner_checks import checked_partners
    from .values.places import resolve_country

    if not donor or record.funding_source or any(p.role == "funding" for p in record.partners):
        return
    if any(f.field in ("partners", "funding_source") and f.reason.startswith("funder or partner")
           for f in record.flags):
        return  # a rule saw a body that may pay or help, and declined: the page's word does not settle it
    kept, _ = checked_partners(donor, "funding")
    if len(kept) != 1:
        return
    body = kept[0]
    held = {fold(n).lower() for p in record.partners for n in (p.name, p.acronym, p.text) if n}
    if held & {fold(n).lower() for n in (body.name, body.acronym, body.text, donor) if n}:
        return  # the record names it as a partner, an implementer: its own words say what it does there
    words = donor.split()
    country = next((c for n in range(len(words), 0, -1) if (c := resolve_country(" ".join(words[-n:])))), None)
    if country and country in (record.countries or []):
        return  # "el Gobierno de Bolivia" above projects in Bolivia: the one served, not the one who pays
    record.partners.append(body)
    record.flag("funding_source", REASON.format(donor))
