"""Full-text search over projects: one search document per project, indexed by the database itself.

Design: `ProjectSearchDocument` holds each project's text in three weighted parts (heading: title and code;
body: the narrative; context: activities, partners, countries, lead unit). Migration 0004 indexes it per
database: on SQLite an FTS5 table `projects_search_fts` (porter stemming, diacritics folded) that triggers
keep in step with the document table; on PostgreSQL a generated tsvector column `vector` (weights A, B, C)
with a GIN index, queried with websearch_to_tsquery. `reindex_projects(ids)` rebuilds documents in bulk; the
importer calls it for the projects a file touched and `capdev reindex` rebuilds them all.

`search(qs, q)` filters a project queryset to the matches and annotates `rank` (higher is better) and
`snippet` (plain text in which the matched words sit between HIGHLIGHT_START and HIGHLIGHT_END);
`snippet_html()` turns that into escaped HTML with <mark>. User input never reaches SQL or the FTS5 query
language unescaped: `fts5_query()` rebuilds the query from its words, each one quoted.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.db import connections, transaction
from django.db.models import F, FloatField, Q, QuerySet, TextField, Value
from django.db.models.expressions import Expression, RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .index_version import bump
from .models import Project, ProjectSearchDocument

FTS_TABLE = "projects_search_fts"
DOC_TABLE = ProjectSearchDocument._meta.db_table
PG_CONFIG = "english"  # must match the generated column's configuration (migration 0004)
PG_TSQUERY = "websearch_to_tsquery(%s::regconfig, %s)"  # parameters: PG_CONFIG, the query
# Private-use characters: they never occur in documents (stripped when indexing), so they can mark the
# matched words in a snippet and be replaced after the text has been HTML-escaped.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"
MAX_QUERY_CHARS = 256
MAX_QUERY_TERMS = 16
# ts_headline's options for PostgreSQL snippets (the parameter after the query).
PG_HEADLINE_OPTIONS = (f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}, MaxWords=30, MinWords=12, "
                       "ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"")
# bm25 weights for heading, body, context: a title hit counts most.
FTS5_WEIGHTS = (10.0, 3.0, 1.0)
SNIPPET_TOKENS = 24
BATCH_SIZE = 500


# -- query text ------------------------------------------------------------------------------------

def clean_query(q: str | None) -> str:
    """The query with control and private-use characters removed, spaces collapsed, and its length capped."""
    if not q:
        return ""
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp") else c for c in str(q))
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def parse_query(q: str) -> list[tuple[str, list[str]]]:
    """Web-search style terms: [(operator, words)], operator "" (must), "-" (must not) or "or".

    A quoted phrase and a hyphenated word ("e-government") are one term of several words; a bare OR joins
    its neighbours; everything that is not a letter or digit is dropped.
    """
    terms: list[tuple[str, list[str]]] = []
    pending_or = False
    for m in _TOKEN_RE.finditer(clean_query(q)):
        neg, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None:
            if bare.lower() == "or" and terms:
                pending_or = True
                continue
            neg = "-" if bare.startswith("-") and len(bare) > 1 else ""
            text = bare[1:] if neg else bare
        else:
            text = phrase
        words = _WORD_RE.findall(text)
        if not words:
            continue
        op = "-" if neg else ("or" if pending_or else "")
        pending_or = False
        terms.append((op, words[:MAX_QUERY_TERMS]))
        if len(terms) >= MAX_QUERY_TERMS:
            break
    return terms


def _fts5_phrase(words: list[str]) -> str:
    # Inside double quotes FTS5 reads no syntax at all; a quote in the text is written twice.
    return '"' + " ".join(words).replace('"', '""') + '"'


def fts5_query(q: str) -> str | None:
    """The FTS5 MATCH expression for a web-search style query, or None when it has no words to look for.

    Terms are ANDed, OR joins neighbours, -term excludes; a query of exclusions only has nothing to match
    against in FTS5, so its exclusions are dropped.
    """
    groups: list[list[str]] = []  # each group: alternatives joined by OR
    negatives: list[str] = []
    for op, words in parse_query(q):
        phrase = _fts5_phrase(words)
        if op == "-":
            negatives.append(phrase)
        elif op == "or" and groups:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
    if not groups:
        return None
    expr = " AND ".join("(" + " OR ".join(g) + ")" if len(g) > 1 else g[0] for g in groups)
    if negatives:
        expr = f"({expr}) NOT ({' OR '.join(negatives)})"
    return expr


def has_terms(q: str | None) -> bool:
    """Whether the query names anything to look for (a query of punctuation alone matches everything)."""
    return bool(parse_query(q or ""))


# -- documents --------------------------------------------------------------------------------------

def _clean_text(*parts: object) -> str:
    text = "\n".join(str(p) for p in parts if p)
    return text.replace(HIGHLIGHT_START, " ").replace(HIGHLIGHT_END, " ").replace("\x00", " ")


def build_document(project: Project) -> ProjectSearchDocument:
    """The search document of a project whose related rows are prefetched (see DOCUMENT_PREFETCH)."""
    unit = project.lead_unit
    # A project is found by its texts' translations too (capdev.texts): a reader searches in their language.
    translations = list(project.text_translations.all())
    heading = _clean_text(project.title, project.code, *(t.text for t in translations if t.field == "title"))
    body = _clean_text(
        project.summary, project.objective, project.background,
        *(ea.text for ea in project.expected_accomplishments.all()),
        *(o.text for o in project.outcomes.all()),
        *(t.text for t in translations if t.field != "title"),
        *(t.text for o in project.outcomes.all() for t in o.translations.all()),
    )
    partners = []
    for link in project.partner_links.all():
        partners += [link.organisation.name, link.organisation.acronym, link.name_as_written]
    context = _clean_text(
        *(f"{a.title}\n{a.summary}" for a in project.activities.all()),
        *dict.fromkeys(p for p in partners if p),
        *(c.name for c in project.countries.all()),
        unit.code if unit else "", unit.name if unit else "",
    )
    return ProjectSearchDocument(project_id=project.pk, heading=heading, body=body, context=context)


DOCUMENT_PREFETCH = ("expected_accomplishments", "outcomes", "activities", "partner_links__organisation",
                     "countries", "text_translations", "outcomes__translations")


def reindex_projects(ids: Iterable[int] | None = None, using: str = "default") -> int:
    """Rebuild the search documents of these projects (all projects when ids is None); returns how many.

    Documents of projects that no longer exist are removed. A fixed number of queries per batch of 500.
    """
    if ids is None:
        id_list = list(Project.objects.using(using).order_by("pk").values_list("pk", flat=True))
        ProjectSearchDocument.objects.using(using).exclude(project_id__in=Project.objects.using(using).values("pk")).delete()
    else:
        id_list = sorted({int(i) for i in ids})
    written = 0
    for start in range(0, len(id_list), BATCH_SIZE):
        batch = id_list[start:start + BATCH_SIZE]
        with transaction.atomic(using=using):
            # The projects' rows locked first (in id order), then read: two saves of one project reindex it one
            # after the other, each from what is committed when it writes (on PostgreSQL the second would
            # otherwise insert beside the document the first inserted, a unique violation after both saved).
            list(Project.objects.using(using).filter(pk__in=batch).order_by("pk").select_for_update()
                 .values_list("pk", flat=True))
            projects = (Project.objects.using(using).filter(pk__in=batch).select_related("lead_unit")
                        .prefetch_related(*DOCUMENT_PREFETCH))
            docs = [build_document(p) for p in projects]
            # Delete then insert: on SQLite the triggers turn both into FTS5 index updates.
            ProjectSearchDocument.objects.using(using).filter(project_id__in=batch).delete()
            ProjectSearchDocument.objects.using(using).bulk_create(docs)
        written += len(docs)
    # The documents decide what a search matches: indexes built before are stale (for these projects only).
    bump(using, None if ids is None else id_list)
    return written


def rebuild_index(using: str = "default") -> None:
    """Rebuild the database's full-text index from the documents (FTS5 'rebuild'; nothing to do elsewhere)."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


