"""A project told in a paragraph of prose, without labels (annual reports, news items):

    In Ghana, project GHA/20/002, "Institutional Support to ...", ran from September 2020 to August 2022 with a
    budget of US$ 265,000 funded by the Regular Programme of Technical Cooperation (RPTC). Implemented by DPIDG in
    partnership with UNDP Ghana and the Civil Service Training Centre, ...

Each fact is read from the words that introduce it (a code after "project" or "code", a quoted title, a period
after "from", "between" or "started in", an amount, a source after "funded by" or "financed from", a funder after
"contribution ... from" or before "financed", partners after "in partnership with"), in English, French and Spanish.
What the paragraph does not say plainly is left empty; everything read is flagged "read from prose" by the assembler.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..code_choice import CODE_TOKEN as _CODE_TOKEN
from ..code_choice import another_code, named_not_code
from ..front_matter import is_front_matter
from ..labels import default_table, match_label
from ..types import Money, PartialDate
from . import changed_ends as _changed_ends
from . import counted_periods as _counted_periods
from . import counterparts as _counterparts
from . import dates as _dates
from . import prose_amounts as _amounts
from . import prose_facts as _facts
from . import prose_periods as _periods
from . import prose_roles as _roles
from . import role_statements as _statements
from . import told_partners as _told
from .funder_clauses import before_implementing
from .funding import _MECHANISM
from .money import parse_money
from .orgs import resolve_unit
from .person_names import PERIOD_TITLES, PROSE_TITLES

_CODE = re.compile(
    rf"\b(?:project|projet|proyecto|programme|program|programa|code|c[oó]digo|n[°º]|no\.|number|num[ée]ro|"
    rf"ref(?:erence)?|r[ée]f[ée]rence|r[ée]f\.)\s*(?:code\s*)?[:#]?\s*(?P<code>{_CODE_TOKEN})",
    re.IGNORECASE,
)
# "Our ref.", "Notre réf.", "Nuestra ref.": a letter's own reference, not its project's code.
_LETTER_REF = re.compile(r"\b(?:our|your|notre|votre|nuestra|su|n/|v/)\s*$", re.IGNORECASE)


def _code_match(text: str) -> re.Match[str] | None:
    """The first code a word of naming introduces ("project ROA-2231", "(réf. 22/BEN/004)", "código DA14-DES-03"),
    or one in brackets after a quoted title; never a letter's own reference."""
    for m in _CODE.finditer(text):
        if not _LETTER_REF.search(text, max(0, m.start() - 8), m.start()) and not another_code(text, m.start()):
            return m
    return next((m for m in _QUOTED_CODE.finditer(text) if not another_code(text, m.start())), None)
# A code in brackets right after a project's quoted title: “E-Participation in Mongolia” (MON/22/K01), « ... » (code
# 2427A), «...» (código 2124U).
_QUOTED_CODE = re.compile(
    rf"[\u201d\"\u00bb]\s*\((?:(?:code|c[oó]digo|project|projet|proyecto|ref\.?)\s*:?\s*)?(?P<code>{_CODE_TOKEN})\s*[),;]",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\u201c\"\u00ab]\s*(?P<title>[^\u201c\u201d\"\u00ab\u00bb]{8,200}?)\s*[\u201d\"\u00bb]")
