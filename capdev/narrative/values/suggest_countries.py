"""The countries a found record serves, suggested when no rule placed one (round 15; values.suggestions calls it last).

The rules (values.served, values.who_is_served, values.prose_facts) read the record's fields. A record may name its
country plainly where no field is read: its head lines (a State's letterhead, "RÉPUBLIQUE DE CÔTE D'IVOIRE" beside
its motto), its title, the beneficiary institution's name ("Ministry of Finance of Ghana", "Ministère de la Fonction
publique du Bénin", "el Ministerio de Hacienda de Bolivia"), a demonym before a national noun ("fonctionnaires
béninois"), where the work is done ("the project works in Jordan and Tunisia", "mis en œuvre en Côte d'Ivoire"), a
countries label written in ISO codes ("Countries: JO + TN"), a domestic national body's dateline or address ("Quito,
26 de noviembre de 2026" under "INSTITUTO DE ALTOS ESTUDIOS NACIONALES"). Each reader gives the countries it reads as
served. The readers where a record states its country (label, letterhead, title, beneficiary's name) are heard
first; what its sentences say (place of work, national people, serve cues, first sentence, dateline) only when those
say nothing; a country office named as where the project is run ("the UNDP Country Office in Guatemala":
values.field_offices) among these. Last, where nothing names a country, the one country of the cities the text
names outside an event, a visit or a dateline (values.city_places). The suggestion is flagged with what it was read
from ("suggested: CIV, the State's letterhead on the record's first lines"), and gives way to a page's head or a
heading above the record (give_way), rules that run after it.

Never suggested: a country the text names as one that pays (values.who_is_served.funder_countries, a donor's context
of values.served), in a context of no service only (a comparison, an organisation's seat, participants' origin, a
study visit, a venue: who_is_served.unserved), a country a rule already left out (its flag), a country in the name of
a UN body or an aid agency's office ("UNDP Kyrgyz Republic"), a member of a list of members ("les États membres de la
CEMAC (Cameroun, Gabon, ...)"). Head lines that name an embassy or a ministry that looks abroad belong to a donor:
read for nothing. When the readers heard together disagree (one names a country the widest set does not hold), the
evidence is split: nothing is suggested.
"""
from __future__ import annotations

import functools
import re

from ..folding import fold
from .city_places import city_country_of
from .field_offices import office_countries
from .places import CountryMention, find_countries, find_demonyms

__all__ = ["document_place", "first_sentence", "give_way", "head_state", "label_codes", "national_people", "seats",
           "suggest_countries", "suggested_countries", "title_countries", "work_places"]

_HEAD_LINES = 4  # a record's head: its title line and the lines about it (a letterhead, a ministry, a unit)
_CELL_GAP = re.compile(r"\s{3,}|\t+|\s+\|\s+")  # a letterhead's columns: "RÉPUBLIQUE DU MALI      Un Peuple - Un But"
# Head lines of a donor: an embassy, a ministry of foreign affairs, an aid agency (a domestic ministry's "Área de
# Cooperación Internacional" is no donor: state_heads reads that line itself).
_ABROAD = re.compile(r"(?<![\w-])(?:embass\w*|ambassade|embajada|consulat\w*|consulado|foreign|[ée]trang[èe]res?|"
                     r"exteriores?|ext[ée]rieures?|international\s+development|d[ée]veloppement\s+international|"
                     r"desarrollo\s+internacional|development\s+agency|agence\s+\w+\s+de\s+d[ée]veloppement|"
                     r"agencia\s+\w+\s+de\s+cooperaci[oó]n|aid\s+agency|donors?|bailleurs?|donantes?)(?![\w-])",
                     re.IGNORECASE)
