"""Attendance figures of the events: the funders' report (families reached by the parent
discussion times and the parent–child workshops, the network's meetings) and members'
participation in the network's meetings (one of the commission's membership criteria).

Definitions:

- An event is **held** once it has started (`start` before now); events to come are not
  counted. Months and days are those of the site's time zone (Europe/Paris), whatever time
  zone the person looking at the report has chosen: an event at 23:30 on 31 January in
  Paris counts in January.
- An event's **participants**: its confirmed registrations marked present
  (`attended=True`), adults as parents and children as children, plus the people the
  facilitators counted as coming without registering (`walk_in_adults`,
  `walk_in_children`). Cancelled and waiting-list registrations never count, nor those
  marked absent or not marked yet.
- An event's **attendance is not recorded** while one of its confirmed registrations has
  not been marked (`attended` is None): its figures are then incomplete, and the report
  says how many such events each month has.
- For the network's meetings, **members present** are the confirmed registrations marked
  present (one person each); walk-ins are given apart.
- **Participation** of a member: the Prorencontres and Intervisions held for which their
  own confirmed registration is marked present, over the last twelve months (from the day
  after the same date a year earlier to today, both in Paris) and overall. The members
  listed are those whose membership is current today and anyone who has attended one.

Only the registrations' numbers and their event's kind and date are read: the personal
fields, blanked some days after the event, play no part, so the figures do not change
when they are erased. The computations are plain functions over rows (dicts as
`.values()` returns them), tested without the database; `attendance_report()` and
`participation()` run one or two bounded queries each.
"""

import datetime
import unicodedata
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone

from accounts import roles
from accounts.models import User
from network.models import Membership


def site_zone():
    """Europe/Paris: never the admin user's chosen time zone, which Wagtail activates."""
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_date(moment):
    return moment.astimezone(site_zone()).date()


def local_today(now=None):
    return local_date(now or timezone.now())


def year_bounds(year):
    """The year's first instant and the next year's, in Paris."""
    zone = site_zone()
    return datetime.datetime(year, 1, 1, tzinfo=zone), datetime.datetime(year + 1, 1, 1, tzinfo=zone)


def months_of(year, today):
    """The first days of the months of `year` that have begun by `today`."""
    return [datetime.date(year, month, 1) for month in range(1, 13) if datetime.date(year, month, 1) <= today]


def twelve_months_start(today):
    """The first day of "the last twelve months" ending `today`: the day after the same
    date a year earlier (1 March after a 29 February)."""
    try:
        year_before = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_before = today.replace(year=today.year - 1, day=28)
    return year_before + datetime.timedelta(days=1)


# --- Access -------------------------------------------------------------------------------

def _in_groups(user, names):
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=names).exists()


def can_view_attendance(user):
    """The funders' figures: editors (who run the events) and superusers. The commission
    has the members' participation instead; members see neither."""
    return _in_groups(user, [roles.EDITORS])


def can_view_participation(user):
    """Members' participation in the network's meetings: the commission (a membership
    criterion), editors and superusers."""
    return _in_groups(user, [roles.COMMISSION, roles.EDITORS])


# --- Attendance (the funders' figures) ------------------------------------------------------

