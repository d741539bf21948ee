"""What the CSV imports share: reading the file, parsing cells, and reporting each bad cell.

An import is all or nothing. It first reads every row and collects every
error (row number as a spreadsheet shows it, the header being row 1; the
column; what is wrong), and writes nothing if there is any. Only a clean file
is written, in one transaction; an action refusing a row then rolls the whole
import back, its error named the same way.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from propriety.protocol import month_name
from propriety.web.forms import FIRST_YEAR, LAST_YEAR

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


@dataclass(frozen=True, order=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row else "The file"
        if self.column:
            where += f", column “{self.column}”"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    """What an import did, or, with errors, why it did nothing."""

    what: str  # "people" or "documents"
    errors: list[RowError] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    sha256: str = ""
    # Sentences the Clerk must read about what was done beyond the rows themselves (a
    # term's end ending the roles that needed it): at the end of ``summary``.
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, key: str, n: int = 1) -> None:
        self.created[key] = self.created.get(key, 0) + n

    def summary(self) -> str:
        if self.errors:
            n = len(self.errors)
            return f"Nothing was imported: the file has {n} error{'s' if n != 1 else ''}."
        made = [f"{n} {key}" for key, n in self.created.items() if n]
        if not made:
            return f"Nothing changed: every row of the file is already in Propriety ({self.what})."
        kept = (
            f"; {self.unchanged} row{'s' if self.unchanged != 1 else ''} already there"
            if self.unchanged
            else ""
        )
        return " ".join([f"Imported: {', '.join(made)}{kept}.", *self.notes])

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "summary": self.summary(),
            "created": self.created,
            "unchanged": self.unchanged,
            "sha256": self.sha256,
            "notes": self.notes,
            "errors": [
                {"row": e.row, "column": e.column, "message": e.message} for e in self.errors
            ],
        }


class Rows:
    """The rows of a CSV file as dictionaries, each with its row number; errors on the way."""

    def __init__(
        self, data: bytes, *, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> None:
        self.errors: list[RowError] = []
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.rows: list[tuple[int, dict[str, str]]] = []
        limit = settings.PROPRIETY_MAX_UPLOAD_BYTES
        if len(data) > limit:
            self.errors.append(
                RowError(0, "", f"The file is larger than {limit // (1024 * 1024)} MB.")
            )
            return
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.errors.append(
                RowError(0, "", "The file is not UTF-8 text: save it as “CSV UTF-8” and try again.")
            )
            return
        if "\x00" in text:
            self.errors.append(
                RowError(0, "", "The file is not a CSV file (it holds binary data).")
            )
            return
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = [h.strip().lower() for h in next(reader, [])]
        except csv.Error as exc:
            self.errors.append(RowError(1, "", f"The header row cannot be read: {exc}."))
            return
        if not any(header):
            self.errors.append(
                RowError(1, "", "The file is empty: the first row names the columns.")
            )
            return
        separator = next((c for c in (";", "\t") if len(header) == 1 and c in header[0]), None)
        if separator is not None:
            shown = "semicolons" if separator == ";" else "tabs"
            self.errors.append(
                RowError(
                    1,
                    "",
                    f"The columns are separated by {shown}, not commas: save the spreadsheet "
                    "as “CSV UTF-8 (Comma delimited)” and try again.",
                )
            )
            return
        known = set(required) | set(optional)
        for name in header:
            if name and name not in known:
                self.errors.append(
                    RowError(
                        1,
                        name,
                        f"Unknown column. The columns are: {', '.join((*required, *optional))}.",
                    )
                )
        for name in required:
            if name not in header:
                self.errors.append(RowError(1, name, "This column is missing."))
        if self.errors:
            return
        try:
            for number, cells in enumerate(reader, start=2):
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) > len(header):
                    self.errors.append(
                        RowError(
                            number,
                            "",
                            f"The row has {len(cells)} cells; the header names {len(header)}.",
                        )
                    )
                    continue
                padded = cells + [""] * (len(header) - len(cells))
                self.rows.append(
                    (number, {h: c.strip() for h, c in zip(header, padded, strict=True) if h})
                )
        except csv.Error as exc:
            self.errors.append(RowError(reader.line_num, "", f"The row cannot be read: {exc}."))
        if not self.rows and not self.errors:
            self.errors.append(RowError(0, "", "The file has a header row but no rows to import."))

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        return iter(self.rows)


def parse_date(value: str) -> datetime.date:
    """A date as a person types it in a spreadsheet: 2027-05-06, 06/05/2027 or 6 May 2027,
    with its year in full (a year outside 1900-2200, such as "6 May 26", is refused, as on
    every page's form: see ``web.forms``)."""
    day = _parse_date(value)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(
            f"“{value}” is not between {FIRST_YEAR} and {LAST_YEAR}: write the year in full, "
            "for example 2027."
        )
    return day


def _parse_date(value: str) -> datetime.date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    # "6 May 2027" or "6 Sept 2027": month names in English whatever the machine's locale.
    parts = value.replace(",", " ").split()
    if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
        month = _month_number(parts[1])
        if month:
            try:
                return datetime.date(int(parts[2]), month, int(parts[0]))
            except ValueError:
                pass
    raise ValueError(f"“{value}” is not a date: write it like 2027-05-06 or 06/05/2027.")


def _month_number(name: str) -> int:
    name = name.strip(".").lower()
    for number in range(1, 13):
        full = month_name(number).lower()
        if name == full or (len(name) >= 3 and full.startswith(name)):
            return number
    return 0


def parse_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("", "no", "n", "false", "0"):
        return False
    if lowered in ("yes", "y", "true", "1"):
        return True
    raise ValueError(f"“{value}” is not yes or no.")


def errors_from(exc: ValidationError, row: int, columns: dict[str, str]) -> list[RowError]:
    """An action's refusal as row errors, each field named by its column in the file."""
    if hasattr(exc, "error_dict"):
        return [
            RowError(row, columns.get(name, "" if name == "__all__" else name), message.rstrip("."))
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [RowError(row, "", m) for m in exc.messages]
