"""Texts on a printed sheet, shortened to what its limits allow (capdev.reports.capping)."""
from django import template

from capdev.reports import capping

register = template.Library()


@register.filter
def shorten(text, chars):
    """The text cut at a sentence's (else a word's) end within `chars` characters; whole if it fits."""
    return capping.shorten(str(text or ""), int(chars))


@register.filter
def is_cut(text, chars) -> bool:
    """Whether `shorten` cuts the text at these many characters."""
    return capping.is_cut(str(text or ""), int(chars))
