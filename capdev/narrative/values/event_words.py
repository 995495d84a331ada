"""The words of activities in narrative (English, French, Spanish) and the cutting of text into lines and sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..intervals import Intervals
from .event_continuation import ends_open
from .event_hang import hang_under_date
from .event_people import AGENTS

# ---------------------------------------------------------------- vocabulary

_TYPE_RULES: list[tuple[str, str]] = [
    ("training_of_trainers", r"trainings?[\s-]+of[\s-]+trainers|\bToTs?\b|train[\s-]+the[\s-]+trainers?"),
    ("publication_launch",
     r"(?:publication|book|report)\s+launch(?:es)?|launch(?:ed|ing)?\s+(?:event\s+)?(?:of\s+)?(?:the\s+)?"
     r"(?:[\w’'-]+\s+){0,6}?(?:report|publication|book|survey|toolkit|handbook|guidelines|booklet)s?"
     r"|(?:[A-Z][\w’'-]*\s+){0,6}(?:Report|Survey|Toolkit|Handbook|Guidelines|Booklet|Publication|Book)(?:\s+\d{4})?"
     r"\s+(?:was|were|has\s+been|have\s+been)\s+(?:officially\s+|formally\s+)?launched"),
    ("webinar", r"webinars?(?:\s+series)?|web\s+seminars?|online\s+seminars?|virtual\s+seminars?"),
    ("advisory_mission",
     r"(?:(?:advisory|technical|scoping|fact[\s-]finding|needs[\s-]assessment|assessment|technical[\s-]assistance|"
     r"expert|programming|evaluation|follow[\s-]up|support|exchange|study|learning|benchmarking)\s+)+missions?|"
     r"missions?(?=\s+to\s+(?:the\s+)?[A-Z])"),
    ("workshop",
     r"(?:(?:capacity[\s-](?:building|development)|training|validation|national|regional|sub-?regional|"
     r"inception|consultative|technical)\s+)*(?:workshops?|seminars?|masterclass(?:es)?|bootcamps?|"
     r"training\s+(?:courses?|sessions?|programmes?|programs?)|courses?|focus\s+groups?|"
     r"(?:peer[\s-]+(?:learning|to[\s-]+peer|exchange)|learning|information|working|briefing|coaching|online|virtual|"
     r"follow[\s-]up)"
     r"\s+sessions?|peer[\s-]+(?:learning|exchanges?)\s+(?:events?|meetings?))"
     r"|training(?!\s+(?:materials?|institutes?|institutions?|needs|manuals?|modules?|curricul\w*|of\s+trainers|"
     r"workshops?|plans?|strateg\w+|polic\w+))"),
    ("advisory_mission", r"(?:exploratory|advisory|technical|field|exchange|peer[\s-]learning|peer)\s+visits?|"
                         r"study\s+(?:tours?|visits?)"),
    ("conference",
     r"(?:expert\s+group\s+|high[\s-]level\s+|annual\s+|regional\s+|international\s+|global\s+|ministerial\s+)*"
     r"(?:conferences?|meetings?|forums?|fora|summits?|symposi(?:um|a)|round[\s-]?tables?|policy\s+dialogues?|"
     r"panel\s+discussions?|"
     r"consultations?|side\s+events?|peer[\s-]+(?:learning\s+)?exchanges?|(?:learning|knowledge)\s+exchanges?)|\bEGMs?\b"),
    ("study", r"(?:\w+\s+)?(?:studies|study|assessments?|surveys?|diagnostics?|evaluations?)"),
]
# The same kinds in French and Spanish (accents optional), joined to the English rule of their type.
_TYPE_WORDS_FR_ES: dict[str, str] = {
    "training_of_trainers": r"formations?\s+de\s+formateurs|formaci(?:[oó]n|ones)\s+de\s+formadores|"
                            r"capacitaci(?:[oó]n|ones)\s+de\s+(?:capacitadores|formadores)",
    "publication_launch": r"lancement\s+(?:du|de\s+la|de\s+l['’]|des)\s+(?:\w+\s+){0,4}?(?:rapport|publication|guide|"
                          r"manuel|enqu[eê]te)s?|lanzamiento\s+(?:del?|de\s+la)\s+(?:\w+\s+){0,4}?(?:informe|publicaci[oó]n|"
                          r"gu[ií]a|manual|encuesta)s?",
    "webinar": r"webinaires?|s[ée]minaires?\s+(?:en\s+ligne|virtuels?)|webinarios?|seminarios?\s+(?:web|"
               r"virtual(?:es)?|en\s+l[ií]nea)|sessions?\s+(?:en\s+ligne|virtuelles?)|"
               r"sesi(?:[oó]n|ones)\s+(?:en\s+l[ií]nea|virtual(?:es)?)",
    "advisory_mission": r"missions?\s+(?:consultatives?|techniques?|d['’]experts?|d['’]appui|de\s+soutien|"
                        r"d['’]assistance\s+technique|de\s+conseil|"
                        r"exploratoires?|d['’][ée]valuation|d['’][ée]changes?|d['’][ée]tudes?|d['’]immersion|"
                        r"de\s+suivi)|missions?(?=\s+(?:en|au|aux|[àa])\s+[A-Z])|"
                        r"misi(?:[oó]n|ones)\s+(?:t[ée]cnicas?|de\s+apoyo|de\s+asesor[ií]a|de\s+asistencia\s+t[ée]cnica|exploratorias?|"
                        r"de\s+expertos|de\s+evaluaci[oó]n|de\s+intercambio|de\s+estudios?|de\s+seguimiento)|"
                        r"misi(?:[oó]n|ones)(?=\s+(?:a|en)\s+[A-Z])|"
                        r"visites?\s+d['’][ée]tudes?|visitas?\s+de\s+estudios?|voyages?\s+d['’][ée]tudes?|viajes?\s+de\s+estudios?|visites?\s+d['’][ée]change|"
                        r"visitas?\s+de\s+intercambio|pasant[ií]as?",
    "workshop": r"ateliers?|s[ée]minaires?|sessions?\s+de\s+(?:formation|coaching|travail|renforcement|suivi)|"
                r"(?<!plan\sde\s)(?<!plans\sde\s)(?<!besoins\sde\s)(?<!besoins\sen\s)formations?|"
                r"(?<!en\s)(?<!au\s)cours|stages?\s+de\s+formation|"  # "en cours", "en curso": under way; "au cours de"
                r"taller(?:es)?|seminarios?|(?<!en\s)cursos?|diplomados?|(?<!plan\sde\s)(?<!planes\sde\s)(?<!necesidades\sde\s)"
                r"(?:capacitaci(?:[oó]n|ones)|formaci(?:[oó]n|ones))|"
                r"sesi(?:[oó]n|ones)\s+de\s+(?:capacitaci[oó]n|formaci[oó]n|coaching|trabajo|seguimiento)|jornadas?\s+de\s+(?:capacitaci[oó]n|formaci[oó]n)",
    "conference": r"r[ée]unions?|conf[ée]rences?|forums?|colloques?|tables?\s+rondes?|consultations?|"
                  r"dialogues?|sommets?|[ée]changes?\s+(?:entre\s+pairs|d['’]exp[ée]riences?)|"
                  r"intercambios?\s+(?:entre\s+pares|de\s+experiencias)|"
                  r"reuni(?:[oó]n|ones)|conferencias?|conversatorios?|foros?|mesas?\s+redondas?|mesas?\s+t[ée]cnicas?|mesas?\s+de\s+trabajo|consultas?|di[aá]logos?|cumbres?|encuentros?",
    "study": r"[ée]tudes?|[ée]valuations?|enqu[eê]tes?|diagnostics?|estudios?|evaluaci(?:[oó]n|ones)|encuestas?|"
             r"diagn[oó]sticos?",
}
_TYPE_RULES = [(t, rx + "|" + _TYPE_WORDS_FR_ES[t] if t in _TYPE_WORDS_FR_ES and i == min(
    j for j, (u, _) in enumerate(_TYPE_RULES) if u == t) else rx) for i, (t, rx) in enumerate(_TYPE_RULES)]
_TYPE_RX = [(t, re.compile(rf"(?<![\w-])(?:{rx})(?![\w-])", re.I)) for t, rx in _TYPE_RULES]
_FAMILY = {"training_of_trainers": "workshop", "workshop": "workshop"}
_SPECIFIC = ["training_of_trainers", "webinar", "advisory_mission", "publication_launch", "workshop", "conference",
             "study", "milestone"]

_OCCURRED = re.compile(
    r"\b(?:held|organi[sz]ed|co-organi[sz]ed|convened|conducted|hosted|took\s+place|carried\s+out|undertaken|"
    r"delivered|launched|brought\s+together|gathered|attended|facilitated|ran|completed|took|visited|"
    r"fielded|realized|realised|implemented)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will\s+(?:be\s+)?(?:organi[sz]ed|held|conducted|delivered|launched|undertaken|take\s+place|hold|organi[sz]e|"
    r"convene|be\s+fielded)|(?:is|are)\s+(?:planned|scheduled|expected|foreseen|envisaged)|to\s+be\s+(?:held|organi[sz]ed|"
    r"conducted|delivered)|upcoming|forthcoming|planned\s+for)\b",
    re.I,
)
_MILESTONE = re.compile(
    r"\b(?:(?:was|were|has\s+been|have\s+been)\s+(?:officially\s+|formally\s+)?(?:launched|signed|adopted|approved|"
    r"endorsed|validated|inaugurated|ratified)|officially\s+(?:requested|launched|joined|adopted|endorsed|signed)|"
    r"signed\s+(?:an?|the)\s+(?:agreement|memorandum|MoU|project\s+document))\b",
    re.I,
)
_ONLINE = re.compile(r"\b(?:online|virtual(?:ly)?|webinars?|via\s+(?:Zoom|Teams|WebEx|Webex|"
                     r"video[\s-]?conference)|remotely|"
                     r"e-learning|en\s+ligne|virtuel(?:le)?s?|[àa]\s+distance|en\s+l[ií]nea|virtuales?|a\s+distancia|"
                     r"webinaires?|webinarios?)\b", re.I)
# "Local Online Service Index", "Virtual Academy Award": a name's word; "services en ligne", "servicios en línea",
# "online services": the topic (e-services), not how the event met.
_NOT_A_MODE = re.compile(
    r"(?P<name>[A-Z][\w-]{1,30}\s)(?P<w>Online|Virtual)(?=\s+[A-Z])"
    r"|(?P<topic>\b(?:services?|servicios?|démarches|trámites|payments|paiements)\s)(?P<w2>en\s+ligne|en\s+l[ií]nea)"
    r"|(?P<w3>\bonline)(?=\s+(?:services?|payments?|procedures|public\s+services))")


def mask_not_a_mode(text: str) -> str:
    """Text with the online words that name a topic or belong to a name blanked (same length)."""
    def blank(m: re.Match[str]) -> str:
        keep = m.group("name") or m.group("topic") or ""
        return keep + " " * (len(m.group(0)) - len(keep))
    return _NOT_A_MODE.sub(blank, text)


_IN_PERSON = re.compile(r"\b(?:in[\s-]person|face[\s-]to[\s-]face)\b", re.I)
_ORGANISER_CUE = re.compile(
    r"\b(?:(?:co-)?organi[sz]ed|hosted|convened|facilitated|delivered|presented|led|conducted|shared|moderated|"
    r"supported|funded|sponsored|run)\s+by\b|\bin\s+(?:close\s+)?(?:collaboration|partnership|cooperation|co-operation)\s+with\b|"
    r"\bwith\s+the\s+(?:support|collaboration|participation)\s+of\b|\bjointly\s+with\b|\btogether\s+with\b",
    re.I,
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "several": None, "a few": None,
}
# French and Spanish number words, for counts of people and of activities ("deux ateliers", "treinta funcionarios").
_NUMBER_WORDS.update({
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "vingt": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "dos": 2, "tres": 3, "cuatro": 4,
    "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "veinte": 20, "treinta": 30, "cuarenta": 40,
    "cincuenta": 50, "sesenta": 60, "cien": 100,
})
_NUM = (r"(?:\d{1,3}(?:[,\s]\d{3})+|\d+|"
        + "|".join(sorted((k for k in _NUMBER_WORDS if _NUMBER_WORDS[k]), key=len, reverse=True)) + r")")
_QUALIFIER = (r"(?:well\s+over|over|more\s+than|about|around|approximately|approx\.|nearly|almost|some|at\s+least|"
              r"up\s+to|close\s+to|less\s+than|fewer\s+than|roughly|an\s+estimated|a\s+total\s+of|in\s+total|"
              r"plus\s+de|pr[èe]s\s+de|environ|au\s+moins|quelque|m[áa]s\s+de|cerca\s+de|alrededor\s+de|casi|unos|unas|"
              r"aproximadamente|al\s+menos)")
_PEOPLE = (r"(?:participants|officials|people|persons|civil\s+servants|public\s+servants|attendees|representatives|"
           r"delegates|trainees|experts|staff|leaders|practitioners|stakeholders|members|women|youth|young\s+people|"
           r"students|journalists|parliamentarians|legislators|ministers|judges|magistrates|managers|trainers|planners|"
           r"officers|secretaries|specialists|professionals|academics|policymakers|policy[\s-]makers|decision[\s-]makers|"
           r"teachers|mayors|auditors|statisticians|researchers|senior\s+officials|heads\s+of\s+agencies|directors|"
           r"heads|chiefs|commissioners|coordinators|focal\s+points|administrators|councillors|councilors|employees|"
           r"workers|volunteers|advisers|advisors|analysts|economists|lawyers|clerks|prosecutors|diplomats|"
           r"archivists|accountants|engineers|inspectors|nurses|doctors|police\s+officers|buyers|"
           r"archivistes|comptables|ing[ée]nieurs|inspecteurs|archivistas|contador(?:e|a)s|ingenier[oa]s|inspector(?:e|a)s|"
           r"stagiaires|interns|pasantes|becari[oa]s|acheteurs|compradores|analystes|analistas|[ée]conomistes|economistas|juristes|abogad[oa]s|auditeurs|auditor(?:e|a)s|"
           r"enseignants|docentes|maestr[oa]s|conseillers|consejer[oa]s|asesor(?:e|a)s|secr[ée]taires|secretari[oa]s|"
           # French and Spanish
           r"participantes|fonctionnaires|agents(?:\s+publics)?|cadres|responsables|repr[ée]sentant(?:e)?s|d[ée]l[ée]gu[ée]s|"
           r"personnes|experts|expert[oa]s|formateurs|formatrices|formador(?:e|a)s|capacitador(?:e|a)s|facilitators|"
           r"facilitateurs|facilitatrices|facilitador(?:e|a)s|multiplicador(?:e|a)s|autorit[ée]s|authorities|"
           r"autoridades|directeurs|directrices|directores|directoras|[ée]lus|"
           r"maires|alcaldes|alcaldesas|techniciens|t[ée]cnic[oa]s|planificateurs|planificadores|statisticiens|"
           r"estad[íi]stic[oa]s|funcionari[oa]s|servidor(?:e|a)s(?:\s+p[úu]blic[oa]s)?|personas|representantes|"
           r"delegad[oa]s|asistentes|mujeres|femmes|jeunes|j[óo]venes|[ée]tudiants|estudiantes|parlementaires|"
           r"parlamentari[oa]s|juges|jueces|magistrats|magistrad[oa]s|gestionnaires|gestores|agentes|regidor(?:e|a)s|"
           r"concejal(?:e|a)s|ediles|councilmembers|conseill[eè]res|directiv[oa]s|dirigeant(?:e)?s|executives|"
           # heads, clerks, officers, lawyers, doctors, ministers in the other two languages too
           r"chefs|jef[ae]s|greffi[eè]re?s|officiers|policiers|polic[íi]as|douaniers|aduaner[oa]s|huissiers|notaires|"
           r"notari[oa]s|notaries|registrars|avocat(?:e)?s|m[ée]decins|m[ée]dic[oa]s|infirmi[eè]re?s|enfermer[oa]s|"
           r"ministres|ministr[oa]s|d[ée]put[ée]e?s|diputad[oa]s|deputies|pr[ée]fets|governors|defensor(?:e|a)s|"
           r"d[ée]fenseur(?:e)?s|defenders|"
           # abbreviated in tables and notes, right after the count ("(35 part.)", "12 pers.", "40 pax"; "took part.")
           r"(?<=\d\s)(?:part|partic|particip|pers)\.|(?<=\d\s)pax)")
_PARTICIPANTS = re.compile(
    rf"(?<![\w.,])(?:(?P<qual>{_QUALIFIER})\s+)?(?P<num>{_NUM})\+?\s+"
    # "60 finance and planning officers": two words of the profile joined (the first no plural: "3 ministries and")
    rf"(?P<profile>(?:[^\W\d_][\w’'\-]*(?<![sS])\s+(?:and|et|y)\s+)?"
    rf"(?:(?!(?:for|from|to|with|in|on|at|by|of|and|or|were|was|who|the|a|an|de|des|du|la|le|les|et|en|"
    rf"por|para|con|y|el|los|las)\s)[^\W\d_][\w’'\-]*\s+){{0,5}}?(?:{_PEOPLE}|{AGENTS}))(?![\w-])"
    rf"(?P<more>(?:\s*,\s*(?:and\s+)?[a-z][\w\-]*(?:\s+[a-z][\w\-]*){{0,2}}s(?![\w-]))*"
    rf"(?:,?\s+and\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*){{0,2}}s(?![\w-]))?)",
    re.I,
)
# "with 35 and 120 participants respectively": counts given together, one per activity, in the order told.
_RESPECTIVE = re.compile(
    rf"(?:,?\s*(?:with|gathering|bringing\s+together|reaching|avec|con|réunissant|reuniendo)\s+)?"
    rf"(?P<counts>\d{{1,5}}(?:\s*,\s*\d{{1,5}})*\s*(?:,\s*)?(?:and|et|y)\s+\d{{1,5}})\s+"
    rf"(?P<people>(?:[\w’'\-]+\s+){{0,3}}?(?:{_PEOPLE}|participantes?|fonctionnaires|funcionari[oa]s|personnes|personas))"
    r"(?:,?\s+|\s*\()(?:respectively|respectivement|respectivamente)\)?",
    re.IGNORECASE,
)
_FROM_COUNT = re.compile(  # matched where a participants' mention ends (pattern.match(text, pos) anchors it)
    rf"(?:\s+(?:of|in|at|with)\s+(?:[a-z][\w-]*\s+){{0,4}}?)?\s*(?:from|representing|of|across)\s+(?:(?:{_QUALIFIER})\s+)?"
    rf"(?P<n>{_NUM})\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:countries|SIDS|Member\s+States|member\s+states|nations|economies|territories|states|jurisdictions|LDCs|LLDCs)\b",
    re.I,
)
_GENERIC_PROFILE = {"participants", "people", "persons", "attendees"}
_QUOTED = re.compile(r"“([^”]{3,300})”|\"([^\"]{3,300})\"|‘([^’]{3,300})’(?!\w)")
_COUNTING = re.compile(
    rf"\b(?P<n>(?!(?:19|20)\d\d\b){_NUM}|several|a\s+few|a\s+series\s+of|plusieurs|varios|varias)\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?P<noun>workshops|webinars|missions|meetings|trainings|seminars|conferences|sessions|consultations|courses|visits|"
    r"studies|assessments|ateliers|s[ée]minaires|r[ée]unions|formations|missions|webinaires|talleres|seminarios|"
    r"reuniones|cursos|misiones|sesiones|capacitaciones)\b",
    re.I,
)
_STOP_RIGHT = {
    "that", "which", "who", "whom", "where", "when", "was", "were", "is", "are", "has", "have", "had", "will", "would",
    "with", "by", "from", "during", "at", "held", "organized", "organised", "convened", "took", "brought",
    "identified", "examined", "explored", "focused", "focusing", "allowed", "attended", "aimed", "aiming", "provided",
    "gathered", "offered", "discussed", "reviewed", "featured", "included", "including", "as", "while", "since",
    "took", "through", "after", "before", "under", "within", "among", "between",
}
_VERBS_LEFT = {"has", "have", "had", "held", "hold", "holds", "is", "are", "was", "were", "be", "been", "will",
               "organise", "organize", "organises", "organizes", "conduct", "conducts", "convene", "convenes", "host",
               "hosts", "run", "ran", "runs", "led", "met", "took", "take", "undertook", "undertake",
               "delivered", "did"}
_DROP_LEFT = {"successful", "first", "second", "third", "fourth", "final", "last", "new", "key", "major",
              "important", "informal", "further", "several", "various", "following", "recent", "subsequent"}
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "our", "his", "her", "of", "in",
                "on", "for", "and", "or", "to", "with", "by", "two", "three", "four", "five", "six", "several",
                "some", "many", "series", "all", "each", "every", "both", "at", "from", "as", "during", "through"}
_DETERMINERS |= {"un", "une", "una", "uno", "unos", "unas", "el", "la", "los", "las", "le", "les", "des", "du", "de",
                 "del", "en", "à", "au", "aux", "con", "por", "para", "y", "et", "se", "sur", "pour", "avec", "dos",
                 "deux", "trois", "tres", "cabo", "lieu", "d", "l", "s"}
_CONNECT = {"of", "for", "and", "the", "on", "in", "to", "de", "la", "&", "a", "an", "its", "their"}
# Words that say which language a sentence is in, to name an event's place in it ("in Lima", "à Dakar", "en Quito").
_LANGUAGE_WORDS = {
    "fr": {"le", "la", "les", "des", "du", "un", "une", "et", "a", "à", "au", "aux", "est", "sont", "été", "pour",
           "avec", "dans", "sur", "qui", "s'est"},
    "es": {"el", "la", "los", "las", "del", "un", "una", "y", "en", "con", "para", "por", "que", "se", "fue", "fueron"},
}
_PLACE_WORD = {"en": "in", "fr": "à", "es": "en"}


def language_of(text: str) -> str:
    """'fr', 'es' or 'en': the language most of a sentence's short words belong to."""
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.lower())
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in _LANGUAGE_WORDS.items()}
    english = sum(w in {"the", "of", "and", "in", "was", "were", "with", "for", "to", "on"} for w in words)
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > english else "en"
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"}

