"""Verify reads a council's log in blocks laid out as columns, and finds the same.

``reading.blocks`` has the database hand over each column of a block whole
(on SQLite and on PostgreSQL, with DATABASE_URL); anything that read cannot take
exactly (a value holding its separator, a NULL, numbers that are not 1 to the
size) is read as rows. These tests change a log in SQL, in every way verify
must catch and in ways it must let pass, and check that verify says exactly
what it says when every block is read as rows and checked event by event, with
blocks of 8 so that a log of 45 events spans several.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connections
from django.utils import timezone

from propriety.audit import checking, log, reading, verify
from propriety.audit.actions import do_record_event
from propriety.audit.checking import ROW_FIELDS, Block, laid_out
from propriety.audit.models import AuditEvent
from propriety.councils.models import Council

from .audit_helpers import audit_key_file, awkward_log, event_at, sql

__all__ = ["audit_key_file"]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def blocks_of_eight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "BLOCK", 8)


@pytest.fixture
def council() -> Council:
    return awkward_log()


def _as_rows(council: Council) -> Iterator[Block]:
    return checking.column_blocks(reading.rows(council), reading.BLOCK)


def _both_ways(council: Council, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """What verify says with the blocks as read, and with every block read as
    rows and checked event by event (the way the bulk pass must agree with)."""
    as_read = verify.verify_council(council).summary()
    with monkeypatch.context() as patch:
        patch.setattr(verify, "blocks", _as_rows)
        patch.setattr(checking, "_block_checks_out", lambda *args: False)
        as_rows = verify.verify_council(council).summary()
    return as_read, as_rows


def test_a_clean_awkward_log_verifies_and_is_read_as_columns_where_it_can_be(
    council: Council, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_read, as_rows = _both_ways(council, monkeypatch)
    assert "intact" in as_read and as_read == as_rows
    events = AuditEvent.objects.for_council(council)
    blocks = list(reading.blocks(council))
    sizes = [len(block.rows()) for block in blocks]
    assert sizes[:-1] == [8] * (len(blocks) - 1) and sum(sizes) == events.count()
    # All laid out but the block with the separator in a description.
    separator = events.get(object_repr__contains="\x1f").seq
    laid = [block.columns is not None for block in blocks]
    assert laid == [i != (separator - 1) // 8 for i in range(len(blocks))]


def test_the_columns_read_are_the_columns_of_the_rows(council: Council) -> None:
    for block in reading.blocks(council):
        rows = block.rows()
        columns, from_rows = block.columns, laid_out(rows)
        if columns is None:
            continue
        assert from_rows is not None
        assert [int(pk) for pk in columns.pks] == list(from_rows.pks) == [r[0] for r in rows]
        # Every other field but the escaping check is as the rows lay it out.
        # The read gives the numbers as written; rows give them as ints.
        assert columns.seqs == b"".join(b"%d," % n for n in from_rows.seqs)
        for name in checking.Columns._fields[2:16]:
            assert getattr(columns, name) == getattr(from_rows, name), name


def test_the_bulk_pass_takes_the_blocks_read(
    council: Council, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: dict[int, bool] = {}  # by the first number of the block
    real = checking._block_checks_out

    def spy(state: Any, columns: Any) -> bool:
        first = state.expected
        taken[first] = real(state, columns)
        return taken[first]

    monkeypatch.setattr(checking, "_block_checks_out", spy)
    assert verify.verify_council(council).ok
    # Blocks with awkward names go event by event; the others pass in bulk.
    assert taken[CLEAN] and taken[CLEAN + 8]
    assert False in taken.values()


# The first of two blocks with nothing awkward in them, which the bulk pass
# takes (the changes below are made there, so that it is the bulk pass they meet).
CLEAN = 33


def _event(council: Council, seq: int) -> int:
    return event_at(council, seq).pk


def _forge_unescaped(council: Council) -> None:
    """An id with a quote, and its leaf recomputed over the id written as is,
    unescaped: only JSON's escaping tells this from the real entry."""
    event = event_at(council, CLEAN + 3)
    event.object_id = 'a"b'
    raw = log.event_entry(event).replace(b'"a\\"b"', b'"a"b"')
    assert raw != log.event_entry(event)
    leaf = hashlib.sha256(b"\x00" + raw).hexdigest()
    sql("UPDATE {events} SET object_id = %s, leaf_hash = %s WHERE id = %s", ['a"b', leaf, event.pk])


