"""Import documents into the register from a CSV file plus a folder or zip of their files.

All or nothing, like the people import: every bad row is reported (row,
column, what is wrong) and nothing is written. A document is matched by its
reference, or by title and date where the row gives no reference, so
importing the same file again changes nothing; a document already in the
register is left as it is (reclassify it on its page). A committee named in
the file is created if the council has none of that name. The columns are in
docs/operations.md ("Import people and documents").
"""

from __future__ import annotations

import datetime
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction

from propriety.audit.actions import do_record_event
from propriety.councils.actions import do_create_committee
from propriety.councils.models import Committee, Council
from propriety.documents.actions import do_create_document
from propriety.documents.files import safe_name
from propriety.documents.models import Classification, Document, ExemptCategory
from propriety.people.models import Person
from propriety.web.csv_import import (
    ImportReport,
    RowError,
    Rows,
    errors_from,
    parse_bool,
    parse_date,
)

REQUIRED = ("title", "classification")
OPTIONAL = (
    "reference",
    "dated",
    "committee",
    "meeting_date",
    "exempt_paragraph",
    "personal_data",
    "file",
    "summary",
)
COLUMNS = {name: name for name in (*REQUIRED, *OPTIONAL)} | {
    "exempt_category": "exempt_paragraph",
    "contains_personal_data": "personal_data",
}
CLASSIFICATIONS = ("public", "committee", "exempt", "confidential")


class Files:
    """The documents' files, from a folder or a zip, looked up by the name in the CSV."""

    def __init__(self, source: Path | IO[bytes] | None) -> None:
        self.error = ""
        self._dir: Path | None = None
        self._zip: zipfile.ZipFile | None = None
        self._names: dict[str, str] = {}
        if source is None:
            return
        if isinstance(source, Path):
            if source.is_dir():
                self._dir = source.resolve()
                return
            try:
                source = source.open("rb")  # a zip named on the command line
            except OSError as exc:
                self.error = f"The files cannot be read: {exc.strerror or exc}."
                return
        try:
            self._zip = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError):
            self.error = "The files must be a folder or a .zip file, and this zip cannot be read."
            return
        for info in self._zip.infolist():
            if info.is_dir():
                continue
            self._names.setdefault(info.filename, info.filename)
            self._names.setdefault(safe_name(info.filename), info.filename)

    def check(self, name: str) -> str:
        """Why the file cannot be used, or ""."""
        limit = settings.PROPRIETY_MAX_UPLOAD_BYTES
        if self._dir is not None:
            path = (self._dir / name).resolve()
            if not path.is_relative_to(self._dir) or not path.is_file():
                return f"There is no file {name} in the folder."
            size = path.stat().st_size
        elif self._zip is not None:
            if name not in self._names:
                return f"There is no file {name} in the zip."
            size = self._zip.getinfo(self._names[name]).file_size
        else:
            return "The row names a file, but no folder or zip of files was given."
        if size == 0:
            return f"The file {name} is empty."
        if size > limit:
            return f"The file {name} is larger than {limit / (1024 * 1024):g} MB."
        return ""

    def open(self, name: str) -> ContentFile[bytes]:
        if self._dir is not None:
            data = (self._dir / name).resolve().read_bytes()
        else:
            assert self._zip is not None
            data = self._zip.read(self._names[name])
        return ContentFile(data, name=safe_name(name))


@dataclass
class _Row:
    number: int
    title: str
    reference: str
    dated: datetime.date | None
    committee: str
    meeting_date: datetime.date | None
    classification: str
    exempt_category: int | None
    personal_data: bool
    file: str
    summary: str


