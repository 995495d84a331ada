"""Where the name after a funder's or a partner's cue ends ("the Government of Canada, invites applications ..."
gives "the Government of Canada"), in English, French and Spanish: the names at the head of a phrase and nothing
after them (moved out of prose_facts.py, which reads the cues)."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import fold, fold_key
from .partner_sums import without_sums

_CONNECTORS = frozenset(
    "of the and on de du des del la le les el los las al y et e & für".split())
# The endings of the adjectives that close a French or Spanish name written in lower case ("Union européenne",
# "Coopération suisse", "fonction publique", "Agence française"); a verb ("apoya", "finance") ends otherwise.
_ADJECTIVE = re.compile(r"(?:[ée]e?s?|ienne?s?|aise?s?|ales?|aux|elle?s?|iques?|aires?|ives?|ifs?|eur|euses?|ic[ao]s?|"
                        r"an[ao]s?|enses?|in[ao]s?|uisses?|ale|i[eè]re?s?)$")
_ARTICLES = frozenset("the la le el les los las".split())
_PORTFOLIO_OPENERS = frozenset("du des de del".split())
# "... (ANAM) y del Instituto ...", "... et de l'ENA": a small "de" after "and" may open the next body's name.
_ITEM_SPLIT = re.compile(r",\s+(?:and\s+|et\s+|y\s+)?|;\s*|\s+(?:and|et|y)\s+(?:(?:with|avec|con)\s+)?"
                         r"(?:(?-i:de|del|du)\s+)?(?=(?:the\s+|l['’]|la\s+|le\s+|el\s+|"
                         r"los\s+|las\s+|les\s+)?[A-Z\u00c0-\u00de])")


# A name that closes with its acronym in brackets, its words whatever their case: "Commission économique et sociale
# pour l'Asie occidentale (CESAO)".
_NAMED_BY_ACRONYM = re.compile(r"^\s*(?:(?:the|la|le|el|les|los|las)\s+|[ld]['’])?[A-Z\u00c0-\u00de][^,;()]{2,140}?"
                               r"\((?:[A-Z][A-Za-z&.-]{1,14})\)")


_AMOUNT_ASIDE = re.compile(r"\s*\((?=\s*(?:US\$|USD|EUR|CHF|GBP|[$\u20ac\u00a3]|\d))")


@functools.cache
def _frame_rx() -> re.Pattern[str]:
    """The phrases that open what a name is given under ("the European Union under the X programme", "l'Union
    européenne dans le cadre du programme Y", "la Unión Europea en el marco del programa Z"): the name ends there."""
    words = json.loads((Path(__file__).parent.parent / "data" / "prose_cues.json").read_text("utf-8"))["name_ends"]
    alts = sorted((re.escape(fold(w)).replace("\\ ", r"\s+") for w in words), key=len, reverse=True)
    return re.compile(r"\s(?:" + "|".join(alts) + r")\b", re.I)


def _before_frame(phrase: str) -> str:
    folded = fold(phrase)
    m = _frame_rx().search(folded) if len(folded) == len(phrase) else None  # offsets hold when folding keeps length
    return phrase[: m.start()] if m else phrase


_COLON_WORD = re.compile(r"\S+(?=[ \t]?:(?:\s|$))")
# Words no label and no kind of bodies holds between its first word and its colon: a clause's links and verbs
# ("the European Union under two windows:", "and the results were:").
_NOT_IN_LABELS = frozenset("and et y the a an or ou o in on at for to from during since with by under through within "
                           "across as into dans pour depuis avec par sous lors entre au aux durante desde con para "
                           "por bajo hasta sobre which that who is was were are has have had est sont a ont es son fue "
                           "fueron".split())
# The words a name cut short by a line's end stops at ("el Banco Interamericano de" / "Entidades ...:").
_CUT_BEFORE_LABEL = frozenset("de of du des del and et y for pour para".split())


def _before_label(phrase: str) -> str:
    """A phrase cut where a label begins that the name runs into (a fact sheet's lines joined: "el Banco
    Interamericano de" / "Entidades co-participantes: ..."): a word before a colon closes a label, which opens with
    a capitalised word; it is taken for one where the label table knows it ("Donor:", "Durée :") or where the name
    before it stops at a small word ("... de") and the label's small words hold no clause's link. Else the phrase
    ends at the colon ("Ministry of Finance: Budget Department"), unless the colon follows a kind of bodies in small
    letters: the names listed after it stand in its place (_kind_then_list)."""
    m = _COLON_WORD.search(phrase)
    if m is None:
        return phrase
    words = list(re.finditer(r"\S+", phrase[: m.end()]))
    k = len(words)
    while k > 0 and words[k - 1].group(0)[:1].islower():
        k -= 1
    listed = _kind_then_list(phrase, words, k, phrase.index(":", m.end()))
    if listed is not None:
        return listed
    j = k - 1
    small = [w.group(0).lower() for w in words[j + 1 :]]
    if j > 0 and (_a_label(phrase[words[j].start() :]) or small and len(small) <= 4 and not _NOT_IN_LABELS & set(
            small) and words[j - 1].group(0).lower() in _CUT_BEFORE_LABEL):
        return phrase[: words[j].start()]
    return phrase[: m.end()]


_NAME_START = re.compile(r"(?:(?:the|la|le|les|el|los|las)\s+|[ld]['’])?[A-Z\u00c0-\u00de]")
# "AMHON (Hon- duras)": a word a line's end broke, its lines since joined with a space.
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])- (?=[a-z\u00df-\u00ff])")


