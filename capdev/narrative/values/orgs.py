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

from ..intervals import Intervals
from ..types import PARTNER_ROLES, Partner

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


@dataclass
class _Piece:
    text: str  # the name, cleaned ("the", a final period and role words removed)
    role: str
    written: str = ""  # the words as written in the field


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


def resolve_organisation(text: str) -> Organisation | None:
    """The known organisation that text names as a whole ("UN DESA", "Caribbean Center for Development Administration")."""
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
    """The code of the most specific unit named in text ("UN DESA / DPIDG" -> "DPIDG", "Development Management Branch" -> "DMB")."""
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


def unit_of(code: str) -> Unit | None:
    """The units.json entry for a code."""
    return next((u for u in load_units() if u.code == code), None)


# ---------------------------------------------------------------- splitting

# Pieces join into one name ("Ministry of Labour, Employment and Social Security") only up to this length: no
# organisation's name is longer (Organisation.name), and a run of thousands of "and"s is not one name.
MAX_NAME = 300
_ORG_HEADS = (
    "Ministry", "Ministries", "Ministère", "Ministerio", "Government", "Gouvernement", "Department", "Departments",
    "Office", "Agency", "Authority", "Bureau", "Commission", "Council", "Centre", "Center", "Institute", "Institution",
    "University", "Université", "Universidad", "College", "School", "Academy", "Bank", "Fund", "Foundation",
    "Association", "Organisation", "Organization", "Programme", "Program", "Secretariat", "Union", "League",
    "Parliament", "National", "Federal", "State", "Presidency", "Prime", "Embassy", "Permanent", "Municipality",
    "City", "County", "Province", "Regional", "Network", "Society", "Chamber", "Court", "Supreme", "Directorate",
    "Division", "Unit", "Cabinet", "Executive", "General", "Royal", "Republic", "Kingdom", "Delegation", "Mission",
    "Group", "Forum", "Community", "Agence", "Centro", "Instituto", "Consejo", "Observatory",
)
_CONNECTORS = {"of", "for", "and", "the", "on", "in", "de", "des", "du", "la", "le", "les", "et", "y", "del", "&", "to", "at"}
_ROLE_LABELS = [
    (re.compile(r"^\s*(?:main\s+|major\s+|principal\s+)?(?:donors?|funding\s+(?:partners?|agenc(?:y|ies)|sources?)|funders?|financing\s+partners?)\s*[:\-–]\s*", re.I), "funding"),
    (re.compile(r"^\s*(?:implementing\s+(?:partners?|agenc(?:y|ies)|entit(?:y|ies)|organi[sz]ations?)?|executing\s+(?:partners?|agenc(?:y|ies))|implementation)\s*[:\-–]\s*", re.I), "implementing"),
    (re.compile(r"^\s*(?:beneficiar(?:y|ies)|recipients?)(?:\s+(?:institutions?|organi[sz]ations?|countries))?\s*[:\-–]\s*", re.I), "beneficiary"),
    (re.compile(r"^\s*(?:cooperating|cooperation|collaborating|other)?\s*partners?\s*[:\-–]\s*", re.I), "cooperating"),
]
_ROLE_PREFIXES = [
    (re.compile(r"^\s*(?:(?:with\s+)?(?:funding|financing|financial\s+support|support)\s+from|funded\s+by|financed\s+by|sponsored\s+by)\s+", re.I), "funding"),
    (re.compile(r"^\s*(?:implemented\s+by|executed\s+by|in\s+partnership\s+with|in\s+collaboration\s+with|with\s+the\s+collaboration\s+of)\s+", re.I), "implementing"),
]
_ROLE_SUFFIXES = [
    (re.compile(r"\s*\((?:trust\s+funds?|donors?|funding|funder|financing|co-?financing|financial\s+partner)\)\s*$", re.I), "funding"),
    (re.compile(r"\s*\((?:implementing(?:\s+(?:partner|agency))?|executing\s+agency|implementation)\)\s*$", re.I), "implementing"),
    (re.compile(r"\s*\((?:beneficiary|beneficiaries|recipient)\)\s*$", re.I), "beneficiary"),
    (re.compile(r"\s*\((?:partner|cooperating\s+partner)\)\s*$", re.I), "cooperating"),
    (re.compile(r"\s*[-–:]\s*(?:donors?|funding|funder|financing)\s*$", re.I), "funding"),
    (re.compile(r"\s*[-–:]\s*implementing(?:\s+(?:partner|agency))?\s*$", re.I), "implementing"),
    (re.compile(r"\s*[-–:]\s*(?:beneficiary|beneficiaries)\s*$", re.I), "beneficiary"),
]