def _parse(number: int, cells: dict[str, str], files: Files) -> tuple[_Row | None, list[RowError]]:
    errors: list[RowError] = []

    def err(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    title = cells.get("title", "")
    if not title:
        err("title", "Enter the document's title.")
    elif len(title) > 300:
        err("title", "The title must be 300 characters or fewer.")
    if len(cells.get("reference", "")) > 80:
        err("reference", "The reference must be 80 characters or fewer.")
    dates: dict[str, datetime.date | None] = {"dated": None, "meeting_date": None}
    for column in dates:
        if cells.get(column):
            try:
                dates[column] = parse_date(cells[column])
            except ValueError as exc:
                err(column, str(exc))
    classification = cells.get("classification", "").lower()
    if classification not in CLASSIFICATIONS:
        err("classification", f"Write one of: {', '.join(CLASSIFICATIONS)}.")
    paragraph: int | None = None
    raw = cells.get("exempt_paragraph", "")
    if raw:
        if raw.isdigit() and int(raw) in ExemptCategory.values:
            paragraph = int(raw)
        else:
            err("exempt_paragraph", "Schedule 12A has paragraphs 1 to 7: write the number.")
    if classification == Classification.EXEMPT and not raw:
        err("exempt_paragraph", "An exempt document needs its Schedule 12A paragraph (1 to 7).")
    if raw and classification and classification != Classification.EXEMPT:
        err("exempt_paragraph", "Only an exempt document has a Schedule 12A paragraph.")
    personal = False
    try:
        personal = parse_bool(cells.get("personal_data", ""))
    except ValueError as exc:
        err("personal_data", f"{exc} Write yes or no.")
    if cells.get("file"):
        why = files.check(cells["file"])
        if why:
            err("file", why)
    if errors:
        return None, errors
    return (
        _Row(
            number=number,
            title=title,
            reference=cells.get("reference", ""),
            dated=dates["dated"],
            committee=cells.get("committee", ""),
            meeting_date=dates["meeting_date"],
            classification=classification,
            exempt_category=paragraph,
            personal_data=personal,
            file=cells.get("file", ""),
            summary=cells.get("summary", ""),
        ),
        [],
    )


def _key(row: _Row) -> tuple[str, str]:
    if row.reference:
        return ("reference", row.reference.lower())
    return ("title", f"{row.title.lower()}|{row.dated.isoformat() if row.dated else ''}")


class _Abort(Exception):
    pass


def import_documents(
    council: Council,
    data: bytes,
    *,
    files: Path | IO[bytes] | None = None,
    source: str = "",
    acting_user: Person | None,
) -> ImportReport:
    """Import the CSV ``data`` with the files it names; the report lists every error or what was added."""
    report = ImportReport("documents")
    table = Rows(data, required=REQUIRED, optional=OPTIONAL)
    report.sha256 = table.sha256
    report.errors.extend(table.errors)
    store = Files(files)
    if store.error:
        report.errors.append(RowError(0, "", store.error))
    rows: list[_Row] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in table:
        row, errors = _parse(number, cells, store)
        report.errors.extend(errors)
        if row is None:
            continue
        first = seen.setdefault(_key(row), number)
        if first != number:
            column = "reference" if row.reference else "title"
            report.errors.append(
                RowError(number, column, f"Row {first} is the same document: list it once.")
            )
        rows.append(row)
    if report.errors:
        report.errors.sort()
        return report
    stored: list[str] = []
    try:
        with transaction.atomic():
            _write(council, rows, store, report, stored, acting_user)
            do_record_event(
                council,
                action="documents.imported",
                details={
                    "says": f"Imported documents from {source or 'a CSV file'}: {report.summary()}",
                    "file": source,
                    "sha256": report.sha256,
                    "created": report.created,
                    "unchanged": report.unchanged,
                },
                acting_user=acting_user,
            )
    except BaseException:
        # Nothing was written to the database: the files stored so far go too.
        for name in stored:
            storages["documents"].delete(name)
        report.created, report.unchanged = {}, 0
        if not report.errors:
            raise
    return report


def _existing(council: Council, row: _Row) -> Document | None:
    documents = Document.objects.for_council(council)
    if row.reference:
        found: Document | None = documents.filter(reference__iexact=row.reference).first()
        return found
    return documents.filter(title__iexact=row.title, dated=row.dated).first()


def _write(
    council: Council,
    rows: list[_Row],
    store: Files,
    report: ImportReport,
    stored: list[str],
    acting_user: Person | None,
) -> None:
    committees: dict[str, Committee] = {}
    errors: list[RowError] = []
    for row in rows:
        if _existing(council, row) is not None:
            report.unchanged += 1
            continue
        committee = None
        if row.committee:
            key = row.committee.lower()
            if key not in committees:
                found = (
                    Committee.objects.for_council(council)
                    .filter(name__iexact=row.committee)
                    .first()
                )
                if found is None:
                    found = do_create_committee(
                        council, name=row.committee, acting_user=acting_user
                    )
                    report.count("committees created")
                committees[key] = found
            committee = committees[key]
        fields: dict[str, Any] = {
            "title": row.title,
            "reference": row.reference,
            "classification": row.classification,
            "exempt_category": row.exempt_category,
            "committee": committee,
            "meeting_date": row.meeting_date,
            "dated": row.dated,
            "contains_personal_data": row.personal_data,
            "summary": row.summary,
            "file": store.open(row.file) if row.file else None,
        }
        try:
            document = do_create_document(council, acting_user=acting_user, **fields)
        except ValidationError as exc:
            errors.extend(errors_from(exc, row.number, COLUMNS))
        else:
            if document.file:
                stored.append(str(document.file.name))
            report.count("documents added")
    if errors:
        report.errors.extend(sorted(errors))
        raise _Abort
