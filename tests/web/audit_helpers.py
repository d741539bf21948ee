"""Shared helpers for the audit log tests: a council with a log, SQL tampering,
and running ``propriety audit ...`` in-process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from django.db import connection

from propriety.audit.models import AuditEvent
from propriety.cli import main
from propriety.councils.models import Council
from propriety.people.roles import Role

from . import factories as f


@pytest.fixture(autouse=True)
def audit_key_file(settings: Any, tmp_path: Path) -> Path:
    settings.PROPRIETY_AUDIT_KEY_FILE = str(tmp_path / "audit-signing-key.pem")
    return tmp_path / "audit-signing-key.pem"


def council_with_log(events: int = 12, name: str = "Hollowmere Parish Council") -> Council:
    council = f.make_council(name)
    committee = f.make_committee(council)
    f.make_person(council, Role.PROPER_OFFICER, name="Clara Clerk")
    n = 0
    while AuditEvent.objects.for_council(council).count() < events:
        n += 1
        f.make_document(council, "public", committee=committee, title=f"Minutes {n}")
    return council


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def sql(statement: str, params: list[Any] | tuple[Any, ...] = ()) -> None:
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(statement.replace("{events}", table), params)


def event_at(council: Council, seq: int) -> AuditEvent:
    return AuditEvent.objects.for_council(council).get(seq=seq)