# A national public body, then its name, then "of"/"du"/"de" and the country ("Ministry of Finance of Ghana",
# "Ministère de la Fonction publique du Bénin", "Ministerio de Hacienda de Bolivia", "Civil Service Commission of
# Kenya"): the beneficiary institution's seat. Bounded: at most 70 characters of name on one line.
_BODY = (r"(?:ministry|minist[eè]re|ministerio|secretariat|secr[ée]tariat|secretar[ií]a|commission|comisi[oó]n|"
         r"directorate|direction|direcci[oó]n|department|d[ée]partement|departamento|agency|agence|agencia|"
         r"institute|institut|instituto|school|[ée]cole|escuela|academy|acad[ée]mie|academia|office|oficina|"
         r"authority|autorit[ée]|autoridad|council|conseil|consejo|court|cour|tribunal|parliament|parlement|"
         r"parlamento|senate|s[ée]nat|senado|assembly|assembl[ée]e|asamblea|presidency|pr[ée]sidence|presidencia|"
         r"primature|treasury|tr[ée]sor|tesoro|civil\s+service|fonction\s+publique|"
         r"servicio\s+civil|public\s+service|administration|administraci[oó]n|"
         # a State's gazette, a union of its municipalities: "Journal officiel de la République du Sénégal"
         r"journal\s+officiel|official\s+gazette|diario\s+oficial|gaceta\s+oficial|bolet[ií]n\s+oficial|"
         r"union|uni[oó]n|association|asociaci[oó]n|federation|f[ée]d[ée]ration|federaci[oó]n)")
_OF = (r"(?:of\s+(?:the\s+)?|du\s+|de\s+la\s+|de\s+l['’]\s?|des\s+|del\s+|de\s+|d['’]\s?)"
       r"(?:(?:republic|r[ée]publique|rep[uú]blica|kingdom|royaume|reino|state|[ée]tat|estado)\s+"
       r"(?:plurinacional\s+|f[ée]d[ée]ral\w*\s+|federal\s+|islamique\s+|isl[aá]mica\s+|islamic\s+|"
       r"d[ée]mocratique\s+|democr[aá]tica\s+|democratic\s+)?"
       r"(?:of\s+(?:the\s+)?|du\s+|de\s+la\s+|de\s+l['’]\s?|des\s+|del\s+|de\s+|d['’]\s?)?)?$")
_SEAT = re.compile(rf"(?<![\w-]){_BODY}(?![\w-])[^\n.;:()]{{0,70}}?\s{_OF}", re.IGNORECASE)
_SEAT_ABROAD = re.compile(r"(?<![\w-])(?:foreign|[ée]trang[èe]res|exteriores|ext[ée]rieures|coop[ée]ration|"
                          r"cooperaci[oó]n|cooperation|co-operation|international\s+development|embass\w*|ambassade|"
                          r"embajada|development\s+agency|agence\s+\w+\s+de\s+d[ée]veloppement|"
                          r"agencia\s+\w+\s+de\s+desarrollo)(?![\w-])", re.IGNORECASE)
# Words that end a body's name and begin a clause: "the Commission ... and notes the offer of Angola".
_CLAUSE = re.compile(r"(?<![\w-])(?:that|which|who|with|by|from|to|for|que|qui|avec|par|pour|con|por|para|note|"
                     r"notes|prend|toma|takes|offer|offre|oferta|organi[sz]\w*|hosted|h[ôo]te|anfitri[oó]n)(?![\w-])",
                     re.IGNORECASE)
# Where the work is done: a project's word or a verb of doing, then "in"/"en"/"au" and the country (a list of them).
_WORK = re.compile(
    r"(?<![\w-])(?:project|programme|program|initiative|projet|programa|proyecto|iniciativa|"
    r"works?|working|worked|operates?|operating|implemented|carried\s+out|conducted|active|"
    r"intervient|intervenir|interviendra|mis\s+en\s+[œo]e?uvre|mise\s+en\s+[œo]e?uvre|ex[ée]cut[ée]e?s?|"
    r"r[ée]alis[ée]e?s?|se\s+ejecuta|ejecutado|ejecutada|implementado|implementada|trabaja|opera|interviene)"
    r"(?![\w-])[^\n.;:]{0,40}?\s(?:in|en|au|aux|dans)\s+(?:the\s+|la\s+|le\s+|les\s+|el\s+|l['’]\s?)?$",
    re.IGNORECASE)
# A list of members is context, not the countries served: "member states", "États membres", "países miembros".
_MEMBERS = re.compile(r"(?<![\w-])(?:members?|membres?|miembros?|member\s+states|[ée]tats\s+membres|"
                      r"estados\s+miembros)(?![\w-])", re.IGNORECASE)
