"""Benchmark: family support (dashboards, a record, statistics, key rotation, erasure) as the number of families grows.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust authentication), after `make install`.
From the project's root:

    .venv/bin/python bench/support.py            # 500 then 5,000 families (~10 min, more on a busy machine)
    .venv/bin/python bench/support.py --quick    # 100 then 500 families, to try it out
    .venv/bin/python bench/support.py --sqlite   # on a throwaway SQLite file instead of PostgreSQL

It builds a throwaway database (PostgreSQL `parentescence_bench_support`, dropped first; or an
SQLite file in a temporary folder; never the database of DATABASE_URL) and runs `migrate` and
`build_content`. The site runs with a Fernet key generated for the run (SUPPORT_ENCRYPTION_KEYS:
config.settings.production requires one), and a second one for the key rotation. Then, in
`manage.py shell -c` processes (config.settings.production, DEBUG off, local-memory cache, no
HTTP server):

1. The first stage adds the programme's people: the coordinator `bench-coordinator` (group
   "Coordinators"), 12 field referents (`bench-referent-<n>`, "FieldReferents"), 24 referring
   professionals (`bench-referrer-<n>`, "Referrers") of 8 partner institutions (MDS, emergency
   housing, maternity…), 6 local structures, a venue and 30 past family events of the calendar
   (the collective spaces families join), and 12 drop-in sessions (4 to come).

2. Each stage adds families (500 then 5,000; --quick: 100 then 500; the second stage adds the
   difference) in bulk (bulk_create: the encrypted fields are encrypted in get_prep_value, so
   every stored value is a real Fernet token; no e-mail), each drawn at random (seeded by its
   number), referred by one of the referring professionals (its institution's):
   - 10 % closed long ago: referred 900 to 1,095 days ago, closed 745 days ago or earlier (past
     SUPPORT_CLOSED_RETENTION_MONTHS, 24: due for erasure), 15 % of them refused or unreachable;
   - 15 % closed within the retention period (an outcome other than refused or unreachable);
   - 8 % received, not yet assigned: referred within the last 150 days, no contact yet;
   - 67 % in progress with a field referent, referred 14 to 700 days ago (none abandoned: a
     support in progress with no activity for the closed period is erased too).
   Every family has the five identifying fields filled (name, phone, e-mail for 60 %, address,
   a short note on the reason) and a closing summary when closed. A family taken up has 4 to 9
   contacts (about 6; 70 % with a note), 1 to 3 steps (about 2: the first home visit, then a
   collective space (an event) or a local structure, sometimes both), the consents to be
   contacted and supported (and, when closed, to share the summary: 70 % yes), and two entries in
   the read log (dated between its referral and today: those older than 24 months are due too).
   One family in a hundred has an open data request (access or correction).
   Then, on PostgreSQL, `ANALYZE` (as autovacuum would; --no-analyze to skip).

3. The measurements. Each is run once to warm up, then --repeat (20) times (the retention job
   --repeat-jobs (5) times; the key rotation --repeat-rotation (3) times, without warm-up), for
   its wall time (median and 95th percentile), its SQL queries (CaptureQueriesContext: how many,
   their total time, the slowest, the most repeated shape) and the encrypted values it decrypted
   (support.crypto.decrypt wrapped with a counter in the measuring process; the app is not
   changed). Pages through django.test.Client, `secure=True`, as the coordinator or a field
   referent whose session passed the second factor (support.factories.pass_second_factor, as
   tests/support/conftest.py `verified_client` does):

   - the coordinator's dashboard (`/suivi-familles/`: the families to assign, those in progress,
     the 20 last closed, the open data requests, the next drop-in sessions) and a field
     referent's (their own families);
   - a family's record (`/suivi-familles/familles/<pk>/`: the first family in progress with 6
     contacts and 2 steps, the same at every size), as the coordinator (each view writes the
     read log, as it would);
   - `support.statistics.programme_statistics(<last year>)`, and the statistics page
     (`/suivi-familles/statistiques/?annee=<last year>`) and its CSV (`&format=csv`), as the
     coordinator;
   - `manage.py rotate_support_key` (call_command) over every family and contact, with
     SUPPORT_ENCRYPTION_KEYS set to [new, old] (override_settings): each run re-encrypts
     everything and commits, the next one rotates back ([old, new]), so the data ends on the
     run's key;
   - `support.retention.erase_expired()` with about 10 % of the families due: inside a
     transaction rolled back after each run (outside the timing), so every run erases the same
     families (each family's own atomic block is then a savepoint, not a transaction: no COMMIT
     is measured); at the last size, once more for real (committed, without warm-up), last.

E-mails go to the outbox (home/mail.py); no worker runs (EMAIL_DELIVERY_BACKEND is locmem
anyway): nothing is sent. Static files are served by Django's plain storage.

The figures and the machine are written to bench/results/support.md and printed. Notes flag each
measurement whose number of queries grows with the number of families, whose time grows by half
or more (and 30 ms), that takes over a second, that runs one query (the same SQL but for its
values) 15 times or more, or, for a list, the statistics or the retention job, that decrypts
anything; and a change of the code during the run. The database is dropped at the end, even on
failure or Ctrl-C.

Caveats: in-process timings, without an HTTP server, a network or a browser. The database runs on
the same machine and competes for the CPU with the measuring process: compare runs on the same
machine only, when nothing else runs. Before measuring, the script waits (at most --wait-quiet
seconds, 60) until other processes take less than 10 % of the CPUs; the report says how much they
took during the measurements. The 5,000-family figures are taken on the database of the first
stage plus 4,500 families. The people do not grow with the families (12 referents at both
sizes: each follows about 280 families at 5,000, far more than a real caseload). 5,000 families
is far more than the programme will hold: it is there to show what grows with them.
"""

