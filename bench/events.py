"""Benchmark: the events (calendar, feeds, registrations, reminders, erasure, reports) as the number of events grows.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust authentication), after `make install`.
From the project's root:

    .venv/bin/python bench/events.py            # 500 then 5,000 events (~6 min, more on a busy machine)
    .venv/bin/python bench/events.py --quick    # 100 then 500 events, to try it out
    .venv/bin/python bench/events.py --sqlite   # on a throwaway SQLite file instead of PostgreSQL

It builds a throwaway database (PostgreSQL `parentescence_bench_events`, dropped first; or an
SQLite file in a temporary folder) and runs `migrate` and `build_content`, which creates the
calendar page ("Agenda", resources.models.EventCalendarPage). Then, in `manage.py shell -c`
processes (config.settings.production, DEBUG off, local-memory cache, no HTTP server):

1. The first stage adds 200 members (--quick: 60; `bench-m-<n>`, group "Members", 80 % with a
   current membership, 20 % lapsed), the reader `bench-member` (a current member) and the
   editor `bench-editor` (group "Editors"), three venues, and "the reminder day": a day
   400 days ahead, beyond every other event, with 20 events (18 family events with 6 to 10
   confirmed registrations, 2 network meetings with 10 members each).

2. Each stage adds events (500 then 5,000; --quick: 100 then 500; the second stage adds the
   difference) in bulk (bulk_create: no registration e-mail, no search index), each on a day
   drawn at random (seeded by its number) from 730 days ago to 365 days ahead: three years,
   two past and one to come, 10:00, 14:00, 14:30, 18:30 or 20:00 in Paris, two hours long.
   Half are parent discussion times, 35 % parent–child workshops (both public, with places),
   10 % network meetings (Prorencontre or Intervision, members only) and 5 % commission
   meetings (no registration). A family event has 6 to 10 confirmed registrations of parents
   without an account (1 or 2 adults, 0 to 2 children; 80 % with an e-mail, the others a
   phone number only), a cancelled one in three events; 10 % have no limit of places, 25 %
   of the others are full (their capacity is exactly what is confirmed) with 1 to 4
   registrations on the waiting list, the others have 2 to 12 places left. A network meeting
   has 6 to 14 members registered (confirmed). Past events have their attendance marked
   (85 % present; in one event in ten nobody is marked yet) and some walk-ins. No event has
   had its registrants erased yet: the erasure's backlog is every past event.
   Then, on PostgreSQL, `ANALYZE` (as autovacuum would; --no-analyze to skip).

3. The measurements. Each is run once to warm up, then --repeat (20) times (the daily jobs
   --repeat-jobs (5) times, the erasure of the whole backlog --repeat-backlog (3) times, with
   no warm-up), for its wall time (median and 95th percentile) and its SQL queries
   (CaptureQueriesContext: how many, their total time, the slowest, the most repeated shape).
   Pages through django.test.Client, `secure=True` (production redirects http):

   - the calendar's list of upcoming events (`/agenda/`, 20 a page), anonymous and as a
     current member (who also sees the network's meetings);
   - the month view of next month (`/agenda/mois/<y>-<m>/`), anonymous and as a member;
   - the public feed (`/agenda/ical/`: public events from 60 days ago on) and the member's
     private feed (`/agenda/ical/<token>/`, fetched without a session, as a calendar app does);
   - an event's page (the first public family event a week or more ahead with 4 places
     left or more), anonymous, with its registration form, and its `.ics`;
   - a registration POSTed on that page (1 adult, 1 child: within capacity), and one on the
     page of a full event (onto the waiting list), each from an address of its own (the
     site takes 10 registrations an address an hour): each answers its redirect (302), the
     script checks the registration's status, then deletes it (outside the timing) so the
     next run finds the same event;
   - a cancellation with a promotion: the cancel link of a confirmed registration of a full
     event POSTed, chosen so that the places freed promote exactly one registration of the
     waiting list (checked); both are restored after each run (outside the timing);
   - `send_reminders()` for the reminder day (20 events, about 160 confirmed registrations), reset before each
     run (reminded_at, the outbox and the worker's queue emptied);
   - the attendance report of last year (`/admin/evenements/frequentation/?year=`), its CSV
     and XLSX (`&format=`), and the participation report (`/admin/evenements/participation/`),
     as the editor;
   - `erase_past_registrants()`: over the whole backlog (every event older than the retention
     period, EVENT_REGISTRANTS_RETENTION_DAYS, 30, put back as not erased before each run: the
     first run after the worker stopped, or after importing past events), then the daily run
     (the events of one day: the most recent day with a family event among those past the
     retention period, put back before each run), then a second run the same day (nothing left).

E-mails go to the outbox (home/mail.py) and django-q2's ORM queue (REDIS_URL is unset), both
emptied after each run; no worker runs (EMAIL_DELIVERY_BACKEND is locmem anyway): nothing is
sent. Static files are served by Django's plain storage (no `collectstatic`, no manifest).

The figures and the machine are written to bench/results/events.md and printed. Notes flag each
measurement whose number of queries grows with the number of events, whose time grows by half
or more (and 30 ms), that takes over a second, or that runs one query (the same SQL but for its
values) 15 times or more, the mark of an N+1 (every public page runs the navigation's locale
lookup about 10 times); and a change of the code during the run. The database is dropped at the
end, even on failure or Ctrl-C.

Caveats: in-process timings, without an HTTP server, a network or a browser: a page's real
latency adds gunicorn and the proxy (see bench/directory.py). The database runs on the same
machine and competes for the CPU with the measuring process: compare runs on the same machine
only, when nothing else runs. Before measuring, the script waits (at most --wait-quiet seconds,
60) until other processes take less than 10 % of the CPUs; the report says how much they took
during the measurements. The 5,000-event figures are taken on the database of the first stage
plus 4,500 events. The number of members does not grow with the events (200 at both sizes).
5,000 events over three years is far more than the association holds (a few hundred): it is
there to show what grows with the number of events.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import common
from common import (
    bench_lines, code_state, fmt_queries, grows, machine_info, others_share, per_item, shown_cell, wait_until_quiet,
    MANAGE, ROOT, build_site, drop, exit_on_sigterm, production_env, require, throwaway_database,
)

RESULTS = ROOT / "bench" / "results" / "events.md"

DB_NAME = "parentescence_bench_events"

PAST_DAYS, FUTURE_DAYS = 730, 365  # the events' days: from 730 days ago to 364 days ahead
REMINDER_AHEAD = 400  # the reminder day, beyond every other event

# -- Run inside the project (manage.py shell -c) -----------------------------------------------

PRELUDE = r"""
import datetime, json, os, random, secrets, statistics, time
from django.utils import timezone

