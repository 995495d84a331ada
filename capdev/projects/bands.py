"""Budget bands: the list's budget filter and facet, over the sum of each project's counted budget lines."""
from __future__ import annotations

from decimal import Decimal

from django.db.models import Case, DecimalField, OuterRef, Q, Subquery, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from .models import Budget


class BudgetBand:
    """Budget bands over the sum of a project's budget lines (Budget.objects.counted; amounts as written, any
    currency)."""

    BANDS = [
        ("lt100k", _("Under 100,000"), None, Decimal("100000")),
        ("100k-500k", _("100,000 – 499,999"), Decimal("100000"), Decimal("500000")),
        ("500k-1m", _("500,000 – 999,999"), Decimal("500000"), Decimal("1000000")),
        ("1m-5m", _("1 – 5 million"), Decimal("1000000"), Decimal("5000000")),
        ("gt5m", _("5 million and more"), Decimal("5000000"), None),
    ]
    CODES = [b[0] for b in BANDS]
    LABELS = {b[0]: b[1] for b in BANDS}

    @classmethod
    def q(cls, code: str, field: str = "budget_total") -> Q:
        """The condition on an annotated total for one band (an unknown band matches nothing)."""
        for c, _label, low, high in cls.BANDS:
            if c == code:
                cond = Q(**{f"{field}__isnull": False})
                if low is not None:
                    cond &= Q(**{f"{field}__gte": low})
                if high is not None:
                    cond &= Q(**{f"{field}__lt": high})
                return cond
        return Q(pk__in=[])

    @classmethod
    def case(cls, field: str = "budget_total") -> Case:
        """An expression naming each row's band ("" with no budget line)."""
        return Case(*(When(cls.q(c, field), then=Value(c)) for c in cls.CODES), default=Value(""))


def budget_total() -> Subquery:
    """The sum of a project's budget lines (Budget.objects.counted), as a correlated subquery (no join, so no
    duplicate rows)."""
    lines = (Budget.objects.counted().filter(project=OuterRef("pk")).order_by()
             .values("project").annotate(s=Sum("amount")).values("s"))
    return Subquery(lines, output_field=DecimalField(max_digits=20, decimal_places=2))
