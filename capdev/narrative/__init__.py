"""The narrative parser: free-text project pages to Record objects, every character kept in a span.

Plain Python, no Django. Entry points: decode_bytes, parse_text, parse_file (a list of records);
iter_records, iter_file (records one at a time, for files of any size within the limits: see .limits);
`python -m capdev.narrative FILE...`.

Status is passed through from a "Status:" label only; deriving one from the dates is the loader's job,
because it knows today's date.
"""
from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator

from .assemble import assemble as _assemble_record
from .country_headings import drop_tail_country, head_heading_country, lend_heading_country, tail_country
from .decode import TextFile, decode_bytes
from .errors import InputError, LimitExceeded
from .feeds import feed_file
from .headline_split import split_headlined
from .limits import MAX_FILE_BYTES, MAX_RECORD_CHARS
from .message_breaks import split_messages
from .named_projects import BOUNDS_FLAG, named_project_records
from .one_fact_records import fold_one_fact
from .page_donor import head_donor, lend_donor
from .page_head import head_country, lend_country
from .prose_records import prose_records, without_heading
from .relate import Relater, complete_links
from .section_breaks import split_sections
from .segment import iter_lines, iter_segments
from .segment_merge import join_pieces
from .start_checks import BOUNDS_FLAG as MODEL_BOUNDS
from .start_checks import check_pieces
from .stray_labels import prose_instead
from .structured import SCAN_CHARS, portfolio_below, read_records, starts_with_table
from .types import Record
from .typeset import read_typeset
from .value_shapes import shape_checked
from .values.date_order import within, writes_month_first
from .values.status_dates import HEAD_CHARS, document_date, infer_status
from .values.status_sections import section_marks
from .word_numbered_cuts import split_prose_records
from .xml_text import read_markup

# Stored with every imported record (SourceRecord.importer_version): which reading gave its values. The minor
# number moves with each round of reading rules (docs/import.md "Accuracy"; 1.5: round 5).
PARSER_VERSION = "1.23.0"

__all__ = [
    "MAX_FILE_BYTES", "MAX_RECORD_CHARS", "PARSER_VERSION", "InputError", "LimitExceeded", "Record", "Relater",
    "TextFile", "decode_bytes", "iter_file", "iter_records", "parse_file", "parse_text",
]


@shape_checked  # each record's values checked against their fields' shapes as it leaves (value_shapes.py)
def iter_records(chunks: Iterable[str], source_file: str | None = None, *, relater: Relater | None = None,
                 max_record: int | None = MAX_RECORD_CHARS) -> Iterator[Record]:
    """The records of a decoded text given in pieces, each as soon as it is read; InputError when there is none.

    The parser holds a few records at a time (four ahead at most: test_scale.py). Each record's related_to names
    the earlier records nearly the same as it; the later ones are in relater.later (complete_links makes the links
    go both ways).
    A record longer than max_record characters raises LimitExceeded saying where it begins.
    """
    relater = relater or Relater()
    chunks, feed = read_markup(chunks)
    if feed is not None:  # an Atom or RSS feed: one record per entry that tells of a project
        yield from feed_file(feed, source_file, relater)
        return
    chunks = read_typeset(chunks)  # a LaTeX or wiki source: its markup blanked in place (typeset.py)
    # Slash dates are read day first unless the document's first part shows it writes them month first.
    chunks = iter(chunks)
    first = next(chunks, "")
    first_month = writes_month_first(first)
    chunks = itertools.chain([first], chunks)
    # A stretch stating one fact at most is no record when others state more (one_fact_records.py): folded before
    # the records are numbered and related.
    for index, record in enumerate(within(fold_one_fact(_read(chunks, source_file, max_record)), first_month)):
        record.index = index
        relater.add(record)
        yield record


