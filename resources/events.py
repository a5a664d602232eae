"""Who sees which event, and the calendar's shapes (list, month). Plain functions: the views,
the feeds and the member space call them.

Audiences: public events are for everyone; members' events (Prorencontres, Intervisions) for
members whose membership is current today (Europe/Paris, checked on every request, as for
the library), editors, the commission and superusers; the commission's meetings for the
commission, editors and superusers."""

import calendar
import datetime
import zoneinfo

from django.conf import settings

from django.db.models import Q
from django.utils import timezone

from accounts import roles


def default_audience(kind):
    from resources.models import Event

    return {
        Event.Kind.COMMISSION: Event.Audience.COMMISSION,
        Event.Kind.PRORENCONTRE: Event.Audience.MEMBERS,
        Event.Kind.INTERVISION: Event.Audience.MEMBERS,
    }.get(kind, Event.Audience.PUBLIC)


def audiences_for(user, today=None):
    """The audiences whose events `user` may see today."""
    from resources.access import can_read_library
    from resources.models import Event

    audiences = {Event.Audience.PUBLIC}
    if user is None or not user.is_authenticated or not user.is_active:
        return audiences
    if can_read_library(user, today):  # a current member, an editor, the commission
        audiences.add(Event.Audience.MEMBERS)
    if user.is_superuser or user.groups.filter(name__in=[roles.COMMISSION, roles.EDITORS]).exists():
        audiences.add(Event.Audience.COMMISSION)
    return audiences


def can_see(user, event, today=None):
    return event.audience in audiences_for(user, today)


def is_staff(user):
    """Who runs the events (editors, superusers): every list of registrants, every attendance."""
    return user.is_authenticated and user.has_perm("resources.view_registration")


def can_manage_attendance(user, event):
    """The editors; or a facilitator of the event who is a member whose membership is
    current today (a lapsed facilitator no longer sees the registrants)."""
    from resources.access import can_read_library

    if not user.is_authenticated or not user.is_active:
        return False
    if is_staff(user):
        return True
    return (
        event.facilitators.filter(pk=user.pk).exists() and can_read_library(user) and can_see(user, event)
    )


def upcoming(events, now=None):
    """Events not yet over, soonest first."""
    now = now or timezone.now()
    return events.filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=now - datetime.timedelta(hours=3))).order_by(
        "start"
    )


def month_bounds(year, month):
    """The month's first and last instants, in the site's time zone."""
    zone = timezone.get_current_timezone()
    first = datetime.datetime(year, month, 1, tzinfo=zone)
    following = datetime.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=zone)
    return first, following


def month_weeks(year, month, events):
    """The month as weeks of days (Monday first), each day with its events: a list of weeks,
    each a list of (date or None, [events])."""
    by_day = {}
    for event in events:
        by_day.setdefault(timezone.localtime(event.start).date(), []).append(event)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([(day if day.month == month else None, by_day.get(day, []) if day.month == month else [])
                      for day in week])
    return weeks


FEED_HISTORY_DAYS = 60
FEED_FUTURE_DAYS = 366


def feed_window(events, now=None):
    """The events a calendar feed carries, in order: from FEED_HISTORY_DAYS days ago to a
    year ahead (calendar apps fetch feeds every hour: they stay small)."""
    now = now or timezone.now()
    return events.filter(
        start__gte=now - datetime.timedelta(days=FEED_HISTORY_DAYS),
        start__lt=now + datetime.timedelta(days=FEED_FUTURE_DAYS),
    ).order_by("start", "pk")


def kinds_for(audiences):
    """The kinds of event whose usual audience is among `audiences` (the calendar's filter)."""
    from resources.models import Event

    return [(value, label) for value, label in Event.Kind.choices if default_audience(value) in audiences]


# --- Series ---------------------------------------------------------------------------------

def occurrence_starts(start, frequency, count):
    """The start of `count` occurrences from `start` (included), same wall-clock time in
    Paris whatever the daylight saving time. Monthly: the same weekday of the same week of
    the month (the second Tuesday), the last one when the month has no fifth."""
    from resources.models import EventSeries

    # Paris, whatever time zone an editor chose for the admin.
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    naive = timezone.localtime(start, zone).replace(tzinfo=None)
    starts = []
    for index in range(count):
        if frequency == EventSeries.Frequency.WEEKLY:
            moment = naive + datetime.timedelta(weeks=index)
        elif frequency == EventSeries.Frequency.FORTNIGHTLY:
            moment = naive + datetime.timedelta(weeks=2 * index)
        else:
            moment = _same_weekday_of_month(naive, index)
        starts.append(timezone.make_aware(moment, zone))
    return starts


def _same_weekday_of_month(naive, months_later):
    week = (naive.day - 1) // 7
    month_index = naive.month - 1 + months_later
    year, month = naive.year + month_index // 12, month_index % 12 + 1
    days = [day for day in calendar.Calendar().itermonthdates(year, month)
            if day.month == month and day.weekday() == naive.weekday()]
    day = days[min(week, len(days) - 1)]
    return datetime.datetime.combine(day, naive.time())


def repeat(event, frequency, count):
    """Make `event` the first of a series of `count` occurrences: each a copy (same kind,
    title, description, duration, venue, audience, places, facilitators, resource) at its
    own date. Returns the series."""
    from resources.models import Event, EventSeries

    series = EventSeries.objects.create(title=event.title, frequency=frequency)
    event.series = series
    event.save(update_fields=["series"])
    duration = (event.end - event.start) if event.end else None
    facilitators = list(event.facilitators.all())
    for start in occurrence_starts(event.start, frequency, count)[1:]:
        copy = Event.objects.create(
            kind=event.kind, title=event.title, description=event.description, start=start,
            end=start + duration if duration is not None else None, venue=event.venue, audience=event.audience,
            capacity=event.capacity, registration_open=event.registration_open, resource=event.resource,
            series=series,
        )
        copy.facilitators.set(facilitators)
    return series
