"""Benchmark: the treasurer's side of membership (the `fees` app) as the number of members grows.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust authentication), after `make install`.
From the project's root:

    .venv/bin/python bench/fees.py            # 1,000 then 10,000 members (~6 min)
    .venv/bin/python bench/fees.py --quick    # 200 then 1,000 members, to try it out
    .venv/bin/python bench/fees.py --sqlite   # on a throwaway SQLite file instead of PostgreSQL

It builds a throwaway database (PostgreSQL `parentescence_bench_fees`, dropped first; or an
SQLite file in a temporary folder), runs `migrate`, `build_content` and `generate_fake_members`
(the second count adds the difference under another --seed), then gives the new members
realistic fee data, in bulk: each membership is moved so that its end date falls anywhere in
the coming year (80 %: about 8 % of them end within 30 days) or in the last 400 days (20 %,
lapsed); 5 % of the current members get an earlier period they renewed before its end; every
period has its payment (cheque, transfer, HelloAsso or cash, 30 €), with sequential receipt
numbers per year of payment and `ReceiptCounter` set accordingly. PostgreSQL's statistics are
then refreshed (`ANALYZE`, as autovacuum would; --no-analyze to skip).

Then, in one process per member count (`manage.py shell -c`, config.settings.production,
DEBUG off, local-memory cache, no HTTP server), each of these is run once to warm up, then
--repeat (5) times, for its wall time (median and max) and its SQL queries
(CaptureQueriesContext: how many, their total time, the slowest one):

1. `fees.reports.board_report(<this year>)`;
2. the board report page, its CSV and its XLSX (`/admin/cotisations/rapports/`, `?format=`);
3. the members listing `/admin/cotisations/adherents/` (first page), `?state=lapsed`, and its
   exports `?export=csv` / `?export=xlsx` (every member);
4. the payments listing `/admin/cotisations/paiements/` and `?export=xlsx`;
5. `fees.notices.send_membership_notices()` from a fresh state (notices, outbox and the
   worker's queue emptied before each repetition): the first run of the day sends every due
   notice, the second run the same day sends none;
6. `fees.membership.record_payment` for 100 members in a row (chosen at random, current and
   lapsed): time and queries per payment, receipt PDF and e-mail included.

Pages are requested with django.test.Client, logged in (force_login) as a member of the
"Treasurer" group, over "https" (`secure=True`: production redirects http). E-mails go
into the outbox (home/mail.py) and the worker's queue (django-q2's ORM broker: REDIS_URL is
unset), and no worker runs: nothing is ever sent (EMAIL_DELIVERY_BACKEND is locmem anyway).
Static files are served by Django's plain storage (no `collectstatic`, no manifest): the
only difference with production is the manifest lookup of each `{% static %}` URL.

The figures and the machine are written to bench/results/fees.md and printed. The database is
dropped at the end, even on failure or Ctrl-C.

Caveats: in-process timings, without an HTTP server, a network or a browser: a page's real
latency adds gunicorn and the proxy (see bench/directory.py). The database runs on the same
machine and competes for the CPU with the measuring process: compare runs on the same machine
only, when nothing else runs. The 10,000-member figures are taken on the database of the first
stage plus 9,000 members (the first stage's 100 recorded payments included).
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

import common
from common import (
    bench_lines, fmt_queries, machine_info,
    MANAGE, ROOT, add_members, build_site, check_tree, drop, exit_on_sigterm, production_env,
    require, throwaway_database,
)

RESULTS = ROOT / "bench" / "results" / "fees.md"

DB_NAME = "parentescence_bench_fees"

# -- Run inside the project (manage.py shell -c) -----------------------------------------------

# Fee data for the members generate_fake_members just added (usernames bench-<seed>-<n>).
POPULATE = r"""
import datetime, json, os, random
from collections import defaultdict
from decimal import Decimal
from django.db import transaction
from django.utils import timezone
from fees.models import Payment, ReceiptCounter
from network.models import Membership
from network.models.membership import one_year_from

