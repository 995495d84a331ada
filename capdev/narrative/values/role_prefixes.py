"""Words that open a piece of a partners' or funders' value and give the role of the bodies after them (round 18).

A label's value often carries a second role after a separator: "Financement : Royaume des Pays-Bas, 650 000 USD ;
mise en œuvre avec le PNUD", "Fuente: Unión Europea; ejecutado por la FAO", "Donor: EU; implemented by UNDP". The
piece after the separator is read with the role its opening words give, not the label's (values/partners.py reads
these prefixes on each piece). English, French and Spanish alike; the English ones are those partners.py read before.
"""
from __future__ import annotations

import re

_OF = r"(?:de(?:l|\s+la|\s+l['’]\s?|s)?|d['’]\s?|du)"  # "de", "del", "de la", "de l'", "des", "d'", "du"
_OE = r"(?:œ|oe)"

ROLE_PREFIXES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^\s*(?:(?:with\s+)?(?:funding|financing|financial\s+support|support)\s+from|funded\s+by|"
                r"financed\s+by|sponsored\s+by)\s+", re.I), "funding"),
    (re.compile(r"^\s*(?:implemented\s+by|executed\s+by|in\s+partnership\s+with|in\s+collaboration\s+with|"
                r"with\s+the\s+collaboration\s+of)\s+", re.I), "implementing"),
    # French and Spanish: who pays ("financé par", "avec le financement de", "financiado por", "con fondos del")
    (re.compile(rf"^\s*(?:financ[ée]e?s?\s+par|(?:avec|sur)\s+(?:le\s+)?financement\s+{_OF}|"
                rf"financiad[oa]s?\s+por|con\s+(?:fondos|recursos|financiamiento|financiaci[oó]n)\s+{_OF})\s*", re.I),
     "funding"),
    # ... and who works on it ("mise en œuvre avec le PNUD", "exécuté par", "en coopération avec", "ejecutado por",
    # "en alianza con"); English "jointly with", "in cooperation with", "implemented with".
    (re.compile(rf"^\s*(?:mis(?:e|es)?\s+en\s+{_OE}uvre\s+(?:par|avec)|ex[ée]cut[ée]e?s?\s+par|"
                rf"en\s+(?:partenariat|collaboration|coop[ée]ration)\s+avec|avec\s+la\s+collaboration\s+{_OF}|"
                r"(?:ejecutad|implementad)[oa]s?\s+por|en\s+(?:alianza|asociaci[oó]n|colaboraci[oó]n|cooperaci[oó]n)"
                r"\s+con|con\s+la\s+colaboraci[oó]n\s+de(?:l)?|jointly\s+with|in\s+cooperation\s+with|"
                r"implemented\s+with)\s+", re.I), "implementing"),
]