# ---------------------------------------------------------------- text units


@dataclass
class _Sentence:
    start: int  # offset in the text given to extract_events
    end: int
    text: str


def _lines(text: str) -> list[_Sentence]:
    out = []
    for m in re.finditer(r"[^\r\n]+", text):
        raw = m.group(0)
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            out.append(_Sentence(m.start() + lead, m.start() + len(raw.rstrip()), raw.strip()))
    return out


_WRAP_MIN = 45  # characters: a shorter line ends where its writer ended it (a heading, a short item)
_OPEN_MIN = 20  # characters: a line this long ending on "on", "de", "with" is cut inside its sentence
_ENDED = re.compile(r"[.!?:;\u2026]['\"\u201d\u2019)]*$")
_COLUMNS = re.compile(r"\S\s{3,}\S|\t|\|")
_ITEM_START = re.compile(r"^(?:\(?[0-9]{1,2}[.)]|\(?[a-z][.)]\s|\([ivx]+\)|[-\u2022*\u00b7\u25aa\u2013\u2014#>])")


def _join_wrapped(text: str, lines: list[_Sentence]) -> list[_Sentence]:
    """Lines of a paragraph wrapped at a width ("El 3 de marzo de 2021 se" / "realizó un seminario virtual ...") read
    as one line, so a sentence's date, place and count are read together. A line is continued by the next when it
    is long, ends inside a sentence, the next goes on in lower case, and neither is a table row (aligned columns,
    tabs, pipes) or the next a list item.
    The joined text keeps its length (line breaks as spaces), so offsets in it still index the text."""
    out: list[_Sentence] = []
    for ln in lines:
        prev = out[-1] if out else None
        last_line = text[prev.start : prev.end].rsplit("\n", 1)[-1].strip() if prev else ""
        open_end = prev is not None and len(last_line) >= _OPEN_MIN and (
            ends_open(last_line) or last_line.count("(") > last_line.count(")"))  # "(Sarajevo, November" / "2024)"
        counted = prev is not None and _COLON_COUNT.search(prev.text) and _COUNT_LINE.match(ln.text) \
            and _hangs(text, prev, ln)  # "- mission ..., Dakar, février 2025 :" / "  8 inspecteurs ;"
        # "Atelier de lancement ... de la commune :" / "120 participants (maires, ...).": the sentence's count
        counted = counted or (prev is not None and prev.text.rstrip().endswith(":") and _PARTICIPANTS.match(ln.text))
        if (prev is not None and (len(last_line) >= _WRAP_MIN or open_end)
                and (not _ENDED.search(prev.text) or counted)
                and (not _COLUMNS.search(last_line) or hang_under_date(text, prev, ln))
                and not _COLUMNS.search(ln.text) and not _ITEM_START.match(ln.text)
                and "\n\n" not in text[prev.end : ln.start].replace("\r", "")
                and (ln.text[:1].islower() or open_end or _GOES_ON.match(ln.text) or _hangs(text, prev, ln)
                     or hang_under_date(text, prev, ln))):
            joined = re.sub(r"[\r\n]", " ", text[prev.start : ln.end])
            out[-1] = _Sentence(prev.start, ln.end, joined)
            continue
        out.append(ln)
    return out


