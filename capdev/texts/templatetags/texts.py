"""A project's texts in the reader's language (capdev.texts.lookup), for templates:

    {% load texts %}{% translations_for projects %}
    <h1{{ project|shown_lang:"title" }}>{{ project|shown:"title" }}</h1>

`translations_for` reads the translations of a page's projects (or outcomes) in one query; `shown` is the
translation into the page's language where there is one, else the original; `shown_lang` marks it: a
translation with its language always, the original with its own where it is not the page's.
"""
from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import format_html

from capdev.texts import lookup

register = template.Library()


@register.simple_tag
def translations_for(objects, attribute: str = "") -> str:
    """Read the translations of these objects (a project, or a list of projects or outcomes) for the page, in one
    query; with attribute, of each object's attribute instead (`{% translations_for sheets "outcomes" %}`: the
    outcomes of every sheet, a list attribute flattened)."""
    if objects is None:
        return ""
    if not hasattr(objects, "__iter__"):
        objects = [objects]
    objects = list(objects)
    if attribute:
        found = []
        for obj in objects:
            value = getattr(obj, attribute, None)
            if isinstance(value, (list, tuple)):
                found.extend(value)
            elif value is not None:
                found.append(value)
        objects = found
    lookup.attach(objects)
    return ""


@register.filter
def shown(obj, field: str) -> str:
    """The text to show of obj's field: the page's language where translated, else the original."""
    return lookup.shown(obj, field)[0]


@register.filter
def shown_lang(obj, field: str) -> str:
    """` lang=".." dir=".."` for the text `shown` gives: always for a translation, for the original where its
    language is not the page's."""
    text, code, translated = lookup.shown(obj, field)
    if not code or (not translated and code == lookup.page_language()):
        return ""
    direction = "rtl" if code.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"
    if translated:
        return format_html(' lang="{}" dir="{}" data-translated="{}"', code, direction, lookup.original_language(obj))
    return format_html(' lang="{}" dir="{}"', code, direction)


@register.simple_tag
def translated_from(obj, field: str) -> str:
    """The name of the language obj's field was translated from, where the page shows it in translation; else ""."""
    from capdev.texts.models import language_name

    _text, _code, translated = lookup.shown(obj, field)
    if not translated:
        return ""
    original = lookup.original_language(obj)
    return language_name(original) if original in dict(settings.LANGUAGES) else original
