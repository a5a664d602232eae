"""iCalendar (RFC 5545) written by hand: the calendar's feeds and each event's .ics.

Times are written in UTC (DTSTART:20260314T093000Z), so no VTIMEZONE is needed; calendar
apps show them in their own time zone. Text values are escaped (backslash, semicolon,
comma, newline), lines folded at 75 octets without cutting a UTF-8 character, and every
line ends with CRLF.

Only the event's public description goes out: never a registrant, an attendee, a
facilitator or a synthesis."""

import datetime
import re

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Parentescence//Agenda//FR"
DEFAULT_DURATION = datetime.timedelta(hours=2)
LINE_OCTETS = 75
CRLF = "\r\n"

# Control characters are not allowed in TEXT values (HTAB is, but is replaced too).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_text(value):
    """A TEXT value (RFC 5545 §3.3.11)."""
    value = CONTROL.sub("", str(value or "")).replace("\t", " ")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def format_utc(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def fold(line):
    """`line` folded into lines of at most 75 octets (continuations start with a space),
    never inside a UTF-8 character. Returns the physical lines."""
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return [line]  # most lines: nothing to fold
    lines = []
    current, size, limit = [], 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            lines.append("".join(current))
            current, size, limit = [" "], 1, LINE_OCTETS
        current.append(char)
        size += octets
    lines.append("".join(current))
    return lines


def content_line(name, value, escape=True):
    return fold(f"{name}:{escape_text(value) if escape else value}")


def event_end(event):
    return event.end or event.start + DEFAULT_DURATION


def vevent(event, url, hostname, stamp):
    """The VEVENT of `event` as logical lines (name, value, escape)."""
    from resources.models import Event

    description = "\n\n".join(part for part in (event.description.strip(), url) if part)
    lines = [
        ("UID", f"event-{event.pk}@{hostname}", False),
        ("DTSTAMP", format_utc(stamp), False),
        ("DTSTART", format_utc(event.start), False),
        ("DTEND", format_utc(event_end(event)), False),
        ("SUMMARY", event.title, True),
    ]
    if event.venue_id and event.venue is not None:
        location = ", ".join(part for part in (event.venue.name, event.venue.full_address) if part)
        lines.append(("LOCATION", location, True))
    lines += [
        ("DESCRIPTION", description, True),
        ("URL", url.replace("\r", "").replace("\n", ""), False) if url else None,
        ("CATEGORIES", event.get_kind_display(), True),
        ("CLASS", "PUBLIC" if event.audience == Event.Audience.PUBLIC else "PRIVATE", False),
        ("STATUS", "CONFIRMED", False),
        ("TRANSP", "OPAQUE", False),
    ]
    return [("BEGIN", "VEVENT", False), *[line for line in lines if line], ("END", "VEVENT", False)]


def calendar(events, name, url_for, hostname, now=None):
    """A VCALENDAR of `events` as text. `url_for(event)` gives each event's absolute URL."""
    stamp = now or timezone.now()
    logical = [
        ("BEGIN", "VCALENDAR", False),
        ("PRODID", PRODID, False),
        ("VERSION", "2.0", False),
        ("CALSCALE", "GREGORIAN", False),
        ("METHOD", "PUBLISH", False),
        ("X-WR-CALNAME", name, True),
        ("X-WR-TIMEZONE", "Europe/Paris", False),
        ("REFRESH-INTERVAL;VALUE=DURATION", "PT1H", False),
        ("X-PUBLISHED-TTL", "PT1H", False),
    ]
    for event in events:
        logical += vevent(event, url_for(event), hostname, stamp)
    logical.append(("END", "VCALENDAR", False))
    physical = []
    for line_name, value, escape in logical:
        physical += content_line(line_name, value, escape)
    return CRLF.join(physical) + CRLF


def response(text, filename=None):
    """An iCalendar response; a download (attachment) when `filename` is given."""
    result = HttpResponse(text.encode("utf-8"), content_type=CONTENT_TYPE)
    if filename:
        result["Content-Disposition"] = content_disposition_header(True, filename)
    return result


def filename_for(event):
    day = timezone.localtime(event.start).date().isoformat()
    return f"{slugify(event.title)[:60] or 'evenement'}-{day}.ics"
