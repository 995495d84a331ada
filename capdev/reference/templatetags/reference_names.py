"""Countries', regions' and SDGs' names in the page's language (capdev.reference.names): `{{ country|local_name }}`
(HTML, an English name marked lang="en" where there is no translation; `{{ goal|local_name }}` the goal's short
title), `{{ country|local_name_text }}` (plain text, for a title or an attribute)."""
from django import template
from django.conf import settings

from capdev.reference import names

register = template.Library()


@register.filter
def local_name(obj) -> str:
    if obj is None or obj == "":
        return ""
    return names.local_name(obj)


@register.filter
def local_name_text(obj) -> str:
    if obj is None or obj == "":
        return ""
    return names.translated(obj) or names.english_name(obj)


@register.filter
def english(text) -> str:
    """Reference text kept in English only (SDG targets, funding sources): isolated and marked."""
    return names.in_language(text, settings.LANGUAGE_CODE)
