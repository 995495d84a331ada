# Full-text search: the ProjectSearchDocument table, and the per-database index on it.
#
# SQLite: an external-content FTS5 table (projects_search_fts) over the document table, kept in step by
# triggers, so every ORM insert, update or delete of a document (and the cascade from a deleted project)
# reaches the index. Caveat: SQLite rebuilds a table to alter it, which drops its triggers; a later
# migration that alters projects_projectsearchdocument must run the SQLITE_TRIGGERS statements again.
# PostgreSQL: a stored generated tsvector column `vector` (weights A/B/C for heading/body/context) with a
# GIN index. The model does not declare it: only PostgreSQL has it, and only capdev.projects.search reads it.
# Other databases get no index; capdev.projects.search falls back to substring matching there.

import django.db.models.deletion
from django.db import migrations, models

FTS_TABLE = "projects_search_fts"
DOC_TABLE = "projects_projectsearchdocument"

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    f"heading, body, context, content='{DOC_TABLE}', content_rowid='project_id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
]
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON {DOC_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, heading, body, context) "
    "VALUES (new.project_id, new.heading, new.body, new.context); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON {DOC_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, heading, body, context) "
    "VALUES ('delete', old.project_id, old.heading, old.body, old.context); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE ON {DOC_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, heading, body, context) "
    "VALUES ('delete', old.project_id, old.heading, old.body, old.context); "
    f"INSERT INTO {FTS_TABLE}(rowid, heading, body, context) "
    "VALUES (new.project_id, new.heading, new.body, new.context); END",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ai",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]

# The text-search configuration is fixed here: the generated column must be immutable, and search.py
# builds its queries with the same name (search.PG_CONFIG).
POSTGRESQL_CREATE = [
    f"ALTER TABLE {DOC_TABLE} ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, coalesce(heading, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(context, '')), 'C')) STORED",
    f"CREATE INDEX projects_search_vector_gin ON {DOC_TABLE} USING GIN (vector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS projects_search_vector_gin",
    f"ALTER TABLE {DOC_TABLE} DROP COLUMN IF EXISTS vector",
]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def create_search_index(apps, schema_editor):
    """Create the database's own full-text index over the search documents."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE + SQLITE_TRIGGERS)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_CREATE)


def drop_search_index(apps, schema_editor):
    """Drop the full-text index (the document table goes with the model)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_DROP)


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0003_draft_copies'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProjectSearchDocument',
            fields=[
                ('project', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='projects.project', verbose_name='project')),
                ('heading', models.TextField(blank=True, help_text='Title and code.', verbose_name='heading')),
                ('body', models.TextField(blank=True, help_text='Summary, objective, background, expected accomplishments, outcomes.', verbose_name='body')),
                ('context', models.TextField(blank=True, help_text='Activities, partners, countries and the lead unit.', verbose_name='context')),
                ('last_updated', models.DateTimeField(auto_now=True, verbose_name='indexed at')),
            ],
            options={
                'verbose_name': 'project search document',
                'verbose_name_plural': 'project search documents',
            },
        ),
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
