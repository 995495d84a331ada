"""A web page as saved from a browser: its main content as lines of text, without menus, footers or scripts.

The main content is the page's own statement of it (one <main> or role="main", else one <article>), else the
block readability-lxml scores highest. Then the renderer writes one line per block, keeping what the parser
reads: "Label: value" for a definition list, tab-separated cells for each row of a data table, list items
numbered or bulleted as the page shows them, headings on their own line.
"""
from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from .errors import SourceError
from .limits import Budget

# Dropped wherever they are: not content, or not text.
_NEVER = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
          "video", "audio", "map", "input", "select", "textarea", "button", "option", "datalist", "dialog",
          "nav", "aside", "head", "link", "meta")
# Dropped outside the main content (an article's own header holds its title).
_PAGE_CHROME = ("header", "footer")
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"}
_CHROME_CLASS = re.compile(r"(^|[\s_-])(breadcrumbs?|cookies?|cookie-?banner|skip-?link|share|sharing|social|"
                           r"sidebar|navbar|site-(header|footer)|menu|pager|pagination|visually-hidden|sr-only)"
                           r"($|[\s_-])", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCKS = {"address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl", "dt",
           "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
           "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
           "thead", "tr", "ul", "html"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CELL_BLOCKS = {"p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def _decode(data: bytes, name: str) -> str:
    """The page's characters: BOM, then the charset the page declares, then UTF-8, then Windows-1252."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = _CHARSET.search(data[:8192])
    if declared:
        try:
            return data.decode(codecs.lookup(declared.group(1).decode("ascii")).name, errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _parse(data: bytes, name: str) -> etree._Element:
    text = _decode(data, name)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses an encoding declaration in a str
    try:
        root = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(remove_comments=True,
                                                                                 remove_pis=True, no_network=True))
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"not a readable HTML page ({exc})", name=name) from None
    return root


def _drop(el: etree._Element) -> None:
    """Remove an element but keep its tail text (the text that follows it belongs to its parent)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + " " + el.tail
        else:
            parent.text = (parent.text or "") + " " + el.tail
    parent.remove(el)


def _is_chrome(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if (el.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    marks = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(marks.strip()) and bool(_CHROME_CLASS.search(marks)) and el.tag not in ("main", "article", "body")


def _clean(root: etree._Element) -> None:
    for el in list(root.iter(*_NEVER)):
        _drop(el)
    for el in list(root.iter(etree.Element)):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if _is_chrome(el):
            _drop(el)
        elif el.tag in _PAGE_CHROME and not any(a.tag in ("main", "article") or (a.get("role") or "") == "main"
                                                 for a in el.iterancestors()):
            _drop(el)


def _main_content(root: etree._Element, name: str) -> etree._Element:
    """The page's landmark for its main content, else readability's choice, else the body."""
    mains = root.xpath("//main | //*[@role='main']")
    mains = [m for m in mains if not any(a in mains for a in m.iterancestors())]
    if len(mains) == 1:
        return mains[0]
    articles = root.xpath("//article[not(ancestor::article)]")
    if len(articles) == 1:
        return articles[0]
    body = root.find("body")
    body = body if body is not None else root
    from readability import Document
    from readability.readability import Unparseable

    try:
        html = Document(lxml.html.tostring(root, encoding="unicode")).summary(html_partial=True)
        chosen = lxml.html.fragment_fromstring(html, create_parent="div")
    except (Unparseable, etree.ParserError, ValueError):
        return body
    # readability keeps the best-scoring block; a page that is a facts table with little prose can score
    # nothing: then the whole (cleaned) body is safer than a fragment.
    if len(" ".join(chosen.itertext()).split()) < 0.5 * len(" ".join(body.itertext()).split()):
        return body
    return chosen


class _Renderer:
    """Writes blocks as lines; inline text is gathered into the current line with spaces collapsed."""

    def __init__(self, budget: Budget):
        self.budget = budget
        self.lines: list[str] = []
        self.current: list[str] = []
        self.blocks = 0

    def inline(self, text: str | None) -> None:
        if text:
            self.current.append(text)

    def newline(self) -> None:
        line = _SPACES.sub(" ", "".join(self.current)).strip()
        self.current = []
        if line:
            self.lines.append(line)
            self.budget.add_text(line, f"line {len(self.lines)}")

    def blank(self) -> None:
        self.newline()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def render(self, el: etree._Element, prefix: str = "", depth: int = 0) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        self.blocks += 1
        if self.blocks % 500 == 0:
            self.budget.check_time(f"element {self.blocks}")
        if tag == "br":
            self.newline()
        elif tag in _HEADINGS:
            self.blank()
            self._line(self._text(el))
        elif tag in ("ul", "ol"):
            self.newline()
            self._list(el, depth)
        elif tag == "dl":
            self.newline()
            self._definitions(el, depth)
        elif tag == "table":
            self.newline()
            self._table(el, depth)
        elif tag == "pre":
            self.newline()
            for line in "".join(el.itertext()).splitlines():
                self.lines.append(line.rstrip())
        elif tag in _BLOCKS:
            self.newline()
            self.inline(prefix)
            self._children(el, depth)
            self.newline()
        else:
            self._children(el, depth)
        if el.tail and tag not in ("html",):
            self.inline(el.tail)

    def _children(self, el: etree._Element, depth: int) -> None:
        self.inline(el.text)
        for child in el:
            self.render(child, depth=depth)

    @staticmethod
    def _text(el: etree._Element) -> str:
        return _SPACES.sub(" ", " ".join(t for t in el.itertext())).strip()

    def _list(self, el: etree._Element, depth: int) -> None:
        ordered = el.tag == "ol"
        try:
            number = int(el.get("start") or 1)
        except ValueError:
            number = 1
        indent = "  " * depth
        for item in el:
            if item.tag != "li":
                self.render(item, depth=depth)
                continue
            mark = f"{number}. " if ordered else "• "
            number += 1
            self.newline()
            self.inline(indent + mark)
            self.inline(item.text)
            for child in item:
                if child.tag in ("ul", "ol"):
                    self.newline()
                    self._list(child, depth + 1)
                    self.inline(child.tail)
                else:
                    self.render(child, depth=depth + 1)
            self.newline()

    def _definitions(self, el: etree._Element, depth: int) -> None:
        label = None
        # dt/dd pairs, directly under the list or in the <div> wrappers HTML allows around each pair.
        items = [c for c in el if c.tag in ("dt", "dd")] or [g for d in el if d.tag == "div" for g in d
                                                                  if g.tag in ("dt", "dd")]
        for item in items:
            if item.tag == "dt":
                if label is not None:
                    self._line(label)
                label = self._text(item)
                continue
            value = self._text(item)
            if label is not None:
                self._line(f"{label}{' ' if label.endswith(':') else ': '}{value}")
                label = None
            else:
                self._line(value)
        if label is not None:
            self._line(label)

    def _line(self, text: str) -> None:
        self.newline()
        self.inline(text)
        self.newline()

    def _table(self, el: etree._Element, depth: int) -> None:
        rows = [tr for tr in el.iter("tr") if _nearest(tr, "table") is el]
        cells = [[c for c in tr if c.tag in ("td", "th")] for tr in rows]
        layout = any(_is_layout_cell(c) for row in cells for c in row)
        caption = el.find("caption")
        if caption is not None:
            self.inline(self._text(caption))
            self.newline()
        for row in cells:
            if layout:
                # A table used to lay a page out: its cells are blocks of their own, not columns of data.
                for cell in row:
                    self.render_cell_as_block(cell, depth)
                continue
            texts = [self._text(c).replace("\t", " ") for c in row]
            if any(texts):
                self.newline()
                self.lines.append("\t".join(texts).rstrip("\t"))
                self.budget.add_text(self.lines[-1], f"table row {len(self.lines)}")
        self.newline()

    def render_cell_as_block(self, cell: etree._Element, depth: int) -> None:
        self.newline()
        self._children(cell, depth)
        self.newline()

    def text(self) -> str:
        self.newline()
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        while self.lines and self.lines[0] == "":
            self.lines.pop(0)
        return "\n".join(self.lines) + "\n" if self.lines else ""


def _is_layout_cell(cell: etree._Element) -> bool:
    """A cell holding a table, or several paragraphs, list items or headings: the table lays out a page.
    (One paragraph per cell is how word processors write every data table.)"""
    inner = [x for x in cell.iter(*_CELL_BLOCKS, "li") if x is not cell]
    return any(x.tag == "table" for x in inner) or len(inner) > 1


def _nearest(el: etree._Element, tag: str) -> etree._Element | None:
    for a in el.iterancestors():
        if a.tag == tag:
            return a
    return None


def html_to_text(data: bytes, budget: Budget, notes: list[str]) -> str:
    """The main content of a saved web page as lines of text."""
    root = _parse(data, budget.name)
    _clean(root)
    main = _main_content(root, budget.name)
    renderer = _Renderer(budget)
    # A page whose title heading sits above its <main> (in the page header, say) keeps it as the first line.
    if not main.xpath(".//h1"):
        h1s = root.xpath("//h1")
        if len(h1s) == 1:
            renderer.render(h1s[0])
    renderer.render(main)
    text = renderer.text().translate(_ZERO_WIDTH)
    notes.append(f"HTML: main content {main.tag}{'#' + main.get('id') if main.get('id') else ''}, "
                 f"{text.count(chr(10))} lines")
    return text
