"""Store the audit events' JSON columns as canonical JSON.

On SQLite the stored text is then exactly what the log hashes, so verify
reads it without parsing it (bench/audit.py). Rewriting the text changes no
value and no hash.
"""

from typing import Any

from django.db import migrations, models

import propriety.audit.canonical


def rewrite_canonically(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL keeps jsonb in its own form either way
    events = apps.get_model("audit", "AuditEvent")._base_manager.using(
        schema_editor.connection.alias
    )
    for pk, citations, details in events.values_list("pk", "citations", "details").iterator():
        models.QuerySet.update(events.filter(pk=pk), citations=citations, details=details)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_hash_chained_log"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="citations",
            field=models.JSONField(
                blank=True,
                default=list,
                encoder=propriety.audit.canonical.CanonicalJSONEncoder,
                help_text='Clauses behind the action, e.g. [{"rulebook": "acses-town", "clause": "§10.3(b)"}]',
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="details",
            field=models.JSONField(
                blank=True, default=dict, encoder=propriety.audit.canonical.CanonicalJSONEncoder
            ),
        ),
        migrations.RunPython(rewrite_canonically, migrations.RunPython.noop),
    ]
