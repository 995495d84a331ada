"""Reading one cell of a sign-in sheet: names with their titles, sex however it is written, emails, yes/no,
days, roles, levels and institution types, in English, French and Spanish. Plain Python, no Django."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

FEMALE, MALE, ANOTHER, NOT_STATED = "female", "male", "another", "not_stated"


def fold(text: str) -> str:
    """Lower case, accents and punctuation dropped, spaces collapsed: "Ministère  de l'Économie" is
    "ministere de l economie"."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w@]+", " ", text.replace("_", " "))
    return " ".join(text.split())


def clean(text) -> str:
    """A cell's text trimmed, its inner whitespace (line breaks, non-breaking spaces) made single spaces."""
    return " ".join(str(text or "").split())


# -- names and titles -------------------------------------------------------------------------------

# Titles as folded words (a title of several words is a tuple), with the sex they say, if any.
TITLES: dict[tuple[str, ...], str | None] = {
    # Not "Don" or "Doña": a first name as often as a title.
    **{(t,): MALE for t in ("mr", "mister", "monsieur", "sr", "senor", "sir")},
    **{(t,): FEMALE for t in ("mrs", "ms", "miss", "mme", "madame", "mlle", "mademoiselle", "sra", "senora",
                              "srta", "senorita", "dra", "licda")},
    **{(t,): None for t in ("mx", "dr", "doctor", "prof", "professor", "pr", "hon", "honourable", "honorable",
                            "rev", "lic", "ing", "amb", "ambassador", "excellency", "eng", "arq", "abg")},
    ("h", "e"): None, ("s", "e"): None, ("his", "excellency"): MALE, ("her", "excellency"): FEMALE,
}
# "M." (Monsieur) only with its dot: a bare "M" may be an initial.
_MONSIEUR = re.compile(r"^M\.\s+")
_TITLE_WORD = re.compile(r"^([^\W\d_]+)\.?(?:\s+|$)")


@dataclass(frozen=True)
class Name:
    """A name as read: the name itself, the titles taken off it, and the sex those titles say (or None)."""

    name: str
    title: str = ""
    sex_hint: str | None = None
    reordered: bool = False


def split_name(text: str) -> Name:
    """Take titles off a name ("H.E. Dr. Jane Doe", "Mme DUPONT Marie", "Sra. Ana Pérez") and put it in
    given-family order ("DOE, Jane" and "DUPONT Marie" are "Jane Doe" and "Marie Dupont")."""
    rest = clean(text)
    titles: list[str] = []
    hint: str | None = None
    while rest:
        if _MONSIEUR.match(rest):
            titles.append("M.")
            hint = hint or MALE
            rest = _MONSIEUR.sub("", rest, count=1)
            continue
        found = _leading_title(rest)
        if found is None:
            break
        written, words, sex = found
        titles.append(written)
        hint = hint or sex
        rest = rest[len(written):].strip()
    name, reordered = _given_first(rest)
    return Name(name=name, title=" ".join(titles), sex_hint=hint, reordered=reordered)


def _leading_title(text: str) -> tuple[str, tuple[str, ...], str | None] | None:
    """The title at the start of text as written, its folded words, and its sex; None if it starts with none."""
    for size in (2, 1):
        parts = re.match(r"^((?:[^\W\d_]+\.?\s*){%d})" % size, text)
        if not parts:
            continue
        written = parts.group(1).strip()
        words = tuple(fold(written).split())
        if len(words) == size and words in TITLES and len(text) > len(parts.group(1)):
            # Only a title when followed by something (a person called "Don" keeps their name).
            if size == 1 and words[0] in {"h", "s", "e"}:
                continue
            return written, words, TITLES[words]
    # "H.E." written without a space
    compact = re.match(r"^([HS]\.\s?E\.)\s+", text, flags=re.IGNORECASE)
    if compact:
        return compact.group(1), tuple(fold(compact.group(1)).split()), None
    return None


