"""Which search documents hold each frequent lexeme, in memory: full-text matching without the heap visits.

Why: on PostgreSQL a search for common words ("digital government": 284,000 of a million documents) spends
300-600 ms visiting every heap page that holds a match, only to read the project id (a GIN index gives row
addresses, not ids, and GIN has no index-only scans). Kept in memory as one bit per project id, the
documents holding each lexeme found in at least FREQUENT documents make such a search a few bitwise
operations. A lexeme not held is rare by construction (or new): the database lists its few documents
quickly, by the GIN index (`vector @@ 'lexeme'::tsquery`).

The query is the database's own: `websearch_to_tsquery` (stemming, stop words, web-search syntax) printed
as text and read by capdev.projects.facet_index.tsquery, so a search matches what `vector @@ websearch_to_tsquery(...)`
matches. A hyphenated word is searched as a phrase ("e-government": 'e-govern' <-> 'e' <-> 'govern'),
which lexemes alone cannot decide: the documents matching the phrases of the PHRASES commonest hyphenated
lexemes are read whole too (each phrase as the database makes it of the lexeme, and used only for a query
holding exactly that phrase). Any other phrase is evaluated as "both words" and the database then checks
the candidates, or runs the whole query when they are many; a query the reader does not know goes to the
database whole.

Reading it takes one aggregate over every document's lexemes (28 s at a million projects, in the database),
so a process reads it in the background after its facet index (the database answers searches meanwhile),
and then keeps it current: the documents of edited projects are read again into a small overlay (`stale`
ids whose sets above are out of date, and their lexemes now), until OVERLAY_LIMIT documents, when it is
read whole again. PostgreSQL only: SQLite's FTS5 lists a word's matches from its own index in milliseconds.

The same read also keeps each document's row address (ctid), so that ranking the matches a page shows reads
their rows directly instead of descending the primary key once per document (`addresses`).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace

import numpy as np
from django.conf import settings
from django.db import connections

from capdev.core.memory import release_freed_memory
from capdev.projects.search import DOC_TABLE, PG_CONFIG, PG_TSQUERY

from . import tsquery

logger = logging.getLogger(__name__)
# Lexemes in at least this many documents are held (the database lists rarer ones fast), or in a thousandth of
# the documents in a smaller portfolio (but at least two: the rarest go to the database at every size).
FREQUENT = 1_000
BITMAP_SHARE = 1 / 32  # held as a bitmap (one bit per id) above this share of documents, else as ids
PHRASES = 64  # hyphenated words held as whole phrases, the commonest first
OVERLAY_LIMIT = 5_000  # documents re-read since the whole read, before it is read whole again
VERIFY_LIMIT = 20_000  # a phrase's candidates the database checks one by one; more, and it runs the query
QUERIES_KEPT = 256


@dataclass
class Lexemes:
    """The documents holding each frequent lexeme, as of a portfolio version, by project id."""

    token: str  # the portfolio version read (index_version.current)
    changes: dict[int, str]  # the change rows taken in, as PortfolioIndex.changes
    size: int  # ids below this are covered by the arrays
    documents: np.ndarray  # bool per id: has a search document
    bitmaps: dict[str, np.ndarray]  # lexeme -> packed bits per id
    ids: dict[str, np.ndarray]  # lexeme -> int32 ids
    stale: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # ids re-read since
    fresh: dict[str, np.ndarray] = field(default_factory=dict)  # lexeme -> stale ids holding it now
    # A hyphenated word is searched as a phrase ("e-government": 'e-govern' <-> 'e' <-> 'govern'), which the
    # lexemes alone cannot decide: the phrases of the commonest hyphenated lexemes are held whole.
    phrases: dict[tsquery.Node, np.ndarray] = field(default_factory=dict)  # phrase -> packed bits per id
    phrase_text: dict[tsquery.Node, str] = field(default_factory=dict)  # phrase -> its tsquery text
    phrase_fresh: dict[tsquery.Node, np.ndarray] = field(default_factory=dict)  # phrase -> stale ids matching it
    # Each document's row address when read (block << 16 | offset, -1 for none or re-read since); None once
    # too many were found moved (a table rewritten by VACUUM FULL): ranking then reads rows by key.
    row_addresses: np.ndarray | None = None
    seconds: float = 0.0  # how long the whole read took

    def nbytes(self) -> int:
        """The arrays' size in bytes (the dictionaries' own overhead left out)."""
        arrays = [self.documents, self.stale, *self.bitmaps.values(), *self.ids.values(), *self.fresh.values(),
                  *self.phrases.values(), *self.phrase_fresh.values(),
                  *([] if self.row_addresses is None else [self.row_addresses])]
        return sum(a.nbytes for a in arrays)

    def documents_matching(self, phrase: tsquery.Node, width: int) -> np.ndarray | None:
        """A bool per id for a held phrase (None for another): which documents match it now."""
        if phrase not in self.phrases:
            return None
        return self._now(width, self.phrases[phrase], None, self.phrase_fresh.get(phrase))

    def holds(self, lexeme: str) -> bool:
        """Whether the lexeme is held (else it was in fewer than FREQUENT documents when read)."""
        return lexeme in self.bitmaps or lexeme in self.ids

    def documents_with(self, lexeme: str, width: int) -> np.ndarray:
        """A bool per id (width of them) for a held lexeme: which documents hold it now."""
        return self._now(width, self.bitmaps.get(lexeme), self.ids.get(lexeme), self.fresh.get(lexeme))

    def _now(self, width: int, bits: np.ndarray | None, ids: np.ndarray | None, fresh: np.ndarray | None
             ) -> np.ndarray:
        """A bool per id from what the whole read found (packed bits or ids), with the documents read again
        since (stale) replaced by what they hold now (fresh)."""
        out = np.zeros(width, dtype=bool)
        if bits is not None:
            out[:self.size] = np.unpackbits(bits, count=self.size).view(bool)
        elif ids is not None:
            out[ids] = True
        out[self.stale] = False
        if fresh is not None:
            out[fresh] = True
        return out


ROW_ADDRESS = "(((ctid::text::point)[0]::int8 << 16) | (ctid::text::point)[1]::int8)"  # a ctid as one integer


def _read_documents(cursor, where: str = "", params=()) -> np.ndarray:
    """The ids of the documents WHERE says, as 8-byte binary integers end to end (numpy reads them as is)."""
    cursor.execute(f"SELECT string_agg(int8send(project_id), ''::bytea) FROM {DOC_TABLE} {where}", params)
    value = cursor.fetchone()[0]
    return np.frombuffer(bytes(value), dtype=">i8").astype(np.int64) if value else np.zeros(0, dtype=np.int64)


def _read_documents_and_rows(cursor) -> tuple[np.ndarray, np.ndarray]:
    """Every document's id and row address (ROW_ADDRESS), in the same order."""
    # Both aggregates read the same rows in the same order: the n-th id and the n-th address go together.
    cursor.execute(f"SELECT string_agg(int8send(project_id), ''::bytea), "
                   f"string_agg(int8send({ROW_ADDRESS}), ''::bytea) FROM {DOC_TABLE}")
    ids, rows = (np.frombuffer(bytes(value or b""), dtype=">i8").astype(np.int64) for value in cursor.fetchone())
    return ids, rows