def _names_a_body(text: str) -> bool:
    """Does text open with a body's name: an acronym ("ANAM (Guatemala), ...") or the head of an institution's name
    ("la Secretaría de ...", "Ministry of Lands", "le Réseau ...", "la Superintendencia ..."), an article before
    it? Not "Training sessions were held"."""
    from .role_cues import words_rx

    m = _NAME_START.match(text)
    if m is None:
        return False
    at = m.end() - 1
    head = fold(text[at:]).lower()
    return bool(re.match(r"[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de0-9&-]+\b", text[at:]) or words_rx(
        "institution_heads").match(head) or words_rx("body_nouns").match(head)
                or head.split(" ", 1)[0] in _small_heads())


def _kind_then_list(phrase: str, words: list[re.Match[str]], k: int, colon: int) -> str | None:
    """"the Institute (ICAP) and the national associations of municipalities: ANAM, AMHON and COMURES", "les
    associations nationales de communes : ANCB et UAMB": a kind of bodies in small letters, plural, that opens the
    phrase or a list's item, then the names after its colon: the phrase with the names in the kind's place; None
    when the colon closes no such kind."""
    run = [w.group(0) for w in words[k:]]
    if not run:
        return None
    rest = phrase[colon + 1 :].lstrip()
    joiner = run[0].lower() in ("and", "et", "y") if run else False
    opens = k == 0 or joiner or phrase[: words[k].start()].rstrip().endswith(",")
    body = run[1:] if joiner else run
    if len(body) < 2 or not opens or not _names_a_body(rest) or not body[-1].lower().endswith(("s", "x")) or any(
            w.lower() in _NOT_IN_LABELS - {"the"} for w in body):
        return None
    head = phrase[: words[k].start()] if k else ""
    return f"{head}{run[0]} {rest}" if joiner else f"{head}{rest}"


def _a_label(text: str) -> bool:
    """Do the words before text's colon spell a label of the label table ("Donor:", "Entidades co-participantes:")?
    The spellings are read from data/labels.json itself rather than through labels.match_label: the label matcher
    reads values through every field reader, and this module is one of them."""
    head = re.sub(r"\s*\((?:s|es|x)\)|\s*\([^()]{0,40}\)\s*$", "", text.split(":", 1)[0])
    key = fold_key(head)
    return key in _label_spellings() or key[:-1] in _label_spellings() and key.endswith("s")


