"""Partners, organisations and lead units as written in records.

Known organisations come from data/organisations.json and units from data/units.json, so an administrator
extends either without code. Matching rules: names and aliases case-insensitively with spacing, commas before
"and", "&"/"and" and dashes folded; acronyms only as written (so "who" is never WHO).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data"

ORG_TYPES = ("government", "un", "igo", "donor", "ngo", "academia", "private")


@dataclass(frozen=True)
class Organisation:
    """One entry of organisations.json."""

    name: str
    acronym: str | None
    type: str
    aliases: tuple[str, ...] = ()
    own_names: tuple[tuple[str, str | None], ...] = ()  # alias -> acronym written with it
    parent: str | None = None
    country: str | None = None
    iati_ref: str | None = None

    @property
    def label(self) -> str:
        """The acronym if it has one, else the name."""
        return self.acronym or self.name


@dataclass(frozen=True)
class Unit:
    """One entry of units.json: a department, division, branch or office."""

    code: str
    name: str
    kind: str
    parent: str | None
    valid_from: int | None
    valid_to: int | None
    successor: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrgMatch:
    """A known organisation (or unit) found in text: offsets, entry, and whether an own-name alias matched."""

    start: int
    end: int
    text: str
    org: Organisation
    own_name: bool = False
    own_acronym: str | None = None


# ---------------------------------------------------------------- data


@lru_cache(maxsize=1)
def load_organisations() -> tuple[Organisation, ...]:
    """All organisations in data/organisations.json, plus UN DESA's units as parts of UNDESA."""
    raw = json.loads((_DATA / "organisations.json").read_text(encoding="utf-8"))["organisations"]
    orgs = []
    for row in raw:
        own = row.get("own_names") or {}
        orgs.append(
            Organisation(
                name=row["name"],
                acronym=row.get("acronym"),
                type=row["type"],
                aliases=tuple(row.get("aliases") or ()),
                own_names=tuple(own.items()),
                parent=row.get("parent"),
                country=row.get("country"),
                iati_ref=row.get("iati_ref"),
            )
        )
    return tuple(orgs)


@lru_cache(maxsize=1)
def load_units() -> tuple[Unit, ...]:
    """The organisational-unit tree in data/units.json."""
    raw = json.loads((_DATA / "units.json").read_text(encoding="utf-8"))["units"]
    return tuple(
        Unit(
            code=u["code"],
            name=u["name"],
            kind=u.get("kind", "division"),
            parent=u.get("parent"),
            valid_from=u.get("valid_from"),
            valid_to=u.get("valid_to"),
            successor=u.get("successor"),
            aliases=tuple(u.get("aliases") or ()),
        )
        for u in raw
    )


def _unit_orgs() -> list[Organisation]:
    # Divisions named as partners ("UN DESA/DPIDG", "Division for Public Institutions ...") are parts of DESA.
    root = {o.acronym for o in load_organisations()}
    out = []
    for u in load_units():
        if u.code in root or u.parent is None:
            continue
        out.append(Organisation(name=u.name, acronym=u.code, type="un", aliases=u.aliases, parent=u.parent))
    return out


def _is_acronym(s: str) -> bool:
    # "UNDP", "UN-Habitat", "AfDB", "UN Women", "UNU-EGOV": few words, mostly capitals; matched case-sensitively.
    if len(s.split()) > 2:
        return False
    caps = sum(c.isupper() for c in s)
    letters = sum(c.isalpha() for c in s)
    return letters > 0 and caps >= 2 and caps * 2 >= letters - (len(s.split()[-1]) if " " in s else 0)


def _surface_regex(surface: str) -> str:
    """A regex for one written form: flexible spaces, optional comma before "and", "and"/"&", dash spacing."""
    tokens = re.split(r"\s+", surface.strip())
    parts: list[str] = []
    for i, tok in enumerate(tokens):
        low = tok.lower().rstrip(",")
        if low in ("and", "&"):
            parts.append(r"(?:and|&)")
            continue
        core = tok.rstrip(",")
        esc = "".join(
            "['’]" if ch in "'’" else r"\s*[-–]\s*" if ch in "-–" else re.escape(ch) for ch in core
        )
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if tok.endswith(",") or nxt in ("and", "&"):
            esc += ",?"  # written "A, B and C" or "A, B, and C"
        parts.append(esc)
    body = r"\s*".join(parts[:1])
    for p in parts[1:]:
        body += (r"\s*" if p.startswith(",") else r"\s+") + p
    return body


_WORD = re.compile(r"\w+")


def _first_key(surface: str) -> str:
    m = _WORD.search(surface)
    return m.group(0).casefold() if m else ""


@lru_cache(maxsize=1)
def _scanner() -> dict[str, list[tuple[re.Pattern[str], Organisation, str | None, bool]]]:
    """Surface forms indexed by their first word, longest first; each compiled on its own (fast to try at a word)."""
    forms: dict[str, tuple[Organisation, str | None, bool]] = {}  # surface -> (org, own acronym, is own name)
    for org in list(load_organisations()) + _unit_orgs():
        own = dict(org.own_names)
        for s in (org.name, org.acronym, *org.aliases):
            if not s or s in forms:
                continue
            forms[s] = (org, own.get(s), s in own)
    index: dict[str, list[tuple[int, re.Pattern[str], Organisation, str | None, bool]]] = {}
    for s, (org, own_acr, own) in forms.items():
        rx = _surface_regex(s)
        flags = 0 if _is_acronym(s) else re.IGNORECASE
        compiled = re.compile(rx + r"(?![\w@])", flags)
        index.setdefault(_first_key(s), []).append((len(s), compiled, org, own_acr, own))
    return {k: [(c, o, a, w) for _, c, o, a, w in sorted(v, key=lambda t: -t[0])] for k, v in index.items()}


