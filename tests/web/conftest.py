"""A fictional council with a named person per role, and a second council for isolation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from propriety.councils.models import Committee, Council, Ward
from propriety.people.models import Account, Person
from propriety.people.operators import do_create_operator
from propriety.people.roles import Role

from . import factories as f


@dataclass
class Hollowmere:
    council: Council
    planning: Committee
    brookside: Ward
    clerk: Person
    cllr_chair: Person
    cllr_ward: Person
    officer_junior: Person
    monitoring_officer: Person


@pytest.fixture(autouse=True)
def _data_dir(settings: Any, tmp_path: Path) -> None:
    """Files the tests write (mail attachments, uploads) go to a fresh folder, not var/."""
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture
def migrated_back_afterwards(transactional_db: None) -> Iterator[None]:
    """For a test that migrates the real database backwards: however it ends (a failed
    assertion included), every migration is applied again before the database is flushed
    for the next test, which would otherwise find tables missing and error at setup."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def hollowmere(db: None) -> Hollowmere:
    council = f.make_council()
    planning = f.make_committee(council)
    brookside = f.make_ward(council)
    return Hollowmere(
        council=council,
        planning=planning,
        brookside=brookside,
        clerk=f.make_person(
            council, Role.PROPER_OFFICER, name="Clara Clerk", email="clerk@hollowmere.example"
        ),
        cllr_chair=f.make_person(
            council,
            Role.COUNCILLOR,
            Role.COUNCIL_CHAIR,
            Role.COMMITTEE_CHAIR,
            name="Charles Chair",
            email="chair@hollowmere.example",
            committee=planning,
        ),
        cllr_ward=f.make_person(
            council,
            Role.COUNCILLOR,
            Role.WARD_COUNCILLOR,
            name="Wendy Ward",
            email="ward@hollowmere.example",
            ward=brookside,
        ),
        officer_junior=f.make_person(
            council, Role.STAFF, name="Jo Junior", email="jo@hollowmere.example"
        ),
        monitoring_officer=f.make_person(
            council, Role.MONITORING_OFFICER, name="Morgan Monitor", email="mo@hollowmere.example"
        ),
    )


@pytest.fixture
def fernley(db: None) -> Council:
    """A second council, to prove one council never sees another's rows."""
    return f.make_council(
        "Fernley Parish Council", principal_council_name="Fernley District Council"
    )


@pytest.fixture
def operator(db: None) -> Account:
    """An operator with no Person in any council (signs in with factories.PASSWORD)."""
    account, _ = do_create_operator(
        email="olive@operators.example",
        full_name="Olive Operator",
        password=f.PASSWORD,
        acting_account=None,
    )
    return account


@dataclass
class ManyCouncils:
    """One account serving Hollowmere and Fernley as an officer in each."""

    hollowmere: Person
    fernley: Person


@pytest.fixture
def many(hollowmere: Hollowmere, fernley: Council) -> ManyCouncils:
    email = "morgan.many@clerks.example"
    return ManyCouncils(
        hollowmere=f.make_person(
            hollowmere.council, Role.PROPER_OFFICER, name="Morgan Many", email=email
        ),
        fernley=f.make_person(fernley, Role.PROPER_OFFICER, name="Morgan Many", email=email),
    )
