"""Benchmark: how fast the directory answers over HTTP, served as in production, as it grows.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust authentication) and wrk (installed
with `apt-get install -y wrk` when missing and run as root), after `make install`. From the
project's root:

    .venv/bin/python bench/directory.py            # 1,000 then 10,000 profiles, 15 s per URL (~12 min)
    .venv/bin/python bench/directory.py --quick    # 200 then 1,000 profiles, 5 s per URL, to try it out
    .venv/bin/python bench/directory.py --sqlite   # on a throwaway SQLite file instead of PostgreSQL

It builds a throwaway database (PostgreSQL `parentescence_bench`, dropped first; or an SQLite
file in a temporary folder), runs `migrate`, `build_content` and `generate_fake_members` (the
second count adds the difference under another --seed), checks the page tree (`fixtree`) and
refreshes PostgreSQL's statistics (`ANALYZE`, as autovacuum would; --no-analyze to skip), then
serves the site with gunicorn (config/gunicorn.py, 2 sync workers) in production settings
(config.settings.production, DEBUG off, whitenoise after `collectstatic`, local-memory cache:
REDIS_URL is unset). Production redirects http to https unless the proxy says the request came
over https: wrk sends `X-Forwarded-Proto: https`, as the proxy in front of gunicorn would.

For each profile count, every URL is checked first (200, and results listed for the
directory's URLs), then measured with `wrk -t2 -c8 -d15s --latency`: requests per second,
median (p50) and 99th percentile (p99) latency. The directory caches each query string's
answer: its URLs are measured twice, every answer computed (wrk adds `nocache=<n>`, unique per
request: no filter reads it, the cache key includes it), then the same URL again and again
(answers from the cache). The number of SQL queries and their time for one request are
counted in-process beside (django.test.Client, CaptureQueriesContext).
The figures and the machine are written to bench/results/directory.md and printed.
gunicorn is stopped and the database dropped at the end, even on failure or Ctrl-C.

wrk runs on the same machine as gunicorn and competes with it for the CPU: compare runs on
the same machine only. Other processes do too: before each URL the script waits (up to
--wait-quiet seconds) until they take less than 10 % of the CPUs, and the table's *others %*
says how much they took during each measurement.
"""

import argparse
import json
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from common import (
    others_share, wait_until_quiet,
    HOST, MANAGE, PYTHON, ROOT, add_members, build_site, check_tree, drop, exit_on_sigterm, machine,
    production_env, require, run, throwaway_database,
)

RESULTS = ROOT / "bench" / "results" / "directory.md"

DB_NAME = "parentescence_bench"
PROXY_HEADER = "X-Forwarded-Proto: https"

URLS = [
    ("home page", "/"),
    ("directory", "/annuaire/"),
    ("directory, 3 filters", "/annuaire/?besoin=allaitement&cp=31300&rayon=20&domicile=1"),
    ("directory, search", "/annuaire/?q=sage-femme"),
]
# The directory's heading: "1 234 professionnel·le·s trouvé·e·s" (the count, then the words).
RESULTS_HEADING = re.compile(r'id="results-heading"[^>]*>\s*([\d\s\u202f\xa0]+)')

# The directory caches each query string's answer. To measure answers computed afresh (a
# visitor's first search), wrk adds to every request a parameter no filter reads but the cache
# key includes, unique per request (per thread: `id`, set in setup).
BUST = "nocache"
BUST_LUA = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local counter = 0
function request()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "%s=" .. id .. "-" .. counter)
end
""" % BUST

# Run by `manage.py shell` in the benchmark's environment: the SQL queries of one request per
# URL, answer computed (a new `nocache` value, every other cache warm) then cached.
COUNT_QUERIES = """
import json, os
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
bust = os.environ["BENCH_BUST"]

def one(url):
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    return {"status": status, "queries": len(captured.captured_queries), "sql_ms": ms}

