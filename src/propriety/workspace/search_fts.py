"""The SQLite search index: an FTS5 table kept by the database, in the same transaction as the write.

The index used to follow saves through Django's ``post_save``/``post_delete``
signals, so any write that sends none — ``QuerySet.update`` (retention's
pseudonymising), ``bulk_create``, raw SQL — left old words searchable until
``propriety search rebuild``, and every save deleted its old entry by scanning
the whole table (its ``kind`` and ``obj_id`` columns are not indexed).

Now, as on PostgreSQL (:mod:`propriety.workspace.search_vectors`), triggers on
each source table keep the FTS5 table ``workspace_search`` in step whichever
path writes the text:

    rowid = obj_id * 16 + the kind's number      -- so an entry is found by key
    kind, obj_id, council_id                     -- UNINDEXED: what a hit names
    body                                         -- the searchable columns

An insert adds the entry; an update of a searchable column replaces it (a
status change or a chase costs nothing here); a delete removes it. The body is
the record's searchable columns joined by newlines, as the signals wrote it, so
``bm25`` ranks every record as before.

Migration 0004 installs the triggers for the sources as they were then and
refills the table under the new row ids;
:func:`propriety.workspace.search.rebuild_index` installs them again from the
current list and refills it (after a restore or a change to a source's fields).
Nothing here runs on an SQLite built without FTS5: search then reads the tables.
"""

# Every statement here is built from code constants (table and column names from the
# source list), never from what a person typed: search's words always go as parameters.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

TABLE = "workspace_search"

CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "kind UNINDEXED, obj_id UNINDEXED, council_id UNINDEXED, body, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)

# Room for sixteen kinds of record in the row id; there are six.
KINDS_PER_ID = 16

# (kind, its number in the row id, table, searchable columns): the sources, as SQL sees them.
Spec = tuple[str, int, str, Sequence[str]]


def _body(fields: Sequence[str], row: str) -> str:
    return " || char(10) || ".join(f"COALESCE({row}.{f}, '')" for f in fields)


def _rowid(number: int, row: str) -> str:
    return f"{row}.id * {KINDS_PER_ID} + {number}"


def _insert(spec: Spec, row: str) -> str:
    kind, number, _table, fields = spec
    return (
        f"INSERT INTO {TABLE} (rowid, kind, obj_id, council_id, body) "
        f"VALUES ({_rowid(number, row)}, '{kind}', {row}.id, {row}.council_id, "
        f"{_body(fields, row)})"
    )


def fill_sql(spec: Spec, *, one_council: bool) -> str:
    """Index every record of a source (``%s``: the council's id when ``one_council``)."""
    kind, number, table, fields = spec
    where = " WHERE r.council_id = %s" if one_council else ""
    return (
        f"INSERT INTO {TABLE} (rowid, kind, obj_id, council_id, body) "
        f"SELECT {_rowid(number, 'r')}, '{kind}', r.id, r.council_id, {_body(fields, 'r')} "
        f"FROM {table} r{where}"
    )


def _names(kind: str) -> list[str]:
    return [f"{TABLE}_{kind}_{event}" for event in ("inserted", "updated", "deleted")]


def _triggers(spec: Spec) -> list[str]:
    kind, number, table, fields = spec
    inserted, updated, deleted = _names(kind)
    changed = " OR ".join(f"OLD.{f} IS NOT NEW.{f}" for f in fields)
    forget = f"DELETE FROM {TABLE} WHERE rowid = {_rowid(number, 'OLD')};"
    return [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in _names(kind)),
        f"CREATE TRIGGER {inserted} AFTER INSERT ON {table} BEGIN {_insert(spec, 'NEW')}; END",
        f"CREATE TRIGGER {updated} AFTER UPDATE OF {', '.join(fields)}, council_id ON {table} "
        f"WHEN {changed} OR OLD.council_id IS NOT NEW.council_id "
        f"BEGIN {forget} {_insert(spec, 'NEW')}; END",
        f"CREATE TRIGGER {deleted} AFTER DELETE ON {table} BEGIN {forget} END",
    ]


def install_sql(specs: Iterable[Spec]) -> list[str]:
    """The table and every source's triggers (safe to run again)."""
    statements = [CREATE_TABLE]
    for spec in specs:
        statements += _triggers(spec)
    return statements


def uninstall_sql(specs: Iterable[Spec]) -> list[str]:
    statements = [f"DROP TRIGGER IF EXISTS {name}" for s in specs for name in _names(s[0])]
    return [*statements, f"DROP TABLE IF EXISTS {TABLE}"]


def fts5_compiled(cursor: Any) -> bool:
    """Whether this SQLite was built with FTS5 (without it, search reads the tables)."""
    cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
    return bool(cursor.fetchone()[0])
