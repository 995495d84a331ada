"""An in-memory, column-wise index of the registry's projects: facet counts, list order and the dashboard's
numbers in numpy.

Why: counting eleven disjunctive facets over the matches of a search costs eleven aggregate queries, each
re-evaluating the search; at 100,000 projects that is seconds (docs/performance.md). Held as arrays (one
entry per project, and one per project-value pair of each many-valued property), a filter is a boolean mask,
a facet is a `bincount` over the rows that every other filter lets through, and a page of the list is a
`lexsort` of the matching rows: milliseconds at that size.

The index holds every registry project (working copies left out) with its review state, so one index serves
staff and the public: the visibility rule is one more mask. What each parameter means on it comes from the
parameter's one declaration (capdev.projects.filtersets), as its SQL meaning does.

One module per concern (a request meets them in this order; docs/architecture.md follows one):

- `cache`: this process's index of each database, brought up to date when the portfolio's version changed
  (`get_index`), read anew in a background thread after a large change;
- `build`: the whole registry read into a new index; `sources`: what it reads (columns through the raw
  cursor, the pairs each filter declares); `refresh`: just the changed projects read again;
- `columns`: the arrays themselves (`PortfolioIndex`, `Links`) and the exceptions that send a request to SQL;
- `query`: one request's filters as masks, the rows each facet counts, the list in order;
- `fulltext`: the ids a search matches and their ranks; `lexemes` and `tsquery`: PostgreSQL's frequent
  lexemes held in memory.

Import the module you need (`from capdev.projects.facet_index.cache import get_index`): this package
imports none of them itself, so that the declarations can use `sources` without loading the rest.
"""
