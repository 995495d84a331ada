"""`capdev load-reference`: regions, countries, SDGs, currencies, and the known units, organisations and funding
sources."""
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from capdev.organisations.loading import load_funding_sources, load_organisations, load_units
from capdev.reference.loading import load_reference


class Command(BaseCommand):
    """Load the reference tables from ISO 3166 / ISO 4217 (pycountry), UN M49 and the UN SDG list."""

    help = _(
        "Load or refresh the reference data: UN M49 regions and groupings, ISO 3166-1 countries "
        "(with UN membership, SIDS, LDC and LLDC), the 17 SDGs and 169 targets, and ISO 4217 currencies. "
        "Safe to run again: existing rows are updated, none are duplicated or deleted."
    )

    def handle(self, *args, **options) -> None:
        """Run the loader and print one summary line per table."""
        for result in load_reference():
            self.stdout.write(result.summary())
        created, updated = load_units()
        self.stdout.write(_("organisational units: %(c)d created, %(u)d updated") % {"c": created, "u": updated})
        created, aliases = load_organisations()
        self.stdout.write(_("organisations: %(c)d created, %(a)d aliases added") % {"c": created, "a": aliases})
        created = load_funding_sources()
        self.stdout.write(_("funding sources: %(c)d created") % {"c": created})
        self.stdout.write(self.style.SUCCESS(_("Reference data loaded.")))
