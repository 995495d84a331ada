"""Partner fields as written in records: split into organisations without breaking names that hold separators,
each with its role (funding, implementing, cooperating, beneficiary), resolved to a known organisation where
possible; prose partner fields yield the organisations they name."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..intervals import Intervals
from ..types import PARTNER_ROLES, Partner
from .orgs import OrgMatch, _clean_name, _is_acronym, _scan, load_units, resolve_organisation
from .partner_pieces import after_of_opener, of_body_start, opens_with_article, tidy_pieces, without_channel
from .role_prefixes import ROLE_PREFIXES as _ROLE_PREFIXES


@dataclass
class _Piece:
    text: str  # the name, cleaned ("the", a final period and role words removed)
    role: str
    written: str = ""  # the words as written in the field

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
    "Group", "Forum", "Community", "Agence", "Centro", "Instituto", "Consejo", "Observatory", "Dirección", "Direction",
)
_CONNECTORS = {"of", "for", "and", "the", "on", "in", "de", "des", "du", "la", "le", "les", "et", "y", "del", "&",
               "to", "at"}
_ROLE_LABELS = [
    (re.compile(r"^\s*(?:main\s+|major\s+|principal\s+)?(?:donors?|funding\s+(?:partners?|agenc(?:y|ies)|sources?)|"
                r"funders?|financing\s+partners?)\s*[:\-–]\s*", re.I), "funding"),
    (re.compile(r"^\s*(?:implementing\s+(?:partners?|agenc(?:y|ies)|entit(?:y|ies)|organi[sz]ations?)?|"
                r"executing\s+(?:partners?|agenc(?:y|ies))|implementation)\s*[:\-–]\s*", re.I), "implementing"),
    (re.compile(r"^\s*(?:beneficiar(?:y|ies)|recipients?)(?:\s+(?:institutions?|organi[sz]ations?|"
                r"countries))?\s*[:\-–]\s*", re.I), "beneficiary"),
    (re.compile(r"^\s*(?:cooperating|cooperation|collaborating|other)?\s*partners?\s*[:\-–]\s*", re.I), "cooperating"),
]
_ROLE_SUFFIXES = [
    (re.compile(r"\s*\((?:trust\s+funds?|donors?|funding|funder|financing|co-?financing|financial\s+partner)\)\s*$",
                re.I), "funding"),
    (re.compile(r"\s*\((?:implementing(?:\s+(?:partner|agency))?|executing\s+agency|implementation)\)\s*$", re.I),
     "implementing"),
    (re.compile(r"\s*\((?:beneficiary|beneficiaries|recipient)\)\s*$", re.I), "beneficiary"),
    (re.compile(r"\s*\((?:partner|cooperating\s+partner)\)\s*$", re.I), "cooperating"),
    (re.compile(r"\s*[-–:]\s*(?:donors?|funding|funder|financing)\s*$", re.I), "funding"),
    (re.compile(r"\s*[-–:]\s*implementing(?:\s+(?:partner|agency))?\s*$", re.I), "implementing"),
    (re.compile(r"\s*[-–:]\s*(?:beneficiary|beneficiaries)\s*$", re.I), "beneficiary"),
]


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


# "Government of Germany, through GIZ", "Gobierno de Corea a través de KOICA": a funder and the agency it works through.
_HARD_SEP = re.compile(
    r"\s*(?:;|\n|\r|•|·|▪)\s*|\.\s+(?=[A-Z])|,?\s+(?:through|via|a\s+trav[ée]s\s+de(?:l)?|por\s+medio\s+de(?:l)?|"
    r"par\s+l['’]\s?interm[ée]diaire\s+d[eu']\s?|[àa]\s+travers)\s+",
    re.IGNORECASE,
)
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Inc|Ltd|Co|St|No|Dr|Mr|Ms|Mrs|Jr|Corp|Sra?|Srta|Dra|Mme|Mlle|Prof|Lic|Ing))$")
_COMMA = re.compile(r",\s*")
_AND = re.compile(r"\s+(?:and|&|as\s+well\s+as|y|et|ainsi\s+que)(?:\s+(?:with|avec|con))?\s+", re.I)


def _country(text: str) -> str | None:
    try:
        from . import places
    except ImportError:  # pragma: no cover - places is written alongside
        return None
    return places.resolve_country(text)


def is_country_name(text: str) -> bool:
    """True when text is a country's name and nothing else ("Kenya", "the Bahamas"; not "Kenya School of
    Government")."""
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
    if opens_with_article(s) or of_body_start(s):  # "l'École ...", "del Instituto ..." (values/partner_starts.py)
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


_CONTINUES = re.compile(r"(?:de|du|des|d['’]|del|de\s+la|de\s+los|de\s+las|of|for|on)(?:\s|(?<=['’]))")


def _merge_comma_pieces(pieces: list[str]) -> list[str]:
    out: list[str] = []
    for p in pieces:
        q = p.strip()
        if not q:
            continue
        if out and len(out[-1]) + len(q) <= MAX_NAME and _CONTINUES.match(q):
            # "Ministère de la Transformation numérique, de l'Innovation et de ...": no name opens with a small "de".
            out[-1] = f"{out[-1]}, {q}"
            continue
        if out and len(out[-1]) + len(q) <= MAX_NAME:
            prev = out[-1]
            head_of = re.match(rf"(?:the\s+)?(?:{'|'.join(_ORG_HEADS)})\b.*\b(?:of|for|on)\b", prev, re.I)
            # "Ministry of Labour, Employment and Social Security": portfolio list inside one name.
            if (head_of and (not _looks_like_org_start(re.sub(r"^(?:and|&)\s+", "", q, flags=re.I))
                             and len(q.split()) <= 6 or _portfolio_words(q))):
                out[-1] = f"{prev}, {q}"
                continue
            if head_of and _is_qualifier(q) and not _is_known(q):
                out[-1] = f"{prev}, {q}"
                continue
        out.append(q)
    return out


