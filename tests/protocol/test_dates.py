"""One date formatter for the whole project, independent of the machine's locale."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import propriety
from propriety.protocol import format_date, long_date

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
