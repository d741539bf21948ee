"""One date formatter for the whole project, independent of the machine's locale."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import propriety
from propriety.protocol import format_date, long_date
from propriety.protocol._dates import parse_period

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2027, 1, 11), "11 January 2027"),
        (dt.date(2026, 5, 1), "1 May 2026"),
        (dt.date(2025, 12, 31), "31 December 2025"),
    ],
)
def test_long_date_writes_the_day_the_month_in_full_and_the_year(day: dt.date, text: str) -> None:
    assert long_date(day) == text
    assert format_date(day) == text


def test_no_module_formats_month_names_with_the_locale() -> None:
    root = Path(propriety.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if any(code in path.read_text(encoding="utf-8") for code in ("%B", '%b"', "%A", '%a"'))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("November 2026", dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
        ("2026-11", dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
        ("May / June 2025", dt.date(2025, 5, 1), dt.date(2025, 6, 30)),
        ("May-June 2025", dt.date(2025, 5, 1), dt.date(2025, 6, 30)),
        ("May to June 2025", dt.date(2025, 5, 1), dt.date(2025, 6, 30)),
        ("December / January 2027", dt.date(2026, 12, 1), dt.date(2027, 1, 31)),
        ("Feb 2028", dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
    ],
)
def test_a_review_date_can_be_a_month_or_a_span_of_months(
    text: str, first: dt.date, last: dt.date
) -> None:
    period = parse_period(text)
    assert period is not None and (period.first, period.last) == (first, last)


@pytest.mark.parametrize("text", ["Smarch 2026", "2026-13", "soon", "June / May 2025", ""])
def test_what_is_not_a_period_is_refused(text: str) -> None:
    assert parse_period(text) is None


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (dt.date(2025, 1, 31), "current"),
        (dt.date(2025, 2, 1), "due_soon"),
        (dt.date(2025, 4, 30), "due_soon"),
        (dt.date(2025, 5, 1), "due"),
        (dt.date(2025, 6, 30), "due"),
        (dt.date(2025, 7, 1), "overdue"),
    ],
)
def test_status_is_against_the_whole_period_not_its_first_day(day: dt.date, status: str) -> None:
    period = parse_period("May / June 2025")
    assert period is not None and period.status(day) == status
