"""Counts written twice, in words and then in digits ("Twenty-eight (28) participants", "trente-six (36)
participants", "cuarenta y siete (47) funcionarios"), as reports and legal texts write them: the digits are the count.
"""
from __future__ import annotations

import re

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
    hold): "Twenty-eight (28) participants" reads "              28  participants"."""
    if "(" not in text:
        return text
    return _TWICE.sub(lambda m: " " * (m.start(1) - m.start()) + m.group(1) + " ", text)
