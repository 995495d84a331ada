"""People named where an organisation is expected. Records name speakers, focal points, graduates and signatories
("in partnership with Ms. Ana Ruiz, Director of ...", "Socios: Juan Pérez; Contraloría General", "en collaboration
avec Paul Mensah et l'ENA"): a person is never a partner or a donor, and a person's name must not reach the public
registry through one. A name is a person's when a title of address opens it, or when a known given name opens two
to four capitalised words with no word that heads a body's name ("Ana Ruiz", "María Fernanda López", "Joost van
der Berg"; not "Rosa Luxemburg Stiftung", "Jean Monnet Programme", "Kofi Annan Foundation")."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import fold
from .role_cues import table

_DATA = Path(__file__).resolve().parent.parent / "data" / "given_names.json"

# Titles of address in the three languages (and "H.E."): "Dr. Amina Diallo", "Mme Aïcha Ba", "Sra. Paula Giraldo".
# One list serves the partner checks, the sentence splitter and the phrase reader of values/prose.py.
# Abbreviations written before a name in running text; their period ends no sentence and no phrase.
PROSE_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Mme", "Mlle", "Sra", "Srta", "Dra", "Hon", "Lic", "H.E", "S.E")
# Abbreviations that are titles only with their period and a capitalised name ("M. Keita", "Sr. Ruiz").
PERIOD_TITLES = ("M", "Sr")
# Titles that open a value where an organisation is expected ("Me", "Pr", "Ing", "Don" too: in prose they are
# words or initials more often than titles).
_VALUE_TITLES = ("miss", "professor", "me", "pr", "licda", "ing", "sir", "dame", "don", "doña", "dona")
_TITLES = frozenset({t.casefold() for t in PROSE_TITLES + PERIOD_TITLES} | set(_VALUE_TITLES) | {"he"})
_OPENING_TITLES = sorted(_TITLES - {"m", "he", "hon"}, key=len, reverse=True)  # "Hon Hai", "He Wei": names
_TITLE = re.compile(r"^(?:" + "|".join(re.escape(t).replace(r"\.", r"\.\s?") for t in _OPENING_TITLES)
                    + r")\.?\s+[A-Z\u00c0-\u00de]|^m\.\s+[A-Z\u00c0-\u00de]", re.IGNORECASE)
# Family-name particles written in small letters ("van der", "de la", "bin", "ould").
_PARTICLES = frozenset({"van", "der", "den", "von", "de", "del", "della", "di", "da", "das", "do", "dos", "du", "la",
                        "le", "y", "bin", "ibn", "bint", "ould", "ben", "al", "el", "ter", "zu"})
# Words that head or close a body's name beyond those the partner readers know (a person's foundation keeps them).
_BODY_WORDS = frozenset({"stiftung", "trust", "corps", "fund", "fundação", "gesellschaft", "gmbh", "ltd", "inc", "llc",
                         "sa", "sarl", "plc", "consulting", "consultants", "associates", "partners", "group", "company",
                         "foundation", "fondation", "fundación", "institute", "school", "college", "chair", "chaire",
                         "cátedra", "prize", "award", "programme", "program", "programa", "project", "projet",
                         "proyecto", "fellowship", "scholarship", "centre", "center", "centro", "university",
                         "université", "universidad", "hospital", "library", "museum", "house", "hall",
                         "international", "internacional", "global", "worldwide", "ngo", "ong"})
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@functools.cache
def given_names() -> frozenset[str]:
    return frozenset(fold(n.casefold()) for n in json.loads(_DATA.read_text(encoding="utf-8"))["given_names"])


@functools.cache
def _body_words() -> frozenset[str]:
    from .partners import _ORG_HEADS  # the heads the partner splitter knows ("Ministry", "Centre", "Union" ...)

    cues = table()
    words = set(_BODY_WORDS) | {w.casefold() for w in _ORG_HEADS} | {w.casefold() for w in cues["body_nouns"]}
    words |= {h.split()[0].casefold() for h in cues["institution_heads"]}
    return frozenset(fold(w) for w in words)


def is_title_only(text: str) -> bool:
    """"Dr", "Mme", "Sr.": a title of address cut from its name (a list split at its period)."""
    return fold(text.strip().rstrip(".").casefold()) in _TITLES


def is_person(text: str) -> bool:
    """Does text name a person rather than an organisation?"""
    text = text.strip()
    words = text.split()
    if _TITLE.match(text):  # not "ING Bank", "DON Foundation": a title in capitals holds its period ("MR. X")
        return not (words[0].isupper() and len(words[0]) > 1 and "." not in words[0])
    if not 2 <= len(words) <= 7 or any(not _WORD.fullmatch(w) for w in words):
        return False
    if fold(words[0].casefold()) not in given_names():
        return False
    names = [w for w in words[1:] if fold(w.casefold()) not in _PARTICLES]
    if not 1 <= len(names) <= 3:
        return False
    bodies = _body_words()
    for w in words:
        bare = fold(w.strip(".").casefold())
        if bare in bodies or w.isupper() and len(w) > 1:  # "Kofi Annan Foundation", "Ana Ruiz PNUD"
            return False
    if any(not w[:1].isupper() for w in names):  # "Marie et les autres": capitalised family names only
        return False
    from .partners import is_country_name

    return not any(is_country_name(w) for w in names)  # "Juan Perú"? no: a country is no family name here


def person_head(text: str) -> tuple[str, str] | None:
    """"Paul Mensah et l'École nationale d'administration": a person, then "and" and a body; the person's name and
    the rest, or None."""
    m = re.match(r"^(?P<person>[^,;]{3,80}?)\s+(?:and|et|y|&)\s+(?P<rest>\S.*)$", text.strip(), re.DOTALL)
    if m and is_person(m.group("person")):
        return m.group("person"), m.group("rest")
    return None


# ---------------------------------------------------------------- people in a record's public text

# A title of address and a capitalised word, in running text ("Dr. Kwame Mensah", "Mme Ba", "H.E. Ms. Ruiz"); "Me",
# "Pr", "Ing", "Don" are left out here: in prose they are words or initials more often than titles.
_PROSE_TITLE = re.compile(r"\b(?:" + "|".join(re.escape(t).replace(r"\.", r"\.\s?") for t in PROSE_TITLES)
                          + r")\.?\s+(?=[A-Z\u00c0-\u00de])|\b(?:" + "|".join(PERIOD_TITLES)
                          + r")\.\s+(?=[A-Z\u00c0-\u00de][a-z\u00e0-\u00ff])")
# Two to five capitalised words (particles between them): where a person's name may be.
_CAPITALISED = re.compile(r"[A-Z\u00c0-\u00de][\w'’-]*(?:\s+(?:(?:van|der|de|del|da|dos|du|la|bin|ibn|ould)\s+){0,2}"
                          r"[A-Z\u00c0-\u00de][\w'’-]*){1,4}")
# Words before a name that make it a place's or a body's name ("Lycée Jean Jaurès", "Avenida Simón Bolívar").
_NAMED_AFTER = frozenset(fold(w) for w in {
    "rue", "avenue", "boulevard", "place", "lycée", "collège", "école", "stade", "hôpital", "aéroport", "calle",
    "avenida", "plaza", "colegio", "escuela", "hospital", "aeropuerto", "street", "road", "square", "airport",
    "prix", "premio", "prize", "cátedra", "chaire",
    # Places named after saints and people ("San Pedro Sula", "São José dos Campos", "Saint-Louis", "Puerto Juan").
    "san", "santa", "santo", "são", "sao", "saint", "sainte", "st", "ste", "mount", "mont", "puerto", "port", "fort",
    "villa", "ciudad", "cabo", "lake", "lac", "lago", "cerro", "isla", "île", "ile"})
_NAME_WORDS = 4  # a given name and up to three family names (particles aside)
# Words of a person's title that are also heads of bodies' names ("Directeur Général Paul Mensah").
_TITLE_ADJECTIVES = frozenset({"general", "national", "federal", "executive", "regional", "permanent", "royal", "prime",
                               "supreme", "state"})
# A sentence ends at . ! ? and a space, not after a title's or an initial's period ("Dr. Kwame", "J. Smith").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_ABBREVIATION = re.compile(r"[A-Z]\.|(?:" + "|".join(re.escape(t) for t in PROSE_TITLES + PERIOD_TITLES) + r")\.")


# "author: Grace Wanjiru", "Publié par : ...": a page's byline names a person (a front matter's key, a blog's line).
_BYLINE = re.compile(r"^\W{0,4}(?:authors?|auteurs?|autor(?:a|es)?|written by|posted by|r[ée]dig[ée] par|publi[ée] par|"
                     r"escrito por|publicado por)[ \t]*:", re.IGNORECASE)


def names_a_person(sentence: str) -> bool:
    """Does a sentence of running text name a person?"""
    if _PROSE_TITLE.search(sentence) or _BYLINE.match(sentence):
        return True
    bodies = _body_words()
    for m in _CAPITALISED.finditer(sentence):
        words = m.group().split()
        folded = [fold(w.strip(".,").casefold()) for w in words]
        before = sentence[max(0, m.start() - 40):m.start()].split()[-1:]  # a bounded look back: linear time
        # The name may open the run or come inside it ("Minister Ana Ruiz opened ..."): from each word, two to four
        # words are tried. A body word from there on ("Kofi Annan Foundation", "Ana Ruiz Training Centre") or a word
        # right before that names a place or a body after a person ("rue", "Lycée", "Universidad") rules it out.
        for at in range(len(words) - 1):
            if any(w in bodies and w not in _TITLE_ADJECTIVES for w in folded[at:]):
                continue
            ahead = fold(re.split(r"['’]", words[at - 1] if at else (before[0] if before else ""))[-1].casefold())
            if ahead in _NAMED_AFTER or ahead in bodies and ahead not in _TITLE_ADJECTIVES:
                continue
            if any(is_person(" ".join(words[at:at + n])) for n in range(min(_NAME_WORDS, len(words) - at), 1, -1)):
                return True
    return False


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[max(start, m.start() - 6):m.start()].split()[-1:]
        if before and "\n" not in m.group() and _ABBREVIATION.fullmatch(before[0]):
            continue
        out.append(text[start:m.end()])
        start = m.end()
    out.append(text[start:])
    return [s for s in out if s]


def without_people(text: str) -> tuple[str, list[str]]:
    """The text without its sentences that name a person, and those sentences."""
    kept: list[str] = []
    left: list[str] = []
    for sentence in _sentences(text):
        (left if names_a_person(sentence) else kept).append(sentence)
    return "".join(kept).strip(), [s.strip() for s in left]


_SENTENCE_LEFT = "a sentence naming a person left in the source only (personal data)"
_ITEM_LEFT = "an item naming a person left in the source only (personal data)"
_NAME_LEFT = "a person's name left in the source only (personal data)"


def withhold_people(record) -> None:
    """A person named in a record's public text stays in the source (staff only), flagged, like contact details:
    the registry publishes what its text fields hold."""
    for name in ("objective", "summary", "background", "beneficiaries_direct", "beneficiaries_indirect"):
        value = getattr(record, name) or ""
        if not value:
            continue
        kept, left = without_people(value)
        if left:
            setattr(record, name, kept)
            for sentence in left:
                record.flag(name, f"{_SENTENCE_LEFT}: {_short(sentence)}")
    for name in ("expected_accomplishments", "planned_activities", "key_accomplishments"):
        items: list[str] = []
        for item in getattr(record, name):
            if not names_a_person(item):
                items.append(item)
                continue
            bare = _without_named_brackets(item)  # "Mission ... (Mme A. Diallo, DPIDG)": the team's names go
            if bare:
                items.append(bare)
            record.flag(name, f"{_ITEM_LEFT if not bare else _NAME_LEFT}: {_short(bare or item)}")
        setattr(record, name, items)
    for event in record.activities:
        _withhold_in_event(record, event)
    record.outcomes = [o for o in record.outcomes if _outcome_kept(record, o)]
    if names_a_person(record.title):
        record.flag("title", f"names a person (personal data), check it before publishing: {_short(record.title)}")


def _outcome_kept(record, outcome) -> bool:
    """An outcome or an indicator is public: the brackets naming who answers for it go ("(focal point: Mme A.
    Diallo)"); one that still names a person stays in the source only."""
    text = _without_named_brackets(outcome.text) if names_a_person(outcome.text) else outcome.text
    if not text:
        record.flag("outcomes", f"{_ITEM_LEFT}: {_short(outcome.text)}")
        return False
    if text != outcome.text:
        outcome.text = text
        record.flag("outcomes", f"{_NAME_LEFT}: {_short(text)}")
    kept = []
    for indicator in outcome.indicators:
        title = _without_named_brackets(indicator.title) if names_a_person(indicator.title) else indicator.title
        if title:
            if title != indicator.title:
                indicator.title = title
                record.flag("outcomes", f"{_NAME_LEFT}: {_short(title)}")
            kept.append(indicator)
        else:
            record.flag("outcomes", f"{_ITEM_LEFT}: {_short(indicator.title)}")
    outcome.indicators = kept
    return True


