"""The bulk hashing pass of verify agrees with the event-by-event one.

``checking.check_rows`` checks whole blocks of events at once and falls back to
going event by event when a block does not check out in bulk. These tests build
a log with awkward content (names that need escaping, times on the whole second,
events by a person and by the system, a pseudonymised event), then compare the
two ways on it, whole and tampered with in every column, at several block
sizes: same count, same first problem, same tree heads.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from propriety.audit import checking, log, reading, verify
from propriety.audit.checking import ROW_FIELDS, Row, check_rows
from propriety.audit.merkle import Frontier, blocks, levels
from propriety.audit.models import AuditEvent
from propriety.audit.recording import recording
from propriety.councils.models import Council
from propriety.people.roles import Role

from . import factories as f
from .audit_helpers import awkward_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def council() -> Council:
    return awkward_log()


def _event_by_event(council_id: int, rows: list[Row], **kwargs: Any) -> tuple[Any, ...]:
    real = checking._block_checks_out
    checking._block_checks_out = lambda *args: False  # type: ignore[assignment]
    try:
        return _summary(check_rows(council_id, rows, **kwargs))
    finally:
        checking._block_checks_out = real  # type: ignore[assignment]


def _summary(result: tuple[Any, ...]) -> tuple[Any, ...]:
    size, frontier, problem, roots, _ = result
    return size, frontier.root().hex(), str(problem) if problem else None, roots


def _rows(council: Council) -> list[Row]:
    return list(verify.rows(council))


def _agree(council: Council, rows: list[Row], **kwargs: Any) -> tuple[Any, ...]:
    expected = _event_by_event(council.pk, rows, **kwargs)
    for block in (1, 2, 8, 16, 64, 4096):
        assert _summary(check_rows(council.pk, rows, block=block, **kwargs)) == expected, block
    return expected


def test_an_awkward_log_verifies_both_ways_with_the_same_tree_heads(council: Council) -> None:
    rows = _rows(council)
    n = len(rows)
    want = {1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, n - 1, n}
    size, root, problem, roots = _agree(council, rows, want_roots=want)
    assert problem is None and size == n
    stored = {
        seq: r for seq, r in AuditEvent.objects.for_council(council).values_list("seq", "root_hash")
    }
    assert roots == {s: stored[s] for s in want}
    assert root == stored[n]


def test_clean_blocks_are_checked_in_bulk_and_awkward_ones_one_by_one(
    council: Council, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = _rows(council)
    outcomes: list[bool] = []
    real = checking._block_checks_out

    def spy(*args: Any) -> bool:
        outcomes.append(real(*args))
        return outcomes[-1]

    monkeypatch.setattr(checking, "_block_checks_out", spy)
    assert check_rows(council.pk, rows, block=4)[2] is None
    # The awkward events (escapes, whole-second times) send their blocks one by one.
    assert True in outcomes and False in outcomes


COLUMNS = {name: i for i, name in enumerate(ROW_FIELDS)}


def test_events_with_and_without_an_actor_are_checked_in_bulk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    council = f.make_council()
    clerk = f.make_person(council, Role.PROPER_OFFICER, name="Clara Clerk")
    for n in range(20):
        with recording(council=council, actor=clerk if n % 2 else None, action="test.done"):
            pass
    rows = _rows(council)
    actor = COLUMNS["actor_id"]
    # No actor reads as the entry writes it, on either database.
    assert {row[actor] for row in rows} == {b"null", str(clerk.pk).encode()}
    outcomes: list[bool] = []
    real = checking._block_checks_out
    monkeypatch.setattr(
        checking, "_block_checks_out", lambda *a: outcomes.append(real(*a)) or outcomes[-1]
    )
    assert check_rows(council.pk, rows, block=4)[2] is None
    assert outcomes and all(outcomes)
    monkeypatch.undo()
    # Rows from elsewhere may still say None: checked one by one, with the same outcome.
    rows = [
        (*row[:actor], None if row[actor] == b"null" else row[actor], *row[actor + 1 :])
        for row in rows
    ]
    size, _, problem, _ = _agree(council, rows)
    assert problem is None and size == len(rows)


def test_column_blocks_are_the_rows_in_blocks(council: Council) -> None:
    rows = _rows(council)
    got = list(checking.column_blocks(rows, 8))
    assert [len(block.rows()) for block in got] == [8] * (len(rows) // 8) + [len(rows) % 8]
    assert [row for block in got for row in block.rows()] == rows
    for block in got:
        chunk, columns = block.rows(), block.columns
        assert columns is not None
        column = {name: [row[i] for row in chunk] for name, i in COLUMNS.items()}
        assert columns.pks == column["pk"]
        assert columns.seqs == column["seq"]
        assert columns.times == b"\n".join(column["occurred_at"])
        assert columns.leaves == "".join(column["leaf_hash"]).encode()
        assert columns.last_root == column["root_hash"][-1]
        assert (columns.actors, columns.reprs, columns.details) == (
            column["actor_id"],
            column["object_repr"],
            column["details"],
        )
        assert columns.separators == 0
    # A block with a NULL where the table forbids one is not laid out.
    rows[3] = (*rows[3][:3], None, *rows[3][4:])
    assert next(checking.column_blocks(rows, 8)).columns is None
    with pytest.raises(ValueError):
        list(checking.column_blocks(rows, 3))


def _changed(row: Row, column: str) -> Row:
    i = COLUMNS[column]
    value = row[i]
    if isinstance(value, bytes):
        new: Any = value + b"x" if value else b"x"
    elif isinstance(value, str):
        new = ("0" if value[:1] != "0" else "1") + value[1:]
    elif value is None:
        new = b"1"
    else:
        new = value + 1000
    return (*row[:i], new, *row[i + 1 :])


@pytest.mark.parametrize("column", [c for c in ROW_FIELDS if c != "pk"])
@pytest.mark.parametrize("at", [0, 9, 30])
def test_a_change_to_any_column_is_found_the_same_way(
    council: Council, column: str, at: int
) -> None:
    rows = _rows(council)
    rows[at] = _changed(rows[at], column)
    _size, _, problem, _ = _agree(council, rows, want_roots={20, len(rows)})
    if column == "root_hash" and at != len(rows) - 1:
        assert problem is None  # only the last event's tree head is checked
    else:
        assert problem is not None


@pytest.mark.parametrize(
    "tamper",
    ["delete", "swap", "repeat", "cut", "pk_back", "pseudonymise", "pseudonymise_allowed"],
)
def test_deletes_reorders_and_removals_are_found_the_same_way(
    council: Council, tamper: str
) -> None:
    rows = _rows(council)
    salt = COLUMNS["personal_salt"]
    allowed: set[int] = set()
    if tamper == "delete":
        del rows[18]
    elif tamper == "swap":
        rows[17], rows[18] = rows[18], rows[17]
    elif tamper == "repeat":
        rows.insert(18, rows[17])
    elif tamper == "cut":
        rows = rows[:-3]
    elif tamper == "pk_back":
        rows[25] = (rows[3][0], *rows[25][1:])
    else:
        rows[22] = (*rows[22][:salt], b"", *rows[22][salt + 1 :])
        if tamper == "pseudonymise_allowed":
            allowed = {rows[22][0]}
    size, _, problem, _ = _agree(council, rows, allowed_pseudonymised=allowed)
    if tamper == "pseudonymise_allowed":
        assert problem is None
    elif tamper == "cut":
        assert problem is None and size == len(rows)  # the log head catches a cut tail
    else:
        assert problem is not None


def test_the_block_subtrees_make_the_same_frontier_as_leaf_by_leaf() -> None:
    import hashlib

    leaves = [hashlib.sha256(str(i).encode()).digest() for i in range(300)]
    for count in (1, 2, 3, 64, 100, 255, 256, 257, 300):
        one = Frontier()
        for leaf in leaves[:count]:
            one.append(leaf)
        bulk = Frontier()
        start = 0
        for size in (64, 64, 128, 64):
            part = leaves[start : min(start + size, count)]
            if not part:
                break
            for root, height in blocks(levels(part), len(part)):
                bulk.append_subtree(root, height)
            start += size
        assert (bulk.size, bulk.hashes, bulk.root()) == (one.size, one.hashes, one.root()), count
    with pytest.raises(ValueError):
        Frontier(1, [leaves[0]]).append_subtree(leaves[1], 1)


def test_a_postgresql_time_reads_as_sqlites_text() -> None:
    when = datetime.datetime(2027, 1, 11, 7, 15, tzinfo=datetime.UTC)
    row: list[Any] = [1, 1, 5, "a", "b", "c", when, "[]", "r", "v", "p", "s", "o", "{}", "l", "t"]
    out = reading._as_bytes(tuple(row))
    assert out[COLUMNS["occurred_at"]] == b"2027-01-11 07:15:00.000000"
    assert out[COLUMNS["actor_id"]] == b"5"
    row[COLUMNS["actor_id"]] = None
    assert reading._as_bytes(tuple(row))[COLUMNS["actor_id"]] == b"null"
    assert log.canonical_time(out[COLUMNS["occurred_at"]].decode()) == log.canonical_time(when)


@pytest.mark.parametrize(
    "time",
    [
        "2027-01-11 07:15:00.12345",  # a byte short...
        "2027-01-11 07:15:00.1234567",  # ...or long (the block's total may still add up)
        "2027-01-11T07:15:00.123456",  # no space
        "2027-01-11 07:15:00 123456",  # a second space
        "2027-01-11 07:15:00\n123456",  # a new line
        "2027-01-11 07:15:00",  # on the whole second: written with .000000
        "2027-01-11x07:15:00.123456",  # [10] is not looked at: written T
    ],
)
def test_odd_times_are_found_or_passed_the_same_way(council: Council, time: str) -> None:
    rows = _rows(council)
    at = COLUMNS["occurred_at"]
    rows[9] = (*rows[9][:at], time.encode(), *rows[9][at + 1 :])
    if "1234567" in time:  # and its neighbour a byte short, so the total is unchanged
        short = rows[10][at][:-1]
        rows[10] = (*rows[10][:at], short, *rows[10][at + 1 :])
    _agree(council, rows)


@pytest.mark.parametrize("first", [1, 2, 9_000, 9_999, 10_000, 10_001, 19_990, 123_456])
@pytest.mark.parametrize("k", [1, 7, 1024, 20_001])
def test_entry_numbers_cut_from_the_tables_are_the_numbers(first: int, k: int) -> None:
    heads, numbers = checking._numbers(first, k, b"<head>")
    assert list(map(bytes.__add__, heads, numbers)) == [
        b"<head>%d," % n for n in range(first, first + k)
    ]
    # The numbers as the bulk pass compares them with a block read as columns.
    assert checking._seq_text(first, k) == b"".join(b"%d," % n for n in range(first, first + k))
