"""A wiki page's source (MediaWiki markup) read as the page it shows, character for character in place.

Organisations keep project pages on wikis, and a copy of the page's source holds the facts in markup: an infobox
(`{{Infobox project | budget = USD 1.2 million}}`), headings between equals signs, a table written `{| ... |- ... |}`
with one cell per line. Read raw, "| budget = ..." is no label and a table's rows are one cell each. Here the markup
is blanked or rewritten within its own line, and the text keeps its length (offsets still index the file):
- a heading's equals signs, bold and italic quotes, a link's brackets and target, references and tags: blanked;
- an infobox's "| name = value" becomes "name: value";
- a table's cells ("| a", "! b", "|| c") join their row's line, each opening with "|", so that a row reads as a
  delimited row, one line per row; the table's own lines ("{|", "|-", "|}") are blanked.
Line by line: linear in the text's length.
"""
from __future__ import annotations

import re

from .in_place import padded

_HEADING = re.compile(r"^(={2,6})([^=\n].*?)(={2,6})\s*$")
_SIGNS = (
    re.compile(r"^={2,6}[^=\n]+={2,6}\s*$", re.M),
    re.compile(r"^\{\|", re.M),
    re.compile(r"\{\{\s*Infobox", re.I),
    re.compile(r"'''[^'\n]+'''"),
    re.compile(r"\[\[[^\]\n]+\]\]"),
    re.compile(r"<ref[ >]"),
)
_HEAD_CHARS = 4096
_PARAM = re.compile(r"^\s*\|\s*([^=|\n{}]{1,60}?)\s*=[ \t]*(.*)$")
_CELL_ATTRS = re.compile(r'^\s*(?:[\w-]+\s*=\s*(?:"[^"\n]*"|\'[^\'\n]*\'|[\w#%-]+)\s*)+\|(?!\|)')
_LINK = re.compile(r"\[\[(?:([^\]|\n]{0,200})\|)?([^\]\n]{0,300})\]\]")
_EXTERNAL = re.compile(r"\[(?:https?|ftp)://[^\s\]]{1,500}(?:\s([^\]\n]{0,300}))?\]")
_REF = re.compile(r"<ref[^>\n]{0,200}/>|<ref[^>\n]{0,200}>[^<]{0,2000}</ref>")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>|__[A-Z]{2,20}__")
_QUOTES = re.compile(r"'{2,5}")
_TEMPLATE_EDGE = re.compile(r"\{\{\s*[^|{}\n]{0,60}\|?|\}\}")
_ENTITIES = {"&nbsp;": " ", "&#160;": " ", "&ndash;": "-", "&mdash;": "-", "&euro;": "€", "&amp;": "&"}
_ENTITY_RUN = re.compile(r"[^\s&]{0,40}(?:&(?:nbsp|#160|ndash|mdash|euro|amp);[^\s&]{0,40}){1,8}")
_LIST = re.compile(r"^[*#:;]+")
_FILE_LINK = re.compile(r"^(?:File|Image|Fichier|Archivo|Imagen|Category|Catégorie|Categoría):", re.I)


def is_wikitext(first_chunk: str) -> bool:
    """Whether a text opens as a wiki page's source: two different signs of it in its first characters."""
    head = first_chunk[:_HEAD_CHARS]
    return sum(1 for sign in _SIGNS if sign.search(head)) >= 2


def _blank(s: str) -> str:
    return " " * len(s)


def _inline(line: str) -> str:
    """A line's inline markup blanked in place: references, tags, links, quotes, entities, templates' edges."""
    line = _REF.sub(lambda m: _blank(m.group(0)), line)
    line = _TAG.sub(lambda m: _blank(m.group(0)), line)

    def link(m: re.Match) -> str:
        target, shown = m.group(1), m.group(2)
        if _FILE_LINK.match(target or shown):
            return _blank(m.group(0))
        head = 2 + (len(target) + 1 if target is not None else 0)
        return " " * head + shown + "  "

    line = _LINK.sub(link, line)
    line = _EXTERNAL.sub(lambda m: _blank(m.group(0)) if m.group(1) is None else
                         " " * (m.start(1) - m.start()) + m.group(1) + " ", line)
    line = _QUOTES.sub(lambda m: _blank(m.group(0)), line)
    line = _ENTITY_RUN.sub(lambda m: padded(m.group(0), re.sub(r"&[#\w]+;", lambda e: _ENTITIES[e.group(0)],
                                                                 m.group(0))), line)
    return _TEMPLATE_EDGE.sub(lambda m: _blank(m.group(0)), line)


def _cells(line: str) -> str:
    """A table line's cells, each opening with "|": "! a !! b" and "| a || b" read "| a  | b"; a cell's attributes
    ('style="..." | text') are blanked with their bar."""
    lead = "|" if line[:1] in "|!" else line[:1]
    parts = line[1:].replace("!!", " |").replace("||", " |").split("|")
    out = [lead]
    for k, part in enumerate(parts):
        m = _CELL_ATTRS.match(part + "|") if k + 1 < len(parts) and "=" in part else None
        if m and m.end() == len(part) + 1:
            out.append(_blank(part) + " ")  # the bar after the attributes is no cell's edge
        else:
            out.append(part + ("|" if k + 1 < len(parts) else ""))
    return "".join(out)


def wikitext_as_text(text: str) -> str:
    """The text a wiki page's source shows, in place: the same length (see the module's docstring)."""
    lines = text.split("\n")
    out: list[str] = []
    depth = 0  # how deep in tables
    for k, line in enumerate(lines):
        stripped = line.lstrip()
        nxt = lines[k + 1].lstrip() if k + 1 < len(lines) else ""
        joins = False  # whether this line's newline becomes a space (a cell followed by a cell of its row)
        if stripped.startswith("{|"):
            depth += 1
            line, joins = _blank(line), True
        elif depth and stripped.startswith("|}"):
            depth -= 1
            line = _blank(line)
        elif depth and stripped.startswith("|+"):  # the table's caption, on a line of its own
            line = _inline(line.replace("|+", "  ", 1))
        elif depth and stripped.startswith("|-"):
            line, joins = _blank(line), True
        elif depth and stripped[:1] in "|!":
            line = _inline(_cells(line))
            joins = nxt[:1] in "|!" and not nxt.startswith(("|-", "|}", "|+"))
        elif (m := _PARAM.match(line)) and m.group(1).strip():
            # "| budget = USD 1.2 million" (an infobox's parameter): "budget: USD 1.2 million", padded at the end
            line = _inline(padded(line, f"{m.group(1).strip()}: {m.group(2)}"))
        elif (h := _HEADING.match(line)) is not None:
            line = " " * len(h.group(1)) + _inline(h.group(2)) + _blank(line[h.end(2):])
        else:
            line = _inline(_LIST.sub(lambda m: padded(m.group(0), "-"), line))
        out.append(line + (" " if joins and depth else "\n"))
    joined = "".join(out)
    return joined[:len(text)]