import argparse
import base64
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import common
from common import (
    bench_lines, code_state, fmt_queries, grows, machine_info, others_share, per_item, shown_cell, wait_until_quiet,
    MANAGE, ROOT, build_site, drop, exit_on_sigterm, production_env, require, throwaway_database,
)

RESULTS = ROOT / "bench" / "results" / "support.md"

DB_NAME = "parentescence_bench_support"

# -- Run inside the project (manage.py shell -c) -----------------------------------------------

PRELUDE = r"""
import datetime, json, os, random, statistics, time
from django.utils import timezone


def at(day, hour=0, minute=0):
    # An instant of `day` in Paris (the site's time zone).
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
"""

# Families numbered BENCH_FROM to BENCH_TO - 1; with BENCH_SETUP, the people, the structures,
# the events and the drop-in sessions too.
POPULATE = PRELUDE + r"""
from django.contrib.auth.models import Group
from django.db import transaction
from accounts import roles
from accounts.models import User
from network.models import PartnerStructure
from resources.models import Event, Venue
from support.models import AccessLog, Consent, Contact, DataRequest, DropInSession, Family, Referrer, Step
from support.retention import due_for_erasure

FIRST, LAST = int(os.environ["BENCH_FROM"]), int(os.environ["BENCH_TO"])
today = timezone.localdate()
now = timezone.now()

FIRST_NAMES = ["Claire", "Sophie", "Julie", "Camille", "Nadia", "Amina", "Laura", "Inès", "Marion", "Thomas",
               "Karim", "Julien", "Lucie", "Sarah", "Élodie", "Mathieu", "Fatou", "Chloé", "Hugo", "Léa"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Garcia", "Roux", "Fournier",
              "Girard", "Bonnet", "Mercier", "Benali", "Nguyen", "Lambert", "Fontaine", "Rousseau", "Vincent"]
STREETS = ["rue des Lilas", "avenue de Muret", "chemin de la Flambère", "rue du Faubourg Bonnefoy",
           "allée de Bellefontaine", "boulevard de la Marne", "place du Ravelin", "rue Vestrepain"]
INSTITUTIONS = [
    ("MDS Toulouse Nord", PartnerStructure.Kind.MDS), ("MDS Bagatelle", PartnerStructure.Kind.MDS),
    ("MDS Colomiers", PartnerStructure.Kind.MDS), ("Voyelles, hébergement d'urgence", PartnerStructure.Kind.HOUSING),
    ("Maternité Paule de Viguier, néonatologie", PartnerStructure.Kind.MATERNITY),
    ("Clinique Ambroise Paré, maternité", PartnerStructure.Kind.MATERNITY),
    ("Udaf 31", PartnerStructure.Kind.UDAF), ("Samu social 31", PartnerStructure.Kind.HOUSING),
]
LOCAL = [
    ("PMI Empalot", PartnerStructure.Kind.PMI), ("PMI Mirail", PartnerStructure.Kind.PMI),
    ("LAEP La Courte Échelle", PartnerStructure.Kind.LAEP), ("LAEP Les Petits Pas", PartnerStructure.Kind.LAEP),
    ("Centre social Bagatelle", PartnerStructure.Kind.SOCIAL_CENTRE), ("RPE Toulouse Est", PartnerStructure.Kind.RPE),
]
REASON_NOTES = [
    "Maman seule avec un bébé de deux mois, arrivée à Toulouse il y a peu ; pas de famille proche.",
    "Bébé né prématuré, sorti de néonatologie il y a trois semaines ; parents épuisés.",
    "Famille hébergée à l'hôtel depuis la naissance, cherche des lieux où sortir avec le bébé.",
    "Parents récemment arrivés, parlent peu le français ; souhaitent rencontrer d'autres familles.",
    "La maman dit se sentir très seule depuis la naissance de son deuxième enfant.",
]
CONTACT_NOTES = [
    "Premier appel, visite proposée la semaine prochaine.",
    "Visite tranquille, bébé éveillé ; temps d'échange présenté.",
    "La maman a parlé de ses nuits difficiles ; prochaine visite dans quinze jours.",
    "Sortie accompagnée au LAEP, la famille a aimé le lieu.", "Appel pour caler la prochaine visite.",
    "Les parents souhaitent venir au prochain temps d'échange.",
]
SUMMARIES = [
    "La famille fréquente désormais la structure de son quartier ; elle vous remercie.",
    "La famille vient régulièrement aux temps d'échange de l'association.",
    "Accompagnement terminé à la demande de la famille, qui se sent plus entourée.",
]


def person(rng):
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def moment(rng, day):
    return at(day, rng.randint(9, 17), rng.choice([0, 15, 30, 45]))


started = time.perf_counter()
setup = {}
with transaction.atomic():
    if os.environ.get("BENCH_SETUP"):
        structures = PartnerStructure.objects.bulk_create([  # bulk: no geocoding on save
            PartnerStructure(name=name, kind=kind, postcode="31300", commune="Toulouse", address="1 place du Bench")
            for name, kind in INSTITUTIONS + LOCAL
        ])
        institutions, locals_ = structures[:len(INSTITUTIONS)], structures[len(INSTITUTIONS):]
        rng = random.Random("people")
        coordinator = User.objects.create(username="bench-coordinator", first_name="Corinne", last_name="Coordination",
                                          email="bench-coordinator@example.org", password="!")
        referents = User.objects.bulk_create([
            User(username=f"bench-referent-{n:02d}", first_name=rng.choice(FIRST_NAMES),
                 last_name=rng.choice(LAST_NAMES),
                 email=f"referent-{n}@example.org", password="!") for n in range(12)
        ])
        referrer_users = User.objects.bulk_create([
            User(username=f"bench-referrer-{n:02d}", first_name=rng.choice(FIRST_NAMES),
                 last_name=rng.choice(LAST_NAMES),
                 email=f"referrer-{n}@example.org", password="!") for n in range(24)
        ])
        Referrer.objects.bulk_create([
            Referrer(user=user, institution=institutions[n % len(institutions)], job_title="Assistante sociale")
            for n, user in enumerate(referrer_users)
        ])
        groups = {name: Group.objects.get(name=name).pk
                  for name in (roles.COORDINATORS, roles.FIELD_REFERENTS, roles.REFERRERS)}
        Through = User.groups.through
        Through.objects.bulk_create(
            [Through(user_id=coordinator.pk, group_id=groups[roles.COORDINATORS])]
            + [Through(user_id=user.pk, group_id=groups[roles.FIELD_REFERENTS]) for user in referents]
            + [Through(user_id=user.pk, group_id=groups[roles.REFERRERS]) for user in referrer_users]
        )
        venue = Venue.objects.create(name="Maison de quartier des arènes romaines", address="Place Guy Hersant",
                                     postcode="31300", commune="Toulouse")
        events = []
        for n in range(30):
            start = at(today - datetime.timedelta(days=20 + 33 * n), 14)
            events.append(Event(kind=Event.Kind.DISCUSSION if n % 2 else Event.Kind.WORKSHOP,
                                title="Temps d'échange entre parents", description="Un temps convivial.", start=start,
                                end=start + datetime.timedelta(hours=2), venue=venue,
                                audience=Event.Audience.PUBLIC, capacity=20))
        Event.objects.bulk_create(events)
        udaf = institutions[6]
        DropInSession.objects.bulk_create([
            DropInSession(date=today + datetime.timedelta(days=14 * (n - 7)), start_time=datetime.time(9, 30),
                          end_time=datetime.time(12), place=udaf, families_seen=rng.randint(3, 9) if n < 8 else None)
            for n in range(12)
        ])
        setup = {"referents": len(referents), "referrers": len(referrer_users), "institutions": len(institutions)}

    referrers = list(Referrer.objects.order_by("pk"))
    referents = list(User.objects.filter(username__startswith="bench-referent-").order_by("pk"))
    coordinator = User.objects.get(username="bench-coordinator")
    locals_ = list(PartnerStructure.objects.exclude(pk__in=[r.institution_id for r in referrers]).order_by("pk"))
    events = list(Event.objects.filter(title="Temps d'échange entre parents").order_by("-start"))
    if not referrers or not referents or not events:
        raise SystemExit("No people or no events: the first stage sets them up (BENCH_SETUP).")

    families, plans = [], []
    for n in range(FIRST, LAST):
        rng = random.Random(n)
        referrer = rng.choice(referrers)
        name = person(rng)
        draw = rng.random()
        fields = dict(
            referrer=referrer, institution_id=referrer.institution_id, contact_name=name,
            phone=f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            email=f"famille-{n}@example.org" if rng.random() < 0.6 else "",
            address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}, "
                    f"31{rng.choice(['000', '100', '200', '300', '400', '500'])} Toulouse",
            reason=rng.choice(Family.Reason.values), reason_note=rng.choice(REASON_NOTES),
        )
        if draw < 0.10:  # closed long ago: due for erasure
            referred_days = rng.randint(900, 1095)
            closed_days = rng.randint(745, referred_days - 60)
            outcome = (rng.choice([Family.Outcome.REFUSED, Family.Outcome.UNREACHABLE]) if rng.random() < 0.15
                       else rng.choice([Family.Outcome.COLLECTIVE, Family.Outcome.STRUCTURE, Family.Outcome.ENDED,
                                        Family.Outcome.MOVED]))
            status = Family.Status.CLOSED
        elif draw < 0.25:  # closed within the retention period
            referred_days = rng.randint(90, 700)
            closed_days = rng.randint(10, referred_days - 60)
            outcome = rng.choice([Family.Outcome.COLLECTIVE, Family.Outcome.STRUCTURE, Family.Outcome.ENDED,
                                  Family.Outcome.MOVED, Family.Outcome.OTHER])
            status = Family.Status.CLOSED
        elif draw < 0.33:  # received, not yet assigned
            referred_days, closed_days, outcome, status = rng.randint(0, 150), None, "", Family.Status.RECEIVED
        else:
            referred_days, closed_days, outcome, status = rng.randint(14, 700), None, "", Family.Status.IN_PROGRESS
        referred_day = today - datetime.timedelta(days=referred_days)
        referred_at = moment(rng, referred_day)
        taken_up = status != Family.Status.RECEIVED
        last_day = today - datetime.timedelta(days=closed_days) if closed_days is not None else today
        family = Family(
            **fields, referred_at=referred_at, status=status, outcome=outcome,
            referent=rng.choice(referents) if taken_up else None,
            assigned_at=referred_at + datetime.timedelta(days=rng.randint(1, 6)) if taken_up else None,
            closed_at=moment(rng, last_day) if closed_days is not None else None,
            closing_summary=rng.choice(SUMMARIES) if closed_days is not None else "",
        )
        span = max((last_day - referred_day).days, 1)
        contacts = []
        steps = []
        if taken_up:
            days = sorted(rng.randint(min(3, span), span) for _ in range(rng.randint(4, 9)))
            for day in days:
                contacts.append(dict(date=referred_day + datetime.timedelta(days=day),
                                     kind=rng.choice(Contact.Kind.values), with_whom=rng.choice(Contact.With.values),
                                     note=rng.choice(CONTACT_NOTES) if rng.random() < 0.7 else "",
                                     author=family.referent))
            first = contacts[0]["date"]
            steps.append(dict(kind=Step.Kind.FIRST_HOME_VISIT, date=first))
            later = min(first + datetime.timedelta(days=rng.randint(7, 60)), last_day)
            place = rng.random()
            candidates = [e for e in events if first <= timezone.localdate(e.start) <= last_day]
            if place < 0.5 and candidates or place >= 0.9 and candidates:
                event = rng.choice(candidates)
                steps.append(dict(kind=Step.Kind.COLLECTIVE_SPACE, date=timezone.localdate(event.start), event=event))
            if 0.5 <= place < 0.9 or place >= 0.9 or (place < 0.5 and not candidates):
                steps.append(dict(kind=Step.Kind.LOCAL_STRUCTURE, date=later, structure=rng.choice(locals_)))
            for step in steps:
                step["recorded_by"] = family.referent
        consents = [dict(purpose=Consent.Purpose.CONTACT, given=True, recorded_at=referred_at,
                         recorded_by=referrer.user)]
        if taken_up:
            consents.append(dict(purpose=Consent.Purpose.SUPPORT, given=outcome not in Family.UNANSWERED_OUTCOMES,
                                 recorded_at=at(contacts[0]["date"], 10), recorded_by=family.referent))
        if closed_days is not None:
            consents.append(dict(purpose=Consent.Purpose.SHARE_SUMMARY, given=rng.random() < 0.7,
                                 recorded_at=family.closed_at, recorded_by=family.referent))
        logs = []
        for _ in range(2):
            elapsed = max(int((now - referred_at).total_seconds()), 1)
            when = referred_at + datetime.timedelta(seconds=rng.randint(0, elapsed))
            logs.append(dict(at=min(when, now), user=family.referent or coordinator, action=AccessLog.Action.VIEW))
        requests = []
        if rng.random() < 0.01:
            requests.append(dict(kind=rng.choice([DataRequest.Kind.ACCESS, DataRequest.Kind.CORRECTION]),
                                 received_on=today - datetime.timedelta(days=rng.randint(0, 20)),
                                 recorded_by=coordinator))
        families.append(family)
        plans.append((contacts, steps, consents, logs, requests))
    Family.objects.bulk_create(families, batch_size=500)
    rows = {Contact: [], Step: [], Consent: [], AccessLog: [], DataRequest: []}
    for family, (contacts, steps, consents, logs, requests) in zip(families, plans):
        rows[Contact] += [Contact(family=family, **fields) for fields in contacts]
        rows[Step] += [Step(family=family, **fields) for fields in steps]
        rows[Consent] += [Consent(family=family, **fields) for fields in consents]
        rows[AccessLog] += [AccessLog(family=family, reference=family.reference, **fields) for fields in logs]
        rows[DataRequest] += [DataRequest(family=family, **fields) for fields in requests]
    for model, objects in rows.items():
        model.objects.bulk_create(objects, batch_size=1000)
made_s = time.perf_counter() - started

closed, unanswered = (set(queryset.values_list("pk", flat=True)) for queryset in due_for_erasure(now))
log_limit = now - datetime.timedelta(days=730)
year = today.year - 1
print("BENCH " + json.dumps({
    "added": LAST - FIRST, "made_s": made_s, **setup,
    "families": Family.objects.count(),
    "by_status": {status: Family.objects.filter(status=status).count() for status in Family.Status.values},
    "contacts": Contact.objects.count(), "steps": Step.objects.count(), "consents": Consent.objects.count(),
    "log_entries": AccessLog.objects.count(),
    "open_requests": DataRequest.objects.filter(completed_at__isnull=True).count(),
    "due_closed": len(closed), "due_unanswered": len(unanswered),
    "due_log_entries": AccessLog.objects.filter(at__lt=log_limit).count(),
    "year": year, "in_year": Family.objects.filter(referred_at__year=year).count(),
}), flush=True)
"""

