"""Number every council's audit events and chain them into its log.

Existing events join their council's log in the order they were recorded
(time, then id), so the first checkpoint signed after this migration covers
the history from the start.
"""

from typing import Any

import django.db.models.deletion
import django.db.models.manager
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def chain_existing_events(apps: Any, schema_editor: Any) -> None:
    from propriety.audit import log

    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditLogHead = apps.get_model("audit", "AuditLogHead")
    events = AuditEvent._base_manager.using(schema_editor.connection.alias)
    council_ids = events.values_list("council_id", flat=True).distinct()
    for council_id in sorted(set(council_ids)):
        head = AuditLogHead(council_id=council_id, size=0, frontier=[], root_hash="")
        for event in events.filter(council_id=council_id).order_by("occurred_at", "pk"):
            # Re-read through the JSON column's own round trip so the hash
            # matches what verify will read.
            event.citations = log.normalised_json(event.citations)
            event.details = log.normalised_json(event.details)
            log.seal(event, head)
            models.QuerySet.update(
                events.filter(pk=event.pk),
                seq=event.seq,
                leaf_hash=event.leaf_hash,
                root_hash=event.root_hash,
                personal_hash=event.personal_hash,
                personal_salt=event.personal_salt,
                citations=event.citations,
                details=event.details,
            )
        head.save()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("councils", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(
                null=True, help_text="1, 2, 3... within the council's log."
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="leaf_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="root_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="personal_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="personal_salt",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="pseudonymised_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name="AuditLogHead",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("size", models.PositiveBigIntegerField(default=0)),
                ("root_hash", models.CharField(max_length=64)),
                (
                    "frontier",
                    models.JSONField(default=list, help_text="Hex roots of the perfect subtrees."),
                ),
                (
                    "council",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="councils.council",
                    ),
                ),
            ],
            options={
                "abstract": False,
                "base_manager_name": "unscoped",
                "constraints": [
                    models.UniqueConstraint(fields=("council",), name="audit_log_head_council")
                ],
            },
            managers=[
                ("objects", django.db.models.manager.Manager()),
                ("unscoped", django.db.models.manager.Manager()),
            ],
        ),
        migrations.CreateModel(
            name="Checkpoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("tree_size", models.PositiveBigIntegerField()),
                ("root_hash", models.CharField(max_length=64)),
                ("made_at", models.DateTimeField()),
                ("key_id", models.CharField(max_length=16)),
                ("note", models.TextField()),
                (
                    "council",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="councils.council",
                    ),
                ),
                (
                    "made_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Blank when made on the schedule.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ("-tree_size", "-pk"),
                "abstract": False,
                "base_manager_name": "unscoped",
            },
            managers=[
                ("objects", django.db.models.manager.Manager()),
                ("unscoped", django.db.models.manager.Manager()),
            ],
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(help_text="1, 2, 3... within the council's log."),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["council", "occurred_at"], name="audit_event_council_time"),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                fields=("council", "seq"), name="audit_event_council_seq"
            ),
        ),
    ]
