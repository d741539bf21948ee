"""The council's log under concurrent writers, its proofs, checkpoints and schedule."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from propriety.audit.checkpointing import checkpoint_due, do_make_checkpoint, make_due_checkpoints
from propriety.audit.checkpoints import parse_note, public_key_pem
from propriety.audit.models import AuditEvent, AuditLogHead, Checkpoint
from propriety.audit.recording import recording
from propriety.audit.verify import verify_council
from propriety.councils.models import Committee

from . import factories as f
from .audit_helpers import audit_key_file, cli, council_with_log, sql

__all__ = ["audit_key_file"]

WRITERS = 4
EACH = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_log_or_leave_a_gap() -> None:
    councils = [f.make_council("Hollowmere Parish Council"), f.make_council("Fernley Town")]
    start = {c.pk: AuditEvent.objects.for_council(c).count() for c in councils}
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        council = councils[n % 2]
        try:
            barrier.wait()
            for i in range(EACH):
                with recording(council=council, actor=None, action="committee.created") as rec:
                    committee = Committee(council=council, name=f"Committee {n}-{i}")
                    committee.save()
                    rec.obj = committee
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    for council in councils:
        seqs = list(
            AuditEvent.objects.for_council(council).order_by("seq").values_list("seq", flat=True)
        )
        total = start[council.pk] + EACH * WRITERS // 2
        assert seqs == list(range(1, total + 1))  # no gap, no repeat
        head = AuditLogHead.objects.for_council(council).get()
        assert head.size == total
        result = verify_council(council)
        assert result.ok, result.summary()


@pytest.mark.django_db
def test_prove_prints_inclusion_and_consistency_proofs_that_check() -> None:
    council = council_with_log(9)
    event = AuditEvent.objects.for_council(council).get(seq=3)
    result = cli("audit", "prove", str(event.pk))
    assert result.exit_code == 0, result.output
    proof = json.loads(result.output)
    head = AuditLogHead.objects.for_council(council).get()
    assert proof["tree_size"] == head.size
    assert proof["root_hash"] == head.root_hash
    assert proof["inclusion"] == {
        "leaf_index": 2,
        "leaf_hash": event.leaf_hash,
        "audit_path": proof["inclusion"]["audit_path"],
        "verified": True,
    }
    assert len(proof["inclusion"]["audit_path"]) >= 3
    assert proof["consistency"]["first_root"] == event.root_hash
    assert proof["consistency"]["verified"] is True


@pytest.mark.django_db
def test_prove_refuses_an_unknown_event() -> None:
    result = cli("audit", "prove", "999999")
    assert result.exit_code == 2
    assert "no event #999999" in result.output


@pytest.mark.django_db
def test_checkpoints_are_made_when_due_and_not_again(tmp_path: Path) -> None:
    council = council_with_log(5)
    assert checkpoint_due(council)
    made = make_due_checkpoints()
    assert [c.council_id for c in made] == [council.pk]
    # Its own event is the one event a checkpoint cannot cover: nothing more is due.
    assert not checkpoint_due(council)
    assert make_due_checkpoints() == []
    f.make_document(council, "public")
    assert checkpoint_due(council)
    note = parse_note(made[0].note)
    assert note.origin == council.slug
    signed_events = AuditEvent.objects.for_council(council).count() - 2  # its own, and the new one
    assert note.tree_size == made[0].tree_size == signed_events


@pytest.mark.django_db
def test_a_downloaded_checkpoint_checks_offline_with_the_public_key(tmp_path: Path) -> None:
    council = council_with_log(4)
    checkpoint = do_make_checkpoint(council, acting_user=None)
    note = tmp_path / "checkpoint.txt"
    note.write_text(checkpoint.note, encoding="utf-8")
    key = tmp_path / "key.pem"
    key.write_text(public_key_pem(), encoding="utf-8")
    good = cli("audit", "check-checkpoint", str(note), "--public-key", str(key))
    assert good.exit_code == 0, good.output
    assert f"{checkpoint.tree_size} events" in good.output
    note.write_text(checkpoint.note.replace(f"\n{checkpoint.tree_size}\n", "\n1\n"), "utf-8")
    bad = cli("audit", "check-checkpoint", str(note), "--public-key", str(key))
    assert bad.exit_code == 1
    assert "does NOT match" in bad.output


@pytest.mark.django_db
def test_the_checkpoint_command_signs_each_log() -> None:
    council = council_with_log(3)
    result = cli("audit", "checkpoint", "--council", council.slug)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"propriety-audit/{council.slug}\n")
    assert Checkpoint.objects.for_council(council).count() == 1
    verified = cli("audit", "verify")
    assert verified.exit_code == 0
    assert "; 1 checkpoint agrees." in verified.output


@pytest.mark.usefixtures("migrated_back_afterwards")
@pytest.mark.django_db(transaction=True)
def test_the_migration_chains_events_recorded_before_the_log() -> None:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    before = [n for n in leaves if n[0] != "audit"] + [("audit", "0001_initial")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    council = old.get_model("councils", "Council").objects.create(
        name="Oldbury Parish Council", slug="oldbury", kind="parish", rulebook="acses-town"
    )
    events = old.get_model("audit", "AuditEvent")
    for n in range(5):
        events.objects.create(
            council=council,
            action="document.created",
            object_repr=f"Document {n}",
            details={"says": f"Filed {n}", "b": [1, 2], "a": None},
            citations=[{"rulebook": "acses-town", "clause": "§10.3(b)"}],
        )
    executor = MigrationExecutor(connection)
    executor.migrate(leaves)

    from propriety.councils.models import Council

    chained = Council.objects.get(slug="oldbury")
    seqs = AuditEvent.objects.for_council(chained).order_by("seq").values_list("seq", flat=True)
    assert list(seqs) == [1, 2, 3, 4, 5]
    result = verify_council(chained)
    assert result.ok, result.summary()
    assert result.size == 5


@pytest.mark.django_db
def test_the_hand_written_entry_is_the_canonical_json_of_its_fields() -> None:
    from propriety.audit import log

    council = council_with_log(2)
    event = AuditEvent.objects.for_council(council).get(seq=2)
    event.object_id = 'quote " and «unicode» \\ and\ncontrol \x01'
    fields = [
        log.ENTRY_VERSION,
        event.council_id,
        event.seq,
        event.actor_id,
        event.action,
        event.object_type,
        event.object_id,
        log.canonical_time(event.occurred_at),
        event.citations,
        event.rulebook,
        event.rulebook_version,
        event.personal_hash,
    ]
    assert log.event_entry(event) == log.canonical_json(fields).encode()


@pytest.mark.django_db
def test_checkpoints_signed_with_an_earlier_key_still_verify(
    settings: Any, tmp_path: Path, audit_key_file: Path
) -> None:
    council = council_with_log(3)
    do_make_checkpoint(council, acting_user=None)
    old_public = tmp_path / "old.pem"
    old_public.write_text(public_key_pem(), encoding="utf-8")
    audit_key_file.unlink()  # a new key is made at the next signing
    do_make_checkpoint(council, acting_user=None)
    result = verify_council(council)
    assert not result.ok and "not signed by this installation's key" in str(result.problem)
    settings.PROPRIETY_AUDIT_PREVIOUS_KEYS = [str(old_public)]
    assert verify_council(council).ok


@pytest.mark.django_db
def test_a_deleted_log_head_is_named() -> None:
    council = council_with_log(3)
    sql("DELETE FROM audit_auditloghead WHERE council_id = %s", [council.pk])
    result = verify_council(council)
    assert "log head is missing" in str(result.problem)


@pytest.mark.django_db
def test_propriety_tick_signs_each_grown_log() -> None:
    council = council_with_log(4)
    result = cli("tick", "--date", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert "Audit checkpoints: signed 1 council log." in result.output
    assert Checkpoint.objects.for_council(council).count() == 1
    again = cli("tick", "--date", "2026-11-23")
    assert "already signed" in again.output
    assert Checkpoint.objects.for_council(council).count() == 1


@pytest.mark.django_db
def test_a_councils_latest_events_use_its_own_time_index() -> None:
    council = council_with_log(3)
    query = AuditEvent.objects.for_council(council).order_by("-occurred_at")[:20]
    sql_text, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql_text}", params)
        else:
            # With a handful of rows any index will do; forbid the scan and the sort, so
            # the plan must read the council's events in time order from an index.
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_sort = off")
            cursor.execute(f"EXPLAIN {sql_text}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "audit_event_council_time" in plan, plan
