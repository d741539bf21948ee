"""PostgreSQL's search index: each record's text vector stored in ``workspace_search``, with
a GIN index, kept in step by triggers (see propriety/workspace/search_vectors.py), and filled
from the records already there. SQLite keeps its FTS5 table (0002): nothing happens there."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.db import migrations

from propriety.workspace import search_vectors

# The sources as they were when this migration was written: the ones 0002 indexed on SQLite
# (kind: app, model, columns).
SOURCES: dict[str, tuple[str, str, tuple[str, ...]]] = import_module(
    "propriety.workspace.migrations.0002_search_index"
).SOURCES


def _specs(apps: Any) -> list[search_vectors.Spec]:
    return [
        (kind, apps.get_model(app, model)._meta.db_table, fields)
        for kind, (app, model, fields) in SOURCES.items()
    ]


def install(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    specs = _specs(apps)
    with schema_editor.connection.cursor() as cursor:
        for statement in search_vectors.install_sql(specs):
            cursor.execute(statement)
        for spec in specs:
            cursor.execute(search_vectors.fill_sql(spec, one_council=False))


def uninstall(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in search_vectors.uninstall_sql(_specs(apps)):
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("workspace", "0002_search_index")]
    operations = [migrations.RunPython(install, uninstall)]
