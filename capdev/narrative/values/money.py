"""Amounts of money as written in budget fields: "US$1,308,543", "USD 115, 019, 355", "125 000 €", "CHF 1'850'000",
"$1.5 million"; each becomes a Decimal amount in an ISO 4217 currency.
"""
from __future__ import annotations

import functools
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pycountry

from capdev.narrative.text_cache import per_text
from capdev.narrative.types import Money

from . import spelled_amounts as _spelled

__all__ = ["money_spans", "parse_money", "parse_budget", "currency_code"]

# Written currency marks to ISO 4217, longest first when matched. "$" alone is taken as US dollars: the
# portfolios this parser reads budget in USD, and other dollars are written with their prefix (CA$, A$...).
_SYMBOLS: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "US $": "USD", "USD$": "USD", "$US": "USD", "$": "USD",
    "CA$": "CAD", "$CA": "CAD", "$ CA": "CAD", "C$": "CAD", "CAN$": "CAD", "A$": "AUD", "AU$": "AUD", "AUD$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "R$": "BRL", "MX$": "MXN", "MXN$": "MXN", "COL$": "COP", "COP$": "COP",
    "CLP$": "CLP", "ARS$": "ARS", "RD$": "DOP", "N$": "NAD", "NT$": "TWD", "J$": "JMD", "TT$": "TTD", "EC$": "XCD",
    "BZ$": "BZD", "BDS$": "BBD", "Bds$": "BBD", "FJ$": "FJD", "WS$": "WST", "T$": "TOP", "SI$": "SBD", "G$": "GYD",
    "B$": "BSD", "L$": "LRD", "$U": "UYU", "UY$": "UYU",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₦": "NGN", "₱": "PHP", "₽": "RUB", "₺": "TRY",
    "₴": "UAH", "₫": "VND", "₪": "ILS", "₵": "GHS", "R": "ZAR", "₲": "PYG", "₡": "CRC",
    # East Africa's shillings and Ghana's cedi as written there ("KSh 45 million", "USh 120m", "GH₵ 2.5m").
    "KSh": "KES", "Ksh": "KES", "KShs": "KES", "USh": "UGX", "Ush": "UGX", "USh.": "UGX", "TSh": "TZS", "Tsh": "TZS",
    "GH₵": "GHS", "GH¢": "GHS",
    # Matched only beside a number (see _LOCAL):
    "S/": "PEN", "S/.": "PEN", "Bs": "BOB", "Bs.": "BOB", "Q": "GTQ", "Gs": "PYG", "Gs.": "PYG",
}
_WORDS: dict[str, str] = {
    "us dollars": "USD", "u.s. dollars": "USD", "united states dollars": "USD", "dollars": "USD", "dollar": "USD",
    "us dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "pound sterling": "GBP",
    "pounds": "GBP", "swiss francs": "CHF", "swiss franc": "CHF", "sfr": "CHF", "fr.": "CHF", "yen": "JPY",
    "japanese yen": "JPY", "fcfa": "XOF", "cfa francs": "XOF", "francs cfa": "XOF", "rupees": "INR",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "reais": "BRL", "rand": "ZAR",
    # French and Spanish
    "dollars des états-unis": "USD", "dollars des etats-unis": "USD", "dollars américains": "USD",
    "dollars americains": "USD", "dollars us": "USD", "dollars é.-u.": "USD", "dollars e.-u.": "USD",
    "dólares": "USD", "dolares": "USD", "dólar": "USD", "dolar": "USD", "dólares estadounidenses": "USD",
    "dolares estadounidenses": "USD", "dólares de los estados unidos": "USD", "dolares de los estados unidos": "USD",
    "dólares ee.uu.": "USD", "dólares de ee.uu.": "USD", "dólares americanos": "USD", "francs suisses": "CHF",
    "franc suisse": "CHF", "francos suizos": "CHF", "livres sterling": "GBP", "libras esterlinas": "GBP",
    "franc cfa": "XOF",
    # Other dollars, written out: never read as US dollars.
    "canadian dollars": "CAD", "canadian dollar": "CAD", "dollars canadiens": "CAD", "dollar canadien": "CAD",
    "dólares canadienses": "CAD", "dolares canadienses": "CAD", "australian dollars": "AUD",
    "dollars australiens": "AUD",
    "dólares australianos": "AUD", "dolares australianos": "AUD", "new zealand dollars": "NZD",
    "dollars néo-zélandais": "NZD", "dólares neozelandeses": "NZD", "hong kong dollars": "HKD",
    "singapore dollars": "SGD", "dollars de singapour": "SGD", "pesos mexicanos": "MXN", "pesos colombianos": "COP",
    "pesos chilenos": "CLP", "pesos argentinos": "ARS", "bolivianos": "BOB", "soles": "PEN", "quetzales": "GTQ",
    "reales": "BRL", "couronnes norvégiennes": "NOK", "norwegian kroner": "NOK", "coronas noruegas": "NOK",
    "swedish kronor": "SEK", "couronnes suédoises": "SEK", "coronas suecas": "SEK", "danish kroner": "DKK",
    "couronnes danoises": "DKK", "coronas danesas": "DKK", "yens": "JPY", "yenes": "JPY", "yens japonais": "JPY",
    "yenes japoneses": "JPY", "nuevos soles": "PEN", "soles peruanos": "PEN", "mexican pesos": "MXN",
    "pesos mexicains": "MXN", "francs cfa bceao": "XOF", "francs cfa beac": "XAF", "f cfa": "XOF",
    # A dinar is named with its country: "dinars" alone may be Tunisian, Algerian, Jordanian... and is no currency.
    "dinars tunisiens": "TND", "dinar tunisien": "TND", "tunisian dinars": "TND", "tunisian dinar": "TND",
    "dinares tunecinos": "TND", "dinars algériens": "DZD", "algerian dinars": "DZD", "dinares argelinos": "DZD",
    "jordanian dinars": "JOD", "dinars jordaniens": "JOD", "dinares jordanos": "JOD",
}
# Currencies by their names (data/currency_names.json: "ariary", "lempiras", "francs guinéens", "moroccan dirhams").
_WORDS.update({k: v for k, v in json.loads((Path(__file__).resolve().parent.parent / "data" / "currency_names.json")
                                           .read_text(encoding="utf-8"))["names"].items() if k not in _WORDS})


