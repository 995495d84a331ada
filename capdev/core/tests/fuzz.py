"""What the fuzz tests throw: arbitrary text and numbers, and the values that broke Capdev before.

CAPDEV_FUZZ_EXAMPLES sets the number of arbitrary examples per URL (half as many per API field), after the fixed
sweep of the values that broke Capdev before; the default keeps the suite within CI's time;
the examples are derandomized, so a run is repeatable, and CAPDEV_FUZZ_RANDOM=1 draws new ones.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("CAPDEV_FUZZ_EXAMPLES", "10"))
WRITE_EXAMPLES = max(1, EXAMPLES // 2)  # a write costs several times a read

# Values that made 500s or were silently dropped: Unicode digits that str.isdigit() accepts and int() refuses or
# reads, numbers past the columns, a start year the editor refuses, NUL (PostgreSQL refuses it in text), lengths.
TRICKY = [
    "", " ", "²", "١٢", "٣", "９", "0", "-1", "00", "0210", "1e3", "1e999999", "1.5", "NaN", "inf", "-0",
    "2147483648", "9223372036854775807", "9223372036854775808", "1" + "0" * 20, "9" * 5000, "x" * 300,
    "\x00", "a\x00b", "%", "'", '"', "<script>", "\u202e", "true", "maybe", "last",
]
# Values that pass: they take a request past validation into the code that uses them.
GOOD = ["LCA", "lca", "KEN", "16", "5", "16.6", "2010", "2030", "PACB", "DPADM", "002", "019", "active",
        "completed", "lt100k", "gt5m", "workshop", "webinar", "budget", "-budget", "title", "relevance", "csv",
        "json", "xlsx", "html", "1", "2", "digital government", "-workshop", "projects", "budget-by-unit"]
# Parameters every view might read whatever it declares.
COMMON = {"format", "page", "page_size", "all", "q", "map", "next"}

text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=24)  # a URL cannot carry surrogates
values = st.one_of(st.sampled_from(TRICKY), st.sampled_from(GOOD), text, st.integers().map(str),
                   st.integers(min_value=-5, max_value=2200).map(str))


def query(names: set[str], extra_values: list[str] = ()) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Query strings: a few parameters, mostly the view's own, each with an arbitrary or tricky value."""
    pool = st.one_of(values, st.sampled_from(list(extra_values))) if extra_values else values
    name = st.one_of(st.sampled_from(sorted(names | COMMON)), text)
    return st.lists(st.tuples(name, pool), min_size=1, max_size=5)


def json_values() -> st.SearchStrategy:
    """Any JSON value, leaning on the kinds a field refuses: huge and negative numbers, tricky text, lists."""
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=10 ** 18, max_value=10 ** 30),
                        st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(TRICKY),
                        st.sampled_from(GOOD), text)
    return st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(text, inner, max_size=3)), max_leaves=6)


def fuzz_settings(examples: int = EXAMPLES):
    """Hypothesis settings for a test that makes requests: no deadline, repeatable unless asked."""
    return settings(max_examples=examples, deadline=None, database=None,
                    derandomize=os.environ.get("CAPDEV_FUZZ_RANDOM") != "1",
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.filter_too_much])