# The measurements. One line "BENCH {json}" per measurement.
MEASURE = PRELUDE + r"""
import collections, io, re
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from accounts.models import User
from home.models import OutgoingEmail
from support import crypto, retention
from support.factories import pass_second_factor
from support.models import Contact, Family
from support.statistics import programme_statistics

# No collectstatic: plain static storage (production's needs a manifest).
override_settings(STORAGES={
    **settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()

REPEAT = int(os.environ["BENCH_REPEAT"])
REPEAT_JOBS = int(os.environ["BENCH_REPEAT_JOBS"])
REPEAT_ROTATION = int(os.environ["BENCH_REPEAT_ROTATION"])
LAST_STAGE = bool(os.environ.get("BENCH_LAST_STAGE"))
OLD_KEY = settings.SUPPORT_ENCRYPTION_KEYS[0]
NEW_KEY = os.environ["BENCH_NEW_KEY"]
today = timezone.localdate()
year = today.year - 1

# Count the values decrypted and encrypted: EncryptedTextField.from_db_value and get_prep_value
# call the module's decrypt() and encrypt() by name, so wrapping them here counts every one.
COUNTS = collections.Counter()
_decrypt, _encrypt = crypto.decrypt, crypto.encrypt


def counting_decrypt(value):
    if value:
        COUNTS["decrypted"] += 1
    return _decrypt(value)


def counting_encrypt(text):
    if text:
        COUNTS["encrypted"] += 1
    return _encrypt(text)


crypto.decrypt, crypto.encrypt = counting_decrypt, counting_encrypt


def verified_client(user):
    return pass_second_factor(Client(HTTP_HOST="127.0.0.1"), user)


coordinator = User.objects.get(username="bench-coordinator")
referent = User.objects.get(username="bench-referent-00")
as_coordinator = verified_client(coordinator)
as_referent = verified_client(referent)

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
    COUNTS.clear()
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
        "decrypted": COUNTS["decrypted"], "encrypted": COUNTS["encrypted"],
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
           "decrypted": max(r["decrypted"] for r in runs), "encrypted": max(r["encrypted"] for r in runs),
           **extra}
    print("BENCH " + json.dumps(row, default=str), flush=True)


def measure(fn, before=None, after=None, repeat=REPEAT, warm_up=True, rolled_back=False):
    # One run to warm up (unless not `warm_up`), then `repeat`; `before` and `after` run
    # around each, outside the timing (`after` gets the result). With `rolled_back`, each run
    # is inside a transaction rolled back afterwards (the rollback outside the timing).
    results, runs = [], []
    for n in range(repeat + (1 if warm_up else 0)):
        if before:
            before()
        if rolled_back:
            with transaction.atomic():
                result, run = timed(fn)
                transaction.set_rollback(True)
        else:
            result, run = timed(fn)
        if after:
            after(result)
        if n or not warm_up:
            results.append(result)
            runs.append(run)
    return results, runs


def fetch(client, url):
    def request():
        response = client.get(url, secure=True)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, body
    return request


def check(results, url, expected=200):
    statuses = {status for status, _body in results}
    if statuses != {expected}:
        raise SystemExit(f"{url} answered {statuses}, not {expected}: is the session verified?")


def page_row(group, label, client, url, shown=None, **extra):
    results, runs = measure(fetch(client, url))
    check(results, url)
    body = results[-1][1]
    count = shown(body.decode("utf-8", "replace")) if shown else None
    if shown and not count:
        raise SystemExit(f"{url} shows nothing: the benchmark would measure an empty page")
    emit(group, label, runs, url=url, kb=len(body) / 1024, shown=count, **extra)
    OutgoingEmail.objects.all().delete()


def family_rows(html):
    return html.count('<th scope="row"><a href="/suivi-familles/familles/')


# 1. The dashboards and a family's record
open_families = Family.objects.exclude(status=Family.Status.CLOSED)
page_row("lists", "coordinator's dashboard: `/suivi-familles/`", as_coordinator, "/suivi-familles/", family_rows,
         detail=f"{open_families.count():,} open families: those to assign, the first page of 100 in progress, 20 closed")
page_row("lists", "field referent's dashboard: `/suivi-familles/`", as_referent, "/suivi-familles/", family_rows,
         detail=f"{Family.objects.filter(referent=referent).count():,} families of theirs")

record = (Family.objects.filter(status=Family.Status.IN_PROGRESS, referrer__isnull=False)
          .annotate(n_contacts=Count("contacts", distinct=True), n_steps=Count("steps", distinct=True))
          .filter(n_contacts=6, n_steps=2).order_by("pk").first())
if record is None:
    raise SystemExit("No family in progress with 6 contacts and 2 steps")
page_row("record", "a family's record, coordinator: `/suivi-familles/familles/<pk>/`", as_coordinator,
         f"/suivi-familles/familles/{record.pk}/", lambda html: html.count("<tr><td>"),
         detail=f"{record.reference}: 6 contacts, 2 steps")

# 2. The anonymised statistics of last year
in_year = Family.objects.filter(referred_at__year=year).count()
results, runs = measure(lambda: programme_statistics(year))
emit("statistics", "`programme_statistics(<last year>)`", runs, shown=in_year,
     detail=f"{in_year:,} families referred in {year}")
stats_url = f"/suivi-familles/statistiques/?annee={year}"
page_row("statistics", "statistics page: `/suivi-familles/statistiques/?annee=<last year>`", as_coordinator, stats_url,
         lambda html: in_year if "<caption" in html else 0)
page_row("statistics", "statistics CSV: `…&format=csv`", as_coordinator, stats_url + "&format=csv",
         lambda text: text.count("\n"))

# 3. Key rotation: every family and contact re-encrypted, committed; back and forth between
# the two keys, so that the data ends on the run's key.
rows = {"families": Family.objects.count(), "contacts": Contact.objects.count()}
direction = {"next": [NEW_KEY, OLD_KEY]}


def set_keys():
    keys = direction["next"]
    direction["override"] = override_settings(SUPPORT_ENCRYPTION_KEYS=keys)
    direction["override"].enable()
    direction["next"] = list(reversed(keys))


def unset_keys(output):
    direction["override"].disable()
    if "Re-encrypted" not in output:
        raise SystemExit(f"rotate_support_key said: {output}")


def rotate():
    out = io.StringIO()
    call_command("rotate_support_key", stdout=out)
    return out.getvalue()


results, runs = measure(rotate, before=set_keys, after=unset_keys, repeat=REPEAT_ROTATION, warm_up=False)
if direction["next"][0] == OLD_KEY:  # an odd number of runs: back to the run's key, untimed
    set_keys()
    unset_keys(rotate())
with override_settings(SUPPORT_ENCRYPTION_KEYS=[OLD_KEY]):
    for model in (Family, Contact):  # everything decrypts with the run's key alone
        for _instance in model.objects.iterator(chunk_size=2000):
            pass
total = rows["families"] + rows["contacts"]
emit("jobs", "`rotate_support_key` (call_command), every row, committed", runs, shown=total,
     detail=f"{rows['families']:,} families, {rows['contacts']:,} contacts", per=[total, "row re-encrypted"])

# 4. The retention job, about 10 % of the families due: rolled back after each run, then, at
# the last size, once for real.
# Distinct primary keys: the unanswered queryset joins the contacts (a family once per contact).
due = len(set().union(*(queryset.values_list("pk", flat=True)
                         for queryset in retention.due_for_erasure(timezone.now()))))
ERASED = re.compile(r"erased (\d+) closed supports, (\d+) unanswered")


def erased(report):
    found = ERASED.search(report)
    return int(found.group(1)) + int(found.group(2))


results, runs = measure(retention.erase_expired, repeat=REPEAT_JOBS, rolled_back=True)
if erased(results[-1]) != due:
    raise SystemExit(f"erase_expired erased {erased(results[-1])} families, {due} were due: {results[-1]}")
emit("retention", "`erase_expired()`, rolled back after each run", runs, shown=erased(results[-1]),
     detail=f"{due:,} of {Family.objects.count():,} families due", per=[erased(results[-1]), "family erased"])
if LAST_STAGE:
    results, runs = measure(retention.erase_expired, repeat=1, warm_up=False)
    emit("retention", "`erase_expired()`, committed (once, at the last size)", runs, shown=erased(results[-1]),
         detail=f"{due:,} families due", per=[erased(results[-1]), "family erased"])
"""


