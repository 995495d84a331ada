"""Which row of a sheet is its header and what each column holds, from headers in English, French or Spanish.
Plain Python, no Django: the fields' labels for people live in capdev.people.importing."""
from __future__ import annotations

import re
from collections.abc import Sequence

from .normalise import TITLES, fold

HEADER_SCAN = 30  # a header further down than this is given by hand in the mapping step

# Fields of an attendance list, each with the folded headers that name it. A header names a field when it is one
# of these, or starts with one followed by a space ("Email address (optional)").
ATTENDANCE_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "names", "full name", "participant", "participants", "participant name", "name of participant",
             "name and surname", "nom", "nom complet", "nom et prenom", "nom et prenoms", "nom prenom", "noms",
             "prenom et nom", "nom du participant", "nombre", "nombre completo", "nombre y apellido",
             "nombres y apellidos", "nombre y apellidos", "apellidos y nombres", "participante"),
    "given_name": ("first name", "given name", "forename", "prenom", "prenoms", "nombres", "primer nombre"),
    "family_name": ("last name", "surname", "family name", "nom de famille", "apellido", "apellidos",
                    "primer apellido"),
    "title": ("salutation", "civilite", "tratamiento", "mr ms", "mr mrs ms", "m mme", "sr sra", "honorific",
              "courtesy title"),
    "sex": ("sex", "gender", "m f", "f m", "sexe", "genre", "h f", "f h", "sexo", "genero", "h m", "m h"),
    "email": ("email", "e mail", "email address", "e mail address", "courriel", "adresse electronique",
              "adresse e mail", "adresse email", "mail", "correo", "correo electronico", "correo e",
              "electronic mail"),
    "institution": ("organization", "organisation", "institution", "ministry", "ministry department agency",
                    "ministry agency", "agency", "department", "entity", "affiliation", "organisme", "ministere",
                    "structure", "institution organisation", "organisation institution", "institucion",
                    "organizacion", "entidad", "dependencia", "ministerio", "employer", "company", "office",
                    "ministry department", "institution organization", "organization institution",
                    "administration", "service", "institucion organizacion"),
    "institution_type": ("type of institution", "institution type", "type of organization",
                         "type of organisation", "type d institution", "type de structure", "type d organisme",
                         "tipo de institucion", "tipo de organizacion", "sector", "secteur"),
    "position": ("position", "job title", "designation", "function", "post", "role title", "fonction", "poste",
                 "titre", "cargo", "puesto", "funcion", "position title", "occupation", "rank", "title"),
    "seniority": ("level", "seniority", "grade", "niveau", "nivel", "categoria", "categorie", "seniority level"),
    "country": ("country", "pays", "pais", "nationality", "nationalite", "nacionalidad", "member state",
                "etat membre", "estado miembro", "country island", "island"),
    "role": ("role", "rol", "participation", "capacity", "participating as", "en calidad de", "qualite",
             "role at the event", "type of participant", "type de participant", "tipo de participante"),
    "days": ("days", "days attended", "number of days", "no of days", "jours", "nombre de jours",
             "jours de presence", "dias", "dias asistidos", "numero de dias", "attendance days"),
    "certificate": ("certificate", "certificat", "certificado", "certificate issued", "certificat remis",
                    "certificado entregado", "attestation", "constancia"),
    "consent_contact": ("consent", "consent to be contacted", "may we contact you", "agree to be contacted",
                        "consentement", "consentimiento", "contact consent", "j accepte d etre contacte",
                        "acepto ser contactado"),
    "consent_listing": ("list my name", "agree to be listed", "publish my name", "consent to be listed",
                        "j accepte que mon nom soit publie", "acepto que mi nombre sea publicado"),
    "phone": ("phone", "telephone", "tel", "mobile", "cell", "cell phone", "telefono", "celular", "whatsapp",
              "phone number", "numero de telephone", "movil", "portable"),
    "ignore": ("no", "n", "nr", "number", "num", "numero", "signature", "firma", "sign", "emargement",
               "signature firma", "initials", "s n"),
}

# Fields of a survey tool's export of evaluation responses.
EVALUATION_FIELDS: dict[str, tuple[str, ...]] = {
    "email": ATTENDANCE_FIELDS["email"],
    "name": ATTENDANCE_FIELDS["name"],
    "satisfaction": ("satisfaction", "overall satisfaction", "how satisfied", "satisfied", "rating",
                     "overall rating", "satisfaction globale", "satisfaccion", "satisfaccion general"),
    "relevance": ("relevance", "relevant", "how relevant", "usefulness", "pertinence", "pertinencia", "utilite",
                  "utilidad"),
    "pre_score": ("pre test", "pretest", "pre test score", "score before", "test before", "pre", "pre score",
                  "test initial", "evaluation initiale", "prueba inicial", "pre prueba", "puntaje inicial"),
    "post_score": ("post test", "posttest", "post test score", "score after", "test after", "post", "post score",
                   "test final", "evaluation finale", "prueba final", "post prueba", "puntaje final"),
    "knowledge_before": ("knowledge before", "knowledge before the training", "before", "avant",
                         "connaissances avant", "antes", "conocimiento antes", "conocimientos antes"),
    "knowledge_after": ("knowledge after", "knowledge after the training", "after", "apres",
                        "connaissances apres", "despues", "conocimiento despues", "conocimientos despues"),
    "applied": ("applied", "have you applied", "applied what you learned", "application", "used at work",
                "mise en pratique", "avez vous applique", "aplicado", "ha aplicado", "aplicacion"),
    "followup_date": ("follow up date", "followup date", "date of follow up", "date du suivi",
                      "fecha de seguimiento"),
    "comment": ("comment", "comments", "remarks", "suggestions", "commentaire", "commentaires", "comentario",
                "comentarios", "observaciones", "feedback"),
    "ignore": ("respondent id", "response id", "id", "timestamp", "start time", "completion time", "submitted at",
               "horodatage", "marca temporal", "ip address", "no", "n"),
}

