"""The largest input the parser takes: beyond these, a file is refused with a message saying where and why.

Time and memory per record are bounded by the record's length, and the parser holds one record or two at a
time, whatever the size of the file; the limits keep a single "record" (text with no record boundary in it)
and a single file's import (one transaction) within what a reviewer and the database can take. They are
documented in docs/import.md.
"""
from __future__ import annotations

# About 30,000 words: forty times the longest project page seen (a few thousand characters each). A longer run
# of text without a label that begins a record is not one project's page (a book, a data dump, a lost break).
MAX_RECORD_CHARS = 200_000

# One file is one transaction; 100 MB of pages is some 40,000 records, about half an hour's import.
MAX_FILE_BYTES = 100 * 1024 * 1024
