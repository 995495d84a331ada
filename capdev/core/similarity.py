"""The one definition of how alike two projects are; plain Python (the narrative parser imports it, no Django).

Two uses share it:

- **near-duplicates**: the narrative parser links records of one file whose texts are nearly the same
  (capdev.narrative.relate), and staff see the drafts whose text nearly matches another project's before they
  publish (capdev.projects.similar); both ask `is_near_duplicate`, text similarity above NEAR_DUPLICATE;
- **similar projects**: a project page lists the projects that `compare` scores highest, with the reasons.

Text similarity is the Jaccard index of the content words (lower case, stop words dropped) of a project's
objective, expected accomplishments and summary: the share of the words of both texts that both use. It is 0
when either text has fewer than MIN_TOKENS such words (two short texts agree by chance).

A project's likeness to another adds, with fixed weights (WEIGHTS, summing to 1), the same Jaccard index of
each aspect: the texts' words, their SDG targets, SDG goals, countries and partners, and 1 for the same lead
unit. Every aspect is a set, so each term says "how much of what either has do both have", and the reasons
shown are the shared members themselves. A project is called similar to another when their likeness is at
least MIN_SCORE and there is a reason to say so: a shared target, goal, country, partner or unit, or a text
similarity of SIMILAR_TEXT or more (texts that merely use some of the same words are no reason).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

NEAR_DUPLICATE = 0.8  # text similarity above this: nearly the same record (a re-publication, a copy)
MIN_TOKENS = 8
# The weight of each aspect in a project's likeness to another; they add up to 1.
WEIGHTS = {"text": 0.4, "targets": 0.2, "countries": 0.15, "goals": 0.1, "partners": 0.1, "unit": 0.05}
SET_ASPECTS = ("targets", "goals", "countries", "partners")
MIN_SCORE = 0.02  # below this, a project is not called similar whatever it shares
SIMILAR_TEXT = 0.15  # from this text similarity on, "similar objective" is a reason

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
STOPWORDS = frozenset(
    "a an and or of the in on at for to with by from as into its their this that these is are be been was were"
    " it which will has have all other".split()
)


def text_tokens(*texts: str) -> frozenset[str]:
    """The content words of some texts: lower case, letters and digits, stop words dropped."""
    return frozenset(t for t in _TOKEN.findall(" ".join(texts).lower()) if t not in STOPWORDS)


def jaccard(a: Iterable, b: Iterable) -> float:
    """|a ∩ b| / |a ∪ b| of two sets (0 when both are empty)."""
    a, b = set(a), set(b)
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def text_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """The Jaccard index of two texts' content words; 0 when either is too short to judge."""
    if len(a) < MIN_TOKENS or len(b) < MIN_TOKENS:
        return 0.0
    return jaccard(a, b)


def is_near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two texts are nearly the same (their similarity is above NEAR_DUPLICATE)."""
    return text_similarity(a, b) > NEAR_DUPLICATE


@dataclass(frozen=True)
class Profile:
    """What a project's likeness is computed from: its text's content words and its sets of codes."""

    tokens: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    goals: frozenset[int] = frozenset()
    countries: frozenset[str] = frozenset()
    partners: frozenset[int] = frozenset()
    unit: int | None = None


@dataclass(frozen=True)
class Likeness:
    """How alike two projects are: the weighted score, each aspect's similarity, and what they share."""

    score: float
    parts: dict[str, float] = field(default_factory=dict)
    shared: dict[str, tuple] = field(default_factory=dict)

    @property
    def near_duplicate(self) -> bool:
        """Nearly the same text."""
        return self.parts.get("text", 0.0) > NEAR_DUPLICATE

    @property
    def similar_text(self) -> bool:
        """Similar enough in text to say so."""
        return self.parts.get("text", 0.0) >= SIMILAR_TEXT

    @property
    def has_reason(self) -> bool:
        """Something to show as the reason: a similar text or anything shared."""
        return self.similar_text or bool(self.shared)

    @property
    def similar(self) -> bool:
        """Whether to call the two projects similar (see the module's docstring)."""
        return self.score >= MIN_SCORE and self.has_reason


def compare(a: Profile, b: Profile) -> Likeness:
    """The likeness of b to a (symmetric)."""
    parts = {"text": text_similarity(a.tokens, b.tokens)}
    shared: dict[str, tuple] = {}
    for aspect in SET_ASPECTS:
        mine, theirs = getattr(a, aspect), getattr(b, aspect)
        parts[aspect] = jaccard(mine, theirs)
        both = mine & theirs
        if both:
            shared[aspect] = tuple(sorted(both, key=_natural))
    same_unit = a.unit is not None and a.unit == b.unit
    parts["unit"] = 1.0 if same_unit else 0.0
    if same_unit:
        shared["unit"] = (a.unit,)
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    return Likeness(score=score, parts=parts, shared=shared)


def _natural(value) -> tuple:
    """Sort key putting "16.10" after "16.9" and numbers in numeric order."""
    if isinstance(value, str):
        return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\s]", value))
    return ((0, value, ""),)