_START_VERB = re.compile(
    r"\b(?:start(?:ed|s)?|began|begun|commenced|launched|d[ée]marr[ée]e?|commenc[ée]e?|inici[óo]|comenz[óo]|"
    r"will\s+(?:start|begin)|d[ée]marrera|commencera|iniciar[áa]|comenzar[áa]|empez[óo]|arranc[óo]|lanc[ée]e?|"
    r"lanzad[oa]|(?:se\s+)?lanz[óo]|(?:se\s+)?inici[óo])"
    r"(?:\s+(?:in|on|en|el))?\s*$",
    re.IGNORECASE,
)
_END_VERB = re.compile(
    r"\b(?:end(?:ed|s)?|closed|concluded|completed|termin[ée]e?|achev[ée]e?|termin[óo]|finaliz[óo]|concluy[óo]|"
    r"(?:will|is\s+due\s+to|is\s+expected\s+to|is\s+scheduled\s+to)\s+(?:end|close|conclude|run\s+until)|runs?\s+until|"
    r"s['’]\s?ach[èe]vera|se\s+terminera|prendra\s+fin|terminera|concluir[áa]|terminar[áa]|finalizar[áa]|culminar[áa])"
    r"(?:\s+(?:in|on|en|el))?\s*$",
    re.IGNORECASE,
)
_SOURCE_CUE = re.compile(
    r"\b(?:funded|financed|supported)\s+(?:by|from|through|under)\s+|\bcon\s+recursos\s+(?:de|del)\s+|"
    r"\bfinanciad[oa]s?\s+(?:por|con|desde)\s+|\bfinanc[ée]e?s?\s+(?:par|sur|au\s+titre\s+d[eu'])\s*",
    re.IGNORECASE,
)
_SOURCE_FROM = re.compile(r"\b(?:from|de\s+la|del|du|sur\s+le|sur\s+les)\s+(?:the\s+)?", re.IGNORECASE)
_FUNDER_AFTER = re.compile(
    r"\b(?:contribution|grant|donation|funding|financing|contribuci[oó]n|donaci[oó]n|financiamiento|subvention|"
    r"don)\b[^.;]{0,60}?\b(?:from|of|by|de|del|de\s+la|du)\s+(?P<name>(?:the\s+|el\s+|la\s+|le\s+|l['’]\s?)?"
    r"(?!(?:USD|US|EUR|CHF|GBP|CAD|JPY|SEK|NOK|DKK|AUD|KRW)\b)[A-Z][^.;,()]{2,90}(?:\([A-Z]{2,10}\))?)",
)
_FUNDER_BEFORE = re.compile(
    r"(?P<name>(?:[Tt]he\s+|[Ee]l\s+|[Ll]a\s+|[Ll]e\s+)?(?:Government|Gobierno|Gouvernement)\s+(?:of|de|du|de\s+la|del)\s+"
    r"[A-Z][\w\u00c0-\u017f'’ -]{2,40}?)(?:,[^.;]{0,120}?,)?\s+(?:financi[óo]|funded|financed|financ[ée]|contributed|"
    r"aport[óo]|a\s+financ[ée])\b",
)
# A government that pays, after an amount or a paying verb: "USD 410,000 from the Government of New Zealand",
# "contributed by the Government of the Republic of Korea", "350 000 euros du Gouvernement du Luxembourg".
_GOVERNMENT_PAYS = re.compile(
    r"(?:(?:\d|US\$|USD|EUR|[$\u20ac\u00a3])[^.;]{0,30}?|\b(?:contributed|provided|granted|donated|paid|financ[ée]e?s?|"
    r"financiad[oa]s?|aportad[oa]s?|vers[ée]e?s?)\s)\b(?:from|by|de|du|del|de\s+la|par|por)\s+"
    r"(?P<name>(?:the\s+|el\s+|le\s+|la\s+|l['’]\s?)?(?:Government|Gouvernement|Gobierno)\s+"
    r"(?:of|du|de|del|de\s+la|des|d['’])\s*(?:the\s+|la\s+|l['’]\s?)?[A-Z][\w\u00c0-\u017f'’ -]{2,40}?)"
    r"(?=[.,;:()]|\s+(?:for|to|and|in|pour|et|en|y|para|a)\b|$)",
    re.IGNORECASE,
)
_PARTNER_CUE = re.compile(
    r"\b(?:in\s+partnership\s+with|in\s+collaboration\s+with|with\s+the\s+collaboration\s+of|together\s+with|"
    r"jointly\s+with|en\s+partenariat\s+avec|en\s+collaboration\s+avec|avec\s+l['’]\s?appui\s+d[eu']|"
    r"en\s+colaboraci[oó]n\s+con|junto\s+con|conjuntamente\s+con|en\s+asociaci[oó]n\s+con|"
    r"[Ww]orking\s+with|trabajando\s+con|en\s+coop[ée]ration\s+avec|with\s+the\s+support\s+of|"
    r"con\s+el\s+apoyo\s+de(?:l|\s+la)?|(?:mis|mise)\s+en\s+[œo]e?uvre\s+(?:avec|par)|implemented\s+(?:with|by)|"
    r"ejecutad[oa]\s+(?:con|por)|en\s+alianza\s+con)\s+",
    re.IGNORECASE,
)
_PARTNERS_BEFORE = re.compile(
    r"(?:^|[.;]\s+)(?P<names>[A-Z][^.;]{3,160}?)\s+(?:were|was|fueron|fue|ont\s+[ée]t[ée]|a\s+[ée]t[ée])\s+"
    r"(?:the\s+|las\s+|los\s+|les\s+)?(?:main\s+|principal(?:es)?\s+)?(?:counterparts?|partners?|contrapartes?|"
    r"socios?|partenaires?)(?:\s+principal(?:es)?)?\b",
)
# The period of a title of address ("Ms. Ana Ruiz", "Sra. Ruiz", "M. Keita") ends no phrase: the names after it are
# read, and the person is then left out as no organisation (values/partner_checks.py).
_NO_TITLE_BEFORE = "".join(rf"(?<!\b{re.escape(t)})" for t in PROSE_TITLES + PERIOD_TITLES)
_PHRASE_END = re.compile(
    _NO_TITLE_BEFORE +
    r"\.|;|\s+(?:that|which|who|whose|que|qui|dont|cuyo|cuya)\b|,\s+(?:it|which|que|qui|il|elle|a|ont|has|have|had|ha|han|est|es|fue|was|were)\b|,\s+(?:the|and\s+the|el|la)\b(?!\s+[A-Z\u00c0-\u00de])|\s+to\s+[a-z]|\s+para\s+[a-z]+(?:ar|er|ir)\b|"
    r"\s+pour\s+[a-z]+(?:er|ir|re)\b|\s+(?:el|la|le)\s+(?:proyecto|projet|project)\b|"
    # "... and carried out"
    r"\s+(?:and|y|et)\s+(?:was\s+|were\s+|fue\s+|a\s+[ée]t[ée]\s+)?[a-z]+(?:ed|ado|ada|\u00e9)\b|"
    r"\s+(?:and|y|et)\s+(?:mis|mise|conduit|men[ée]e?|ejecutad[oa]|llevad[oa])\b|"  # "... et mis en œuvre avec ..."
    # "... and works with", "... y trabaja con": a small word after "and" that is no article opens another clause;
    # after "et" or "y" a small word may be an adjective ("Union économique et monétaire"): a verb has its preposition
    r"\s+and\s+(?!(?:the|a|an|of|with|for|on|in)\b)(?-i:[a-z])|"
    r"\s+(?:y|et)\s+(?-i:[a-z\u00e0-\u00ff]+)\s+(?:con|avec|a|al|au|aux|[àa])\s|"
    r"\s+(?:(?:with|con|avec|for|por|pour|of|de|worth|amounting\s+to|[àa]\s+hauteur\s+de)\s+)?"
    r"(?:US\$|USD|EUR|CAD|AUD|CHF|GBP|[$\u20ac\u00a3]|\d)|"  # "... with AUD 350,000": an amount, not a name
    r"\s+(?:with|con|avec)\s+(?:a|an|un|une|una)\s+(?:total\s+)?(?:budget|presupuesto|contribution|contribuci[oó]n|"
    r"monto|montant|grant|subvention|aporte)\b|"
    r"\s+(?:in|en)\s+(?:partnership|collaboration|partenariat|colaboraci[oó]n|asociaci[oó]n)\b|"
    # "... in Senegal": where, not who; but "the OSCE Programme Office in Dushanbe" is one body
    r"(?<!Office)(?<!Bureau)(?<!Oficina)(?<!Mission)(?<!Delegation)(?<!Embassy)(?<!Embajada)(?<!Ambassade)"
    r"\s+(?:in|en|au|aux|[àa])\s+(?:the\s+)?[A-Z][a-z]"
)