TAMPERS: dict[str, Callable[[Council], None]] = {
    "leaf forged over an unescaped id": _forge_unescaped,
    "action": lambda c: sql(
        "UPDATE {events} SET action = 'document.deleted' WHERE id = %s", [_event(c, CLEAN)]
    ),
    "separator in an action": lambda c: sql(
        "UPDATE {events} SET action = %s WHERE id = %s", ["document\x1fcreated", _event(c, CLEAN)]
    ),
    "quote in an id": lambda c: sql(
        "UPDATE {events} SET object_id = %s WHERE id = %s", ['1","2', _event(c, CLEAN + 1)]
    ),
    "description": lambda c: sql(
        "UPDATE {events} SET object_repr = 'Something else' WHERE id = %s", [_event(c, CLEAN + 2)]
    ),
    "details": lambda c: sql(
        "UPDATE {events} SET details = %s WHERE id = %s", ['{"n":1}', _event(c, CLEAN + 4)]
    ),
    "citations": lambda c: sql(
        "UPDATE {events} SET citations = '[]' WHERE id = %s", [_event(c, CLEAN + 5)]
    ),
    "time": lambda c: sql(
        "UPDATE {events} SET occurred_at = %s WHERE id = %s",
        [timezone.now() - timezone.timedelta(days=3), _event(c, CLEAN + 6)],
    ),
    "actor removed": lambda c: sql(
        "UPDATE {events} SET actor_id = NULL WHERE id = (SELECT id FROM {events} "
        "WHERE council_id = %s AND seq > %s AND actor_id IS NOT NULL ORDER BY seq LIMIT 1)",
        [c.pk, CLEAN + 6],
    ),
    "leaf": lambda c: sql(
        "UPDATE {events} SET leaf_hash = %s WHERE id = %s", ["0" * 64, _event(c, CLEAN + 9)]
    ),
    "last tree head": lambda c: sql(
        "UPDATE {events} SET root_hash = %s WHERE council_id = %s AND seq = "
        "(SELECT max(seq) FROM {events} WHERE council_id = %s)",
        ["0" * 64, c.pk, c.pk],
    ),
    "personal data removed": lambda c: sql(
        "UPDATE {events} SET personal_salt = '' WHERE id = %s", [_event(c, CLEAN + 10)]
    ),
    "deleted": lambda c: sql("DELETE FROM {events} WHERE council_id = %s AND seq = 17", [c.pk]),
    "numbered 0": lambda c: sql(
        "UPDATE {events} SET seq = 0 WHERE council_id = %s AND seq = %s", [c.pk, CLEAN + 11]
    ),
    "numbered far past the end": lambda c: sql(
        "UPDATE {events} SET seq = 1000000000 WHERE council_id = %s AND seq = 2", [c.pk]
    ),
    "swapped": lambda c: (
        sql(
            "UPDATE {events} SET seq = 999999 WHERE council_id = %s AND seq = %s",
            [c.pk, CLEAN + 12],
        ),
        sql(
            "UPDATE {events} SET seq = %s WHERE council_id = %s AND seq = %s",
            [CLEAN + 12, c.pk, CLEAN + 13],
        ),
        sql(
            "UPDATE {events} SET seq = %s WHERE council_id = %s AND seq = 999999",
            [CLEAN + 13, c.pk],
        ),
    ),
    "id moved past the next": lambda c: sql(
        "UPDATE {events} SET id = (SELECT max(id) + 1000 FROM {events}) WHERE id = %s",
        [_event(c, CLEAN + 8)],
    ),
    "tail cut": lambda c: sql(
        "DELETE FROM {events} WHERE council_id = %s AND seq > "
        "(SELECT max(seq) - 3 FROM {events} WHERE council_id = %s)",
        [c.pk, c.pk],
    ),
}