def currency_code(mark: str) -> str | None:
    """A currency symbol, word or code ("US$", "€", "euros", "chf") to its ISO 4217 code, or None."""
    if not isinstance(mark, str):
        return None
    m = mark.strip()
    if m in _SYMBOLS:
        return _SYMBOLS[m]
    low = re.sub(r"\s+", " ", m.lower())
    if low in _WORDS:
        return _WORDS[low]
    if re.fullmatch(r"[A-Za-z]{3}", m) and pycountry.currencies.get(alpha_3=m.upper()):
        return m.upper()
    return None


_LOCAL = ("R", "S/", "S/.", "Bs", "Bs.", "Q", "Gs", "Gs.")
_SYMBOL_RX = "|".join(re.escape(s) for s in sorted((s for s in _SYMBOLS if s not in _LOCAL), key=len, reverse=True))
_WORD_RX = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_WORDS, key=len, reverse=True))
_CODE_RX = r"\b(?!CFA\b)[A-Z]{3}(?:\b|(?=\d))"  # "USD 1.2M", "USD1.2M" ("CFA francs": a name, below)
# "300 000 $ CA", "$ CA 1,2 million": Canadian dollars as French writes them, never the bare "$" of US dollars.
# Peruvian soles and bolivianos ("S/ 450 000", "Bs 350.000", "350.000 Bs."): only a space away from a number, so
# that a document symbol ("S/2023/45") is never read as an amount. Guatemala's quetzal ("Q 18.500.000", "Q18,5
# millones") and Paraguay's guaraní ("Gs. 12.000 millones"): only before a number grouped in thousands or a Spanish
# scale, never a quarter ("Q3 2024").
_LOCAL_RX = (r"(?:S/\.?|Bs\.?)(?=[ \u00a0]\d)|(?<=\d )Bs\.?(?!\w)|"
             r"(?<=\d )(?-i:Gs)\.?(?!\w)|(?<![\w.])(?-i:Q|Gs\.?)"
             r"(?=[ \u00a0]?\d{1,3}(?:[,.]\d{3})+(?!\d)|[ \u00a0]?\d+(?:[.,]\d+)?\s*(?i:mill|mil\b))")
_CUR = rf"(?:\$\s?CA(?![A-Za-z])|{_LOCAL_RX}|{_SYMBOL_RX}|{_CODE_RX}|(?i:{_WORD_RX})(?![\w]))"