def _clean_name(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^(?:[-•*·▪–]\s*)+", "", s)
    s = re.sub(r"^(?:and|&|as\s+well\s+as|plus)\s+", "", s, flags=re.I)
    s = re.sub(r"^the\s+", "", s, flags=re.I)
    s = s.strip(" ,;:")
    s = re.sub(r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])\.$", "", s)  # sentence-final period, not "U.S."
    return s.strip(" ,;:")


def _protected_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start, m.end) for m in _scan(text)]
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            if depth == 0:
                start = i
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    for m in re.finditer(r"[“\"][^”\"]*[”\"]", text):
        spans.append((m.start(), m.end()))
    return spans


def _split_at(text: str, rx: re.Pattern[str], spans: list[tuple[int, int]]) -> list[str]:
    out, last = [], 0
    protected = Intervals(spans)
    for m in rx.finditer(text):
        if protected.holds(m.start()) or protected.holds(m.end() - 1):
            continue
        # An abbreviation is a few letters: look at the end of the text before the stop, not all of it.
        if m.group(0).startswith(".") and _ABBREV.search(text, max(0, m.start() - 8), m.start()):
            continue  # "U.S. Agency", "Co. Ltd": an abbreviation, not the end of a name
        out.append(text[last : m.start()])
        last = m.end()
    out.append(text[last:])
    return out


_HARD_SEP = re.compile(r"\s*(?:;|\n|\r|•|·|▪)\s*|\.\s+(?=[A-Z])")
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Inc|Ltd|Co|St|No|Dr|Mr|Ms|Mrs|Jr|Corp))$")
_COMMA = re.compile(r",\s*")
_AND = re.compile(r"\s+(?:and|&|as\s+well\s+as)\s+", re.I)


def _country(text: str) -> str | None:
    try:
        from . import places
    except ImportError:  # pragma: no cover - places is written alongside
        return None
    return places.resolve_country(text)


def is_country_name(text: str) -> bool:
    """True when text is a country's name and nothing else ("Kenya", "the Bahamas"; not "Kenya School of Government")."""
    t = _clean_name(text)
    return bool(t) and any(c.start == 0 and c.end == len(t) for c in _country_mentions(t))


def _country_mentions(text: str) -> list:
    try:
        from . import places
    except ImportError:  # pragma: no cover
        return []
    return places.find_countries(text)


def _is_known(text: str) -> bool:
    return resolve_organisation(text) is not None


def _looks_like_org_start(s: str) -> bool:
    """Does s begin a new organisation (so an "and" or comma before it separates two partners)?"""
    s = s.strip()
    if not s:
        return False
    if re.match(r"(?i)the\s", s):
        return True
    first = re.split(r"[\s/(,]", s, maxsplit=1)[0]
    if not first or not first[0].isupper():
        return False
    if first in _ORG_HEADS or _is_acronym(first):
        return True
    scan = _scan(s)
    if scan and scan[0].start == 0:
        return True
    # A country (or its government) as partner: "Djibouti Government", "Belgium", "Government of Togo".
    for cm in _country_mentions(s):
        if cm.start == 0:
            return True
    return False


def _is_qualifier(s: str) -> bool:
    # "Kenya" after "Ministry of Finance, Kenya": a place that qualifies the previous name.
    return is_country_name(s)


def _merge_comma_pieces(pieces: list[str]) -> list[str]:
    out: list[str] = []
    for p in pieces:
        q = p.strip()
        if not q:
            continue
        if out and len(out[-1]) + len(q) <= MAX_NAME:
            prev = out[-1]
            head_of = re.match(rf"(?:the\s+)?(?:{'|'.join(_ORG_HEADS)})\b.*\b(?:of|for|on)\b", prev, re.I)
            # "Ministry of Labour, Employment and Social Security": portfolio list inside one name.
            if head_of and not _looks_like_org_start(re.sub(r"^(?:and|&)\s+", "", q, flags=re.I)) and len(q.split()) <= 6:
                out[-1] = f"{prev}, {q}"
                continue
            if head_of and _is_qualifier(q) and not _is_known(q):
                out[-1] = f"{prev}, {q}"
                continue
        out.append(q)
    return out


