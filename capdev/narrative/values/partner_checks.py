"""A partner list's organisations checked before they are placed: a piece written all in small letters names no
organisation ("associations nationales de communes", "local governments", "organizaciones de la sociedad civil":
a kind of body, not one), and a person's name with a title ("Dr. Amina Diallo", "Sra. Paula Giraldo") is nobody's
organisation. Such pieces are not placed: the caller flags them with the words as written, for a reviewer."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from ..types import Partner
from .not_bodies import not_a_body
from .partner_offices import office_of_known_body
from .partners import _ORG_HEADS, _looks_like_org_start, parse_partners
from .person_names import is_person, is_title_only, person_head
from .role_cues import ends_cut_short, table, words_rx


@functools.cache
def _placeholders() -> frozenset[str]:
    return frozenset(fold(w.casefold()) for w in table()["placeholder_values"])


def _names_no_body(partner: Partner) -> str:
    """Why a partner read from a list names no organisation, or ""."""
    written = partner.text or partner.name
    first = re.match(r"\W*([^\W\d_][\w/' ]*?)\W*(?:$|\s{2,}|\)|[A-Z][a-z]+\s*:)", written)
    if first and fold(first.group(1).casefold()) in _placeholders():
        return "no organisation named"  # "Agreement partner: (all)", "Bailleur : néant"
    if partner.acronym is None and not re.search(r"[A-Z\u00c0-\u00de]", partner.name):
        return "a kind of body, not one"
    if is_person(written) or is_person(partner.name) or is_title_only(partner.name):
        return "a person, not an organisation"  # "Dr. Amina Diallo", "Ana Ruiz"; "Dr" cut from its name
    if partner.org_type is None and (no_body_noun(partner.name) or heading_word(partner.name)):
        return "no word that names a body"  # "Modérément satisfaisant": a rating under a label of execution
    return not_a_body(written)  # "DKK", "January 2022": a sentence that ran on after its funder (round 18)


@functools.cache
def _heading_words() -> frozenset[str]:
    return frozenset(fold(w.casefold()) for w in table()["heading_words"])


def heading_word(name: str) -> bool:
    """Is a name one word that heads a column of a table of bodies ("Entidad    Función", "Partner    Role": the
    header row read as a label and its value), and no known body? data/role_cues.json, heading_words."""
    from .orgs import resolve_organisation

    word = name.strip(" ()[]\"'«»“”,.;:")
    return " " not in word and fold(word.casefold()) in _heading_words() and not resolve_organisation(word)


_HEADS = frozenset(h.casefold() for h in _ORG_HEADS)


def no_body_noun(name: str) -> bool:
    """Is a name of two words or more capitalised only at its start, with no noun that heads a body's name, no
    acronym and no known organisation ("Modérément satisfaisant", "Mise à jour prévue")? Such words name nothing;
    "Direction nationale de la fonction publique", "Enabel", "Coopération luxembourgeoise" are bodies."""
    from .orgs import resolve_organisation

    words = [w.strip("()[]\"'«»“”,.;:") for w in name.split()]
    if len(words) < 2 or any(w[:1].isupper() or w[:1].isdigit() for w in words[1:]) or resolve_organisation(name):
        return False
    if any(len(w) > 1 and w.isupper() for w in words):
        return False  # "MPCE (Haití)", "ANAM (Guatemala)": an acronym names a body
    if any(w.strip(",.()").casefold() in _HEADS for w in words):
        return False  # "Fonds mondial", "Programme régional"
    folded = fold(name)
    return not any(words_rx(kind).search(folded) for kind in ("institution_heads", "body_nouns", "payer_words",
                                                                "generic_heads"))


def names_a_body(name: str) -> bool:
    """Is a name written with a capital a body's by its shape: an acronym, a known body, or a noun that heads a
    body's name ("Agencia Suiza para el Desarrollo", "Kingdom of the Netherlands", "Université de Kinshasa")? A
    person ("Juan Pérez") or words with no such noun ("The project met the donor") are not."""
    words = [w.strip("()[]\"'«»“”,.;:") for w in name.split()]
    if not words or not words[0][:1].isupper() or is_person(name):
        return False
    from .orgs import resolve_organisation

    if any(len(w) > 1 and w.isupper() for w in words) or resolve_organisation(name):
        return True
    folded = fold(name)
    return any(w.casefold() in _HEADS for w in words) or any(words_rx(kind).search(folded) for kind in (
        "institution_heads", "body_nouns", "payer_words"))


def _a_country_only(partner: Partner) -> bool:
    """Is a partner that neither pays nor was named with an acronym a bare country ("together with the Botswana" /
    "Public Service College" cut at a line's end)? A country is served; its government, named as such, is a body."""
    from .told_partners import only_a_country

    return partner.acronym is None and only_a_country(partner.text or partner.name)


def _semicolon_wraps(value: str) -> str:
    """"Ministry of Home Affairs (MoHA); National Academy of Politics and Public" / "Administration (NAPPA)": in a
    list whose line holds its separator, a line that does not end with one breaks inside a name, unless the next
    line opens another body ("UNDP; UNICEF" / "World Bank")."""
    lines = value.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        prev = out[-1].rstrip()
        head = line.strip()[:1]
        if ";" in prev and not prev.endswith((",", ";", ":")) and (head.islower() or head.isupper() and (
                not _looks_like_org_start(line.split(";")[0]))):
            out[-1] = f"{prev} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def _without_person_heads(partners: list[Partner], role: str, left: list[str]) -> list[Partner]:
    """"Paul Mensah et l'École nationale d'administration" read as one name: the person left out, the body kept."""
    out: list[Partner] = []
    for partner in partners:
        split = person_head(partner.text or partner.name)
        if split is None:
            out.append(partner)
            continue
        left.append(f"a person, not an organisation, not placed: “{split[0]}”")
        out += parse_partners(split[1], default_role=role)
    return out


def checked_partners(value: str, role: str) -> tuple[list[Partner], list[str]]:
    """The partners a value names (values.partners.parse_partners), and the reasons for the pieces left out."""
    kept: list[Partner] = []
    left: list[str] = []
    for partner in _without_person_heads(parse_partners(_semicolon_wraps(value), default_role=role), role, left):
        why = _names_no_body(partner) or (role != "funding" and _a_country_only(partner) and "a country, not a body")
        if why:
            left.append(f"{why}, not placed: “{partner.text or partner.name}”")
            continue
        partner = office_of_known_body(partner)  # "UNDP Malawi Country Office": UNDP (values/partner_offices.py)
        kept.append(partner)
        words = [w.casefold() for w in partner.name.split()] or [""]
        if partner.acronym is None and (words[-1] in table()["cut_short_endings"] or ends_cut_short(partner.name)):
            left.append(f"the name may be cut short: “{partner.text or partner.name}”")
    return kept, left