class TooLarge(Exception):
    """Ids past 32 bits: the lexemes are not read (the database answers every search)."""


def wanted(using: str) -> bool:
    """Whether the index holds the lexemes of this database (PostgreSQL, CAPDEV_LEXEME_INDEX on)."""
    return settings.CAPDEV_LEXEME_INDEX and connections[using].vendor == "postgresql"


def read_or_none(using: str, token: str, changes: dict[int, str]) -> Lexemes | None:
    """The lexemes read whole, or None when they are too many to hold (the database searches then)."""
    try:
        return read(using, token, changes)
    except TooLarge as why:
        logger.info("lexemes not read: %s", why)
        return None
    finally:
        release_freed_memory()


def threshold(documents: int) -> int:
    """How many documents a lexeme must be in to be held, in a portfolio of this many."""
    return max(2, min(FREQUENT, documents // 1000))


def read(using: str, token: str, changes: dict[int, str]) -> Lexemes:
    """Every frequent lexeme's documents, read from the database (token and changes: the version it is
    read at, taken by the caller before reading)."""
    began = time.perf_counter()
    connection = connections[using]
    with connection.cursor() as cursor:
        everything, addresses_read = _read_documents_and_rows(cursor)
    size = int(everything.max()) + 1 if everything.size else 0
    if size >= 2**31:  # the ids below are read as 4-byte integers (half the bytes of a million lists)
        raise TooLarge(f"project ids reach {size - 1}")
    documents = np.zeros(size, dtype=bool)
    documents[everything] = True
    rows = np.full(size, -1, dtype=np.int64)
    rows[everything] = addresses_read
    bitmaps, ids, counts = {}, {}, {}
    # Ids as 4-byte big-endian integers end to end: a quarter of the text form, and numpy reads it as is.
    sql = (f"SELECT u.lexeme, string_agg(int4send(d.project_id::int), ''::bytea) FROM {DOC_TABLE} d, "
           f"unnest(tsvector_to_array(d.vector)) u(lexeme) GROUP BY u.lexeme HAVING count(*) >= %s")
    with connection.chunked_cursor() as cursor:  # a server-side cursor: the rows arrive in batches
        cursor.execute(sql, [threshold(everything.size)])
        for lexeme, value in cursor:
            found = np.frombuffer(bytes(value), dtype=">i4")
            counts[lexeme] = found.size
            if found.size > size * BITMAP_SHARE:
                bits = np.zeros(size, dtype=bool)
                bits[found] = True
                bitmaps[lexeme] = np.packbits(bits)
            else:
                ids[lexeme] = found.astype(np.int32)
    phrase_text = _phrases_of(sorted(counts, key=lambda w: (-counts[w], w)), using)
    phrases = {}
    with connection.cursor() as cursor:
        for node, text in phrase_text.items():
            bits = np.zeros(size, dtype=bool)
            bits[_read_documents(cursor, "WHERE vector @@ %s::tsquery", [text])] = True
            phrases[node] = np.packbits(bits)
    return Lexemes(token=token, changes=changes, size=size, documents=documents, bitmaps=bitmaps, ids=ids,
                   phrases=phrases, phrase_text=phrase_text, row_addresses=rows, seconds=time.perf_counter() - began)


def _phrases_of(words: list[str], using: str) -> dict[tsquery.Node, str]:
    """The phrase the database makes of each of the first PHRASES hyphenated words here (commonest first)."""
    hyphenated = [w for w in words if "-" in w][:PHRASES]
    if not hyphenated:
        return {}
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery(%s::regconfig, w)::text FROM unnest(%s::text[]) w",
                       [PG_CONFIG, hyphenated])
        texts = [row[0] for row in cursor.fetchall()]
    out = {}
    for text in texts:
        try:
            node = tsquery.parse(text)
        except tsquery.Unsupported:
            continue
        if isinstance(node, tsquery.Both) and node.phrase:
            out[node] = text
    return out



def caught_up(lexemes: Lexemes, changed: set[int], token: str, changes: dict[int, str], using: str
              ) -> Lexemes | None:
    """These lexemes with the documents of the changed projects read again; None when too many documents
    have been re-read since the whole read (the caller reads it whole again)."""
    if not changed:
        return replace(lexemes, token=token, changes=changes)
    only = sorted(changed)
    stale = np.union1d(lexemes.stale, np.array(only, dtype=np.int64))
    if stale.size > OVERLAY_LIMIT or stale[-1] >= 2**31:
        return None
    fresh = _kept(lexemes.fresh, changed)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT project_id, tsvector_to_array(vector) FROM {DOC_TABLE} WHERE project_id = ANY(%s)",
                       [only])
        now = cursor.fetchall()
    present = {pk for pk, _words in now}
    for pk, words in now:
        for lexeme in words:
            fresh.setdefault(lexeme, set()).add(pk)
    phrase_fresh = _phrases_now(lexemes, changed, only, using)
    width = max(lexemes.documents.size, int(stale[-1]) + 1 if stale.size else 0)
    documents = np.zeros(width, dtype=bool)
    documents[:lexemes.documents.size] = lexemes.documents
    for pk in only:
        documents[pk] = pk in present
    rows = lexemes.row_addresses
    if rows is not None:  # a rewritten document has moved: it is ranked by key until the next whole read
        rows = rows.copy()
        rows[np.array([pk for pk in only if pk < rows.size], dtype=np.int64)] = -1
    return replace(lexemes, token=token, changes=changes, documents=documents, stale=stale,
                   fresh={lexeme: np.array(sorted(pks), dtype=np.int64) for lexeme, pks in fresh.items()},
                   phrase_fresh=phrase_fresh, row_addresses=rows)


