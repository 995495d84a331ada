"""Split a list-shaped field value into ordered items: numbered, lettered, roman, bulleted or ';'-separated."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_BULLETS = "\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043\u2013\u2014*-"

# One marker: "1." "1)" "(1)" "(a)" "a)" "a." "(iv)" "iv." ; the style says which sequence it belongs to.
_MARKER = re.compile(
    r"(?P<m>\(\s*(?P<pnum>\d{1,2})\s*\)|(?P<num>\d{1,2})[.)](?!\d)"
    r"|\(\s*(?P<prom>(?:x|ix|iv|v?i{1,3}|v|xi|xii))\s*\)|(?P<rom>(?:x|ix|iv|v?i{1,3}|v|xi|xii))[.)]"
    r"|\(\s*(?P<plet>[a-z])\s*\)|(?P<let>[a-z])[.)])(?=\s|$)",
    re.IGNORECASE,
)
_BULLET_LINE = re.compile(rf"[ \t]*[{re.escape(_BULLETS)}](?=[ \t])")  # matched at each line start
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# Inline markers count only after a break in the sentence: "...; (b) ...", "...; and (c) ...", "... 2. ..."
_INLINE_BEFORE = re.compile(r"(?:[;:.,]\s*(?:and|or)?|\s(?:and|or))\s*$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z\u00c0-\u00de]")
_TRAILING_JOINER = re.compile(r"[\s;,]*(?:\b(?:and|or)\b)?[\s;,]*$", re.IGNORECASE)


@dataclass
class ListSplit:
    """A list value: the lead-in sentence (not an item), the items, and where each item starts in the text."""

    lead_in: str = ""
    items: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)


def _ordinal(m: re.Match[str]) -> tuple[str, int] | None:
    g = m.groupdict()
    if g["pnum"] or g["num"]:
        return ("num" if g["num"] else "pnum"), int(g["pnum"] or g["num"])
    for style in ("prom", "rom"):
        if g[style]:
            return style, _ROMAN.index(g[style].lower()) + 1
    for style in ("plet", "let"):
        if g[style]:
            return style, ord(g[style].lower()) - ord("a") + 1
    return None


def _candidates(text: str) -> list[tuple[int, int, str, int, bool]]:
    """All markers: (start, end, style, ordinal, at_line_start)."""
    out = []
    for m in _MARKER.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_start = max(line_start, text.rfind("\r", 0, m.start()) + 1)
        before = text[line_start : m.start()]
        at_start = not before.strip()
        ordinal = _ordinal(m)
        if ordinal is None:
            continue
        style, n = ordinal
        if not at_start:
            # Bare letters and romans ("a.", "i.") occur in prose ("e.g."): inline they need a break before them.
            loose = style not in ("let", "rom")
            if not (loose and before[-1:].isspace()) and not _INLINE_BEFORE.search(before[-8:]):
                continue
        out.append((m.start(), m.end(), style, n, at_start))
        # "i." / "(i)" are both a roman one and a ninth letter: keep both readings.
        if style in ("prom", "rom") and len(m.group("m").strip("()").strip()) == 1:
            letter = m.group("m").strip("().").strip().lower()
            out.append((m.start(), m.end(), "plet" if style == "prom" else "let", ord(letter) - 96, at_start))
    return out


def _best_sequence(cands: list[tuple[int, int, str, int, bool]]) -> list[tuple[int, int]]:
    """The longest run 1, 2, 3... (or a, b, c...) of one style; a run starting mid-line needs two markers."""
    best: list[tuple[int, int]] = []
    best_key = (0, False)
    for i, (start, end, style, n, at_start) in enumerate(cands):
        if n != 1:
            continue
        seq = [(start, end)]
        want = 2
        for s2, e2, st2, n2, _ in cands[i + 1 :]:
            if st2 == style and n2 == want and s2 >= seq[-1][1]:
                seq.append((s2, e2))
                want += 1
        if not at_start and len(seq) < 2:
            continue
        key = (len(seq), at_start)
        if key > best_key:
            best, best_key = seq, key
    return best


def _clean(item: str) -> str:
    item = " ".join(item.split())
    return _TRAILING_JOINER.sub("", item).strip()


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-empty lines, or blank-line-separated paragraphs when the text has blank lines (hard-wrapped text)."""
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text) if m.group()]
    has_blank = any(not ln.strip() for _, ln in lines) and sum(1 for _, ln in lines if ln.strip()) > 1
    paras: list[tuple[int, str]] = []
    current: list[tuple[int, str]] = []
    for start, ln in lines:
        if not ln.strip():
            if current:
                paras.append((current[0][0], " ".join(x.strip() for _, x in current)))
                current = []
            continue
        if has_blank:
            current.append((start, ln))
        else:
            paras.append((start + len(ln) - len(ln.lstrip()), ln.strip()))
    if current:
        paras.append((current[0][0], " ".join(x.strip() for _, x in current)))
    return paras


def split_items(text: str) -> ListSplit:
    """Ordered items of a list value; a lead-in sentence before the first marker is kept apart, not counted."""
    result = ListSplit()
    if not text.strip():
        return result
    seq = _best_sequence(_candidates(text))
    if seq:
        result.lead_in = _clean(text[: seq[0][0]])
        bounds = seq + [(len(text), len(text))]
        for (s, e), (nxt, _) in zip(bounds, bounds[1:]):
            item = _clean(text[e:nxt])
            if item:
                result.items.append(item)
                result.starts.append(s)
        return result
    bullets = [m.end() for m in (_BULLET_LINE.match(text, pos) for pos in _line_starts(text)) if m]
    if bullets:
        first = min(bullets) - 1
        result.lead_in = _clean(text[:first])
        ends = bullets[1:] + [len(text)]
        for b, nxt in zip(bullets, ends):
            # the item ends where the next bullet's line begins
            stop = max(text.rfind("\n", b, nxt - 1), text.rfind("\r", b, nxt - 1)) + 1 if nxt < len(text) else nxt
            item = _clean(text[b : stop or nxt])
            if item:
                result.items.append(item)
                result.starts.append(b - 1)
        return result
    paras = _paragraphs(text)
    if len(paras) == 1 and not _SENTENCE_BREAK.search(paras[0][1]):
        parts = [p for p in re.split(r";\s*(?:and\s+|or\s+)?", paras[0][1]) if p.strip()]
        if len(parts) > 1:
            pos = paras[0][0]
            for part in parts:
                at = text.find(part.strip(), pos)
                result.items.append(_clean(part))
                result.starts.append(max(at, 0))
                pos = max(at, pos)
            return result
    # A paragraph ending with ':' introduces what follows; it is not an item of its own.
    if len(paras) > 1 and paras[0][1].endswith(":"):
        result.lead_in = _clean(paras[0][1])
        paras = paras[1:]
    pending: tuple[int, str] | None = None
    for start, para in paras:
        if pending is not None:
            start, para = pending[0], f"{pending[1]} {para}"
            pending = None
        if para.endswith(":"):
            pending = (start, para)
            continue
        result.items.append(_clean(para))
        result.starts.append(start)
    if pending is not None:
        result.items.append(_clean(pending[1]))
        result.starts.append(pending[0])
    return result


def _line_starts(text: str) -> list[int]:
    return [m.start() for m in _LINE.finditer(text) if m.group()]
