"""The governance report: how the council keeps its protocol, in figures.

For the Clerk (the casework manager), the Monitoring Officer and the members
of the council's governance committee (named in set-up), to whom they report. Counts only: no case's content.
Enquiries answered on time by month and by officer (on time: answered on or
before the date the answer was due, which the rulebook's response time set),
the median working days to answer (the council's working days), what is
overdue now; access requests and disputes by outcome; concerns by the stage
of their route; press releases by state.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q

from propriety.concerns.models import STAGE_LABELS, Concern
from propriety.councils.models import Council
from propriety.councils.protocol import calendar_for
from propriety.documents.models import AccessDispute, AccessRequest
from propriety.enquiries.models import Enquiry
from propriety.people.holders import holds, is_casework_manager, is_governance_committee_member
from propriety.people.models import Person
from propriety.press.models import PressRelease
from propriety.protocol import month_name
from propriety.workspace.charts import Bar, bar_chart

RUNNING = (Enquiry.Status.WITH_CLERK, Enquiry.Status.ALLOCATED)


def can_see_report(person: Person, day: datetime.date | None = None) -> bool:
    """The Clerk, the Monitoring Officer and the governance committee's members (counts only)."""
    return (
        is_casework_manager(person, day)
        or holds(person, "monitoring_officer", day)
        or is_governance_committee_member(person, day)
    )


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date
    answered: int
    on_time: int

    @property
    def late(self) -> int:
        return self.answered - self.on_time

    @property
    def percent(self) -> int:
        return round(100 * self.on_time / self.answered) if self.answered else 0


@dataclass(frozen=True)
class OfficerRow:
    officer: str
    answered: int
    on_time: int
    median_days: float | None
    overdue_now: int
    open_now: int


@dataclass
class Report:
    council: Council
    today: datetime.date
    since: datetime.date
    months: list[MonthRow] = field(default_factory=list)
    officers: list[OfficerRow] = field(default_factory=list)
    median_days: float | None = None
    overdue_now: int = 0
    open_now: int = 0
    requests: list[tuple[str, int]] = field(default_factory=list)
    disputes: list[tuple[str, int]] = field(default_factory=list)
    concerns: list[tuple[str, str, int]] = field(default_factory=list)
    releases: list[tuple[str, int]] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(m.answered for m in self.months)

    @property
    def on_time(self) -> int:
        return sum(m.on_time for m in self.months)

    def charts(self) -> dict[str, Any]:
        return {
            "months": bar_chart(
                "Enquiries answered each month (late part in red)",
                [
                    Bar(f"{month_name(m.month.month)} {m.month.year}", m.answered, m.late)
                    for m in self.months
                ],
                part_label="Answered late",
            ),
            "officers": bar_chart(
                "Median working days to answer, by officer",
                [
                    Bar(o.officer, o.median_days)
                    if o.median_days is not None
                    else Bar(o.officer, 0, note="none answered")
                    for o in self.officers
                ],
                unit=" days",
            ),
            "requests": bar_chart(
                "Access requests by outcome", [Bar(k, v) for k, v in self.requests]
            ),
            "releases": bar_chart("Press releases by state", [Bar(k, v) for k, v in self.releases]),
        }

    def sheets(self) -> dict[str, list[list[Any]]]:
        """The report as spreadsheet sheets (title → rows, the first row a header)."""
        return {
            "Enquiries by month": [["Month", "Answered", "On time", "Late", "% on time"]]
            + [[m.month, m.answered, m.on_time, m.late, m.percent] for m in self.months],
            "Enquiries by officer": [
                ["Officer", "Answered", "On time", "Median working days", "Open now", "Overdue now"]
            ]
            + [
                [o.officer, o.answered, o.on_time, o.median_days, o.open_now, o.overdue_now]
                for o in self.officers
            ],
            "Access requests": [["Outcome", "Requests"], *map(list, self.requests)],
            "Disputes": [["Outcome", "Disputes"], *map(list, self.disputes)],
            "Concerns": [["Stage", "Status", "Concerns"], *map(list, self.concerns)],
            "Press releases": [["State", "Releases"], *map(list, self.releases)],
        }


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _months_back(today: datetime.date, count: int) -> list[datetime.date]:
    months = [_month(today)]
    while len(months) < count:
        first = months[-1]
        months.append(_month(first - datetime.timedelta(days=1)))
    return list(reversed(months))