_ADJECTIVE_HEADS = frozenset({"National", "Federal", "State", "Regional", "General", "Royal", "Prime", "Permanent",
                              "Supreme", "Executive"})


def _portfolio_words(q: str) -> bool:
    """"Federal Affairs and Reconciliation" after "Ministry of Interior,": capitalised words with no article, no
    acronym, no known body and no noun that heads a body's name, so the portfolio of the ministry before them."""
    q = re.split(r"\s+(?:and|et|y|&)\s+(?=(?:the|le|la|les|el|los|las)\s|l['’])", q)[0]
    words = q.split()
    return (len(words) <= 6 and words[0] in _ADJECTIVE_HEADS and not _scan(q) and not any(_is_acronym(w) for w in words)
            and not any(w in _ORG_HEADS and w not in _ADJECTIVE_HEADS for w in words))


def _split_and(piece: str) -> list[str]:
    protected = Intervals(_protected_spans(piece))
    cuts = [m for m in _AND.finditer(piece) if not (protected.holds(m.start()) or protected.holds(m.end() - 1))]
    if not cuts:
        return [piece]
    out = [piece[: cuts[0].start()]]
    for k, m in enumerate(cuts):
        right = piece[m.end() : cuts[k + 1].start() if k + 1 < len(cuts) else len(piece)]
        left = out[-1]
        if (_looks_like_org_start(right) or _is_known(_clean_name(left)) and not right[:1].isdigit()
                or len(left) + len(right) > MAX_NAME):
            out.append(after_of_opener(right))  # "y del INAP": INAP
        else:
            # "Ministry of Economy and Planning", "Ministerio de Planificación y Desarrollo": one name.
            out[-1] = f"{left}{m.group(0)}{right}"
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
            out.append(after_of_opener(right))  # "y del INAP": INAP
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
    (re.compile(r"\b(?:Cooperation|Co-operation|Development\s+Agency|Agency\s+for\s+International\s+Development|"
                r"International\s+Development|Aid|Trust\s+Funds?|Embassy)\b", re.I), "donor"),
    (re.compile(r"\b(?:University|Université|Universidad|Universität|College|Polytechnic|School\s+of|Faculty|"
                r"Research\s+Institute|Academy\s+of\s+Sciences)\b", re.I), "academia"),
    (re.compile(r"\b(?:Ltd|Limited|Inc|LLC|plc|GmbH|S\.A\.|Corporation|Corp|Company|Consulting|"
                r"Consultants|Group\s+Ltd)\b\.?", re.I), "private"),
    (re.compile(r"\b(?:Ministry|Ministries|Ministère|Ministerio|Government|Gouvernement|Govt|Authority|Parliament|"
                r"National\s+Assembly|Presidency|Prime\s+Minister|Municipality|Municipal|City\s+of|County|Province|"
                r"Provincial|Directorate|Cabinet|Court|Judiciary|Tribunal|Commission\s+on|Civil\s+Service|"
                r"Public\s+Service|Agency|Office\s+of\s+the|Poverty\s+Observatory|National)\b", re.I), "government"),
    (re.compile(r"\b(?:NGO|Non-?Governmental|Association|Society|Foundation|Federation|Network|Alliance|Trust|"
                r"Coalition|Forum|Civil\s+Society|Council\s+of\s+Churches)\b", re.I), "ngo"),
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
            return Partner(name=_clean_name(whole.text), acronym=whole.own_acronym, role=piece.role, org_type=org.type,
                           text=written)
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


# "Donor: Government of Sweden<TAB>USD 1,500,000": an amount in a column of its own after the name is its
# contribution (the budget's business), no part of the name.
_AMOUNT_COLUMN = re.compile(
    r"(?:\t|[ ]{2,})[ \t]*(?:(?:[A-Z]{3}|US\$|[$\u20ac\u00a3])[ \t]?)?\d[\d.,\u00a0\u202f ]*"
    r"(?:[ \t]?(?:[A-Z]{3}|[$\u20ac\u00a3]|million|millions|millones|mil))?[ \t]*$",
    re.MULTILINE,
)


def parse_partners(text: str, default_role: str = "cooperating") -> list[Partner]:
    """Partners named in a partner field (list or prose), each resolved to a known organisation where possible."""
    if default_role not in PARTNER_ROLES:
        raise ValueError(f"unknown partner role {default_role!r}")
    if not text or not text.strip():
        return []
    text = without_channel(_AMOUNT_COLUMN.sub("", text))  # "Government of Norway through its embassy in X"
    if is_prose(text):
        partners = _prose_partners(text, default_role)
    else:
        pieces = tidy_pieces(_split_pieces(text, default_role), text, _ORG_HEADS, _scan)  # no place, no half a name
        partners = [_partner_from_piece(p) for p in pieces]
    seen: set[tuple[str, str | None]] = set()
    out = []
    for p in partners:
        key = (p.name.casefold(), p.acronym)
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out
