"""PostgreSQL: keep each search document's tsvector in its row, compressed, and long text in TOAST.

Ordering a search by relevance runs ts_rank_cd over every match the filters leave: at a million projects,
4,590 documents for "digital government" in Ethiopia under SDG 16. With the vector out of line (migration
0008's toast_tuple_target of 128 bytes sent it there), each document cost three more page reads (the TOAST
index and the chunk) besides its row: 39 ms in the database; kept in the row, 24 ms (docs/performance.md).
STORAGE MAIN compresses the vector and moves it out only when the row would not fit otherwise; heading,
body and context stay EXTENDED and leave the row first. Rows already written take the new layout when they
are next written (`capdev reindex` rewrites them all; `VACUUM FULL` on the table does too). No-op on SQLite.
"""
from django.db import migrations

TABLE = "projects_projectsearchdocument"


def inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN vector SET STORAGE MAIN")


def out_of_line(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN vector SET STORAGE EXTENDED")
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)")


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0008_search_document_narrow_rows"),
    ]

    operations = [
        migrations.RunPython(inline, out_of_line, elidable=False),
    ]
