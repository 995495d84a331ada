"""The page's languages: the switcher's links and the hreflang alternates (`{% language_links as links %}`), the
language of a text that may differ from the page's (`{{ project|text_lang }}`), and the URLs that stay
unprefixed whatever the page's language (`{% unprefixed_url 'iati:activities' %}`): docs/languages.md."""
from __future__ import annotations

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext

from capdev.core.month_names import year_month as written

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per language of settings.LANGUAGES: its code, its name in itself, this page's URL in it (the
    same path and query), the absolute URL for hreflang, and whether it is the page's language."""
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    path = request.get_full_path()
    try:
        request.get_host()
        absolute = request.build_absolute_uri
    except DisallowedHost:  # the 400 page of a request for a host this site does not serve
        def absolute(url):
            return url
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        url = _in_language(path, current, code)
        links.append({"code": code, "name": info["name_local"], "url": url,
                      "absolute": absolute(url), "current": code == current,
                      "bidi": info["bidi"]})
    return links


def _in_language(path: str, current: str, code: str) -> str:
    """The path in another language: through the resolver (translate_url), else (a page that does not exist,
    whose 404 still offers the switcher) by changing the language prefix alone."""
    url = translate_url(path, code)
    if url != path or code == current:
        return url
    default = settings.LANGUAGE_CODE
    rest = path[len(current) + 1:] if current != default and path.startswith(f"/{current}/") else path
    return rest if code == default else f"/{code}{rest}"


@register.simple_tag
def unprefixed_url(name, *args, **kwargs) -> str:
    """reverse() in the default language: the one URL of a file or an export, whatever the page's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, args=args, kwargs=kwargs)


@register.filter
def text_lang(obj) -> str:
    """` lang="en" dir="ltr"` when the text of obj (a project, or a row of one) is in another language than the
    page, else nothing: an element says which language it is in only where that differs from the page's."""
    code = _language_of(obj)
    if not code or code == translation.get_language():
        return ""
    direction = "rtl" if code.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"
    return format_html(' lang="{}" dir="{}"', code, direction)


@register.filter
def in_text_lang(text, obj) -> str:
    """The text, isolated (<bdi>) and marked with obj's language where that is not the page's:
    `{{ a.title|in_text_lang:project }}`, for a record's words inside a sentence of the interface."""
    return in_language(text, _language_of(obj) if not isinstance(obj, str) else obj)


def in_language(text, code: str) -> str:
    """text escaped, wrapped in `<bdi lang dir>` when code is not the page's language (so that an English run
    in an Arabic page keeps its order and is read with an English voice); as it is otherwise."""
    if text in (None, ""):
        return ""
    if not code or code == translation.get_language():
        return conditional_escape(text)
    direction = "rtl" if code.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"
    return format_html('<bdi lang="{}" dir="{}">{}</bdi>', code, direction, text)


@register.simple_tag
def in_other_language_note(obj) -> str:
    """A visible note "(in English)" after a text in another language than the page's (screen readers already
    switch voice on its lang; a sighted reader is told too), nothing when the languages are the same."""
    code = _language_of(obj) if not isinstance(obj, str) else obj
    if not code or code == translation.get_language():
        return ""
    with translation.override(translation.get_language()):
        name = translation.get_language_info(code)["name_translated"]
    return format_html(' <span class="in-language muted small">{}</span>',
                       gettext("(in %(language)s)") % {"language": name})


@register.filter
def year_month(date) -> str:
    """`{{ d|year_month }}`: YEAR_MONTH_FORMAT, with Russian's month in lower case ("январь 2024 г.")."""
    return written(date) if date else ""


def _language_of(obj) -> str:
    for attr in ("language", "project", "outcome", "indicator"):
        value = getattr(obj, attr, None)
        if value is None:
            continue
        if isinstance(value, str):
            if value:
                return value
            continue  # a resource in no stated language: its project's
        return _language_of(value)
    return ""
