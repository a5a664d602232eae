"""What search engines and link previews read of an event page: its title, description and
schema.org `Event` (home/seo.py, templates/includes/meta.html). Public events only: a
members' or the commission's event says nothing to them, not even its title."""

from django.conf import settings
from django.utils import formats, timezone

from home import seo
from home.sitemaps import alternates

SCHEMA = "https://schema.org/"


def is_public(event):
    from resources.models import Event

    return event.audience == Event.Audience.PUBLIC


def paris_iso(moment):
    """An instant as ISO 8601 with its offset in the site's time zone (2026-03-10T18:30:00+01:00)."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def description(event):
    """The event's presentation, else what it is and when ("Atelier parents-enfants, mardi
    10 mars 2026")."""
    if seo.plain_text(event.description):
        return event.description
    day = formats.date_format(timezone.localtime(event.start), "l j F Y")
    return f"{event.get_kind_display()}, {day}"


def event_json_ld(request, event, url, places_left=None, now=None):
    """schema.org `Event` of a public event (None for any other)."""
    if not is_public(event):
        return None
    from resources import registrations

    now = now or timezone.now()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": seo.shorten(description(event), 500),
        "url": url,
        "image": [seo.default_image_url(request)],
        "startDate": paris_iso(event.start),
        # Events are deleted, not cancelled or moved, in this model: a published one is on.
        "eventStatus": SCHEMA + "EventScheduled",
        "organizer": seo.organizer(request),
        "inLanguage": settings.LANGUAGE_CODE,
    }
    if event.end:  # an end is optional: none is made up
        data["endDate"] = paris_iso(event.end)
    if event.venue_id:
        venue = event.venue
        address = {"@type": "PostalAddress", "addressCountry": "FR"}
        for key, value in (("streetAddress", venue.address), ("postalCode", venue.postcode),
                           ("addressLocality", venue.commune)):
            if value:
                address[key] = value
        data["eventAttendanceMode"] = SCHEMA + "OfflineEventAttendanceMode"
        data["location"] = {"@type": "Place", "name": venue.name, "address": address}
    if event.is_family_event:
        # Families register for free, without an account (event_page.html).
        data["isAccessibleForFree"] = True
        offer = {"@type": "Offer", "price": "0", "priceCurrency": "EUR", "url": url}
        if registrations.is_open(event, now):
            offer["availability"] = SCHEMA + ("SoldOut" if places_left == 0 else "InStock")
            offer["validThrough"] = paris_iso(event.start)
        data["offers"] = offer
    return data


def event_meta(request, event, url, places_left=None):
    """The context an event page gives templates/includes/meta.html."""
    if not is_public(event):
        # Seen only by those it is for: not for search engines, and previews get the
        # site's tagline, not the event's presentation.
        return {"meta_title": event.title, "meta_robots": "noindex"}
    return {
        "meta_title": event.title,
        "meta_description": description(event),
        "json_ld": event_json_ld(request, event, url, places_left),
    }


def sitemap_entries(request, pages):
    """The sitemap's entries for upcoming public events (home/hooks.py's SITEMAP_ENTRIES):
    each event at its address under every language's calendar the sitemap lists, the
    calendars' versions as its alternates. Members' and the commission's events never."""
    from resources.events import upcoming
    from resources.models import Event, EventCalendarPage

    calendars = [
        page for page in pages.type(EventCalendarPage).select_related("locale").specific()
        if page.get_full_url(request)
    ]
    if not calendars:
        return []
    # One calendar per language (the first, in tree order, when a site had two).
    by_language = {}
    for page in sorted(calendars, key=lambda page: page.path):
        by_language.setdefault(page.locale.language_code, page)
    entries = []
    for event in upcoming(Event.objects.filter(audience=Event.Audience.PUBLIC)).only("pk"):
        versions = {
            code: page.get_full_url(request) + page.reverse_subpage("event", args=[event.pk])
            for code, page in by_language.items()
        }
        links = alternates(versions)
        entries += [{"location": url, "alternates": links} for url in versions.values()]
    return entries
