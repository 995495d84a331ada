"""A body's role told in an apposition right after its name, in English, French and Spanish: "the Economic Commission
for Latin America and the Caribbean (ECLAC), its co-implementing partner", "le Conseil départemental de la
Loire-Atlantique, bailleur du programme", "la Agencia Chilena de Cooperación (AGCID), donante del proyecto". The
apposition is a noun of role (data/role_cues.json: apposed_funders, apposed_partners), perhaps after a possessive or
an article and with an adjective ("main", "technique", "nacional"), perhaps followed by "of the project" / "du
programme" / "del proyecto", and it closes its clause (a stop, a comma, a bracket or the end): "Ana Ruiz, donor
relations officer" or "UNDP, partner of the World Bank in ..." are no such apposition. The name is the one that
ends right at the comma (values/prose_names.name_extent), a body by its shape (values/partner_checks.names_a_body),
never a person nor a country alone. Each pattern reads a bounded span: the work stays linear in the text.

The same name ending at a comma makes a partner of the body a sentence opens with, after a bare "with", "avec" or
"con", when the project is the subject after the comma: "Avec la Direction générale de l'administration publique
(DGAP), le projet accompagne ...", "With the Revenue Authority, the programme trained ...", "Con la Contraloría, el
proyecto elaboró ..." (fronted_partners). "With 45 participants, the project ..." names no body."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _cues

_OPENERS = ("its", "their", "the", "a", "an", "our", "son", "sa", "ses", "leur", "leurs", "le", "la", "les", "un",
            "une", "notre", "su", "sus", "el", "los", "las", "nuestro", "nuestra", "l'", "l’")
_ADJECTIVES = ("main", "principal", "principale", "principales", "key", "national", "nationale",
               "nacional", "technical", "technique", "techniques", "tecnico", "tecnica", "financial", "financier",
               "financiere", "financiero", "financiera", "implementing", "co-implementing", "executing",
               "strategic", "strategique", "estrategico", "lead", "sole", "seul", "unico", "unica")
_PROJECT = r"(?:project|projet|proyecto|programme|program|programa|initiative|iniciativa)"
# The words a name may be read from: the clause before the comma, at most this many characters.
_REACH = 200
# Small words of a body's name before its head noun ("the Economic Commission", "l'Agence", "la Agencia").
_SMALL = frozenset("the of and for on le la les l de du des d et pour el los las del y e para".split())
# Words that go on a sentence rather than a name ("Il prévoit l'interconnexion avec l'Agence ...").
_CLAUSE_WORDS = frozenset("with avec con by par por to a à is was are were has have had est sont ont a été ha han "
                          "fue es son que that which who qui où donde".split())


@functools.cache
def _apposition_rx() -> re.Pattern[str]:
    openers = "|".join(re.escape(fold(w)) for w in _OPENERS)
    adjectives = "|".join(re.escape(w) for w in _ADJECTIVES)
    funders = _cues.alternation("apposed_funders")
    partners = _cues.alternation("apposed_partners")
    return re.compile(
        rf",\s+(?:(?:{openers})(?:\s+|(?<=['’])))?(?:(?:{adjectives})\s+)?"
        rf"(?:(?P<funder>{funders})|(?P<partner>{partners}))(?:\s+(?:{adjectives}))?"
        rf"(?:\s+(?:of|du|de|del|de\s+la|de\s+l['’]|des)\s*(?:(?:the|this|le|ce|cet|el|este|la|esta)\s+)?{_PROJECT})?"
        rf"(?=\s*(?:[.;,)]|$))", re.IGNORECASE)


def _name_before(text: str, comma: int, pays: bool) -> str:
    """The body's name that ends right at the comma: the earliest capitalised word of the clause before it from
    which a name runs exactly to the comma. A country alone pays as a donor ("Japan, donor of the project") but is
    no partner (it is the country served)."""
    from .partner_checks import names_a_body
    from .person_names import is_person
    from .prose_names import name_extent
    from .told_partners import only_a_country

    start = max(0, comma - _REACH)
    clause = text[start:comma]
    cut = max(clause.rfind(c) for c in ".;:,\n")
    if cut >= 0:
        clause, start = clause[cut + 1 :], start + cut + 1
    for m in re.finditer(r"(?:(?<=\s)|^)(?:(?:the|le|la|les|el|los|las)\s+|l['’]\s?)?[A-Z\u00c0-\u00de]", clause):
        written = clause[m.start() :].strip()
        name = name_extent(written)
        if not name or name.strip() != written:
            continue
        bare = re.sub(r"^(?:(?:the|le|la|les|el|los|las)\s+|l['’]\s?)", "", name, flags=re.IGNORECASE)
        country = only_a_country(bare)
        if _plain(bare) and not is_person(bare) and (pays and country or names_a_body(bare) and not country):
            return name
    return ""


def _plain(name: str) -> bool:
    """Is a name only a name: no word that goes on a clause, and before its first lowercase word (a French or
    Spanish adjective after the head noun: "Agence nationale") a word that heads a body or an acronym?"""
    from .partner_checks import _HEADS

    words = [w.strip("()[]\"'«»“”,.;:") for w in re.split(r"\s+|(?<=['’])", name) if w.strip()]
    if any(w.casefold() in _CLAUSE_WORDS for w in words):
        return False
    for w in words:
        if w.casefold() in _HEADS or fold(w.casefold()) in _heads() or (len(w) > 1 and w.isupper()):
            return True
        if not w[:1].isupper() and w.casefold().strip("'’") not in _SMALL:
            return False
    return True


@functools.cache
def _heads() -> frozenset[str]:
    return frozenset(fold(w.casefold()) for kind in ("institution_heads", "body_nouns", "payer_words")
                     for w in _cues.table()[kind] if " " not in w)


def apposed_roles(text: str) -> tuple[list[str], list[str]]:
    """The funders and the partners whose role an apposition gives, each as written."""
    funders: list[str] = []
    partners: list[str] = []
    if not isinstance(text, str) or not text:
        return funders, partners
    folded = fold(text)
    for m in _apposition_rx().finditer(folded):
        name = _name_before(text, m.start(), bool(m.group("funder")))
        named = funders if m.group("funder") else partners
        if name and name not in named:
            named.append(name)
    return funders, partners


# A sentence that opens with "With" and a name, the project its subject after the comma; the capital says a
# sentence opens there, where a line's break was lost ("CVE/040 - En cours - 2022-2026 Avec la DGAP, le projet").
_FRONTED = re.compile(r"(?:^|(?<=\s))(?-i:With|Avec|Con)\s+(?P<name>[^.;:!?,\n]{2,160}?),\s+"
                      rf"(?:the|this|our|le|ce|cet|notre|el|este|nuestro)\s+{_PROJECT}(?![\w-])", re.IGNORECASE)


def fronted_partners(text: str) -> list[str]:
    """The bodies a sentence opens with after a bare "with" / "avec" / "con", the project its subject, as written."""
    out: list[str] = []
    if not isinstance(text, str) or not text:
        return out
    for m in _FRONTED.finditer(fold(text)):
        name = _name_before(text, m.end("name"), False)
        if name and text[m.start("name") : m.end("name")].strip() == name.strip() and name not in out:
            out.append(name)
    return out