def _given_first(name: str) -> tuple[str, bool]:
    """"DOE, Jane" and "DUPONT Marie" as "Jane Doe" and "Marie Dupont"; a name in capitals as "Ana Perez"."""
    if not name:
        return "", False
    if name.count(",") == 1:
        family, given = (p.strip() for p in name.split(","))
        if family and given:
            return _capitalise(f"{given} {family}"), True
    words = name.split()
    caps = [w.isupper() and len(w.strip(".-'")) > 1 for w in words]
    if any(caps) and not all(caps):
        lead = 0
        while lead < len(words) and caps[lead]:
            lead += 1
        if 0 < lead < len(words) and not any(caps[lead:]):
            # French and Spanish lists write the family name first in capitals: "DUPONT Marie".
            return _capitalise(" ".join(words[lead:] + words[:lead])), True
    return _capitalise(name), False


def _capitalise(name: str) -> str:
    """Words written all in capitals as capitalised words ("McDonald" and "de la Cruz" left as written)."""
    def word(w: str) -> str:
        if w.isupper() and len(w) > 1:
            return "-".join(part[:1] + part[1:].lower() for part in w.split("-"))
        return w
    return " ".join(word(w) for w in name.split())


def join_name(given: str, family: str) -> str:
    """A name from separate given and family columns."""
    return " ".join(p for p in (clean(given), clean(family)) if p)


# -- sex ----------------------------------------------------------------------------------------------

_SEX_WORDS = {
    FEMALE: {"f", "female", "woman", "w", "women", "femme", "feminin", "feminine", "fem", "mujer", "femenino",
             "femenina", "fille", "girl", "nina"},
    MALE: {"male", "man", "men", "homme", "masculin", "hombre", "masculino", "masc", "garcon", "boy", "nino"},
    ANOTHER: {"other", "another", "autre", "otro", "otra", "x", "non binary", "nonbinary", "non binaire",
              "no binario", "diverse", "divers"},
    NOT_STATED: {"", "n a", "na", "nd", "prefer not to say", "prefer not to answer", "ne souhaite pas repondre",
                 "prefiero no decir", "prefiero no responder", "unknown", "inconnu", "desconocido", "not stated",
                 "non precise", "no indicado", "none"},
}


def m_meaning(values, spanish_headers: bool = False) -> str:
    """What a bare "M" means in this column: male, unless the column writes men "H" (Homme, Hombre) and has no
    "F", or the sheet is in Spanish and has no "F": then "M" is "Mujer"."""
    folded = {fold(v) for v in values}
    if "h" in folded or "hombre" in folded:
        return FEMALE if "f" not in folded else MALE
    if spanish_headers and "f" not in folded:
        return FEMALE
    return MALE


def parse_sex(value: str, m_means: str = MALE) -> str | None:
    """The sex a cell says (female, male, another, not_stated), or None when it is not a way of writing one.
    "H" is Homme or Hombre; "M" is male or "Mujer" as m_means says (see m_meaning)."""
    word = fold(value)
    if word == "m":
        return m_means
    if word == "h":
        return MALE
    for sex, words in _SEX_WORDS.items():
        if word in words:
            return sex
    return None


# -- email --------------------------------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s<>(),;:\"']+@[^@\s<>(),;:\"']+\.[^@\s<>(),;:\"'.]{2,}$")


def parse_email(value: str) -> tuple[str, str | None]:
    """(email in lower case, None) or ("", why it could not be read) — the reason never repeats the cell."""
    text = clean(value)
    if not text:
        return "", None
    text = re.sub(r"^mailto:", "", text, flags=re.IGNORECASE)
    candidates = [c.strip(" .<>()[]") for c in re.split(r"[;,/\s]+", text) if "@" in c]
    if not candidates:
        return "", "not_an_email"
    email = candidates[0].lower()
    if not _EMAIL.match(email):
        return "", "not_an_email"
    return email, ("several_emails" if len(candidates) > 1 else None)


# -- yes/no, days, numbers ----------------------------------------------------------------------------

_YES = {"x", "yes", "y", "oui", "o", "si", "s", "1", "true", "vrai", "verdadero", "p", "present", "presente",
        "ok", "done", "issued", "delivre", "entregado", "✓", "✔", "☑", "v"}
_NO = {"", "no", "n", "non", "0", "false", "faux", "falso", "absent", "ausente", "-", "none"}


