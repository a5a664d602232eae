"""The board's and funders' figures: members by profession, members over time, joins,
renewals and lapses, applications, fees collected. Counts and sums only: nothing here
names a person.

Definitions (all dates are local dates, Europe/Paris; nothing after `today` is counted):

- A person **is a member on a day** when one of their membership periods
  (`network.Membership`, whatever its source: acceptance, payment, import) covers it, both
  ends included.
- **Members over time**: the members at the end of each month of the chosen year; for the
  current month, today. Months after the current one are left out.
- **Members by profession**: the members at the end of the chosen year (today for the
  current year), by the profession on their directory profile (`MemberProfilePage.profession`,
  the main one, which the member keeps up to date); for a member without a profile, the
  profession of their accepted application (`Application.member`), or the one given when
  they were imported from the former register (`Membership.profession`); otherwise "not given".
- A **join** in a month: a person's first-ever membership period starts in it. The 30-day
  period opened on acceptance is replaced by the first payment's year, which starts on the
  payment day: the join then moves to that day's month.
- A **renewal** in a month: a period starts in it for someone who had an earlier period
  (paid before the end, it starts the day after the previous end; after a lapse, on the
  payment day).
- A **lapse** in a month: a period ends and the day after its end falls in that month (and
  is not after today) while no period covers that day. A renewal after a lapse counts the
  lapse, then a renewal.
- **Applications**: received by month of `submitted_at`; accepted and rejected by month of
  `decided_at`; the median decision time is the median number of calendar days from
  submission to decision of the applications decided (accepted or rejected) in the year.
  Rejected applications are erased after the retention period
  (`NETWORK_APPLICATION_RETENTION_DAYS`): older years then count fewer of them.
- **Fees collected**: the sum of `Payment.amount` (cancelled payments left out) by year of `paid_on` (every year), and by
  month for the chosen year.

The computations are plain functions over rows (dicts as `.values()` returns them), so they
are tested without the database; `board_report()` runs a handful of bounded queries and
puts them together.
"""

import calendar
import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Application, MemberProfilePage, Membership, Profession

NO_PROFESSION = _("Profession non renseignée")


def months_of(year, today):
    """The first days of the months of `year` that have begun by `today`."""
    return [datetime.date(year, month, 1) for month in range(1, 13) if datetime.date(year, month, 1) <= today]


def month_end(first_day):
    return first_day.replace(day=calendar.monthrange(first_day.year, first_day.month)[1])


def as_of_date(year, today):
    """The day the year's standing figures are taken: 31 December, or today for the current year."""
    return min(datetime.date(year, 12, 31), today)


def _by_user(periods):
    grouped = defaultdict(list)
    for period in periods:
        grouped[period["user_id"]].append(period)
    for user_periods in grouped.values():
        user_periods.sort(key=lambda p: (p["start_date"], p["end_date"]))
    return grouped


def _covered(user_periods, day):
    return any(p["start_date"] <= day <= p["end_date"] for p in user_periods)


def members_on(periods, day):
    """The ids of the people who are members on `day`."""
    return {p["user_id"] for p in periods if p["start_date"] <= day <= p["end_date"]}


def members_over_time(periods, year, today):
    """[(day, number of members that day)] for the end of each month of `year` (today for the current month)."""
    return [(day, len(members_on(periods, day))) for day in (min(month_end(m), today) for m in months_of(year, today))]


def movements(periods, year, today):
    """[{"month", "joins", "renewals", "lapses"}] for each month of `year` up to today."""
    months = months_of(year, today)
    counts = {m: {"month": m, "joins": 0, "renewals": 0, "lapses": 0} for m in months}

    def bucket(day):
        if day.year != year or day > today:
            return None
        return counts.get(day.replace(day=1))

    for user_periods in _by_user(periods).values():
        for index, period in enumerate(user_periods):
            started = bucket(period["start_date"])
            if started is not None:
                started["joins" if index == 0 else "renewals"] += 1
            day_after = period["end_date"] + datetime.timedelta(days=1)
            ended = bucket(day_after)
            if ended is not None and not _covered(user_periods, day_after):
                ended["lapses"] += 1
    return [counts[m] for m in months]


def _local_date(moment):
    if timezone.is_aware(moment):
        return timezone.localdate(moment)
    return moment.date()


def applications_by_month(applications, year, today, accepted, rejected):
    """[{"month", "received", "accepted", "rejected"}] for each month of `year` up to today.
    `applications` are rows with submitted_at, decided_at and status; `accepted` and
    `rejected` are the status values of the two decisions."""
    months = months_of(year, today)
    counts = {m: {"month": m, "received": 0, "accepted": 0, "rejected": 0} for m in months}
    for application in applications:
        submitted = _local_date(application["submitted_at"]).replace(day=1)
        if submitted in counts:
            counts[submitted]["received"] += 1
        if application["decided_at"] is None:
            continue
        decided = _local_date(application["decided_at"]).replace(day=1)
        if decided in counts:
            if application["status"] == accepted:
                counts[decided]["accepted"] += 1
            elif application["status"] == rejected:
                counts[decided]["rejected"] += 1
    return [counts[m] for m in months]


def decision_days(applications, year, decided_statuses):
    """Calendar days from submission to decision of the applications decided in `year`."""
    days = []
    for application in applications:
        if application["decided_at"] is None or application["status"] not in decided_statuses:
            continue
        decided = _local_date(application["decided_at"])
        if decided.year == year:
            days.append((decided - _local_date(application["submitted_at"])).days)
    return days


