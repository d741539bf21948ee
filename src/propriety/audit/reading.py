"""How verify reads a council's events: as rows, or in blocks laid out as columns.

:func:`rows` gives the events as :data:`~propriety.audit.checking.ROW_FIELDS`,
one tuple each. :func:`blocks` gives them as the bulk pass takes them
(:class:`~propriety.audit.checking.Block`): the database lays each block out
itself. One query a block of ``checking.BLOCK`` numbers gives each column of
the block whole (SQLite's ``group_concat``, PostgreSQL's ``string_agg``), which
Python cuts apart in C, so no Python runs for each value but PostgreSQL's JSON,
which is made canonical here (PostgreSQL keeps JSON as ``jsonb``, whose text is
its own). That read is only used where it is exact; anything it cannot take is
read as rows instead:

- a log whose numbers are not exactly 1 to its size (a gap, a repeat, a NULL
  or a number out of range): read as rows, in one pass;
- a block with a value holding the byte that separates the values, or a NULL:
  its columns are not laid out, and the bulk pass reads its rows.

The blocks cover the numbers 1 to the size with no gap, so every event is in
exactly one. Read inside one transaction (``verify.verify_council``), every
query sees the same log on SQLite.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from typing import Any, cast

from django.db import connection
from django.db.models import BinaryField, Count, Func, Max, Min, TextField, Value
from django.db.models.functions import Cast, Coalesce

from propriety.audit import log
from propriety.audit.checking import (
    BLOCK,
    QUOTED,
    ROW_FIELDS,
    Block,
    Columns,
    Row,
    column_blocks,
)
from propriety.audit.models import AuditEvent
from propriety.councils.models import Council

__all__ = ["blocks", "rows"]


def rows(council: Council, after: int | None = None, upto: int | None = None) -> Iterator[Row]:
    """The council's events (numbered above ``after`` and up to ``upto``, if
    given) as :data:`~propriety.audit.checking.ROW_FIELDS`, in number order.

    On SQLite every column is read as the bytes it holds: the JSON columns'
    text is already canonical (their encoder wrote it) and the time is stored
    as UTC text, so verify hashes them as read. PostgreSQL keeps JSON as
    ``jsonb``, whose text form is its own, and times as timestamps, so there
    they are parsed and written canonically here.
    """
    events = AuditEvent.unscoped.filter(council=council).order_by("seq")
    if after is not None:
        events = events.filter(seq__gt=after)
    if upto is not None:
        events = events.filter(seq__lte=upto)
    if connection.vendor == "sqlite":
        # An event with no actor reads as the entry writes it (null), so the
        # bulk pass need not look for None in the column.
        as_bytes: dict[str, Func] = {f"{name}_bytes": Cast(name, BinaryField()) for name in _BYTES}
        as_bytes["actor_id_bytes"] = Coalesce(as_bytes["actor_id_bytes"], Value(b"null"))
        return cast(
            Iterator[Row],
            events.annotate(**as_bytes)
            .values_list(*(f"{f}_bytes" if f in _BYTES else f for f in ROW_FIELDS))
            .iterator(chunk_size=4000),
        )
    texts = (
        events.annotate(
            citations_text=Cast("citations", TextField()),
            details_text=Cast("details", TextField()),
        )
        .values_list(*(JSON_AS_TEXT.get(f, f) for f in ROW_FIELDS))
        .iterator(chunk_size=4000)
    )
    return (_as_bytes(row) for row in texts)


def blocks(council: Council) -> Iterator[Block]:
    """The council's events in blocks as the bulk pass takes them (see the module)."""
    sql = _block_sql(connection.vendor)
    if sql is None:
        yield from column_blocks(rows(council), BLOCK)
        return
    counts = AuditEvent.unscoped.filter(council=council).aggregate(
        events=Count("pk"), numbered=Count("seq"), lowest=Min("seq"), highest=Max("seq")
    )
    size = counts["events"]
    if not size:
        return
    if (counts["numbered"], counts["lowest"], counts["highest"]) != (size, 1, size):
        yield from column_blocks(rows(council), BLOCK)  # something is wrong: the exact way
        return
    canonical = _Canonical() if connection.vendor == "postgresql" else None
    with connection.cursor() as cursor:
        for after in range(0, size, BLOCK):
            upto = after + BLOCK
            cursor.execute(sql, [council.pk, after, upto])
            yield Block(
                _columns(cursor.fetchone(), canonical),
                lambda after=after, upto=upto: list(rows(council, after, upto)),  # type: ignore[misc]
            )


# Between the values of a column: a control character, which JSON text never
# holds as itself; a value that holds it sends its block to the rows.
_SEPARATOR = b"\x1f"
# The columns cut apart at _SEPARATOR, in the order the query gives them.
_CUT = ROW_FIELDS[:1] + ROW_FIELDS[2:6] + ROW_FIELDS[7:14]
_JSON = ("citations", "details")
_sql: dict[str, str] = {}


def _block_sql(vendor: str) -> str | None:
    """One block's events, each column of them as one value, selected as
    :func:`_columns` takes them (made on first use); None for a database
    read only as rows."""
    if vendor not in _sql and vendor in _DIALECTS:
        meta = AuditEvent._meta
        column = {f.attname: str(f.column) for f in meta.concrete_fields}
        column["pk"] = column[meta.pk.attname]
        dialect = _DIALECTS[vendor](column)
        seq = column["seq"]
        selected = [
            "count(*)",
            f"max({seq})",
            dialect.last_root,
            dialect.whole(dialect.numbers, ""),
            dialect.whole(dialect.value("occurred_at"), "\n"),
            dialect.whole(dialect.value("leaf_hash"), ""),
            *(dialect.whole(dialect.value(name), "\x1f") for name in _CUT),
        ]
        where = f"{column['council_id']} = %s AND {seq} > %s AND {seq} <= %s"
        # Names from the model, never input; the values are parameters.
        source = dialect.source(meta.db_table, where)
        _sql[vendor] = f"SELECT {', '.join(selected)} FROM {source}"  # noqa: S608
    return _sql.get(vendor)


