"""Building bench/scale.py's national tenancy quickly: a few councils through the
actions, the rest cloned from one of them, and the bulk rows written with COPY.

A council made through the actions costs about a second on a shared machine
(its people, their roles, its first enquiry and every audit event), so a
thousand of them took most of an hour. Here the first ``ACTION_COUNCILS`` are
made through the actions; every other council is a copy of the third one (its
council row, accounts, people, role assignments, account events and its one
real enquiry), written in bulk, with that council's audit history copied into
a log of its own and sealed for the new council exactly as ``recording`` seals
events (so each clone's log verifies and is signed by the first checkpoint).

The bulk enquiries (copies of each council's real enquiry) and audit events
are written with PostgreSQL's COPY inside a ``recording`` of the council, so
its log says that they were loaded. The events are sealed as ``log.seal``
seals them, in one loop written straight to COPY's text format
(``write_sealed_events``), and both bulk tables' secondary indexes are built
once after their load (``indexes_deferred``): 10M events in about 7 minutes.
"""

from __future__ import annotations

import datetime
import json
import random
import secrets
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

# The days the clock is run on: two working days apart, so the same overdue
# cases are due a chase on each (early March 2027 has no bank holiday).
TICK_DAYS = (datetime.date(2027, 3, 2), datetime.date(2027, 3, 4), datetime.date(2027, 3, 8))
# Councils 0 (growing), 1 (steady) and 2..6 (tick's work) are made through the actions.
ACTION_COUNCILS = 7
CLONE_BATCH = 100
STEADY_ENQUIRIES = 500
OPEN_PER_COUNCIL = 40
STEADY_EVENTS = 5000

SUBJECTS = (
    "Street lighting on Mill Lane",
    "Potholes on the High Street",
    "Overflowing bins by the recreation ground",
    "Bus shelter repairs at Church Road",
    "Planning enforcement at the old mill",
    "Flooding on Brook Lane after heavy rain",
    "Allotment waiting list",
    "Parking on the village green",
)


# --- COPY ----------------------------------------------------------------------------------------


def _fields(model: Any, *, with_id: bool = False) -> list[Any]:
    return [f for f in model._meta.concrete_fields if with_id or f.attname != "id"]


def _prepared(obj: Any, fields: Sequence[Any]) -> list[Any]:
    from django.db import connection

    return [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]


def copy_rows(model: Any, fields: Sequence[Any], rows: Iterable[Sequence[Any]]) -> int:
    """Write ``rows`` (values already as the database takes them) with one COPY."""
    from django.db import connection

    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    n = 0
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as cp:
        for row in rows:
            cp.write_row(row)
            n += 1
    return n


def new_ids(model: Any, count: int) -> list[int]:
    """``count`` primary keys taken from the table's own sequence (for rows that others point at)."""
    from django.db import connection

    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, count],
        )
        return [row[0] for row in cursor.fetchall()]


@contextmanager
def indexes_deferred(model: Any) -> Iterator[None]:
    """Drop the table's secondary indexes and unique constraints, then make them again.

    A bulk load into a table with its indexes in place updates every index a
    row; building each index once over the loaded table is several times
    cheaper at millions of rows. Each index is made again from the definition
    PostgreSQL gave for it (``pg_get_indexdef``, ``pg_get_constraintdef``),
    so the table ends as the migrations left it (checked); the primary key and
    triggers stay in place throughout.
    """
    from django.db import connection

    table = model._meta.db_table
    quote = connection.ops.quote_name
    query = (
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), c.conname, "
        "pg_get_constraintdef(c.oid) FROM pg_index i LEFT JOIN pg_constraint c "
        "ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid "
        "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary ORDER BY 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [table])
        before = cursor.fetchall()
        for index, _definition, constraint, _constraint_def in before:
            if constraint:
                cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(constraint)}")
            else:
                cursor.execute(f"DROP INDEX {index}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for _index, definition, constraint, constraint_def in before:
                if constraint:
                    cursor.execute(
                        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(constraint)} "
                        f"{constraint_def}"
                    )
                else:
                    cursor.execute(definition)
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute(query, [table])
            after = cursor.fetchall()
        if after != before:
            raise SystemExit(f"{table}'s indexes were not made again as they were: {after}")


