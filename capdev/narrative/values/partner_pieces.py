"""A partner list's pieces checked after splitting, so that no piece is a place or a fragment of another's name:

- "Anti-Corruption Commission, Zambia": the country after a body's name says where the body is; it is no partner;
- "Ministère de la Fonction publique ; Conakry": a city alone is a place, never a partner;
- "Ministry of Finance and National Planning": the words after "and" that open with an adjective ("National",
  "Federal") and hold no noun of a body go on naming the ministry's portfolio.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Sequence

from ..folding import fold
from .acronym_first import turned_round
from .channels import without_channel
from .cities import city_country
from .partner_starts import after_of_opener, of_body_start, opens_with_article
from .partner_sums import is_sum, without_sums
from .places import find_countries, resolve_country

# partners.py reads these here
__all__ = ["after_of_opener", "of_body_start", "opens_with_article", "tidy_pieces", "without_channel"]

_ADJECTIVES = frozenset({"National", "Federal", "State", "Regional", "General", "Public", "Social", "Economic",
                         "Nacional", "Pública", "Público", "Económico", "Económica", "Nationale", "Fédéral", "Régional",
                         "Publique", "Sociale", "Économique"})
_MINISTRY = re.compile(r"^(?:the\s+)?(?:Ministry|Ministries|Ministère|Ministerio|Secretariat|Secretaría|Department|"
                       r"Departamento|Secrétariat)\s+(?:of|for|de|du|des|del)\b", re.IGNORECASE)
_AND = re.compile(r"\s+(?:and|&|et|y)\s+$", re.IGNORECASE)
_QUALIFIER_TAIL = re.compile(r",\s*(?P<place>[^,]{2,40})$")
# A line that opens with a small linking word goes on naming the body of the line before ("Contraloría Gral." /
# "de la República" in a table's wrapped cell): no body's name opens so.
_SMALL_OPENING = re.compile(r"(?:de|del|de\s+la|de\s+los|de\s+las|du|des|de\s+l['’]|d['’]|of|for|on|and|et|y)\s",
                            re.IGNORECASE)
# A legal form after a comma goes on naming the body before it ("..., A.C.", "..., S.A. de C.V.", "..., Inc.").
_LEGAL_FORM = re.compile(r"(?:A\.\s?C\.|S\.\s?A\.|S\.\s?C\.|S\.\s?R\.\s?L\.|S\.\s?A\.\s?S\.|A\.\s?S\.\s?B\.\s?L\.|"
                         r"I\.\s?A\.\s?P\.|Inc\.?|Ltd\.?|LLC|GmbH|e\.\s?V\.|asbl|ASBL)(?![\w])")


def _place(name: str) -> bool:
    """Is a piece a country's or a city's name and nothing else ("Zambia", "the Niger"; not "United Kingdom
    Cooperation-DFID (Trust Funds)", which merely opens with one)?"""
    bare = re.sub(r"^(?:the|la|le|el|l['’])\s*", "", name.strip(" .,;"), flags=re.IGNORECASE)
    if not bare:
        return False
    if city_country(bare):
        return True
    return bool(resolve_country(bare)) and any(m.start == 0 and m.end == len(bare) for m in find_countries(bare))


def _a_city(name: str) -> bool:
    bare = name.strip(" .,;")
    return bool(bare) and bool(city_country(bare)) and not resolve_country(bare)


# "Royaume de Belgique", "Kingdom of the Netherlands", "Gobierno de Suiza": a country named as a state.
_STATE = re.compile(r"^(?:the\s+)?(?:kingdom|royaume|reino|government|gouvernement|gobierno|republic|r[ée]publique|"
                    r"rep[úu]blica|grand[\s-]duch[yée]|gran\s+ducado|principality|principaut[ée]|principado|"
                    r"confederation|conf[ée]d[ée]ration|confederaci[óo]n|state|[ée]tat|estado)\b", re.IGNORECASE)


def _another_payer(piece, prev) -> bool:
    """"Union européenne, Royaume de Belgique": in a list of who pays, a country named as a state after a body that
    is no ministry pays as well; a bare country after a body ("Direction du développement et de la coopération
    (DDC), Suisse") still says where that body is."""
    return piece.role == "funding" and not _MINISTRY.match(prev.text) and bool(_STATE.match(piece.text.strip()))


def tidy_pieces(pieces: Sequence, text: str, heads: Sequence[str], known: Callable[[str], list] = lambda _: []) -> list:
    """The pieces of a partner field (objects with text, role and written) without the places and with the
    portfolio words joined back to their ministry; text is the field as written, known finds the known
    organisations a text names (orgs._scan, handed in by partners.py, which imports this module)."""
    heads_set = {h.casefold() for h in heads} - {a.casefold() for a in _ADJECTIVES}
    out: list = []
    for piece in pieces:
        if is_sum(piece.text) or len(re.sub(r"\W", "", piece.text)) < 2:
            continue  # "SECO, USD 1.2 million": what it gives, not a body (values/partner_sums.py); "A": a letter
        if without_sums(piece.text) != piece.text:  # "Royaume de Belgique (2,5 M€)": its share taken off
            piece = dataclasses.replace(piece, text=without_sums(piece.text), written=without_sums(piece.written))
        name = piece.text
        prev = out[-1] if out else None
        if prev is not None and _LEGAL_FORM.match(piece.written or name) and re.search(
                rf"{re.escape(prev.written or prev.text)}\s*,\s*{re.escape(piece.written or name)}", text):
            joined = f"{prev.text}, {name}"  # "Instituto Nacional de Administración Pública, A.C. de México": one
            out[-1] = dataclasses.replace(prev, text=joined, written=f"{prev.written or prev.text}, {piece.written}")
            continue
        wrapped = prev is not None and _SMALL_OPENING.match(piece.written or name) and re.search(
            rf"{re.escape(prev.written or prev.text)}(?:\.\s+|\.?[ \t]*\n\s*){re.escape(piece.written or name)}", text)
        if wrapped:  # "Contraloría Gral." / "de la República", "Gral. de la República": one name, as written
            joined = " ".join(wrapped.group(0).split())
            out[-1] = dataclasses.replace(prev, text=joined, written=joined)
            continue
        if _a_city(name):
            continue  # "Conakry": a place
        if prev is not None and _place(name) and not _another_payer(piece, prev) and re.search(
                rf"{re.escape(prev.written or prev.text)}\s*,\s*{re.escape(piece.written or name)}", text):
            continue  # "Anti-Corruption Commission, Zambia": where the body is
        words = name.split()
        if (prev is not None and words and words[0] in _ADJECTIVES and len(words) <= 5
                and not any(w.casefold().strip(",") in heads_set for w in words)
                and _MINISTRY.match(prev.text) and not any(w.isupper() and len(w) > 1 for w in words)):
            written = piece.written or name
            between = text[: max(text.find(written), 0)]
            joint = _AND.search(between)
            if joint:  # "Ministry of Finance and National Planning, Zambia": one name, its place left out
                tail = _QUALIFIER_TAIL.search(name)
                keep = name[: tail.start()] if tail and _place(tail.group("place")) else name
                joined = f"{prev.text}{joint.group(0)}{keep}"
                out[-1] = dataclasses.replace(prev, text=joined, written=joined)
                continue
        after_comma = rf"{re.escape(prev.written or prev.text)}\s*,\s*{re.escape(piece.written or name)}" if (
            prev is not None) else ""
        portfolio = prev is not None and _romance_portfolio(piece.written or name, heads_set, known)
        if portfolio and _MINISTRY.match(prev.text) and re.search(after_comma, text):
            joined = f"{prev.text}, {name}"  # "Ministerio de Trabajo, Empleo y Seguridad Social": one ministry
            out[-1] = dataclasses.replace(prev, text=joined, written=joined)
            continue
        long_first = turned_round(name)  # "PIOJ (Planning Institute of Jamaica)": the name, then its acronym
        out.append(piece if long_first == name else dataclasses.replace(piece, text=long_first))
    return out


_SMALL = frozenset("y et and e de del la las los des du le les of the".split())


def _romance_portfolio(piece: str, heads: set[str], known: Callable[[str], list]) -> bool:
    """"Empleo y Seguridad Social", "Justicia y Descentralización", "Travail et Emploi" after a ministry and a comma:
    capitalised nouns joined by "y", "et" or "and", no article first, no acronym, no known body, no head of a body's
    name, so the portfolio of the ministry before them rather than a partner of its own."""
    words = piece.split()
    if not 3 <= len(words) <= 6 or words[0].casefold() in _SMALL or not re.search(r"\s(?:y|et|and|e)\s", piece):
        return False
    if any(w.isupper() and len(w) > 1 or w.startswith("(") for w in words) or known(piece):
        return False
    heads = heads | _small_heads()
    # "Protection sociale": a small adjective after a capitalised noun goes with it.
    return all(w.casefold() in _SMALL or (w[:1].isupper() or i and words[i - 1][:1].isupper())
               and fold(w.casefold()) not in heads and w.casefold() not in heads for i, w in enumerate(words))


@functools.cache
def _small_heads() -> frozenset[str]:
    from .role_cues import table

    return frozenset(fold(h.casefold()) for h in table()["small_heads"] + table()["institution_heads"]
                     + table()["body_nouns"] if " " not in h)