# -- queries ----------------------------------------------------------------------------------------

class PerProjectSQL(Expression):
    """A scalar SQL subquery about the row's project: `{pk}` in the template stands for the project's id.

    Compiling the reference (instead of naming "projects_project"."id" in raw SQL) keeps it right under
    any table alias Django chooses. `{pk}` must come after every %s of the template.
    """

    def __init__(self, template: str, params: list, ref: str = "pk", output_field=None):
        super().__init__(output_field=output_field)
        self.template, self.params, self.ref = template, list(params), F(ref)

    def get_source_expressions(self):
        return [self.ref]

    def set_source_expressions(self, exprs):
        (self.ref,) = exprs

    def as_sql(self, compiler, connection):
        ref_sql, ref_params = compiler.compile(self.ref)
        return "(" + self.template.replace("{pk}", ref_sql) + ")", [*self.params, *ref_params]


def _vendor(qs: QuerySet) -> str:
    return connections[qs.db].vendor


def search_filter(qs: QuerySet, q: str | None) -> QuerySet:
    """The projects of qs that match q (all of qs when q has nothing to look for); no annotations."""
    q = clean_query(q)
    if not has_terms(q):
        return qs
    vendor = _vendor(qs)
    if vendor == "sqlite":
        match = fts5_query(q)
        if match is None:
            return qs
        return qs.filter(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match]))
    if vendor == "postgresql":
        return qs.filter(pk__in=RawSQL(
            f"SELECT project_id FROM {DOC_TABLE} WHERE vector @@ {PG_TSQUERY}",
            [PG_CONFIG, q]))
    # Any other database: every word must appear somewhere in the document.
    cond = Q()
    for op, words in parse_query(q):
        if op == "-":
            continue
        phrase = " ".join(words)
        cond &= (Q(search_document__heading__icontains=phrase) | Q(search_document__body__icontains=phrase)
                 | Q(search_document__context__icontains=phrase))
    return qs.filter(cond)


