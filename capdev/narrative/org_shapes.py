"""Does a value placed as an organisation (a partner, a donor, a funding source) read as a body's name?

A name is mostly capitalised words, an acronym, a body of the reference list (data/organisations.json), or words
headed by a noun of a body in English, French or Spanish (a government, ministry, agency, bank, fund: role_cues.json).
It holds no date or period, no amount, no verb of a sentence, no list of things, and is not one common word. The
answer is a reason a reviewer reads ("it holds a period"), or "" when the value has a name's shape. Nothing here
changes a value: value_shapes.py flags the field.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from .folding import fold
from .values.cities import city_country
from .values.dates import find_dates
from .values.money import money_spans
from .values.orgs import load_organisations, resolve_organisation
from .values.person_names import is_person
from .values.places import resolve_country, resolve_demonym, resolve_region
from .values.role_cues import ends_cut_short

_DATA = Path(__file__).resolve().parent / "data"
_ADJECTIVE_HEADS = frozenset({"european", "development", "national", "deputy", "gran", "grand", "high", "haut"})
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# A number standing alone that is no year ("Zona 4", "0-60", "01004", "(502) 2311-0000"); "G77", "Agenda 2030" pass.
_NUMBER = re.compile(r"(?<![\w./-])(?!(?:19|20)\d\d(?![\w/-]))\d[\d./-]*(?![\w/-])")


@functools.cache
def _json(name: str) -> dict:
    return json.loads((_DATA / name).read_text(encoding="utf-8"))


def _folded(words) -> frozenset[str]:
    return frozenset(fold(w).casefold() for w in words)


@functools.cache
def connectors() -> frozenset[str]:
    """The small words between a name's capitalised words ("of", "de la", "y", "pour l'")."""
    words = set(_json("title_words.json")["connectors"]) | set(_json("role_cues.json")["articles"])
    return _folded(w for phrase in words for w in phrase.split()) | {"&", "l", "d", "et", "und", "for", "at"}


@functools.cache
def _heads() -> frozenset[str]:
    """Nouns that head a body's name (the first word of each phrase): ministry, agence, banco, fund, government..."""
    cues = _json("role_cues.json")
    words: set[str] = set()
    for key in ("institution_heads", "body_nouns", "payer_words", "small_heads", "sure_payer_words"):
        words.update(phrase.split()[0] for phrase in cues.get(key) or () if phrase.strip())  # "school of": school
    words.update(_json("title_in_prose.json")["body_nouns"])
    # The first word of a few phrases is an adjective ("European Union", "National Assembly", "High Commission"):
    # no noun of a body by itself.
    return _folded(words) - connectors() - _ADJECTIVE_HEADS


@functools.cache
def _period_rx() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, _json("value_shapes.json")["period_words"]), key=len, reverse=True))
    return re.compile(rf"\b\d{{1,3}}\s*(?:-\s*)?(?:{words})\b")


@functools.cache
def sentence_verbs() -> frozenset[str]:
    """The auxiliaries and copulas of a sentence, written small (value_shapes.json): a title holds none."""
    return _folded(_json("value_shapes.json")["sentence_verbs"])


@functools.cache
def _verbs() -> frozenset[str]:
    """The verbs a value placed as an organisation holds when it is a sentence ("estimated at", "will be")."""
    return sentence_verbs() | _folded(_json("value_shapes.json")["sentence_verbs_in_names"])


@functools.cache
def common_words() -> frozenset[str]:
    """Words of the language that name nothing alone: the words of the reference list's longer names ("Royal" of a
    "Royal Government", "Development" of a bank's name), heads of bodies, words of titles. A body of one word
    (Enabel, Expertise France's "Expertise" aside) is found in the list itself before this is asked."""
    words: set[str] = set()
    for org in load_organisations():
        for name in (org.name, *org.aliases):
            parts = name.split()
            if len(parts) > 1:
                words.update(p.strip("(),.") for p in parts)
    for lang_words in _json("title_languages.json")["words"].values():
        words.update(lang_words)
    for cues in (_json("role_cues.json"), _json("prose_cues.json")):
        for value in cues.values():
            if isinstance(value, list):
                words.update(w for phrase in value if isinstance(phrase, str) for w in phrase.split())
    return _folded(w for w in words if w) | _heads()


@functools.cache
def _state_words() -> frozenset[str]:
    """One word that names a body by itself: the State, the Government ("apportés par l'État")."""
    return _folded(_json("value_shapes.json")["state_words"])


@functools.cache
def mechanism_words() -> frozenset[str]:
    """The words of a budget mechanism a funding source may name instead of a body ("extrabudgetary", "Regular
    budget", "Compte pour le développement"): role_cues.json mechanism_words and donor_mechanisms."""
    cues = _json("role_cues.json")
    words = set(cues["mechanism_words"])
    words.update(w for phrase in cues["donor_mechanisms"] for w in phrase.split())
    return _folded(words) - connectors()


