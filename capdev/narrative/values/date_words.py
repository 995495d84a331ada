"""The words of dates in English, French and Spanish: months and the ordinals of quarters and halves."""
from __future__ import annotations

# Month words in English, French and Spanish (accents optional); abbreviations take an optional dot.
MONTHS: dict[str, int] = {}
_MONTH_WORDS = {
    1: ["january", "jan", "janvier", "janv", "enero", "ene"],
    2: ["february", "feb", "febr", "février", "fevrier", "févr", "fevr", "febrero"],
    3: ["march", "mar", "mars", "marzo"],
    4: ["april", "apr", "avril", "avr", "abril", "abr"],
    5: ["may", "mai", "mayo"],
    6: ["june", "jun", "juin", "junio"],
    7: ["july", "jul", "juillet", "juil", "julio"],
    8: ["august", "aug", "août", "aout", "agosto"],
    9: ["september", "sept", "sep", "septembre", "septiembre", "setiembre"],
    10: ["october", "oct", "octobre", "octubre"],
    11: ["november", "nov", "novembre", "noviembre"],
    12: ["december", "dec", "décembre", "decembre", "déc", "diciembre", "dic"],
}
for _number, _words in _MONTH_WORDS.items():
    for _word in _words:
        MONTHS[_word] = _number

# "second quarter of 2021", "Q3 2021", "deuxième trimestre 2022", "T2 2021", "primer semestre de 2022", "H2 2021".
_ORDINALS = {
    1: ["first", "1st", "premier", "1er", "primer", "primero", "1o", "1º"],
    2: ["second", "2nd", "deuxième", "deuxieme", "2e", "2ème", "segundo", "2o", "2º"],
    3: ["third", "3rd", "troisième", "troisieme", "3e", "3ème", "tercer", "tercero", "3o", "3º"],
    4: ["fourth", "4th", "quatrième", "quatrieme", "4e", "4ème", "cuarto", "4o", "4º"],
    -1: ["last", "final", "dernier", "último", "ultimo"],
}
ORDINAL_OF = {w: n for n, words in _ORDINALS.items() for w in words}
