"""Finding interface text left in English on a page in another language (test_every_page_translated.py).

A page is read as a reader would see it: its visible text and the attributes read aloud (title, aria-label, alt,
placeholder), each with the language the page says it is in (the nearest `lang`). Text marked with another
language (a project's English summary on a French page: lang="en") is that language's, as it should be. Of the
rest, a piece is English left over when

- it is the same in the English rendering of the page (a translated string, even by Django's own catalogues,
  differs from it), and
- once the strings of a pseudo-translation (⟦...⟧) are taken out, it still has a word in Latin letters that is
  not the registry's data (names of countries, units, partners, people, the projects' texts: any text value
  held in the database) nor an acronym (CSV, IATI, SDG).

With the pseudo-translation catalogue every string that went through gettext comes out in ⟦ ⟧: what is left is
a string that did not (not wrapped, or not extracted: `make messages`). With the real catalogues the same test
finds the strings the translators have not translated yet.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from lxml import html as lxml_html

OPEN, CLOSE = "⟦", "⟧"
READ_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
NOT_READ = {"script", "style", "template", "noscript", "head"}
# Cut a piece into the parts that may each be one value (a list of countries, "Kenya (3)", "PACB – name").
SEPARATORS = re.compile(r"[\n,;:·•|/()\[\]«»“”\"'’‘–—…?!*+=#%&<>{}→←›‹]|\s-\s|\.\s|\.$|^\.|\s{2,}")
WORD = re.compile(r"[A-Za-z][A-Za-z]+")
PSEUDO = re.compile(rf"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")


def build_pseudo_catalogues(locale_dir: Path, out_dir: Path, languages: list[str]) -> None:
    """For each language, a catalogue where every string of capdev/locale's is itself in ⟦ ⟧ (gettext's msgen,
    msgfilter and msgfmt: Debian's gettext package)."""
    for lang in languages:
        source = locale_dir / lang / "LC_MESSAGES" / "django.po"
        target = out_dir / lang / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        # Every translation emptied first (msgfilter with `sed -e d`), as msgen fills only the empty ones: the
        # pseudo-translation is the English of every string, translated or not.
        emptied = subprocess.run(["msgfilter", "--keep-header", "-i", str(source), "sed", "-e", "d"], check=True,
                                 capture_output=True).stdout
        english = subprocess.run(["msgen", "-"], input=emptied, check=True, capture_output=True).stdout
        english = all_plural_forms(english.decode("utf-8")).encode("utf-8")
        pseudo = subprocess.run(["msgfilter", "--keep-header", "sed", "-e", f"1s/^/{OPEN}/", "-e", f"$s/$/{CLOSE}/"],
                                input=english, check=True, capture_output=True).stdout
        subprocess.run(["msgfmt", "-o", str(target / "django.mo"), "-"], input=pseudo, check=True,
                       capture_output=True)


def all_plural_forms(po: str) -> str:
    """Every plural entry with all the forms its language has, in English: msgen leaves the plural entries of a
    catalogue whose language has more than two forms (Arabic six, Russian three) empty, and gettext skips an
    entry with an empty form. An empty form becomes the msgid (form 0) or the msgid_plural (the others)."""
    match = re.search(r"nplurals=(\d+)", po)
    nplurals = int(match.group(1)) if match else 2
    out = []
    for block in po.split("\n\n"):
        if "\nmsgid_plural " not in "\n" + block:
            out.append(block)
            continue
        head, parts, current = [], {}, None
        for line in block.split("\n"):
            keyword = re.match(r"(msgid_plural|msgid|msgstr\[\d+\])\s", line)
            if keyword:
                current = keyword.group(1)
                parts[current] = [line[len(current):].strip()]
            elif current is not None and line.startswith('"'):
                parts[current].append(line)
            else:
                head.append(line)
        lines = head + [f"msgid {parts['msgid'][0]}", *parts["msgid"][1:],
                        f"msgid_plural {parts['msgid_plural'][0]}", *parts["msgid_plural"][1:]]
        for n in range(nplurals):
            form = parts.get(f"msgstr[{n}]")
            if not form or (form == ['""']):
                form = parts["msgid"] if n == 0 else parts["msgid_plural"]
            lines += [f"msgstr[{n}] {form[0]}", *form[1:]]
        out.append("\n".join(lines))
    return "\n\n".join(out).rstrip("\n") + "\n"


