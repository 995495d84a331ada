"""The lexeme index matches what PostgreSQL's `vector @@ websearch_to_tsquery(...)` matches, after edits too."""
from __future__ import annotations

import random

import numpy as np
import pytest
from django.db import connection

from capdev.projects import index_version
from capdev.projects.facet_index import cache, refresh, tsquery
from capdev.projects.facet_index import lexemes as lexeme_index
from capdev.projects.models import Project
from capdev.projects.search import DOC_TABLE, PG_CONFIG

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's lexemes (SQLite lists matches from its FTS5 table; run with --db=postgresql)")


def database_matches(q: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT project_id FROM {DOC_TABLE} WHERE vector @@ websearch_to_tsquery(%s::regconfig, %s) "
                       "ORDER BY project_id", [PG_CONFIG, q])
        return [r[0] for r in cursor.fetchall()]


def read() -> lexeme_index.Lexemes:
    seen = index_version.changes()
    return lexeme_index.read("default", index_version.current(), {pk: t for pk, (t, _p) in seen.items()})


def words_by_frequency() -> list[tuple[str, int]]:
    """Every lexeme in the documents with the number of documents holding it, commonest first."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT word, ndoc FROM ts_stat('SELECT vector FROM {DOC_TABLE}') ORDER BY ndoc DESC, word")
        return cursor.fetchall()


def assert_matches_as_database(lexemes: lexeme_index.Lexemes, q: str) -> bool:
    """The lexemes match q as the database does; False when q is left to the database (Unsupported)."""
    try:
        got = lexeme_index.matches(lexemes, q, "default")
    except tsquery.Unsupported:
        return False
    assert got.tolist() == database_matches(q), q
    return True


FIXED = [
    "digital government", "public OR service", "government -digital", "-government", '"public service"',
    "e-government", "anti-corruption", "the of and", "zzzunknownword", "government zzzunknownword",
    "it's", "back\\slash", "O'Brien's", '"open data" OR statistics', "-\"public service\" data", "((", "-",
    "digital OR -government", "50 percent",
]


def test_fixed_queries_match_as_the_database_does(synthetic):
    lexemes = read()
    held = sum(assert_matches_as_database(lexemes, q) for q in FIXED)
    assert held >= len(FIXED) - 3  # only a phrase under a negation or very common phrases are left


def test_random_queries_of_common_and_rare_words_match_as_the_database_does(synthetic):
    lexemes = read()
    words = words_by_frequency()
    common = [w for w, n in words if n >= lexeme_index.threshold(len(synthetic) * 10)][:60]
    rare = [w for w, n in words if n < 3][:200]
    # Both kinds are present: the held sets and the database's own listing are both exercised.
    assert any(lexemes.holds(w) for w in common) and any(not lexemes.holds(w) for w in rare)
    rng = random.Random(3)
    for _ in range(80):
        parts = []
        for _term in range(rng.randint(1, 4)):
            word = rng.choice(common if rng.random() < 0.7 else rare)
            parts.append(rng.choice(["", "", "-", "OR "]) + (f'"{word} {rng.choice(common)}"' if rng.random() < 0.15
                                                           else word))
        assert_matches_as_database(lexemes, " ".join(parts))


def test_edited_documents_are_read_again_and_match_as_the_database_does(synthetic):
    from capdev.projects.search import reindex_projects

    lexemes = read()
    common = [w for w, _n in words_by_frequency()][:5]
    before = index_version.changes()
    edited = list(Project.objects.order_by("pk").values_list("pk", flat=True)[5:9])
    for i, pk in enumerate(edited):
        extra = "e-government" if i == 1 else ""  # a held phrase, now in an edited document
        Project.objects.filter(pk=pk).update(title=f"Quokka {i} sanctuary {extra}", summary="", objective="",
                                             background="")
    reindex_projects(edited)
    gone = edited[0]
    Project.objects.get(pk=gone).delete()
    now = index_version.changes()
    changed = refresh.changed_projects(lexemes, now)
    assert set(edited) <= changed
    updated = lexeme_index.caught_up(lexemes, changed, index_version.current(), {pk: t for pk, (t, _p) in now.items()},
                                     "default")
    assert updated is not None and set(edited) <= set(updated.stale.tolist())
    assert not updated.documents[gone]
    assert any(edited[1] in ids.tolist() for ids in updated.phrase_fresh.values())
    for q in ["quokka", "quokka sanctuary", *common, f"{common[0]} -{common[1]}", f"-{common[0]}",
              "quokka OR sanctuary", "e-government", "-e-government", "quokka e-government"]:
        assert assert_matches_as_database(updated, q), q
    assert before != now


def test_too_many_documents_read_again_means_reading_them_whole(synthetic, monkeypatch):
    lexemes = read()
    monkeypatch.setattr(lexeme_index, "OVERLAY_LIMIT", 3)
    some = set(Project.objects.order_by("pk").values_list("pk", flat=True)[:4])
    assert lexeme_index.caught_up(lexemes, some, "t", {}, "default") is None


def test_hyphenated_words_are_held_as_phrases_and_match_as_the_database_does(synthetic, monkeypatch):
    lexemes = read()
    assert lexemes.phrases, "the generated portfolio has common hyphenated words"
    monkeypatch.setattr(lexeme_index, "VERIFY_LIMIT", -1)  # a phrase not held now raises: only held ones answer
    exact = 0
    for word in [w for w, _n in words_by_frequency() if "-" in w][:30]:
        if tsquery.parse(lexeme_index._tsquery_text(word, "default")) not in lexemes.phrases:
            continue
        exact += 1
        assert lexeme_index.matches(lexemes, word, "default").tolist() == database_matches(word), word
        assert assert_matches_as_database(lexemes, f"-{word}")  # exact, so allowed under a negation
        assert assert_matches_as_database(lexemes, f"{word} OR zzzunknownword")
    assert exact >= 3


def test_a_phrase_with_many_candidates_is_left_to_the_database(synthetic, monkeypatch):
    lexemes = read()
    common = [w for w, _n in words_by_frequency()][:2]
    monkeypatch.setattr(lexeme_index, "VERIFY_LIMIT", 0)
    with pytest.raises(tsquery.Unsupported):
        lexeme_index.matches(lexemes, f'"{common[0]} {common[1]}"', "default")


def test_the_list_searches_with_the_lexemes_and_agrees_with_sql(synthetic, client, settings, monkeypatch,
                                                               index_check):
    """The test settings read the lexemes with the index, and check every list request against SQL."""
    cache.clear()
    assert index_check.enabled
    index = cache.get_index()
    assert index.lexemes is not None and index.lexemes.bitmaps | index.lexemes.ids
    asked = []
    real = lexeme_index.matches
    monkeypatch.setattr(lexeme_index, "matches", lambda *args: asked.append(args[1]) or real(*args))
    words = [w for w, _n in words_by_frequency()]
    for params in ({"q": f"{words[0]} {words[3]}", "sort": "title"}, {"q": f"{words[1]} -{words[2]}", "sdg": "16"}):
        response = client.get("/projects/", params)
        assert response.status_code == 200
    assert len(asked) == 2


def test_off_the_database_answers(synthetic, settings):
    settings.CAPDEV_LEXEME_INDEX = False
    cache.clear()
    assert cache.get_index().lexemes is None


def test_read_in_the_background_and_given_to_the_index(synthetic, settings):
    settings.CAPDEV_FACET_INDEX_BACKGROUND = True
    cache.clear()
    assert cache.get_index().lexemes is None  # the index answers first; the database searches meanwhile
    assert cache.wait_for_lexemes(timeout=60)
    lexemes = cache.get_index().lexemes
    assert lexemes.token == cache.get_index().token
    assert np.count_nonzero(lexemes.documents) == len(database_matches("-zzzunknownword"))


def test_ids_past_32_bits_leave_every_search_to_the_database(synthetic, monkeypatch):
    monkeypatch.setattr(lexeme_index, "_read_documents_and_rows",
                        lambda cursor: (np.array([1, 2**31], dtype=np.int64), np.array([1, 2], dtype=np.int64)))
    with pytest.raises(lexeme_index.TooLarge):
        read()
    cache.clear()
    assert cache.get_index().lexemes is None


def ranks_by_key(q: str, pks: list[int]) -> dict[int, float]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT project_id, ts_rank_cd(vector, websearch_to_tsquery(%s::regconfig, %s)) FROM "
                       f"{DOC_TABLE} WHERE project_id = ANY(%s)", [PG_CONFIG, q, pks])
        return dict(cursor.fetchall())


def test_ranks_read_at_the_rows_addresses_equal_the_ranks_read_by_key(synthetic):
    lexemes = read()
    pks = list(Project.objects.order_by("-pk").values_list("pk", flat=True)[::3]) + [10**9]  # one with no document
    literal, without = lexeme_index.addresses(lexemes, pks)
    assert without == [10**9] and literal.count("(") == len(pks) - 1
    for q in ["digital government", "public OR service", "-government", "zzzunknownword"]:
        assert lexeme_index.ranked(lexemes, q, pks, "default") == ranks_by_key(q, pks), q
    assert lexemes.row_addresses is not None


def test_rows_moved_since_the_read_are_ranked_by_key_and_the_addresses_dropped(synthetic):
    lexemes = read()
    pks = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    with connection.cursor() as cursor:  # every row written again, elsewhere (as VACUUM FULL would move them)
        cursor.execute(f"UPDATE {DOC_TABLE} SET heading = heading")
    assert lexeme_index.ranked(lexemes, "digital government", pks, "default") == ranks_by_key("digital government", pks)
    assert lexemes.row_addresses is None  # found moved: the next ranks read rows by key
    assert lexeme_index.addresses(lexemes, pks[:3]) == ("{}", pks[:3])


def test_an_edited_document_is_ranked_by_key_until_read_whole_again(synthetic):
    lexemes = read()
    pk = Project.objects.order_by("pk").values_list("pk", flat=True)[3]
    updated = lexeme_index.caught_up(lexemes, {pk}, "t", {}, "default")
    assert lexemes.row_addresses[pk] >= 0 and updated.row_addresses[pk] == -1
    assert lexeme_index.addresses(updated, [pk])[1] == [pk]