# A comparison, a venue or a journey before the work's "in": "like the project in Rwanda", "a visit in Kenya".
_NOT_WORK = re.compile(r"(?<![\w-])(?:like|as|comme|como|similar|similaire|similar|example|exemple|ejemplo|model|"
                       r"mod[èe]le|modelo|held|tenu\w*|celebrad\w*|visit\w*|visite|mission|misi[oó]n|study|[ée]tude|"
                       r"estudio|based|bas[ée]e?|sede|funded|financ\w*|earlier|previous|pr[ée]c[ée]dent\w*|"
                       r"anterior\w*)(?![\w-])", re.IGNORECASE)
# In a title or a first sentence, also what another country gives: "Lessons from Rwanda", "twinning with Estonia",
# "l'offre de l'Angola de partager son expérience", "la experiencia de Chile".
_NOT_TOLD = re.compile(rf"{_NOT_WORK.pattern}|(?<![\w-])(?:from|with|avec|con|desde|depuis|lessons?|le[çc]ons?|"
                       r"lecciones|experiences?|exp[ée]riences?|experiencias?|offers?|offres?|ofertas?|twinn\w*|"
                       r"jumelage|hermanamiento|peer|pairs?|pares|south-south|sud-sud|sur-sur|triangular\w*|"
                       r"triangulaire|"
                       # a meeting's venue ("Regional Forum ... in Seoul"), two countries' cooperation
                       r"forums?|foros?|conferences?|conf[ée]rences?|conferencias?|workshops?|ateliers?|talleres?|"
                       r"taller|seminars?|s[ée]minaires?|seminarios?|meetings?|r[ée]unions?|reuniones?|summits?|"
                       r"sommets?|cumbres?|congress\w*|congr[èe]s|congresos?|symposi\w*|cooperation|co-operation|"
                       r"coop[ée]ration|cooperaci[oó]n|partnership|partenariat|alianza|bilateral\w*)(?![\w-])",
                       re.IGNORECASE)
