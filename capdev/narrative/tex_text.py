"""A LaTeX source read as the text it typesets, character for character in place.

Annual reports and project documents are written in LaTeX, and a record's facts then sit inside commands:
`\\section{Escuela virtual ...}`, `\\item[Presupuesto:] 480\\,000~\\euro`, a `tabular` whose cells are split by `&`.
Read raw, the commands become titles ("% !TEX program = pdflatex"), `US\\$` a country. Here the markup is blanked
and the text it holds is kept where it stands: the result has the source's length, so every offset the parser
reports still indexes the file (as xml_text does for XML). What is blanked:
- comments, and the commands whose arguments are no text (`\\label`, `\\usepackage`, `\\begin{tabular}{lXr}` ...):
  with their arguments;
- other commands (`\\section`, `\\textbf`, `\\item`, `\\footnote` ...): the command and its braces, the text kept;
  `\\item` becomes a list item's dash;
- in a table, `&` becomes `|` (a cell's edge) and `\\\\` blanks, so that a row reads as a delimited row.
Escaped characters (`\\$`, `\\%`, `\\&`) keep their character; a number's thin spaces (`1\\,250\\,000`) and an
accent command inside a word (`Minist\\`{e}re`) are rewritten within that word, padded after it.
One pass over the text, brace by brace: linear in its length.
"""
from __future__ import annotations

import re
import unicodedata

from .in_place import padded

# The head of a LaTeX source: a preamble, a document environment or two sectioning / environment commands.
_HEAD_SIGNS = re.compile(r"\\(?:documentclass|usepackage|begin\{document\}|section\*?\{|subsection\*?\{|chapter\*?\{"
                         r"|begin\{(?:itemize|enumerate|description|tabular\w*|table|longtable)\}|textbf\{|item\b)")
_HEAD_CHARS = 4096

# Commands whose arguments are no text: blanked with their [options] and {arguments}.
_SILENT = frozenset(
    "label ref pageref eqref autoref cref Cref cite citep citet nocite includegraphics usepackage documentclass "
    "vspace hspace setlength addtolength setcounter addtocounter pagestyle thispagestyle bibliography "
    "bibliographystyle newcommand renewcommand providecommand newenvironment renewenvironment input include "
    "geometry hypersetup definecolor graphicspath cline cmidrule index newpage clearpage pagebreak linebreak "
    "noindent centering raggedright raggedleft maketitle tableofcontents listoftables listoffigures hline toprule "
    "midrule bottomrule addlinespace small footnotesize scriptsize tiny large Large LARGE normalsize selectlanguage "
    "begin end rowcolor cellcolor columncolor arraystretch renewcommand* setlist".split())
# Commands with leading arguments that are no text, then one that is: how many to blank.
_LEADING = {"href": 1, "multicolumn": 2, "multirow": 2, "textcolor": 1, "colorbox": 1, "foreignlanguage": 1,
            "resizebox": 2, "makebox": 0, "parbox": 1}
# Sectioning commands: written as a Markdown heading of their level ("\\section{X}" reads "##        X"), which the
# parser knows as the heading of a part.
# A footnote reads as a parenthesis where it is called.
_NOTES = frozenset(("footnote", "footnotetext", "marginpar"))
_HEADINGS = {"part": "#", "chapter": "#", "section": "##", "subsection": "###", "subsubsection": "####",
             "paragraph": "####"}
_TABLES = frozenset("tabular tabular* tabularx tabulary longtable array tabu supertabular xltabular".split())
# Text-making commands: what they print.
_WORDS = {"euro": "EUR", "texteuro": "EUR", "EUR": "EUR", "textdollar": "$", "pounds": "GBP", "textpounds": "GBP",
          "ldots": "...", "dots": "...", "textendash": "-", "textemdash": "-", "S": "§", "P": "¶"}
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "c": "\u0327", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "r": "\u030a"}
# A word with an accent command in it ("Minist\`{e}re", "Espa\~na"), a number with thin spaces ("1\,250\,000",
# "1{,}5"), a range with an en dash between digits ("2023--2025"): each rewritten within itself.
_ACCENTED = re.compile(r"[^\W\d_]{0,40}(?:\\(?:['`^\"~=.]|[cuvHr](?![A-Za-z]))\s?(?:\{[A-Za-z]\}|[A-Za-z])"
                       r"[^\W\d_]{0,40}){1,8}")
_ACCENT = re.compile(r"\\(['`^\"~=.]|[cuvHr])\s?(?:\{([A-Za-z])\}|([A-Za-z]))")
_THIN_NUMBER = re.compile(r"\d{1,3}(?:(?:\\,|\\ |~|\{,\}|\{\.\}|\\thinspace\s?)\d{1,3})+")
_THIN = re.compile(r"\\,|\\ |~|\\thinspace\s?")
_DIGIT_DASH = re.compile(r"(\d{1,4})-{2,3}(\d{1,4})|(?<=\s)-{2,3}(?=\s)")
_OPTION_CHARS, _GROUP_CHARS = 200, 5000
_COMMAND = re.compile(r"\\([A-Za-z@]+\*?|.)", re.S)


