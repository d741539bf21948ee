"""Queries whose SQL Django builds once per process, then runs with each request's values.

On the busiest pages most of a query's cost is Django building its SQL, not the
database running it: the Clerk's enquiry list spent about 0.8 ms of CPU on
each of its queries to run 0.05 ms of SQL (docs/performance.md, 6 December
2026, session 6). A :class:`Prepared` query is written as an ordinary queryset,
by a function of a *shape* (whatever changes the SQL's text: which filters
apply, the sort) and of *slots* (the values that change from one request to the
next: the council, a person, a date). The first time a shape is asked for, the
function is called with a stand-in value for each slot; Django compiles the
queryset as it always would, and the stand-ins show which of the SQL's
parameters each slot fills. After that, a request with that shape runs the same
SQL with its own values, and its rows become instances (or tuples) exactly as
Django's own iterables would make them: the same converters, ``from_db`` and
``select_related`` population.

Nothing but SQL text is kept: every request reads the database afresh. The
rules that keep this correct:

- the SQL may depend only on the shape and on which slots are given, never on a
  slot's value; each slot given must reach the SQL (compiling checks). So a
  value that would change the SQL's text (a list of another length) is not a
  slot: a list of ids is an ``IDS`` slot, padded to a fixed length by
  repeating an id;
- a stand-in must reach the SQL unchanged (an equality, ``in`` or comparison);
  one Django rewrites (``icontains``'s ``%value%``) is refused when compiled;
- paging is not part of the shape: :meth:`Prepared.objects` and
  :meth:`Prepared.values` take ``limit`` and ``offset`` and append them.

Tests (tests/web/test_prepared.py) run each prepared query and its queryset
side by side.
"""

from __future__ import annotations

import datetime
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.db import connections, models
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators

# The kinds of slot.
INT, TEXT, DATE, IDS = "int", "text", "date", "ids"
# How many shapes a process keeps (least recently used go first): a shape
# is a few kilobytes of SQL and compiled state.
KEEP = 256
_STAND_IN_INT = -1_987_654_000
_STAND_IN_TEXT = "\x1fprepared slot "
_STAND_IN_YEAR = 1111


def _ids_length(n: int) -> int:
    """The fixed length an ``IDS`` slot of ``n`` ids is padded to: few shapes, little padding."""
    length = 8
    while length < n:
        length *= 2
    return length


class _Compiled:
    """One shape's SQL, where each slot's values go in its parameters, and how rows
    become instances or tuples."""

    def __init__(self, queryset: models.QuerySet[Any], stand_ins: dict[str, Any], db: str):
        connection = connections[db]
        compiler = queryset.query.get_compiler(using=db)
        sql, params = compiler.as_sql()
        adapted: dict[Any, tuple[str, int | None]] = {}
        for name, value in stand_ins.items():
            if isinstance(value, list):
                for i, item in enumerate(value):
                    adapted[(type(item), item)] = (name, i)
            else:
                key = _adapt(value, connection)
                adapted[(type(key), key)] = (name, None)
        self.slots: list[tuple[str, int | None] | None] = []
        constants: list[Any] = []
        for param in params:
            found = adapted.get((type(param), param))
            if found is None and _looks_like_stand_in(param):
                raise ValueError(
                    f"A prepared query's slot reached its SQL changed ({param!r}): only a "
                    "value used as it is (=, in, <, >) can be a slot."
                )
            self.slots.append(found)
            constants.append(None if found else param)
        unused = set(stand_ins) - {slot[0] for slot in self.slots if slot is not None}
        if unused:
            # The queryset left out something it was given (a filter that looked at the
            # stand-in and chose not to apply): its SQL would ignore the real value too.
            raise ValueError(
                f"A prepared query was given {sorted(unused)} but its SQL does not use "
                "them: give a slot only where the query uses it (None otherwise)."
            )
        self.constants = constants
        self.sql = sql
        self.db = db
        select = compiler.select
        self.col_count = compiler.col_count
        fields = [s[0] for s in select[: compiler.col_count]]
        self.converters = compiler.get_converters(fields)
        self.klass_info = compiler.klass_info
        self.annotation_col_map = compiler.annotation_col_map
        # Columns Django adds only to order by (PostgreSQL's DISTINCT): not part of a row.
        self.width = compiler.col_count if compiler.has_extra_select else None
        self.order: list[int] | None = None
        if queryset._iterable_class is ValuesListIterable:  # the columns in the order asked for
            names = [alias if alias else expr.target.attname for expr, _sql, alias in select]
            self.order = [names.index(name) for name in queryset._fields]  # type: ignore[attr-defined]
        if self.klass_info is not None and queryset._iterable_class is ModelIterable:
            start = self.klass_info["select_fields"][0]
            end = self.klass_info["select_fields"][-1] + 1
            self.model_span = (start, end)
            self.init_list = [f[0].target.attname for f in select[start:end]]
            # (django-stubs describe a later Django, whose populators take a fetch mode.)
            self.populators = get_related_populators(self.klass_info, select, db)  # type: ignore[call-arg]

    def rows(self, values: dict[str, Any], limit: int | None, offset: int) -> list[Any]:
        connection = connections[self.db]
        params = list(self.constants)
        for i, slot in enumerate(self.slots):
            if slot is not None:
                name, index = slot
                value = values[name]
                params[i] = _adapt(value if index is None else value[index], connection)
        sql = self.sql
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params += [limit, offset]
        elif offset:
            raise ValueError("An offset needs a limit.")
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows: list[Any] = cursor.fetchall()
        if self.width is not None:
            rows = [row[: self.width] for row in rows]
        if self.converters:
            converted = []
            for row in rows:
                row = list(row)
                for position, (convert, expression) in self.converters.items():
                    value = row[position]
                    for converter in convert:
                        value = converter(value, expression, connection)
                    row[position] = value
                converted.append(row)
            rows = converted
        return rows


