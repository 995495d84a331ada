"""capdev.projects.facet_index.tsquery: PostgreSQL's tsquery text read and evaluated over sets (plain Python)."""
from __future__ import annotations

import numpy as np
import pytest

from capdev.projects.facet_index import tsquery
from capdev.projects.facet_index.tsquery import Both, Either, Not, Term


@pytest.mark.parametrize(("text", "tree"), [
    ("'digit' & 'govern'", Both(Term("digit"), Term("govern"))),
    # Precedence: ! over <N> over & over |, as PostgreSQL prints without parentheses.
    ("!'a' | 'b' & 'c'", Either(Not(Term("a")), Both(Term("b"), Term("c")))),
    ("'rule' <2> 'law' | 'e-govern' <-> 'e' <-> 'govern'",
     Either(Both(Term("rule"), Term("law"), phrase=True),
            Both(Both(Term("e-govern"), Term("e"), phrase=True), Term("govern"), phrase=True))),
    ("'b' & !( 'c' <-> 'd' )", Both(Term("b"), Not(Both(Term("c"), Term("d"), phrase=True)))),
    ("'a' & !!'b'", Both(Term("a"), Not(Not(Term("b"))))),
    ("'it''s' & 'back\\\\slash'", Both(Term("it's"), Term("back\\slash"))),
    ("", None),
    ("  ", None),
])
def test_parse(text, tree):
    assert tsquery.parse(text) == tree


@pytest.mark.parametrize("text", ["'x':*", "'x':AB & 'y'", "'x' &", "( 'x'", "'x' )", "'x' 'y'", "& 'x'", "'x"])
def test_what_it_does_not_know_is_refused(text):
    with pytest.raises(tsquery.Unsupported):
        tsquery.parse(text)


DOCS = {  # document -> its lexemes
    0: {"a", "b"}, 1: {"a"}, 2: {"b", "c"}, 3: {"c", "d"}, 4: set(), 5: {"a", "b", "c", "d"},
}


def run(text: str) -> tuple[set[int], bool]:
    everything = np.ones(len(DOCS), dtype=bool)

    def term(word: str) -> np.ndarray:
        return np.array([word in DOCS[d] for d in range(len(DOCS))])

    found, exact = tsquery.evaluate(tsquery.parse(text), term, everything)
    return set(np.flatnonzero(found).tolist()), exact


def test_evaluate_over_sets():
    assert run("'a' & 'b'") == ({0, 5}, True)
    assert run("'a' | 'c' & 'd'") == ({0, 1, 3, 5}, True)
    assert run("!'a'") == ({2, 3, 4}, True)
    assert run("( 'a' | 'c' ) & !'d'") == ({0, 1, 2}, True)
    assert tsquery.lexemes(tsquery.parse("( 'a' | 'c' ) & !'d'")) == {"a", "c", "d"}


def test_a_phrase_gives_a_superset_marked_inexact_and_is_refused_under_a_negation():
    assert run("'c' <-> 'd'") == ({3, 5}, False)
    assert run("'c' <-> 'd' | 'a'") == ({0, 1, 3, 5}, False)
    with pytest.raises(tsquery.Unsupported):
        run("!( 'c' <-> 'd' )")


def test_a_phrase_whose_documents_are_known_is_exact():
    everything = np.ones(len(DOCS), dtype=bool)
    known = tsquery.parse("'c' <-> 'd'")

    def term(word: str) -> np.ndarray:
        return np.array([word in DOCS[d] for d in range(len(DOCS))])

    def phrase(node):  # say only document 3 has "c d" in that order
        return np.array([d == 3 for d in range(len(DOCS))]) if node == known else None

    found, exact = tsquery.evaluate(tsquery.parse("'a' | 'c' <-> 'd'"), term, everything, phrase)
    assert (set(np.flatnonzero(found).tolist()), exact) == ({0, 1, 3, 5}, True)
    found, exact = tsquery.evaluate(tsquery.parse("!( 'c' <-> 'd' )"), term, everything, phrase)
    assert (set(np.flatnonzero(found).tolist()), exact) == ({0, 1, 2, 4, 5}, True)
    found, exact = tsquery.evaluate(tsquery.parse("'b' <-> 'c'"), term, everything, phrase)
    assert (set(np.flatnonzero(found).tolist()), exact) == ({2, 5}, False)