_TWO_SIDES = re.compile(r"(?<![\w-])(?:cooperation|co-operation|coop[ée]ration|cooperaci[oó]n|partnership|"
                        r"partenariat|alianza|asociaci[oó]n|bilateral\w*|twinn\w*|jumelage|hermanamiento)(?![\w-])",
                        re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|;|\band\b|&|\bet\b|\by\b|\be\b|\+)\s*(?:(?:the|le|la|les|l['’]|el|los|las|au|aux|"
                       r"du|de|en)\s+)?", re.IGNORECASE)
_CODE_TOKEN = re.compile(r"[A-Za-z]+")
_CODE_SEPARATORS = re.compile(r"^[\s,;/+&|·•-]*(?:(?:and|et|y)[\s,;/+&|·•-]*)?$", re.IGNORECASE)


@functools.cache
def _codes() -> dict[str, str]:
    """ISO 3166-1 alpha-2 and alpha-3 codes -> ISO3."""
    import pycountry

    out = {c.alpha_3: c.alpha_3 for c in pycountry.countries}
    out.update({c.alpha_2: c.alpha_3 for c in pycountry.countries})
    return out


def _head_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()][:_HEAD_LINES]


def _mentions(text: str) -> list[CountryMention]:
    from .romance_demonyms import romance_mentions

    return sorted(find_countries(text) + find_demonyms(text) + romance_mentions(text), key=lambda c: c.start)


def label_codes(label_texts: list[str]) -> list[str]:
    """The countries of a countries label written in ISO codes ("JO + TN", "KE/UG/TZ"): every word of it a code."""
    out: list[str] = []
    codes = _codes()
    for value in label_texts or ():
        if not isinstance(value, str) or len(value) > 80:
            continue
        words = list(_CODE_TOKEN.finditer(value))
        if not words or any(not w.group(0).isupper() or w.group(0) not in codes for w in words
                            if w.group(0).lower() not in ("and", "et", "y")):
            continue
        gaps = [value[a.end() : b.start()] for a, b in zip(words, words[1:])]
        if all(_CODE_SEPARATORS.match(g) for g in gaps):
            out += [codes[w.group(0)] for w in words if w.group(0) in codes]
    return list(dict.fromkeys(out))


def head_state(text: str) -> list[str]:
    """The country of a State's letterhead or a domestic ministry's on the record's first lines, a cell of a line
    in columns too ("RÉPUBLIQUE DE CÔTE D'IVOIRE      Union - Discipline - Travail"); nothing under a donor's head."""
    from . import state_heads
    from .who_is_served import blank_un_bodies

    lines = _head_lines(text)
    if any(_ABROAD.search(line) for line in lines):
        return []
    found: list[str] = []
    for line in lines:
        if blank_un_bodies(line) != line:
            continue  # "UNDP KYRGYZ REPUBLIC - COUNTRY OFFICE": a UN body's office, no State's letterhead
        for cell in _CELL_GAP.split(line.strip()):
            iso3 = state_heads.country(cell)
            if iso3:
                found.append(iso3)
    return list(dict.fromkeys(found))


def seats(text: str) -> list[str]:
    """The countries of the national public bodies the text names with their country after their name
    ("Ministry of Finance of Ghana", "Ministère de la Fonction publique du Bénin"); none that looks abroad."""
    found: list[str] = []
    for c in find_countries(text):
        line_start = text.rfind("\n", 0, c.start) + 1
        before = text[max(line_start, c.start - 110) : c.start]
        m = _SEAT.search(before)
        # A body's name: its first word a capital ("Ministry", "Ministère"), no clause inside it, a few words.
        if m and m.group(0)[0].isupper() and len(m.group(0).split()) <= 12 and not _CLAUSE.search(m.group(0)) \
                and not _SEAT_ABROAD.search(m.group(0)) and not _MEMBERS.search(m.group(0)):
            found.append(c.iso3)
    return list(dict.fromkeys(found))


def work_places(text: str) -> list[str]:
    """The countries a sentence says the project works in ("implemented in Jordan and Tunisia", "le projet
    intervient au Niger et au Tchad", "el proyecto se ejecuta en Honduras"): a list after a project's word or a verb
    of doing and "in"; nothing after a comparison, a venue, a visit or a funding word, nothing in a list of members."""
    mentions = find_countries(text)
    found: list[str] = []
    i = 0
    while i < len(mentions):
        j = i
        while j + 1 < len(mentions) and _LIST_GAP.fullmatch(text, mentions[j].end, mentions[j + 1].start):
            j += 1
        c = mentions[i]
        line_start = text.rfind("\n", 0, c.start) + 1
        before = text[max(line_start, c.start - 60) : c.start]
        m = _WORK.search(before)
        if m and not _NOT_WORK.search(before) and not _MEMBERS.search(before) and \
                not text[mentions[j].end : mentions[j].end + 3].lstrip().startswith(","):
            found += [x.iso3 for x in mentions[i : j + 1]]
        i = j + 1
    return list(dict.fromkeys(found))


def national_people(text: str) -> list[str]:
    """The countries whose adjective stands before a national noun ("Ghanaian civil servants", "the Bahamian public
    service") or after it in French and Spanish ("les fonctionnaires béninois", "servidores públicos hondureños")."""
    from .prose_facts import demonyms_served
    from .served import national_body_gain

    found = [d.iso3 for d in find_demonyms(text) if national_body_gain(text, d.end, True) >= 2]
    found += demonyms_served(text, fold(text).lower(), 0, len(text))
    return list(dict.fromkeys(found))


def title_countries(title: str) -> list[str]:
    """The countries the title names, when it names no funder, comparison or venue before them."""
    if not isinstance(title, str) or not title.strip():
        return []
    mentions = _mentions(title)
    if any(_NOT_TOLD.search(title[: c.start]) for c in mentions):
        return []
    if len({c.iso3 for c in mentions}) > 1 and _TWO_SIDES.search(title):
        return []  # "Japan-Philippines Cooperation on ...": who gives and who receives, the title does not say
    return list(dict.fromkeys(c.iso3 for c in mentions))


# The first sentence of the record's prose: "Le projet appuie, en Côte d'Ivoire, la gestion ...", "Support to the
# civil service of Lesotho in ...": a country after a preposition of place or purpose, nothing before it that compares,
# visits, funds or convenes.
_PURPOSE = re.compile(r"(?<![\w'-])(?:in|for|to|across|en|au|aux|dans|pour|para|a)\s+"
                      r"(?:the\s+|la\s+|le\s+|les\s+|el\s+|l['’]\s?)?$", re.IGNORECASE)
_PROSE_LINE = 8  # words: a line of prose, not a label's value or a heading
_SENTENCE_CHARS = 400
_NOT_PROSE = re.compile(r",\s*,|\|.*\||\t|\s{4,}\S|\n\s*\n")


def first_sentence(text: str) -> list[str]:
    """The countries the record's first sentence of prose names after a preposition of place or purpose."""
    from .prose_facts import sentences

    for lo, hi in sentences(text):
        sentence = text[lo:hi]
        if len(sentence.split()) < _PROSE_LINE or re.match(r"\s*[\w' -]{1,30}\s?:", sentence):
            continue
        if len(sentence) > _SENTENCE_CHARS or _NOT_PROSE.search(sentence):
            return []  # a table, an export's rows, a list of labels: no sentence of prose comes first
        mentions = find_countries(sentence)
        found = [c.iso3 for c in mentions if _PURPOSE.search(sentence[max(0, c.start - 12) : c.start])
                 and not _NOT_TOLD.search(sentence[: c.start]) and not _MEMBERS.search(sentence[: c.start])]
        return list(dict.fromkeys(found)) if found and len(found) == len(mentions) else []
    return []


# A document's place, from a domestic national body: a dateline's city ("Quito, 26 de noviembre de 2026") or an
# address's country ("B.P. 1234, Ouagadougou, Burkina Faso") under a head that names a national body and no donor.
_NATIONAL_HEAD = re.compile(r"(?<![\w-])(?:national\w*|nacional\w*|ministry|minist[eè]re|ministerio|republic|"
                            r"r[ée]publique|rep[uú]blica|del\s+estado|de\s+l['’]\s?[ée]tat|of\s+the\s+state)(?![\w-])",
                            re.IGNORECASE)
_DONOR_HEAD = re.compile(r"(?<![\w-])(?:coop[ée]ration|cooperaci[oó]n|cooperation|co-operation|international|"
                         r"internacional|united\s+nations|nations\s+unies|naciones\s+unidas)(?![\w-])", re.IGNORECASE)
_ADDRESS = re.compile(r"(?<![\w-])(?:b\.?\s?p\.?|p\.?\s?o\.?\s+box|po\s+box|casilla|apartado|avenue|av\.|avenida|"
                      r"calle|rue|street|road|boulevard|bd\.?|t[ée]l[ée]?(?:phone)?\.?|tel\.?|phone)(?![\w-])",
                      re.IGNORECASE)


def document_place(text: str) -> list[str]:
    """The country of a domestic national body's dateline or address on the record's first lines."""
    from .cities import city_country
    from .datelines import dateline

    lines = [line for line in text.splitlines() if line.strip()][: 2 * _HEAD_LINES]
    head = "\n".join(lines)
    if not _NATIONAL_HEAD.search(head) or _ABROAD.search(head) or _DONOR_HEAD.search(head):
        return []
    found: list[str] = []
    for line in lines:
        m = re.match(r"\s*([A-ZÀ-Ý][\w'.-]*(?:\s+[A-ZÀ-Ý][\w'.-]*){0,2})\s*,", line)
        if m and dateline(line) is not None and city_country(m.group(1)):
            found.append(city_country(m.group(1)))
        elif _ADDRESS.search(line):
            countries = find_countries(line)
            if len(countries) == 1 and not line[countries[0].end :].strip(" .,;)"):
                found.append(countries[0].iso3)
    return list(dict.fromkeys(found))


# The readers, strongest first: where the record states its country (a label, a letterhead, its title, the
# beneficiary's name); then what its sentences say (where the work is done, whom it serves, its first sentence),
# read only when the first say nothing.
_STRONG = (
    ("label", "the countries label's ISO codes"),
    ("head", "the State's letterhead on the record's first lines"),
    ("title", "named in the record's title"),
    ("seat", "the beneficiary institution's country"),
)
_WEAK = (
    ("work", "where the text says the work is done"),
    ("people", "the national civil servants or bodies the text names"),
    ("told", "a sentence that says whom the project serves"),
    ("first", "named in the first sentence"),
    ("place", "the national body's dateline or address"),
    ("office", "the country office that runs the project"),
)
_LAST = (("city", "the city the text names, in no other country"),)  # values.city_places: where nothing else says


def _read(text: str, title: str, label_texts: list[str]) -> dict[str, list[str]]:
    return {"label": label_codes(label_texts), "head": head_state(text), "title": title_countries(title),
            "seat": seats(text), "work": work_places(text), "people": national_people(text),
            "told": _told(text), "first": first_sentence(text), "place": document_place(text),
            "office": office_countries(text)}


def _told(text: str) -> list[str]:
    from .prose_facts import read_served

    return read_served(text)


def suggested_countries(text: str, title: str = "", label_texts: list[str] = (), donor_texts: list[str] = (),
                        refused: set[str] = frozenset()) -> tuple[list[str], str] | None:
    """(the countries suggested as served, what they were read from), or None when nothing points one way.
    refused: countries a rule left out of the record (a funder, a venue ...): never suggested."""
    if not isinstance(text, str) or not text.strip():
        return None
    from .who_is_served import blank_un_bodies, funder_countries, unserved

    clean = blank_un_bodies(text)  # "UNDP Kyrgyz Republic", "ECLAC (Chile)": a UN body's office is no country served
    read = _read(clean, blank_un_bodies(title or ""), list(label_texts or ()))
    read["head"] = head_state(text)  # its lines are read whole: a UN body's office line is skipped, not blanked
    payers = set(funder_countries(list(donor_texts or ()), text)) | set(refused)
    kinds = {k: [c for c in v if c not in payers] for k, v in read.items()}
    candidates = list(dict.fromkeys(c for v in kinds.values() for c in v))
    idle = unserved(clean, candidates) if candidates else {}
    candidates = [c for c in candidates
                  if c not in idle and not _donor_named(clean, c) and not _only_compared(clean, c)]
    if not candidates:  # the city the text names (values.city_places), where nothing else names a country
        candidates = city_country_of(clean, payers)
        kinds = {"city": candidates}
    for tier in (_STRONG, _WEAK, _LAST):
        sets = {key: [c for c in kinds.get(key, ()) if c in candidates] for key, _ in tier}
        sets = {key: v for key, v in sets.items() if v}
        if not sets:
            continue
        widest = max((set(v) for v in sets.values()), key=len)
        if any(not set(v) <= widest for v in sets.values()):
            return None  # one reader names a country another does not: split evidence
        ordered = [c for c in candidates if c in widest]
        reasons = [why for key, why in tier if key in sets]
        return ordered, f"suggested: {', '.join(ordered)}, {' and '.join(reasons[:2])}"
    return None


def _only_compared(text: str, iso3: str) -> bool:
    """Is every mention of the country in a sentence that compares before it ("le modèle mis en œuvre au Rwanda")?"""
    from .served import only_compared as compared

    return compared(text, iso3)


def _donor_named(text: str, iso3: str) -> bool:
    """Does the text name the country in a donor's words around it (values.served's donor contexts)?"""
    from .served import DONOR_RX, matches_at

    return any(matches_at(DONOR_RX, text, c) for c in find_countries(text) if c.iso3 == iso3)


_REFUSED = re.compile(r"^([A-Z]{3}) named ")


def suggest_countries(steps) -> None:
    """Fill, flagged, the countries of the record an assembler (steps) is finishing, when no rule placed one."""
    rec = steps.rec
    if rec.countries or rec.regions or rec.region or not isinstance(rec.text, str):
        return
    refused = {m.group(1) for f in rec.flags if f.field == "countries" and (m := _REFUSED.match(f.reason))}
    found = suggested_countries(rec.text, rec.title or "", steps.country_texts, steps.donor_texts, refused)
    if found:
        rec.countries = found[0]
        rec.flag("countries", found[1])


def give_way(record) -> bool:
    """May a rule that runs after the suggestions (a page's head, a heading above the record: page_head,
    country_headings) give the record its country? Yes when it has none, or only a suggested one: that one is
    taken back, with its flag, so that the rule's country and reason stand alone."""
    if not record.countries:
        return True
    flags = [f for f in record.flags if f.field == "countries"]
    if not flags or not all(f.reason.startswith("suggested") for f in flags):
        return False
    record.countries = []
    record.flags = [f for f in record.flags if f not in flags]
    return True