@dataclass
class ProseFacts:
    """What one paragraph tells of its project; None or [] where it says nothing plainly."""

    code: str | None = None
    title: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    budgets: list[Money] = field(default_factory=list)
    funding_source: str | None = None
    funders: list[str] = field(default_factory=list)
    lead_unit: str | None = None
    partners: list[str] = field(default_factory=list)
    implementers: list[str] = field(default_factory=list)  # "implemented by UNDP", "ejecutado por el PNUD"
    status: str | None = None
    countries: list[str] = field(default_factory=list)
    revised_end: PartialDate | None = None  # an end a cue says replaces another ("is extended to", "reportée au")
    unsure: list[str] = field(default_factory=list)  # "with the support of the X Foundation": pays or helps


def _phrase(text: str, start: int, limit: int = 160) -> str:
    """The words from start to the end of their clause."""
    m = _PHRASE_END.search(text, start, min(len(text), start + limit))
    return text[start : m.start() if m else min(len(text), start + limit)].strip(" ,")


_QUARTER = re.compile(r"quarter|trimestre|semest|half|\b[QTHS][1-4]\b", re.IGNORECASE)


def _period(text: str) -> tuple[PartialDate | None, PartialDate | None]:
    mentions = _dates.find_dates(text)
    for m in mentions:
        r = m.range
        if not (r.start and r.end and r.start != r.end):
            continue
        if (r.end.last_day() - r.start.first_day()).days < 62 and not _QUARTER.search(m.text):
            continue  # "del 16 al 18 de octubre de 2023": an event's days, not a project's period
        if _QUARTER.search(m.text) and not re.search(r"\b(?:from|between|entre|du|desde)\s+(?:the\s+|le\s+|el\s+)?$",
                                                      text[max(0, m.start - 14) : m.start], re.IGNORECASE):
            continue  # "activities planned for the first quarter of 2020": when something happens, not the period
        # "from September 2020 to August 2022", "between 2019 and 2021"; a bare "2019-2021" may be anything.
        if r.start.precision != "year" or re.search(r"\b(?:from|between|entre|de|du|desde)\s+$",
                                                   text[max(0, m.start - 10) : m.start], re.IGNORECASE):
            return r.start, r.end
    start, end = _periods.verb_dates(text)  # the project's own verbs first ("the project, which began in 2021")
    start = start or next((m.range.start for m in mentions if _START_VERB.search(
        text[max(0, m.start - 30) : m.start]) and not _periods.others_verb(text, m.start)), None)
    end = end or next((m.range.end or m.range.start for m in mentions if _END_VERB.search(
        text[max(0, m.start - 30) : m.start]) and not _periods.others_verb(text, m.start)), None)
    return start, end


