"""One way to download any list or register as CSV or a spreadsheet, as filtered.

A list view that offers downloads names its columns once and asks::

    COLUMNS = (Column("Reference", lambda e: e.reference), Column("Due", lambda e: e.due), ...)

    if fmt := export_format(request):
        return export_rows(rows, COLUMNS, name="enquiries", fmt=fmt)

before it pages ``rows``; the template includes ``includes/export_links.html``
(it needs ``listing`` from ``propriety.web.paging``), which links to the same
URL with the list's filters and sort and ``format=csv`` or ``format=xlsx``. So
a download holds every row the filtered list holds (not just one page), in its
order, and no new URL is needed. Dates are real dates in the spreadsheet and
ISO dates in the CSV. A cell that a spreadsheet would read as a formula
(``=``, ``+``, ``-``, ``@`` first) is written as text, so a subject line can
never run as a formula in the Clerk's Excel.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


def export_format(request: HttpRequest) -> str | None:
    """``csv`` or ``xlsx`` when the URL asks for a download, else None."""
    fmt = request.GET.get("format", "")
    return fmt if fmt in FORMATS else None


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (datetime.date, int, float)):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def table(rows: Iterable[Any], columns: Sequence[Column]) -> list[list[Any]]:
    """The header row and one row of cells per item."""
    return [[c.header for c in columns]] + [[_cell(c.value(r)) for c in columns] for r in rows]


def csv_bytes(cells: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in cells:
        writer.writerow([v.isoformat() if isinstance(v, datetime.date) else v for v in row])
    # With a byte-order mark, so Excel opens names like "Siân" correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: dict[str, list[list[Any]]]) -> bytes:
    """A workbook with one sheet per entry (title → rows, the first row its header)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = True
    for title, cells in sheets.items():
        sheet = book.active if first else book.create_sheet()
        first = False
        assert sheet is not None
        sheet.title = title[:31]
        for row in cells:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column_cells in sheet.columns:
            width = max((len(str(c.value or "")) for c in column_cells), default=8)
            letter = column_cells[0].column_letter
            sheet.column_dimensions[letter].width = min(max(width + 2, 10), 60)
            for c in column_cells[1:]:
                if isinstance(c.value, datetime.datetime):
                    c.number_format = "d mmmm yyyy hh:mm"
                elif isinstance(c.value, datetime.date):
                    c.number_format = "d mmmm yyyy"
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(content: bytes, *, name: str, fmt: str) -> HttpResponse:
    day = timezone.localdate().isoformat()
    response = HttpResponse(content, content_type=FORMATS.get(fmt, "application/octet-stream"))
    response["Content-Disposition"] = f'attachment; filename="{name}-{day}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def export_rows(
    rows: Iterable[Any], columns: Sequence[Column], *, name: str, fmt: str
) -> HttpResponse:
    """Every row as a CSV or XLSX download named ``<name>-<today>.<fmt>``."""
    cells = table(rows, columns)
    content = (
        csv_bytes(cells)
        if fmt == "csv"
        else xlsx_bytes({name.replace("-", " ").capitalize(): cells})
    )
    return download(content, name=name, fmt=fmt)