seed = int(os.environ["BENCH_SEED"])
rng = random.Random(1000 + seed)
today = timezone.localdate()
day = datetime.timedelta(days=1)
fee = Decimal("30.00")
methods = ["cheque"] * 40 + ["transfer"] * 35 + ["helloasso"] * 20 + ["cash"] * 5

with transaction.atomic():
    memberships = list(
        Membership.objects.filter(user__username__startswith=f"bench-{seed}-", payment__isnull=True)
        .select_related("user").order_by("user_id")
    )
    renewed = []  # (earlier period, its payment date)
    for membership in memberships:
        if rng.random() < 0.8:  # current: ends within the coming year
            start = today - datetime.timedelta(days=rng.randint(0, 364))
        else:  # lapsed: ended within the last 400 days
            start = today - datetime.timedelta(days=rng.randint(366, 765))
        membership.start_date, membership.end_date = start, one_year_from(start)
        membership.source = Membership.Source.PAYMENT
        if membership.end_date >= today and rng.random() < 0.05 / 0.8:  # renewed before the end
            earlier_start = start - datetime.timedelta(days=365)
            renewed.append(Membership(user=membership.user, start_date=earlier_start, end_date=start - day,
                                      source=Membership.Source.PAYMENT))
            membership.paid_on = max(earlier_start, start - datetime.timedelta(days=rng.randint(1, 20)))
        else:
            membership.paid_on = start
    Membership.objects.bulk_update(memberships, ["start_date", "end_date", "source"], batch_size=1000)
    Membership.objects.bulk_create(renewed, batch_size=1000)
    for period in renewed:
        period.paid_on = period.start_date
    paid = sorted(memberships + renewed, key=lambda m: (m.paid_on, m.user_id))
    last = {c.year: c.last for c in ReceiptCounter.objects.all()}
    payments = []
    for n, membership in enumerate(paid):
        year = membership.paid_on.year
        last[year] = last.get(year, 0) + 1
        method = rng.choice(methods)
        user = membership.user
        payments.append(Payment(
            receipt_year=year, receipt_sequence=last[year], user=user,
            payer_name=f"{user.first_name} {user.last_name}", paid_on=membership.paid_on, amount=fee,
            method=method, reference=f"{rng.randint(1000000, 9999999)}" if method == "cheque" else "",
            membership=membership,
            helloasso_payment_id=f"bench-{seed}-{n}" if method == "helloasso" else None,
        ))
    Payment.objects.bulk_create(payments, batch_size=1000)
    for year, number in last.items():
        ReceiptCounter.objects.update_or_create(year=year, defaults={"last": number})
print("BENCH " + json.dumps({
    "members": len(memberships), "renewed": len(renewed), "payments": len(payments),
    "lapsed": sum(m.end_date < today for m in memberships),
    "ending_30": sum(0 <= (m.end_date - today).days < 30 for m in memberships),
}))
"""

# The measurements, with production settings. One line "BENCH {json}" per measurement.
MEASURE = r"""
import collections, io, json, os, random, statistics, time
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_q.models import OrmQ
from accounts.models import User
from fees import membership as rules
from fees.listing import members_queryset
from fees.models import MembershipNotice, Payment
from fees.notices import send_membership_notices
from fees.reports import board_report
from home.models import OutgoingEmail