def _seal_copy(head: Any, source: Any, **changes: Any) -> Any:
    """A copy of event ``source`` (with ``changes``), sealed as the next event of ``head``."""
    from propriety.audit import log

    event = SimpleNamespace(
        **{f.attname: getattr(source, f.attname) for f in _fields(type(source))}
    )
    for key, value in changes.items():
        setattr(event, key, value)
    log.seal(event, head)  # type: ignore[arg-type]
    return event


def _copy_text(value: str) -> str:
    """``value`` as a field of PostgreSQL's COPY text format."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


# The event the bulk history is made of (other cases' triage, as the actions record it).
EVENT_ACTION = "enquiry.triaged"
EVENT_TYPE = "enquiries.enquiry"
EVENT_CITATIONS = [{"rulebook": "acses-town", "clause": "§10.3(b)"}]
EVENT_RULEBOOK = ("acses-town", "2025-05")
EVENT_DETAILS = {
    "says": "The Clerk set its priority to normal and gave it to an officer.",
    "priority": "normal",
}
EVENT_LINES = 5000  # lines a COPY write


def write_sealed_events(
    council_id: int,
    frontier: Any,
    count: int,
    *,
    object_ids: Sequence[str],
    object_repr: str,
    occurred_at: datetime.datetime,
) -> None:
    """COPY ``count`` events into the council's log after ``frontier`` (which is advanced).

    Every event is sealed as ``log.seal`` seals it: the next number, a fresh
    salt, the personal hash of ``[object_repr, details]``, the leaf of its entry
    and the root after it. The entry is written from pieces made once per
    object id; the first event's entry and personal hash are checked against
    ``log.entry_bytes`` and ``log.personal_hash``, so a change to the entry's
    form fails here instead of making a log that does not verify.
    """
    import hashlib
    import os

    from django.db import connection

    from propriety.audit import log
    from propriety.audit.merkle import root_of
    from propriety.audit.models import AuditEvent

    sha256 = hashlib.sha256
    urandom = os.urandom
    details_json = log.canonical_json(EVENT_DETAILS)
    citations_json = log.canonical_json(EVENT_CITATIONS)
    when = log.canonical_time(occurred_at)
    personal_tail = f"\n[{json.dumps(object_repr, ensure_ascii=False)},{details_json}]".encode()
    rulebook, version = EVENT_RULEBOOK
    entry_head = f'["{log.ENTRY_VERSION}",{council_id},'.encode()
    entry_middles = [
        (
            f",null,{json.dumps(EVENT_ACTION)},{json.dumps(EVENT_TYPE)},"
            f'{json.dumps(oid)},"{when}",{citations_json},{json.dumps(rulebook)},'
            f'{json.dumps(version)},"'
        ).encode()
        for oid in object_ids
    ]
    # The row's columns, in the table's order: the ones that differ an event are
    # seq, leaf_hash, root_hash, personal_hash and personal_salt.
    fixed = {
        "council_id": str(council_id),
        "actor_id": "\\N",
        "action": _copy_text(EVENT_ACTION),
        "object_type": _copy_text(EVENT_TYPE),
        "object_repr": _copy_text(object_repr),
        "occurred_at": occurred_at.astimezone(datetime.UTC).isoformat(),
        "citations": _copy_text(citations_json),
        "rulebook": _copy_text(rulebook),
        "rulebook_version": _copy_text(version),
        "details": _copy_text(details_json),
        "pseudonymised_at": "\\N",
    }
    varying = ("object_id", "seq", "leaf_hash", "root_hash", "personal_hash", "personal_salt")
    columns = [f.attname for f in _fields(AuditEvent)]
    if sorted(columns) != sorted([*fixed, *varying]):
        raise SystemExit(f"audit events have columns {columns}: the bench's writer needs updating")
    # One format string for the line: the fixed parts in place (braces doubled), the varying
    # ones named.
    fmt = (
        "\t".join(
            "{" + c + "}" if c in varying else fixed[c].replace("{", "{{").replace("}", "}}")
            for c in columns
        )
        + "\n"
    ).format
    oids = [_copy_text(o) for o in object_ids]
    n_ids = len(object_ids)
    hashes = frontier.hashes
    size = frontier.size
    quote = connection.ops.quote_name
    sql = (
        f"COPY {quote(AuditEvent._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in _fields(AuditEvent))}) FROM STDIN"
    )
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as cp:
        lines: list[str] = []
        for n in range(count):
            salt = urandom(16).hex()
            personal = sha256(salt.encode() + personal_tail).hexdigest()
            seq = size + 1
            k = n % n_ids
            entry = entry_head + str(seq).encode() + entry_middles[k] + personal.encode() + b'"]'
            if n == 0:
                expected = log.entry_bytes(
                    council_id,
                    seq,
                    None,
                    EVENT_ACTION,
                    EVENT_TYPE,
                    object_ids[k],
                    occurred_at,
                    citations_json,
                    rulebook,
                    version,
                    personal,
                )
                if entry != expected or personal != log.personal_hash(
                    salt, object_repr, details_json
                ):
                    raise SystemExit("the bench's entries differ from log.entry_bytes'")
            # Frontier.append and root(), inline (the hot loop).
            h, s = sha256(b"\x00" + entry).digest(), size
            leaf = h
            while s & 1:
                h = sha256(b"\x01" + hashes.pop() + h).digest()
                s >>= 1
            hashes.append(h)
            size = seq
            lines.append(
                fmt(
                    object_id=oids[k],
                    seq=seq,
                    leaf_hash=leaf.hex(),
                    root_hash=root_of(hashes).hex(),
                    personal_hash=personal,
                    personal_salt=salt,
                )
            )
            if len(lines) == EVENT_LINES:
                cp.write("".join(lines))
                lines.clear()
        if lines:
            cp.write("".join(lines))
    frontier.size = size


class Tenancy:
    """The councils built so far, and what to measure in the two that are measured."""

    def __init__(self, big_share: float) -> None:
        self.big_share = big_share
        self.councils: list[Any] = []
        self.templates: dict[int, Any] = {}  # council pk -> its real enquiry
        self.enquiries: dict[int, int] = {}  # council pk -> how many it has
        self.events: dict[int, int] = {}  # council pk -> bulk events loaded
        self.clerks: dict[int, Any] = {}  # council pk -> its Clerk (the measured ones)
        self.open: dict[int, int] = {}  # council pk -> its open copies
        self.source_history = 0  # council 2's log size when the actions had made it
        self.rng = random.Random(7)

    # --- councils through the actions --------------------------------------------------------

    def add_council(self, n: int) -> Any:
        from propriety.councils.actions import do_create_council
        from propriety.enquiries.actions import do_submit_enquiry, do_triage_enquiry
        from propriety.people.actions import do_assign_role, do_create_person
        from propriety.people.roles import Role

        council = do_create_council(
            name=f"Benchmark {n} Town Council",
            slug=f"bench-{n}",
            kind="town",
            nation="england",
            rulebook="acses-town",
            principal_council_name=f"Benchmark {n} District Council",
            acting_user=None,
        )

        def person(role: str, name: str) -> Any:
            p = do_create_person(
                council,
                email=f"{name.lower().replace(' ', '.')}@bench-{n}.example",
                full_name=name,
                password=secrets.token_urlsafe(12),
                acting_user=None,
            )
            do_assign_role(
                p, role=role, starts_on=datetime.date(2024, 5, 1), ends_on=None, acting_user=None
            )
            return p

        clerk = person(Role.PROPER_OFFICER, f"Clerk {n}")
        member = person(Role.COUNCILLOR, f"Councillor {n}")
        officer = person(Role.STAFF, f"Officer {n}")
        # Received just before the clock's days, so not due an answer on any of them.
        received = TICK_DAYS[0] - datetime.timedelta(days=1)
        enquiry = do_submit_enquiry(
            member,
            subject="Street lighting on Mill Lane",
            body="Residents report that the lights have been out for a week. " * 4,
            kind="information",
            addressed_to="proper_officer",
            today=received,
            acting_user=member,
        )
        do_triage_enquiry(
            enquiry, priority="normal", officer=officer, today=received, acting_user=clerk
        )
        self.clerks[council.pk] = clerk
        self.councils.append(council)
        self.templates[council.pk] = enquiry
        self.enquiries[council.pk] = 1
        if n == 2:
            from propriety.audit.models import AuditLogHead

            self.source_history = AuditLogHead.unscoped.get(council=council).size
        return council

    # --- councils cloned -----------------------------------------------------------------------

    def clone_councils(self, first: int, count: int) -> None:
        """Councils ``first``.. ``first + count - 1``, copies of council 2, written in bulk."""
        from django.db import transaction

        from propriety.audit.merkle import EMPTY_ROOT
        from propriety.audit.models import AuditEvent, AuditLogHead
        from propriety.councils.models import Council
        from propriety.enquiries.models import Enquiry
        from propriety.people.models import Account, AccountEvent, Person, RoleAssignment

        source = self.councils[2]
        people = list(Person.unscoped.filter(council=source).order_by("pk"))
        accounts = {a.pk: a for a in Account.objects.filter(people__in=people)}
        roles = list(RoleAssignment.unscoped.filter(council=source).order_by("pk"))
        account_events = list(AccountEvent.objects.filter(account__in=list(accounts)))
        enquiry = Enquiry.unscoped.get(pk=self.templates[source.pk].pk)
        # Only what the actions recorded, not the events loaded in bulk since.
        history = list(
            AuditEvent.unscoped.filter(council=source, seq__lte=self.source_history).order_by("seq")
        )
        council_ids = new_ids(Council, count)
        account_ids = new_ids(Account, count * len(people))
        person_ids = new_ids(Person, count * len(people))
        role_ids = new_ids(RoleAssignment, count * len(roles))
        enquiry_ids = new_ids(Enquiry, count)
        rows: dict[Any, list[list[Any]]] = {
            m: [] for m in (Council, Account, Person, RoleAssignment, AccountEvent, Enquiry)
        }
        events: list[list[Any]] = []
        heads: list[list[Any]] = []
        event_fields, head_fields = _fields(AuditEvent), _fields(AuditLogHead)
        for i in range(count):
            n = first + i
            cid = council_ids[i]
            slug = f"bench-{n}"
            council = Council(**{f.attname: getattr(source, f.attname) for f in _fields(Council)})
            council.id, council.name, council.slug = cid, f"Benchmark {n} Town Council", slug
            council.principal_council_name = f"Benchmark {n} District Council"
            rows[Council].append(_prepared(council, _fields(Council, with_id=True)))
            person_of: dict[int, int] = {}
            account_of: dict[int, int] = {}
            for j, p in enumerate(people):
                k = i * len(people) + j
                person_of[p.pk] = person_ids[k]
                account_of[p.account_id] = account_ids[k]
                email = p.email.replace(f"@{source.slug}.", f"@{slug}.").replace(
                    f".{source.slug[6:]}@", f".{n}@"
                )
                a = accounts[p.account_id]
                acc = Account(**{f.attname: getattr(a, f.attname) for f in _fields(Account)})
                acc.id, acc.email = account_ids[k], email
                acc.full_name = a.full_name.replace(source.slug[6:], str(n))
                rows[Account].append(_prepared(acc, _fields(Account, with_id=True)))
                per = Person(**{f.attname: getattr(p, f.attname) for f in _fields(Person)})
                per.id, per.council_id, per.account_id = person_ids[k], cid, account_ids[k]
                per.email, per.full_name = email, acc.full_name
                rows[Person].append(_prepared(per, _fields(Person, with_id=True)))
            for j, r in enumerate(roles):
                role = RoleAssignment(
                    **{f.attname: getattr(r, f.attname) for f in _fields(RoleAssignment)}
                )
                role.id, role.council_id = role_ids[i * len(roles) + j], cid
                role.person_id = person_of[r.person_id]
                rows[RoleAssignment].append(_prepared(role, _fields(RoleAssignment, with_id=True)))
            for e in account_events:
                ev = AccountEvent(
                    **{f.attname: getattr(e, f.attname) for f in _fields(AccountEvent)}
                )
                ev.account_id = account_of[e.account_id]
                ev.details = {
                    **e.details,
                    "person": person_of.get(e.details.get("person")),
                    "council": cid,
                }
                rows[AccountEvent].append(_prepared(ev, _fields(AccountEvent)))
            copy = Enquiry(**{f.attname: getattr(enquiry, f.attname) for f in _fields(Enquiry)})
            copy.id, copy.council_id = enquiry_ids[i], cid
            for f in _fields(Enquiry):
                if f.is_relation and f.related_model is Person and getattr(copy, f.attname):
                    setattr(copy, f.attname, person_of[getattr(copy, f.attname)])
            rows[Enquiry].append(_prepared(copy, _fields(Enquiry, with_id=True)))
            self.templates[cid] = copy
            self.enquiries[cid] = 1
            # The source council's history, as the clone's own log.
            objects = {
                "councils.council": {source.pk: cid},
                "people.person": person_of,
                "people.roleassignment": {
                    r.pk: role_ids[i * len(roles) + j] for j, r in enumerate(roles)
                },
                "enquiries.enquiry": {enquiry.pk: enquiry_ids[i]},
            }
            head = AuditLogHead(council_id=cid, size=0, root_hash=EMPTY_ROOT.hex(), frontier=[])
            for old in history:
                mapped = objects.get(old.object_type, {})
                object_id = old.object_id
                if object_id.isdigit() and int(object_id) in mapped:
                    object_id = str(mapped[int(object_id)])
                event = _seal_copy(
                    head,
                    old,
                    council_id=cid,
                    actor_id=person_of.get(old.actor_id) if old.actor_id else None,
                    object_id=object_id,
                    object_repr=old.object_repr.replace(source.slug[6:], str(n)),
                )
                events.append(_prepared(event, event_fields))
            heads.append(_prepared(head, head_fields))
            self.councils.append(SimpleNamespace(pk=cid, id=cid, slug=slug))
        with transaction.atomic():
            for model, model_rows in rows.items():
                with_id = model is not AccountEvent
                copy_rows(model, _fields(model, with_id=with_id), model_rows)
            copy_rows(AuditEvent, event_fields, events)
            copy_rows(AuditLogHead, head_fields, heads)

    # --- bulk rows -----------------------------------------------------------------------------

    def add_enquiries(self, council: Any, count: int, *, overdue: bool = False) -> None:
        """``count`` copies of the council's real enquiry, spread over two years of casework.

        Ordinary copies are closed, answered (the member satisfied) or, up to
        ``OPEN_PER_COUNCIL`` of them, open but not due until after the clock's
        days; ``overdue`` copies are waiting for an answer that was due before
        the first of those days and never chased.
        """
        from propriety.audit.recording import recording
        from propriety.councils.models import Council
        from propriety.enquiries.models import Enquiry

        fields = _fields(Enquiry)
        base = _prepared(self.templates[council.pk], fields)
        at = {f.attname: i for i, f in enumerate(fields)}
        rng = self.rng
        statuses = [Enquiry.Status.CLOSED] * 7 + [Enquiry.Status.ANSWERED] * 2
        start = self.enquiries[council.pk]
        allocated, answered_kinds = (
            Enquiry.Status.ALLOCATED,
            (
                Enquiry.Status.ANSWERED,
                Enquiry.Status.CLOSED,
            ),
        )
        day = datetime.timedelta(days=1)

        def rows() -> Iterable[list[Any]]:
            for i in range(count):
                row = list(base)
                received = datetime.date(2026, 11, 30) - rng.randrange(730) * day
                row[at["subject"]] = f"{rng.choice(SUBJECTS)} ({start + i})"
                row[at["received_on"]] = received
                row[at["acknowledge_due"]] = received + 3 * day
                if overdue:
                    row[at["status"]] = allocated
                    row[at["respond_due"]] = TICK_DAYS[0] - 5 * day
                    yield row
                    continue
                # A council's open cases are its live workload, not a share of its
                # history: at most OPEN_PER_COUNCIL of the copies are open.
                status = rng.choice(statuses)
                if self.open.get(council.pk, 0) < OPEN_PER_COUNCIL and rng.random() < 0.1:
                    status = allocated
                    self.open[council.pk] = self.open.get(council.pk, 0) + 1
                row[at["status"]] = status
                row[at["respond_due"]] = (
                    datetime.date(2027, 6, 1) if status == allocated else received + 14 * day
                )
                if status in answered_kinds:
                    row[at["answered_on"]] = received + 10 * day
                    row[at["answer"]] = "The lights were repaired on Tuesday."
                    row[at["follow_up_until"]] = received + 24 * day
                    row[at["member_satisfied"]] = True
                yield row

        real = council if isinstance(council, Council) else Council.objects.get(pk=council.pk)
        with recording(council=real, actor=None, action="bench.loaded"):
            copy_rows(Enquiry, fields, rows())
        self.enquiries[council.pk] += count

    def add_events(self, council: Any, count: int) -> None:
        """``count`` audit events sealed into the council's log as ``recording`` seals them.

        Each event gets the next number, a fresh salt, its personal hash, its
        leaf (the entry ``log.entry_bytes`` writes: checked on the first event)
        and the tree head after it, exactly as ``log.seal`` gives them; the rows
        go to COPY as text lines written here (a Django field's
        ``get_db_prep_save`` an event and psycopg's adapting a row cost ten times
        the hashing at 10M events). The frontier is carried from event to event
        instead of being rebuilt from the head's hex for each.
        """
        from django.utils import timezone

        from propriety.audit import log
        from propriety.audit.merkle import root_of
        from propriety.audit.recording import recording
        from propriety.councils.models import Council

        template = self.templates[council.pk]
        real = council if isinstance(council, Council) else Council.objects.get(pk=council.pk)
        with recording(council=real, actor=None, action="bench.loaded"):
            head = log.locked_head(real)
            frontier = log.frontier_of(head)
            write_sealed_events(
                council.pk,
                frontier,
                count,
                object_ids=[str(template.pk + 1 + n) for n in range(500)],
                object_repr=f"ENQ-{template.pk}: Street lighting on Mill Lane",
                occurred_at=timezone.now(),
            )
            head.size = frontier.size
            head.frontier = [h.hex() for h in frontier.hashes]
            head.root_hash = root_of(frontier.hashes).hex()
            head.save()
        self.events[council.pk] = self.events.get(council.pk, 0) + count

    def grow(self, councils: int, enquiries: int, events: int) -> dict[str, float]:
        """Grow the tenancy to this size (councils 0 and 1 are the measured ones).

        Returns the seconds each part took."""
        took: dict[str, float] = {}
        started = time.perf_counter()
        while len(self.councils) < min(councils, ACTION_COUNCILS):
            self.add_council(len(self.councils))
        took["councils_by_actions_s"] = time.perf_counter() - started
        started = time.perf_counter()
        while len(self.councils) < councils:
            self.clone_councils(len(self.councils), min(CLONE_BATCH, councils - len(self.councils)))
        took["councils_cloned_s"] = time.perf_counter() - started
        growing, steady = self.councils[0], self.councils[1]
        others = self.councils[2:]
        big = int(enquiries * self.big_share)
        rest = max(0, enquiries - big - STEADY_ENQUIRIES)
        targets = {growing.pk: big, steady.pk: STEADY_ENQUIRIES}
        for i, c in enumerate(others):
            targets[c.pk] = rest // len(others) + (1 if i < rest % len(others) else 0)
        big_events = int(events * self.big_share)
        rest_events = max(0, events - big_events - STEADY_EVENTS)
        event_targets = {growing.pk: big_events, steady.pk: STEADY_EVENTS}
        for c in others:
            event_targets[c.pk] = rest_events // len(others)
        from propriety.audit.models import AuditEvent
        from propriety.enquiries.models import Enquiry

        # Each bulk table's indexes are made once after its load (at either size, so
        # both databases end with indexes built the same way); the time includes that.
        started = time.perf_counter()
        with indexes_deferred(Enquiry):
            for c in self.councils:
                more = targets[c.pk] - self.enquiries[c.pk]
                if more > 0:
                    self.add_enquiries(c, more)
        took["enquiries_s"] = time.perf_counter() - started
        started = time.perf_counter()
        with indexes_deferred(AuditEvent):
            for c in self.councils:
                more_events = event_targets[c.pk] - self.events.get(c.pk, 0)
                if more_events > 0:
                    self.add_events(c, more_events)
        took["events_s"] = time.perf_counter() - started
        # Every log signed once, as a first run of the schedule would.
        started = time.perf_counter()
        from propriety.audit.checkpointing import make_due_checkpoints

        make_due_checkpoints()
        from django.db import connection

        from propriety.audit.verify import verify_council
        from propriety.councils.models import Council

        # A cloned council's log is a real one: it verifies.
        result = verify_council(Council.objects.get(pk=self.councils[-1].pk))
        if not result.ok:
            raise SystemExit(f"council {self.councils[-1].slug}: {result.summary()}")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        took["checkpoints_and_analyze_s"] = time.perf_counter() - started
        return {k: round(v, 1) for k, v in took.items()}