def parse_bool(value: str) -> bool | None:
    """True for a tick or a yes in any of the three languages, False for a no or nothing, None otherwise."""
    text = clean(value)
    if text in {"✓", "✔", "☑", "√"}:
        return True
    word = fold(text)
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None


def parse_number(value: str) -> Decimal | None:
    """A number written "2", "2.5" or "2,5" (None when the cell is not one)."""
    text = clean(value).replace(" ", "")
    if not text:
        return None
    if re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


# -- roles, levels, institution types -------------------------------------------------------------------

ROLE_WORDS = {
    "participant": ("participant", "participante", "delegate", "delegue", "delegado", "attendee", "trainee",
                    "apprenant", "stagiaire", "alumno", "estudiante", "asistente", "learner"),
    "speaker": ("speaker", "panelist", "panellist", "presenter", "resource person", "intervenant", "conferencier",
                "ponente", "orador", "panelista", "expositor", "keynote", "paneliste"),
    "facilitator": ("facilitator", "moderator", "facilitateur", "facilitatrice", "moderateur", "facilitador",
                    "moderador", "animateur"),
    "trainer": ("trainer", "formateur", "formatrice", "formador", "formadora", "instructor", "instructora",
                "capacitador", "capacitadora", "coach"),
    "organiser": ("organiser", "organizer", "organisateur", "organizador", "staff", "secretariat",
                  "secretaria", "organising team", "organizing team"),
}

SENIORITY_WORDS = {
    "political": ("political", "politique", "politico", "minister", "ministre", "ministro", "ministra",
                  "member of parliament", "mp", "senator", "senateur", "senador", "deputy", "depute", "diputado",
                  "mayor", "maire", "alcalde", "governor", "gouverneur", "gobernador", "prime minister",
                  "parliamentary secretary", "vice minister", "viceministro"),
    "senior": ("senior", "senior official", "cadre superieur", "alto funcionario", "haut fonctionnaire",
               "permanent secretary", "secretary general", "director general", "directeur general",
               "directora general", "director", "directeur", "directrice", "directora", "head of", "chief",
               "chef", "jefe", "jefa", "commissioner", "ceo", "cabinet secretary", "principal secretary",
               "accountant general", "auditor general", "secretario general", "secretaire general", "executive"),
    "mid": ("mid", "mid level", "middle", "intermediaire", "nivel medio", "manager", "coordinator",
            "coordonnateur", "coordonnatrice", "coordinateur", "coordinatrice", "coordinador", "coordinadora",
            "supervisor", "superviseur",
            "team leader", "assistant director", "gerente", "responsable"),
    "technical": ("technical", "technique", "tecnico", "tecnica", "officer", "analyst", "analyste", "analista",
                  "technicienne", "consultante", "formador", "formateur", "formatrice", "lecturer",
                  "specialist", "specialiste", "especialista", "technician", "technicien", "assistant",
                  "asistente", "clerk", "consultant", "consultor", "engineer", "ingenieur", "ingeniero",
                  "economist", "economiste", "economista", "programmer", "developer", "associate", "intern",
                  "statistician", "statisticien", "estadistico", "planner", "agent", "junior", "advisor",
                  "adviser", "conseiller", "asesor"),
}

