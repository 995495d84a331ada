"""Template helpers for the total cards: a figure's size class, so that a long one shrinks to stay whole."""
from django import template

register = template.Library()

# (at least this many characters, class): the card's CSS gives each a font size that fits the figure on one
# line (capdev.css, "Dashboard"): a budget can run to thirteen digits and more, and a number broken over two
# lines ("1,339,347,6" / "22") reads as two numbers.
FIGURE_SIZES = ((18, "figure-longest"), (14, "figure-longer"), (10, "figure-long"))


@register.filter
def figure_size(text) -> str:
    """The size class of a figure as written ("1,339,347,622": "figure-long"); "" for a short one."""
    length = len(str(text))
    return next((name for least, name in FIGURE_SIZES if length >= least), "")
