"""XML that is neither a feed nor IATI (a projects database's export, a site's content export) read as text.

Such exports say what a value is by the element that holds it (`<budget>USD 640,000</budget>`) or by an attribute
of it (`<field name="Budget">`). Both are the value's label: a leaf element's opening tag becomes its label and a
colon ("\\nbudget:" in place of "<budget>", "\\nBudget:" padded with spaces in place of `<field name="Budget">`),
hyphens and underscores read as spaces ("start-date", "project_code"), so that the label table reads the pair as it
reads a labelled line; the rest of the markup is blanked as a feed's is (feeds.blank_markup). The text keeps its
length, so every offset still indexes the file. HTML's own elements (a paragraph, a cell, an emphasis) are markup,
never labels.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import InputError, LimitExceeded
from .feeds import MAX_FEED_CHARS, blank_markup
from .xml_head import xml_head

# A leaf element: its opening tag, its text (no markup in it), its closing tag. The text stops at the next "<", so
# each match is bounded by the distance to the next tag: one pass over the file.
_LEAF = re.compile(r"<(?P<name>[A-Za-z_][\w.-]{0,60}(?::[A-Za-z_][\w.-]{0,60})?)(?P<attrs>(?:\s[^<>]{0,1000})?)>"
                   r"(?P<text>[^<]{1,20000})</(?P=name)\s*>")
_NAMING = re.compile(r"""\b(?:name|label|key|field|title)\s*=\s*["']([^"'<>&]{1,60})["']""")
_HTML = frozenset("a abbr b big blockquote body br center cite col dd del div dl dt em font h1 h2 h3 h4 h5 h6 head "
                  "hr html i img ins kbd li mark ol p pre q s samp small span strike strong sub sup table tbody td "
                  "tfoot th thead tr tt u ul var".split())


def _labelled(m: re.Match) -> str:
    whole = m.group(0)
    name = m.group("name")
    local = name.rsplit(":", 1)[-1]
    if local.lower() in _HTML or not m.group("text").strip():
        return whole
    named = _NAMING.search(m.group("attrs") or "")
    label = re.sub(r"[-_.]+", " ", named.group(1) if named else local).strip()
    tag_end = m.start("text") - m.start()
    if not label or len(label) + 2 > tag_end:
        return whole
    return "\n" + label + ":" + " " * (tag_end - len(label) - 2) + whole[tag_end:]


def xml_as_text(text: str) -> str:
    """The text of an XML document, each leaf's element (or naming attribute) as its label: the same length."""
    return blank_markup(_LEAF.sub(_labelled, text))


def read_markup(chunks: Iterable[str]) -> tuple[Iterable[str], str | None]:
    """(the chunks, None) for a text that is no XML; (_, the whole text) for a feed (feeds.feed_file reads it);
    (the text read as text, None) for other XML. InputError for an IATI file and for XML that declares its own
    entities; LimitExceeded for XML longer than a feed may be (the whole document is held to blank its markup)."""
    it = iter(chunks)
    first = next(it, "")
    head = xml_head(first)
    if head is None:
        return (c for part in ([first], it) for c in part), None
    if head.declares_entities:  # "<!DOCTYPE rss [<!ENTITY lol ...>]>": what no record needs, a billion laughs may
        raise InputError("an XML file that declares its own entities (a DOCTYPE with an internal subset) is not read")
    if head.is_iati:
        raise InputError(f"an IATI file (<{head.root}>): its activities are imported as IATI (`capdev import-iati`, "
                         "or the import page), not read as narrative records")
    parts, size = [first], len(first)
    for chunk in it:
        parts.append(chunk)
        size += len(chunk)
        if size > MAX_FEED_CHARS:
            raise LimitExceeded(f"an XML file longer than {MAX_FEED_CHARS} characters")
    if head.is_feed:
        return (), "".join(parts)
    return iter([xml_as_text("".join(parts))]), None
