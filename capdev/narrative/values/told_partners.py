"""Partners a record's sentences name without a cue right before each name, and the role of a body after a cue of
support, in English, French and Spanish:

- a list after the words that name the partners as a group: "The technical partners of the programme are the
  Central American Institute ... (ICAP) and ...", "Les partenaires du projet sont ...", "Los socios técnicos del
  programa son el ICAP y la SG-SICA";
- a body before the words that give it that role: "the Astana Civil Service Hub will be our main partner", "l'ENA
  sera le partenaire principal", "la Contraloría es nuestro socio técnico";
- a body after a cue of support that does not surely pay ("with the support of ECLAC", "avec l'appui du Forum des
  inspections ...", "con el apoyo del INAP") helps: a partner; one that may pay or help (a foundation, a fund, an
  agency) is unsure: the caller flags it and places it nowhere.

The words are data (data/role_cues.json: partner_nouns, partner_list_verbs, partner_copulas, partner_possessives,
partner_adjectives, maybe_payer_words). Each pattern reads a bounded span, so the work stays linear in the text."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _cues
from .beneficiary_cues import beneficiary_rx, beneficiary_starts
from .places import find_countries
from .technical_help import technical_help_rx, technical_help_starts

_ARTICLE = r"(?:(?:the|its|our|their|les|ses|nos|leurs|los|las|sus|nuestros|nuestras)\s+)"
# One partner named as the group is ("Our counterpart is the Ministry of Finance", "Notre contrepartie est le
# ministère ...", "Nuestra contraparte es la SFP"): a singular article or possessive, a singular copula, and a name
# in capitals right after it (not a sum: "the counterpart contribution is EUR 50,000").
_ONE = r"(?:(?:a|an|my|his|her|notre|son|sa|leur|le|la|un|une|nuestro|nuestra|su|el|una)\s+|l['’]\s?)"
_A_NAME_NEXT = (r"(?=(?:(?:the|le|la|les|el|los|las)\s+|l['’]\s?)?(?-i:[A-Z\u00c0-\u00de][\w\u00c0-\u00ff'’-]))"
                r"(?!(?:USD|EUR|CHF|GBP|JPY|CAD|XOF|XAF|US\$)\b)")
# "técnicos del programa", "of the project", "du projet": a few small words between the noun and the verb.
# Or no article where the noun opens its sentence, capitalised ("Partners include the Revenue Authority and ...").
_ARTICLE_OR_OPENING = rf"(?:{_ARTICLE}|{_ONE}|(?:^|(?<=[.!?]\s)|(?<=\n))(?-i:(?=[A-Z\u00c0-\u00de])))"
_SMALL_GAP = r"(?:(?-i:[a-z\u00e0-\u00ff][\w'’-]*)\s+){0,4}?"


@functools.cache
def _group_rx() -> re.Pattern[str]:
    adjectives = _cues.alternation("partner_adjectives")
    return re.compile(
        rf"(?<![\w'-]){_ARTICLE_OR_OPENING}(?:(?:{adjectives})\s+)?(?:{_cues.alternation('partner_nouns')})(?![\w-])\s+"
        rf"{_SMALL_GAP}(?:(?:{_cues.alternation('partner_list_verbs')})(?:\s*:)?|:|"
        rf"(?:{_cues.alternation('partner_singular_verbs')})\s+{_A_NAME_NEXT})\s*", re.IGNORECASE)


def list_starts(text: str) -> list[int]:
    """Where a list of partners begins after the words that name them as a group ("the partners of the project are
    "); the caller reads the names from there."""
    if not isinstance(text, str) or not text:
        return []
    # "au profit de l'Inspection générale du travail": the body the project works for (values/beneficiary_cues.py)
    # "con el acompañamiento técnico del ILPES-CEPAL": a body that helps with its knowledge (values/technical_help.py)
    return sorted({m.end() for m in _group_rx().finditer(fold(text))} | set(beneficiary_starts(text))
                  | set(technical_help_starts(text)) | set(continued_starts(text)))


# "en coordinación con la ENAP ... y con el CEPLAN", "in partnership with X and with Y": a second body after "and
# with" in the sentence of a partner cue, a capital after its article.
_AND_WITH = re.compile(r"\s(?:and|et|y|as\s+well\s+as|ainsi\s+qu['’]?|as[ií]\s+como)\s+(?:with|avec|con)\s+"
                       r"(?=(?:(?:the|le|la|les|el|los|las)\s+|l['’]\s?)?[A-Z\u00c0-\u00de])", re.IGNORECASE)


def continued_starts(text: str) -> list[int]:
    """Where a body named after "and with" / "et avec" / "y con" begins, in the sentence a partner cue opened."""
    from .prose_facts import partner_cue_ends

    out = []
    for end in partner_cue_ends(text):
        stop = re.search(r"[.;!?](?:\s|$)|\n\s*\n", text[end : end + 300])
        m = _AND_WITH.search(text, end, end + (stop.start() if stop else 300))
        if m:
            out.append(m.end())
    return out


def before_next_cue(phrase: str) -> str:
    """A phrase read after a cue, cut where a cue of technical help or of benefit opens inside it ("la SFP con el
    acompañamiento técnico del ILPES-CEPAL": "la SFP"): the body after that cue is read on its own. Only the
    phrase is searched (a bounded span)."""
    folded = fold(phrase)
    cuts = [m.start() for m in (technical_help_rx().search(folded, 1), beneficiary_rx().search(folded, 1),
                                _AND_WITH.search(phrase, 1)) if m]  # "... y con el CEPLAN": read on its own
    return phrase[: min(cuts)].rstrip(" ,;") if cuts else phrase


# A sentence's subject: a capitalised word and up to ten more, an acronym in brackets, after an article; perhaps a
# second such name after "and" ("L'Agence ... (ANGN) et la Direction ... (DNFP) en sont les partenaires").
_ONE_NAME = r"[A-Z\u00c0-\u00de][\w'’&-]*(?:\s+[\w\u00c0-\u00ff][\w'’&-]*){0,10}(?:\s+\([A-Z][A-Za-z&-]{1,15}\))?"
_SUBJECT = (r"(?:^|(?<=[.!?;])\s+|\n\s*\n|,\s+(?:and|et|y|while|tandis\s+que|mientras\s+que)\s+)\s*"
            r"(?:(?:the|le|la|les|el|los|las)\s+|l['’]\s?)?"
            rf"(?P<name>(?-i:{_ONE_NAME}(?:\s+(?:and|et|y)\s+(?:(?:the|le|la|les|el|los|las)\s+|l['’]\s?)?"
            rf"{_ONE_NAME}(?<=\)))?))\s+")
# "partenaires de mise en œuvre", "socios de ejecución": the noun's complement that names the role, not a body.
_ROLE_TAIL = (r"(?:\s+(?:of\s+implementation|de\s+mise\s+en\s+(?:œ|oe)uvre|d['’]\s?execution|de\s+ejecucion"
              r"|de\s+implementacion))?")


@functools.cache
def _subject_rx() -> re.Pattern[str]:
    adjectives = _cues.alternation("partner_adjectives")
    return re.compile(
        rf"{_SUBJECT}(?:(?:en|y)\s+)?(?:{_cues.alternation('partner_copulas')})\s+"
        rf"(?:(?:{_cues.alternation('partner_possessives')})\s+)?(?:(?:{adjectives})\s+)?"
        rf"(?:{_cues.alternation('partner_nouns')})(?![\w-]){_ROLE_TAIL}"
        rf"(?!\s+(?:of|in|for|de|du|des|del|en|pour|para)\s+(?:the\s+|la\s+|le\s+|el\s+|l['’])?[a-z])",
        re.IGNORECASE)


_AUXILIARY = re.compile(r"(?:\s+(?:will|shall|has|have|had|would|a|ont|va|vont|ha|han|va\s+a))+$", re.IGNORECASE)


def named_before_role(text: str) -> list[str]:
    """The bodies a sentence opens with when its verb says they are the project's partners ("the Astana Civil
    Service Hub will be our main partner"), as written, each once; our own unit and a country are none."""
    from .counterparts import _a_body

    if not isinstance(text, str) or not text:
        return []
    out: list[str] = []
    for m in _subject_rx().finditer(fold(text)):
        name = _AUXILIARY.sub("", " ".join(text[m.start("name") : m.end("name")].split()))
        if (_a_body(name) or _body_noun(name)) and not _a_country(name) and name not in out:
            out.append(name)
    return out


def _body_noun(name: str) -> bool:
    """"Astana Civil Service Hub", "Red de Innovación Pública": a capitalised name with a noun that names a body."""
    return name[:1].isupper() and bool(_cues.words_rx("body_nouns").search(fold(name)))


def _a_country(name: str) -> bool:
    bare = re.sub(r"^(?:the|le|la|el|l['’])\s*", "", name.strip(), flags=re.IGNORECASE)
    return any(c.start == 0 and c.end == len(bare) for c in find_countries(bare))


@functools.cache
def _maybe_payer_rx() -> re.Pattern[str]:
    return _cues.words_rx("maybe_payer_words")


def helper_role(name: str) -> str:
    """What a body named after a cue of support is, when it does not surely pay (funding.pays_surely says so
    first): "unsure" when its name may be a payer's (a foundation, a fund, an agency), "partner" otherwise (a
    commission, a ministry, a UN entity, a school: it helps); "" for a country alone, which is the country served."""
    bare = re.sub(r"\s*\([^()]*\)", "", name).strip(" .,")
    if not bare or _a_country(bare):
        return ""
    return "unsure" if _maybe_payer_rx().search(fold(bare)) else "partner"


def only_a_country(names: str) -> bool:
    """Is a phrase read after a partner's cue a country or a list of countries and nothing else ("works with Kenya
    and Uganda")? A country named so is served, not a partner; its government, named as such, is one."""
    parts = [p for p in re.split(r",\s*|\s+(?:and|et|y|&)\s+", names.strip(" .,;")) if p.strip()]
    return bool(parts) and all(_opens_with_a_country(p.strip()) for p in parts)


def _opens_with_a_country(part: str) -> bool:
    """"Kenya", "le Togo sur la gestion des archives": a country, and only small words after it."""
    bare = re.sub(r"^(?:(?:the|le|la|les|el)\s+|l['’]\s*)", "", part, flags=re.IGNORECASE)  # not "Le" of "Lesotho"
    first = next(iter(find_countries(bare)), None)
    return first is not None and first.start == 0 and not re.search(r"[A-Z\u00c0-\u00de]", bare[first.end :])


# "synergies avec le projet PRODIG financé par la Banque mondiale", "informa sobre el programa «Colombia Íntegra»,
# financiado por el BID", "lessons from the PFM Reform Project funded by the World Bank": a project named after a
# preposition is another project than the record's, and who funds it is not the record's funder.
_OTHER_PROJECT = re.compile(
    r"(?<![\w'-])(?:with|from|of|on|about|than|to|avec|du|de|des|sur|que|au|con|del|sobre|al|a)\s+"
    r"(?:(?:the|a|an|un|une|le|la|l['’]|el|los|las|otro|otra|autre)\s*)?"
    r"(?:(?:[A-Z][\w-]*\s+){1,5}(?:[Pp]roject|[Pp]rogramme|[Pp]rogram)|(?:projet|programme|proyecto|programa)"
    r"(?:\s+(?:[«\"“][^»\"”\n]{1,80}[»\"”]|[A-Z][\w'’-]*(?:\s+[A-Z0-9][\w'’-]*){0,3})))\s*,?\s*$")


def another_projects(text: str, cue_start: int) -> bool:
    """Is the funder cue that opens at cue_start said of a project named after a preposition (another project)?"""
    return bool(_OTHER_PROJECT.search(text[max(0, cue_start - 120) : cue_start]))


def other_project_cue_ends(text: str) -> set[int]:
    """The ends of the funder cues said of another project ("le projet PRODIG financé par "): the funder named
    there is flagged, not placed."""
    from .prose_facts import _rx

    if not isinstance(text, str) or not text:
        return set()
    return {m.end() for m in _rx("funder_cues").finditer(fold(text)) if another_projects(text, m.start())}


def sort_helpers(names: str) -> tuple[list[str], list[str], list[str]]:
    """The bodies a cue of support names ("con el apoyo de la OPS, el UNFPA y la CEPAL"), each as written, sorted
    into those that surely pay (funders), those that help (partners: a UN entity, a commission, a school) and those
    that may do either (a foundation, a fund: unsure). A budget mechanism named there is none of them."""
    from .funding import _MECHANISM, pays_surely
    from .partners import parse_partners

    payers: list[str] = []
    helpers: list[str] = []
    unsure: list[str] = []
    for partner in parse_partners(names) if names else []:
        written = partner.text or partner.name
        if pays_surely(written) or partner.org_type == "donor":
            payers.append(written)
        elif partner.org_type in ("un", "igo", "government", "academia"):
            helpers.append(written)  # "el Fondo de Población de las Naciones Unidas (UNFPA)": a UN entity helps
        elif not _MECHANISM.search(fold(written)):
            {"partner": helpers, "unsure": unsure}.get(helper_role(written), []).append(written)
    return payers, helpers, unsure
