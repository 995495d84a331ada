"""Template helpers of the people pages."""
from django import template

register = template.Library()


@register.filter
def item(mapping, key):
    """mapping[key], or None (dictionaries keyed by ids in templates)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def cell_at(cells, index):
    """The index-th cell of a row as written ("" past its end)."""
    try:
        return cells[int(index)]
    except (IndexError, ValueError, TypeError):
        return ""


@register.simple_tag
def threshold():
    """The smallest count a public figure shows (CAPDEV_PEOPLE_SMALL_COUNT)."""
    from capdev.people.privacy import threshold as value

    return value()
