"""The calendar (resources.calendar_views: the list of upcoming events and the month view),
checked against a plain reference written from its rule.

The rule:
- Who sees what: public events for everyone; the network's meetings (audience "members")
  also for members whose membership is current today, the commission and editors; the
  commission's meetings for the commission and editors. Anonymous visitors, lapsed members and
  members without a membership see public events only. An event one may not see never shows.
- `type` (one value, the last given): one of the kinds offered to the visitor (those whose
  usual audience they may see: discussion times and workshops for everyone, Prorencontres and
  Intervisions for who sees the network's meetings, the commission's meetings for who sees
  those); anything else is ignored.
- The list: events not over yet (their end is now or later; without an end, their start is
  at most three hours ago), soonest first, then in order of creation; N per page (20; 4 in
  these tests), any page number gives a page (the first for nonsense, the last beyond either
  end). Its count is the number of such events.
- The month view (/mois/YYYY-MM/, from 2000 to five years ahead, else 404): the events whose
  start falls in that month in Paris time, soonest first, each on its Paris day.
- Places: an event with a number of places and registrations open shows the places left
  (places less the adults and children of confirmed registrations, never below 0), "Complet"
  at 0; other events show none.
"""

import datetime
import html
import math
import re
import zoneinfo
from urllib.parse import urlencode

import pytest
from django.test import RequestFactory
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from accounts.factories import UserFactory
from network.models import Membership
from resources import calendar_views
from resources.models import Event, Registration
from tests.properties import last, page_number, examples, rolled_back

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PER_PAGE = 4
KINDS = list(Event.Kind.values)
AUDIENCES = list(Event.Audience.values)
USUAL = {"discussion": "public", "workshop": "public", "prorencontre": "members", "intervision": "members",
         "commission": "commission"}
SEES = {
    "anonymous": {"public"}, "lapsed": {"public"}, "member": {"public"},
    "reader": {"public", "members"}, "commission": {"public", "members", "commission"},
    "editor": {"public", "members", "commission"},
}
MICRO = datetime.timedelta(microseconds=1)
HOUR = datetime.timedelta(hours=1)
# Absolute instants: 29 February, the edges of February and March 2028 in Paris time, the
# spring daylight saving change.
FEB_29 = datetime.datetime(2028, 2, 29, 0, 0, tzinfo=PARIS)
ABSOLUTE = [
    FEB_29, FEB_29 + datetime.timedelta(days=1) - MICRO, datetime.datetime(2028, 3, 1, tzinfo=PARIS),
    datetime.datetime(2028, 2, 1, tzinfo=PARIS), datetime.datetime(2028, 2, 1, tzinfo=PARIS) - MICRO,
    datetime.datetime(2028, 3, 26, 1, 30, tzinfo=datetime.timezone.utc),
]
# Relative to now: the three-hour rule for events without an end, and now itself.
RELATIVE = [-3 * HOUR - MICRO, -3 * HOUR, -3 * HOUR + MICRO, -MICRO, datetime.timedelta(0), MICRO,
            datetime.timedelta(days=1), datetime.timedelta(days=40), -datetime.timedelta(days=2)]
ENDS = ["none", "same", "two hours", "three days", "now"]

event = st.fixed_dictionaries({
    "kind": st.sampled_from(KINDS),
    "audience": st.one_of(st.just("usual"), st.sampled_from(AUDIENCES)),
    "start": st.one_of(st.sampled_from(RELATIVE), st.sampled_from(ABSOLUTE)),
    "end": st.sampled_from(ENDS),
    "capacity": st.one_of(st.none(), st.integers(1, 6)),
    "open": st.booleans(),
    "registrations": st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3),
                                        st.sampled_from(Registration.Status.values)), max_size=3),
})

kind_value = st.sampled_from(KINDS + ["", "inconnu", "WORKSHOP", "workshop\x00"])
param = st.one_of(
    st.tuples(st.just("type"), kind_value),
    st.tuples(st.just("page"), st.sampled_from(["1", "2", "3", "0", "-1", "", "x", "9" * 30])),
    st.tuples(st.sampled_from(["inconnu", "audience"]), st.sampled_from(["members", "commission", "\x00", ""])),
)
query = st.lists(param, max_size=5)
who = st.sampled_from(list(SEES))


