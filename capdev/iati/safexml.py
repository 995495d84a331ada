"""Safe, streamed reading of IATI activity files with lxml.iterparse.

No DTD is loaded, no entity is resolved, nothing is fetched from the network, huge trees are refused, and a
document with a DOCTYPE is refused outright: external entities (file:///etc/passwd) and entity expansion
("billion laughs") never get a chance. Elements are cleared as soon as they are handled, so memory stays flat
in the size of the file.
"""
from __future__ import annotations

from pathlib import Path
from typing import IO, Iterator

from django.utils.translation import gettext as _
from lxml import etree


class UnsafeXML(Exception):
    """A file that is not a readable, safe IATI activities document: refused with file, line and activity."""

    def __init__(self, message: str, line: int | None = None, activity: str = ""):
        super().__init__(message)
        self.message, self.line, self.activity = message, line, activity


PROLOG_BYTES = 64 * 1024


def _sniff(source) -> None:
    """Refuse a DOCTYPE in the prolog before the parser sees it."""
    if isinstance(source, (str, Path)):
        with open(source, "rb") as fh:
            head = fh.read(PROLOG_BYTES)
    else:
        pos = source.tell()
        head = source.read(PROLOG_BYTES)
        source.seek(pos)
    probe = head.replace(b"\x00", b"")  # UTF-16 files: look at the ASCII bytes
    if b"<!DOCTYPE" in probe or b"<!ENTITY" in probe:
        line = probe[:probe.find(b"<!")].count(b"\n") + 1
        raise UnsafeXML(_("a DOCTYPE (DTD) is not allowed in IATI files: external entities and entity expansion "
                          "are refused"), line)


def iter_activities(source: str | Path | IO[bytes]) -> Iterator[tuple[str, etree._Element]]:
    """Yield ("root", iati-activities element) first, then ("activity", element) for each iati-activity.

    The caller must finish with an activity before asking for the next: it is cleared afterwards.
    """
    _sniff(source)
    if isinstance(source, Path):
        source = str(source)
    context = etree.iterparse(source, events=("start", "end"), resolve_entities=False, load_dtd=False,
                              no_network=True, huge_tree=False, dtd_validation=False, remove_comments=True,
                              remove_pis=True)
    depth = 0
    root = None
    ident = ""
    try:
        for event, el in context:
            if event == "start":
                depth += 1
                if depth == 2:
                    ident = ""  # a new activity: until its identifier is read, findings name the one before
                if depth == 1:
                    root = el
                    info = el.getroottree().docinfo
                    if info.doctype or info.internalDTD is not None:
                        raise UnsafeXML(_("a DOCTYPE (DTD) is not allowed in IATI files"), el.sourceline)
                    if el.tag != "iati-activities":
                        raise UnsafeXML(_("wrong root element <%(tag)s>: an IATI activities file starts with "
                                          "<iati-activities>") % {"tag": _local(el.tag)}, el.sourceline)
                    version = el.get("version", "")
                    if not version.startswith("2."):
                        raise UnsafeXML(_("IATI version %(v)r is not supported: only 2.0x files can be read "
                                          "(convert 1.x files to 2.03 first)") % {"v": version}, el.sourceline)
                    yield "root", el
                continue
            depth -= 1
            if depth == 2 and el.tag == "iati-identifier":
                ident = (el.text or "").strip()
            elif depth == 1 and isinstance(el.tag, str) and el.tag == "iati-activity":
                ident = (el.findtext("iati-identifier") or "").strip()
                _reject_entities(el, ident)
                yield "activity", el
                el.clear(keep_tail=False)
                while el.getprevious() is not None:
                    del root[0]
            elif depth == 1 and root is not None:
                # Anything else directly under the root: not kept.
                el.clear(keep_tail=False)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else getattr(exc, "lineno", None)
        raise UnsafeXML(_("the XML is not well-formed (truncated or damaged file?): %(msg)s")
                        % {"msg": exc.msg}, line, ident) from exc


def _reject_entities(el: etree._Element, ident: str) -> None:
    for node in el.iter(etree.Entity):
        raise UnsafeXML(_("entity reference &%(name)s; refused: IATI files may not use entities") %
                        {"name": node.name}, node.sourceline, ident)


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else str(tag)
