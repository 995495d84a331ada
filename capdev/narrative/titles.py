"""Propose a title for a record that has none, from the words of its own text."""
from __future__ import annotations

import re

from .title_evidence import never_reason
from .title_glued import glued_sentence

MAX_WORDS = 12
_MIN_WORDS = 3
# "aims to strengthen", "is designed to support", "the objective ... is to promote", or a leading "To enhance".
_PURPOSE = re.compile(
    r"(?:^\s*|\b(?:aims?|aimed|seeks?|sought|intends?|intended|designed|meant|is|are|was)\s+)to\s+(?=[a-z])",
    re.IGNORECASE,
)
# Where a purpose phrase stops being a name: the means, the reasons and the asides.
_CLAUSE_END = re.compile(
    r"\s+(?:by|through|thus|thereby|so\s+as|so\s+that|in\s+order\s+to|which|while|whereby|with\s+a\s+view)\b"
    r"|,\s+(?:with|including|especially|particularly|notably|such\s+as|among\s+others)\b"
    r"|[;:(\u2013\u2014]|\.(?:\s|$)|\s-\s",
    re.IGNORECASE,
)
# "Pursuant to the Tunis Agenda, among others: build on ..." - the preamble names no project.
_PREAMBLE = re.compile(
    r"^\s*(?:pursuant\s+to|in\s+accordance\s+with|in\s+line\s+with|according\s+to|as\s+per|following|under)\b"
    r"[^:]{0,120}:\s*|^\s*(?:pursuant\s+to|in\s+accordance\s+with|in\s+line\s+with|according\s+to|as\s+per)\b"
    r"[^,]{0,120},\s*",
    re.IGNORECASE,
)
_STOPWORDS = frozenset(
    "a an and or of the in on at for to with by from as into its their this that is are be".split()
)
_LIST_MARKER = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]+\)|[\u2022*-])\s+", re.IGNORECASE)


def _shorten(phrase: str) -> str:
    phrase = _LIST_MARKER.sub("", " ".join(phrase.split()))
    phrase = _PREAMBLE.sub("", phrase, count=1)
    glued = glued_sentence(phrase)
    if glued > 0 and len(phrase[:glued].split()) >= _MIN_WORDS:
        phrase = phrase[:glued]
    m = _CLAUSE_END.search(phrase)
    if m and len(phrase[: m.start()].split()) >= _MIN_WORDS:
        phrase = phrase[: m.start()]
    words = phrase.split()
    if len(words) > MAX_WORDS:
        words = words[:MAX_WORDS]
        # Prefer ending at a comma when that still leaves a name of some length.
        cut = max((i for i, w in enumerate(words) if w.endswith(",")), default=-1)
        if cut + 1 >= 6:
            words = words[: cut + 1]
    while words and words[-1].lower().strip(",;:.") in _STOPWORDS:
        words.pop()
    title = " ".join(words).rstrip(" ,;:.!?-\u2013\u2014\"'\u201d")
    return title[:1].upper() + title[1:] if title else ""


def purpose_phrase(text: str) -> str:
    """The words after 'aims to' / 'is to' / a leading 'To', as a short title; '' when the text states no purpose."""
    m = _PURPOSE.search(text)
    if not m:
        return ""
    return _shorten(text[m.end() :])


def first_sentence(text: str) -> str:
    """The text's first sentence, shortened to a title."""
    return _shorten(text)


def propose_title(summary: str, objective: str, expectations: list[str], accomplishments: list[str]) -> str:
    """A short capitalised title (at most MAX_WORDS words, no end punctuation) from the record's own text, or ''."""
    candidates = [
        purpose_phrase(summary),
        purpose_phrase(objective),
        first_sentence(expectations[0]) if expectations else "",
        first_sentence(objective),
        # A summary opening on a word written small opens mid-sentence ("palidades Ecuatorianas (AME). El ..."): the
        # record's bounds cut a paragraph, its first words name nothing.
        "" if summary.lstrip()[:1].islower() else first_sentence(summary),
        first_sentence(accomplishments[0]) if accomplishments else "",
    ]
    # "From: A. Diallo To: Grants team Date: Tue": a mail's header lines are no title, whatever paragraph holds them.
    candidates = [t for t in candidates if not never_reason(t)]
    for title in candidates:
        if len(title.split()) >= _MIN_WORDS:
            return title
    return next((t for t in candidates if t), "")
