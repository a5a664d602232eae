"""Benchmark: the site search, how well it finds (precision at 3) and what a request costs in
CPU as the directory grows to 10,000 profiles, on SQLite and on PostgreSQL.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust authentication), after `make install`.
From the project's root:

    .venv/bin/python bench/search.py            # SQLite then PostgreSQL, 10,000 profiles (~8 min)
    .venv/bin/python bench/search.py --quick    # 1,000 profiles, fewer runs, to try it out
    .venv/bin/python bench/search.py --sqlite   # SQLite only (--postgres: PostgreSQL only)

For each database it builds a throwaway one (an SQLite file in a temporary folder, or the
PostgreSQL database `parentescence_bench_search`, dropped first and at the end), runs `migrate`
and `build_content`, then in `manage.py shell -c` processes (config.settings.production, DEBUG
off, local-memory cache, plain static storage instead of the manifest, no HTTP server; pages through django.test.Client, `secure=True`):

1. Relevance: the demo members (`network.demo.create_demo_members`), `update_index`, then the
   queries of home/search/relevance.py through `/recherche/`: precision at 3 (per query, the
   share of the pages it must find that are among the first three results; the mean).
2. Cost: `generate_fake_members` adds profiles up to --profiles (10,000), `update_index`
   indexes them (timed), PostgreSQL's statistics are refreshed (`ANALYZE`, as autovacuum
   would). Each URL is requested --warmup times, then --repeat times: *CPU ms* is the CPU
   time of the Python process per request (time.process_time: on SQLite the database's work
   is in it), *DB CPU ms* that of the PostgreSQL backend serving the connection (from
   /proc/<pg_backend_pid()>/stat, PostgreSQL on the same machine), *wall ms* the median wall
   time; *queries* the SQL queries of one request, *results* the count the page shows. The
   "empty cache" row empties the cache before each request (the set of visible pages, the
   navigation and the footer are built again each time).
   Relevance is computed again at that size (fake profiles compete with the demo ones).

The figures, the machine and the code's commit are written to bench/results/search.md.
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from common import (
    MANAGE, ROOT, bench_lines, build_site, code_state, drop, exit_on_sigterm, machine_info, others_share,
    production_env, require, run, throwaway_database, wait_until_quiet,
)

RESULTS = ROOT / "bench" / "results" / "search.md"
DB_NAME = "parentescence_bench_search"

URLS = [
    ("search page, no query", "/recherche/"),
    ("a word of most profiles", "/recherche/?q=parents"),
    ("a profession", "/recherche/?q=sage-femme"),
    ("a profession, page 3", "/recherche/?q=sage-femme&page=3"),
    ("a need, plural, no accent", "/recherche/?q=allaitements"),
    ("two words, none has both (any word)", "/recherche/?q=zzzz+sommeil"),
    # Every request after an emptied cache: the set of visible pages, the navigation and the
    # footer built again (the first search after a page is published, say).
    ("a word of most profiles, empty cache", "/recherche/?q=parents", "cold"),
]

RELEVANCE = """
# No collectstatic: plain static storage (production's needs a manifest).
from django.conf import settings
from django.test.utils import override_settings
override_settings(STORAGES={
    **settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
import html, json, re
from django.test import Client
from home.search.relevance import QUERIES, precision_at_3
if __import__("os").environ.get("BENCH_DEMO"):
    from network.demo import create_demo_members
    create_demo_members(password=None)
    from django.core.management import call_command
    call_command("update_index", verbosity=0)
client = Client(HTTP_HOST="127.0.0.1")
title = re.compile(r'<h3><a href="[^"]+">([^<]+)</a>')
def search(query):
    response = client.get("/recherche/", {"q": query}, secure=True)
    assert response.status_code == 200, response.status_code
    return [html.unescape(t) for t in title.findall(response.content.decode())]
precision, misses = precision_at_3(search)
print("BENCH " + json.dumps({"precision": precision, "queries": len(QUERIES), "misses": misses}))
"""

MEASURE = """
# No collectstatic: plain static storage (production's needs a manifest).
from django.conf import settings
from django.test.utils import override_settings
override_settings(STORAGES={
    **settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
import json, os, re, statistics, time
from pathlib import Path
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
postgres = connection.vendor == "postgresql"
def backend_cpu():
    if not postgres:
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
heading = re.compile(r"<h2>\\s*([\\d\\s\\u202f\\xa0]+)r")
warmup, repeat = int(os.environ["BENCH_WARMUP"]), int(os.environ["BENCH_REPEAT"])
from django.core.cache import cache
for label, url, *cold in json.loads(os.environ["BENCH_URLS"]):
    for _ in range(warmup):
        assert client.get(url, secure=True).status_code == 200
    walls = []
    db_before, cpu_before = backend_cpu(), time.process_time()
    for _ in range(repeat):
        if cold:
            cache.clear()
        started = time.perf_counter()
        client.get(url, secure=True)
        walls.append((time.perf_counter() - started) * 1000)
    cpu = (time.process_time() - cpu_before) * 1000 / repeat
    db_cpu = (backend_cpu() - db_before) * 1000 / repeat
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url, secure=True).content.decode()
    found = heading.search(html)
    results = int(re.sub(r"\\D", "", found.group(1))) if found else None
    print("BENCH " + json.dumps({"label": label, "url": url, "cpu_ms": cpu, "db_cpu_ms": db_cpu if postgres else None,
                                 "wall_ms": statistics.median(walls), "queries": len(captured.captured_queries),
                                 "results": results}))
"""


def shell(env, script, show, **extra):
    out = run([*MANAGE, "shell", "-c", script], cwd=ROOT, quiet=True, show=f"manage.py shell -c <{show}>",
              env={**env, **{key: str(value) for key, value in extra.items()}}).stdout
    return bench_lines(out)


def one_database(sqlite, args):
    workdir = tempfile.mkdtemp(prefix="parentescence-bench-search-")
    database = throwaway_database(sqlite, DB_NAME, workdir, run=run)
    env = production_env(database.url, workdir, EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    try:
        build_site(database, env, run=run)
        info = machine_info(database)
        relevance = shell(env, RELEVANCE, "relevance on the real content", BENCH_DEMO=1)[0]
        print(f"  precision at 3: {relevance['precision']:.3f} over {relevance['queries']} queries", flush=True)
        run([*MANAGE, "generate_fake_members", str(args.profiles), "--seed", "7", "--yes"], env=env, cwd=ROOT,
            quiet=True)
        started = time.monotonic()
        run([*MANAGE, "update_index"], env=env, cwd=ROOT, quiet=True)
        index_s = time.monotonic() - started
        database.analyze()
        if args.wait_quiet:
            wait_until_quiet(DB_NAME, args.wait_quiet)
        rows, busy = others_share(DB_NAME, lambda: shell(
            env, MEASURE, "measure", BENCH_URLS=json.dumps(URLS), BENCH_WARMUP=args.warmup, BENCH_REPEAT=args.repeat))
        for row in rows:
            db = f"  DB CPU {row['db_cpu_ms']:.1f} ms" if row["db_cpu_ms"] is not None else ""
            print(f"  {row['url']:<45} CPU {row['cpu_ms']:6.1f} ms{db}  wall {row['wall_ms']:6.1f} ms  "
                  f"{row['queries']} queries  {row['results']} results", flush=True)
        crowded = shell(env, RELEVANCE, "relevance with the fake profiles")[0]
        print(f"  precision at 3 with {args.profiles:,} profiles: {crowded['precision']:.3f}", flush=True)
        return {"info": info, "relevance": relevance, "crowded": crowded, "rows": rows, "index_s": index_s,
                "busy": busy, "sqlite": sqlite}
    finally:
        drop(database, workdir)


def report(results, args, command, code):
    commit, dirty = code
    lines = [
        "# Site search benchmark", "",
        f"Produced by `{command}` on {results[0]['info']['date']}, code at `{commit[:7]}`"
        + (f" with uncommitted changes (diff {dirty})" if dirty != "e3b0c44298fc" else "") + ".", "",
    ]
    for result in results:
        info = result["info"]
        lines += [
            f"## {info['database']}", "",
            f"**Machine:** {info['nproc']} CPU ({info['cpu']}), {info['ram']} RAM, Linux {info['kernel']}; "
            f"{info['python']}, {info['django']}, {info['wagtail']}, {info['database']}.", "",
            f"**Relevance:** precision at 3 = **{result['relevance']['precision']:.3f}** over "
            f"{result['relevance']['queries']} queries (home/search/relevance.py) on the site's content and the demo "
            f"members; {result['crowded']['precision']:.3f} once {args.profiles:,} fake profiles are added.", "",
            f"**Cost at {args.profiles:,} fake profiles** (indexed by `update_index` in {result['index_s']:.0f} s; "
            f"{args.warmup} warm-up then {args.repeat} measured requests per URL, in-process, production settings; "
            f"other processes took {result['busy']:.0f} % of the CPUs meanwhile):", "",
            "| URL | results | CPU ms / request | DB CPU ms / request | wall ms (median) | queries |",
            "|---|--:|--:|--:|--:|--:|",
        ]
        for row in result["rows"]:
            db = f"{row['db_cpu_ms']:.1f}" if row["db_cpu_ms"] is not None else "(in CPU)"
            lines.append(f"| {row['label']}: `{row['url']}` | {row['results'] if row['results'] is not None else ''} "
                         f"| {row['cpu_ms']:.1f} | {db} | {row['wall_ms']:.1f} | {row['queries']} |")
        misses = result["relevance"]["misses"]
        if misses:
            lines += ["", "Queries that missed a page on the real content:", ""]
            lines += [f"- `{query}`: expected {expected}, first three {top}" for query, expected, top in misses]
        lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 profiles, 3 warm-up and 10 measured requests")
    backend = parser.add_mutually_exclusive_group()
    backend.add_argument("--sqlite", action="store_true", help="SQLite only")
    backend.add_argument("--postgres", action="store_true", help="PostgreSQL only")
    parser.add_argument("--profiles", type=int, default=None, help="fake profiles added (default 10,000)")
    parser.add_argument("--repeat", type=int, default=None, help="measured requests per URL (default 30)")
    parser.add_argument("--warmup", type=int, default=None, help="warm-up requests per URL (default 5)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--wait-quiet", type=int, default=60, metavar="SECONDS",
                        help="before measuring, wait at most this long for other processes to calm down (0: never)")
    args = parser.parse_args()
    args.profiles = args.profiles or (1000 if args.quick else 10000)
    args.repeat = args.repeat or (10 if args.quick else 30)
    args.warmup = args.warmup or (3 if args.quick else 5)
    command = " ".join([".venv/bin/python bench/search.py", *sys.argv[1:]])
    exit_on_sigterm()
    if not args.sqlite:
        require(["createdb", "dropdb", "psql"])
    code = code_state(ROOT)
    results = []
    for sqlite in [True, False]:
        if (sqlite and args.postgres) or (not sqlite and args.sqlite):
            continue
        print(f"== {'SQLite' if sqlite else 'PostgreSQL'}", flush=True)
        results.append(one_database(sqlite, args))
    text = report(results, args, command, code)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    print()
    print(text)
    print(f"Written to {args.output}.")


if __name__ == "__main__":
    main()
