"""Full-text search: query sanitising, the index kept current, ranking, snippets, on SQLite and PostgreSQL."""
import io

import pytest
from django.core.management import call_command

from capdev.organisations.models import Organisation
from capdev.projects.models import Project, ProjectPartner, ProjectSearchDocument, ReviewState
from capdev.projects.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    clean_query,
    fts5_query,
    has_terms,
    parse_query,
    reindex_projects,
    search,
    snippet_html,
)

HOSTILE = ['"', "*", "AND (", "'; DROP TABLE projects_project; --", "x" * 10000, "NEAR(a b)", "a OR", "OR b",
           "-", "--", "\"unclosed phrase", "col:val", "title:parliament", "^start", "a + b", "(", ")", "{}", "[]",
           "\\", "%", "_", "\x00nul", "e-government", "Côte d’Ivoire", "日本語", "😀 emoji", "AND OR NOT",
           "NOT parliament", "-parliament", "a\u2028b", "\ue000marker\ue001"]


def seed_project(index: int) -> Project:
    """The project imported from the seed's record at this index."""
    return Project.objects.get(sources__index=index)


def ids(qs) -> list[int]:
    return [p.pk for p in qs]


# -- query text, no database ---------------------------------------------------------------------------

def test_words_are_quoted_so_fts5_reads_no_syntax():
    assert fts5_query("parliament") == '"parliament"'
    assert fts5_query("ICT parliament") == '"ICT" AND "parliament"'
    assert fts5_query('AND (') == '"AND"'
    assert fts5_query("title:x") == '"title x"'  # a column filter becomes a phrase of its words


def test_phrases_or_and_exclusions_follow_web_search_rules():
    assert fts5_query('"digital government" Caribbean') == '"digital government" AND "Caribbean"'
    assert fts5_query("ict OR togo") == '("ict" OR "togo")'
    assert fts5_query("caribbean -parliament") == '("caribbean") NOT ("parliament")'
    assert fts5_query("e-government") == '"e government"'


def test_exclusions_alone_and_punctuation_alone_have_nothing_to_match():
    for q in ["-parliament", '"', "*", "()", "   ", "", None]:
        assert fts5_query(q or "") is None, q
    assert not has_terms('"*"')
    assert has_terms("a")


def test_query_length_and_terms_are_capped():
    assert len(clean_query("y" * 10000)) == 256
    assert len(parse_query(" ".join(f"w{i}" for i in range(100)))) == 16


def test_control_and_marker_characters_are_removed():
    assert clean_query("a\x00b\x07c") == "a b c"
    assert HIGHLIGHT_START not in clean_query(f"{HIGHLIGHT_START}x{HIGHLIGHT_END}")


def test_snippet_html_escapes_the_text_and_marks_only_the_matches():
    raw = f'<script>alert("x")</script> and {HIGHLIGHT_START}parliament{HIGHLIGHT_END} & <b>co</b>'
    html = str(snippet_html(raw))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert "<mark>parliament</mark>" in html


def test_snippet_html_closes_a_highlight_cut_off_by_the_fragment_end():
    assert str(snippet_html(f"x {HIGHLIGHT_START}cut")) == "x <mark>cut</mark>"
    assert str(snippet_html("")) == ""
    assert str(snippet_html(None)) == ""


# -- against the seed portfolio (both databases) --------------------------------------------------------

def test_the_loader_indexed_every_imported_project(portfolio, db):
    assert ProjectSearchDocument.objects.count() == Project.objects.count() == 10


def test_parliament_finds_the_caribbean_parliaments_project_first(portfolio, db):
    found = ids(search(Project.objects.all(), "parliament").order_by("-rank"))
    parliaments = seed_project(0)
    assert found[0] == parliaments.pk
    assert seed_project(9).pk not in found  # the Caribbean digital-government project never says it
    # Only projects whose text says "parliament" are found (the DRC record mentions "parliament Branches").
    mentioning = {d.project_id for d in ProjectSearchDocument.objects.all() if "parliament" in d.document.lower()}
    assert set(found) == mentioning
    assert len(found) < 10


def test_search_stems_words(portfolio, db):
    assert ids(search(Project.objects.all(), "parliaments").order_by("-rank"))[0] == seed_project(0).pk


def test_search_reads_partners_countries_and_activities(portfolio, db):
    caribbean = seed_project(9)
    assert caribbean.pk in ids(search(Project.objects.all(), "Saint Lucia"))  # a country's name
    assert caribbean.pk in ids(search(Project.objects.all(), "CARICAD"))  # a partner's acronym
    assert caribbean.pk in ids(search(Project.objects.all(), "webinar"))  # an activity's title
    assert ids(search(Project.objects.all(), "DPIDG")) == [caribbean.pk]  # the lead unit's code


def test_and_or_and_exclusion(portfolio, db):
    caribbean, parliaments = seed_project(9).pk, seed_project(0).pk
    both = set(ids(search(Project.objects.all(), "caribbean")))
    assert {caribbean, parliaments} <= both
    assert parliaments not in ids(search(Project.objects.all(), "caribbean -parliament"))
    assert caribbean in ids(search(Project.objects.all(), "caribbean -parliament"))
    assert set(ids(search(Project.objects.all(), "Togo OR Djibouti"))) == {seed_project(5).pk, seed_project(3).pk}
    assert ids(search(Project.objects.all(), "Togo Djibouti")) == []


