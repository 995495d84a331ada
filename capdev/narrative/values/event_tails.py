"""The paragraphs a prose record leaves unplaced right after its own, read for the project's events.

A record found by its paragraph (an e-mail's "le projet « ... » a démarré le ...", a note's "The project ... began
in ...") often tells its events in the next paragraphs, which no rule placed. They are its own up to where the
message or the note ends: a rule line ("-----", "_____", "*****"), a sign-off ("Best regards", "Bien cordialement",
"Saludos"), the head of another message ("From:", "Subject:", "De :", "Objet :", "Asunto:", "Message: 4"), or
a line naming another project by its quoted name.
"""
from __future__ import annotations

import re

_RULE = re.compile(r"^\s*[-_*=~#\u2014\u2013\u2500\u2550]{4,}\s*$")
_SIGN_OFF = re.compile(
    r"^\s*(?:(?:best|kind|warm)(?:est)?\s+regards|regards|best\s+wishes|sincerely|yours(?:\s+\w+)?|many\s+thanks|"
    r"thanks|thank\s+you|cheers|(?:bien\s+|tr[eè]s\s+)?cordialement|bien\s+[àa]\s+(?:vous|toi)|salutations|"
    r"(?:un\s+)?(?:cordial\s+)?saludos?(?:\s+cordiales)?|atentamente|un\s+(?:cordial\s+)?saludo|cordialmente|"
    r"gracias|merci(?:\s+d'avance)?)\b[\s,.!]*$",
    re.I,
)
_MESSAGE_HEAD = re.compile(
    r"^\s*(?:from|to|cc|date|sent|subject|message(?:\s*:?\s*\d+)?|de|[àa]|envoy[ée]|objet|asunto|para|enviado|"
    r"fecha|mensaje(?:\s*:?\s*\d+)?)\s*:", re.I)
# Another project named by its quoted name ("le projet « ... »", 'the programme "..."'): its paragraph, not this one's
_OTHER_PROJECT = re.compile(r"\b(?:projects?|projets?|proyectos?|programmes?|programs?|programas?|initiatives?|"
                            r"iniciativas?)\b[^.\n]{0,20}?[\u00ab\"\u201c]", re.I)
_MAX_CHARS = 3000  # a record's tail read for events: a few paragraphs


def tail_blocks(text: str, blocks: list) -> list:
    """The unplaced text blocks right after a prose record's paragraph, up to where its message or note ends."""
    out = []
    size = 0
    for b in blocks:
        line = text[b.start : b.end]
        if b.kind != "text" or b.field != "unparsed" or _RULE.match(line) or _SIGN_OFF.match(line) \
                or _MESSAGE_HEAD.match(line) or _OTHER_PROJECT.search(line):
            break
        size += b.end - b.start
        if size > _MAX_CHARS:
            break
        out.append(b)
    return out