def read_prose(text: str) -> ProseFacts:
    """The facts of one paragraph that tells of one project."""
    facts = ProseFacts()
    code = _code_match(text)
    if code and not named_not_code(code.group("code")):  # "the project COVID-19 Response ...": a name
        facts.code = code.group("code").rstrip(".")
    # A quoted name that the sentence gives as another project's ("builds on the project « ... »", "not to be
    # confused with « ... »") is no title of this one.
    quote = next((q for q in _QUOTE.finditer(text) if not another_code(text, q.start())), None)
    if quote and (len(quote.group("title").split()) >= 3 or _NAMED_BEFORE.search(text, 0, quote.start())):
        facts.title = " ".join(quote.group("title").split()).rstrip(",.")
    facts.start, facts.end = _period(_facts.without_history(text))
    facts.budgets = _amounts.project_budget(text)  # the total, not an amount spent or a counterpart's share
    for m in _SOURCE_CUE.finditer(text):
        phrase = re.sub(r"^(?:the|la|le|el|l['’])\s*", "", _phrase(text, m.end()), flags=re.I)
        if _MECHANISM.search(_facts.name_extent(phrase) or phrase):  # not "(16 M€), soit un budget total de ..."
            source = re.split(r"\s+(?:and|y|et)\s+|,(?![^()]*\))", phrase)[0].strip()
            facts.funding_source = facts.funding_source or source
        elif phrase[:1].isupper() or re.match(r"(?:the|el|la|le)\s", _phrase(text, m.end()), re.I):
            facts.funders.append(phrase)
    for m in _SOURCE_FROM.finditer(text):
        # "a budget of USD 350,000 from the UN Development Account": a source after "from", never a funder there.
        head = " ".join(_phrase(text, m.end()).split()[:5])
        name = re.split(r"\s+(?:and|y|et|with|con|avec)\s+|,(?![^()]*\))|\s+\d", head)[0].strip()
        if (name[:1].isupper() and _MECHANISM.search(name) and not re.search(r"\d", name)
                and facts.funding_source is None):
            facts.funding_source = name
    for rx in (_FUNDER_AFTER, _FUNDER_BEFORE, _GOVERNMENT_PAYS):
        for m in rx.finditer(text):
            name = " ".join(m.group("name").split())
            if not _MECHANISM.search(name) and name not in facts.funders and not _roles.an_adjective(name):
                facts.funders.append(name)
    for m in _PARTNER_CUE.finditer(text):
        if re.search(r"support|apoyo|appui", m.group(0), re.IGNORECASE):
            continue  # "with the support of": who pays or who helps, as the body's name says (_from_cues)
        names = _phrase(text, m.end(), 320)
        if names and not (len(names.split()) <= 3 and resolve_unit(names)):  # "implemented by DPIDG": our unit
            (facts.implementers if _roles.implements(m.group(0)) else facts.partners).append(names)
    for m in _PARTNERS_BEFORE.finditer(text):
        facts.partners.append(m.group("names"))
    facts.lead_unit = resolve_unit(text)
    _from_cues(facts, text)
    return facts


