"""SQLite's search index kept by triggers (see propriety/workspace/search_fts.py), as
PostgreSQL's has been since 0003: the FTS5 table is refilled under row ids made from each
record's id and kind, so an entry is found by key. PostgreSQL: nothing happens here."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.db import migrations

from propriety.workspace import search_fts

# The sources as they were when this migration was written: the ones 0002 indexed (kind: app,
# model, columns), numbered in that order as propriety/workspace/search.py numbers them.
SOURCES: dict[str, tuple[str, str, tuple[str, ...]]] = import_module(
    "propriety.workspace.migrations.0002_search_index"
).SOURCES


def _specs(apps: Any) -> list[search_fts.Spec]:
    return [
        (kind, number, apps.get_model(app, model)._meta.db_table, fields)
        for number, (kind, (app, model, fields)) in enumerate(SOURCES.items(), start=1)
    ]


def install(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        if not search_fts.fts5_compiled(cursor):
            return  # search reads the tables
        specs = _specs(apps)
        cursor.execute(f"DROP TABLE IF EXISTS {search_fts.TABLE}")
        for statement in search_fts.install_sql(specs):
            cursor.execute(statement)
        for spec in specs:
            cursor.execute(search_fts.fill_sql(spec, one_council=False))


def uninstall(apps: Any, schema_editor: Any) -> None:
    """The triggers go; the table and its entries stay."""
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in search_fts.uninstall_sql(_specs(apps))[:-1]:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("workspace", "0003_search_vectors")]
    operations = [migrations.RunPython(install, uninstall)]