def median_or_none(values):
    return statistics.median(values) if values else None


def fees_by_year(payments):
    """[(year, total)] for every year with a payment, oldest first."""
    totals = defaultdict(Decimal)
    for payment in payments:
        totals[payment["paid_on"].year] += payment["amount"]
    return sorted(totals.items())


def fees_by_month(payments, year, today):
    """[(first day of month, total)] for each month of `year` up to today."""
    totals = {m: Decimal("0") for m in months_of(year, today)}
    for payment in payments:
        month = payment["paid_on"].replace(day=1)
        if month in totals:
            totals[month] += payment["amount"]
    return sorted(totals.items())


def members_by_profession(member_ids, profile_rows, application_rows, labels, imported_rows=()):
    """[(profession label, number of members)], most represented first.

    `profile_rows` and `application_rows` are {"member_id", "profession_id"} rows (profiles
    first by their own order: the first one of a member wins, e.g. over its translations);
    `labels` maps profession ids to their names. `imported_rows` (the profession given when a
    member was imported from the former register) count last."""
    profession_of = {}
    for row in application_rows:
        profession_of.setdefault(row["member_id"], row["profession_id"])
    for row in imported_rows:
        profession_of.setdefault(row["member_id"], row["profession_id"])
    from_profile = {}
    for row in profile_rows:
        from_profile.setdefault(row["member_id"], row["profession_id"])
    profession_of.update(from_profile)
    counts = defaultdict(int)
    for member_id in member_ids:
        profession_id = profession_of.get(member_id)
        counts[str(labels[profession_id]) if profession_id in labels else str(NO_PROFESSION)] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@dataclass
class BoardReport:
    year: int
    today: datetime.date
    as_of: datetime.date
    professions: list = field(default_factory=list)
    members_over_time: list = field(default_factory=list)
    movements: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    decisions: int = 0
    median_decision_days: float | None = None
    fees_by_year: list = field(default_factory=list)
    fees_by_month: list = field(default_factory=list)

    @property
    def members(self):
        return sum(count for _label, count in self.professions)

    @property
    def professions_represented(self):
        return sum(1 for label, _count in self.professions if label != str(NO_PROFESSION))

    @property
    def totals(self):
        return {
            "joins": sum(m["joins"] for m in self.movements),
            "renewals": sum(m["renewals"] for m in self.movements),
            "lapses": sum(m["lapses"] for m in self.movements),
            "received": sum(m["received"] for m in self.applications),
            "accepted": sum(m["accepted"] for m in self.applications),
            "rejected": sum(m["rejected"] for m in self.applications),
            "fees": sum((total for _m, total in self.fees_by_month), Decimal("0")),
        }


def report_years(today=None):
    """The years that can be reported on: from the earliest membership, payment or
    application to the current year, most recent first."""
    from django.db.models import Min

    from fees.models import Payment

    today = today or timezone.localdate()
    earliest = [
        Membership.objects.aggregate(first=Min("start_date"))["first"],
        Payment.objects.aggregate(first=Min("paid_on"))["first"],
    ]
    first_application = Application.objects.aggregate(first=Min("submitted_at"))["first"]
    if first_application is not None:
        earliest.append(_local_date(first_application))
    first_year = min([d.year for d in earliest if d is not None] + [today.year])
    return list(range(today.year, first_year - 1, -1))


def board_report(year, today=None):
    """The figures of `year` (a few queries over whole tables, aggregated here)."""
    from django.db.models import Q

    from fees.models import Payment

    today = today or timezone.localdate()
    report = BoardReport(year=year, today=today, as_of=as_of_date(year, today))

    periods = list(Membership.objects.filter(start_date__lte=today).values("user_id", "start_date", "end_date"))
    report.members_over_time = members_over_time(periods, year, today)
    report.movements = movements(periods, year, today)

    member_ids = members_on(periods, report.as_of)
    # Whole tables rather than a long `IN (...)` list of ids: a few thousand rows at most.
    profiles = MemberProfilePage.objects.filter(member__isnull=False).order_by("pk").values(
        "member_id", "profession_id"
    )
    accepted = Application.objects.filter(member__isnull=False, status=Application.Status.ACCEPTED).order_by(
        "-decided_at"
    ).values("member_id", "profession_id")
    labels = {p.pk: p.label for p in Profession.objects.all()}
    imported = (
        Membership.objects.exclude(profession=None)
        .order_by("-end_date")
        .annotate(member_id=F("user_id"))
        .values("member_id", "profession_id")
    )
    report.professions = members_by_profession(member_ids, profiles, accepted, labels, imported)

    applications = list(
        Application.objects.filter(Q(submitted_at__year=year) | Q(decided_at__year=year)).values(
            "submitted_at", "decided_at", "status"
        )
    )
    report.applications = applications_by_month(
        applications, year, today, Application.Status.ACCEPTED, Application.Status.REJECTED
    )
    days = decision_days(applications, year, {Application.Status.ACCEPTED, Application.Status.REJECTED})
    report.decisions = len(days)
    report.median_decision_days = median_or_none(days)

    payments = list(Payment.objects.filter(cancelled_at__isnull=True).values("paid_on", "amount"))
    report.fees_by_year = fees_by_year(payments)
    report.fees_by_month = fees_by_month(payments, year, today)
    return report
