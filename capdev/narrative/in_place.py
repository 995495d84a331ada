"""Text rewritten in place: the same length, so that every offset the parser reports still indexes the file
(the readers of markup sources: tex_text, wiki_text, html_page, org_text)."""
from __future__ import annotations


def padded(old: str, new: str) -> str:
    """new in old's place, padded with spaces after it; old itself when new is longer."""
    return new + " " * (len(old) - len(new)) if len(new) <= len(old) else old


def blanked(s: str) -> str:
    """s as spaces, its line breaks kept."""
    return "".join(ch if ch in "\r\n" else " " for ch in s)