# Digits grouped by commas (with an optional space after: "115, 019, 355"), dots, apostrophes or spaces.
_NUMBER = (
    r"(?<![\d.,])(?:"
    r"\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d{1,2})?(?![\d])"  # Indian grouping: 5,00,000
    r"|\d{1,3}(?:(?:,\s?|\.|'|’|[ \u00a0\u202f])\d{3})+(?:[.,]\d{1,2})?(?![\d])"
    r"|\d+(?:[.,]\d+)?"
    r")"
)
# "2,5 MUSD", "300 kEUR": a scale letter joined to the currency's code.
# "650 MFCFA", "2,4 MM", "1,2 Mds": a scale letter joined to any currency's code or to "FCFA"; the Spanish "MM"
# (millions); "Md(s)" the French milliard.
_SCALE = (r"(?:\s*(?P<scale>(?-i:[Mk])(?=(?:[A-Z]{3}|F\s?CFA)\b)|(?-i:MM)(?![\w])|"
          r"(?i:millions?|mio\.?|mill\.|milh(?:[õo]es|[ãa]o)|mn|m|billions?|bn|b|thousands?|k|mil\s+mill[oó]n(?:es)?|"
          r"mill[oó]n(?:es)?|millones|mille|mil|crores?|lakhs?|lacs?|"
          r"milliards?|mds?)(?![\w])))?")

# "1.2 million (USD)", "300 000 (EUR)": the currency in brackets after the number.
_BRACKETED = re.compile(rf"(?P<num>{_NUMBER}){_SCALE}\s*[(\[]\s*(?P<cur>{_CUR})\s*[)\]]")
# Python's re tries every branch of _CUR at every position of a text: a prefixed amount begins with a sign, a
# capital (a code, a local mark) or the first letters of a currency's name, so other positions are passed over at once.
_SIGNS = "".join(sorted({re.escape(s[0]) for s in [*_SYMBOLS, "$"] if not "A" <= s[0] <= "Z"}))
_NAME_BEGINS = "|".join(sorted({re.escape(w[:2] if w[:2].isalpha() else w[:1]) for w in _WORDS}))
_PREFIXED_BODY = rf"(?P<cur>{_CUR})\s*(?P<num>{_NUMBER}){_SCALE}"
_PREFIXED = re.compile(rf"(?=[{_SIGNS}A-Z]|(?i:{_NAME_BEGINS})){_PREFIXED_BODY}")
_SUFFIXED = re.compile(rf"(?P<num>{_NUMBER}){_SCALE}\s*(?:(?i:de|d['’])\s*)?"
                       rf"(?P<cur>(?<=[\d\s][Mk])[A-Z]{{3}}\b|{_CUR})")
_YEARLY = re.compile(
    r"^\s*(?:\)?\s*)(?:per\s+(?:year|annum)|a\s+year|/\s*(?:year|yr|annum)|p\.?\s?a\.?(?!\w)|yearly|annually|each\s+year|every\s+year)",
    re.IGNORECASE,
)
_OTHER_PERIOD = re.compile(r"^\s*(?:per|a|/)\s*(?:month|week|day|quarter)", re.IGNORECASE)

_SPANISH_SCALE = re.compile(r"(?i)mill[oó]n|millones|mil\s+mill")
_MULTIPLIERS = {"m": 10**6, "mn": 10**6, "mm": 10**6, "mio": 10**6, "million": 10**6, "mil": 10**3, "millon": 10**6,
                "mille": 10**3, "b": 10**9, "bn": 10**9, "billion": 10**9, "milliard": 10**9, "md": 10**9, "mds": 10**9,
                "k": 10**3,
                "thousand": 10**3, "crore": 10**7, "lakh": 10**5, "lac": 10**5}


def _multiplier(scale: str | None) -> int:
    if not scale:
        return 1
    word = scale.lower().rstrip(".")
    for key in (word, word.rstrip("s"), word[:-2] if word.endswith("es") else word):
        if key in _MULTIPLIERS:
            return _MULTIPLIERS[key]
    if re.match(r"mil\s+mill", word):
        return 10**9  # "1,2 mil millones": a thousand million
    if word.startswith("millon") or word.startswith("mill") or word.startswith("milh"):
        return 10**6
    return 1


