"""Which CFA franc a record's "FCFA" is. Two currencies are written so: the West African franc (XOF, the BCEAO's:
Benin, Burkina Faso, Côte d'Ivoire, Guinea-Bissau, Mali, Niger, Senegal, Togo) and the Central African franc (XAF,
the BEAC's: Cameroon, the Central African Republic, Chad, the Congo, Gabon, Equatorial Guinea). values/money.py reads
"FCFA" as XOF, the more common; a record whose countries are all of Central Africa, and whose text never names the
West African franc, budgets in XAF.
"""
from __future__ import annotations

import dataclasses
import re

from ..types import Money

_CENTRAL = {"CMR", "CAF", "TCD", "COG", "GAB", "GNQ"}
_WEST_NAMED = re.compile(r"\bXOF\b|BCEAO|UEMOA|WAEMU|(?i:cfa\s+bceao)")


def by_zone(record) -> list[Money]:
    """The record's budgets, an amount read as XOF made XAF where every country the record serves is a BEAC
    member and the text names no West African franc."""
    countries = set(record.countries or ())
    if not countries or not countries <= _CENTRAL or _WEST_NAMED.search(record.text or ""):
        return list(record.budgets)
    return [dataclasses.replace(m, currency="XAF") if m.currency == "XOF" else m for m in record.budgets]
