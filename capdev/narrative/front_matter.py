"""A document's front matter: the letterhead, "Distr.: General", the document symbol, its date, "Original: English",
the cover page and the table of contents. They come before the records of an official report, a decree or a
newsletter and are not a record, however many project words (a title, a year) they hold."""
from __future__ import annotations

import re

from .layout import split_lines

# Lines that are front matter whatever the paragraph around them, in English, French and Spanish.
_MARK = re.compile(
    r"^\s*(?:distr\.?\s*[:.]?\s*(?:general|g[ée]n[ée]rale|limited|limit[ée]e|limitada|restricted|restreinte|"
    r"reservada)\b|original\s*:\s*(?:english|french|spanish|arabic|chinese|russian|anglais|fran[çc]ais|espagnol|"
    r"ingl[ée]s|franc[ée]s|espa[ñn]ol)\b|(?:table\s+of\s+contents|contents|table\s+des\s+mati[èe]res|sommaire|"
    r"[íi]ndice|tabla\s+de\s+contenidos?)\s*$|(?:united\s+nations|nations\s+unies|naciones\s+unidas|general\s+assembly|"
    r"assembl[ée]e\s+g[ée]n[ée]rale|asamblea\s+general|economic\s+and\s+social\s+council|conseil\s+[ée]conomique\s+et\s+"
    r"social|consejo\s+econ[óo]mico\s+y\s+social)\b.{0,60}$|item\s+\d+|point\s+\d+\s+de\s+l|tema\s+\d+\s+del|"
    r"(?:seventy|sixty|eighty)[\w-]*\s+session|\w+i[èe]me\s+session|\w+\s+per[íi]odo\s+de\s+sesiones|"
    r"(?:page|p[áa]gina)\s+\d+\s+(?:of|sur|de)\s+\d+\s*$|(?:report|rapport|informe)\s+(?:of|du|de(?:l)?)\s+"
    r"(?:the\s+|la\s+)?(?:secretary|secr[ée]taire|secretario)|prepared\s+by|pr[ée]par[ée]\s+par|preparado\s+por|"
    r"(?:republic|r[ée]publique|rep[úu]blica)\s+(?:of|du|de|del)\b.{0,40}$|"
    r"(?:[A-Z]{1,6}/){1,3}[A-Z0-9.]+(?:/[\w.]+)*\s*$|\*\s*\w.{0,40}$)",
    re.IGNORECASE,
)
# A table of contents' line: words, dot leaders or spaces, a page number.
_TOC_LINE = re.compile(r"^\s*(?:[IVX]+\.|\d+(?:\.\d+)*\.?|[A-H]\.)?\s*\S.{2,90}?(?:\s*\.{3,}\s*|\s{3,})\d{1,3}\s*$")
_SENTENCE = re.compile(r"\b[a-z\u00e0-\u00ff]{2,}\b[^.!?]{20,}[.!?](?:\s|$)")


def is_front_matter(paragraph: str) -> bool:
    """Is this paragraph (lines between blank lines) a document's front matter rather than any record's text?

    It is when it tells no sentence and most of its lines are marks of front matter (a symbol, "Distr.", a date
    line, a session, a table of contents' entries), or when one line is such a mark and the others are short
    lines in no sentence (a letterhead, a cover page)."""
    lines = [ln.text for ln in split_lines(paragraph) if ln.text.strip()]
    if not lines or _SENTENCE.search(" ".join(lines)):
        return False
    marks = sum(1 for ln in lines if _MARK.match(ln) or _TOC_LINE.match(ln) or _is_date_line(ln))
    if marks * 2 >= len(lines):
        return True
    return marks >= 1 and all(len(ln.split()) <= 12 for ln in lines)


_DATE_LINE = re.compile(
    r"^\s*(?:\d{1,2}(?:er|º|°)?\s+)?(?:de\s+)?[A-Za-z\u00e0-\u00ff]{3,10}\.?\s+(?:de\s+)?(?:\d{1,2},?\s+)?(?:de\s+)?"
    r"(?:19|20)\d{2}\s*$")


def _is_date_line(line: str) -> bool:
    """A line that is only a date ("18 July 2022", "3 mars 2022", "12 de junio de 2021")."""
    return bool(_DATE_LINE.match(line)) and len(line.split()) <= 6