@functools.cache
def post_rx() -> re.Pattern[str]:
    """A person's post at the start of a value ("Chief Technical Advisor", "Coordonnateur national", "Asesora")."""
    words = sorted((re.escape(fold(w).casefold()) for w in _json("value_shapes.json")["post_words"]), key=len,
                   reverse=True)
    return re.compile(rf"^\W*(?:(?:senior|junior|national|international|technical|deputy|principal|regional|"
                      rf"national|adjoint|principal|nacional|internacional|tecnico|regional)\s+)*(?:{'|'.join(words)})\b")


def _bare(name: str) -> str:
    """The name without its bracketed asides ("Agence Française de Développement (AFD)")."""
    return re.sub(r"\s*\([^()]*\)?", " ", name).strip(" ,;:.-–—")


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def _holds_period(name: str) -> str:
    for mention in find_dates(name):
        r = mention.range
        if r is None:
            continue
        precise = any(d is not None and d.month is not None for d in (r.start, r.end))
        if precise or (r.start and r.end and r.start != r.end):
            return "it holds a date or a period"
    if _period_rx().search(fold(name).casefold()):
        return "it holds a period"
    return ""


def _a_list_of_things(bare: str) -> bool:
    """"office space, servers": pieces after a comma that open with a small word that is no connector."""
    pieces = [p.strip() for p in re.split(r"[,;]", bare)]
    if len(pieces) < 2:
        return False
    lower = [p for p in pieces[1:] if p and p[0].islower() and fold(p.split()[0]).casefold() not in connectors()]
    return bool(lower) and not any(p[:1].isupper() for p in pieces[:1] if _heads() & _words_of(p))


def _words_of(text: str) -> frozenset[str]:
    return frozenset(fold(w).casefold().strip(".'’") for w in _WORD.findall(text))


def _lower_run(words: list[str], folded: list[str], skip: frozenset[str] = frozenset()) -> int:
    """The longest run of lower-case words, connectors aside ("co-financing in kind estimated"); a French or Spanish
    name writes its adjectives and nouns small after its capitalised head ("Agence nationale d'appui au
    développement", "Organisation des Nations Unies pour l'éducation, la science et la culture"): 0."""
    if folded[0] in _heads() or (words[0][:1].isupper() and _romance(folded)):
        return 0
    run = best = 0
    for word, key in zip(words, folded, strict=True):
        if key in connectors() or key in skip:
            continue  # a funding source's mechanism words ("regular programme of technical cooperation") aside
        run = run + 1 if word[:1].islower() else 0
        best = max(best, run)
    return best


def _romance(folded: list[str]) -> bool:
    return bool({"de", "del", "la", "las", "los", "el", "y", "et", "du", "des", "le", "les", "pour", "para", "au",
                 "aux", "d", "l"} & set(folded))


def organisation_fault(name: str, mechanism: bool = False) -> str:
    """Why a value placed as an organisation does not read as one, or "" when it does; a funding source
    (mechanism=True) may name a budget mechanism instead ("extrabudgetary", "DA Tranche 15 Account")."""
    name = (name or "").strip()
    if not name or resolve_organisation(name):
        return ""
    bare = _bare(name) or name
    if resolve_organisation(bare):
        return ""
    why = _holds_period(name)
    if why:
        return why
    if money_spans(name):
        return "it holds an amount"
    words = _WORD.findall(bare)
    if not words:
        return "it holds no word"
    folded = [fold(w).casefold().strip(".'’") for w in words]
    if any(w in _verbs() for w, raw in zip(folded, words, strict=True) if raw[:1].islower()):
        return "it reads as a sentence, not a name"
    if _a_list_of_things(bare):
        return "it reads as a list of things, not a name"
    if _lower_run(words, folded, mechanism_words() if mechanism else frozenset()) >= 3:
        return "it holds a run of lower-case common words"
    if mechanism and mechanism_words() & set(folded):
        return ""  # "DA Tranche 15 Account", "Development Account (14th tranche)": a budget mechanism
    if _NUMBER.search(name):
        return "it holds a number (an address, a telephone, a count)"
    if re.search(r"\w\s*:\s+\w", name):
        return "it holds a label and its value"
    if resolve_country(bare) or resolve_region(bare):
        return ""  # "Alemania", "Government of Japan", "Africa": a country's government, a region's body
    if is_person(name):
        return "a person's name"
    if post_rx().match(fold(name).casefold()):
        return "a person's post, not a body"
    if city_country(bare):
        return "a city, not a body"
    if len(words) == 1:
        word = words[0]
        if _acronym(word) or resolve_demonym(word):
            return ""
        if folded[0] in common_words() and folded[0] not in _state_words():
            return "a single common word, no body's name"
        return ""
    last = fold(name.split()[-1]).casefold().strip(",;:")
    if last in connectors() or ends_cut_short(name):
        return "it is cut short"
    first = words[0]
    if first[:1].islower() and folded[0] not in connectors() and folded[0] not in _heads() and not _acronym(first):
        if not any(w[:1].isupper() for w in words[1:]) or not _heads() & set(folded):
            return "it does not begin as a name"
    return ""