def pieces(body: str, fragment_lang: str = "") -> tuple[str, list[str]]:
    """The page's language and its readable text in the page's language, piece by piece. A fragment (what htmx
    swaps into a page) has no <html lang>: it is in the language it was asked in, fragment_lang."""
    root = lxml_html.document_fromstring(body)
    is_fragment = not re.search(r"<html[\s>]", body[:2000], re.I)
    page_lang = fragment_lang if is_fragment else (root.get("lang") or "").lower()
    if is_fragment:
        root.set("lang", page_lang)
    found: list[str] = []

    def walk(el, lang: str) -> None:
        if not isinstance(el.tag, str):  # a comment
            return
        # lang="" says the language is unknown (the cells of an uploaded sheet): not the page's either.
        lang = lang if el.get("lang") is None else el.get("lang").lower()
        if el.tag in NOT_READ:
            return
        if lang == page_lang:
            if el.text and el.text.strip():
                found.append(el.text.strip())
            for name in READ_ATTRIBUTES:
                if el.get(name):
                    found.append(el.get(name).strip())
            if el.tag == "input" and el.get("type") in ("submit", "button") and el.get("value"):
                found.append(el.get("value").strip())
        for child in el:
            walk(child, lang)
            if child.tail and child.tail.strip() and lang == page_lang:
                found.append(child.tail.strip())

    walk(root, page_lang)
    return page_lang, found


class Data:
    """The registry's text values: each whole, and each cut as pieces are (a "Kenya, Uganda" piece is two
    values); a long part found anywhere in them (a title cut short with "…") is data too."""

    LONG = 25

    def __init__(self, values: set[str]):
        self.blob = "\n".join(sorted(values))
        self.parts = set(values)
        for value in values:
            self.parts.update(p.strip() for p in SEPARATORS.split(value))

    def __contains__(self, part: str) -> bool:
        return part in self.parts or (len(part) >= self.LONG and part in self.blob)


def english_left(piece: str, english: set[str], data: Data) -> list[str]:
    """The parts of a piece that are English left over (see the module's docstring); [] when none."""
    if piece not in english:
        return []
    rest = _without_cut_data(piece, data)
    while True:
        stripped = PSEUDO.sub(" ", rest)
        if stripped == rest:
            break
        rest = stripped
    left = []
    for part in SEPARATORS.split(rest):
        part = part.strip()
        words = [w for w in WORD.findall(part) if not w.isupper()]
        if words and part not in data:
            left.append(part)
    return left


def _without_cut_data(piece: str, data: Data) -> str:
    """The piece without the data cut short in it ("… at Webinar on “Innovation, Digital Gov…"): before each
    "…", the longest run of whole words that the data holds."""
    def cut(match: re.Match) -> str:
        text = match.group(1)
        starts = [0] + [m.end() for m in re.finditer(r"\s+", text)]
        for start in starts:
            tail = text[start:].strip()
            if len(tail) >= 4 and tail in data.blob:
                return text[:start] + " "
        return match.group(0)
    return re.sub(r"([^…\n]+)…", cut, piece)


# Models whose text is an original as it came (shown, if at all, marked with its language), not data a page
# shows as such: left out, or the labels in those originals ("Objective:") would hide the same words left in
# English in the interface.
ORIGINALS = {"projects.SourceRecord", "projects.SourceFile"}


def data_text(models) -> Data:
    """Every text value of the database's rows, one per line: what a page shows as data, not as interface."""
    from django.db import models as m

    values: set[str] = set()
    for model in models:
        if model._meta.label in ORIGINALS or model.__name__.startswith("Historical"):
            continue
        fields = [f.attname for f in model._meta.concrete_fields
                  if isinstance(f, (m.CharField, m.TextField, m.JSONField))]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                for text in _strings(value):
                    values.add(text)
                    values.add(" ".join(text.split()))
    return Data(values)


def _strings(value):
    """The strings in a value: itself, or those inside a JSON value (a sheet's rows as read)."""
    if isinstance(value, str):
        if value:
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