def _to_decimal(number: str, scaled: bool, grouped_scale: bool | str = False) -> Decimal | None:
    """Read separators: the last ',' or '.' followed by one or two digits is the decimal mark; a lone one
    followed by three digits groups thousands, except before a scale word ("1.500 million" is 1.5 million) other
    than a Spanish one, which is written after grouped thousands ("COP 2.800 millones" is 2,800 million), or a
    thousand's ("k"), after which either mark groups ("EUR 2,500k" is 2.5 million)."""
    n = re.sub(r"[\s'’\u00a0\u202f]", "", number)
    if "," in n and "." in n:
        decimal_mark = "," if n.rfind(",") > n.rfind(".") else "."
    elif n.count(",") > 1 or n.count(".") > 1:
        decimal_mark = None
    elif "," in n or "." in n:
        mark = "," if "," in n else "."
        tail = n.split(mark)[1]
        decimal_mark = mark if (len(tail) != 3 or scaled and not (grouped_scale and (mark == "." or
                                                                                     grouped_scale == "k"))) else None
    else:
        decimal_mark = None
    if decimal_mark:
        whole, _, frac = n.rpartition(decimal_mark)
        n = re.sub(r"[.,]", "", whole) + "." + frac
    else:
        n = re.sub(r"[.,]", "", n)
    try:
        return Decimal(n)
    except InvalidOperation:
        return None


def _clean_amount(amount: Decimal) -> Decimal:
    # "700,000.00" and "1.5 million" read as 700000 and 1500000, not 700000.00 and 1.5E+6.
    if amount == amount.to_integral_value():
        return Decimal(int(amount))
    return amount.normalize()


_YEAR_LABEL = re.compile(r"^\s*\(\s*((?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?)\s*\)")
_PAREN_LABEL = re.compile(r"^\s*\(\s*([^()\d][^()]{0,60}?)\s*\)")
_FOR_LABEL = re.compile(r"^\s*(?:for|in)\s+((?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?)\b", re.IGNORECASE)
_FROM_LABEL = re.compile(r"^\s*(?:from|by|of)\s+(?:the\s+)?([A-Z][\w&.'’/-]*(?:\s+[A-Z][\w&.'’/-]*){0,5})")


def _prefix_label(gap: str) -> str:
    """'EU: ' or '2019 - ' before an amount (within its own list item) is that amount's label."""
    item = re.split(r"[;\n]|\band\b|,(?!\d)", gap)[-1]
    m = re.search(r"([^:=]{1,60}?)\s*[:=–-]\s*$", item)
    if m:
        label = m.group(1).strip(" \t-–•*()[]")
        if label and not re.fullmatch(r"(?i)(?:total|budget|amount|approx\.?|approximately|about|"
                                      r"of which|incl\.?|including)", label):
            return label
    return ""


_CUR_AT = re.compile(_CUR)
# "2 800 000 000 FCFA (XAF)", "500 $ (CAD)": the ISO code in brackets after a currency written otherwise names it.
_CODE_AFTER = re.compile(r"\s*[(\[]\s*([A-Z]{3})\s*[)\]]")


def _currency_at(text: str, pos: int) -> tuple[int, str] | None:
    m = _CUR_AT.match(text, pos)
    return (m.end(), m.group(0)) if m and currency_code(m.group(0)) else None


def _no_amount(m: re.Match[str]) -> bool:
    """A three-letter code before a number of one or two digits ("SDG 16", "SDG 4": a goal, not Sudanese pounds;
    "ODS 3"): no budget is written so."""
    return bool(re.fullmatch(r"[A-Z]{3}", m.group("cur")) and re.fullmatch(r"\d{1,2}", m.group("num"))
                and not m.group("scale") and m.start("cur") < m.start("num"))


def _other_dollar(text: str, m: re.Match[str]) -> bool:
    """A "$" joined to letters no symbol of the table holds ("XY$ 300,000"): some country's dollar or peso, never
    taken as US dollars."""
    cur = m.group("cur")
    scaled = m.group("scale") and m.end("scale") == m.start("cur")  # "2.5 M$": the scale's letter, no country's
    return cur in ("$", "$US") and m.start("cur") > 0 and text[m.start("cur") - 1].isalpha() and not scaled


# A sum written in two scales: "1 milliard 200 millions FCFA", "USD 1 million 200 thousand", "2 millones 500 mil
# dólares": the larger part before a match, or the smaller after it.
_PART = (r"(?P<n>\d{1,3}(?:[.,]\d{1,3})?)\s*"
         r"(?P<w>(?i:milliards?|billions?|mil\s+millones|millions?|millones|mill[oó]n|thousand|mille|mil))")