# No collectstatic: plain static storage (production's needs a manifest).
from django.conf import settings
override_settings(STORAGES={
    **settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()

REPEAT = int(os.environ["BENCH_REPEAT"])
year = timezone.localdate().year
treasurer, _ = User.objects.get_or_create(
    username="bench-treasurer", defaults={"email": "tresorier@example.invalid", "first_name": "Thomas",
                                          "last_name": "Trésorier", "password": "!"})
treasurer.groups.add(Group.objects.get(name="Treasurer"))
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(treasurer)


# CaptureQueriesContext counts from the length of connection.queries_log, a deque of at most
# 9,000 queries: once full, it would count none. Emptied before each measurement, and larger.
connection.queries_log = collections.deque(maxlen=1_000_000)


def timed(fn):
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - started
    times = [float(q["time"]) * 1000 for q in captured.captured_queries]
    slowest = max(range(len(times)), key=times.__getitem__) if times else None
    return result, {
        "ms": seconds * 1000, "queries": len(times), "sql_ms": sum(times),
        "slowest_ms": times[slowest] if times else 0,
        "slowest_sql": captured.captured_queries[slowest]["sql"][:400] if times else "",
    }


def emit(group, label, runs, **extra):
    ms = [r["ms"] for r in runs]
    slowest = max(runs, key=lambda r: r["slowest_ms"])
    row = {"group": group, "label": label, "n": len(runs), "median_ms": statistics.median(ms), "max_ms": max(ms),
           "queries": statistics.median(r["queries"] for r in runs),
           "queries_max": max(r["queries"] for r in runs), "queries_min": min(r["queries"] for r in runs),
           "sql_ms": statistics.median(r["sql_ms"] for r in runs),
           "slowest_ms": slowest["slowest_ms"], "slowest_sql": slowest["slowest_sql"], **extra}
    print("BENCH " + json.dumps(row, default=str), flush=True)


def measure(group, label, fn, **extra):
    fn()  # warm-up, not counted
    results, runs = [], []
    for _ in range(REPEAT):
        result, run = timed(fn)
        results.append(result)
        runs.append(run)
    return results, runs


def get(url):
    def fetch():
        response = client.get(url, secure=True)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, body
    return fetch


def rows_of(url, body):
    if "csv" in url:
        return body.decode("utf-8-sig").count("\n") - 1
    if "xlsx" in url:
        from openpyxl import load_workbook
        book = load_workbook(io.BytesIO(body), read_only=True)
        return sum(sum(1 for _row in sheet.iter_rows()) - (2 if "rapports" in url else 1) for sheet in book.worksheets)
    return None


# 1. The board's report, computed
results, runs = measure("report", "board_report", lambda: board_report(year))
emit("report", f"`fees.reports.board_report({year})`", runs, rows=results[-1].members)

# 2-4. Pages and exports
PAGES = [
    ("report", "/admin/cotisations/rapports/"),
    ("report", "/admin/cotisations/rapports/?format=csv"),
    ("report", "/admin/cotisations/rapports/?format=xlsx"),
    ("members", "/admin/cotisations/adherents/"),
    ("members", "/admin/cotisations/adherents/?state=lapsed"),
    ("members", "/admin/cotisations/adherents/?export=csv"),
    ("members", "/admin/cotisations/adherents/?export=xlsx"),
    ("payments", "/admin/cotisations/paiements/"),
    ("payments", "/admin/cotisations/paiements/?export=xlsx"),
]
for group, url in PAGES:
    results, runs = measure(group, url, get(url))
    statuses = {status for status, _body in results}
    if statuses != {200}:
        raise SystemExit(f"{url} answered {statuses}, not 200")
    body = results[-1][1]
    emit(group, f"`{url}`", runs, kb=len(body) / 1024, rows=rows_of(url, body))

# 5. The daily notices: first run of the day from a fresh state, then a second run the same day
def fresh():
    MembershipNotice.objects.all().delete()
    OutgoingEmail.objects.all().delete()
    OrmQ.objects.all().delete()

fresh()
send_membership_notices()  # warm-up
firsts, seconds = [], []
sent_first, sent_second = set(), set()
for _ in range(REPEAT):
    fresh()
    sent, run = timed(send_membership_notices)
    sent_first.add(sent)
    firsts.append(run)
    sent, run = timed(send_membership_notices)
    sent_second.add(sent)
    seconds.append(run)
outbox = OutgoingEmail.objects.count()
emit("notices", "`send_membership_notices()`, first run of the day", firsts, sent=sorted(sent_first), outbox=outbox)
emit("notices", "`send_membership_notices()`, second run the same day", seconds, sent=sorted(sent_second))

# 6. Recording payments, one after another
members = list(members_queryset().exclude(pk=treasurer.pk).order_by("pk").values_list("pk", "membership_state"))
chosen = random.Random(7).sample(members, 101)
payments_before = Payment.objects.count()
runs = []
for n, (pk, _state) in enumerate(chosen):
    user = User.objects.get(pk=pk)
    _payment, run = timed(lambda: rules.record_payment(
        user, paid_on=timezone.localdate(), amount=rules.fee_amount(), method="cheque", reference=str(n),
        recorded_by=treasurer))
    if n:  # the first one warms up
        runs.append(run)
assert Payment.objects.count() == payments_before + 101
states = {}
for _pk, state in chosen[1:]:
    states[state] = states.get(state, 0) + 1
emit("payments", "`fees.membership.record_payment`, per payment (100 in a row)", runs,
     states=states, total_s=sum(r["ms"] for r in runs) / 1000)
"""


def run(command, **kwargs):
    """common.run(), showing more of a failed command's output and raising a short RuntimeError."""
    return common.run(command, tail=6000, wrap_errors=True, **kwargs)


# -- The report -------------------------------------------------------------------------------


def table(rows):
    lines = [
        "| measurement | median ms | max ms | queries | SQL ms | slowest query ms | rows | KB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        rows_cell = row.get("rows")
        if "sent" in row:
            rows_cell = "sent " + "/".join(str(n) for n in row["sent"])
        kb = "" if row.get("kb") is None else f"{row['kb']:.0f}"
        lines.append(
            f"| {row['label']} | {row['median_ms']:.0f} | {row['max_ms']:.0f} | {fmt_queries(row)} "
            f"| {row['sql_ms']:.0f} | {row['slowest_ms']:.0f} "
            f"| {'' if rows_cell is None else rows_cell} | {kb} |"
        )
    return lines


def growth_notes(stages):
    """Measurements whose number of queries changes with the number of members."""
    if len(stages) < 2:
        return []
    notes = []
    first, last = stages[0], stages[-1]
    before = {row["label"]: row for row in first["rows"]}
    for row in last["rows"]:
        old = before.get(row["label"])
        if old is None or "sent" in row:  # notices: one message, several queries, per member due
            continue
        if row["queries_max"] > old["queries_max"]:
            notes.append(f"{row['label']}: {old['queries_max']} queries at {first['members']:,} members, "
                         f"{row['queries_max']} at {last['members']:,}: the number of queries grows.")
    for stage in stages:
        for row in stage["rows"]:
            if row["group"] != "notices" and "record_payment" not in row["label"] and row["median_ms"] > 2000:
                notes.append(f"{row['label']} takes {row['median_ms'] / 1000:.1f} s (median) at "
                             f"{stage['members']:,} members; its slowest query ({row['slowest_ms']:.0f} ms): "
                             f"`{row['slowest_sql'][:200]}…`")
    return notes


def report(stages, info, args, command, notes):
    lines = [
        "# Fees benchmark (the treasurer's side of membership)",
        "",
        f"Produced by `{command}` on {info['date']}, code at `{info['revision']}`.",
        "",
        f"**Machine:** {info['nproc']} CPU ({info['cpu']}), {info['ram']} RAM, Linux {info['kernel']}; "
        f"{info['python']}, {info['django']}, {info['wagtail']}, {info['database']}.",
        "",
        "**Set-up:** in-process (`manage.py shell -c`), config.settings.production (DEBUG off, local-memory "
        "cache, plain static storage instead of the manifest), no HTTP server: pages through "
        "django.test.Client, logged in as a treasurer, `secure=True`. Each measurement runs once to warm up, "
        f"then {args.repeat} times: *median ms* and *max ms* are wall times of those runs (a page: the whole "
        "response, a streamed export read to the end); *queries* is the median number of SQL queries (the "
        "range when it varies), *SQL ms* their median total time, *slowest query ms* the slowest single "
        "query seen; *rows* is the report's members, the rows of an export, or the notices sent in each "
        "run. `send_membership_notices()` runs from a fresh state each time (notices, outbox and the "
        "worker's queue emptied), then a second time the same day. `record_payment` is timed per payment, "
        "for 100 members in a row (after one to warm up), each in its own transaction, its receipt PDF and "
        "e-mail (into the outbox) included. Mail goes to the outbox and django-q2's ORM queue; no worker runs. "
        + ("PostgreSQL's statistics are refreshed (`ANALYZE`) after adding members and fees."
           if args.analyze and not args.sqlite else "Statistics not refreshed after adding members."),
        "",
    ]
    for stage in stages:
        data = stage["data"]
        lines += [
            f"## {stage['members']:,} members",
            "",
            f"`generate_fake_members {stage['added']}` and the fee data took {stage['seconds']:.0f} s: "
            f"{data['payments']:,} payments added for {data['members']:,} members ({data['renewed']:,} with a "
            f"renewed earlier period; {data['lapsed']:,} lapsed, {data['ending_30']:,} ending within 30 days).",
            "",
            *table(stage["rows"]),
            "",
        ]
        payment = next((r for r in stage["rows"] if "record_payment" in r["label"]), None)
        if payment:
            states = ", ".join(f"{n} {state}" for state, n in sorted(payment["states"].items()))
            lines += [f"100 payments recorded in {payment['total_s']:.1f} s ({states} before paying).", ""]
    if notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    return "\n".join(lines)


# -- Main -------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 then 1,000 members")
    parser.add_argument("--sqlite", action="store_true", help="a throwaway SQLite file instead of PostgreSQL")
    parser.add_argument("--repeat", type=int, default=5, help="measured runs of each measurement")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--no-analyze", dest="analyze", action="store_false",
                        help="measure without refreshing PostgreSQL's statistics after adding members")
    args = parser.parse_args()
    counts = [200, 1000] if args.quick else [1000, 10000]
    command = " ".join([".venv/bin/python bench/fees.py", *sys.argv[1:]])

    # SIGTERM (a CI timeout, kill) goes through the same clean-up as Ctrl-C.
    exit_on_sigterm()
    require([] if args.sqlite else ["createdb", "dropdb", "psql"])

    workdir = tempfile.mkdtemp(prefix="parentescence-bench-fees-")
    database = throwaway_database(args.sqlite, DB_NAME, workdir, run=run)
    # Nothing is delivered (no worker runs), but never to a real mail server in any case.
    env = production_env(database.url, workdir,
                         EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    stages, notes = [], []
    try:
        build_site(database, env, run=run)
        info = machine_info(database)
        previous = 0
        for seed, count in enumerate(counts, start=1):
            started = time.monotonic()
            added = count - previous
            add_members(env, added, seed, run=run)
            notes += check_tree(env, count, "members", run=run)
            out = run([*MANAGE, "shell", "-c", POPULATE], env={**env, "BENCH_SEED": str(seed)}, cwd=ROOT,
                      quiet=True, show="manage.py shell -c <add payments, spread end dates, renewals>").stdout
            data = bench_lines(out)[0]
            seconds = time.monotonic() - started
            if args.analyze:
                database.analyze()  # as autovacuum would within minutes of a bulk import
            print(f"{count:,} members ({added:,} added, with their fees, in {seconds:.0f} s); measuring:", flush=True)
            out = run([*MANAGE, "shell", "-c", MEASURE], env={**env, "BENCH_REPEAT": str(args.repeat)}, cwd=ROOT,
                      quiet=True, show="manage.py shell -c <measure>").stdout
            rows = bench_lines(out)
            for row in rows:
                print(f"  {row['label']:<75} median {row['median_ms']:>7.0f} ms  max {row['max_ms']:>7.0f} ms  "
                      f"{fmt_queries(row):>9} queries  slowest query {row['slowest_ms']:.0f} ms", flush=True)
            stages.append({"members": count, "added": added, "seconds": seconds, "data": data, "rows": rows})
            previous = count
        notes += growth_notes(stages)
        text = report(stages, info, args, command, notes)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text)
        print()
        print(text)
        print(f"Written to {args.output}.")
    finally:
        drop(database, workdir)


if __name__ == "__main__":
    main()