@functools.cache
def _label_spellings() -> frozenset[str]:
    data = json.loads((Path(__file__).resolve().parent.parent / "data" / "labels.json").read_text(encoding="utf-8"))
    spellings = set(data.get("strict_labels", []))
    for name, value in data.items():
        if name.startswith("labels") and isinstance(value, dict):
            spellings |= set(value)
    return frozenset(fold_key(s) for s in spellings)


def name_extent(phrase: str) -> str:
    """The names at the head of a phrase that follows a funder's or partner's cue, and nothing after them: "the
    Government of Canada, invites applications ..." gives "the Government of Canada"; "el Banco Interamericano de
    Desarrollo apoya a Honduras" gives "el Banco Interamericano de Desarrollo". A list stays a list; an item that
    names nothing (no capital) is dropped; "" when no name heads the phrase."""
    phrase = _before_label(_before_frame(_BROKEN_WORD.sub("", phrase) if "- " in phrase else phrase))
    # "l'Union européenne (16 M€) et le Royaume de Belgique (2,5 M€)": each funder's share, the list goes on
    phrase = without_sums(phrase) if "(" in phrase else phrase
    aside = _AMOUNT_ASIDE.search(phrase)
    if aside:
        phrase = phrase[: aside.start()]  # "the Government of Italy (EUR 850,000, 2023-2026)": the name, not its sum
    end = 0  # the names kept are phrase[:end], separators as written ("UNDP Ghana and the Civil Service ...")
    bounds = [0, *(x for m in _ITEM_SPLIT.finditer(phrase) for x in (m.start(), m.end())), len(phrase)]
    for lo, hi in zip(bounds[::2], bounds[1::2]):
        item = phrase[lo:hi]
        named = _NAMED_BY_ACRONYM.match(item)
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", item)]
        words = [item[a:b] for a, b in spans]
        kept = _kept_words(words)
        known = _known_prefix(words)
        if known > kept:  # "la Commission économique pour l'Afrique": a known body's name, small words and all
            if known < len(words) and re.fullmatch(r"\([A-Z][\w&.-]{1,15}\),?", words[known]):
                known += 1  # "... pour l'Asie occidentale (CESAO)": its acronym goes with it
            end = lo + spans[known - 1][1]
            if item[spans[known - 1][1] :].strip():
                break
            continue
        if named and (not kept or spans[kept - 1][1] < named.end()):
            end = lo + named.end()  # "Centre africain de formation et de recherche ... (CAFRAD)": whole
            if item[named.end() :].strip():
                break
            continue
        while kept and (words[kept - 1].lower() in _CONNECTORS or re.fullmatch(r"[dl]['’]", words[kept - 1].lower())):
            kept -= 1
        # "Ministère de l'Économie, des Finances et du Plan": an item after a comma that opens with "du", "des",
        # "del" goes on naming the portfolio of the body before it, so its head is the word after them.
        skipped = _ARTICLES | _PORTFOLIO_OPENERS if lo else _ARTICLES
        head = next((re.sub(r"^[dl]['’]", "", w) for w in words[:kept] if w.lower() not in skipped), "")
        if not (head[:1].isupper() or head[:1] in "(\"«“" and head[1:2].isupper() or _small_head(head, words[:kept])):
            break
        if lo and _opens_main_clause(words, kept) and not re.search(
                r"\b(?:and|et|y|e|or|ou|o)\s*$|;", phrase[:lo]):
            break  # "from KOICA, the Division worked ...": after a bare comma, the subject of the main clause
        end = lo + spans[kept - 1][1]
        if kept < len(words):
            break  # the sentence goes on after this name: no list beyond it
    return phrase[:end].strip(" ,")


@functools.cache
def _small_heads() -> frozenset[str]:
    from .role_cues import table

    return frozenset(fold(h) for h in table()["small_heads"])


def _small_head(head: str, words: list[str]) -> bool:
    """French and Spanish write a ministry's or an office's noun small and its portfolio capitalised: "le ministère
    de l'Aménagement du territoire", "la dirección de Presupuesto": a name all the same, when a capital follows."""
    return fold(head.lower()) in _small_heads() and head in words and any(
        re.sub(r"^[dl]['’]", "", w)[:1].isupper() for w in words[words.index(head) + 1 :])


