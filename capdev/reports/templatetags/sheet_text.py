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


@register.filter
def isolate(text):
    """The text between Unicode's first-strong isolate and its closing mark: laid out in its own direction inside
    a line of the page's (English names in an Arabic sheet). WeasyPrint lays out `dir` on blocks but not on inline
    elements, so a PDF isolates inline text this way; Pango follows the marks."""
    text = str(text or "")
    return f"\u2068{text}\u2069" if text else text