def is_latex(first_chunk: str) -> bool:
    """Whether a text opens as a LaTeX source: two different signs of it in its first characters."""
    signs = {m.group(0).split("{")[0] for m in _HEAD_SIGNS.finditer(first_chunk[:_HEAD_CHARS])}
    return len(signs) >= 2


def _within_words(text: str) -> str:
    """Accents, thin spaces and digit dashes rewritten inside their own stretch, padded after it: same length."""
    def accented(m: re.Match) -> str:
        def one(a: re.Match) -> str:
            return unicodedata.normalize("NFC", (a.group(2) or a.group(3)) + _ACCENTS[a.group(1)])
        return padded(m.group(0), _ACCENT.sub(one, m.group(0)))

    def number(m: re.Match) -> str:
        new = _THIN.sub(" ", m.group(0)).replace("{,}", ",").replace("{.}", ".")
        return padded(m.group(0), new)

    text = _ACCENTED.sub(accented, text)
    text = _THIN_NUMBER.sub(number, text)
    return _DIGIT_DASH.sub(lambda m: padded(m.group(0), f"{m.group(1)}-{m.group(2)}" if m.group(1) else "-"), text)


def _group_end(text: str, i: int, close: str) -> int:
    """The index just after the group that opens at text[i] ("{" or "["), or i when none opens there. A group is
    looked for over a bounded stretch (an option's "[" over a line's length, an argument over _GROUP_CHARS), so that
    unclosed groups cost no more than that each: the text is still read in linear time."""
    opener = text[i] if i < len(text) else ""
    if opener not in "{[" or (opener == "{") != (close == "}"):
        return i
    depth, j = 0, i
    stop = min(len(text), i + (_OPTION_CHARS if opener == "[" else _GROUP_CHARS))
    while j < stop:
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == opener:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return i


def _groups_end(text: str, k: int) -> int:
    """The index after the options and arguments that follow one another from k ("[h]{lXr}"), or k."""
    while k < len(text) and text[k] in "{[":
        end = _group_end(text, k, "]" if text[k] == "[" else "}")
        if end == k:
            break
        k = end
    return k


def latex_as_text(text: str) -> str:
    """The text a LaTeX source typesets, in place: the same length, markup blanked (see the module's docstring)."""
    text = _within_words(text)
    out = list(text)
    n = len(text)

    def blank(a: int, b: int) -> None:
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    tables = 0  # how deep in table environments
    text_close: set[int] = set()  # the closing braces written as a footnote's ")"
    i = 0
    while i < n:
        c = text[i]
        if c == "%":
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif c == "\\":
            m = _COMMAND.match(text, i)
            name = m.group(1)
            j = m.end()
            if not name[0].isalpha():
                if name in "$%&#_{}":
                    out[i], out[i + 1] = name, " "
                else:  # "\\", "\,", "\ ", "\-": a break or a space
                    blank(i, j)
                i = j
                continue
            if name in ("begin", "end"):
                env_end = _group_end(text, j, "}")
                env = text[j + 1:env_end - 1].strip()
                if env in _TABLES:
                    tables += 1 if name == "begin" else -1
                k = _groups_end(text, env_end) if name == "begin" else env_end  # a table's column spec, an option
                blank(i, k)
                i = k
            elif name.rstrip("*") in _SILENT or name in _SILENT:
                k = _groups_end(text, j)
                blank(i, k)
                i = k
            elif name in _WORDS:
                word = _WORDS[name]
                k = _group_end(text, j, "}") if text[j:j + 2] == "{}" else j
                if len(word) <= k - i:
                    out[i:k] = list(word + " " * (k - i - len(word)))
                else:
                    blank(i, k)
                i = k
            else:
                k = j
                if name == "item":  # "\item[Código:] X": a list item's dash, its label kept
                    out[i] = "-"
                    blank(i + 1, j)
                    if k < n and text[k] == "[":
                        end = _group_end(text, k, "]")
                        if end > k:
                            out[k], out[end - 1] = " ", " "
                            k = end
                    i = k
                    continue
                while k < n and text[k] == "[":  # options: no text
                    end = _group_end(text, k, "]")
                    if end == k:
                        break
                    k = end
                for _ in range(_LEADING.get(name.rstrip("*"), 0)):
                    end = _group_end(text, k, "}")
                    if end == k:
                        break
                    k = end
                blank(i, k)  # the argument's braces are blanked as every brace is, its text kept
                if name in _NOTES and k < n and text[k] == "{":
                    end = _group_end(text, k, "}")
                    if end > k:
                        out[k], out[end - 1] = "(", ")"
                        text_close.add(end - 1)
                        k += 1
                mark = _HEADINGS.get(name.rstrip("*"))
                if mark and k < n and text[k] == "{" and k - i >= len(mark):
                    out[i:i + len(mark)] = list(mark)
                i = k
        elif c in "{}$":
            if i not in text_close:
                out[i] = " "
            i += 1
        elif c == "&":
            out[i] = "|" if tables > 0 else " "
            i += 1
        elif c == "~":
            out[i] = " "
            i += 1
        elif text.startswith("``", i):
            out[i], out[i + 1] = " ", '"'
            i += 2
        elif text.startswith("''", i):
            out[i], out[i + 1] = '"', " "
            i += 2
        else:
            i += 1
    return "".join(out)
