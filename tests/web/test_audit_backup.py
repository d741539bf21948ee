"""The restore drill: a backup, restored after the live data was damaged,
verifies against the last checkpoint kept elsewhere (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from propriety.audit.checkpointing import do_make_checkpoint
from propriety.audit.models import AuditEvent
from propriety.councils.models import Council

from .audit_helpers import audit_key_file, cli, council_with_log, sql

__all__ = ["audit_key_file"]


@pytest.mark.django_db(transaction=True)
def test_restore_drill(tmp_path: Path) -> None:
    council = council_with_log(10)
    kept = tmp_path / "kept" / "checkpoint.txt"
    kept.parent.mkdir()
    kept.write_text(do_make_checkpoint(council, acting_user=None).note, encoding="utf-8")
    size = AuditEvent.objects.for_council(council).count()

    made = cli("backup", "create", "--to", str(tmp_path / "backups"))
    assert made.exit_code == 0, made.output
    copies = [p for p in (tmp_path / "backups").iterdir() if not p.name.endswith(".json")]
    assert len(copies) == 1
    manifest = json.loads(copies[0].with_suffix(copies[0].suffix + ".json").read_text())
    assert manifest["logs"][council.slug]["size"] == size

    # Disaster: events are lost from the live database.
    sql("DELETE FROM {events} WHERE council_id = %s AND seq > 3", [council.pk])
    assert cli("audit", "verify", "--checkpoint", str(kept)).exit_code == 1

    restored = cli("backup", "restore", str(copies[0]), "--yes", "--checkpoint", str(kept))
    assert restored.exit_code == 0, restored.output
    assert "Hollowmere Parish Council: intact" in restored.output
    assert AuditEvent.objects.for_council(Council.objects.get(pk=council.pk)).count() == size


@pytest.mark.django_db(transaction=True)
def test_a_restored_copy_that_does_not_verify_is_reported(tmp_path: Path) -> None:
    council = council_with_log(6)
    sql("UPDATE {events} SET action = 'x' WHERE council_id = %s AND seq = 2", [council.pk])
    assert cli("backup", "create", "--to", str(tmp_path)).exit_code == 0
    copy = next(p for p in tmp_path.iterdir() if not p.name.endswith(".json"))
    restored = cli("backup", "restore", str(copy), "--yes")
    assert restored.exit_code == 1
    assert "does NOT verify" in restored.output
