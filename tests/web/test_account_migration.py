"""The accounts migration: each existing person gets an account with their own password hash
and stamp, nobody's history is touched, and it runs backwards too."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("people", "0002_apitoken")]
AFTER = [("people", "0005_person_account_required")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def _create_filled(model: Any, **given: Any) -> Any:
    """Create a row of a historical model, filling any other required field with a
    placeholder (the audit trail's own columns change as it grows)."""
    values = dict(given)
    for field in model._meta.concrete_fields:
        if field.name in values or field.attname in values or field.primary_key:
            continue
        if field.null or field.has_default() or getattr(field, "auto_now_add", False):
            continue
        if isinstance(field, models.IntegerField | models.BigIntegerField):
            values[field.attname] = 1
        elif isinstance(field, models.DateTimeField):
            values[field.attname] = datetime.datetime.now(tz=datetime.UTC)
        elif isinstance(field, models.CharField | models.TextField):
            values[field.attname] = "x"
    return model.objects.create(**values)


@pytest.mark.usefixtures("migrated_back_afterwards")
@pytest.mark.django_db(transaction=True)
def test_people_become_accounts_with_the_same_hash_and_stamp() -> None:
    executor = _migrate(BEFORE)
    # Every other app as it stands (they do not depend on the accounts migrations).
    audit = [n for n in executor.loader.graph.leaf_nodes() if n[0] in ("audit", "councils")]
    old = executor.loader.project_state(BEFORE + audit).apps
    Council = old.get_model("councils", "Council")
    Person = old.get_model("people", "Person")
    AuditEvent = old.get_model("audit", "AuditEvent")
    council = Council.objects.create(
        name="Oldbury Parish Council", slug="oldbury", kind="parish", rulebook="acses-town"
    )
    seen = datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC)
    people = [
        Person.objects.create(
            council=council,
            email=f"person{n}@oldbury.example",
            full_name=f"Person {n}",
            password=f"argon2$argon2id$v=19$m=102400,t=2,p=8$salt{n}$hash{n}",
            security_stamp=f"stamp{n}",
            last_login=seen if n == 1 else None,
        )
        for n in (1, 2)
    ]
    _create_filled(AuditEvent, council=council, actor=people[0], action="person.signed_in")

    executor = _migrate(AFTER)
    new = executor.loader.project_state(AFTER + audit).apps
    Account = new.get_model("people", "Account")
    Person = new.get_model("people", "Person")
    AuditEvent = new.get_model("audit", "AuditEvent")
    assert Account.objects.count() == 2
    for n, before in enumerate(people, start=1):
        person = Person.objects.get(pk=before.pk)
        account = Account.objects.get(pk=person.account_id)
        assert account.email == before.email
        assert account.password == before.password
        assert account.security_stamp == before.security_stamp
        assert account.full_name == f"Person {n}"
        assert account.last_login == (seen if n == 1 else None)
        assert person.security_stamp == before.security_stamp
    event = AuditEvent.objects.get()
    assert (event.actor_id, event.action) == (people[0].pk, "person.signed_in")

    # And back: the hash returns to the person.
    executor = _migrate(BEFORE)
    Person = executor.loader.project_state(BEFORE).apps.get_model("people", "Person")
    assert Person.objects.get(pk=people[0].pk).password == people[0].password
    _migrate(executor.loader.graph.leaf_nodes())