@pytest.fixture
def people(db):
    today = timezone.localdate()
    year = datetime.timedelta(days=365)
    reader = UserFactory(username="reader", groups=["Members"])
    Membership.objects.create(user=reader, start_date=today - year, end_date=today)  # its last day
    lapsed = UserFactory(username="lapsed", groups=["Members"])
    Membership.objects.create(user=lapsed, start_date=today - year, end_date=today - datetime.timedelta(days=1))
    return {
        "anonymous": None, "reader": reader, "lapsed": lapsed,
        "member": UserFactory(username="member", groups=["Members"]),
        "commission": UserFactory(username="commission", groups=["Commission"]),
        "editor": UserFactory(username="editor", groups=["Editors"]),
    }


@pytest.fixture
def frozen(monkeypatch):
    """Now, frozen at an instant of today (Paris) the test chooses: memberships stay as made."""
    moment = {}

    def freeze(instant):
        moment["now"] = instant
        monkeypatch.setattr(timezone, "now", lambda: moment["now"])
        return instant

    return freeze


def today_at(which):
    today = timezone.localdate()
    midnight = datetime.datetime(today.year, today.month, today.day, tzinfo=PARIS)
    return {"midnight": midnight, "noon": midnight + 12 * HOUR,
            "last instant": midnight + datetime.timedelta(days=1) - MICRO}[which]


def make(events, now):
    rows = []
    for number, data in enumerate(events):
        start = now + data["start"] if isinstance(data["start"], datetime.timedelta) else data["start"]
        end = {"none": None, "same": start, "two hours": start + 2 * HOUR,
               "three days": start + datetime.timedelta(days=3), "now": max(now, start)}[data["end"]]
        audience = USUAL[data["kind"]] if data["audience"] == "usual" else data["audience"]
        rows.append(Event(kind=data["kind"], title=f"Événement n°{number} : l'éveil", start=start, end=end,
                          audience=audience, capacity=data["capacity"], registration_open=data["open"]))
    created = Event.objects.bulk_create(rows)
    Registration.objects.bulk_create([
        Registration(event=e, adults=adults, children=children, status=status, secret=f"{e.pk}-{n}")
        for e, data in zip(created, events) for n, (adults, children, status) in enumerate(data["registrations"])
    ])
    for e, data in zip(created, events):
        confirmed = sum(a + c for a, c, s in data["registrations"] if s == "confirmed")
        e.expected_places = max(e.capacity - confirmed, 0) if e.registration_open and e.capacity is not None else None
    return created


def visible(created, pairs, role):
    audiences = SEES[role]
    kind = last(pairs, "type")
    kind = kind if kind in KINDS and USUAL[kind] in audiences else ""
    return [e for e in created if e.audience in audiences and (not kind or e.kind == kind)], kind


def reference_list(created, pairs, role, now):
    events, kind = visible(created, pairs, role)
    events = [e for e in events if (e.end >= now if e.end is not None else e.start >= now - 3 * HOUR)]
    events.sort(key=lambda e: (e.start, e.pk))
    pages = max(1, math.ceil(len(events) / PER_PAGE))
    number = page_number(last(pairs, "page"), pages)
    shown = events[(number - 1) * PER_PAGE:number * PER_PAGE]
    return {"total": len(events), "number": number, "shown": [e.pk for e in shown],
            "places": [e.expected_places for e in shown], "kind": kind}


def reference_month(created, pairs, role, year, month):
    events, kind = visible(created, pairs, role)
    events = [e for e in events if (e.start.astimezone(PARIS).year, e.start.astimezone(PARIS).month) == (year, month)]
    events.sort(key=lambda e: (e.start, e.pk))
    return {"shown": [e.pk for e in events], "days": {e.pk: e.start.astimezone(PARIS).date() for e in events},
            "kind": kind}


