"""Two people acting at the same moment: both actions commit, each with its event."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from propriety.audit.models import AuditEvent
from propriety.audit.recording import recording
from propriety.councils.models import Committee

from . import factories as f


@pytest.mark.django_db(transaction=True)
def test_two_actions_that_read_then_write_at_once_both_commit() -> None:
    # Each action reads before it writes. On SQLite with DEFERRED transactions
    # the second writer would fail at once with "database is locked" when it
    # upgrades its read lock; IMMEDIATE makes it queue on busy_timeout instead.
    council = f.make_council()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def act(n: int) -> None:
        try:
            barrier.wait()
            with recording(council=council, actor=None, action="committee.created") as rec:
                Committee.objects.for_council(council).count()
                time.sleep(0.2)
                committee = Committee(council=council, name=f"Committee {n}")
                committee.save()
                rec.obj = committee
        except BaseException as error:  # the assertion below reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    names = set(Committee.objects.for_council(council).values_list("name", flat=True))
    assert names == {"Committee 1", "Committee 2"}
    events = AuditEvent.objects.for_council(council).filter(action="committee.created")
    assert events.count() == 2