def _scan(text: str) -> list[OrgMatch]:
    return list(scan_span(text))


_AFTER_WORD = re.compile(r"[\w@.]")


def scan_span(text: str, start: int = 0, end: int | None = None, *, looked: set[int] | None = None,
              stop_at: set[int] | None = None) -> Iterator[OrgMatch]:
    """The known organisations named in text[start:end], as a scan of that text alone finds them (left to right,
    longest name first at each word), with offsets in text.

    looked, when given, collects the words the scan looked at. stop_at: the words another scan of text up to the
    same end looked at; this scan stops at the first of them after its own first word, since from there the two
    read alike (a caller that has the other scan's names needs no more).
    """
    index = _scanner()
    end = len(text) if end is None else end
    pos = start
    for w in _WORD.finditer(text, start, end):
        at = w.start()
        if at < pos:
            continue
        if stop_at is not None and at > start and at in stop_at:
            return
        if looked is not None:
            looked.add(at)
        cands = index.get(w.group(0).casefold())
        if not cands or (at > start and _AFTER_WORD.match(text, at - 1)):
            continue
        for rx, org, own_acr, own in cands:
            m = rx.match(text, at, end)
            if m:
                yield OrgMatch(m.start(), m.end(), m.group(0), org, own, own_acr)
                pos = m.end()
                break


def find_organisations(text: str) -> list[tuple[int, int, str]]:
    """Known organisations named in text: (start, end, canonical acronym or name), in order."""
    return [(m.start, m.end, m.org.label) for m in _scan(text)]


def _clean_name(s: str) -> str:
    """A name as the table knows it: no list mark, no leading "and", no article, no sentence-final period."""
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^(?:[-•*·▪–]\s*)+", "", s)
    s = re.sub(r"^(?:and|&|as\s+well\s+as|plus|et|y)\s+", "", s, flags=re.I)
    s = re.sub(r"^(?:the|le|la|les|el|los|las)\s+|^l['’]\s?", "", s, flags=re.I)
    s = s.strip(" ,;:")
    s = re.sub(r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])\.$", "", s)  # sentence-final period, not "U.S."
    return s.strip(" ,;:")


def resolve_organisation(text: str) -> Organisation | None:
    """The known organisation that text names as a whole ("UN DESA", "Caribbean Center for Development
    Administration")."""
    t = _clean_name(text)
    # As _scan reads it, but only its first name: the one at the start must run to the end (a long text is not
    # scanned to the end to learn that).
    first = _WORD.match(t)
    for rx, org, _own_acr, _own in _scanner().get(first.group(0).casefold(), ()) if first else ():
        m = rx.match(t)
        if m:
            return org if m.end() == len(t) else None
    return None


# ---------------------------------------------------------------- units


def _unit_key(s: str) -> str:
    return re.sub(r"[\s\-–_.]+", "", s.casefold())


def _unit_depth(code: str) -> int:
    by_code = {u.code: u for u in load_units()}
    depth, node, seen = 0, by_code.get(code), set()
    while node is not None and node.parent and node.code not in seen:
        seen.add(node.code)
        depth += 1
        node = by_code.get(node.parent)
    return depth


def resolve_unit(text: str) -> str | None:
    """The code of the most specific unit named in text ("UN DESA / DPIDG" -> "DPIDG",
    "Development Management Branch" -> "DMB")."""
    if not text or not text.strip():
        return None
    found: list[tuple[int, int, str]] = []  # (depth, -position, code)
    folded = text.casefold()
    keyed = _unit_key(text)
    for u in load_units():
        for code in {u.code, *(a for a in u.aliases if _is_acronym(a))}:
            for m in re.finditer(rf"(?<![A-Za-z0-9]){re.escape(code)}(?![A-Za-z0-9])", text):
                found.append((_unit_depth(u.code), m.start(), u.code))
        for name in {u.name, *(a for a in u.aliases if not _is_acronym(a))}:
            k = _unit_key(name)
            if k and k in keyed:
                pos = folded.find(name.casefold().split()[0])
                found.append((_unit_depth(u.code), max(pos, 0), u.code))
    if not found:
        return None
    # The deepest unit wins ("UN DESA / DPIDG" names DESA and its division); among equals, the first written.
    found.sort(key=lambda f: (-f[0], f[1]))
    return found[0][2]


def unknown_code(text: str) -> bool:
    """Is a lead unit's value a bare code ("DPIDG-X", "ABC") that names no body the table knows? Such a code is kept
    as the lead, flagged; a known body's ("Entidad ejecutora: CLAD") is no unit of ours but an implementing partner."""
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&-]{1,9}", text or "")) and resolve_organisation(text) is None


def unit_of(code: str) -> Unit | None:
    """The units.json entry for a code."""
    return next((u for u in load_units() if u.code == code), None)




# Partner fields are read in partners.py, which uses the scanning above; its entry points are also reachable here.
from .partners import guess_org_type, is_country_name, is_prose, parse_partners, split_partners  # noqa: E402

__all__ = ["ORG_TYPES", "Organisation", "OrgMatch", "Unit", "find_organisations", "guess_org_type",
           "is_country_name", "is_prose", "load_organisations", "load_units", "parse_partners", "resolve_organisation",
           "resolve_unit", "split_partners", "unit_of"]