_PREPOSITIONS = frozenset("in on at for to from during since with by under through within across as into "
                          "en dans pour depuis avec par sous lors entre au aux durante desde con para por bajo "
                          "entre hasta sobre".split())


def _opens_main_clause(words: list[str], kept: int) -> bool:
    """Is an item after a bare comma the subject of the sentence's main clause ("from KOICA, the Division worked"):
    it opens with an article and a verb, not a preposition, follows its name?"""
    if words[0].lower() not in _ARTICLES:
        return False
    if kept < len(words):
        nxt = words[kept].strip("(),;:").lower()
        if nxt.isalpha() and nxt not in _PREPOSITIONS and nxt not in _CONNECTORS:
            return True
    # "el Ministerio organizó los talleres": a small word that is no connector, then an article, is a verb
    return any(w.isalpha() and w.islower() and w not in _CONNECTORS and w not in _PREPOSITIONS
               and words[j + 1].lower() in _ARTICLES for j, w in enumerate(words[1 : kept - 1], start=1))


_OFFICE_HEADS = frozenset("Office Bureau Oficina Delegation Délégation Delegación Mission Embassy Ambassade Embajada "
                          "Representation Représentation Representación".split())


def _known_prefix(words: list[str]) -> int:
    """How many of an item's first words name a known organisation (data/organisations.json), 0 if none: its
    name may hold small words that would otherwise end it ("Commission économique pour l'Afrique")."""
    from .orgs import resolve_organisation

    for n in range(min(len(words), 10), 1, -1):
        candidate = re.sub(r"^(?:the|le|la|les|el|los|las|l['’])\s*", "", " ".join(words[:n]), flags=re.IGNORECASE)
        if resolve_organisation(candidate.strip(" ,;.")) is not None and not candidate.endswith(","):
            return n
    return 0


def _kept_words(words: list[str]) -> int:
    """How many of an item's first words make a name."""
    kept: list[str] = []
    for i, w in enumerate(words[:14]):
        bare = w.strip("()\"'«»“”")
        low = bare.lower()
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if kept and re.fullmatch(r"\([A-Z][\w&.-]{1,15}\)", kept[-1]) and not bare[:1].isupper():
            break  # "... and Management (ZIPAM) on a new examination": the acronym closes the name
        if bare[:1].isupper() or bare[:1].isdigit() and kept or low in _CONNECTORS or re.match(r"[dl]['’]", low):
            kept.append(w)
            continue
        if kept and kept[-1].lower() not in _CONNECTORS and _ADJECTIVE.search(low) and (
                i + 1 == len(words) or nxt in _CONNECTORS):
            kept.append(w)  # "l'Union européenne", "la Coopération suisse": an adjective ends the name
            continue
        if kept and low in ("in", "en", "à", "a") and kept[-1] in _OFFICE_HEADS and words[i + 1 : i + 2] and \
                words[i + 1][:1].isupper():
            kept.append(w)  # "the OSCE Programme Office in Dushanbe", "la Oficina del PNUD en Panamá": one body
            continue
        if kept and low in ("for", "pour", "para") and nxt_capital(words, i):
            kept.append(w)  # "the Economic Commission for Africa", "Fondo para la Consolidación ..."
            continue
        prev = kept[-1].lower() if kept else ""
        if kept and (prev in _CONNECTORS or re.match(r"[dl]['’]", prev) or nxt in _CONNECTORS) and (
                prev not in ("the", "and", "et", "y", "&")):
            kept.append(w)  # "Organisation internationale de la Francophonie", "Agence française de développement"
            continue
        break
    return len(kept)


def nxt_capital(words: list[str], i: int) -> bool:
    """Is the word after words[i] (an article skipped) capitalised?"""
    rest = [w for w in words[i + 1 : i + 3] if w.lower() not in _ARTICLES and not re.fullmatch(r"[dl]['’]", w.lower())]
    return bool(rest) and re.sub(r"^[dl]['’]", "", rest[0])[:1].isupper()