FIELD_SETS = {"attendance": ATTENDANCE_FIELDS, "evaluation": EVALUATION_FIELDS}
# Fields that may map several columns (the others: one column each).
MULTI = {"day", "ignore"}
_DAY = re.compile(r"^(day|jour|dia|d|session|sesion|seance)\s*\d{1,2}$")
_DATE = re.compile(r"^\d{1,2}[ ./-]\d{1,2}([ ./-]\d{2,4})?$|^\d{1,2} [a-z]{3,9}( \d{4})?$|^[a-z]{3,9} \d{1,2}$")
_SPANISH = {"nombre", "apellido", "apellidos", "correo", "sexo", "cargo", "pais", "institucion", "dependencia",
            "entidad", "firma", "genero", "puesto", "organizacion", "ministerio"}
_FRENCH = {"nom", "prenom", "courriel", "sexe", "fonction", "pays", "organisme", "ministere", "structure",
           "emargement", "genre", "poste", "titre"}


def field_of(header: str, fields: dict[str, tuple[str, ...]]) -> str | None:
    """The field a header names, or None; "day" for a column per day ("Day 1", "Jour 2", "21/08")."""
    word = fold(header)
    if not word:
        return None
    if fields is ATTENDANCE_FIELDS and (_DAY.match(word) or _DATE.match(word)):
        return "day"
    best, length = None, 0
    for field, names in fields.items():
        for name in names:
            if (word == name or word.startswith(name + " ")) and len(name) > length:
                best, length = field, len(name)
    return best


def header_score(row: Sequence[str], fields: dict[str, tuple[str, ...]]) -> int:
    """How many different fields a row's cells name: a header names several, a data row hardly any."""
    named = {field_of(cell, fields) for cell in row}
    named.discard(None)
    named.discard("ignore")
    return len(named)


def find_header(rows: Sequence[Sequence[str]], kind: str = "attendance") -> int | None:
    """The index (from 0) of the header row among the first HEADER_SCAN rows: the first row naming the most
    fields, at least two; None when no row does (the mapping step then asks)."""
    fields = FIELD_SETS[kind]
    best, score = None, 1
    for index, row in enumerate(rows[:HEADER_SCAN]):
        s = header_score(row, fields)
        if s > score:
            best, score = index, s
    return best


def language(header: Sequence[str]) -> str:
    """"es", "fr" or "en", from the header's words (it decides what a bare "M" means in the sex column)."""
    words = {fold(cell) for cell in header}
    spanish, french = len(words & _SPANISH), len(words & _FRENCH)
    if spanish > french and spanish:
        return "es"
    if french:
        return "fr"
    return "en"


def _looks_like_titles(values: Sequence[str]) -> bool:
    folded = [tuple(fold(v).split()) for v in values if fold(v)]
    return bool(folded) and sum(v in TITLES for v in folded) >= 0.6 * len(folded)


def guess_mapping(header: Sequence[str], samples: Sequence[Sequence[str]], kind: str = "attendance"
                  ) -> dict[int, str]:
    """{column index: field} for the columns whose header names a field, each single field once (the first
    column naming it), with the ambiguities of the three languages resolved:

    - "Nom" with "Prénom" beside it is the family name; "Nombre" with "Apellido(s)" is the given name.
    - "Title" holding Mr, Ms, Dr... is the title, else the position (English lists use both).
    """
    fields = FIELD_SETS[kind]
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, cell in enumerate(header):
        field = field_of(cell, fields)
        if field is None or (field in taken and field not in MULTI):
            continue
        if kind == "attendance" and field == "position" and fold(cell) in {"title", "titre"}:
            column = [row[index] if index < len(row) else "" for row in samples]
            if _looks_like_titles(column):
                field = "title"
        mapping[index] = field
        taken.add(field)
    if kind == "attendance":
        fields_named = set(mapping.values())
        for index, field in list(mapping.items()):
            word = fold(header[index])
            if field == "name" and word in {"nom", "noms"} and "given_name" in fields_named:
                mapping[index] = "family_name"
            elif field == "name" and word == "nombre" and "family_name" in fields_named:
                mapping[index] = "given_name"
        if "name" in mapping.values() and {"given_name", "family_name"} & set(mapping.values()):
            # A full name and its parts: keep the full name, the parts stay as written in the row.
            for index, field in list(mapping.items()):
                if field in {"given_name", "family_name"}:
                    mapping[index] = "ignore"
    return mapping
