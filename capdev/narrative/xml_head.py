"""What an XML document opens with: its root element's name, read from the head of the text without an XML parser.

A text is XML when it opens with an XML declaration, or with a root element that declares a namespace (a plain
text that happens to begin with "<" is neither). Feeds (feeds.py) are read one record per entry; an IATI file is
refused, with where to import it instead (its facts are attributes and codes, which the IATI importer reads and
the narrative reader would lose); any other XML (a content management system's export, XHTML saved as .xml) is
read as text with its markup blanked in place (feeds.blank_markup), so that offsets still index the file.

No entity is expanded and nothing is fetched. Each comment's body is matched one way only (it never holds "-->"),
so that a head of many comments before any root costs one pass: a lazy body that could stretch over the next
comment made the match backtrack exponentially.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

HEAD_CHARS = 24000
_HEAD = re.compile(r"^\ufeff?\s*(?P<decl><\?xml[^>]{0,200}\?>\s*)?(?:<!--(?:(?!-->).){0,2000}-->\s*){0,100}"
                   r"(?:<!DOCTYPE[^>\[]{0,500}(?P<subset>\[.{0,20000}?\]\s*)?>\s*)?"
                   r"<(?P<root>[A-Za-z_][\w.-]{0,60}(?::[A-Za-z_][\w.-]{0,60})?)(?P<attrs>[^<>]{0,4000})>?",
                   re.DOTALL)
FEED_ROOTS = frozenset({"feed", "rss", "rdf:RDF"})
IATI_ROOTS = frozenset({"iati-activities", "iati-organisations"})


@dataclass(frozen=True)
class XmlHead:
    root: str
    declares_entities: bool  # a DOCTYPE with an internal subset: what a billion laughs needs, and no record does

    @property
    def is_feed(self) -> bool:
        return self.root in FEED_ROOTS

    @property
    def is_iati(self) -> bool:
        return self.root in IATI_ROOTS


def xml_head(text: str) -> XmlHead | None:
    """The head of an XML document (its root's name), or None when the text does not open as XML."""
    m = _HEAD.match(text[:HEAD_CHARS])
    if m is None:
        return None
    root = m.group("root")
    if not (m.group("decl") or root in FEED_ROOTS | IATI_ROOTS or "xmlns" in m.group("attrs")):
        return None  # "<Project title>" opening a plain text is no markup
    return XmlHead(root, bool(m.group("subset")))
