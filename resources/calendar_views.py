"""The calendar on the site ("Agenda", resources.models.EventCalendarPage): upcoming events
in a list and a month grid, the public and private iCalendar feeds, each event's .ics.

Everyone sees public events; current members also the network's meetings, the commission
its meetings (resources.events.audiences_for, decided on every request). Responses that may
carry a non-public event are never cached (resources.access.private). An event the visitor
may not see is a 404, never a log-in redirect, so its title does not leak."""

import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from home.models import SiteSettings
from home.seo import canonical_url
from resources import calendar as calendar_rules, ical
from resources.access import private
from resources.events import audiences_for, feed_window, kinds_for, month_bounds, month_weeks, upcoming
from resources.models import Event

PER_PAGE = 20
FIRST_YEAR = 2000
YEARS_AHEAD = 5


def event_full_url(page, event, request=None):
    return (page.get_full_url(request) or "") + page.reverse_subpage("event", args=[event.pk])


def month_url(page, year, month, request=None):
    return page.get_url(request) + page.reverse_subpage("month", kwargs={"year": year, "month": month})


def chosen_kind(request, audiences):
    """The kind asked for in ?type=, if it is one the visitor may see; unknown values are ignored."""
    kind = request.GET.get("type", "")
    return kind if kind in dict(kinds_for(audiences)) else ""


def with_places(events):
    """Each event with `free_places` (None: no limit or no registration here), in one query
    for the whole page."""
    from django.db.models import Sum

    from resources.models import Registration

    limited = [event.pk for event in events if event.registration_open and event.capacity is not None]
    taken = {
        row["event_id"]: (row["adults"] or 0) + (row["children"] or 0)
        for row in Registration.objects.filter(event_id__in=limited, status=Registration.Status.CONFIRMED)
        .values("event_id").annotate(adults=Sum("adults"), children=Sum("children"))
    }
    for event in events:
        event.free_places = max(event.capacity - taken.get(event.pk, 0), 0) if event.pk in limited else None
    return events


def respond(request, template, context, shown):
    """A calendar page; private when the visitor is logged in (their own links, members' events)
    or when any event shown is not public."""
    response = TemplateResponse(request, template, context)
    if request.user.is_authenticated or any(event.audience != Event.Audience.PUBLIC for event in shown):
        private(response)
    return response


def common_context(request, page, audiences, kind):
    today = timezone.localdate()
    return {
        "page": page,
        "kind": kind,
        "kinds": kinds_for(audiences),
        "querystring": urlencode({"type": kind}) if kind else "",
        "public_feed_url": calendar_rules.public_feed_url(page),
        "public_feed_webcal": calendar_rules.webcal(calendar_rules.public_feed_url(page)),
        "this_month_url": month_url(page, today.year, today.month, request),
        "members_events": Event.Audience.MEMBERS in audiences,
        "commission_events": Event.Audience.COMMISSION in audiences,
    }


def event_list(request, page):
    audiences = audiences_for(request.user)
    kind = chosen_kind(request, audiences)
    events = upcoming(Event.objects.filter(audience__in=audiences)).select_related("venue")
    if kind:
        events = events.filter(kind=kind)
    shown = Paginator(events.order_by("start", "pk"), PER_PAGE).get_page(request.GET.get("page"))
    shown.object_list = with_places(list(shown.object_list))
    context = {
        **common_context(request, page, audiences, kind),
        "events": shown,
        # A kind chosen points to the whole calendar; the calendar's page N to itself.
        "canonical_url": canonical_url(request, None if kind else shown.number),
    }
    return respond(request, "resources/event_calendar_page.html", context, shown.object_list)


def valid_month(year, month):
    last_year = timezone.localdate().year + YEARS_AHEAD
    return FIRST_YEAR <= year <= last_year and 1 <= month <= 12


def shifted(year, month, delta):
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month(request, page, year, month):
    if not valid_month(year, month):
        raise Http404
    audiences = audiences_for(request.user)
    kind = chosen_kind(request, audiences)
    first, following = month_bounds(year, month)
    events = Event.objects.filter(audience__in=audiences, start__gte=first, start__lt=following)
    if kind:
        events = events.filter(kind=kind)
    events = with_places(list(events.select_related("venue").order_by("start", "pk")))
    common = common_context(request, page, audiences, kind)
    suffix = f"?{common['querystring']}" if common["querystring"] else ""
    links = {}
    for name, delta in (("previous", -1), ("next", 1)):
        other = shifted(year, month, delta)
        if valid_month(*other):
            links[name] = {"url": month_url(page, *other, request) + suffix,
                           "label": datetime.date(other[0], other[1], 1)}
    context = {
        **common,
        "month_start": datetime.date(year, month, 1),
        "weeks": month_weeks(year, month, events),
        "weekdays": [datetime.date(2024, 1, day) for day in range(1, 8)],  # 1 January 2024 was a Monday
        "today": timezone.localdate(),
        "events": events,
        "previous": links.get("previous"),
        "next": links.get("next"),
    }
    return respond(request, "resources/event_month.html", context, events)


# iCalendar ---------------------------------------------------------------------------------


def hostname(request, page):
    site = page.get_site()
    return site.hostname if site is not None and site.hostname else request.get_host().split(":")[0]


def organisation_name(request):
    from wagtail.models import Site


    site = Site.find_for_request(request)
    return SiteSettings.for_site(site).organisation_name if site is not None else "Parentescence"


def feed(request, page, events, name):
    events = events.select_related("venue")
    text = ical.calendar(
        events,
        name=name,
        url_for=lambda event: event_full_url(page, event, request),
        hostname=hostname(request, page),
    )
    return text


def public_feed(request, page):
    events = feed_window(Event.objects.filter(audience=Event.Audience.PUBLIC))
    name = f"{organisation_name(request)} — {page.title}"
    response = ical.response(feed(request, page, events, name))
    response["Cache-Control"] = "public, max-age=900"
    return response


def private_feed(request, page, token):
    user = calendar_rules.user_for_token(token)
    if user is None:
        raise Http404
    events = feed_window(Event.objects.filter(audience__in=audiences_for(user)))
    name = _("%(organisation)s — %(calendar)s (personnel)") % {
        "organisation": organisation_name(request), "calendar": page.title}
    response = private(ical.response(feed(request, page, events, name)))
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def event_ics(request, page, pk):
    event = Event.objects.select_related("venue").filter(pk=pk, audience__in=audiences_for(request.user)).first()
    if event is None:
        raise Http404
    name = f"{organisation_name(request)} — {event.title}"
    text = ical.calendar([event], name=name, url_for=lambda item: event_full_url(page, item, request),
                         hostname=hostname(request, page))
    response = ical.response(text, filename=ical.filename_for(event))
    if event.audience != Event.Audience.PUBLIC:
        private(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
