"""Bad input at the command line: a clear one-line error and a non-zero exit, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from propriety.audit.models import AuditEvent
from propriety.councils.models import Council

from .audit_helpers import cli, council_with_log


@pytest.mark.django_db(transaction=True)
def test_restoring_a_file_that_is_not_a_backup_says_so_and_changes_nothing(
    tmp_path: Path,
) -> None:
    council = council_with_log(4)
    size = AuditEvent.objects.for_council(council).count()
    not_a_backup = tmp_path / "notes.sqlite3"
    not_a_backup.write_text("These are my notes, not a database.\n", encoding="utf-8")

    restored = cli("backup", "restore", str(not_a_backup), "--yes")

    assert restored.exit_code == 2, restored.output
    assert "is not a Propriety backup" in restored.output
    assert "Traceback" not in restored.output
    assert AuditEvent.objects.for_council(Council.objects.get(pk=council.pk)).count() == size
