"""PostgreSQL's tsquery text (as `websearch_to_tsquery(...)::text` prints it) read into a tree, and evaluated
over sets of documents. Plain Python: no Django, no database.

Why: the facet index keeps, per process, which documents hold each frequent lexeme (lexeme_index.py); to
answer a search from those sets the query must mean exactly what PostgreSQL's `@@` makes of it. So the
database itself turns the visitor's words into a tsquery (stemming, stop words, web-search syntax) and this
module only reads the result: lexemes in single quotes, `!` (not), `<N>` and `<->` (followed by, at a
distance), `&` (and), `|` (or), in that order of precedence, and parentheses.

A phrase (`<N>`) needs word positions, which the sets do not hold: it is evaluated as "both", a superset of
its matches, and the result says it is not exact (the caller then asks the database about those documents
alone). Under a `!`, a superset would give too few documents: such a query is refused (Unsupported), as is
anything this module does not know (prefix matches `:*`, weights), so that the database answers it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Union

PRECEDENCE = {"|": 1, "&": 2, "<>": 3}  # "<>": any "followed by" operator; "!" binds tightest


class Unsupported(ValueError):
    """A tsquery this module cannot evaluate exactly from lexeme sets: let the database answer it."""


@dataclass(frozen=True)
class Term:
    """One lexeme, as stored in documents (already stemmed)."""

    lexeme: str


@dataclass(frozen=True)
class Not:
    """Documents without the operand's matches."""

    operand: Node


@dataclass(frozen=True)
class Both:
    """`&`, or a phrase (`<N>`, phrase=True) read as both operands anywhere in the document."""

    left: Node
    right: Node
    phrase: bool = False


@dataclass(frozen=True)
class Either:
    """`|`."""

    left: Node
    right: Node


Node = Union[Term, Not, Both, Either]

_TOKEN = re.compile(r"\s*(?:(?P<quoted>'(?:[^'\\]|''|\\.)*')(?P<suffix>:[*A-Da-d]+)?|(?P<op><(?:-|\d+)>|[!&|()]))")


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, value) pairs: ("lexeme", text) or ("op", one of ! & | ( ) <>)."""
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise Unsupported(f"unexpected text at {pos}: {text[pos:pos + 20]!r}")
        pos = m.end()
        if m.group("quoted"):
            if m.group("suffix"):
                raise Unsupported(f"prefix or weight marks ({m.group('suffix')}) are left to the database")
            body = m.group("quoted")[1:-1]
            out.append(("lexeme", re.sub(r"''|\\(.)", lambda e: e.group(1) or "'", body)))
        else:
            op = m.group("op")
            out.append(("op", "<>" if op.startswith("<") else op))
    return out


def parse(text: str) -> Node | None:
    """The tree of a tsquery's text; None for an empty query (one of stop words only: it matches nothing)."""
    tokens = _tokens(text)
    if not tokens:
        return None
    pos = 0

    def peek() -> tuple[str, str] | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> tuple[str, str]:
        nonlocal pos
        if pos >= len(tokens):
            raise Unsupported("the query ends too early")
        pos += 1
        return tokens[pos - 1]

    def operand() -> Node:
        kind, value = take()
        if kind == "lexeme":
            return Term(value)
        if value == "!":
            return Not(operand())
        if value == "(":
            node = expression(0)
            if take() != ("op", ")"):
                raise Unsupported("a parenthesis is not closed")
            return node
        raise Unsupported(f"unexpected {value!r}")

    def expression(floor: int) -> Node:
        left = operand()
        while (nxt := peek()) is not None and nxt[0] == "op" and PRECEDENCE.get(nxt[1], 0) > floor:
            op = take()[1]
            right = expression(PRECEDENCE[op])
            left = Either(left, right) if op == "|" else Both(left, right, phrase=op == "<>")
        return left

    tree = expression(0)
    if pos != len(tokens):
        raise Unsupported(f"unexpected {tokens[pos][1]!r}")
    return tree


def lexemes(node: Node | None) -> set[str]:
    """Every lexeme the query names."""
    if node is None:
        return set()
    if isinstance(node, Term):
        return {node.lexeme}
    if isinstance(node, Not):
        return lexemes(node.operand)
    return lexemes(node.left) | lexemes(node.right)


def evaluate(node: Node, term: Callable[[str], Any], everything: Any,
             phrase: Callable[[Node], Any | None] = lambda node: None) -> tuple[Any, bool]:
    """(matches, exact): the query over sets that support &, | and ~ (numpy boolean arrays, say).

    term(lexeme) gives the documents holding a lexeme; everything, every document (a `!` is taken within
    it); phrase(node), the documents matching a whole phrase when they are known (else None). exact is
    False when a phrase was read as "both": then matches is a superset of the true matches.
    """
    if isinstance(node, Term):
        return term(node.lexeme), True
    if isinstance(node, Not):
        inner, exact = evaluate(node.operand, term, everything, phrase)
        if not exact:
            raise Unsupported("a phrase under a negation")
        return everything & ~inner, True
    if isinstance(node, Both) and node.phrase and (known := phrase(node)) is not None:
        return known, True
    left, left_exact = evaluate(node.left, term, everything, phrase)
    right, right_exact = evaluate(node.right, term, everything, phrase)
    exact = left_exact and right_exact
    if isinstance(node, Either):
        return left | right, exact
    return left & right, exact and not node.phrase