_PART_BEFORE = re.compile(rf"{_PART}\s+(?:(?i:et|and|y)\s+)?$")
_PART_AFTER = re.compile(rf"\s+(?:(?i:et|and|y)\s+)?{_PART}(?![\w])")


def _compound(text: str, m: re.Match[str], start: int, end: int) -> tuple[int, int, object] | None:
    """The match with the other part of its sum (start, end, (amount, mark)), or None when it has none."""
    scale = m.group("scale")
    if not scale or not re.fullmatch(r"\d{1,3}(?:[.,]\d{1,3})?", m.group("num")):
        return None
    own = _to_decimal(m.group("num"), True) * _multiplier(scale)
    before = _PART_BEFORE.search(text, max(0, m.start() - 30), m.start())
    after = _PART_AFTER.match(text, m.end()) if m.start("cur") < m.start("num") else None
    for part, lo, hi in ((before, before.start() if before else 0, end), (after, start, after.end() if after else 0)):
        if part is not None:
            other = _to_decimal(part.group("n"), True) * _multiplier(part.group("w"))
            larger, smaller = _multiplier(part.group("w")) > _multiplier(scale), _multiplier(part.group(
                "w")) < _multiplier(scale)  # the parts' scales differ: "1 milliard 200 millions", not "3 M 2 M"
            if larger if part is before else smaller:
                return lo, hi, (_clean_amount(own + other), m.group("cur"))
    return None


@per_text()
def _matches(text: str) -> tuple[tuple[int, int, object], ...]:
    """Each amount with its currency in text, in order: (start, end, a match of the patterns above, or the
    (amount, mark) of one written in words)."""
    found: list[tuple[int, int, object]] = [(a, b, (amount, mark)) for a, b, amount, mark in
                                            _spelled.spelled_amount(text, _currency_at)]
    for rx in (_PREFIXED, _SUFFIXED, _BRACKETED):
        for m in rx.finditer(text):
            joined = m.end("cur") == m.start("num") and re.fullmatch(r"[A-Z]{3}", m.group("cur"))
            if (rx is _BRACKETED or joined) and not m.group("scale") and (
                    len(re.sub(r"\D", "", m.group("num"))) < 4 or re.fullmatch(r"(?:19|20)\d\d", m.group("num"))):
                continue  # "2023 (EUR)", "16 (USD)", "CAD2021": a year, a count or a code
            if currency_code(m.group("cur")) is not None and not _no_amount(m) and not _other_dollar(text, m) and \
                    not any(s < m.end() and m.start() < e for s, e, _ in found):
                coded = None if re.fullmatch(r"[A-Z]{3}", m.group("cur")) else _CODE_AFTER.match(text, m.end())
                found.append((m.start(), coded.end() if coded and currency_code(coded.group(1)) else m.end(), m))
                found[-1] = _compound(text, m, *found[-1][:2]) or found[-1]
    return tuple(sorted(found, key=lambda t: t[0]))


# Between an amount and the same sum in another currency: "650 000 000 FCFA (990 000 euros)", "FCFA / EUR",
# "EUR 1 million, i.e. about USD 1.08 million", "Bs 3.480.000 (aprox. USD 500.000)", "soit environ", "(soit 228 674
# EUR)", "(es decir, USD 1 millón)".
_RESTATED = re.compile(
    r"\s*(?:[(\[/≈~=](?:\s*(?:i\.\s?e\.|soit|c[.-]?\s?[àa]\s?d\.?|es\s+decir|o\s+sea|equivalent\s+to|"
    r"[ée]quivalent\s+[àa]|equivalente\s+a)\s*,?)?|,?\s*(?:i\.\s?e\.|or|ou|o|soit|c[.-]?\s?[àa]\s?d\.?|es\s+decir|"
    r"equivalent\s+to|[ée]quivalent\s+[àa]|equivalente\s+a))\s*(?:(?:approx\.?|approximately|about|around|some|environ|"
    r"aprox\.?|aproximadamente|unos|unas|pr[èe]s\s+de|cerca\s+de|ca\.)\s*)?",
    re.IGNORECASE)


def money_spans(text: str) -> list[tuple[int, int]]:
    """Where amounts with their currency are written in text (start, end), in order."""
    return [(s, e) for s, e, _ in _matches(text)]


