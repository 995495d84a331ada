"""Whether an item under a headline tells more of the project of the item before it rather than of a project of its
own: it names no project (no code, no quoted title, no name after or before the word project) and speaks of "the
project", "le projet", "el proyecto" ("Composition du dossier" under a call for applications whose "Cadre du
programme" named the project: "une bourse prise en charge par le projet"), under a plain headline that is no name.
The same evidence that joins a paragraph to the one before (prose_records._told_again) applies to a headline's
item: a project told of twice is one record.
"""
from __future__ import annotations

from .named_projects import names_in
from .repeated_facts import ANAPHORA


def tells_more(head: str, body: str) -> bool:
    """Does a headline's item name no project of its own and speak of the project before it? Its headline is no
    name either: words in lower case after the first ("Composition du dossier", "Conditions of eligibility"), where
    a project's name has capitals ("Tax Reform in Lesotho", "Gobierno digital en Honduras")."""
    words = [w for w in head.split()[1:] if w[:1].isalpha()]
    if any(w[:1].isupper() for w in words):
        return False
    text = head + "\n" + body
    return not names_in(text) and ANAPHORA.search(body) is not None