def addresses(lexemes: Lexemes | None, pks: list[int]) -> tuple[str, list[int]]:
    """The row addresses of these documents as a tid[] literal, and the ids of those without a known one."""
    rows = None if lexemes is None else lexemes.row_addresses
    if rows is None or not pks:
        return "{}", list(pks)
    wanted = np.array(pks, dtype=np.int64)
    known = np.full(wanted.size, -1, dtype=np.int64)
    inside = wanted < rows.size
    known[inside] = rows[wanted[inside]]
    have = known >= 0
    literal = "{" + ",".join(f'"({block},{offset})"' for block, offset in
                             zip((known[have] >> 16).tolist(), (known[have] & 0xFFFF).tolist())) + "}"
    return literal, wanted[~have].tolist()


MOVED_SHARE = 1 / 4  # more than this share of the addressed rows not found there: the addresses are dropped


def ranked(lexemes: Lexemes | None, q: str, pks: list[int], using: str) -> dict[int, float]:
    """ts_rank_cd of q for these projects' documents (a project without a document is left out).

    Rows at a known address are read by it (a TID scan: no primary-key descent per document, 24 -> 15 ms
    for 4,590 documents at a million projects); a row found there belongs to whichever project it says,
    so a moved row only costs a second look-up, by key, for the projects not found.
    """
    literal, rest = addresses(lexemes, pks)
    rank = f"SELECT project_id, ts_rank_cd(vector, {PG_TSQUERY}) FROM {DOC_TABLE} WHERE "
    found: dict[int, float] = {}
    with connections[using].cursor() as cursor:
        if literal != "{}":
            cursor.execute(rank + "ctid = ANY(%s::tid[])", [PG_CONFIG, q, literal])
            found = dict(cursor.fetchall())
            addressed = len(pks) - len(rest)
            rest = [pk for pk in pks if pk not in found]
            moved = len(rest) - (len(pks) - addressed)
            if moved > addressed * MOVED_SHARE and lexemes is not None:
                # The table was rewritten (VACUUM FULL, CLUSTER): the addresses are of no use until read again.
                logger.info("lexemes: %d of %d rows moved; ranking reads rows by key", moved, addressed)
                lexemes.row_addresses = None
        if rest:
            cursor.execute(rank + "project_id = ANY(%s)", [PG_CONFIG, q, rest])
            found.update(cursor.fetchall())
    return found