@pytest.mark.parametrize("tamper", list(TAMPERS))
def test_every_change_is_found_and_named_as_the_rows_way_names_it(
    council: Council, monkeypatch: pytest.MonkeyPatch, tamper: str
) -> None:
    TAMPERS[tamper](council)
    as_read, as_rows = _both_ways(council, monkeypatch)
    assert "NOT intact" in as_read
    assert as_read == as_rows


def test_a_block_read_with_a_value_it_cannot_cut_exactly_is_read_as_rows() -> None:
    # count, last number, last tree head, numbers, times, leaves, then the
    # columns cut at the separator: one of them a value short (a NULL would
    # be one more), so the block is not laid out and its rows are read.
    whole = [b"1\x1f2"] * len(reading._CUT)
    read = (2, 2, "ab" * 32, b"1,2,", b"t\nt", b"l", *whole)
    assert reading._columns(read) is not None
    short = (*read[:6], b"1", *whole[1:])
    assert reading._columns(short) is None
    assert reading._columns((2, 2, None, *read[3:])) is None  # no tree head
    assert reading._columns((0, None, None, None, None, None, *[None] * len(whole))) is None


def test_rows_between_numbers_are_those_numbers(council: Council) -> None:
    rows = list(reading.rows(council, 8, 16))
    seq = ROW_FIELDS.index("seq")
    assert [row[seq] for row in rows] == list(range(9, 17))


def test_postgresql_json_text_is_made_canonical_and_repeats_worked_out_once() -> None:
    canonical = reading._Canonical()
    texts = [
        '{"says": "Filed “7”", "n": 7}'.encode(),
        b'[{"rulebook": "acses-town", "clause": "\\u00a710.3(b)"}]',
    ]
    assert canonical(texts) == [
        '{"n":7,"says":"Filed “7”"}'.encode(),
        '[{"clause":"§10.3(b)","rulebook":"acses-town"}]'.encode(),
    ]
    assert canonical(texts[1:] * 3) == [canonical.known[texts[1]]] * 3
    assert len(canonical.known) == 2
    canonical([b"%d" % n for n in range(2000)])  # the texts it keeps are bounded
    assert len(canonical.known) <= 1024


@pytest.mark.django_db(transaction=True)
def test_verify_reads_one_log_while_others_write_and_holds_no_writer_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An event written between verify's block reads is not half seen (its
    log head without it, or it without its head), and the writer does not
    wait for verify: on SQLite, Django's transactions begin IMMEDIATE, which
    would hold it up until busy_timeout ran out."""
    council = awkward_log()
    size = AuditEvent.objects.for_council(council).count()
    errors: list[BaseException] = []
    waited: list[float] = []

    def write_an_event() -> None:
        started = time.monotonic()
        try:
            do_record_event(council, action="test.meanwhile", acting_user=None)
        except BaseException as error:  # reported below, from the test's thread
            errors.append(error)
        finally:
            waited.append(time.monotonic() - started)
            connections.close_all()

    real = reading._columns

    def columns_then_a_write(*args: Any) -> Any:
        if not waited:  # after the first block is read, the rest still to come
            writer = threading.Thread(target=write_an_event)
            writer.start()
            writer.join()
        return real(*args)

    monkeypatch.setattr(reading, "_columns", columns_then_a_write)
    result = verify.verify_council(council)
    assert not errors, errors
    assert waited[0] < 2, "the writer waited for verify"
    assert result.ok and result.size == size, result.summary()
    monkeypatch.undo()
    after = verify.verify_council(council)
    assert after.ok and after.size == size + 1, after.summary()