def run(command, **kwargs):
    """common.run(), showing more of a failed command's output and raising a short RuntimeError."""
    return common.run(command, tail=6000, wrap_errors=True, **kwargs)


def shell(env, script, show, **extra):
    """Run `script` with `manage.py shell -c`; its BENCH lines."""
    out = run([*MANAGE, "shell", "-c", script], cwd=ROOT, quiet=True, show=f"manage.py shell -c <{show}>",
              env={**env, **{key: str(value) for key, value in extra.items()}}).stdout
    return bench_lines(out)


def fernet_key():
    """A new Fernet key (32 random bytes, URL-safe base64), as Fernet.generate_key() makes."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def changed_since(commit):
    """The tracked files that differ between `commit` and the working tree, for the notes."""
    out = subprocess.run(["git", "diff", "--name-only", commit], cwd=ROOT, capture_output=True, text=True).stdout
    names = out.split()
    return ", ".join(f"`{name}`" for name in names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")


# -- The report -------------------------------------------------------------------------------

# A query run this many times in one measurement is named in the notes.
REPEATED = 15

# Measurements that should decrypt nothing (a note says when they do), and why.
DECRYPT_NOTHING = {
    "lists": "a list should load no encrypted column (support/views.py LIST_FIELDS).",
    "statistics": "the statistics should load no encrypted column.",
    "retention": "erasing should read nothing encrypted (support.retention.erase: a record a lost key cannot "
                 "open must still be erased).",
}


def table(rows):
    lines = [
        "| measurement | median ms | p95 ms | runs | queries | same query × | SQL ms | slowest query ms "
        "| decrypted | shown | KB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        kb = "" if row.get("kb") is None else f"{row['kb']:.0f}"
        detail = f" ({row['detail']})" if row.get("detail") else ""
        lines.append(
            f"| {row['label']}{detail} | {row['median_ms']:.0f} | {row['p95_ms']:.0f} | {row['n']} "
            f"| {fmt_queries(row)} "
            f"| {row['repeats']} | {row['sql_ms']:.0f} | {row['slowest_ms']:.0f} | {row['decrypted']:,} "
            f"| {shown_cell(row)} | {kb} |"
        )
    return lines


def comparison(stages):
    """Each measurement at the first and the last size: time, queries, whether they grow."""
    first, last = stages[0], stages[-1]
    before = {row["label"]: row for row in first["rows"]}
    lines = [
        f"| measurement | median ms at {first['families']:,} | at {last['families']:,} | × | queries at "
        f"{first['families']:,} | at {last['families']:,} | queries grow with the families? "
        f"| decrypted at {first['families']:,} | at {last['families']:,} |",
        "|---|--:|--:|--:|--:|--:|---|--:|--:|",
    ]
    for row in last["rows"]:
        old = before.get(row["label"])
        if old is None:
            continue
        if grows(old, row):
            grows_cell = f"**yes** (× {row['queries'] / max(old['queries'], 1):.1f}{per_item(old, row)})"
        elif row["queries_max"] != old["queries_max"]:
            grows_cell = f"no ({row['queries_max'] - old['queries_max']:+g})"
        else:
            grows_cell = "no (flat)"
        lines.append(
            f"| {row['label']} | {old['median_ms']:.0f} | {row['median_ms']:.0f} "
            f"| {row['median_ms'] / max(old['median_ms'], 0.1):.1f} | {fmt_queries(old)} | {fmt_queries(row)} "
            f"| {grows_cell} | {old['decrypted']:,} | {row['decrypted']:,} |"
        )
    return lines


def notes_for(stages):
    """Measurements whose queries grow with the number of families, whose time grows much
    faster, that repeat one query, that take over a second, or lists that decrypt."""
    notes = []
    if len(stages) >= 2:
        first, last = stages[0], stages[-1]
        factor = last["families"] / first["families"]
        before = {row["label"]: row for row in first["rows"]}
        for row in last["rows"]:
            old = before.get(row["label"])
            if old is None:
                continue
            if grows(old, row):
                notes.append(f"{row['label']}: {fmt_queries(old)} queries at {first['families']:,} families, "
                             f"{fmt_queries(row)} at {last['families']:,}: the number of queries grows"
                             f"{per_item(old, row)} (most repeated, × {old['repeats']} then × {row['repeats']}: "
                             f"`{row['repeated_sql'][:160]}…`).")
            ratio = row["median_ms"] / max(old["median_ms"], 0.1)
            if ratio >= 1.5 and row["median_ms"] - old["median_ms"] >= 30:
                notes.append(f"{row['label']}: {old['median_ms']:.0f} ms at {first['families']:,} families, "
                             f"{row['median_ms']:.0f} ms at {last['families']:,} (× {ratio:.1f} for × {factor:.0f} "
                             f"families); SQL {old['sql_ms']:.0f} → {row['sql_ms']:.0f} ms.")
    seen = set()
    for stage in reversed(stages):
        for row in stage["rows"]:
            if row["group"] in DECRYPT_NOTHING and row["decrypted"] and ("decrypt", row["label"]) not in seen:
                seen.add(("decrypt", row["label"]))
                notes.append(f"{row['label']} decrypted {row['decrypted']:,} values at {stage['families']:,} families: "
                             f"{DECRYPT_NOTHING[row['group']]}")
            if row["repeats"] >= REPEATED and row["label"] not in seen:
                seen.add(row["label"])
                per = ""
                if row.get("per") and row["per"][0]:
                    count, noun = row["per"]
                    per = (f" ({row['queries'] / count:.1f} queries, {row['decrypted'] / count:.1f} values decrypted "
                           f"and {row['median_ms'] / count:.2f} ms per {noun}, {count:,} of them)")
                shapes = "; ".join(f"× {count:,} `{sql}`" for count, sql in row["shapes"][:5])
                notes.append(f"{row['label']}: one query ran {row['repeats']:,} times (with other values) at "
                             f"{stage['families']:,} families{per}. The most repeated queries: {shapes}")
    for stage in stages:
        for row in stage["rows"]:
            if row["median_ms"] > 1000:
                notes.append(f"{row['label']} takes {row['median_ms'] / 1000:.1f} s (median) at "
                             f"{stage['families']:,} families, {fmt_queries(row)} queries "
                             f"({row['sql_ms'] / 1000:.1f} s in SQL); its slowest query ({row['slowest_ms']:.0f} ms): "
                             f"`{row['slowest_sql'][:200]}…`")
    return notes


def data_line(stage):
    data = stage["data"]
    statuses = data["by_status"]
    return (
        f"{data['added']:,} families added in {data['made_s']:.0f} s (bulk, encryption included). In the database: "
        f"{data['families']:,} families ({statuses['received']:,} received, {statuses['in_progress']:,} in progress, "
        f"{statuses['closed']:,} closed), {data['contacts']:,} contacts, {data['steps']:,} steps, "
        f"{data['consents']:,} consents, {data['log_entries']:,} read-log entries, {data['open_requests']:,} open data "
        f"requests; {data['in_year']:,} referred in {data['year']}. Due for erasure: {data['due_closed']:,} closed "
        f"supports, {data['due_unanswered']:,} refused or unanswered referrals, {data['due_log_entries']:,} read-log "
        f"entries. Other processes took {stage['busy']:.0f} % of the CPUs during the measurements."
    )


def report(stages, info, args, command, notes, setup):
    lines = [
        "# Family support benchmark (dashboards, a family's record, statistics, key rotation, retention)",
        "",
        f"Produced by `{command}` on {info['date']}, code at `{info['revision']}`.",
        "",
        f"**Machine:** {info['nproc']} CPU ({info['cpu']}), {info['ram']} RAM, Linux {info['kernel']}; "
        f"{info['python']}, {info['django']}, {info['wagtail']}, {info['database']}.",
        "",
        "**Set-up:** in-process (`manage.py shell -c`), config.settings.production (DEBUG off, local-memory "
        "cache, plain static storage instead of the manifest), a Fernet key generated for the run, no HTTP "
        "server: pages through django.test.Client, `secure=True`, as the coordinator or a field referent whose "
        "session passed the second factor. "
        f"{setup['referents']} field referents and {setup['referrers']} referring professionals of "
        f"{setup['institutions']} institutions at every size; families spread over three years, each taken-up "
        "family with about 6 contacts and 2 steps, 10 % closed long ago (due for erasure). Each measurement runs "
        f"once to warm up, then *runs* times ({args.repeat}; the retention job {args.repeat_jobs}; the key "
        f"rotation {args.repeat_rotation}, without warm-up): *median ms* and *p95 ms* (95th percentile, "
        "interpolated) are wall times of those runs; *queries* is the median number of SQL queries (the range "
        "when it varies), *SQL ms* their median total time, *same query ×* how many times the most repeated "
        "query (the same SQL but for its values) ran in the last run (named in the notes from "
        f"{REPEATED} times), *slowest query ms* the slowest single query seen; both SQL times are measured "
        "around each query in the driver (`connection.execute_wrapper`), BEGIN and COMMIT included. "
        "*decrypted*: the encrypted values (non-empty) decrypted in a run (support.crypto.decrypt counted). "
        "*shown*: the families listed on a dashboard, the contacts on the record, the families referred in "
        "the statistics' year (the CSV: its lines), the rows re-encrypted, the families erased. The key rotation "
        "commits each run (the next one rotates back); the retention job runs in a transaction rolled back after "
        "each run (its per-family transactions become savepoints), except its last, committed row. See the "
        "docstring of bench/support.py for how the data is made. "
        + ("PostgreSQL's statistics are refreshed (`ANALYZE`) after adding families."
           if args.analyze and not args.sqlite else "Statistics not refreshed after adding families."),
        "",
    ]
    for stage in stages:
        lines += [f"## {stage['families']:,} families", "", data_line(stage), "", *table(stage["rows"]), ""]
    if len(stages) >= 2:
        lines += ["## Does it grow with the number of families?", "", *comparison(stages), ""]
    if notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    return "\n".join(lines)


# -- Main -------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 then 500 families")
    parser.add_argument("--sqlite", action="store_true", help="a throwaway SQLite file instead of PostgreSQL")
    parser.add_argument("--repeat", type=int, default=20, help="measured runs of each page and of the statistics")
    parser.add_argument("--repeat-jobs", type=int, default=5, help="measured runs of the retention job")
    parser.add_argument("--repeat-rotation", type=int, default=3, help="measured runs of the key rotation")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--wait-quiet", type=int, default=60, metavar="SECONDS",
                        help="before measuring, wait at most this long for other processes to calm down (0: never)")
    parser.add_argument("--no-analyze", dest="analyze", action="store_false",
                        help="measure without refreshing PostgreSQL's statistics after adding families")
    args = parser.parse_args()
    if min(args.repeat, args.repeat_jobs, args.repeat_rotation) < 1:
        parser.error("every --repeat must be at least 1")
    counts = [100, 500] if args.quick else [500, 5000]
    command = " ".join([".venv/bin/python bench/support.py", *sys.argv[1:]])

    # SIGTERM (a CI timeout, kill) goes through the same clean-up as Ctrl-C.
    exit_on_sigterm()
    require([] if args.sqlite else ["createdb", "dropdb", "psql"])

    workdir = tempfile.mkdtemp(prefix="parentescence-bench-support-")
    database = throwaway_database(args.sqlite, DB_NAME, workdir, run=run)
    # No worker runs, but never to a real mail server in any case. The families' key is the
    # run's own (bench.common.production_env).
    env = production_env(database.url, workdir,
                         EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    stages, setup = [], {}
    try:
        code = code_state(ROOT)
        build_site(database, env, run=run)
        info = machine_info(database)
        previous = 0
        for stage, count in enumerate(counts, start=1):
            data = shell(env, POPULATE, f"add {count - previous:,} families, their contacts and steps",
                         BENCH_FROM=previous, BENCH_TO=count, **({"BENCH_SETUP": "1"} if stage == 1 else {}))[0]
            if stage == 1:
                setup = {key: data[key] for key in ("referents", "referrers", "institutions")}
            print(f"  {data['added']:,} families added in {data['made_s']:.0f} s: {data['families']:,} families, "
                  f"{data['contacts']:,} contacts, {data['due_closed'] + data['due_unanswered']:,} due for erasure",
                  flush=True)
            if args.analyze:
                database.analyze()  # as autovacuum would within minutes of a bulk import
            print(f"{count:,} families; measuring:", flush=True)
            if args.wait_quiet:
                wait_until_quiet(DB_NAME, args.wait_quiet)
            rows, busy = others_share(DB_NAME, lambda: shell(
                env, MEASURE, "measure", BENCH_REPEAT=args.repeat, BENCH_REPEAT_JOBS=args.repeat_jobs,
                BENCH_REPEAT_ROTATION=args.repeat_rotation, BENCH_NEW_KEY=fernet_key(),
                **({"BENCH_LAST_STAGE": "1"} if stage == len(counts) else {})))
            for row in rows:
                print(f"  {row['label'][:80]:<80} median {row['median_ms']:>7.0f} ms  p95 {row['p95_ms']:>7.0f} ms  "
                      f"{fmt_queries(row):>11} queries  SQL {row['sql_ms']:.0f} ms  {row['decrypted']:,} decrypted",
                      flush=True)
            print(f"  (other processes took {busy:.0f} % of the CPUs meanwhile)", flush=True)
            stages.append({"families": count, "data": data, "rows": rows, "busy": busy})
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