PAST_DAYS, FUTURE_DAYS = int(os.environ["BENCH_PAST_DAYS"]), int(os.environ["BENCH_FUTURE_DAYS"])
REMINDER_AHEAD = int(os.environ["BENCH_REMINDER_AHEAD"])
SLOTS = [(10, 0), (14, 0), (14, 30), (18, 30), (20, 0)]


def at(day, hour=0, minute=0):
    # An instant of `day` in Paris (the site's time zone).
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
"""

# Events numbered BENCH_FROM to BENCH_TO - 1; with BENCH_SETUP, the people, the venues and
# the reminder day too.
POPULATE = PRELUDE + r"""
from django.contrib.auth.models import Group
from django.db import transaction
from accounts import roles
from accounts.models import User
from network.models import Membership
from network.models.membership import one_year_from
from resources.calendar import calendar_page
from resources.models import Event, Registration, Venue

FIRST, LAST = int(os.environ["BENCH_FROM"]), int(os.environ["BENCH_TO"])
MEMBERS = int(os.environ["BENCH_MEMBERS"])
today = timezone.localdate()
now = timezone.now()
if calendar_page() is None:
    raise SystemExit("No calendar page: did build_content run?")

FIRST_NAMES = ["Claire", "Sophie", "Julie", "Camille", "Nadia", "Amina", "Laura", "Inès", "Marion", "Thomas",
               "Karim", "Julien", "Lucie", "Sarah", "Élodie", "Mathieu", "Fatou", "Chloé", "Hugo", "Léa"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Garcia", "Roux", "Fournier",
              "Girard", "Bonnet", "Mercier", "Benali", "Nguyen", "Lambert", "Fontaine", "Rousseau", "Vincent"]
DISCUSSIONS = ["Le sommeil du tout-petit", "Devenir parents : ce qui change dans le couple",
               "Les premières semaines à la maison", "Allaitement, biberon : en parler sans jugement",
               "Les pleurs du soir", "Reprendre le travail après la naissance"]
WORKSHOPS = ["Atelier portage et massage bébé", "Éveil sensoriel parents-bébés", "Bébés signeurs",
             "Jeux et comptines pour les 1-3 ans", "Motricité libre : observer son bébé"]
DESCRIPTION = ("Un temps convivial, animé par deux professionnelles du réseau, pour partager son expérience "
               "de jeune parent, poser ses questions et rencontrer d'autres familles. Gratuit, sur inscription ; "
               "les enfants sont les bienvenus.")
VENUES = [
    ("Maison de quartier des arènes romaines", "Place Guy Hersant", "31300", "Toulouse"),
    ("Centre social Bagatelle", "2 rue Henri Desbals", "31100", "Toulouse"),
    ("Médiathèque de Blagnac", "1 place des Arts", "31700", "Blagnac"),
]


def person(rng):
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def parent(rng, event_index, n, **fields):
    # A parent's registration (no account): e-mail or phone only.
    with_email = rng.random() < 0.8
    name = person(rng)
    return dict(
        name=name, email=f"parent-{event_index}-{n}@example.org" if with_email else "",
        phone="" if with_email else f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} 00",
        child_age_band=rng.choice(["pregnancy", "0-6m", "6-12m", "1-3y", "3y+"]),
        needs="Nous venons en poussette." if rng.random() < 0.1 else "",
        language="en" if rng.random() < 0.1 else "fr", **fields,
    )


def family_plan(rng, index, past, full=None, limited=None):
    # (capacity, [registration fields], walk-ins) of a family event.
    limited = rng.random() >= 0.1 if limited is None else limited
    full = limited and rng.random() < 0.25 if full is None else full
    unmarked = past and rng.random() < 0.1
    confirmed = []
    for n in range(rng.randint(6, 10)):
        attended = None if not past or unmarked else rng.random() < 0.85
        confirmed.append(parent(rng, index, n, adults=rng.choice([1, 1, 1, 2]), children=rng.choice([0, 1, 1, 2]),
                                status="confirmed", attended=attended))
    taken = sum(r["adults"] + r["children"] for r in confirmed)
    others = []
    if rng.random() < 0.3:
        others.append(parent(rng, index, len(confirmed), adults=1, children=1, status="cancelled",
                             cancelled_at=now - datetime.timedelta(days=1) if not past else None))
    capacity = None
    if limited:
        capacity = taken if full else taken + rng.randint(2, 12)
    if full:
        for n in range(rng.randint(1, 4)):
            others.append(parent(rng, index, len(confirmed) + len(others) + n, adults=1,
                                 children=rng.choice([0, 1]), status="waiting"))
    walk_ins = (rng.choice([0, 0, 1, 2]), rng.choice([0, 0, 1, 2])) if past else (0, 0)
    return capacity, confirmed + others, walk_ins


