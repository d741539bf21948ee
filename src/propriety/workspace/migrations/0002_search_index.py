"""The SQLite full-text index for search (FTS5). PostgreSQL needs no table: it searches
with django.contrib.postgres.search on the fly (see propriety/workspace/search.py)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

SOURCES = {
    "enquiry": ("enquiries", "Enquiry", ("subject", "body", "answer", "constituent_name")),
    "access_request": (
        "documents",
        "AccessRequest",
        ("purpose", "justification", "third_party_name"),
    ),
    "document": ("documents", "Document", ("reference", "title", "summary", "body")),
    "press_release": ("press", "PressRelease", ("title", "body")),
    "concern": ("concerns", "Concern", ("summary", "details", "outcome")),
    "correspondence": ("correspondence", "Correspondence", ("subject", "body")),
}


def create_index(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
        if not cursor.fetchone()[0]:
            return  # search falls back to icontains
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS workspace_search USING fts5("
            "kind UNINDEXED, obj_id UNINDEXED, council_id UNINDEXED, body, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        for kind, (app, model_name, fields) in SOURCES.items():
            model = apps.get_model(app, model_name)
            for obj in model._base_manager.all().iterator():
                cursor.execute(
                    "INSERT INTO workspace_search (kind, obj_id, council_id, body) "
                    "VALUES (%s, %s, %s, %s)",
                    [
                        kind,
                        obj.pk,
                        obj.council_id,
                        "\n".join(str(getattr(obj, f) or "") for f in fields),
                    ],
                )


def drop_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS workspace_search")


class Migration(migrations.Migration):
    dependencies = [
        ("workspace", "0001_calendar_feeds"),
        ("enquiries", "0002_direct_contact_agreement"),
        ("documents", "0003_accessrequest_correspondence_and_more"),
        ("press", "0002_election_withdrawal"),
        ("concerns", "0001_initial"),
        ("correspondence", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_index, drop_index)]