@dataclass
class Figures:
    """What a set of events gathered."""

    events: int = 0
    adults: int = 0  # parents, for the families' actions: present registrants and walk-ins
    children: int = 0
    members: int = 0  # network meetings: registrations marked present
    walk_ins: int = 0  # people counted without registration (adults and children)
    unrecorded: int = 0  # events whose attendance is not fully recorded

    @property
    def total(self):
        return self.adults + self.children

    def add(self, other):
        for name in ("events", "adults", "children", "members", "walk_ins", "unrecorded"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


def event_figures(row):
    """One event's figures from its row (see `event_rows`)."""
    walk_in_adults = row["walk_in_adults"] or 0
    walk_in_children = row["walk_in_children"] or 0
    return Figures(
        events=1,
        adults=(row["present_adults"] or 0) + walk_in_adults,
        children=(row["present_children"] or 0) + walk_in_children,
        members=row["present_registrations"] or 0,
        walk_ins=walk_in_adults + walk_in_children,
        unrecorded=1 if row["unmarked_registrations"] else 0,
    )


def event_rows(start, end, kinds, now):
    """One row per event of `kinds` held between `start` (included) and `end` (excluded)
    and before `now`: kind, start, walk-ins and its confirmed registrations' sums."""
    from resources.models import Event, Registration

    confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
    present = confirmed & Q(registrations__attended=True)
    return list(
        Event.objects.filter(kind__in=kinds, start__gte=start, start__lt=end, start__lte=now)
        .order_by()
        .annotate(
            present_adults=Sum("registrations__adults", filter=present),
            present_children=Sum("registrations__children", filter=present),
            present_registrations=Count("registrations", filter=present),
            unmarked_registrations=Count("registrations", filter=confirmed & Q(registrations__attended__isnull=True)),
        )
        .values(
            "kind", "start", "walk_in_adults", "walk_in_children",
            "present_adults", "present_children", "present_registrations", "unmarked_registrations",
        )
    )


@dataclass
class AttendanceReport:
    year: int
    today: datetime.date
    months: list
    kinds: tuple
    # {kind: {first day of month: Figures}} and {kind: Figures}
    by_month: dict = field(default_factory=dict)
    totals: dict = field(default_factory=dict)

    def monthly(self, kind):
        """[(first day of month, Figures)] for every month of the report."""
        return [(month, self.by_month[kind][month]) for month in self.months]

    def total_of(self, kinds):
        total = Figures()
        for kind in kinds:
            total.add(self.totals[kind])
        return total


def summarise(rows, year, today, kinds):
    """The report of `year` from event rows: figures per kind and month (Paris), and per kind
    for the year. Months after `today`'s are left out."""
    months = months_of(year, today)
    report = AttendanceReport(year=year, today=today, months=months, kinds=tuple(kinds))
    for kind in kinds:
        report.by_month[kind] = {month: Figures() for month in months}
        report.totals[kind] = Figures()
    for row in rows:
        if row["kind"] not in report.by_month:
            continue
        day = local_date(row["start"])
        if day.year != year:
            continue
        month = day.replace(day=1)
        figures = event_figures(row)
        report.by_month[row["kind"]].setdefault(month, Figures()).add(figures)
        report.totals[row["kind"]].add(figures)
    return report


def reported_kinds():
    from resources.models import Event

    return tuple(Event.FAMILY_KINDS) + tuple(Event.NETWORK_KINDS)


def attendance_report(year, now=None):
    """The figures of the families' actions and of the network's meetings held in `year`."""
    now = now or timezone.now()
    kinds = reported_kinds()
    start, end = year_bounds(year)
    return summarise(event_rows(start, end, kinds, now), year, local_today(now), kinds)


def report_years(now=None):
    """From the year of the first event held to the current year, most recent first."""
    from django.db.models import Min

    from resources.models import Event

    now = now or timezone.now()
    current = local_today(now).year
    first = Event.objects.filter(kind__in=reported_kinds(), start__lte=now).aggregate(first=Min("start"))["first"]
    first_year = min(local_date(first).year, current) if first else current
    return list(range(current, first_year - 1, -1))


# --- Participation in the network's meetings (the commission's criterion) -------------------

@dataclass
class MemberParticipation:
    user_id: int
    name: str
    sort_name: tuple
    current_member: bool
    recent: dict = field(default_factory=dict)  # {kind: count} over the last twelve months
    overall: dict = field(default_factory=dict)  # {kind: count}
    last_meeting: datetime.date = None

    @property
    def recent_total(self):
        return sum(self.recent.values())

    @property
    def overall_total(self):
        return sum(self.overall.values())


def display_name(user):
    return user.get_full_name().strip() or user.username


def sort_name(user):
    """Last name, first name, without case or accents (Émilie with the E's)."""
    def plain(text):
        return "".join(c for c in unicodedata.normalize("NFKD", text or "") if not unicodedata.combining(c)).casefold()

    return (plain(user.last_name) or plain(user.username), plain(user.first_name), user.username)


def tally(attendances, today, kinds):
    """{user_id: (recent {kind: n}, overall {kind: n}, last date)} from rows of user_id,
    event__kind and event__start (meetings attended)."""
    since = twelve_months_start(today)
    result = {}
    for row in attendances:
        recent, overall, last = result.setdefault(row["user_id"], ({k: 0 for k in kinds}, {k: 0 for k in kinds}, None))
        day = local_date(row["event__start"])
        if day > today or row["event__kind"] not in overall:
            continue
        overall[row["event__kind"]] += 1
        if day >= since:
            recent[row["event__kind"]] += 1
        result[row["user_id"]] = (recent, overall, day if last is None or day > last else last)
    return result


def attended_meetings(now):
    """Confirmed registrations of members marked present at a network meeting held."""
    from resources.models import Event, Registration

    return Registration.objects.filter(
        status=Registration.Status.CONFIRMED, attended=True, user__isnull=False,
        event__kind__in=Event.NETWORK_KINDS, event__start__lte=now,
    )


def participation(now=None):
    """Every member whose membership is current today or who has attended a network meeting,
    with their meetings, sorted by name."""
    from resources.models import Event

    now = now or timezone.now()
    today = local_today(now)
    kinds = tuple(Event.NETWORK_KINDS)
    counts = tally(attended_meetings(now).values("user_id", "event__kind", "event__start"), today, kinds)
    current = set(Membership.objects.current(today).values_list("user_id", flat=True))
    people = User.objects.filter(pk__in=current | set(counts)).only("username", "first_name", "last_name")
    rows = []
    for user in people:
        recent, overall, last = counts.get(user.pk, ({k: 0 for k in kinds}, {k: 0 for k in kinds}, None))
        rows.append(MemberParticipation(
            user_id=user.pk, name=display_name(user), sort_name=sort_name(user), current_member=user.pk in current,
            recent=recent, overall=overall, last_meeting=last,
        ))
    return sort_participation(rows, "name")


SORTS = ("name", "recent", "overall", "last")


def sort_participation(rows, key):
    """By name; or the most meetings over twelve months, overall, the most recent meeting
    first (ties by name; never-attended last)."""
    rows = sorted(rows, key=lambda r: r.sort_name)
    if key == "recent":
        rows.sort(key=lambda r: -r.recent_total)
    elif key == "overall":
        rows.sort(key=lambda r: -r.overall_total)
    elif key == "last":
        rows.sort(key=lambda r: r.last_meeting or datetime.date.min, reverse=True)  # stable: ties by name
    return rows


def is_listed(user, now=None):
    """Whether `user` is in the participation table (current membership or a meeting attended)."""

    now = now or timezone.now()
    return (Membership.objects.held_by(user, local_today(now))
            or attended_meetings(now).filter(user=user).exists())


def meetings_of(user, now=None):
    """The network meetings `user` attended, most recent first: [(local date, event)]."""
    now = now or timezone.now()
    registrations = attended_meetings(now).filter(user=user).select_related("event").order_by("-event__start")
    return [(local_date(r.event.start), r.event) for r in registrations]