def request_for(user, pairs):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/", pairs)
    request.user = user or AnonymousUser()
    return request


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(calendar_views, "PER_PAGE", PER_PAGE)


@examples(50)
@given(events=st.lists(event, max_size=12), pairs=query, role=who,
       moment=st.sampled_from(["midnight", "noon", "last instant"]),
       month=st.sampled_from([None, (2028, 2), (2028, 3), (2028, 1)]))
def test_list_and_month_follow_the_rule(calendar, people, frozen, small_pages, events, pairs, role, moment, month):
    with rolled_back():
        now = frozen(today_at(moment))
        created = make(events, now)
        request = request_for(people[role], pairs)
        expected = reference_list(created, pairs, role, now)
        context = calendar_views.event_list(request, calendar).context_data
        shown = context["events"]
        assert shown.paginator.count == expected["total"]
        assert shown.number == expected["number"]
        assert [e.pk for e in shown.object_list] == expected["shown"]
        assert [e.free_places for e in shown.object_list] == expected["places"]
        assert context["kind"] == expected["kind"]

        year, number = month or (now.astimezone(PARIS).year, now.astimezone(PARIS).month)
        expected = reference_month(created, pairs, role, year, number)
        context = calendar_views.month(request, calendar, year, number).context_data
        assert [e.pk for e in context["events"]] == expected["shown"]
        placed = {e.pk: day for week in context["weeks"] for day, day_events in week for e in day_events}
        assert placed == expected["days"]


def rendered_list(text):
    main = text.split('<section aria-labelledby="upcoming-heading">')[1].split('<section aria-labelledby="subscribe"')[0]
    count = re.search(r'<span class="count">\(([0-9]+)\)</span>', main.split("</h2>")[0])
    items = []
    for article in re.findall(r'<article class="event-summary.*?</article>', main, re.S):
        pk = int(re.search(r'id="event-([0-9]+)-title"', article).group(1))
        if "Complet" in article:
            places = 0
        else:
            left = re.search(r"([0-9]+) places? restantes?", article)
            places = int(left.group(1)) if left else None
        items.append((pk, places))
    current = re.search(r"Page ([0-9]+) sur [0-9]+", main)
    return int(count.group(1)) if count else 0, items, int(current.group(1)) if current else 1


@examples(15)
@given(events=st.lists(event, max_size=12), pairs=query, role=who,
       moment=st.sampled_from(["midnight", "noon", "last instant"]))
def test_the_pages_show_what_the_rule_says(client, calendar, people, frozen, small_pages, events, pairs, role, moment):
    """Through the real pages: the list's events in order with their places and its count;
    the month's events on their days; nothing the visitor may not see."""
    with rolled_back():
        now = frozen(today_at(moment))
        created = make(events, now)
        if people[role] is not None:
            client.force_login(people[role])
        expected = reference_list(created, pairs, role, now)
        response = client.get(calendar.url + "?" + urlencode(pairs))
        assert response.status_code == 200
        text = response.content.decode()
        total, items, number = rendered_list(text)
        assert total == expected["total"]
        assert number == expected["number"]
        assert items == list(zip(expected["shown"], expected["places"]))

        response = client.get(calendar.url + calendar.reverse_subpage("month", kwargs={"year": 2028, "month": 2})
                              + "?" + urlencode(pairs))
        assert response.status_code == 200
        text = response.content.decode()
        expected = reference_month(created, pairs, role, 2028, 2)
        cells = re.findall(r'<span class="calendar-day__num" aria-hidden="true">([0-9]+)</span>(.*?)</td>', text, re.S)
        placed = {int(pk): int(day) for day, cell in cells for pk in re.findall(r'href="[^"]*/([0-9]+)/"', cell)}
        assert placed == {pk: day.day for pk, day in expected["days"].items()}
        # Never an event the visitor may not see, in either page.
        hidden = {e.pk for e in created if e.audience not in SEES[role]}
        for path in (calendar.url, calendar.url + "mois/2028-02/"):
            body = html.unescape(client.get(path).content.decode())
            assert not hidden & {int(pk) for pk in re.findall(r'/([0-9]+)/"', body)}
