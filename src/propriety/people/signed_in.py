"""The signed-in person, read for a request in one query.

Every signed-in request needs the same things about the person before any
page's own work: the person, their council and account (the session hash,
``user_can_authenticate``), their roles today (the access-ended check, the
two-factor rule, the name shown), whether they have an authenticator app (the
two-factor middleware) and how many councils the account belongs to (the
header's council switcher). Asked through the ORM that is three to four
queries, and most of their cost is Django building the SQL, not the database
running it (docs/performance.md, 5 and 6 December 2026). Here the SQL is built
once per process from the models' own field lists, and each request runs it
once and builds the instances with ``Model.from_db`` and the database's own
value converters, exactly as a queryset would.

Nothing is kept between requests: a withdrawn role, a disabled person or a
removed authenticator app take effect on the very next request. What is kept
is kept on the instance, which lives for one request, and the roles are
re-read if any role changes during it (``Person.roles_on``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from propriety.councils.models import Committee, Council, PartyGroup, Ward
from propriety.people.models import Account, Person, RoleAssignment

# Where the extra facts are kept on the instances (read by ``has_two_factor_kept`` and
# ``memberships_kept``; nothing else should look at them).
HAS_TWO_FACTOR = "_signed_in_has_two_factor"
MEMBERSHIPS = "_signed_in_memberships"

Converter = Callable[[Any, Any, Any], Any]
_Columns = list[tuple[int, tuple[Any, list[Converter]]]]


def _columns(model: type[models.Model], alias: str, connection: Any) -> tuple[list[str], _Columns]:
    """The model's concrete columns as ``alias.column``, and those whose values the
    database returns in another form, by position, with their converters."""
    quote = connection.ops.quote_name
    sql: list[str] = []
    fields: _Columns = []
    for i, field in enumerate(model._meta.concrete_fields):
        sql.append(f"{alias}.{quote(field.column)}")
        col = field.get_col(alias)
        converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if converters:
            fields.append((i, (col, converters)))
    return sql, fields


class _Query:
    """The SQL and the converters for one database connection's vendor."""

    def __init__(self, connection: Any) -> None:
        quote = connection.ops.quote_name
        # Each model: its columns needing conversion (by position), and its field names.
        self.parts: list[tuple[type[models.Model], _Columns, list[str]]] = []
        select: list[str] = []
        for model, alias in (
            (Person, "p"),
            (Council, "c"),
            (Account, "a"),
            (RoleAssignment, "r"),
            (Committee, "cm"),
            (Ward, "w"),
            (PartyGroup, "g"),
        ):
            sql, fields = _columns(model, alias, connection)
            select += sql
            names = [f.attname for f in model._meta.concrete_fields]
            self.parts.append((model, fields, names))

        def table(model: type[models.Model]) -> str:
            return str(quote(model._meta.db_table))

        def col(model: type[models.Model], name: str) -> str:
            field = model._meta.get_field(name)
            assert isinstance(field, models.Field)
            return str(quote(field.column))

        pk = quote("id")
        device = (
            # Only table and column names from the models (quoted) go into the text;
            # the one value, the person's id, is a parameter.
            f"CASE WHEN EXISTS (SELECT 1 FROM {table(TOTPDevice)} d"  # noqa: S608
            f" WHERE d.{col(TOTPDevice, 'user')} = p.{pk} AND d.{col(TOTPDevice, 'confirmed')})"
            " THEN 1 ELSE 0 END"
        )
        memberships = (
            f"(SELECT COUNT(*) FROM {table(Person)} p2"  # noqa: S608
            f" WHERE p2.{col(Person, 'account')} = p.{col(Person, 'account')})"
        )
        self.sql = (
            f"SELECT {device}, {memberships}, {', '.join(select)}"  # noqa: S608
            f" FROM {table(Person)} p"
            f" INNER JOIN {table(Council)} c ON c.{pk} = p.{col(Person, 'council')}"
            f" INNER JOIN {table(Account)} a ON a.{pk} = p.{col(Person, 'account')}"
            f" LEFT OUTER JOIN {table(RoleAssignment)} r"
            f" ON r.{col(RoleAssignment, 'person')} = p.{pk}"
            f" LEFT OUTER JOIN {table(Committee)} cm ON cm.{pk} = r.{col(RoleAssignment, 'committee')}"
            f" LEFT OUTER JOIN {table(Ward)} w ON w.{pk} = r.{col(RoleAssignment, 'ward')}"
            f" LEFT OUTER JOIN {table(PartyGroup)} g"
            f" ON g.{pk} = r.{col(RoleAssignment, 'party_group')}"
            f" WHERE p.{pk} = %s"
            f" ORDER BY r.{pk}"
        )

    def build(
        self, db: str, connection: Any, row: Sequence[Any], start: int, part: int
    ) -> tuple[models.Model | None, int]:
        """One model's instance from its columns of ``row`` (None for an empty outer join)."""
        model, fields, names = self.parts[part]
        end = start + len(names)
        values = list(row[start:end])
        if values[0] is None:  # the primary key: nothing joined
            return None, end
        for i, (col, converters) in fields:
            value = values[i]
            for convert in converters:
                value = convert(value, col, connection)
            values[i] = value
        return model.from_db(db, names, values), end


_queries: dict[str, _Query] = {}


def load_signed_in(person_id: Any, db: str = "default") -> Person | None:
    """The person with this id, with their council, account and roles today, or None."""
    try:
        pk = int(person_id)
    except (TypeError, ValueError):
        return None
    connection = connections[db]
    query = _queries.get(connection.vendor)
    if query is None:
        query = _queries[connection.vendor] = _Query(connection)
    # Read the change counter before the roles: a change made while reading
    # leaves these roles under an older key, so they are read again.
    key = Person.roles_key(timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute(query.sql, [pk])
        rows = cursor.fetchall()
    if not rows:
        return None
    first = rows[0]
    person, at = query.build(db, connection, first, 2, 0)
    council, at = query.build(db, connection, first, at, 1)
    account, roles_at = query.build(db, connection, first, at, 2)
    assert isinstance(person, Person)
    Person._meta.get_field("council").set_cached_value(person, council)
    Person._meta.get_field("account").set_cached_value(person, account)
    assignments: list[RoleAssignment] = []
    for row in rows:
        role, at = query.build(db, connection, row, roles_at, 3)
        if role is None:
            continue
        assert isinstance(role, RoleAssignment)
        for part, name in ((4, "committee"), (5, "ward"), (6, "party_group")):
            related, at = query.build(db, connection, row, at, part)
            field: Any = RoleAssignment._meta.get_field(name)
            field.set_cached_value(role, related)
        RoleAssignment._meta.get_field("person").set_cached_value(role, person)
        RoleAssignment._meta.get_field("council").set_cached_value(role, council)
        assignments.append(role)
    Person.keep_roles([person], assignments, key[0], key)
    person.__dict__[HAS_TWO_FACTOR] = bool(first[0])
    assert account is not None
    account.__dict__[MEMBERSHIPS] = int(first[1])
    return person


def has_two_factor_kept(person: Person) -> bool | None:
    """Whether the person had an authenticator app when this request began (None: not read)."""
    kept = getattr(person, HAS_TWO_FACTOR, None)  # (request.user is a lazy proxy)
    return None if kept is None else bool(kept)


def memberships_kept(account: Account) -> int | None:
    """How many councils' Persons the account had when this request began (None: not read)."""
    kept = getattr(account, MEMBERSHIPS, None)
    return None if kept is None else int(kept)
