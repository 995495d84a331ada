"""Content negotiation whose unknown `?format=` is a 400 naming the parameter (DRF answers it with a bare 404)."""
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class FormatNegotiation(DefaultContentNegotiation):
    """DRF's negotiation; a format no renderer gives is a ValidationError on `format`."""

    def filter_renderers(self, renderers, format):
        try:
            return super().filter_renderers(renderers, format)
        except Http404:
            raise ValidationError({self.settings.URL_FORMAT_OVERRIDE or "format": [
                _("“%(value)s” is not one of %(values)s.")
                % {"value": str(format)[:40], "values": ", ".join(r.format for r in renderers)}]}) from None
