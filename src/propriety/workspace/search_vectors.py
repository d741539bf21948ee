"""The PostgreSQL search index: each record's text vector, stored, indexed and kept by the database.

Search used to compute every visible record's ``to_tsvector`` on each query,
so its cost grew with the council's whole casework (5.3× for tenfold casework
in ``bench/scale.py``). Now each record's vector is stored once in the table
``workspace_search`` (the same name as SQLite's FTS5 table: on each database,
"the search index"):

    kind, obj_id, council_id, vector tsvector    -- one row per searchable record

with a GIN index on ``vector`` (what ``@@`` looks up), a unique
``(kind, obj_id)`` (what the rank is read by) and ``(council_id, kind)`` (for
words so common that reading the council's own entries is cheaper).

**Kept by the database, in the same transaction as the write.** Triggers on
each source table keep the entries in step, whichever path writes the text:
the actions' ``save()``, ``bulk_create`` (the benchmarks, demo loaders),
``QuerySet.update`` (retention's pseudonymising: its old words must stop
matching), raw SQL, ``loaddata``, ``DELETE``, and ``TRUNCATE`` (Django's test
flush). Inserts and deletes are statement triggers over the transition table
(one ``INSERT ... SELECT`` for a bulk insert of thousands); an update is a row
trigger that fires only when one of the searchable columns changed, so a
status change or a chase costs nothing here.

**The same vector as before.** The expression is exactly what
``SearchVector(*fields, config="english")`` compiled to
(``to_tsvector('english', COALESCE(a, '') || ' ' || COALESCE(b, '') ...)``),
so ``ts_rank`` gives every record the rank it had when it was computed on the
fly.

Migration 0003 installs it with the source list as it was then;
:func:`propriety.workspace.search.rebuild_index` installs it again from the
current list (``CREATE OR REPLACE``) and refills it, after a restore or a
change to a source's fields.
"""

# Every statement here is built from code constants (table and column names from the
# source list), never from what a person typed: search's words always go as parameters.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Iterable, Sequence

TABLE = "workspace_search"
CONFIG = "english"

# (kind, table, searchable columns): the sources, as SQL sees them.
Spec = tuple[str, str, Sequence[str]]

CREATE_TABLE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    "kind varchar(32) NOT NULL, obj_id bigint NOT NULL, council_id bigint NOT NULL, "
    "vector tsvector NOT NULL, PRIMARY KEY (kind, obj_id))",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING gin (vector)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_council ON {TABLE} (council_id, kind)",
)

_DELETE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TABLE}_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM {TABLE} s USING old_rows o WHERE s.kind = TG_ARGV[0] AND s.obj_id = o.id;
  RETURN NULL;
END $$"""

_TRUNCATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TABLE}_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM {TABLE} WHERE kind = TG_ARGV[0];
  RETURN NULL;
END $$"""


def vector_sql(fields: Sequence[str], row: str) -> str:
    """The record's vector, as ``SearchVector(*fields, config="english")`` computes it."""
    text = " || ' ' || ".join(f"COALESCE({row}.{f}, '')" for f in fields)
    return f"to_tsvector('{CONFIG}'::regconfig, {text})"


_UPSERT = "ON CONFLICT (kind, obj_id) DO UPDATE SET council_id = EXCLUDED.council_id, vector = EXCLUDED.vector"


def fill_sql(spec: Spec, *, one_council: bool) -> str:
    """Index every record of a source (``%s``: the council's id when ``one_council``)."""
    kind, table, fields = spec
    where = " WHERE r.council_id = %s" if one_council else ""
    return (
        f"INSERT INTO {TABLE} (kind, obj_id, council_id, vector) "
        f"SELECT '{kind}', r.id, r.council_id, {vector_sql(fields, 'r')} FROM {table} r{where} "
        f"{_UPSERT}"
    )


def _triggers(spec: Spec) -> list[str]:
    kind, table, fields = spec
    changed = " OR ".join(f"OLD.{f} IS DISTINCT FROM NEW.{f}" for f in fields)
    name = f"{TABLE}_{kind}"
    return [
        f"""
CREATE OR REPLACE FUNCTION {name}_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO {TABLE} (kind, obj_id, council_id, vector)
  SELECT '{kind}', r.id, r.council_id, {vector_sql(fields, "r")} FROM new_rows r {_UPSERT};
  RETURN NULL;
END $$""",
        f"""
CREATE OR REPLACE FUNCTION {name}_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO {TABLE} (kind, obj_id, council_id, vector)
  VALUES ('{kind}', NEW.id, NEW.council_id, {vector_sql(fields, "NEW")}) {_UPSERT};
  RETURN NULL;
END $$""",
        f"DROP TRIGGER IF EXISTS {TABLE}_inserted ON {table}",
        f"DROP TRIGGER IF EXISTS {TABLE}_updated ON {table}",
        f"DROP TRIGGER IF EXISTS {TABLE}_deleted ON {table}",
        f"DROP TRIGGER IF EXISTS {TABLE}_truncated ON {table}",
        f"CREATE TRIGGER {TABLE}_inserted AFTER INSERT ON {table} "
        f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {name}_inserted()",
        f"CREATE TRIGGER {TABLE}_updated AFTER UPDATE OF {', '.join(fields)} ON {table} "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {name}_updated()",
        f"CREATE TRIGGER {TABLE}_deleted AFTER DELETE ON {table} "
        f"REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {TABLE}_deleted('{kind}')",
        f"CREATE TRIGGER {TABLE}_truncated AFTER TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_truncated('{kind}')",
    ]


def install_sql(specs: Iterable[Spec]) -> list[str]:
    """The table, its indexes and every source's triggers (safe to run again)."""
    statements = [*CREATE_TABLE, _DELETE_FUNCTION, _TRUNCATE_FUNCTION]
    for spec in specs:
        statements += _triggers(spec)
    return statements


def uninstall_sql(specs: Iterable[Spec]) -> list[str]:
    statements = []
    for kind, table, _fields in specs:
        for event in ("inserted", "updated", "deleted", "truncated"):
            statements.append(f"DROP TRIGGER IF EXISTS {TABLE}_{event} ON {table}")
        statements += [
            f"DROP FUNCTION IF EXISTS {TABLE}_{kind}_inserted()",
            f"DROP FUNCTION IF EXISTS {TABLE}_{kind}_updated()",
        ]
    return [
        *statements,
        f"DROP FUNCTION IF EXISTS {TABLE}_deleted()",
        f"DROP FUNCTION IF EXISTS {TABLE}_truncated()",
        f"DROP TABLE IF EXISTS {TABLE}",
    ]


DELETE_KIND = f"DELETE FROM {TABLE} WHERE kind = %s"
DELETE_KIND_OF_COUNCIL = f"DELETE FROM {TABLE} WHERE kind = %s AND council_id = %s"


def ranked_sql(visible_sql: str) -> str:
    """The best-ranked matching entries among ``visible_sql`` (a query of the visible ids).

    Parameters: the words, the kind, the council's id, ``visible_sql``'s own, the limit.
    Ranking reads only this narrow table; the records themselves are fetched for the hits.
    """
    return (
        f"SELECT s.obj_id, ts_rank(s.vector, q.terms) FROM {TABLE} s, "
        f"websearch_to_tsquery('{CONFIG}'::regconfig, %s) q(terms) "
        "WHERE s.kind = %s AND s.council_id = %s AND s.vector @@ q.terms "
        "AND s.obj_id IN (" + visible_sql + ") ORDER BY 2 DESC, 1 DESC LIMIT %s"
    )