def _adapt(value: Any, connection: Any) -> Any:
    """A slot's value as Django puts it in a query's parameters."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return connection.ops.adapt_datefield_value(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _looks_like_stand_in(param: Any) -> bool:
    if isinstance(param, str):
        return _STAND_IN_TEXT in param or param.startswith(f"{_STAND_IN_YEAR}-")
    if isinstance(param, int) and not isinstance(param, bool):
        return _STAND_IN_INT - 10_000 <= param <= _STAND_IN_INT
    if isinstance(param, datetime.date):
        return param.year == _STAND_IN_YEAR
    return False


class Prepared:
    """A queryset built by ``build(shape, **slots)``, compiled once per shape and set of
    slots given.

    ``slots`` names each slot's kind: ``INT`` (an id: a model instance is taken
    as its ``pk``), ``TEXT``, ``DATE`` or ``IDS`` (a non-empty list of ids). A
    slot not given, or given as None, reaches ``build`` as None: the query does
    not use it. Every slot given must reach the SQL, or compiling refuses: so
    ``build`` can never quietly leave out a filter it was given.
    """

    def __init__(self, build: Callable[..., models.QuerySet[Any]], **slots: str) -> None:
        self.build = build
        self.slots = slots
        self._compiled: OrderedDict[tuple[Any, ...], _Compiled] = OrderedDict()
        self._lock = threading.Lock()

    def _stand_ins(self, given: tuple[str, ...], lengths: dict[str, int]) -> dict[str, Any]:
        stand_ins: dict[str, Any] = {}
        n = 0
        for name in given:
            kind = self.slots[name]
            if kind == IDS:
                stand_ins[name] = [_STAND_IN_INT - n - 1 - i for i in range(lengths[name])]
                n += lengths[name]
                continue
            n += 1
            if kind == INT:
                stand_ins[name] = _STAND_IN_INT - n
            elif kind == TEXT:
                stand_ins[name] = f"{_STAND_IN_TEXT}{n}"
            elif kind == DATE:
                stand_ins[name] = datetime.date(_STAND_IN_YEAR, 1 + n // 28 % 12, 1 + n % 28)
            else:
                raise ValueError(f"Unknown slot kind {kind!r} for {name}.")
        return stand_ins

    def _for(
        self, shape: Hashable, values: dict[str, Any], db: str
    ) -> tuple[_Compiled, dict[str, Any]]:
        unknown = set(values) - set(self.slots)
        if unknown:
            raise TypeError(
                f"Prepared query slots are {sorted(self.slots)}, not {sorted(unknown)}."
            )
        given = tuple(sorted(name for name, value in values.items() if value is not None))
        lengths: dict[str, int] = {}
        for name in given:
            if self.slots[name] == IDS:
                ids = list(values[name])
                if not ids:
                    raise ValueError(f"The ids in slot {name} are empty: ask nothing instead.")
                lengths[name] = _ids_length(len(ids))
                values[name] = ids + [ids[0]] * (lengths[name] - len(ids))
        key = (connections[db].vendor, db, shape, given, tuple(sorted(lengths.items())))
        with self._lock:  # (the development server answers requests on threads)
            compiled = self._compiled.get(key)
            if compiled is not None:
                self._compiled.move_to_end(key)
        if compiled is None:
            stand_ins = self._stand_ins(given, lengths)
            queryset = self.build(shape, **{**dict.fromkeys(self.slots), **stand_ins})
            compiled = _Compiled(queryset, stand_ins, db)
            with self._lock:
                self._compiled[key] = compiled
                if len(self._compiled) > KEEP:
                    self._compiled.popitem(last=False)
        return compiled, values

    def objects(
        self,
        shape: Hashable,
        *,
        limit: int | None = None,
        offset: int = 0,
        db: str = "default",
        **values: Any,
    ) -> list[Any]:
        """The model instances the queryset would give (``select_related`` included)."""
        compiled, values = self._for(shape, values, db)
        if compiled.klass_info is None or not hasattr(compiled, "init_list"):
            raise TypeError("objects() needs a queryset of model instances; use values().")
        start, end = compiled.model_span
        model = compiled.klass_info["model"]
        instances = []
        for row in compiled.rows(values, limit, offset):
            obj = model.from_db(db, compiled.init_list, row[start:end])
            for populator in compiled.populators:
                populator.populate(row, obj)
            for name, position in (compiled.annotation_col_map or {}).items():
                setattr(obj, name, row[position])
            instances.append(obj)
        return instances

    def values(
        self,
        shape: Hashable,
        *,
        limit: int | None = None,
        offset: int = 0,
        db: str = "default",
        **values: Any,
    ) -> list[tuple[Any, ...]]:
        """The tuples a ``values_list()`` queryset would give."""
        compiled, values = self._for(shape, values, db)
        if compiled.order is None:
            raise TypeError("values() needs a values_list() queryset; use objects().")
        order = compiled.order
        return [tuple(row[i] for i in order) for row in compiled.rows(values, limit, offset)]
