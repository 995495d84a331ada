"""News feeds (Atom, RSS 2.0, RSS 1.0/RDF): one record per entry that tells of a project, its HTML read as text.

The feed is never parsed as XML (no entity is expanded, no DTD or schema fetched): its markup is blanked where it
stands, so that the text keeps its length and every offset the parser reports indexes the file as decoded. A tag
becomes spaces (a line break first when it closes a block: a paragraph, a list item, a line break, an element of
the feed), an entity its character padded with spaces, an escaped tag of an entry's HTML ("&lt;p&gt;") the same as
a tag; italics ("<em>", "<i>", "<cite>") become quotes, as the name of a work is quoted in plain text. The feed's
own bookkeeping (ids, links, dates of publication and update, authors, rights) is blanked with its tags.

Each entry is a news item: a record when it tells of a project (message_breaks.tells_a_project); an entry that
tells of none (a webinar, a survey's launch) or of a project an earlier record already holds (the same code or
quoted name) is kept, unplaced, with the record before it (the feed's head with the first record).
"""
from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator

from .blocks import Block, RawRecord
from .limits import MAX_RECORD_CHARS
from .message_breaks import tells_a_project
from .types import Record
from .values.prose import project_name
from .xml_head import xml_head

_ITEM = re.compile(r"<(/?)(entry|item)\b[^<>]{0,500}>")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]{0,40})\b[^<>]{0,1000}?(/?)>"
                  r"|&lt;(/?)([A-Za-z][\w:.-]{0,40})\b(?:[^&<>]|&(?!gt;|lt;)){0,1000}?&gt;"
                  r"|<!\[CDATA\[|\]\]>|<\?[^<>]{0,300}\?>", re.DOTALL)
_ENTITY = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));")
# The feed's bookkeeping: blanked with its content.
_BOOKKEEPING = re.compile(r"<((?:atom:)?(?:id|guid|link|updated|published|pubDate|lastBuildDate|name|"
                          r"dc:creator|dc:date|rights|copyright|generator|icon|logo|uri|email|comments|"
                          r"wfw:commentRss|slash:comments|ttl|docs))\b[^<>]{0,1000}(?:/>|>[^<]{0,1000}</\1\s*>)")
_TITLE = re.compile(r"<title\b[^<>]{0,200}>(.{0,2000}?)</title\s*>", re.DOTALL)
_TERM = re.compile(r"<category\b[^<>]{0,500}?\bterm=\"([^\"<>&]{1,100})\"[^<>]{0,500}?/?>")
_DATED = re.compile(r"<(?:updated|lastBuildDate|pubDate|dc:date)\b[^>]{0,100}>\s*([^<]{4,60}?)\s*<")
_ISO = re.compile(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)")
_RFC = re.compile(r"^(?:\w{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\w*\s+((?:19|20)\d\d)")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BLOCK_TAGS = frozenset({"p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4",
                         "h5", "h6", "blockquote", "section", "article", "hr", "dd", "dt", "feed", "rss", "channel",
                         "entry", "item", "title", "summary", "content", "description", "subtitle", "category",
                         "content:encoded", "media:description"})
_QUOTING = frozenset({"em", "i", "cite", "q"})
MAX_FEED_CHARS = 20 * MAX_RECORD_CHARS  # a feed or other XML is held whole to blank its markup


def is_feed(head: str) -> bool:
    """Does a text open as an Atom or RSS feed?"""
    found = xml_head(head)
    return bool(found and found.is_feed)


def _spaces(s: str) -> str:
    return "".join(ch if ch in "\r\n" else " " for ch in s)


def _tag(m: re.Match) -> str:
    s = m.group(0)
    name = (m.group(2) or m.group(5) or "").lower()
    closing = bool(m.group(1) or m.group(4))
    if name in _QUOTING and len(s) > 1:
        return "\u201d" + _spaces(s[1:]) if closing else _spaces(s[:-1]) + "\u201c"  # the quote by the name
    if name in _BLOCK_TAGS and "\n" not in s:
        return "\n" + _spaces(s[1:])
    return _spaces(s)


def _entity(m: re.Match) -> str:
    s = m.group(0)
    try:
        if m.group(1) or m.group(2):
            ch = chr(int(m.group(1)) if m.group(1) else int(m.group(2), 16))
        else:
            ch = html.entities.html5.get(m.group(3) + ";", "")
    except (ValueError, OverflowError):
        ch = ""
    if len(ch) != 1 or ch in "<>" or (ord(ch) < 32 and ch not in "\t"):
        return _spaces(s)
    return (" " if ch == "\u00a0" else ch) + " " * (len(s) - 1)