_COLON_COUNT = re.compile(r"(?:19|20)\d\d\s*:$")  # an item's date, a colon, its count on the line under it
_COUNT_LINE = re.compile(r"\d[\d,.\u00a0\u202f]*\s+[^\W\d_]")
# "... in Accra in November 2022" / "(38 participants) and in Dakar ...", "... et a réuni" / "85 participants issus de
# 22 ministères": a wrapped sentence goes on with its bracket or its count
_GOES_ON = re.compile(r"\(|\d[\d,.\u00a0\u202f]*\s+[a-z\u00e0-\u00ff]")


def _hangs(text: str, prev: _Sentence, ln: _Sentence) -> bool:
    """Is the line indented under a list item's text, going on with it ("• Regional workshop, Suva, 14 June 2022 -
    42 participants from the four" / "  beneficiary countries.", "  October–November 2022 – 118 participants")?"""
    item_start = text.rfind("\n", 0, prev.start) + 1
    item_end = text.find("\n", item_start)
    first = text[item_start : item_end if item_end >= 0 else len(text)]
    stripped = first.lstrip()
    item = _ITEM_START.match(stripped)
    if not item:
        return False
    after = stripped[item.end() :]
    text_col = len(first) - len(stripped) + item.end() + len(after) - len(after.lstrip())
    own = text.rfind("\n", 0, ln.start) + 1
    indent = ln.start - own
    return not text[own : ln.start].strip() and 0 < indent and abs(indent - text_col) <= 2