def _split_and(piece: str) -> list[str]:
    spans = _protected_spans(piece)
    parts = _split_at(piece, _AND, spans)
    if len(parts) == 1:
        return parts
    out = [parts[0]]
    for right in parts[1:]:
        left = out[-1]
        if (_looks_like_org_start(right) or _is_known(_clean_name(left)) and right[:1].isupper()
                or len(left) + len(right) > MAX_NAME):
            out.append(right)
        else:
            # "Ministry of Economy and Planning", "Department of Economic and Social Affairs": one name.
            out[-1] = f"{left} and {right}"
    return out


def _split_slash(piece: str) -> list[str]:
    """Split "UNDP/UNICEF" but keep "UNDP/Saudi Arabia" and "UN DESA/DSDG/SIDS Unit" (an office or unit)."""
    if "/" not in piece or re.search(r"https?://", piece):
        return [piece]
    parts = piece.split("/")
    if len(parts) < 2 or any(not p.strip() for p in parts):
        return [piece]
    out = [parts[0]]
    for right in parts[1:]:
        r = _clean_name(right)
        left_org = resolve_organisation(out[-1].split("/")[0])
        right_org = resolve_organisation(r)
        unit = right_org is not None and right_org.parent is not None and left_org is not None and (
            right_org.parent in (left_org.acronym, left_org.name) or _is_unit_code(r)
        )
        if right_org is not None and not unit and not is_country_name(r) or len(out[-1]) + len(right) > MAX_NAME:
            out.append(right)
        else:
            out[-1] = f"{out[-1]}/{right}"
    return out


def _is_unit_code(s: str) -> bool:
    return any(u.code == s for u in load_units())


def _role_segments(text: str, default_role: str) -> list[_Piece]:
    """Split on hard separators and read role labels ("Donor: ...", "Implementing partners: ...")."""
    spans = _protected_spans(text)
    role = default_role
    out: list[_Piece] = []
    for seg in _split_at(text, _HARD_SEP, spans):
        seg = seg.strip()
        for rx, r in _ROLE_LABELS:
            m = rx.match(seg)
            if m:
                role, seg = r, seg[m.end() :]
                break
        for rx, r in _ROLE_PREFIXES:
            m = rx.match(seg)
            if m:
                # "Implemented by UNDP and UN DESA": the role covers the whole segment, the label continues.
                role, seg = r, seg[m.end() :]
                break
        if seg.strip():
            out.append(_Piece(seg, role))
    return out


def _split_pieces(text: str, default_role: str = "cooperating") -> list[_Piece]:
    text = text.strip()
    if not text:
        return []
    result: list[_Piece] = []
    for seg in _role_segments(text, default_role):
        spans = _protected_spans(seg.text)
        commas = _merge_comma_pieces(_split_at(seg.text, _COMMA, spans))
        for c in commas:
            for a in _split_and(c):
                for s in _split_slash(a):
                    role = seg.role
                    s2 = s.strip()
                    for rx, r in _ROLE_PREFIXES:
                        m = rx.match(s2)
                        if m:
                            role, s2 = r, s2[m.end() :]
                    for rx, r in _ROLE_SUFFIXES:
                        if rx.search(s2):
                            role = r
                    name = _clean_name(s2)
                    if name and re.search(r"[A-Za-z]", name):
                        written = re.sub(r"^(?:and|&)\s+", "", s.strip(), flags=re.I).strip(" ,;")
                        result.append(_Piece(name, role, re.sub(r"(?<=[a-z)])\.$", "", written)))
    return result


def split_partners(text: str) -> list[str]:
    """Split a partner field into organisation names as written, without breaking names that contain separators."""
    if is_prose(text):
        return [p.text for p in _prose_partners(text, "cooperating")]
    return [p.text for p in _split_pieces(text)]


# ---------------------------------------------------------------- resolving

