"""Counts written twice, in words and then in digits ("Twenty-eight (28) participants", "trente-six (36)
participants", "cuarenta y siete (47) funcionarios"), as reports and legal texts write them: the digits are the count.
Counts written in words alone ("soixante-quinze participants", "forty-two officials", "ciento veinte personas") are
rewritten in digits for the reader of participants (values.event_facts) and of a sentence's opening count
(values.event_continuation), in the same length so that offsets hold (round 18). A rounded count ("une quarantaine
de participants") stays no count (docs/import.md).
"""
from __future__ import annotations

import re

from ..folding import fold
from .number_words import UNITS

# The stems of the number words of English, French and Spanish ("twenty", "vingt", "veinti-", "dieci-", "quarante").
_STEMS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thir|fif|twen|for|hundred|thousand|and|"
          r"un|une|deux|trois|quatre|cinq|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|"
          r"quarante|cinquante|soixante|cent|mille|et|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|"
          r"doce|trece|catorce|quince|dieci|veint|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|"
          r"mil|y")
_WORD = rf"(?:{_STEMS})[a-zéèêíó]*"
_TWICE = re.compile(rf"(?<![\w-])(?i:{_WORD}(?:[- ]{_WORD}){{0,4}})\s*\((\d{{1,5}})\)(?=\s+[^\W\d_])")


def digits_of_spelled(text: str) -> str:
    """text with each count written in words before its digits blanked but its digits (same length, so offsets
    hold): "Twenty-eight (28) participants" reads "              28  participants"; then each count written in words
    alone in digits (digits_of_words, round 18)."""
    if "(" in text:
        text = _TWICE.sub(lambda m: " " * (m.start(1) - m.start()) + m.group(1) + " ", text)
    return digits_of_words(text)


# A run of number words before a word ("soixante-quinze participants", "cuarenta y siete funcionarios", "forty-two
# officials", "ciento veinte personas", "doce hombres").
_RUN = re.compile(rf"(?<![\w-])(?i:{_WORD}(?:[- ]{_WORD}){{0,5}})(?=\s+[^\W\d_])")
_JOINS = {"and", "et", "y"}
_HUNDREDS = {"hundred", "cent", "cents"}
_THOUSANDS = {"thousand", "mille", "mil"}


def _count(words: list[str]) -> int | None:
    """The count number words spell ("soixante-quinze", "ciento veinte", "two hundred and ten"), or None."""
    total = current = 0
    last = prev = ""
    for w in words:
        if w in _JOINS:
            if not prev or prev in _JOINS:
                return None
        elif w in UNITS and w != "a":
            v = UNITS[w]
            if last == "quatre" and w.startswith("vingt"):
                current += 80 - 4  # "quatre-vingt(s)"
            elif last and last in UNITS and not (UNITS[last] >= 100 and v < 100) and not (
                    UNITS[last] % 10 == 0 and 20 <= UNITS[last] and v < (20 if last in ("soixante", "vingt") else 10)):
                return None  # "deux trois", "veinte treinta": no number
            else:
                current += v
            last = w
        elif w in _HUNDREDS:
            current = (current or 1) * 100 if current < 100 else current + 100
            last = ""
        elif w in _THOUSANDS:
            total += (current or 1) * 1000
            current, last = 0, ""
        else:
            return None
        prev = w
    return None if prev in _JOINS else total + current or None


def digits_of_words(text: str) -> str:
    """text with each count in words rewritten in digits in the same length, so offsets hold: "soixante-quinze
    participants" reads "             75 participants" (a rounded count, "une quarantaine", stays no count)."""
    def spelled(m: re.Match[str]) -> str:
        lead = re.match(r"(?i)(?:(?:and|et|y)[- ]+)*", m.group(0)).end()  # "y doce hombres": the count after "y"
        run = m.group(0)[lead:]
        words = [fold(w).lower() for w in re.split(r"[- ]+", run)]
        if not run or len(words) == 1 and UNITS.get(words[0], 0) < 2:
            return m.group(0)
        n = _count(words)
        return m.group(0) if not n or n < 2 else m.group(0)[:lead] + str(n).rjust(len(run))

    return _RUN.sub(spelled, text)