def _withhold_in_event(record, event) -> None:
    """"Mission : du 10 au 14 février 2025 à Conakry (A. Diallo, DPIDG ; M. Camara, consultant)": the brackets that
    name the team go; a title that still names a person is flagged (an activity needs its title)."""
    people = [o for o in event.organisers if is_person(o)]
    if people:  # "organised by Dr. Amina Diallo": a person is no organiser the registry lists
        event.organisers = [o for o in event.organisers if o not in people]
        record.flag("activities", f"{_NAME_LEFT}: {_short(event.title)}")
    if event.participants_profile and names_a_person(event.participants_profile):  # "trained by Dr. A. Diallo"
        event.participants_profile = None
        record.flag("activities", f"{_NAME_LEFT}: {_short(event.title)}")
    if event.summary:
        kept, left = without_people(event.summary)
        if left:
            event.summary = kept
            record.flag("activities", f"{_SENTENCE_LEFT}: {_short(left[0])}")
    if names_a_person(event.title):
        title = _without_named_brackets(event.title)
        if title:
            event.title = title
            record.flag("activities", f"{_NAME_LEFT}: {_short(title)}")
        else:
            record.flag("activities", f"an activity's title names a person (personal data): check it before "
                                      f"publishing: {_short(event.title)}")


def _without_named_brackets(text: str) -> str:
    """The text without the brackets that name people, or "" when it still names one."""
    bare = re.sub(r"\s*\([^()]{0,300}\)", lambda m: "" if names_a_person(m.group()) else m.group(), text).strip()
    return "" if not bare or names_a_person(bare) else bare


def _short(text: str) -> str:
    return f"“{text if len(text) <= 80 else text[:79] + '…'}”"