_TYPE_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:Cooperation|Co-operation|Development\s+Agency|Agency\s+for\s+International\s+Development|International\s+Development|Aid|Trust\s+Funds?|Embassy)\b", re.I), "donor"),
    (re.compile(r"\b(?:University|Université|Universidad|Universität|College|Polytechnic|School\s+of|Faculty|Research\s+Institute|Academy\s+of\s+Sciences)\b", re.I), "academia"),
    (re.compile(r"\b(?:Ltd|Limited|Inc|LLC|plc|GmbH|S\.A\.|Corporation|Corp|Company|Consulting|Consultants|Group\s+Ltd)\b\.?", re.I), "private"),
    (re.compile(r"\b(?:Ministry|Ministries|Ministère|Ministerio|Government|Gouvernement|Govt|Authority|Parliament|National\s+Assembly|Presidency|Prime\s+Minister|Municipality|Municipal|City\s+of|County|Province|Provincial|Directorate|Cabinet|Court|Judiciary|Tribunal|Commission\s+on|Civil\s+Service|Public\s+Service|Agency|Office\s+of\s+the|Poverty\s+Observatory|National)\b", re.I), "government"),
    (re.compile(r"\b(?:NGO|Non-?Governmental|Association|Society|Foundation|Federation|Network|Alliance|Trust|Coalition|Forum|Civil\s+Society|Council\s+of\s+Churches)\b", re.I), "ngo"),
    (re.compile(r"\b(?:Union|Community|League|Intergovernmental|Organi[sz]ation\s+of)\b", re.I), "igo"),
]


def guess_org_type(name: str) -> str | None:
    """A type for an organisation not in organisations.json, from the words of its name."""
    m = _scan(name)
    if m and m[0].start == 0 and m[0].org.type == "un":
        return "un"  # "UNDP Togo", "UN DESA/DSDG/SIDS Unit"
    if re.match(r"(?:UN|United\s+Nations)\b", name):
        return "un"
    for rx, t in _TYPE_RULES:
        if rx.search(name):
            return t
    if m:
        return m[0].org.type
    if is_country_name(name):
        return "government"  # a country named as partner means its government
    return None


def _partner_from_piece(piece: _Piece) -> Partner:
    written = piece.written or piece.text
    name = piece.text
    for rx, _ in _ROLE_SUFFIXES:
        name = rx.sub("", name)
    name = _clean_name(name)
    matches = _scan(name)
    whole = next((m for m in matches if m.start == 0 and m.end == len(name)), None)
    if whole is None:
        # "Caribbean Center for Development Administration (CARICAD)": name and its acronym both known.
        m2 = re.match(r"^(.*?)\s*\(([^()]+)\)$", name)
        if m2:
            a, b = resolve_organisation(m2.group(1)), resolve_organisation(m2.group(2))
            if a is not None and (b is None or b == a):
                whole = OrgMatch(0, len(name), name, a)
            elif b is not None and a is None and not _is_acronym(m2.group(1)):
                # "United Kingdom Cooperation (DFID)"
                whole = OrgMatch(0, len(name), name, b)
    if whole is not None:
        org = whole.org
        if whole.own_name:
            return Partner(name=_clean_name(whole.text), acronym=whole.own_acronym, role=piece.role, org_type=org.type, text=written)
        return Partner(name=org.name, acronym=org.acronym, role=piece.role, org_type=org.type, text=written)
    if matches:
        first = matches[0]
        rest_before = name[: first.start].strip(" -–")
        if first.start == 0:
            # "UNDP Togo", "UNDP/Saudi Arabia", "UN DESA/DSDG/SIDS Unit": an office or unit keeps its name.
            return Partner(name=name, acronym=None, role=piece.role, org_type=first.org.type, text=written)
        last = matches[-1]
        tail = name[last.end :].strip(" )")
        if not tail and (re.search(r"[-–(]\s*$", name[: last.start]) or _country(rest_before.split("-")[0].strip()) or
                         re.search(r"\b(?:Cooperation|Co-operation|Aid|Agency)\b", rest_before, re.I)):
            # "United Kingdom Cooperation-DFID": the descriptive words name the known organisation.
            org = last.org
            return Partner(name=org.name, acronym=org.acronym, role=piece.role, org_type=org.type, text=written)
    # Unknown organisation: keep its words; take a trailing "(ACRONYM)"; drop "of the Government of X" after a ministry.
    acronym = None
    m3 = re.match(r"^(.*?)\s*\(([A-Z][A-Za-z&\-]{1,15})\)$", name)
    if m3 and _is_acronym(m3.group(2)):
        name, acronym = m3.group(1).strip(), m3.group(2)
    short = re.sub(r"\s*(?:,\s*|\s+of\s+the\s+)Government\s+of\s+(?:the\s+)?[A-Z][\w'’ -]+$", "", name)
    if short != name and re.match(rf"(?:{'|'.join(_ORG_HEADS)})\b", short):
        name = short
    return Partner(name=name, acronym=acronym, role=piece.role, org_type=guess_org_type(name), text=written)


# ---------------------------------------------------------------- prose