def _term(m: re.Match) -> str:
    """An Atom category's term kept as a line of text ("SDG 16", "Public finance"), its tag blanked."""
    a, b = m.span(1)
    s, at = m.group(0), m.start()
    return "\n" + _spaces(s[1 : a - at]) + m.group(1) + _spaces(s[b - at :])


def _blank_between(text: str, opening: str, closing: str) -> str:
    """Every stretch from opening to closing blanked (one left open: to the end), in one pass."""
    parts, pos = [], 0
    while True:
        a = text.find(opening, pos)
        if a < 0:
            break
        b = text.find(closing, a + len(opening))
        b = len(text) if b < 0 else b + len(closing)
        parts += [text[pos:a], _spaces(text[a:b])]
        pos = b
    return "".join(parts) + text[pos:]


def blank_markup(text: str) -> str:
    """The feed's text with its markup and bookkeeping blanked, entities as their characters: the same length."""
    text = _blank_between(text, "<!--", "-->")
    doctype = text.find("<!DOCTYPE")
    subset = doctype >= 0 and "[" in text[doctype : doctype + 2000].split(">", 1)[0]
    text = _blank_between(text, "<!DOCTYPE", "]>" if subset else ">")  # its internal subset too: nothing expanded
    text = _BOOKKEEPING.sub(lambda m: _spaces(m.group(0)), text)
    text = _TERM.sub(_term, text)
    text = _TAG.sub(_tag, text)
    return _ENTITY.sub(_entity, text)


def entries(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, title start, title end) of each entry or item of a feed's original text (its tags paired in one
    pass: an entry left open ends at the next one)."""
    out = []
    opened: tuple[int, int] | None = None
    for m in _ITEM.finditer(text):
        if not m.group(1):
            opened = (m.start(), m.end())
            continue
        if opened is None:
            continue
        (a, body), opened = opened, None
        t = _TITLE.search(text, body, m.start())
        out.append((a, m.end(), t.start(1) if t else body, t.end(1) if t else body))
    return out


def feed_records(original: str, text: str) -> Iterator[RawRecord]:
    """The raw records of a feed: original is the text as decoded (for the entries' bounds), text its blanked copy."""
    found = entries(original)
    if not found:
        return
    records: list[RawRecord] = []
    names: set[str] = set()
    pending: list[Block] = [Block("chrome", "chrome", 0, found[0][0], 0)] if found[0][0] else []
    bounds = [(a, found[n + 1][0] if n + 1 < len(found) else len(text), ta, tb) for n, (a, _b, ta, tb)
              in enumerate(found)]
    for a, b, ta, tb in bounds:
        body = text[tb:b]
        name = project_name(body)
        if tells_a_project(body) and not (name and name in names):
            blocks = [Block("heading", "heading", a, tb, tb), Block("summary", "prose", tb, b, tb)]
            if ta < tb:
                blocks[0:1] = [Block("heading", "heading", a, ta, ta), Block("heading", "heading", ta, tb, tb)]
            records.append(RawRecord(pending + blocks, news=True))
            pending = []
            if name:
                names.add(name)
        elif records:
            records[-1].blocks.append(Block("unparsed", "text", a, b, a))
        else:
            pending.append(Block("unparsed", "text", a, b, a))
    yield from records


def feed_file(original: str, source_file: str | None, relater) -> Iterator[Record]:
    """The records of a feed (InputError when no entry tells of a project), dated and related as a page's."""
    from .assemble import assemble
    from .errors import InputError
    from .values.status_dates import HEAD_CHARS, document_date, infer_status

    text = blank_markup(original)
    found = entries(original)
    when = _feed_date(original[: found[0][0] if found else HEAD_CHARS]) or document_date(text[:HEAD_CHARS])
    index = 0
    for raw in feed_records(original, text):
        record = assemble(text, raw, index, source_file)
        infer_status(record, when)
        relater.add(record)
        index += 1
        yield record
    if not index:
        raise InputError("a feed whose entries tell of no project", name=source_file or "<input>")


def _feed_date(head: str):
    """The date the feed was last updated, stated before its first entry (ISO 8601 or RFC 822), or None."""
    from .types import PartialDate

    m = _DATED.search(head)
    if m is None:
        return None
    iso, rfc = _ISO.match(m.group(1)), _RFC.match(m.group(1))
    try:
        if iso:
            return PartialDate(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if rfc and rfc.group(2).lower() in _MONTHS:
            return PartialDate(int(rfc.group(3)), _MONTHS.index(rfc.group(2).lower()) + 1, int(rfc.group(1)))
    except ValueError:
        return None
    return None