def _kept(fresh: dict, changed: set[int]) -> dict:
    """An overlay's ids per key (lexeme or phrase) without the documents read again now, as sets."""
    kept = {key: set(ids.tolist()) - changed for key, ids in fresh.items()}
    return {key: ids for key, ids in kept.items() if ids}


def _phrases_now(lexemes: Lexemes, changed: set[int], only: list[int], using: str) -> dict[tsquery.Node, np.ndarray]:
    """The re-read documents matching each held phrase: those re-read before, and these (asked of the database
    in one query)."""
    nodes = list(lexemes.phrase_text)
    matching = _kept(lexemes.phrase_fresh, changed)
    if nodes:
        tests = ", ".join(["vector @@ %s::tsquery"] * len(nodes))
        with connections[using].cursor() as cursor:
            cursor.execute(f"SELECT project_id, ARRAY[{tests}] FROM {DOC_TABLE} WHERE project_id = ANY(%s)",
                           [*(lexemes.phrase_text[n] for n in nodes), only])
            for pk, hits in cursor.fetchall():
                for node, hit in zip(nodes, hits):
                    if hit:
                        matching.setdefault(node, set()).add(pk)
    return {node: np.array(sorted(pks), dtype=np.int64) for node, pks in matching.items()}


def _tsquery_text(q: str, using: str) -> str:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery(%s::regconfig, %s)::text", [PG_CONFIG, q])
        return cursor.fetchone()[0]


def _rare(lexeme: str, width: int, using: str) -> np.ndarray:
    """A bool per id (width of them) for a lexeme not held: its documents, listed by the database (few, by
    construction). A document the lexemes have not taken in yet is left out, as every held lexeme's is."""
    with connections[using].cursor() as cursor:
        found = _read_documents(cursor, "WHERE vector @@ %s::tsquery", [_quoted(lexeme)])
    out = np.zeros(width, dtype=bool)
    out[found[found < width]] = True
    return out


def _quoted(lexeme: str) -> str:
    """A lexeme as a tsquery operand: in single quotes, quotes and backslashes doubled."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def matches(lexemes: Lexemes, q: str, using: str) -> np.ndarray:
    """The ids of the documents matching a web-search style query, as `vector @@ websearch_to_tsquery`
    selects them. Raises tsquery.Unsupported for a query the database must answer whole."""
    tree = tsquery.parse(_tsquery_text(q, using))
    if tree is None:  # stop words only: PostgreSQL matches nothing
        return np.zeros(0, dtype=np.int64)
    words = tsquery.lexemes(tree)
    width = lexemes.documents.size
    sets = {word: (lexemes.documents_with(word, width) if lexemes.holds(word) else _rare(word, width, using))
            for word in words}
    everything = lexemes.documents

    def term(word: str) -> np.ndarray:
        return sets[word] & everything

    def phrase(node: tsquery.Node) -> np.ndarray | None:
        found = lexemes.documents_matching(node, width)
        return None if found is None else found & everything

    found, exact = tsquery.evaluate(tree, term, everything, phrase)
    ids = np.flatnonzero(found)
    if exact:
        return ids
    if ids.size > VERIFY_LIMIT:
        raise tsquery.Unsupported("a phrase with many candidates")
    with connections[using].cursor() as cursor:  # the phrase's word order, checked by the database
        return np.sort(_read_documents(
            cursor, "WHERE project_id = ANY(%s) AND vector @@ websearch_to_tsquery(%s::regconfig, %s)",
            [ids.tolist(), PG_CONFIG, q]))
