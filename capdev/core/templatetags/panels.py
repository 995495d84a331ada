"""`{% panels "slot" obj %}`: the sections other apps add to this page (capdev.core.panels)."""
from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from capdev.core.panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot: str, obj=None):
    """Render every panel registered for the slot, in order; the page's request is passed to each."""
    request = context.get("request")
    if request is None:
        return ""
    rendered = [render_to_string(p.template, {**p.context, "request": request}, request=request)
                for p in panels_for(slot, request, obj)]
    return mark_safe("".join(rendered))  # noqa: S308 - each part is a rendered (autoescaped) template
