"""Keep the size last signed on each council's log head.

``propriety tick`` then finds the logs that have grown since their last
checkpoint from the heads alone, without reading every council's checkpoints.
Existing heads take the size of their council's largest checkpoint.
"""

from typing import Any

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def from_the_checkpoints(apps: Any, schema_editor: Any) -> None:
    alias = schema_editor.connection.alias
    heads = apps.get_model("audit", "AuditLogHead")._base_manager.using(alias)
    checkpoints = apps.get_model("audit", "Checkpoint")._base_manager.using(alias)
    largest = (
        checkpoints.filter(council=OuterRef("council"))
        .order_by("-tree_size")
        .values("tree_size")[:1]
    )
    models.QuerySet.update(heads.all(), signed_size=Subquery(largest))


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_canonical_json_columns"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditloghead",
            name="signed_size",
            field=models.PositiveBigIntegerField(
                blank=True,
                help_text="The size the latest checkpoint signed (blank: never signed), set with it.",
                null=True,
            ),
        ),
        migrations.RunPython(from_the_checkpoints, migrations.RunPython.noop),
    ]
