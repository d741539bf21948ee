"""Importing people and documents from CSV: all or nothing, every error named by row and
column, and importing the same file again changes nothing. Through the actions, the
upload pages and the command line, with the example files shipped in docs/examples/."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from propriety.audit.models import AuditEvent
from propriety.councils.actions import do_close_body
from propriety.councils.models import Committee, Council, Ward
from propriety.documents.importing import import_documents
from propriety.documents.models import Document
from propriety.people.importing import import_people
from propriety.people.models import Person, RoleAssignment
from propriety.people.roles import Role

from .conftest import Hollowmere

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"


def _counts(council: Council) -> tuple[int, ...]:
    return (
        Person.objects.for_council(council).count(),
        RoleAssignment.objects.for_council(council).count(),
        Ward.objects.for_council(council).count(),
        Committee.objects.for_council(council).count(),
        Document.objects.for_council(council).count(),
    )


# --- people ----------------------------------------------------------------------------


def test_the_example_people_import_once_and_only_once(hollowmere: Hollowmere) -> None:
    council = hollowmere.council
    data = (EXAMPLES / "people.csv").read_bytes()
    report = import_people(council, data, source="people.csv", acting_user=hollowmere.clerk)
    assert report.ok, report.errors
    assert report.created["people added"] == 16
    councillors = [
        p
        for p in Person.objects.for_council(council)
        if p.is_councillor_on() and "ashcombe" in p.email
    ]
    assert len(councillors) == 13  # twelve councillors and a co-opted member
    deputy = Person.objects.for_council(council).get(email="deputy@ashcombe.example")
    post = deputy.role_assignments.get()
    assert (post.role, post.job_title, post.line_manager.email) == (  # type: ignore[union-attr]
        Role.DEPUTY_CLERK,
        "Deputy Town Clerk",
        "clerk@ashcombe.example",
    )
    assert {w.name for w in Ward.objects.for_council(council)} >= {"North", "South"}
    event = AuditEvent.objects.for_council(council).latest("pk")
    assert event.action == "people.imported" and event.details["sha256"] == report.sha256

    before = _counts(council)
    events = AuditEvent.objects.for_council(council).count()
    again = import_people(council, data, source="people.csv", acting_user=hollowmere.clerk)
    assert again.ok and not again.created
    assert again.unchanged == 24
    assert _counts(council) == before
    # Only the import's own record is added: no person, role or body changed.
    assert AuditEvent.objects.for_council(council).count() == events + 1


BAD_PEOPLE = b"""email,full_name,role,starts_on,ends_on,ward,committee
new@hollowmere.example,New Person,councillor,2026-13-01,,,
not-an-email,Someone,chief_executive,2026-01-01,2025-01-01,,
x@hollowmere.example,,ward_councillor,2026-01-01,,,Planning Committee
ok@hollowmere.example,Fine Person,councillor,2026-01-01,,,
"""


def test_bad_rows_are_all_reported_and_nothing_is_written(hollowmere: Hollowmere) -> None:
    council = hollowmere.council
    before = _counts(council)
    events = AuditEvent.objects.for_council(council).count()
    report = import_people(council, BAD_PEOPLE, acting_user=hollowmere.clerk)
    assert not report.ok
    found = {(e.row, e.column) for e in report.errors}
    assert found == {
        (2, "starts_on"),
        (3, "email"),
        (3, "role"),
        (3, "ends_on"),
        (4, "full_name"),
        (4, "ward"),
        (4, "committee"),
    }
    assert any("no “Chief Executive”" in e.message for e in report.errors)
    assert str(report.errors[0]).startswith("Row 2, column “starts_on”:")
    assert _counts(council) == before
    assert AuditEvent.objects.for_council(council).count() == events


def test_a_year_written_short_is_an_error_not_the_year_26(hollowmere: Hollowmere) -> None:
    """A spreadsheet's "6 May 26" or a typed 0026-05-07 would start a term in the year 26:
    the row is refused, saying to write the year in full, and nothing is imported."""
    council = hollowmere.council
    before = _counts(council)
    data = (
        b"email,full_name,role,starts_on\n"
        b"ann@hollowmere.example,Ann Able,councillor,6 May 26\n"
        b"bob@hollowmere.example,Bob Baker,councillor,0026-05-07\n"
        b"cat@hollowmere.example,Cat Cole,councillor,6 May 2026\n"
    )
    report = import_people(council, data, source="short.csv", acting_user=hollowmere.clerk)
    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [(2, "starts_on"), (3, "starts_on")]
    assert report.errors[0].message == (
        "“6 May 26” is not between 1900 and 2200: write the year in full, for example 2027."
    )
    assert _counts(council) == before


def test_a_file_separated_by_semicolons_says_so(hollowmere: Hollowmere) -> None:
    """A spreadsheet saved with semicolons (some regional settings do) is one unknown
    column to the reader: the error says what to change instead."""
    data = (
        b"email;full_name;role;starts_on\nann@hollowmere.example;Ann Able;councillor;2026-05-07\n"
    )
    report = import_people(
        hollowmere.council, data, source="semi.csv", acting_user=hollowmere.clerk
    )
    assert [e.message for e in report.errors] == [
        "The columns are separated by semicolons, not commas: save the spreadsheet as "
        "“CSV UTF-8 (Comma delimited)” and try again."
    ]


def test_an_action_refusing_a_late_row_rolls_back_the_earlier_ones(
    hollowmere: Hollowmere,
) -> None:
    """A closed ward is only found when writing: the whole import still comes to nothing."""
    council = hollowmere.council

    do_close_body(hollowmere.brookside, closed_on=datetime.date(2024, 1, 1), acting_user=None)
    before = _counts(council)
    data = (
        b"email,full_name,role,starts_on,ward\n"
        b"first@hollowmere.example,First Person,councillor,2026-01-01,\n"
        b"second@hollowmere.example,Second Person,councillor,2026-01-01,\n"
        b"second@hollowmere.example,Second Person,ward_councillor,2026-01-01,Brookside\n"
    )
    report = import_people(council, data, acting_user=None)
    assert [(e.row, e.column) for e in report.errors] == [(4, "ward")]
    assert _counts(council) == before


def test_someone_from_another_council_joins_with_their_account_and_unknown_columns_are_refused(
    hollowmere: Hollowmere, fernley: Council
) -> None:
    data = b"email,full_name,role,starts_on,shoe_size\n"
    report = import_people(fernley, data, acting_user=None)
    assert [(e.row, e.column) for e in report.errors] == [(1, "shoe_size")]
    # Hollowmere's Clerk is also a councillor of Fernley: one account, two councils.
    data = b"email,full_name,role,starts_on\nclerk@hollowmere.example,Clara Clerk,councillor,2026-01-01\n"
    report = import_people(fernley, data, acting_user=None)
    assert report.ok, report.errors
    [joined] = Person.objects.for_council(fernley)
    assert joined.account_id == hollowmere.clerk.account_id
    for bad in (b"\xff\xfe\x00garbage", b"", b"email,full_name,role,starts_on\n"):
        assert not import_people(fernley, bad, acting_user=None).ok


def test_the_import_page_lists_every_error(hollowmere: Hollowmere) -> None:
    client = Client()
    client.force_login(hollowmere.clerk)
    upload = SimpleUploadedFile("people.csv", BAD_PEOPLE, content_type="text/csv")
    response = client.post(reverse("setup:people_import"), {"csv_file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported: the file has 7 errors." in page
    assert "Row 4, column “full_name”" in page
    upload = SimpleUploadedFile("people.csv", (EXAMPLES / "people.csv").read_bytes())
    response = client.post(reverse("setup:people_import"), {"csv_file": upload})
    assert response.status_code == 302
    assert (
        Person.objects.for_council(hollowmere.council)
        .filter(email__endswith="ashcombe.example")
        .count()
        == 16
    )


def test_the_command_line_exits_2_on_errors(hollowmere: Hollowmere, tmp_path: Path) -> None:
    from propriety.people.import_cli import people

    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD_PEOPLE)
    runner = CliRunner()
    result = runner.invoke(people, ["import", "--council", "hollowmere", str(bad)])
    assert result.exit_code == 2
    assert "Row 3, column “email”" in result.output
    result = runner.invoke(
        people, ["import", "--council", "hollowmere", str(EXAMPLES / "people.csv")]
    )
    assert result.exit_code == 0, result.output
    assert "16 people added" in result.output
    result = runner.invoke(people, ["import", "--council", "nowhere", str(bad)])
    assert result.exit_code == 2


# --- documents -------------------------------------------------------------------------


def _zip(folder: Path) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, arcname=f"papers/{path.name}")
    buffer.seek(0)
    return buffer


def test_the_example_documents_import_from_a_zip_once(hollowmere: Hollowmere) -> None:
    council = hollowmere.council
    data = (EXAMPLES / "documents.csv").read_bytes()
    report = import_documents(
        council, data, files=_zip(EXAMPLES / "documents"), acting_user=hollowmere.clerk
    )
    assert report.ok, report.errors
    assert report.created == {"documents added": 4, "committees created": 1}
    tender = Document.objects.for_council(council).get(reference="ATC/FGP/2026/02")
    assert (tender.classification, tender.exempt_category) == ("exempt", 3)
    assert tender.file_name == "tender-prices.txt"
    staffing = Document.objects.for_council(council).get(reference="ATC/FGP/2026/03")
    assert staffing.contains_personal_data
    before = _counts(council)
    again = import_documents(
        council, data, files=EXAMPLES / "documents", acting_user=hollowmere.clerk
    )
    assert again.ok and not again.created and again.unchanged == 4
    assert _counts(council) == before


def test_bad_document_rows_write_nothing_and_keep_no_files(
    hollowmere: Hollowmere, settings: object
) -> None:
    from django.core.files.storage import storages

    data = (
        b"title,classification,exempt_paragraph,personal_data,file,dated\n"
        b"Good paper,public,,no,full-council-minutes.txt,2026-01-14\n"
        b"Secret,exempt,,maybe,missing.pdf,yesterday\n"
        b"Public but exempt,public,4,,,\n"
        b"Good paper,public,,no,,2026-01-14\n"
    )
    root = Path(storages["documents"].location)  # type: ignore[attr-defined]
    files_before = sorted(root.rglob("*")) if root.exists() else []
    report = import_documents(
        hollowmere.council, data, files=EXAMPLES / "documents", acting_user=None
    )
    assert {(e.row, e.column) for e in report.errors} == {
        (3, "exempt_paragraph"),
        (3, "personal_data"),
        (3, "file"),
        (3, "dated"),
        (4, "exempt_paragraph"),
        (5, "title"),
    }
    assert not Document.objects.for_council(hollowmere.council).exists()
    assert (sorted(root.rglob("*")) if root.exists() else []) == files_before


def test_a_file_outside_the_folder_is_never_read(hollowmere: Hollowmere) -> None:
    data = b"title,classification,file\nPasswords,public,../people.csv\n"
    report = import_documents(
        hollowmere.council, data, files=EXAMPLES / "documents", acting_user=None
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "file")]


def test_the_documents_import_page_and_command(hollowmere: Hollowmere) -> None:
    client = Client()
    client.force_login(hollowmere.clerk)
    response = client.post(
        reverse("documents:import"),
        {
            "csv_file": SimpleUploadedFile("d.csv", (EXAMPLES / "documents.csv").read_bytes()),
            "files_zip": SimpleUploadedFile("d.zip", b"not a zip at all"),
        },
    )
    assert "this zip cannot be read" in response.content.decode()
    assert not Document.objects.for_council(hollowmere.council).exists()

    from propriety.documents.cli import documents

    result = CliRunner().invoke(
        documents,
        [
            "import",
            "--council",
            "hollowmere",
            "--files",
            str(EXAMPLES / "documents"),
            str(EXAMPLES / "documents.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert Document.objects.for_council(hollowmere.council).count() == 4
