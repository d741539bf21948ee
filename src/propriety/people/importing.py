"""Import people and their roles from a CSV file: all of it, or none of it.

One row per role a person holds (a councillor with a ward and a committee is
three rows: councillor, ward councillor, committee member). The columns are
in docs/operations.md ("Import people and documents"), with an example in
docs/examples/people.csv.

Matching, so importing the same file again changes nothing: a person by
email within the council; a role by person, role, body and first day. A
ward, committee or party group named in the file is created if the council
has none of that name. Names of people already in Propriety are left as they
are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from propriety.audit.actions import do_record_event
from propriety.councils.actions import do_create_committee, do_create_party_group, do_create_ward
from propriety.councils.models import Committee, Council, PartyGroup, Ward
from propriety.people.actions import do_create_person
from propriety.people.models import Person, RoleAssignment
from propriety.people.roles import (
    COMMITTEE_ROLES,
    MAY_NAME_COMMITTEE,
    PARTY_GROUP_ROLES,
    TERM_ROLES,
    WARD_ROLES,
    Role,
    roles_offered,
)
from propriety.people.setup_actions import _invite, do_add_role, do_end_person_role
from propriety.web.csv_import import ImportReport, RowError, Rows, errors_from, parse_date

REQUIRED = ("email", "full_name", "role", "starts_on")
OPTIONAL = (
    "ends_on",
    "ward",
    "committee",
    "party_group",
    "job_title",
    "line_manager_email",
    "cabinet_portfolio",
    "delegated_authority",
)
# An action's field -> the column it comes from.
COLUMNS = {name: name for name in (*REQUIRED, *OPTIONAL)} | {"line_manager": "line_manager_email"}

_BODIES: dict[str, tuple[type[Any], Any]] = {
    "committee": (Committee, do_create_committee),
    "ward": (Ward, do_create_ward),
    "party_group": (PartyGroup, do_create_party_group),
}


@dataclass
class _Row:
    number: int
    email: str
    full_name: str
    role: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    bodies: dict[str, str]  # "committee" / "ward" / "party_group" -> name
    job_title: str
    line_manager_email: str
    cabinet_portfolio: str
    delegated_authority: str


def _role_value(text: str, council: Council) -> str:
    """A role written as its value ("ward_councillor") or its label ("Ward councillor")."""
    wanted = text.strip().lower().replace("-", "_")
    for role in Role:
        if wanted in (role.value, role.label.lower(), role.label.lower().replace(" ", "_")):
            if role not in roles_offered(council.kind):
                raise ValueError(f"A {council.get_kind_display().lower()} has no “{role.label}”.")
            return role.value
    raise ValueError(
        f"“{text}” is not a role. Use one of: "
        f"{', '.join(r.value for r in roles_offered(council.kind))}."
    )


def _parse(
    council: Council, number: int, cells: dict[str, str]
) -> tuple[_Row | None, list[RowError]]:
    errors: list[RowError] = []

    def err(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    email = cells.get("email", "").lower()
    if not email:
        err("email", "Enter the person's email address.")
    else:
        try:
            validate_email(email)
        except ValidationError:
            err("email", f"“{email}” is not an email address.")
    full_name = cells.get("full_name", "")
    if not full_name:
        err("full_name", "Enter the person's full name.")
    elif len(full_name) > 200:
        err("full_name", "The name must be 200 characters or fewer.")
    role = ""
    try:
        role = _role_value(cells.get("role", ""), council) if cells.get("role") else ""
        if not role:
            err("role", "Enter the role.")
    except ValueError as exc:
        err("role", str(exc))
    dates: dict[str, datetime.date | None] = {"starts_on": None, "ends_on": None}
    for column in dates:
        if cells.get(column):
            try:
                dates[column] = parse_date(cells[column])
            except ValueError as exc:
                err(column, str(exc))
        elif column == "starts_on":
            err(column, "Enter the role's first day.")
    if dates["starts_on"] and dates["ends_on"] and dates["ends_on"] < dates["starts_on"]:
        err("ends_on", "The last day is before the first day.")
    bodies = {name: cells.get(name, "") for name in _BODIES if cells.get(name, "")}
    for name, value in bodies.items():
        if len(value) > 200:
            err(name, "The name must be 200 characters or fewer.")
    if role:
        label = Role(role).label.lower()
        needs = {
            "committee": role in COMMITTEE_ROLES,
            "ward": role in WARD_ROLES,
            "party_group": role in PARTY_GROUP_ROLES,
        }
        may = {**needs, "committee": role in MAY_NAME_COMMITTEE}
        for name in _BODIES:
            word = name.replace("_", " ")
            if needs[name] and name not in bodies:
                err(name, f"A {label} needs the {word}.")
            if name in bodies and not may[name]:
                err(name, f"A {label} is not held in a {word}: leave it empty.")
    if errors:
        return None, errors
    assert dates["starts_on"] is not None
    return (
        _Row(
            number=number,
            email=email,
            full_name=full_name,
            role=role,
            starts_on=dates["starts_on"],
            ends_on=dates["ends_on"],
            bodies=bodies,
            job_title=cells.get("job_title", ""),
            line_manager_email=cells.get("line_manager_email", "").lower(),
            cabinet_portfolio=cells.get("cabinet_portfolio", ""),
            delegated_authority=cells.get("delegated_authority", ""),
        ),
        [],
    )


def _check_people(council: Council, rows: list[_Row]) -> list[RowError]:
    """Across rows: one name per email, no one from another council, known line managers."""
    errors: list[RowError] = []
    names: dict[str, tuple[str, int]] = {}
    for row in rows:
        first = names.setdefault(row.email, (row.full_name, row.number))
        if first[0] != row.full_name:
            errors.append(
                RowError(
                    row.number,
                    "full_name",
                    f"Row {first[1]} gives {row.email} the name “{first[0]}”: use one name.",
                )
            )
    emails = set(names)
    # Someone who serves another council keeps their one account: the import adds
    # them to this council too (people.actions.do_create_person finds the account).
    here = set(Person.objects.for_council(council).values_list("email", flat=True))
    for row in rows:
        manager = row.line_manager_email
        if manager and manager not in emails and manager not in here:
            errors.append(
                RowError(
                    row.number,
                    "line_manager_email",
                    f"Nobody in the council or in this file has the email {manager}.",
                )
            )
        if manager and manager == row.email:
            errors.append(
                RowError(row.number, "line_manager_email", "A person cannot manage themselves.")
            )
    return errors


class _Abort(Exception):
    """An action refused a row: roll the whole import back."""


def import_people(
    council: Council,
    data: bytes,
    *,
    source: str = "",
    invite: bool = False,
    acting_user: Person | None,
) -> ImportReport:
    """Import the CSV ``data``; the report lists every error, or what was created."""
    report = ImportReport("people")
    table = Rows(data, required=REQUIRED, optional=OPTIONAL)
    report.sha256 = table.sha256
    report.errors.extend(table.errors)
    rows: list[_Row] = []
    for number, cells in table:
        row, errors = _parse(council, number, cells)
        report.errors.extend(errors)
        if row is not None:
            rows.append(row)
    if not report.errors:
        report.errors.extend(_check_people(council, rows))
    if report.errors:
        report.errors.sort()
        return report
    created_people: list[Person] = []
    try:
        with transaction.atomic():
            created_people = _write(council, rows, report, acting_user)
            do_record_event(
                council,
                action="people.imported",
                details={
                    "says": f"Imported people from {source or 'a CSV file'}: {report.summary()}",
                    "file": source,
                    "sha256": report.sha256,
                    "created": report.created,
                    "unchanged": report.unchanged,
                },
                acting_user=acting_user,
            )
    except _Abort:
        report.created, report.unchanged = {}, 0
        return report
    if invite:
        for person in created_people:
            _invite(person, acting_user)
    return report


def _write(
    council: Council, rows: list[_Row], report: ImportReport, acting_user: Person | None
) -> list[Person]:
    bodies: dict[tuple[str, str], Any] = {}
    for row in rows:
        for kind, name in row.bodies.items():
            if (kind, name) in bodies:
                continue
            model, create = _BODIES[kind]
            found = model.objects.for_council(council).filter(name__iexact=name).first()
            if found is None:
                found = create(council, name=name, acting_user=acting_user)
                report.count(f"{kind.replace('_', ' ')}s created")
            bodies[(kind, name)] = found
    people = {p.email: p for p in Person.objects.for_council(council)}
    created: list[Person] = []
    for row in rows:
        if row.email not in people:
            person = do_create_person(
                council,
                email=row.email,
                full_name=row.full_name,
                password=None,
                acting_user=acting_user,
            )
            people[row.email] = person
            created.append(person)
            report.count("people added")
    errors: list[RowError] = []
    # The terms first: a chair or committee row may come before the councillor row of the
    # same person, and a member's role is refused to someone with no term (do_add_role).
    for row in sorted(rows, key=lambda r: r.role not in TERM_ROLES):
        person = people[row.email]
        body = {kind: bodies[(kind, name)] for kind, name in row.bodies.items()}
        existing = (
            RoleAssignment.objects.for_council(council)
            .filter(
                person=person,
                role=row.role,
                starts_on=row.starts_on,
                committee=body.get("committee"),
                ward=body.get("ward"),
                party_group=body.get("party_group"),
            )
            .first()
        )
        try:
            if existing is None:
                do_add_role(
                    person,
                    role=row.role,
                    starts_on=row.starts_on,
                    ends_on=row.ends_on,
                    job_title=row.job_title,
                    line_manager=people.get(row.line_manager_email)
                    if row.line_manager_email
                    else None,
                    cabinet_portfolio=row.cabinet_portfolio,
                    delegated_authority=row.delegated_authority,
                    acting_user=acting_user,
                    **body,
                )
                report.count("roles given")
            elif row.ends_on is not None and existing.ends_on != row.ends_on:
                ended = do_end_person_role(existing, ends_on=row.ends_on, acting_user=acting_user)
                report.count("roles ended")
                if ended.ended_with_term:
                    report.count("roles ended with their term", len(ended.ended_with_term))
                    report.notes.append(ended.says)
            else:
                report.unchanged += 1
        except ValidationError as exc:
            errors.extend(errors_from(exc, row.number, COLUMNS))
    if errors:
        report.errors.extend(sorted(errors))
        raise _Abort
    return created