def search_annotations(qs: QuerySet, q: str | None) -> dict[str, Expression]:
    """The `rank` and `snippet` annotations for q on qs's database."""
    q = clean_query(q)
    vendor = _vendor(qs)
    if vendor == "sqlite" and has_terms(q) and (match := fts5_query(q)):
        weights = ", ".join(str(w) for w in FTS5_WEIGHTS)
        where = f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid = {{pk}}"
        return {
            # bm25 is lower for better matches; negated so that higher is better on both databases.
            "rank": PerProjectSQL(f"SELECT -bm25({FTS_TABLE}, {weights}) {where}", [match],
                                  output_field=FloatField()),
            "snippet": PerProjectSQL(f"SELECT snippet({FTS_TABLE}, -1, %s, %s, %s, %s) {where}",
                                     [HIGHLIGHT_START, HIGHLIGHT_END, "…", SNIPPET_TOKENS, match],
                                     output_field=TextField()),
        }
    if vendor == "postgresql" and has_terms(q):
        tsq = PG_TSQUERY
        return {
            "rank": PerProjectSQL(f"SELECT ts_rank_cd(d.vector, {tsq}) FROM {DOC_TABLE} d WHERE d.project_id = {{pk}}",
                                  [PG_CONFIG, q], output_field=FloatField()),
            "snippet": PerProjectSQL(
                f"SELECT ts_headline(%s::regconfig, concat_ws(' ', d.body, d.context), {tsq}, %s) "
                f"FROM {DOC_TABLE} d WHERE d.project_id = {{pk}}",
                [PG_CONFIG, PG_CONFIG, q, PG_HEADLINE_OPTIONS], output_field=TextField()),
        }
    return {"rank": Value(0.0, output_field=FloatField()), "snippet": Value("", output_field=TextField())}


def snippets(ids: list[int], q: str | None, using: str = "default") -> dict[int, str]:
    """The snippet of each of these projects for q (as search_annotations' `snippet`), in one query.

    For a page of rows already chosen: on SQLite one FTS5 pass over the listed rowids costs about what a
    single correlated snippet subquery does, and the page has twenty of them.
    """
    q = clean_query(q)
    ids = [int(i) for i in ids]
    vendor = connections[using].vendor
    if not ids or not has_terms(q):
        return {}
    if vendor == "sqlite":
        match = fts5_query(q)
        if match is None:
            return {}
        sql = (f"SELECT rowid, snippet({FTS_TABLE}, -1, %s, %s, %s, %s) FROM {FTS_TABLE} "
               f"WHERE {FTS_TABLE} MATCH %s AND rowid IN ({', '.join(['%s'] * len(ids))})")
        params = [HIGHLIGHT_START, HIGHLIGHT_END, "…", SNIPPET_TOKENS, match, *ids]
    elif vendor == "postgresql":
        tsq = PG_TSQUERY
        sql = (f"SELECT d.project_id, ts_headline(%s::regconfig, concat_ws(' ', d.body, d.context), {tsq}, %s) "
               f"FROM {DOC_TABLE} d WHERE d.project_id = ANY(%s)")
        params = [PG_CONFIG, PG_CONFIG, q, PG_HEADLINE_OPTIONS, ids]
    else:
        return {}
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def search(qs: QuerySet, q: str | None) -> QuerySet:
    """The projects of qs that match q, annotated with `rank` (higher is better) and `snippet` (marked text)."""
    return search_filter(qs, q).annotate(**search_annotations(qs, q))


def snippet_html(snippet: str | None) -> SafeString:
    """Escaped HTML of a snippet, its matched words in <mark>; safe to put in a page whatever the text holds."""
    if not snippet:
        return mark_safe("")
    # Escape first, then turn the (unescapable) private-use markers into tags: the text never becomes markup.
    html = escape(snippet)
    html = html.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>")
    # A fragment can end inside a highlight (PostgreSQL's MaxWords cut): close what is open.
    opened = html.count("<mark>") - html.count("</mark>")
    return mark_safe(html + "</mark>" * max(opened, 0))  # noqa: S308 - built from escaped text above