@functools.cache
def _part_rx() -> re.Pattern[str]:
    """The words that make an amount after another one of its parts (data/prose_cues.json "budget_part_cues": "of
    which", "dont", "de los cuales", "co-financing", "contrepartie", "spent" ...)."""
    words = json.loads((Path(__file__).resolve().parent.parent / "data" / "prose_cues.json").read_text(
        encoding="utf-8"))["budget_part_cues"]
    spelled = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'-])(?:{spelled})(?![\w-])", re.IGNORECASE)


def parse_money(text: str, kind: str = "total", default_currency: str | None = None,
                default_scale: int = 1) -> list[Money]:
    """Every amount in a budget value, in order, as Money (Decimal amount, ISO currency, kind, label).

    kind applies to every amount unless the text says otherwise ("per year" makes an amount yearly).
    default_currency, when given, is used for numbers written with no currency at all, and default_scale
    multiplies those of them written with no scale ("Budget (USD million): 2.75").
    """
    if not isinstance(text, str) or not text.strip():
        return []
    if kind not in ("total", "yearly", "other"):
        kind = "other"
    found = list(_matches(text))
    taken = [False] * len(text)
    for s, e, _ in found:
        taken[s:e] = [True] * (e - s)
    if default_currency and currency_code(default_currency):
        for m in re.finditer(rf"(?P<num>{_NUMBER}){_SCALE}", text):
            if any(taken[m.start() : m.end()]):
                continue
            digits = re.sub(r"\D", "", m.group("num"))
            if len(digits) < 3 and not m.group("scale"):
                continue  # list numbers, days, percentages
            if re.fullmatch(r"(?:19|20)\d\d", m.group("num")):
                continue  # a year
            if re.match(r"\s*%", text[m.end() :]):
                continue
            found.append((m.start(), m.end(), m))
    found.sort(key=lambda t: t[0])
    out: list[Money] = []
    wholes: list[bool] = []
    prev_end = total_end = 0
    for start, end, m in found:
        if isinstance(m, tuple):  # written in words
            amount, currency = m[0], currency_code(m[1])
        else:
            cur = m.groupdict().get("cur")
            currency = currency_code(cur) if cur else currency_code(default_currency or "")
            scale = m.group("scale")
            grouped = "k" if _multiplier(scale) == 1000 else bool(scale) and bool(_SPANISH_SCALE.match(scale))
            amount = _to_decimal(m.group("num"), bool(scale), grouped)
        if amount is None or currency is None:
            continue
        own = isinstance(m, tuple) or m.groupdict().get("cur")
        amount = _clean_amount(amount * (1 if isinstance(m, tuple) else _multiplier(scale) if scale or own else
                                         default_scale))
        after = text[end:]
        coded = _CODE_AFTER.match(text, end if isinstance(m, tuple) else m.end())
        if coded and currency_code(coded.group(1)) and not re.fullmatch(r"[A-Z]{3}", (m[1] if isinstance(
                m, tuple) else m.groupdict().get("cur")) or ""):
            currency, after = coded.group(1), text[coded.end():]
        this_kind = kind
        if _YEARLY.match(after):
            this_kind = "yearly"
        elif _OTHER_PERIOD.match(after):
            this_kind = "other"
        if out and this_kind == "total" and (_part_rx().search(text[prev_end:start]) or _in_bracket_after(
                text, out, total_end, start, currency)):
            this_kind = "other"  # "EUR 800,000 (of which EUR 200,000 co-financing)": a share, not a second total
        label = _prefix_label(text[prev_end:start])
        if not label:
            for rx in (_YEAR_LABEL, _FOR_LABEL, _PAREN_LABEL, _FROM_LABEL):
                lm = rx.match(after)
                if lm:
                    label = lm.group(1).strip()
                    break
        if re.fullmatch(r"(?i)(?:per\s+(?:year|annum)|yearly|annually|approx\.?|estimated|total)", label) or \
                money_spans(label):
            label = ""  # "EUR 1,000,000 (approx. USD 1,080,000)": the bracket restates the sum, it names nothing
        if out and (amount, currency) == (out[-1].amount, out[-1].currency) and re.fullmatch(
                r"\s*[(\[]\s*", text[prev_end:start]):
            prev_end = end
            continue  # "450 000 euros (quatre cent cinquante mille euros)": the same sum restated
        if out and currency != out[-1].currency and _RESTATED.fullmatch(text[prev_end:start]):
            this_kind, label = "other", ""  # "650 000 000 FCFA (990 000 euros)": one sum in a second currency
        if not out and _UNREAD_BEFORE.search(text[:start]) or label and _part_rx().fullmatch(label):
            this_kind = "other"  # "L 25 millones (aprox. USD 1 millón)": a sum not read, restated; "(contrepartie)"
        out.append(Money(amount, currency, this_kind, label))
        wholes.append(this_kind == "total" and bool(_WHOLE_BEFORE.search(text[prev_end:start])))
        prev_end = end
        total_end = end if this_kind == "total" and currency == out[0].currency else total_end
    if wholes.count(True) == 1:  # "USD 300,000 (2025); USD 400,000 (2026); total USD 700,000": the rest are parts
        whole = out[wholes.index(True)]
        out = [m if m is whole or m.kind != "total" or m.currency != whole.currency else Money(
            m.amount, m.currency, "other", m.label) for m in out]
    return out