def _median(counts: Mapping[int, int]) -> float | None:
    """``statistics.median`` of a multiset given as value → how many times (same result
    and type: the middle value itself, or the mean of the two middle ones)."""
    size = sum(counts.values())
    if not size:
        return None
    ordered = sorted(counts.items())

    def nth(i: int) -> int:
        seen = 0
        for value, times in ordered:
            seen += times
            if i < seen:
                return value
        raise IndexError(i)  # pragma: no cover (i < size)

    middle = size // 2
    return nth(middle) if size % 2 else (nth(middle - 1) + nth(middle)) / 2


def _officer(group: dict[str, Any]) -> str:
    return "Not allocated" if group["officer_id"] is None else group["officer__full_name"]


def _by(rows: Iterable[dict[str, Any]], key: str) -> Counter[Any]:
    return Counter({row[key]: row["n"] for row in rows})


def build_report(council: Council, today: datetime.date, months: int = 12) -> Report:
    """Every figure counted by the database, a few rows per query whatever the history.

    Answers in the window come grouped by officer and by (received, answered) day pair,
    with conditional counts of those on time: the months, the officers and the medians
    follow from those groups, each pair's working days counted once. Open cases come
    counted by officer, the registers by state.
    """
    window = _months_back(today, months)
    report = Report(council=council, today=today, since=window[0])
    calendar = calendar_for(council)
    enquiries = Enquiry.objects.for_council(council)

    answered = (
        enquiries.filter(answered_on__gte=report.since, answered_on__isnull=False)
        .values("officer_id", "officer__full_name", "received_on", "answered_on")
        .annotate(n=Count("pk"), on_time=Count("pk", filter=Q(answered_on__lte=F("respond_due"))))
        .order_by()
    )
    by_month: dict[datetime.date, list[int]] = {m: [0, 0] for m in window}
    per_officer: dict[str, list[Any]] = defaultdict(lambda: [0, 0, Counter(), 0, 0])
    all_days: Counter[int] = Counter()
    working: dict[tuple[datetime.date, datetime.date], int] = {}
    for group in answered:
        received, answered_on = group["received_on"], group["answered_on"]
        n, on_time = group["n"], group["on_time"]
        bucket = by_month.setdefault(_month(answered_on), [0, 0])
        bucket[0] += n
        bucket[1] += on_time
        name = _officer(group)
        pair = (received, answered_on)
        if pair not in working:
            working[pair] = calendar.between(received, answered_on)
        row = per_officer[name]
        row[0] += n
        row[1] += on_time
        row[2][working[pair]] += n
        all_days[working[pair]] += n
    running = Q(status__in=RUNNING, respond_due__lt=today)
    open_now = (
        enquiries.filter(status__in=Enquiry.OPEN_STATUSES)
        .values("officer_id", "officer__full_name")
        .annotate(n=Count("pk"), overdue=Count("pk", filter=running))
        .order_by()
    )
    for group in open_now:
        name = _officer(group)
        per_officer[name][4] += group["n"]
        per_officer[name][3] += group["overdue"]
        report.open_now += group["n"]
        report.overdue_now += group["overdue"]
    report.months = [MonthRow(m, *by_month[m]) for m in window]
    report.officers = sorted(
        (
            OfficerRow(name, row[0], row[1], _median(row[2]), row[3], row[4])
            for name, row in per_officer.items()
        ),
        key=lambda o: (-o.overdue_now, o.officer),
    )
    report.median_days = _median(all_days)

    def counted(model: Any, *fields: str) -> list[dict[str, Any]]:
        rows = model.objects.for_council(council).values(*fields).annotate(n=Count("pk"))
        return list(rows.order_by())

    requests = _by(counted(AccessRequest, "status"), "status")
    report.requests = [(label, requests[value]) for value, label in AccessRequest.Status.choices]
    disputes = _by(counted(AccessDispute, "status"), "status")
    report.disputes = [(label, disputes[value]) for value, label in AccessDispute.Status.choices]
    concerns = {(r["stage"], r["status"]): r["n"] for r in counted(Concern, "stage", "status")}
    status_labels = dict(Concern.Status.choices)
    report.concerns = [
        (STAGE_LABELS.get(stage, stage), status_labels.get(status, status), n)
        for (stage, status), n in sorted(concerns.items())
    ]
    releases = _by(counted(PressRelease, "status"), "status")
    report.releases = [(label, releases[value]) for value, label in PressRelease.Status.choices]
    return report