def test_a_title_match_ranks_above_a_match_in_the_context(portfolio, db):
    org = Organisation.objects.create(name="Zephyrine Institute", slug="zephyrine")
    in_context = Project.objects.create(title="Another project", review_state=ReviewState.PUBLISHED)
    ProjectPartner.objects.create(project=in_context, organisation=org)
    in_title = Project.objects.create(title="Zephyrine capacity project", review_state=ReviewState.PUBLISHED)
    reindex_projects([in_context.pk, in_title.pk])
    assert ids(search(Project.objects.all(), "zephyrine").order_by("-rank")) == [in_title.pk, in_context.pk]


def test_snippets_mark_the_matched_words(portfolio, db):
    p = search(Project.objects.all(), "parliament").order_by("-rank").first()
    assert HIGHLIGHT_START in p.snippet and HIGHLIGHT_END in p.snippet
    assert "<mark>parliament</mark>" in str(snippet_html(p.snippet)).lower()


def test_reindex_follows_edits_and_deletions(portfolio, db):
    p = seed_project(3)
    p.title = "Quillwort registry reform"
    p.save()
    assert ids(search(Project.objects.all(), "quillwort")) == []  # not indexed until reindexed
    reindex_projects([p.pk])
    assert ids(search(Project.objects.all(), "quillwort")) == [p.pk]
    p.delete()
    assert not ProjectSearchDocument.objects.filter(project_id=p.pk).exists()
    assert ids(search(Project.objects.all(), "quillwort")) == []


def test_reindex_command_rebuilds_every_document(portfolio, db):
    ProjectSearchDocument.objects.all().delete()
    assert ids(search(Project.objects.all(), "parliament")) == []
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "10 projects" in out.getvalue()
    assert ids(search(Project.objects.all(), "parliament").order_by("-rank"))[0] == seed_project(0).pk


def test_search_keeps_the_querysets_restrictions(portfolio, db):
    hidden = Project.objects.create(title="Parliament support in review", review_state=ReviewState.IN_REVIEW)
    reindex_projects([hidden.pk])
    assert hidden.pk in ids(search(Project.objects.all(), "parliament"))
    assert hidden.pk not in ids(search(Project.objects.published(), "parliament"))


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_never_raise(portfolio, db, q):
    every = set(Project.objects.values_list("pk", flat=True))
    rows = list(search(Project.objects.all(), q).order_by("-rank"))
    assert {p.pk for p in rows} <= every and len(rows) == len({p.pk for p in rows})  # no invented or doubled row
    for p in rows:
        html = str(snippet_html(p.snippet))
        # The query's text is escaped in the snippet: only the highlight's own <mark> tags are markup.
        assert "<" not in html.replace("<mark>", "").replace("</mark>", ""), html


def test_punctuation_only_queries_leave_the_queryset_whole(portfolio, db):
    for q in ['"', "*", "()", "-"]:
        assert search(Project.objects.all(), q).count() == 10


def test_saving_a_project_or_its_rows_reindexes_it_on_commit(db, django_capture_on_commit_callbacks):
    """Edits through forms, the admin or the API save rows one by one: search follows once they commit."""
    from capdev.activities.models import Activity
    from capdev.projects.filtersets import ProjectFilterSet
    from capdev.projects.models import Project, ReviewState

    def found(word):
        return list(ProjectFilterSet({"q": word}, queryset=Project.objects.published()).qs)

    with django_capture_on_commit_callbacks(execute=True):
        project = Project.objects.create(title="Water governance", review_state=ReviewState.PUBLISHED)
    assert found("water") == [project]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        project.title = "Ocean governance"
        project.save()
        Activity.objects.create(project=project, type="workshop", title="Mangrove restoration clinic")
        Activity.objects.create(project=project, type="webinar", title="Coral reef webinar")
    assert len(callbacks) == 1  # three changes, one reindex
    assert found("ocean") == [project] and found("water") == []
    assert found("mangrove") == [project]
    with django_capture_on_commit_callbacks(execute=True):
        Activity.objects.filter(title__startswith="Mangrove").get().delete()
    assert found("mangrove") == []


@pytest.mark.django_db
def test_postgresql_keeps_the_vector_in_the_row_and_long_text_out():
    """Ranking reads each match's vector: in the row it costs no TOAST lookups (migration 0009)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL storage setting (SQLite searches its FTS5 table)")
    table = ProjectSearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [table])
        (options,) = cursor.fetchone()
        cursor.execute("SELECT attname, attstorage FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
                       "AND NOT attisdropped", [table])
        storage = dict(cursor.fetchall())
    assert not any(option.startswith("toast_tuple_target") for option in options or [])
    assert storage["vector"] == "m"  # compressed in the row; out of line only if the row cannot hold it
    assert storage["body"] == storage["context"] == "x"  # long text leaves the row first