def read_cues(text: str) -> ProseFacts:
    """What a paragraph that goes on telling of a project says after its cue words only (a decree's next article,
    an FAQ's next answer): no title, code, amount or bare period, which may be another thing's."""
    facts = ProseFacts()
    _from_cues(facts, text)
    return facts


def _later(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    return a if b is None or (a is not None and a > b) else b


def _counted(facts: ProseFacts, text: str) -> None:
    """The start and the end a length counted from a date gives ("over 36 months starting in March 2021"), where they
    agree with a start already read."""
    start, end = _counted_periods.counted_period(text)
    if end is not None and facts.start in (None, start):
        facts.start, facts.end = start, end


def read_stated(text: str) -> ProseFacts:
    """What the sentences of a labelled record say of its project by its own verbs and cue words only: when it
    began and ended ("the project closed in March 2023", "la date d'achèvement est reportée au 30 juin 2025") and
    where it stands; no code, title, amount or name, which its labels give."""
    facts = ProseFacts()
    facts.start, facts.end = _periods.verb_dates(text)
    if facts.end is None:  # "d'une durée de 24 mois à compter du 1er avril 2022": the end its length gives
        _counted(facts, text)
    facts.revised_end = _later(_facts.period_cues(text)[1], _changed_ends.changed_end(text))
    if facts.revised_end and (facts.end is None or facts.revised_end > facts.end):
        facts.end = facts.revised_end
    facts.status = _facts.read_status(text)
    return facts


_TOLD = ("narrative", "summary", "background", "objective")  # the fields of a labelled record told in sentences


def told(blocks: Iterable[object], text: str) -> str:
    """The text of a labelled record's blocks that tell of it in sentences (a summary, a background), one line."""
    return " ".join(text[b.start : b.end] for b in blocks if getattr(b, "field", None) in _TOLD)  # type: ignore[attr-defined]


def read_roles(text: str) -> ProseFacts:
    """Who is who in the sentences of a labelled record that names no partner under a label: the funders, partners
    and implementers after their cues ("in partnership with A, B and C", "ejecutado por el PNUD"), nothing else."""
    told = ProseFacts()
    _from_cues(told, " ".join(text.split()))
    return ProseFacts(funders=told.funders, partners=told.partners, implementers=told.implementers,
                      unsure=told.unsure, funding_source=told.funding_source)  # "funded under the DA" (grant_cues)


def read_funders(text: str) -> ProseFacts:
    """Who pays, in the sentences of a labelled record whose labels name partners but no funder ("has a total
    budget of USD 735,000 funded by the Government of the Republic of Korea")."""
    told = ProseFacts()
    _from_cues(told, " ".join(text.split()))
    return ProseFacts(funders=told.funders, funding_source=told.funding_source)


def read_partners(text: str) -> ProseFacts:
    """Who works with the project, in the sentences of a labelled record whose labels name who pays but no partner
    ("Donor: AFD" and "implemented in partnership with the Ministry of ...")."""
    told = ProseFacts()
    _from_cues(told, " ".join(text.split()))
    return ProseFacts(partners=told.partners, implementers=told.implementers, unsure=told.unsure)


def _from_cues(facts: ProseFacts, text: str) -> None:
    """What the cue words of data/prose_cues.json say (values/prose_facts.py): a period stated as such, a start
    after a duration, an end after an extension, funders and partners after their cues, the status, the countries
    served."""
    if not (facts.start or facts.end):
        facts.start, facts.end = _facts.titled_years(text)
    start, extended = _facts.period_cues(text)
    extended = _later(extended, _changed_ends.changed_end(text))  # "extender la fecha de finalización del ... al ..."
    if not (facts.start or facts.end or start):  # "The project closed in March 2023": its own verbs
        start, facts.end = _periods.verb_dates(text)
    facts.start = facts.start or start
    if facts.end is None:
        _counted(facts, text)
    if extended and (facts.end is None or extended > facts.end):
        facts.end = extended  # "extended until 30 June 2024": the end the project now has
    gapped = _statements.funder_gap_ends(text)
    supported = _facts.support_cue_ends(text)
    others = _told.other_project_cue_ends(text)  # "le projet PRODIG financé par la Banque mondiale"
    for at in sorted(set(_facts.funder_cue_ends(text) + gapped + supported)):
        phrase = re.sub(r"^(?:the|la|le|el|l['’]|del?|du|des)\s*", "", _phrase(text, at), flags=re.I)
        if at in gapped:  # "a contribution of EUR 300,000 from the Government of Italy, DPIDG supported ...": one payer
            # "con USD 180.000 de la Cooperación Española para el Archivo General ...": who receives it is no payer
            phrase = re.split(r",\s|\s+(?:to|for|para|pour|destinados?\s+a)\s+(?:the|el|la|los|las|le|les|l['’])\s*",
                              phrase)[0]
        if not phrase[:1].isupper():
            continue
        if at in others:
            facts.unsure.append(_facts.name_extent(phrase) or phrase)
            continue
        if at in supported:  # "with the support of the Government of Japan" pays; "... of ECLAC" helps
            payers, helpers, unsure = _told.sort_helpers(_facts.name_extent(phrase))
            facts.partners += helpers
            facts.unsure += unsure
            facts.funders += [p for p in payers if not any(p in f or f in p for f in facts.funders)]
            continue
        # "Financé par l'AFD et avec l'appui financier de l'Union européenne": the first name ends before the
        # second cue, so that the second funder is not taken for part of it; the words after the name ("funded by
        # the Government of Japan to strengthen the budget process") say nothing of what pays.
        phrase = before_implementing(phrase)  # "... de Belgique et mis en œuvre ... par Enabel": a second clause
        named = _facts.name_extent(phrase) or phrase
        if _MECHANISM.search(named):
            facts.funding_source = facts.funding_source or re.split(r"\s+(?:and|y|et)\s+|,(?![^()]*\))", named)[0]
            continue
        if not any(named in f or f in named for f in facts.funders):
            facts.funders.append(named)
    facts.funders += [n for n in _statements.paying_subjects(text) if not any(n in f or f in n for f in facts.funders)]
    for ends, named in ((sorted(_facts.partner_cue_ends(text) + _told.list_starts(text)), facts.partners),
                        (_roles.implementer_cue_ends(text), facts.implementers)):
        for at in ends:
            names = _told.before_next_cue(_phrase(text, at, 320))  # three names and acronyms run long
            # "en lien avec le ministère ..., avec la participation de l'ENA": the second cue's names are read on
            # their own even where the first cue's phrase runs over them (its name ends before them).
            read = facts.implementers + ([] if named is facts.partners else _roles.not_split_off(names, facts.partners))
            if names and not any(names in p or p in names for p in read) and names not in named and not (
                    len(names.split()) <= 3 and resolve_unit(names)) and names not in facts.funders:
                named.append(names)
    # A name ends where the sentence goes on ("the Government of Canada, invites applications ..."): what follows
    # it is no funder and no partner.
    facts.funders = _unique(_facts.name_extent(f) for f in facts.funders)
    implementers, with_them = _roles.implementers_and_partners(facts.implementers)
    facts.implementers = _unique(n for n in implementers if not _roles.our_unit(n, resolve_unit(n)))
    facts.partners = _unique(n for n in (_roles.bare_name(_facts.name_extent(_roles.without_own_units(p)))
                                         for p in facts.partners + with_them)
                             if n not in facts.implementers and not _told.only_a_country(n))
    # "with the Caribbean Telecommunications Union (CTU) as partner": the role said after the name
    facts.partners += [n for n in _statements.named_as_partners(text) + _told.named_before_role(text) if not any(
        n in p or p in n for p in facts.partners + facts.implementers + facts.funders)]
    # "la Division a appuyé le ministère de ...": the counterpart the project supports; "The Academy co-facilitated
    # the sessions": a body that worked with it (values/counterparts.py, reused from branch r6b-partners).
    facts.partners += [n for n in _counterparts.supported_institutions(text) + _counterparts.co_working_subjects(text)
                       if not resolve_unit(n) and not any(
        n in p or p in n for p in facts.partners + facts.implementers + facts.funders)]
    facts.status = _facts.read_status(text)
    facts.countries = _facts.read_served(text, facts.funders)


def _unique(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name and name not in out:
            out.append(name)
    return out


# "el proyecto «Catastro multipropósito»": a quoted name right after the word project is its title, however short.
_NAMED_BEFORE = re.compile(r"\b(?:project|projet|proyecto|programme|programa|initiative|iniciativa)\s*$", re.IGNORECASE)


def states_start(text: str) -> bool:
    """Does a paragraph state when its project began ("ran from March 2021 to ...", "started in 2020")?"""
    return _period(text)[0] is not None


def project_name(text: str) -> str | None:
    """The code or the quoted title a paragraph names its project by, folded for comparing; None if neither."""
    code = _code_match(text)
    if code:
        return code.group("code").rstrip(".").casefold()
    quote = _QUOTE.search(text)
    if quote and _PROJECT_WORD.search(text):
        return " ".join(quote.group("title").split()).casefold()
    return None


def is_project_paragraph(text: str) -> bool:
    """Does this paragraph tell of one project (a code or a quoted title, and a period or an amount)?"""
    named = bool(_code_match(text)) or bool(_QUOTE.search(text) and re.search(
        r"\b(?:project|projet|proyecto|programme|programa)\b", text, re.IGNORECASE))
    if not named or is_front_matter(text):
        return False
    start, end = _period(text)
    return bool(start or end) or bool(parse_money(text)) or _facts.titled_years(text)[0] is not None or (
        _facts.has_project_evidence(text))


_PROJECT_WORD = re.compile(r"\b(?:project|projet|proyecto|programme|programa|initiative|iniciativa)\b", re.IGNORECASE)


def tells_of_a_project(text: str) -> bool:
    """Does a text without labels tell of a project: it says "project" and gives a period, an amount or a code?"""
    if not _PROJECT_WORD.search(text):
        return False
    start, end = _period(text)
    if _code_match(text) or start or end or parse_money(text):
        return True
    # A story with no period and no amount: a project named by its quoted title, that says who pays, whom it
    # serves or where it stands.
    return bool(_QUOTE.search(text)) and _facts.has_project_evidence(text)


_DATELINE = re.compile(r"^\s*[A-Z][\w .'\u2019-]{1,40}?,\s+(?=\S)")


# "NEWS | 14 July 2023", "Actualités — 3 mars 2022", "Noticias · 12 de junio de 2021": a news page's kicker line,
# a few words naming the kind of item, a separator, then the item's date and nothing after it.
_KICKER = re.compile(
    r"^\s*(?:\W{0,3})(?P<kind>news|latest\s+news|news\s+item|news\s+story|story|press\s+release|media\s+release|update|"
    r"feature|highlights?|actualit[ée]s?|nouvelles?|communiqu[ée](?:\s+de\s+presse)?|[àa]\s+la\s+une|"
    r"noticias?|novedades|comunicado(?:\s+de\s+prensa)?|actualidad)\b[^|\u00b7\u2022\u2013\u2014\d]{0,30}?"
    r"\s*[|\u00b7\u2022\u2013\u2014-]\s*(?P<date>\S.{4,40}?)\s*$", re.IGNORECASE)


def is_news_kicker(line: str) -> bool:
    """Is a line a news item's kicker: a short name of its kind, a separator and a date ("NEWS | 14 July 2023")?"""
    m = _KICKER.match(line)
    if not m or len(m.group("kind").split()) > 4:
        return False
    found = _dates.find_dates(m.group("date"))
    if not found or found[0].start != 0 or m.group("date")[found[0].end :].strip(" ."):
        return False
    day = found[0].range.start
    # One day ("Start date: 12 March 2020" is a label's, and a period is no item's date): the label table says no.
    if day is None or day.precision != "day" or (found[0].range.end and found[0].range.end != day):
        return False
    return match_label(line, default_table()) is None


def opens_news_item(line: str) -> bool:
    """Does a line open a news item: a kicker line, or a paragraph that opens with a dateline?"""
    return is_news_kicker(line) or starts_with_dateline(line)


def starts_with_dateline(paragraph: str) -> bool:
    """Does a paragraph open with a news item's dateline ("Suva, 14 June 2023 -", "DAKAR, 3 mars 2022 —")?"""
    m = _DATELINE.match(paragraph[:120])
    if not m:
        return False
    found = _dates.find_dates(paragraph[m.end() : m.end() + 40])
    if not found or found[0].start != 0:
        return False
    return bool(re.match(r"\.?\s*[-\u2013\u2014:]", paragraph[m.end() + found[0].end : m.end() + found[0].end + 4]))