_SENT_END = re.compile(r"(?<=[.!?])(?<!\.\.)[”\"’)]?\s+(?=[A-Z0-9“\"‘(])")  # leader dots ("....... 95") end none
_ABBREV_END = re.compile(r"(?:\b(?:e\.g|i\.e|etc|No|Nos|Mr|Ms|Mrs|Dr|St|Inc|Ltd|Co|vs|approx|cf|Act)\.|\b[A-Z]\.)$")
# "oct. 2022", "15 déc. 2023", "sep. 2022": a month's abbreviation before its year or day ends no sentence
_MONTH_DOT = re.compile(r"(?<![^\W\d_])(?:jan|janv|ene|feb|febr|f[ée]vr|mar|apr|avr|abr|jun|jul|juil|aug|sep|sept|"
                        r"set|oct|nov|dec|d[ée]c|dic)\.$", re.I)


def _sentences(line: _Sentence) -> list[_Sentence]:
    out, last = [], 0
    quotes = _quotes(line.text)
    for m in _SENT_END.finditer(line.text):
        # An abbreviation is a few characters long: look at the end of the sentence so far, not all of it (a line
        # of many "e.g." would otherwise be read again at each one).
        if _ABBREV_END.search(line.text, max(last, m.start() - 12), m.start()) or quotes.holds_inside(m.start()) or (
                line.text[m.end() : m.end() + 1].isdigit() and _MONTH_DOT.search(line.text, max(last, m.start() - 6),
                                                                                 m.start())):
            continue
        head = line.text[last : m.start()].rstrip()
        out.append(_Sentence(line.start + last, line.start + last + len(head), head))
        last = m.end()
    tail = line.text[last:]
    if tail.strip():
        out.append(_Sentence(line.start + last, line.start + len(line.text), tail.strip()))
    return out


def _quotes(text: str) -> Intervals:
    """The quoted titles of a text, to ask whether a position is inside one."""
    return Intervals((m.start(), m.end()) for m in _QUOTED.finditer(text))


def _mask_quotes(text: str) -> str:
    """Text with quoted titles blanked (same length), so words inside a title name no type, place or verb."""
    return _QUOTED.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], text)


