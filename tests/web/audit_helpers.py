"""Shared helpers for the audit log tests: a council with a log, SQL tampering,
and running ``propriety audit ...`` in-process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from django.db import connection
from django.utils import timezone

from propriety.audit import log
from propriety.audit.models import AuditEvent
from propriety.audit.recording import recording
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


AWKWARD_EVENTS = 45  # with the council's own first events: a few blocks of 8 and a part block


def awkward_log() -> Council:
    """A log with awkward content for the bulk pass: names that need escaping,
    the separator the SQLite read puts between values (reading.py), times on
    the whole second, events by a person and by nobody. Nothing awkward is
    numbered above 32, so the blocks of 8 from 33 on are plain."""
    council = f.make_council()
    clerk = f.make_person(council, Role.PROPER_OFFICER, name="Clara Clerk")
    on_the_second = timezone.now().replace(microsecond=0)
    reprs = {13: "Line one\nline two", 26: "Unit\x1fseparator"}
    with recording(council=council, actor=None, action="test.loaded"):
        head = log.locked_head(council)
        for n in range(AWKWARD_EVENTS):
            event = AuditEvent(
                council=council,
                actor=clerk if n % 3 else None,
                action="document.created" if n != 7 else 'odd "action"',
                object_type="documents.document",
                object_id=str(n) if n != 11 else "a\\b",
                object_repr=reprs.get(n, f"Minutes {n}"),
                occurred_at=on_the_second if n in (5, 20) else timezone.now(),
                citations=[{"rulebook": "acses-town", "clause": "§10.3(b)"}],
                rulebook="acses-town",
                rulebook_version="2025-05" if n != 17 else "tab\there",
                details={"says": f"Filed “{n}”", "n": n},
            )
            log.seal(event, head)
            event.save(force_insert=True)
        head.save()
    return council


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def sql(statement: str, params: list[Any] | tuple[Any, ...] = ()) -> None:
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(statement.replace("{events}", table), params)


def event_at(council: Council, seq: int) -> AuditEvent:
    return AuditEvent.objects.for_council(council).get(seq=seq)