# A number the patterns did not read (its currency unknown), then a bracket that opens on the amount restating it.
_UNREAD_BEFORE = re.compile(r"\d\s*(?:[^\W\d_]+\.?\s*){0,3}[(\[]\s*(?:(?:approx\.?|approximately|about|around|"
                            r"some|environ|soit|aprox\.?|aproximadamente|unos|ca\.|i\.\s?e\.|equivalent\s+to|"
                            r"[ée]quivalent\s+[àa]|equivalente\s+a)\s*[:,]?\s*)?$", re.IGNORECASE)
# A word of the whole right before an amount among others: "total USD 700,000", "soit au total 1 000 000 EUR".
_WHOLE_BEFORE = re.compile(r"(?i)\b(?:total|overall|global|in\s+all|en\s+tout|soit|grand\s+total|en\s+conjunto)"
                           r"\b[^\d;,()]{0,25}$")


def _in_bracket_after(text: str, out: list[Money], total_end: int, start: int, currency: str) -> bool:
    """Is an amount in the currency of the total before it, in a bracket opened after that total and not closed
    ("USD 240.000 (aporte AGCID: USD 160.000; contraparte: USD 80.000)")? A sum restated in its own currency is
    the same sum: a different one there is a part of the total."""
    gap = text[total_end:start]
    return currency == out[0].currency and out[0].kind == "total" and bool(re.search(r"[(\[][^()\[\]]*$", gap))


def parse_budget(value: str, kind: str = "total", label: object = None) -> list[Money]:
    """A budget label's value, a currency its label (labels.LabelMatch) writes aside ("Budget (USD):", "Montant
    (FCFA) :", "Presupuesto (US$):") the currency of its bare numbers."""
    mark, scale = aside_currency((getattr(label, "aside", "") or "").strip(" ()[]"))
    return parse_money(value, kind=kind, default_currency=mark, default_scale=scale)


# The scale a label's aside gives its bare numbers: "(US$ million)", "(en milliers d'euros)", "(USD '000)", "(en
# millones de USD)", "(in thousands of dollars)", "(k€)", "(M FCFA)".
_ASIDE_SCALE = re.compile(
    r"(?i)(?:^|(?<=\s))(?P<scale>milliards?|millions?|millones|mill[oó]n|milliers|miles|mio\.?|mds?|mn|mm|m|"
    r"thousands?|k|'000|000s?|billions?|bn)(?=\s|$|[€$£]|(?-i:[A-Z]))(?:\s*(?:of|de|d['’]))?\s*|"
    r"^(?P<joined>(?-i:[Mk]))(?=[A-Z€$£])")


def aside_currency(aside: str) -> tuple[str | None, int]:
    """A label's aside read as the currency of its value's bare numbers and their scale: "USD" (None, 1 when no
    currency), "US$ million" ("USD", 10**6), "en milliers d'euros" ("EUR", 1000)."""
    text = re.sub(r"(?i)^(?:in|en)\s+", "", aside.strip())
    if currency_code(text):
        return currency_code(text), 1
    m = _ASIDE_SCALE.search(text)
    if not m:
        return None, 1
    word = (m.group("scale") or m.group("joined") or "").lower().rstrip(".")
    scale = 1000 if word in ("milliers", "miles", "'000", "000", "000s") else _multiplier(word)
    rest = (text[: m.start()] + " " + text[m.end() :]).strip(" ,")
    rest = re.sub(r"(?i)^(?:in|en)\s+", "", rest).strip()
    return (currency_code(rest), scale) if currency_code(rest) and scale > 1 else (None, 1)