def _read(chunks: Iterable[str], source_file: str | None, max_record: int | None) -> Iterator[Record]:
    """iter_records' records as they are read, before they are numbered and related."""
    name = source_file or "<input>"
    chunks, exported = _exported(chunks, max_record)
    if exported is not None:
        # A portfolio written as data (a CSV export, a table of projects): one record per project.
        try:
            when, lent, paid = document_date(exported[:HEAD_CHARS]), None, None
            for i, record in enumerate(read_records(exported, source_file, max_record or len(exported) + 1)):
                infer_status(record, when)
                lend_country(record, lent := lent if i else head_country(record))  # "MINISTERIO ... - REPÚBLICA ..."
                lend_donor(record, paid := paid if i else head_donor(record))  # "financiado por la AECID" above
                yield record
        except LimitExceeded as exc:
            raise LimitExceeded(exc.args[0], name=name) from None
        return
    index = 0
    # The text read while no labelled record is found, for reading it as prose if none is: no more than one
    # record's length (the segmenter refuses a longer run without a record), let go at the first record.
    before: list[str] | None = []
    head: list[str] = []  # the text's first characters, where a document states its date (values.status_dates)

    def read() -> Iterator[str]:
        for chunk in chunks:
            if before is not None:
                before.append(chunk)
            if sum(map(len, head)) < HEAD_CHARS:
                head.append(chunk[:HEAD_CHARS])
            yield chunk
        ended.append(True)

    ended: list[bool] = []  # the whole text has been read
    section: list[str | None] = [None]  # the status the last section heading gave ("ONGOING PROJECTS")

    def dated(record: Record, raw=None, text=None) -> Record:
        if raw is not None:
            opens, closes = section_marks(raw, text)
            section[0] = opens or section[0]
            if section[0] and not record.status:
                record.status = section[0]
                record.flag("status", "read from the heading of its section")
            section[0] = closes or section[0]
        infer_status(record, document_date("".join(head)[:HEAD_CHARS]))
        return record

    try:
        segments = prose_instead(iter_segments(iter_lines(read(), max_record), max_record=max_record),
                                 lambda: "".join(before or ()) if ended else None)  # stray labels (stray_labels.py)
        page_country = heading_country = page_donor = None
        for raw, text, moved in check_pieces(join_pieces(split_sections(split_messages(split_headlined(segments))))):
            before = None
            record = dated(_assemble_record(text, raw, index, source_file), raw, text)
            if moved:  # cut or joined by the learned check of where a record begins (start_checks.py)
                record.flag(*MODEL_BOUNDS)
            if index == 0:
                page_country, page_donor = head_country(record), head_donor(record)
            lend_donor(record, page_donor)  # "Programa ..., financiado por la AECID" above its projects (round 17b)
            # A country heading the segmenter left at the end of the record before ("[Marker – Haïti]", "HAÏTI").
            heading_country = head_heading_country(record) or heading_country  # "KENYA" above its records
            tail = tail_country(record)
            if tail:
                drop_tail_country(record, tail)
            if not lend_heading_country(record, heading_country):
                lend_country(record, page_country)
            heading_country = tail or heading_country
            index += 1
            yield record
    except LimitExceeded as exc:
        raise LimitExceeded(exc.args[0], name=name) from None
    if not index:
        whole = "".join(before or ())
        if portfolio_below(whole, 0, max_record or len(whole) + 1) is not None:
            # No labelled record, and a table of projects below a report's prose: one record per row, the prose kept.
            try:
                for record in read_records(whole, source_file, max_record or len(whole) + 1):
                    dated(record)
                    index += 1
                    yield record
            except LimitExceeded as exc:
                raise LimitExceeded(exc.args[0], name=name) from None
            return
        # No labelled record: paragraphs of prose that tell of projects (an annual report, news items).
        raws, guessed = prose_records(whole), False
        if not raws or (len(raws) == 1 and len(raws[0].blocks) == 1 and raws[0].end - raws[0].start == len(whole)):
            # Nothing, or the whole text as one record (no paragraph of it tells of a project): one record per project
            # the text names (a card, a row, a paragraph each, with two kinds of facts of its own when the text
            # already reads as one), marked.
            named = named_project_records(whole, facts=2 if raws else 0)
            if len(named) > 1 or not raws:
                raws, guessed = named, True
            else:
                raws = [without_heading(raw, whole) for raw in raws]
        for raw in split_prose_records(raws, whole):
            record = dated(_assemble_record(whole, raw, index, source_file), raw, whole)
            if guessed or raw.guessed:
                record.flag(*BOUNDS_FLAG)
            if index == 0:  # minutes headed by "... Project in Lesotho", told in prose: that record's own head only
                page_country, page_donor = head_country(record), head_donor(record)
            lend_country(record, page_country)  # the page's country, to every record as in a labelled text
            lend_donor(record, page_donor)
            index += 1
            yield record
    if not index:
        raise InputError("no recognisable project record", name=name)


def _exported(chunks: Iterable[str], max_record: int | None) -> tuple[Iterable[str], str | None]:
    """(the chunks, None), or (_, the whole text) when a table or export of projects begins near its start."""
    it = iter(chunks)
    head: list[str] = []
    size = 0
    for chunk in it:
        head.append(chunk)
        size += len(chunk)
        if size > SCAN_CHARS or len(head) >= 2:
            break  # a file is read a large chunk at a time; pages handed one by one are not read ahead
    text = "".join(head)
    limit = max_record or MAX_RECORD_CHARS
    if not starts_with_table(text, limit) and not _late_table(text, limit):
        return itertools.chain(head, it), None
    return (), text + "".join(it)


def _late_table(text: str, limit: int) -> bool:
    """Does a table of projects begin further down, after text that holds no labelled record (a report's prose,
    then its table of projects)? The text before it is read as usual with the table's records (read_records)."""
    found = portfolio_below(text, text.rfind("\n", 0, SCAN_CHARS) + 1, limit)
    if found is None:
        return False
    try:
        return next(iter_segments(iter_lines([text[: found.start]], limit), max_record=limit), None) is None
    except LimitExceeded:
        return False


def iter_file(path: str | os.PathLike[str], source_file: str | None = None, *, relater: Relater | None = None,
              max_record: int | None = MAX_RECORD_CHARS, max_bytes: int | None = MAX_FILE_BYTES) -> Iterator[Record]:
    """The records of a file, one at a time, read a chunk at a time; InputError when it is unreadable, empty,
    binary, holds no record, or exceeds a limit (the file's size is checked before anything is parsed)."""
    source = TextFile(path, max_bytes=max_bytes)
    return iter_records(source.chunks(), source_file or source.name, relater=relater, max_record=max_record)


def parse_text(text: str, source_file: str | None = None) -> list[Record]:
    """Records found in decoded text, in order; InputError when there is none."""
    relater = Relater()
    records = list(iter_records([text], source_file, relater=relater))
    complete_links(records, relater)
    return records


def parse_file(path: str | os.PathLike[str]) -> list[Record]:
    """Read, decode and parse one file; InputError when it is unreadable, empty, binary or holds no record."""
    relater = Relater()
    records = list(iter_file(path, relater=relater))
    complete_links(records, relater)
    return records
