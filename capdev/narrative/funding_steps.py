"""The assembler's handlers of funding labels, where the value decides the role: a government, an agency or a bank
is a funder (a partner with the funding role, never a country served, never a new funding source), a budget
mechanism is the funding source, an amount is a budget ("Funding: Government of Norway", "Financement : Compte
pour le développement", "Cofinanciación: 120.000 EUR")."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .step_tools import _excerpt, _guard, _one_line, _values

if TYPE_CHECKING:
    from .segment import Block
    from .types import Record

_TRANCHE = re.compile(r"\btranche\s+(\d{1,3})\b", re.IGNORECASE)


class FundingSteps:
    """Mixed into the assembler, whose record, partners and budgets these handlers fill."""

    rec: Record

    def add_partners(self, value: str, role: str) -> None: ...  # the assembler's

    def on_budget(self, block: Block, value: str, at: int) -> None: ...  # the assembler's

    def read_funding_value(self, block: Block, value: str, at: int) -> str:
        """Funders to the partners and amounts to the budgets; the funding source the value names ('' if none)."""
        rec = self.rec
        read = _guard(rec, "funding_source", None, _values("funding").read_funding, value)
        if read is None:
            return ""
        for funder in read.funders:
            # "Financement : Financé par le Gouvernement du Canada" names who pays, not a funding source.
            rec.flag("funding_source", "names a funder: read as a funding partner")
            self.add_partners(funder, "funding")
        if read.amounts:
            self.on_budget(block, read.amounts, at)  # "Funding: USD 500,000", "Cofinanciación: 50.000 EUR"
        return read.source

    def donor_is_mechanism(self, block: Block, value: str, at: int) -> bool:
        """A donor label or column naming a budget mechanism ("Bailleur : Compte pour le développement", "Donor: DA")
        gives the funding source, never a funding partner named "DA"."""
        if not _values("funding").names_a_mechanism_only(value):
            return False
        self.rec.flag("funding_source", f"named under a donor label, read as the funding source: {_excerpt(value)}")
        self.on_funding_source(block, value, at)
        return True

    def on_funding_source(self, block: Block, value: str, at: int) -> None:
        rec = self.rec
        source = self.read_funding_value(block, value, at)
        if not source:
            return
        rec.funding_source = rec.funding_source or _one_line(source)
        m = _TRANCHE.search(source)
        if m and not rec.tranche:
            rec.tranche = m.group(1)

    def on_cofinancing(self, block: Block, value: str, at: int) -> None:
        """"Co-financing: World Bank", "Cofinancement : 50 000 EUR": a second funder or a share of the budget; a
        mechanism named there is not the project's own source: flagged, not placed."""
        source = self.read_funding_value(block, value, at)
        if source:
            self.rec.flag("funding_source", f"co-financing source not placed: {_excerpt(source)}")
