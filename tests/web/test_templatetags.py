from __future__ import annotations

import datetime
import zoneinfo

from propriety.web.templatetags.propriety_dates import long_date, long_datetime

LONDON = zoneinfo.ZoneInfo("Europe/London")


def test_dates_are_written_the_way_councils_write_them() -> None:
    assert long_date(datetime.date(2027, 1, 11)) == "11 January 2027"
    assert long_date(datetime.date(2026, 5, 1)) == "1 May 2026"
    assert long_date(None) == ""


def test_datetimes_are_shown_in_uk_time() -> None:
    # 23:30 UTC on 31 May is already 1 June in London (BST).
    late = datetime.datetime(2026, 5, 31, 23, 30, tzinfo=datetime.UTC)
    assert long_date(late) == "1 June 2026"
    assert long_datetime(late) == "1 June 2026 at 12:30am"
    afternoon = datetime.datetime(2026, 12, 1, 14, 5, tzinfo=LONDON)
    assert long_datetime(afternoon) == "1 December 2026 at 2:05pm"


def test_guidance_items_accepts_stored_and_engine_guidance() -> None:
    from propriety.web.templatetags.propriety_protocol import guidance_items

    stored = [{"clause": "§10.7", "text": "Keep confidences."}]
    assert guidance_items(stored) == stored
    assert guidance_items([("§10.7", "Keep confidences.")]) == stored
    assert guidance_items(None) == []