INSTITUTION_WORDS = [
    # Order matters: the first type whose words the name holds wins ("Ministry of ..." before "Office").
    ("parliament", ("parliament", "house of assembly", "senate", "national assembly", "assemblee nationale",
                    "chambre des deputes", "chamber of deputies", "camara de diputados", "house of commons",
                    "parlement", "parlamento", "asamblea", "congreso", "senado", "house of representatives",
                    "legislative")),
    ("international", ("united nations", "undp", "unesco", "unicef", "eclac", "cepal", "world bank", "caricad",
                       "oecs", "caricom", "european union", "commonwealth", "un desa", "undesa", "oecd", "imf",
                       "african union", "inter american", "organisation internationale", "organizacion de",
                       "banque mondiale", "banco mundial", "idb", "bid")),
    ("ministry", ("ministry", "ministere", "ministerio", "secretaria de estado", "cabinet office",
                  "office of the prime minister", "presidency", "presidence", "presidencia")),
    ("local_government", ("municipal", "municipality", "municipalite", "municipalidad", "city council",
                          "county council", "district council", "town council", "village council", "mairie",
                          "commune", "alcaldia", "ayuntamiento", "local government", "prefecture", "region of",
                          "gobierno local", "gobierno regional", "provincial")),
    ("academia", ("university", "universite", "universidad", "college", "school of", "ecole", "escuela",
                  "academy", "academie", "academia", "institute of technology", "research institute",
                  "polytechnic", "instituto tecnologico")),
    ("civil_society", ("ngo", "ong", "association", "asociacion", "foundation", "fondation", "fundacion",
                       "society", "societe civile", "sociedad civil", "union", "syndicat", "sindicato",
                       "network", "reseau", "red de", "council of churches", "chamber of commerce")),
    ("private", ("ltd", "limited", "inc", "llc", "plc", "company", "s a", "sarl", "s a s",
                 "consulting", "bank of", "telecom", "technologies", "group")),
    ("agency", ("agency", "agence", "agencia", "authority", "autorite", "autoridad", "department", "departement",
                "departamento", "office", "bureau", "oficina", "commission", "comision", "service",
                "servicio", "institute", "institut", "instituto", "directorate", "direction", "direccion",
                "unit", "unidad", "board", "tribunal", "court", "statistics", "central bank", "treasury",
                "corporation", "corporacion")),
]


def _has_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"(?:^| ){re.escape(phrase)}(?: |$)", text) is not None


def parse_role(value: str) -> str | None:
    """The role a cell names, or None."""
    word = fold(value)
    for role, words in ROLE_WORDS.items():
        if any(_has_phrase(word, w) for w in words):
            return role
    return None


def parse_seniority(value: str) -> str | None:
    """The level a "Level" cell names (political, senior, mid, technical), or None."""
    word = fold(value)
    if not word:
        return None
    for level in ("political", "senior", "mid", "technical"):
        if word in SENIORITY_WORDS[level] or word == level:
            return level
    return guess_seniority(value)


def guess_seniority(position: str) -> str | None:
    """A level guessed from a position ("Permanent Secretary" is a senior official), or None. Guesses are
    marked as such for a reviewer (Person.seniority_guessed)."""
    word = fold(position)
    if not word:
        return None
    # Assistants to senior people are not senior ("Assistant to the Director"); deputies of a senior post are.
    if word.startswith(("assistant ", "asistente ", "secretary to ", "pa to ")) and "director" not in word[:10]:
        return "technical"
    for level in ("political", "senior", "mid", "technical"):
        if any(_has_phrase(word, w) for w in SENIORITY_WORDS[level]):
            return level
    return None


def guess_institution_type(name: str) -> str | None:
    """The type an institution's name suggests ("Ministry of Finance" is a ministry), or None."""
    word = fold(name)
    if not word:
        return None
    for kind, words in INSTITUTION_WORDS:
        if any(_has_phrase(word, w) for w in words):
            return kind
    return None


def parse_institution_type(value: str) -> str | None:
    """The type a "Type of institution" cell names (in any of the three languages), or None."""
    word = fold(value)
    direct = {"ministry": "ministry", "ministere": "ministry", "ministerio": "ministry",
              "agency": "agency", "government agency": "agency", "agence": "agency", "agencia": "agency",
              "parliament": "parliament", "parlement": "parliament", "parlamento": "parliament",
              "local government": "local_government", "collectivite locale": "local_government",
              "gobierno local": "local_government", "academia": "academia", "university": "academia",
              "universite": "academia", "universidad": "academia", "civil society": "civil_society",
              "societe civile": "civil_society", "sociedad civil": "civil_society", "ngo": "civil_society",
              "ong": "civil_society", "private": "private", "private sector": "private", "secteur prive": "private",
              "sector privado": "private", "privado": "private", "international": "international",
              "international organisation": "international", "international organization": "international",
              "organisation internationale": "international", "organismo internacional": "international"}
    return direct.get(word) or guess_institution_type(value)