for url in json.loads(os.environ["BENCH_URLS"]):
    busted = url + ("&" if "?" in url else "?") + bust + "="
    client.get(busted + "warm")
    computed = one(busted + "check")
    client.get(url)
    print("BENCH " + json.dumps({"url": url, "computed": computed, "cached": one(url)}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# -- The server -----------------------------------------------------------------------------


class Server:
    """gunicorn with the project's config (config/gunicorn.py), bound to localhost only."""

    def __init__(self, env, port, log_path):
        self.env, self.port, self.log_path = env, port, log_path
        self.process = self.log = None

    def start(self):
        command = [PYTHON, "-m", "gunicorn", "config.wsgi", "-c", "config/gunicorn.py", "--bind", f"{HOST}:{self.port}"]
        print("$", shlex.join(command), f"> {self.log_path}", flush=True)
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                request = urllib.request.Request(self.url("/"), headers=dict([PROXY_HEADER.split(": ")]))
                with urllib.request.urlopen(request, timeout=5):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer within 60 s:\n{self.log_tail()}")

    def url(self, path):
        return f"http://{HOST}:{self.port}{path}"

    def log_tail(self, lines=30):
        try:
            return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # gunicorn's graceful shutdown: the master stops its workers
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            print("gunicorn stopped.", flush=True)
        self.process = None
        if self.log is not None:
            self.log.close()
            self.log = None


# -- Measuring ------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", text).groups()
    return float(number) * UNITS_MS[unit]


def parse_wrk(output):
    """Requests per second, p50 and p99 in ms, and errors from wrk's --latency output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+[a-z]+)\s*$", output, re.MULTILINE))
    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return {"rps": rps, "p50": to_ms(latency["50"]), "p99": to_ms(latency["99"]), "errors": errors,
            "requests": requests}


def check(server, path):
    """One request with curl: 200 expected; the directory's result count read from the page."""
    with tempfile.NamedTemporaryFile(suffix=".html") as body:
        command = ["curl", "-sS", "-o", body.name, "-w", "%{http_code} %{size_download}", "-H", PROXY_HEADER]
        out = run([*command, server.url(path)], quiet=True).stdout.split()
        status, size = int(out[0]), int(out[1])
        html = Path(body.name).read_text(errors="replace")
    if status != 200:
        raise RuntimeError(f"{path} answered {status}, not 200 (see {server.log_path})")
    found = RESULTS_HEADING.search(html)
    count = int(re.sub(r"\D", "", found.group(1))) if found else None
    if path.startswith("/annuaire/") and not count:
        raise RuntimeError(f"{path} lists no results: the benchmark would measure an empty page")
    return {"status": status, "kb": size / 1024, "results": count}


def wrk(server, path, args, script=None):
    command = [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
        "--timeout", "30s", "-H", PROXY_HEADER, *(["-s", script] if script else []), server.url(path),
    ]
    output = run(command, quiet=True).stdout
    return parse_wrk(output)


def count_queries(env, paths):
    """The SQL queries of one request per URL, in-process with the server's settings."""
    out = run(
        [*MANAGE, "shell", "-c", COUNT_QUERIES], cwd=ROOT, quiet=True,
        env={**env, "BENCH_URLS": json.dumps(paths), "BENCH_BUST": BUST},
        show="manage.py shell -c <count the SQL queries of one request per URL>",
    ).stdout
    rows = {row["url"]: row for row in (json.loads(line[6:]) for line in out.splitlines() if line.startswith("BENCH "))}
    for path in paths:
        if any(rows.get(path, {}).get(answer, {}).get("status") != 200 for answer in ("computed", "cached")):
            raise RuntimeError(f"Counting queries: {path} did not answer 200 in-process:\n{out[-2000:]}")
    return rows


def measure(server, env, args, bust_script):
    """Rows of figures, one per URL and answer: the home page; each directory URL with its
    answer computed for every request, then cached."""
    rows, notes = [], []
    queries = count_queries(env, [path for _label, path in URLS])
    for label, path in URLS:
        checked = check(server, path)
        directory = path.startswith("/annuaire/")
        counted = queries[path]
        if directory and counted["computed"]["queries"] <= counted["cached"]["queries"]:
            notes.append(f"`{path}`: an answer computed afresh made no more queries than a cached one: is the "
                         f"directory's cache gone, or does `{BUST}` no longer miss it?")
        for answer, script in ([("computed", bust_script), ("cached", None)] if directory else [("", None)]):
            if args.warmup:
                warmup = ["wrk", "-t1", "-c2", f"-d{args.warmup}s", "-H", PROXY_HEADER]
                run([*warmup, *(["-s", script] if script else []), server.url(path)], quiet=True)
            if args.wait_quiet:
                wait_until_quiet(DB_NAME, args.wait_quiet)
            figures, busy = others_share(DB_NAME, lambda: wrk(server, path, args, script))
            one = counted[answer or "cached"]
            row = {"label": label, "path": path, "answer": answer, **checked, **figures, "busy": busy,
                   "queries": one["queries"], "sql_ms": one["sql_ms"]}
            print(
                f"  {path:<60} {answer:<8} {row['rps']:>6.1f} req/s  p50 {row['p50']:>7.0f} ms"
                f"  p99 {row['p99']:>7.0f} ms  {row['queries']:>3} queries  errors {row['errors']}"
                f"  (others took {busy:.0f} % of the CPUs)",
                flush=True,
            )
            rows.append(row)
    return rows, notes


# -- The report -----------------------------------------------------------------------------


def machine_info(database):
    """The machine, and the versions of what serves and measures."""
    python = subprocess.run([PYTHON, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    django, gunicorn = subprocess.run(
        [PYTHON, "-c", "import django, gunicorn; print(django.get_version(), gunicorn.__version__)"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split()[:2]
    return {
        **machine(database),
        "nproc": subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip(),
        "python": python,
        "django": f"Django {django}",
        "gunicorn": f"gunicorn {gunicorn}",
        "wrk": " ".join(wrk_version),
    }


def report(stages, info, args, command, notes):
    lines = [
        "# Directory benchmark",
        "",
        f"Produced by `{command}` on {info['date']}, code at `{info['revision']}`.",
        "",
        f"**Machine:** {info['nproc']} CPU ({info['cpu']}), {info['ram']} RAM, Linux {info['kernel']}; "
        f"{info['python']}, {info['django']}, {info['gunicorn']}, {info['database']}; {info['wrk']}.",
        "",
        f"**Set-up:** gunicorn, config/gunicorn.py, {args.workers} sync workers, config.settings.production "
        f"(DEBUG off, local-memory cache, access log on); wrk on the same machine: "
        f"`wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency` with `{PROXY_HEADER}`. "
        "The directory caches each query string's answer (facets, count, the page's ids; here per worker, "
        "in local memory): *computed* rows add to each request a parameter no filter reads but the cache key "
        f"includes (`{BUST}=<n>`, unique per request), so every answer is computed, as for a visitor's first "
        "search; *cached* rows repeat the same URL. "
        "Latencies in ms; *requests* is how many wrk completed, *errors* its socket errors and non-2xx/3xx "
        "answers; *results* is the directory's result count; *queries* and *SQL ms* are those of one request, "
        "counted in-process; *others %* is the share of the CPUs that other processes (not gunicorn, wrk "
        "or PostgreSQL's work for this database) took during the measurement, lost to the figures. "
        + ("PostgreSQL's statistics are refreshed (`ANALYZE`) after generating members, as autovacuum would."
           if args.analyze and not args.sqlite else "Statistics not refreshed after generating members."),
        "",
    ]
    for stage in stages:
        lines += [
            f"## {stage['profiles']:,} profiles",
            "",
            f"`generate_fake_members {stage['added']}` took {stage['seconds']:.0f} s.",
            "",
            "| URL | answer | req/s | p50 ms | p99 ms | requests | errors | results | queries | SQL ms | KB "
            "| others % |",
            "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for row in stage["rows"]:
            results = "" if row["results"] is None else str(row["results"])
            lines.append(
                f"| `{row['path']}` | {row['answer']} | {row['rps']:.1f} | {row['p50']:.0f} | {row['p99']:.0f} "
                f"| {row['requests']} | {row['errors']} | {results} | {row['queries']} | {row['sql_ms']:.0f} "
                f"| {row['kb']:.0f} | {row['busy']:.0f} |"
            )
        lines.append("")
    busiest = max((row["busy"] for stage in stages for row in stage["rows"]), default=0)
    if busiest > 20:
        notes = notes + [
            f"Other processes took up to {busiest:.0f} % of the CPUs during a measurement: those figures "
            "are lower than a quiet machine's. Run again when nothing else runs to compare."
        ]
    if notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    return "\n".join(lines)


# -- Main -----------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 then 1,000 profiles, 5 s per URL")
    parser.add_argument("--sqlite", action="store_true", help="a throwaway SQLite file instead of PostgreSQL")
    parser.add_argument("--duration", type=int, help="seconds of wrk per URL (15; 5 with --quick)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (WEB_CONCURRENCY)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of unrecorded load before each URL")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--wait-quiet", type=int, default=300, metavar="SECONDS",
                        help="before each URL, wait at most this long for other processes to calm down (0: never)")
    parser.add_argument("--no-analyze", dest="analyze", action="store_false",
                        help="measure without refreshing PostgreSQL's statistics after generating members")
    args = parser.parse_args()
    args.duration = args.duration or (5 if args.quick else 15)
    counts = [200, 1000] if args.quick else [1000, 10000]
    command = " ".join(["bench/directory.py", *sys.argv[1:]])

    # SIGTERM (a CI timeout, kill) goes through the same clean-up as Ctrl-C.
    exit_on_sigterm()
    if shutil.which("wrk") is None:
        run(["apt-get", "install", "-y", "wrk"])
    require(["curl"] + ([] if args.sqlite else ["createdb", "dropdb", "psql"]))

    workdir = tempfile.mkdtemp(prefix="parentescence-bench-")
    database = throwaway_database(args.sqlite, DB_NAME, workdir)
    port = free_port()
    env = production_env(database.url, workdir, PORT=str(port), WEB_CONCURRENCY=str(args.workers))
    server = Server(env, port, Path(workdir) / "gunicorn.log")
    bust_script = Path(workdir) / "nocache.lua"
    bust_script.write_text(BUST_LUA)
    stages, notes = [], []
    try:
        build_site(database, env)
        run([*MANAGE, "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT)
        info = machine_info(database)
        previous = 0
        for seed, count in enumerate(counts, start=1):
            # Each step adds the difference under a new seed (usernames bench-<seed>-<n> stay unique).
            started = time.monotonic()
            added = count - previous
            add_members(env, added, seed)
            seconds = time.monotonic() - started
            notes += check_tree(env, count, "profiles", warn=True)
            if args.analyze:
                # In production autovacuum refreshes the planner's statistics within minutes of
                # a change; thousands of rows inserted at once, then measured seconds later, would
                # be planned from empty-table statistics (nested loops: seconds per request).
                database.analyze()
            print(f"{count:,} profiles ({added:,} added in {seconds:.0f} s); measuring:", flush=True)
            server.start()  # fresh workers per stage: nothing cached from the previous count
            try:
                rows, stage_notes = measure(server, env, args, bust_script)
            finally:
                server.stop()
            stages.append({"profiles": count, "added": added, "seconds": seconds, "rows": rows})
            notes += [f"{count:,} profiles: {note}" for note in stage_notes]
            previous = count
        text = report(stages, info, args, f".venv/bin/python {command}", notes)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text)
        print()
        print(text)
        print(f"Written to {args.output}.")
    except Exception:
        print(f"\nFailed. gunicorn's log (last lines):\n{server.log_tail()}", file=sys.stderr)
        raise
    finally:
        server.stop()
        drop(database, workdir)


if __name__ == "__main__":
    main()