class _SQLite:
    """The block's columns as SQLite gives them (text read as BLOB)."""

    def __init__(self, column: dict[str, str]) -> None:
        self.column = column
        self.numbers = f"{column['seq']} || ','"
        # max(seq) makes root_hash the last event's (SQLite's rule for a bare column).
        self.last_root = column["root_hash"]

    @staticmethod
    def whole(value: str, between: str) -> str:
        # The separator is written into the SQL as text: a function such as
        # char(31) would be called for every value (twice the time).
        return f"CAST(group_concat({value}, '{between}') AS BLOB)"

    def value(self, name: str) -> str:
        column = self.column[name]
        if name == "pk":  # digits of one width, which rise as the ids do
            return f"printf('%020d', {column})"
        if name == "actor_id":
            return f"ifnull({column}, 'null')"
        # NULL reads as a byte UTF-8 never holds, so it is one value like any
        # other (group_concat leaves NULLs out) and never hashes as the entry's text.
        return f"ifnull({column}, X'FF')"

    @staticmethod
    def source(table: str, where: str) -> str:
        return f"{table} WHERE {where}"  # the (council, seq) index gives them in order


class _PostgreSQL:
    """The same in bytea. The events come from a subquery in number order,
    which the aggregates take them in (the bulk pass checks the numbers, so a
    block read in any other order would only be read again as rows); the
    times as SQLite stores them; JSON as PostgreSQL writes it, made canonical
    by :class:`_Canonical`."""

    def __init__(self, column: dict[str, str]) -> None:
        self.column = column
        self.numbers = f"convert_to({column['seq']}::text || ',', 'UTF8')"
        self.last_root = f"(array_agg({column['root_hash']} ORDER BY {column['seq']} DESC))[1]"

    @staticmethod
    def whole(value: str, between: str) -> str:
        return f"string_agg({value}, '\\x{between.encode().hex()}'::bytea)"  # hex bytea

    def value(self, name: str) -> str:
        column = self.column[name]
        text = {
            "pk": f"lpad({column}::text, 20, '0')",  # digits of one width
            "actor_id": f"coalesce({column}::text, 'null')",
            "occurred_at": f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
        }.get(name, f"{column}::text")
        return f"coalesce(convert_to({text}, 'UTF8'), '\\xff'::bytea)"

    def source(self, table: str, where: str) -> str:
        seq = self.column["seq"]
        return f"(SELECT * FROM {table} WHERE {where} ORDER BY {seq}) AS events"  # noqa: S608


_DIALECTS: dict[str, Callable[[dict[str, str]], _SQLite | _PostgreSQL]] = {
    "sqlite": _SQLite,
    "postgresql": _PostgreSQL,
}


class _Canonical:
    """PostgreSQL's JSON text as canonical JSON (what the entry hashed), with
    the texts that repeat (a log's citations mostly do) worked out once."""

    def __init__(self) -> None:
        self.known: dict[bytes, bytes] = {}

    def __call__(self, texts: list[bytes]) -> list[bytes]:
        known = self.known
        out = []
        for text in texts:
            canonical = known.get(text)
            if canonical is None:
                canonical = log.canonical_json(json.loads(text)).encode()
                if len(known) >= 1024:
                    known.clear()
                known[text] = canonical
            out.append(canonical)
        return out


def _columns(read: tuple[Any, ...], canonical: _Canonical | None = None) -> Columns | None:
    """A block's query result as :class:`Columns`, or None where it cannot be
    laid out exactly (a value holding the separator, or a NULL root)."""
    count, _, last_root, seqs, times, leaves, *whole = read
    if not count:
        return None
    cut = [value.split(_SEPARATOR) for value in whole]
    if not isinstance(last_root, str) or any(len(values) != count for values in cut):
        return None
    if canonical is not None:
        try:
            for name in _JSON:
                cut[_CUT.index(name)] = canonical(cut[_CUT.index(name)])
        except ValueError:  # not JSON (a NULL): the rows will say so
            return None
    quoted = b"".join([whole[_CUT.index(name)] for name in QUOTED])
    separators = len(QUOTED) * (count - 1)
    return Columns._make(
        [cut[0], seqs, *cut[1:5], times, *cut[5:], leaves, last_root, quoted, separators]
    )


_BYTES = ROW_FIELDS[2:14]
JSON_AS_TEXT = {"citations": "citations_text", "details": "details_text"}
_ACTOR, _TIME = ROW_FIELDS.index("actor_id"), ROW_FIELDS.index("occurred_at")
_CITATIONS, _DETAILS = ROW_FIELDS.index("citations"), ROW_FIELDS.index("details")


def _as_bytes(row: tuple[Any, ...]) -> Row:
    """A PostgreSQL row as SQLite's reads: text as UTF-8, canonical JSON, UTC time text."""
    out: list[Any] = list(row)
    for i in range(_ACTOR, _DETAILS + 1):
        value = out[i]
        if i in (_CITATIONS, _DETAILS):
            value = log.canonical_json(json.loads(value))
        elif i == _TIME:
            # As SQLite stores it: isoformat gives years below 1000 four digits, strftime not.
            value = value.astimezone(datetime.UTC).isoformat(" ", "microseconds")[:26]
        elif i == _ACTOR:
            value = "null" if value is None else str(value)
        out[i] = None if value is None else value.encode()
    return tuple(out)
