"""A sentence that names the project before a colon and tells of it after the colon by a pronoun, in English, French
and Spanish: "A quick note on the Records Management Project: it is still in the pipeline", "Point 3, le projet
PAGFL : il est en cours d'exécution", "Sobre el proyecto de catastro: se encuentra en ejecución". The pronoun (or,
in Spanish, the verb with no subject) is read as the project, the colon as a sentence's end, so that the status words
after it are read as the project's (values.prose_facts.read_status).

Only where the project's noun (data/prose_cues.json "project_words") is the last subject before the colon, close to
it, with no other subject (an evaluation, a report: data/status_prose.json "other_subjects") or other project ("the
previous project") between them: "the project's evaluation: it is completed" tells of the evaluation."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ..folding import fold

__all__ = ["topic_pronouns"]

_CUES = Path(__file__).resolve().parent.parent / "data" / "prose_cues.json"
_TAIL = 60  # the project's noun stands close before the colon ("... Project for the National Archives:")
_HEAD = 160  # the words before the colon are a sentence's opening, not a paragraph

# After the colon: the pronoun, and the language of the noun it stands for; or a Spanish verb with no subject.
_AFTER = re.compile(r"\s*(?:(?P<en>it|this)|(?P<fr>il|elle|celui-ci|celle-ci)|(?P<es>este|esta|[eé]ste|[eé]sta)|"
                    r"(?=(?P<es0>se\s+encuentra|est[aá]\s|sigue\s|contin[uú]a\s|ya\s|a[uú]n\s|todav[ií]a\s)))(?![\w'-])",
                    re.IGNORECASE)
_NOUNS = {"en": "the project", "fr": "le projet", "es": "el proyecto", "es0": "el proyecto "}


# Before the project's noun: an item's number ("Point 3,", "Item 2 -"), a word of writing about ("A quick note on",
# "Update on", "Concernant", "Sobre"), an article and the capitalised words of its name: the project heads the phrase
# ("Workshop on the project: it was completed" tells of the workshop).
_ITEM = r"(?:(?:point|item|agenda\s+item|punto|tema|sujet|objet|subject|re)\s*\d*\s*[,.:\u2013-]?\s*|\d+[.)]\s*)?"
_TOPIC = (r"(?:(?:an?\s+|une?\s+|una?\s+)?(?:(?:quick|short|brief|petit|petite|breve)\s+)?(?:note|update|word|news|"
          r"information|remark|point|mot|nota|actualizacion|novedades?|informacion)s?\s+(?:on|about|regarding|sur|"
          r"concernant|sobre|acerca\s+de)\s+|(?:about|regarding|concerning|as\s+for|concernant|quant\s+a|s'agissant\s+d[eu]|"
          r"au\s+sujet\s+d[eu]|a\s+propos\s+d[eu]|sobre|respecto\s+al?|en\s+cuanto\s+al?|acerca\s+del?|"
          r"en\s+relacion\s+con)\s+)?")
_LEAD = re.compile(rf"^\s*{_ITEM}{_TOPIC}(?:(?:the|this|our|le|ce|cet|cette|notre|la|l'|el|este|esta|nuestro|nuestra|"
                   rf"du|de\s+la|del|de)\s*)?(?:(?-i:[A-Z][\w'-]*)\s+){{0,6}}$", re.IGNORECASE)


@functools.cache
def _project_rx() -> re.Pattern[str]:
    words = json.loads(_CUES.read_text(encoding="utf-8"))["project_words"]
    alt = "|".join(re.escape(w) for w in sorted({fold(w).casefold() for w in words}, key=len, reverse=True))
    return re.compile(rf"(?<![\w'-])(?:{alt})(?![\w'-])", re.IGNORECASE)


def topic_pronouns(text: str, others: tuple[re.Pattern[str], ...]) -> str:
    """The text with each "<the project ...>: it ..." read as "<the project ...>. the project ..."; `others` are the
    patterns of other subjects and other projects (values.status_prose)."""
    if not isinstance(text, str) or ":" not in text:
        return text
    out, last = [], 0
    for colon in re.finditer(r"(?<=\w)\s?:(?=\s)", text):
        head_lo = max(0, colon.start() - _HEAD)
        head = fold(text[head_lo : colon.start()])
        stop = max(head.rfind(". "), head.rfind("\n"), head.rfind(": "))
        head = head[stop + 1 :] if stop >= 0 else head
        nouns = list(_project_rx().finditer(head))
        m = _AFTER.match(text, colon.end())
        if not nouns or not m or len(head) - nouns[-1].end() > _TAIL:
            continue
        tail = head[nouns[-1].start() :]
        if not _LEAD.match(head[: nouns[-1].start()]):
            continue  # "Workshop on the project: it was completed": the workshop heads the phrase
        if any(rx.search(tail) for rx in others):
            continue  # "the project's evaluation: it ...", "the project that preceded it: ..."
        lang = next(k for k in ("en", "fr", "es", "es0") if m.group(k) is not None)
        out += [text[last : colon.start()], ".", " ", _NOUNS[lang]]
        last = m.end() if lang != "es0" else colon.end()
        if lang == "es0":
            out.append(text[colon.end() : m.end()].lstrip())
            last = m.end()
    return "".join(out) + text[last:] if out else text
