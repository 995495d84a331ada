"""Who pays, read from where an amount stands (round 18): a paying body written right beside the record's amount.

Aid records often write the funder beside the money and nowhere else: "Coût : 2 950 000 000 FCFA - Banque mondiale
(IDA)", "1,8 M EUR - Union européenne" (the amount, a dash, its owner), "ADB loan of $25.0 million", "la AECID por
un millón de euros", "(COSUDE), CHF 300 000", "| BID | US$ 1.000.000 |" (the owner, then its amount: in the same
sentence, cell or fixed-width row). No wording of a corpus: only the shape "body, separator or word of giving,
amount" (or "amount, dash, body"), read in English, French and Spanish alike.

Only a body the reference list knows as a payer (data/organisations.json type "donor" or "igo": an agency, a
development bank, the EU) counts; a UN programme, a ministry or an unknown name does not (funder or implementer, the
text does not say). One such body in the whole record is suggested to values.suggestions (always flagged, never
over a rule's value); two bodies are split evidence and give nothing, a body the record already holds in another
role is not read as its funder, and an amount told as an earlier phase's or a separate effort's is not read. Where
bodies differ, the one beside an amount on the record's first two lines is its own (a table's row, with the rows that
ran on after it), when it is the only one there.
"""
from __future__ import annotations

import re

from ..folding import fold
from .money import money_spans
from .orgs import find_organisations, resolve_organisation

_PAYER_TYPES = ("donor", "igo")
_REACH = 90  # characters looked at on either side of an amount (within its line)
_HEAD_LINES = 2  # a record's first lines: a table's row (two lines of wrapped cells) or a title and its facts
# Between the body and its amount: an optional qualifier in brackets ("BID (préstamo)"), an optional word of giving
# ("loan", "crédit", "préstamo", "aporte"), an optional operation's number ("PREST.4725/OC-PE"), then a separator
# (a cell's border, a colon, a comma, a dash) or a word that introduces the sum ("por", "pour", "of", "d'un
# montant de", "por un monto estimado de").
_GIVING = (r"loan|grant|credit|cr[eé]dit|pr[eé]stamo|prest\.?|don|subvention|donaci[oó]n|contribution|contribuci[oó]n"
           r"|aporte|apport|financement|financiamiento|financing|funding|allocation|asignaci[oó]n")
_SUM_WORDS = (r"(?:por|pour|for|of|de|d['’]|avec|with|con)?\s*(?:(?:un|une|a|an)\s+)?(?:montant|monto|importe|amount"
              r"|total|enveloppe|sum|valor)?(?:\s+(?:estimado|estim[eé]e?|total|indicatif|indicative|global))?"
              r"\s*(?:de|d['’]|of|del)?")
_BEFORE_GAP = re.compile(
    rf"(?i)^(?:[ \t]*\([^()\n]{{1,30}}\))?(?:[ \t]+(?:{_GIVING})\b)?(?:[ \t]+[A-Z]{{2,}}\.?[ \t]?[\w./-]*\d[\w./-]*)?"
    rf"[ \t]*(?:[│|:,–—-][ \t]*)?(?:{_SUM_WORDS})?\s*$")
# After the amount: an optional qualifier in brackets, then a dash or a cell's border, then the body.
_AFTER_GAP = re.compile(r"(?i)^(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*[│|–—-][ \t]*"
                        r"(?:(?:the|la|le|el|les|los)[ \t]+|l['’])?$")
# What may follow the body for it to be the amount's owner (not the first words of a longer name or a list).
_BODY_ENDS = re.compile(r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:$|[\n;.,│|]|[ \t]{2,})")
_OTHER_EFFORT = re.compile(r"(?i)\b(?:phase|fase|previous|former|earlier|anterior|ancien|pr[eé]c[eé]dent|separate"
                           r"|distinct|counterpart|contrepartie|contraparte)")


def _payer(name: str):
    org = resolve_organisation(name)
    return org if org is not None and org.type in _PAYER_TYPES else None


def _as_written(text: str, start: int, end: int) -> str:
    """The body's words, with the acronym in brackets right after it ("Banque mondiale (IDA)")."""
    m = re.match(r"[ \t]*\(([A-Z][A-Za-z-]{1,12})\)", text[end:])
    return " ".join(text[start : end + (m.end() if m else 0)].split())


def _line(text: str, at: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    return lo, len(text) if hi < 0 else hi


def amount_payers(text: str) -> dict[str, tuple[str, str, int]]:
    """Each paying body written right beside an amount: canonical name -> (the words as written, what it was read
    from, where its amount starts)."""
    found: dict[str, tuple[str, str, int]] = {}
    for start, end in money_spans(text):
        lo, hi = _line(text, start)
        if _OTHER_EFFORT.search(text, max(lo, start - _REACH), min(hi, end + _REACH)):
            continue
        window_lo = max(text.rfind("\n", 0, max(0, lo - 1)) + 1, start - _REACH)  # a wrapped sentence's line before
        for s, e, _name in find_organisations(text[window_lo:start]):
            s, e = window_lo + s, window_lo + e
            org = _payer(text[s:e])
            if org and _BEFORE_GAP.match(text[e:start]):
                found.setdefault(org.name, (_as_written(text, s, e), f"written before the amount "
                                                                     f"'{' '.join(text[start:end].split())}'", start))
        window_hi = min(hi, end + _REACH)
        for s, e, _name in find_organisations(text[end:window_hi]):
            s, e = end + s, end + e
            org = _payer(text[s:e])
            if org and _AFTER_GAP.match(text[end:s]) and _BODY_ENDS.match(text, e):
                found.setdefault(org.name, (_as_written(text, s, e), f"written after the amount "
                                                                     f"'{' '.join(text[start:end].split())}'", start))
    return found


def suggest_payer(text: str, others: set[str] = frozenset()) -> tuple[str, str] | None:
    """(the body as written, what it was read from) when one paying body, and only one, is written right beside the
    record's amounts and the record holds it in no other role; None otherwise."""
    if not isinstance(text, str) or not text.strip():
        return None
    found = amount_payers(text)
    if len(found) > 1:  # a table's row and the rows run on after it: the payer of the record's own first lines
        head = sum(len(line) + 1 for line in text.splitlines()[:_HEAD_LINES])
        found = {n: v for n, v in found.items() if v[2] < head}
    if len(found) != 1:
        return None
    canonical, (written, why, _at) = next(iter(found.items()))
    org = resolve_organisation(written)
    names = {fold(n).lower() for n in (canonical, written, getattr(org, "acronym", None)) if n}
    if names & others:
        return None
    return written, why