_PROSE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|include|includes|including|cooperates?|collaborates?|works?|worked|"
    r"partners?\s+with|supports?|supported|provides?|provided|such\s+as|will|would|can|which|that|these|those|"
    r"with\s+an?\s+interest)\b",
    re.I,
)
_STOPWORDS = _CONNECTORS | {"a", "an", "with", "by", "from", "its", "their", "as", "or"}
_ATTRIBUTIVE = re.compile(  # matched where a name ends (no "^": pattern.match(text, pos) anchors it)
    r"\s*(?:sister|system|agencies|agency|entities|entity|family|organi[sz]ations|member\s+states|country\s+teams?|"
    r"bodies|funds\s+and\s+programmes|staff|experts?)\b",
    re.I,
)
_SUBJECT = re.compile(r"\s*(?:cooperates|collaborates|works|partners|engages|is|has)\b", re.I)
_PROPER_ORG = re.compile(
    r"\b(?:[A-Z][\w'’\-]+\s+(?:(?:of|for|and|the|on|de|des|la)\s+)*)*?"
    r"(?:[A-Z][\w'’\-]+\s+)*"
    r"(?:Organi[sz]ation|Council|League|Union|Bank|Agency|Fund|Programme|Institute|University|Ministry|Commission|"
    r"Centre|Center|Foundation|Association|Authority|Secretariat)"
    r"(?:\s+(?:of|for|on)(?:\s+the)?(?:\s+[A-Z][\w'’\-]+)+(?:\s+(?:and|&)\s+(?!(?:the|UN|United)\b)[A-Z][a-z][\w'’\-]*(?![\w-]))*)?"
)


def is_prose(text: str) -> bool:
    """True when a partner field is sentences rather than a list of names."""
    words = re.findall(r"[A-Za-z][\w'’\-]*", text)
    if len(words) < 12:
        return False
    lower = [w for w in words if w[0].islower() and w.lower() not in _STOPWORDS]
    share = len(lower) / len(words)
    return share >= 0.3 and bool(_PROSE_VERB.search(text))


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?]\s+)(?:the\s+)?$", re.I)


def _opens_sentence(text: str, at: int) -> bool:
    """Does text[:at] end where a sentence begins (at the start, or after ". " and an optional "the ")?

    Reads only the few characters that can belong to such an ending, however long the text before them."""
    k = at
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k < at and text[max(0, k - 3) : k].lower() == "the":
        k -= 3
        while k > 0 and text[k - 1].isspace():
            k -= 1
    return bool(_SENTENCE_OPENING.search(text, max(0, k - 1), at))


def _prose_partners(text: str, default_role: str) -> list[Partner]:
    out: list[Partner] = []
    taken: list[tuple[int, int]] = []
    for m in _scan(text):
        if _ATTRIBUTIVE.match(text, m.end):
            continue  # "UN sister organizations": the UN as an adjective, not a partner
        if _SUBJECT.match(text, m.end) and _opens_sentence(text, m.start):
            continue  # "The IGF cooperates with ...": the subject is the project itself
        taken.append((m.start, m.end))
        if m.own_name:
            out.append(Partner(_clean_name(m.text), m.own_acronym, default_role, m.org.type, m.text))
        else:
            out.append(Partner(m.org.name, m.org.acronym, default_role, m.org.type, m.text))
    # The names found below never overlap one another (one scan), only the known organisations taken above.
    known = Intervals(taken)
    for m in _PROPER_ORG.finditer(text):
        if known.overlaps(m.start(), m.end()):
            continue
        name = _clean_name(m.group(0))
        if len(name.split()) < 2:
            continue
        out.append(Partner(name, None, default_role, guess_org_type(name), m.group(0)))
        taken.append((m.start(), m.end()))
    first: dict[str, int] = {}  # where each name is first written (a name written many times is looked for once)
    for p in out:
        if p.text not in first:
            first[p.text] = text.find(p.text)
    out.sort(key=lambda p: first[p.text])
    return out


def parse_partners(text: str, default_role: str = "cooperating") -> list[Partner]:
    """Partners named in a partner field (list or prose), each resolved to a known organisation where possible."""
    if default_role not in PARTNER_ROLES:
        raise ValueError(f"unknown partner role {default_role!r}")
    if not text or not text.strip():
        return []
    if is_prose(text):
        partners = _prose_partners(text, default_role)
    else:
        partners = [_partner_from_piece(p) for p in _split_pieces(text, default_role)]
    seen: set[tuple[str, str | None]] = set()
    out = []
    for p in partners:
        key = (p.name.casefold(), p.acronym)
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out