def meeting_plan(rng, past, pool, count=None):
    # The member registrations of a network meeting.
    unmarked = past and rng.random() < 0.1
    chosen = rng.sample(pool, min(len(pool), count or rng.randint(6, 14)))
    return [dict(user_id=pk, status="confirmed", attended=None if not past or unmarked else rng.random() < 0.85)
            for pk in chosen]


started = time.perf_counter()
setup = {}
with transaction.atomic():
    if os.environ.get("BENCH_SETUP"):
        for name, address, postcode, commune in VENUES:
            Venue.objects.get_or_create(name=name, defaults={"address": address, "postcode": postcode,
                                                             "commune": commune})
        rng = random.Random("members")
        members = User.objects.bulk_create([
            User(username=f"bench-m-{n:04d}", first_name=rng.choice(FIRST_NAMES), last_name=rng.choice(LAST_NAMES),
                 email=f"membre-{n}@example.org", password="!")
            for n in range(MEMBERS)
        ])
        reader = User.objects.create(username="bench-member", first_name="Mathilde", last_name="Lecteur",
                                     email="bench-member@example.org", password="!")
        editor = User.objects.create(username="bench-editor", first_name="Élise", last_name="Éditrice",
                                     email="bench-editor@example.org", password="!")
        members_group, editors_group = Group.objects.get(name=roles.MEMBERS), Group.objects.get(name=roles.EDITORS)
        Through = User.groups.through
        Through.objects.bulk_create([Through(user_id=user.pk, group_id=members_group.pk) for user in members + [reader]]
                                    + [Through(user_id=editor.pk, group_id=editors_group.pk)])
        memberships = []
        for user in members + [reader]:
            if user is reader:
                start = today - datetime.timedelta(days=30)
            elif rng.random() < 0.8:
                start = today - datetime.timedelta(days=rng.randint(0, 330))
            else:  # lapsed
                start = today - datetime.timedelta(days=rng.randint(380, 700))
            memberships.append(Membership(user=user, start_date=start, end_date=one_year_from(start)))
        Membership.objects.bulk_create(memberships)
        setup = {"members": len(members), "current": sum(m.end_date >= today for m in memberships) - 1}

    venues = list(Venue.objects.order_by("pk"))
    pool = list(User.objects.filter(username__startswith="bench-m-").order_by("pk").values_list("pk", flat=True))
    if not venues or not pool:
        raise SystemExit("No venue or no member: the first stage sets them up (BENCH_SETUP).")

    events, plans = [], []

    def add(event, registrations, walk_ins=(0, 0)):
        event.walk_in_adults, event.walk_in_children = walk_ins
        event.end = event.start + datetime.timedelta(hours=2)
        events.append(event)
        plans.append(registrations)

    for n in range(FIRST, LAST):
        rng = random.Random(n)
        day = today + datetime.timedelta(days=rng.randint(-PAST_DAYS, FUTURE_DAYS - 1))
        start = at(day, *rng.choice(SLOTS))
        past = start < now
        draw = rng.random()
        if draw < 0.85:
            kind = Event.Kind.DISCUSSION if draw < 0.5 else Event.Kind.WORKSHOP
            title = rng.choice(DISCUSSIONS if kind == Event.Kind.DISCUSSION else WORKSHOPS)
            capacity, registrations, walk_ins = family_plan(rng, n, past)
            add(Event(kind=kind, title=title, description=DESCRIPTION, start=start, venue=rng.choice(venues),
                      audience=Event.Audience.PUBLIC, capacity=capacity), registrations, walk_ins)
        elif draw < 0.95:
            kind = rng.choice([Event.Kind.PRORENCONTRE, Event.Kind.INTERVISION])
            add(Event(kind=kind, title=f"{Event.Kind(kind).label} : la période périnatale", description=DESCRIPTION,
                      start=start, venue=venues[0], audience=Event.Audience.MEMBERS,
                      capacity=rng.choice([None, 25, 30])),
                meeting_plan(rng, past, pool), (rng.choice([0, 0, 1]), 0) if past else (0, 0))
        else:
            add(Event(kind=Event.Kind.COMMISSION, title="Réunion de la commission", start=start, venue=venues[0],
                      audience=Event.Audience.COMMISSION, registration_open=False), [])
    if os.environ.get("BENCH_SETUP"):  # the reminder day: 18 family events and 2 network meetings
        day = today + datetime.timedelta(days=REMINDER_AHEAD)
        for n in range(20):
            rng = random.Random(f"reminder-{n}")
            start = at(day, 9 + n // 3, 20 * (n % 3))
            if n < 18:
                capacity, registrations, _walk_ins = family_plan(rng, f"r{n}", False, full=False, limited=True)
                add(Event(kind=Event.Kind.WORKSHOP, title=rng.choice(WORKSHOPS), description=DESCRIPTION, start=start,
                          venue=rng.choice(venues), audience=Event.Audience.PUBLIC, capacity=capacity), registrations)
            else:
                add(Event(kind=Event.Kind.INTERVISION, title="Intervision : la période périnatale", start=start,
                          venue=venues[0], audience=Event.Audience.MEMBERS), meeting_plan(rng, False, pool, 10))
    Event.objects.bulk_create(events, batch_size=500)
    registrations = []
    for event, plan in zip(events, plans):
        for position, fields in enumerate(plan, start=1):
            registrations.append(Registration(event=event, position=position, secret=secrets.token_hex(16), **fields))
    Registration.objects.bulk_create(registrations, batch_size=1000)
made_s = time.perf_counter() - started

limit = now - datetime.timedelta(days=30)
added = Event.objects.filter(pk__in=[e.pk for e in events])
print("BENCH " + json.dumps({
    "added": LAST - FIRST, "made_s": made_s, **setup,
    "events": Event.objects.count(),
    "by_kind": {kind: Event.objects.filter(kind=kind).count() for kind in Event.Kind.values},
    "upcoming": Event.objects.filter(start__gte=now).count(),
    "registrations": Registration.objects.count(),
    "by_status": {status: Registration.objects.filter(status=status).count() for status in Registration.Status.values},
    "member_registrations": Registration.objects.filter(user__isnull=False).count(),
    "full": Event.objects.filter(registrations__status="waiting").distinct().count(),
    "backlog_events": Event.objects.filter(start__lt=limit).count(),
    "backlog_registrations": Registration.objects.filter(event__start__lt=limit, user__isnull=True).count(),
}), flush=True)
"""

# The measurements. One line "BENCH {json}" per measurement.
MEASURE = PRELUDE + r"""
import collections, itertools, re
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django_q.models import OrmQ
from accounts.models import User
from home.models import OutgoingEmail
from resources import attendance, registrations
from resources import calendar as calendar_rules
from resources.calendar import calendar_page
from resources.models import Event, Registration

# No collectstatic: plain static storage (production's needs a manifest).
override_settings(STORAGES={
    **settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()

REPEAT = int(os.environ["BENCH_REPEAT"])
REPEAT_JOBS = int(os.environ["BENCH_REPEAT_JOBS"])
REPEAT_BACKLOG = int(os.environ["BENCH_REPEAT_BACKLOG"])
member = User.objects.get(username="bench-member")
editor = User.objects.get(username="bench-editor")
anonymous = Client(HTTP_HOST="127.0.0.1")
as_member = Client(HTTP_HOST="127.0.0.1")
as_member.force_login(member)
as_editor = Client(HTTP_HOST="127.0.0.1")
as_editor.force_login(editor)
page = calendar_page()
base = page.url
now = timezone.now()
today = timezone.localdate()

# CaptureQueriesContext counts from the length of connection.queries_log, a deque of at most
# 9,000 queries: once full, it would count none. Emptied before each measurement, and larger.
connection.queries_log = collections.deque(maxlen=1_000_000)
LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b|\b(?:NULL|true|false)\b")


def brief(sql):
    # A query in short: its verb, its table and the start of its condition.
    table = re.search(r'(?:FROM|UPDATE|INTO)\s+"(\w+)"', sql)
    where = sql.partition(" WHERE ")[2]
    verb = sql.split(None, 1)[0] if sql.strip() else ""
    return " ".join(part for part in (verb, table.group(1) if table else "",
                                      f"WHERE {where[:90]}" if where else "") if part)


class Timer:
    # Each query's time in the driver, to the microsecond (the queries log rounds to the
    # millisecond: most of these queries take less), and the slowest one.
    def __init__(self):
        self.ms, self.slowest_ms, self.slowest_sql = 0.0, 0.0, ""

    def add(self, ms, sql):
        self.ms += ms
        if ms > self.slowest_ms:
            self.slowest_ms, self.slowest_sql = ms, sql

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.add((time.perf_counter() - started) * 1000, sql)


TRANSACTION = {"BEGIN", "COMMIT", "ROLLBACK"}  # logged, but not run through cursor.execute


def timed(fn):
    connection.queries_log.clear()
    timer = Timer()
    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
        started = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - started
    queries = captured.captured_queries
    for query in queries:
        if query["sql"] in TRANSACTION:
            timer.add(float(query["time"]) * 1000, query["sql"])
    # The same query with other values, run again and again: the mark of an N+1.
    shapes = collections.Counter(LITERALS.sub("?", q["sql"]) for q in queries)
    repeated, repeats = shapes.most_common(1)[0] if shapes else ("", 0)
    return result, {
        "ms": seconds * 1000, "queries": len(queries), "sql_ms": timer.ms,
        "slowest_ms": timer.slowest_ms, "slowest_sql": timer.slowest_sql[:400],
        "repeats": repeats, "repeated_sql": repeated[:400],
        "shapes": [[count, brief(sql)] for sql, count in shapes.most_common(6)],
    }


def p95(values):
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def emit(group, label, runs, **extra):
    ms = [r["ms"] for r in runs]
    slowest = max(runs, key=lambda r: r["slowest_ms"])
    row = {"group": group, "label": label, "n": len(runs), "median_ms": statistics.median(ms), "p95_ms": p95(ms),
           "max_ms": max(ms), "queries": statistics.median(r["queries"] for r in runs),
           "queries_max": max(r["queries"] for r in runs), "queries_min": min(r["queries"] for r in runs),
           "sql_ms": statistics.median(r["sql_ms"] for r in runs),
           "slowest_ms": slowest["slowest_ms"], "slowest_sql": slowest["slowest_sql"],
           "repeats": runs[-1]["repeats"], "repeated_sql": runs[-1]["repeated_sql"], "shapes": runs[-1]["shapes"],
           **extra}
    print("BENCH " + json.dumps(row, default=str), flush=True)


def measure(fn, before=None, after=None, repeat=REPEAT, warm_up=True):
    # One run to warm up (unless not `warm_up`), then `repeat`; `before` and `after` run
    # around each, outside the timing (`after` gets the result).
    results, runs = [], []
    for n in range(repeat + (1 if warm_up else 0)):
        if before:
            before()
        result, run = timed(fn)
        if after:
            after(result)
        if n or not warm_up:
            results.append(result)
            runs.append(run)
    return results, runs


def clear_outbox():
    OutgoingEmail.objects.all().delete()
    OrmQ.objects.all().delete()


# Registrations are limited per address (resources.registration_views.RATE_LIMIT an hour): each
# registration POSTed comes from an address of its own, as from different families.
ADDRESSES = (f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250 + 1}" for n in itertools.count())


def fetch(client, url, method="get", data=None, new_address=False):
    def request():
        send = getattr(client, method)
        meta = {"REMOTE_ADDR": next(ADDRESSES)} if new_address else {}
        response = send(url, data, secure=True, **meta) if data else send(url, secure=True, **meta)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, body
    return request


def check(results, url, expected=200):
    statuses = {status for status, _body in results}
    if statuses != {expected}:
        alert = next((re.search(r'role="alert"[^>]*>(.{0,400})', body.decode("utf-8", "replace"), re.S)
                      for status, body in results if status != expected), None)
        said = re.sub(r"<[^>]+>|\s+", " ", alert.group(1)) if alert else ""
        raise SystemExit(f"{url} answered {statuses}, not {expected}" + (f": {said}" if said else ""))


def page_row(group, label, client, url, shown=None, expected=200, **extra):
    results, runs = measure(fetch(client, url))
    check(results, url, expected)
    body = results[-1][1]
    count = shown(body.decode("utf-8", "replace")) if shown else None
    if shown and not count:
        raise SystemExit(f"{url} shows nothing: the benchmark would measure an empty page")
    emit(group, label, runs, url=url, kb=len(body) / 1024, shown=count, **extra)


def list_count(html):
    found = re.search(r'<span class="count">\((\d[\d\s\u202f\xa0]*)\)</span>', html)
    return int(re.sub(r"\D", "", found.group(1))) if found else 0


def month_count(html):
    return len(re.findall(r'<li><a href="[^"]*/\d+/"><time', html))


def vevents(text):
    return text.count("BEGIN:VEVENT")


def url_of(route, *args, **kwargs):
    return base + page.reverse_subpage(route, args=args or None, kwargs=kwargs or None)


# 1. The calendar: list, month, feeds
page_row("calendar", "calendar list, anonymous: `/agenda/`", anonymous, base, list_count)
page_row("calendar", "calendar list, current member: `/agenda/`", as_member, base, list_count)
following = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
month = url_of("month", year=following.year, month=following.month)
page_row("calendar", "month view (next month), anonymous: `/agenda/mois/<y>-<m>/`", anonymous, month, month_count)
page_row("calendar", "month view (next month), current member: `/agenda/mois/<y>-<m>/`", as_member, month, month_count)
page_row("feeds", "public feed: `/agenda/ical/`", anonymous, url_of("public_feed"), vevents)
page_row("feeds", "member's private feed: `/agenda/ical/<token>/`", anonymous,
         url_of("private_feed", token=calendar_rules.feed_token(member)), vevents)

# 2. An event's page, its .ics, and registrations
reminder_day = timezone.localtime(Event.objects.order_by("-start").first().start).date()
family = (Event.objects.filter(kind__in=Event.FAMILY_KINDS, audience=Event.Audience.PUBLIC, registration_open=True,
                               capacity__isnull=False, start__gte=now + datetime.timedelta(days=7),
                               start__lt=at(reminder_day))
          .order_by("start", "pk"))
open_event = next(e for e in family.iterator() if registrations.places_left(e) >= 4)
full_events = (e for e in family.iterator() if registrations.places_left(e) == 0
               and e.registrations.filter(status="waiting").exists())
waiting_event = next(full_events)


def promotable(event):
    # A confirmed parent whose cancellation promotes exactly one registration of the waiting
    # list (as `promote` would: in order, each one that fits in the places left), so that
    # every size measures the same work.
    waiting = list(event.registrations.filter(status="waiting").order_by("position", "pk"))
    for victim in event.registrations.filter(status="confirmed", user__isnull=True).order_by("pk"):
        left, promoted = victim.places, 0
        for registration in waiting:
            if registration.places <= left:
                left -= registration.places
                promoted += 1
        if promoted == 1:
            return victim
    return None


cancel_event = next(e for e in full_events if promotable(e) is not None)
victim = promotable(cancel_event)

page_row("event", "event page, anonymous, with the registration form: `/agenda/<pk>/`", anonymous,
         url_of("event", open_event.pk), lambda html: html.count('name="name"'))
page_row("event", "event's .ics: `/agenda/<pk>/ical/`", anonymous, url_of("event_ics", open_event.pk), vevents)

FORM = {"name": "Claire Dupont", "email": "claire@example.org", "phone": "", "adults": "1", "children": "1",
        "child_age_band": "0-6m", "needs": "Nous venons en poussette.", "consent": "on", "website": ""}


def post_row(label, event, expected_status):
    url = url_of("event", event.pk)
    last = Registration.objects.order_by("-pk").values_list("pk", flat=True).first()
    statuses = []

    def undo(_result):
        made = list(Registration.objects.filter(event=event, pk__gt=last))
        statuses.extend(r.status for r in made)
        Registration.objects.filter(pk__in=[r.pk for r in made]).delete()
        clear_outbox()

    results, runs = measure(fetch(anonymous, url, "post", FORM, new_address=True), after=undo)
    check(results, url, 302)
    if set(statuses) != {expected_status} or len(statuses) != len(runs) + 1:
        raise SystemExit(f"{label}: registrations {statuses}, expected one {expected_status} per run")
    emit("registration", label, runs, url=url, shown=registrations.places_left(event))


post_row("registration POST, within capacity: `/agenda/<pk>/`", open_event, "confirmed")
post_row("registration POST, onto the waiting list: `/agenda/<pk>/`", waiting_event, "waiting")

cancel_link = url_of("cancel", registrations.cancel_token(victim))
promoted = []


def restore(_result):
    victim_now = Registration.objects.get(pk=victim.pk)
    moved = Registration.objects.filter(event=cancel_event, promoted_at__isnull=False)
    promoted.append(moved.count())
    if victim_now.status != "cancelled":
        raise SystemExit(f"The cancel link left registration {victim.pk} {victim_now.status}")
    moved.update(status="waiting", promoted_at=None)
    Registration.objects.filter(pk=victim.pk).update(status="confirmed", cancelled_at=None)
    clear_outbox()


results, runs = measure(fetch(anonymous, cancel_link, "post", {"confirm": "1"}), after=restore)
check(results, cancel_link)
if set(promoted) != {1}:
    raise SystemExit(f"A cancellation promoted {promoted}, not one each time")
emit("registration", "cancellation with a promotion (the cancel link POSTed): `/agenda/annulation/<token>/`", runs,
     url=cancel_link, shown=promoted[-1])

# 3. The reminders of a day with 20 events
day_events = Event.objects.filter(start__gte=at(reminder_day), start__lt=at(reminder_day + datetime.timedelta(days=1)))


def reset_reminders():
    Registration.objects.filter(event__in=day_events).update(reminded_at=None)
    clear_outbox()


reminded = Registration.objects.filter(event__in=day_events, status="confirmed").count()
results, runs = measure(lambda: registrations.send_reminders(today=reminder_day - datetime.timedelta(days=1)),
                        before=reset_reminders, repeat=REPEAT_JOBS)
clear_outbox()
emit("jobs", "`send_reminders()`, the reminder day", runs, shown=results[-1],
     detail=f"{day_events.count()} events, {reminded} confirmed registrations",
     per=[reminded, "registration reminded"])

# 4. The admin reports, as an editor
year = today.year - 1
report = attendance.attendance_report(year)
counted = report.total_of(report.kinds).events
report_url = f"/admin/evenements/frequentation/?year={year}"
for label, url in [
    ("attendance report page: `/admin/evenements/frequentation/?year=<last year>`", report_url),
    ("attendance report CSV: `…&format=csv`", report_url + "&format=csv"),
    ("attendance report XLSX: `…&format=xlsx`", report_url + "&format=xlsx"),
]:
    page_row("reports", label, as_editor, url, shown=lambda _text: counted)
page_row("reports", "participation report: `/admin/evenements/participation/`", as_editor,
         "/admin/evenements/participation/",
         lambda html: len(re.findall(r"/admin/evenements/participation/\d+/", html)))

# 5. Erasing registrants: the whole backlog, then a day's events, then nothing left
limit = now - datetime.timedelta(days=settings.EVENT_REGISTRANTS_RETENTION_DAYS)


def reset_erasure(events):
    def reset():
        events.update(registrants_erased_at=None)
        Registration.objects.filter(event__in=events, user__isnull=True).update(erased_at=None)
    return reset


backlog = Event.objects.filter(start__lt=limit)
results, runs = measure(lambda: registrations.erase_past_registrants(now=now), before=reset_erasure(backlog),
                        repeat=REPEAT_BACKLOG, warm_up=False)
emit("jobs", "`erase_past_registrants()`, the whole backlog", runs, shown=results[-1],
     detail=f"{backlog.count():,} past events", per=[results[-1], "registration erased"])
# The daily run: the events of one day whose retention period has ended (the most recent day
# with a family event: at 500 events, most days have none).
latest = Event.objects.filter(kind__in=Event.FAMILY_KINDS, start__lt=limit).order_by("-start").first()
last_day = timezone.localtime(latest.start).date()
one_day = Event.objects.filter(start__gte=at(last_day), start__lt=min(limit, at(last_day + datetime.timedelta(days=1))))
results, runs = measure(lambda: registrations.erase_past_registrants(now=now), before=reset_erasure(one_day),
                        repeat=REPEAT_JOBS)
emit("jobs", "`erase_past_registrants()`, the daily run (one day's events)", runs, shown=results[-1],
     detail=f"{one_day.count()} events",
     per=[results[-1], "registration erased"])
results, runs = measure(lambda: registrations.erase_past_registrants(now=now), repeat=REPEAT_JOBS)
emit("jobs", "`erase_past_registrants()`, a second run the same day (nothing left)", runs, shown=results[-1])
"""


def run(command, **kwargs):
    """common.run(), showing more of a failed command's output and raising a short RuntimeError."""
    return common.run(command, tail=6000, wrap_errors=True, **kwargs)


def shell(env, script, show, **extra):
    """Run `script` with `manage.py shell -c`; its BENCH lines."""
    out = run([*MANAGE, "shell", "-c", script], cwd=ROOT, quiet=True, show=f"manage.py shell -c <{show}>",
              env={**env, "BENCH_PAST_DAYS": str(PAST_DAYS), "BENCH_FUTURE_DAYS": str(FUTURE_DAYS),
                   "BENCH_REMINDER_AHEAD": str(REMINDER_AHEAD),
                   **{key: str(value) for key, value in extra.items()}}).stdout
    return bench_lines(out)


def changed_since(commit):
    """The tracked files that differ between `commit` and the working tree, for the notes."""
    out = subprocess.run(["git", "diff", "--name-only", commit], cwd=ROOT, capture_output=True, text=True).stdout
    names = out.split()
    return ", ".join(f"`{name}`" for name in names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")


# -- The report -------------------------------------------------------------------------------

# A query run this many times in one measurement is named in the notes. Every public page runs
# one (the site's navigation: a locale lookup per menu item) about 10 times.
REPEATED = 15


def table(rows):
    lines = [
        "| measurement | median ms | p95 ms | runs | queries | same query × | SQL ms | slowest query ms | shown | KB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        kb = "" if row.get("kb") is None else f"{row['kb']:.0f}"
        detail = f" ({row['detail']})" if row.get("detail") else ""
        lines.append(
            f"| {row['label']}{detail} | {row['median_ms']:.0f} | {row['p95_ms']:.0f} | {row['n']} "
            f"| {fmt_queries(row)} "
            f"| {row['repeats']} | {row['sql_ms']:.0f} | {row['slowest_ms']:.0f} | {shown_cell(row)} | {kb} |"
        )
    return lines


def comparison(stages):
    """Each measurement at the first and the last size: time, queries, whether they grow."""
    first, last = stages[0], stages[-1]
    before = {row["label"]: row for row in first["rows"]}
    lines = [
        f"| measurement | median ms at {first['events']:,} | at {last['events']:,} | × | queries at "
        f"{first['events']:,} | at {last['events']:,} | queries grow with the events? |",
        "|---|--:|--:|--:|--:|--:|---|",
    ]
    for row in last["rows"]:
        old = before.get(row["label"])
        if old is None:
            continue
        if grows(old, row):
            grows_cell = f"**yes** (× {row['queries'] / max(old['queries'], 1):.1f}{per_item(old, row)})"
        elif row["queries_max"] != old["queries_max"]:
            grows_cell = f"no ({row['queries_max'] - old['queries_max']:+g}: with the events shown)"
        else:
            grows_cell = "no"
        lines.append(
            f"| {row['label']} | {old['median_ms']:.0f} | {row['median_ms']:.0f} "
            f"| {row['median_ms'] / max(old['median_ms'], 0.1):.1f} | {fmt_queries(old)} | {fmt_queries(row)} "
            f"| {grows_cell} |"
        )
    return lines


def notes_for(stages):
    """Measurements whose queries grow with the number of events, whose time grows much faster,
    that repeat one query, or that take over a second."""
    notes = []
    if len(stages) >= 2:
        first, last = stages[0], stages[-1]
        factor = last["events"] / first["events"]
        before = {row["label"]: row for row in first["rows"]}
        for row in last["rows"]:
            old = before.get(row["label"])
            if old is None:
                continue
            if grows(old, row):
                notes.append(f"{row['label']}: {fmt_queries(old)} queries at {first['events']:,} events, "
                             f"{fmt_queries(row)} at {last['events']:,}: the number of queries grows"
                             f"{per_item(old, row)} (most repeated, × {old['repeats']} then × {row['repeats']}: "
                             f"`{row['repeated_sql'][:160]}…`).")
            ratio = row["median_ms"] / max(old["median_ms"], 0.1)
            if ratio >= 1.5 and row["median_ms"] - old["median_ms"] >= 30:
                notes.append(f"{row['label']}: {old['median_ms']:.0f} ms at {first['events']:,} events, "
                             f"{row['median_ms']:.0f} ms at {last['events']:,} (× {ratio:.1f} for × {factor:.0f} "
                             f"events); SQL {old['sql_ms']:.0f} → {row['sql_ms']:.0f} ms.")
    seen = set()
    for stage in reversed(stages):
        for row in stage["rows"]:
            if row["repeats"] >= REPEATED and row["label"] not in seen:
                seen.add(row["label"])
                per = ""
                if row.get("per") and row["per"][0]:
                    count, noun = row["per"]
                    per = (f" ({row['queries'] / count:.1f} queries and {row['median_ms'] / count:.2f} ms "
                           f"per {noun}, {count:,} of them)")
                shapes = "; ".join(f"× {count:,} `{sql}`" for count, sql in row["shapes"][:5])
                notes.append(f"{row['label']}: one query ran {row['repeats']:,} times (with other values) at "
                             f"{stage['events']:,} events{per}. The most repeated queries: {shapes}")
    for stage in stages:
        for row in stage["rows"]:
            if row["median_ms"] > 1000:
                notes.append(f"{row['label']} takes {row['median_ms'] / 1000:.1f} s (median) at "
                             f"{stage['events']:,} events, {fmt_queries(row)} queries ({row['sql_ms'] / 1000:.1f} s "
                             f"in SQL); its slowest query ({row['slowest_ms']:.0f} ms): `{row['slowest_sql'][:200]}…`")
    return notes


def data_line(stage):
    data = stage["data"]
    kinds = data["by_kind"]
    statuses = data["by_status"]
    return (
        f"{data['added']:,} events added in {data['made_s']:.0f} s (bulk). In the database: {data['events']:,} events "
        f"({kinds['discussion']:,} discussion times, {kinds['workshop']:,} workshops, "
        f"{kinds['prorencontre'] + kinds['intervision']:,} network meetings, {kinds['commission']:,} commission "
        f"meetings; {data['upcoming']:,} to come, {data['full']:,} with a waiting list), "
        f"{data['registrations']:,} registrations ({statuses['confirmed']:,} confirmed, {statuses['waiting']:,} "
        f"waiting, {statuses['cancelled']:,} cancelled; {data['member_registrations']:,} of members); erasure "
        f"backlog: {data['backlog_events']:,} past events, {data['backlog_registrations']:,} parents' "
        f"registrations. Other processes took {stage['busy']:.0f} % of the CPUs during the measurements."
    )


def report(stages, info, args, command, notes, setup):
    lines = [
        "# Events benchmark (calendar, feeds, registrations, daily jobs, reports)",
        "",
        f"Produced by `{command}` on {info['date']}, code at `{info['revision']}`.",
        "",
        f"**Machine:** {info['nproc']} CPU ({info['cpu']}), {info['ram']} RAM, Linux {info['kernel']}; "
        f"{info['python']}, {info['django']}, {info['wagtail']}, {info['database']}.",
        "",
        "**Set-up:** in-process (`manage.py shell -c`), config.settings.production (DEBUG off, local-memory "
        "cache, plain static storage instead of the manifest), no HTTP server: pages through "
        "django.test.Client, `secure=True`; anonymous, as a current member, or as an editor (the reports). "
        f"Events spread at random over three years ({PAST_DAYS} days ago to {FUTURE_DAYS} days ahead); "
        f"{setup['members']} members ({setup['current']} current) at every size. Each measurement runs once to "
        f"warm up, then *runs* times ({args.repeat}; the daily jobs {args.repeat_jobs}; the backlog's "
        f"erasure {args.repeat_backlog}, without warm-up): *median ms* and *p95 ms* (95th percentile, "
        "interpolated) are wall times of those runs; *queries* is the median number of SQL queries (the range "
        "when it varies), *SQL ms* their median total time, *same query ×* how many times the most repeated "
        "query (the same SQL but for its values) ran in the last run (named in the notes from "
        f"{REPEATED} times), *slowest query ms* the slowest single query seen; both SQL times are measured "
        "around each query in the driver (`connection.execute_wrapper`), BEGIN and COMMIT included. "
        "*shown*: the events the list says it has (its count, all pages), the events in the month or the "
        "feed, the form on the event page, "
        "the places left after a registration was undone, the registrations promoted by the cancellation, the "
        "reminders e-mailed (a parent with a phone number only is called instead), the events counted in "
        "the attendance report, the members in the participation report, the registrations erased. "
        "A registration POSTed is deleted, a cancellation undone, the reminders and the erasure reset, after "
        "each run and outside the timing. See the docstring of bench/events.py for how the data is made. "
        + ("PostgreSQL's statistics are refreshed (`ANALYZE`) after adding events."
           if args.analyze and not args.sqlite else "Statistics not refreshed after adding events."),
        "",
    ]
    for stage in stages:
        lines += [f"## {stage['events']:,} events", "", data_line(stage), "", *table(stage["rows"]), ""]
    if len(stages) >= 2:
        lines += ["## Does it grow with the number of events?", "", *comparison(stages), ""]
    if notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    return "\n".join(lines)


# -- Main -------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 then 500 events, 60 members")
    parser.add_argument("--sqlite", action="store_true", help="a throwaway SQLite file instead of PostgreSQL")
    parser.add_argument("--repeat", type=int, default=20, help="measured runs of each page and registration")
    parser.add_argument("--repeat-jobs", type=int, default=5, help="measured runs of the daily jobs")
    parser.add_argument("--repeat-backlog", type=int, default=3, help="measured runs of the backlog's erasure")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--wait-quiet", type=int, default=60, metavar="SECONDS",
                        help="before measuring, wait at most this long for other processes to calm down (0: never)")
    parser.add_argument("--no-analyze", dest="analyze", action="store_false",
                        help="measure without refreshing PostgreSQL's statistics after adding events")
    args = parser.parse_args()
    if min(args.repeat, args.repeat_jobs, args.repeat_backlog) < 1:
        parser.error("every --repeat must be at least 1")
    counts = [100, 500] if args.quick else [500, 5000]
    members = 60 if args.quick else 200
    command = " ".join([".venv/bin/python bench/events.py", *sys.argv[1:]])

    # SIGTERM (a CI timeout, kill) goes through the same clean-up as Ctrl-C.
    exit_on_sigterm()
    require([] if args.sqlite else ["createdb", "dropdb", "psql"])

    workdir = tempfile.mkdtemp(prefix="parentescence-bench-events-")
    database = throwaway_database(args.sqlite, DB_NAME, workdir, run=run)
    # No worker runs, but never to a real mail server in any case.
    env = production_env(database.url, workdir,
                         EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    stages, setup = [], {}
    try:
        code = code_state(ROOT)
        build_site(database, env, run=run)
        info = machine_info(database)
        previous = 0
        for stage, count in enumerate(counts, start=1):
            data = shell(env, POPULATE, f"add {count - previous:,} events and their registrations",
                         BENCH_FROM=previous, BENCH_TO=count, BENCH_MEMBERS=members,
                         **({"BENCH_SETUP": "1"} if stage == 1 else {}))[0]
            if stage == 1:
                setup = {"members": data["members"], "current": data["current"]}
            print(f"  {data['added']:,} events added in {data['made_s']:.0f} s: {data['events']:,} events, "
                  f"{data['registrations']:,} registrations", flush=True)
            if args.analyze:
                database.analyze()  # as autovacuum would within minutes of a bulk import
            print(f"{count:,} events; measuring:", flush=True)
            if args.wait_quiet:
                wait_until_quiet(DB_NAME, args.wait_quiet)
            rows, busy = others_share(DB_NAME, lambda: shell(
                env, MEASURE, "measure", BENCH_REPEAT=args.repeat, BENCH_REPEAT_JOBS=args.repeat_jobs,
                BENCH_REPEAT_BACKLOG=args.repeat_backlog))
            for row in rows:
                print(f"  {row['label'][:90]:<90} median {row['median_ms']:>7.0f} ms  p95 {row['p95_ms']:>7.0f} ms  "
                      f"{fmt_queries(row):>11} queries  SQL {row['sql_ms']:.0f} ms", flush=True)
            print(f"  (other processes took {busy:.0f} % of the CPUs meanwhile)", flush=True)
            stages.append({"events": count, "data": data, "rows": rows, "busy": busy})
            previous = count
        notes = notes_for(stages)
        if code_state(ROOT) != code:
            notes.append("The code changed during the run (another commit, or uncommitted changes to tracked "
                         "files): the figures of one stage and the next may not measure the same code. Changed "
                         f"since the start: {changed_since(code[0]) or 'nothing now (changed back)'}.")
        busiest = max(stage["busy"] for stage in stages)
        if busiest > 20:
            notes.append(f"Other processes took up to {busiest:.0f} % of the CPUs during the measurements: those "
                         "figures are higher than a quiet machine's. Run again when nothing else runs to compare.")
        text = report(stages, info, args, command, notes, setup)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text)
        print()
        print(text)
        print(f"Written to {args.output}.")
    finally:
        drop(database, workdir)


if __name__ == "__main__":
    main()
