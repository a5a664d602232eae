"""What the benchmarks that build a throwaway site share (bench/directory.py, bench/fees.py).

A throwaway database (PostgreSQL, dropped first and at the end, or an SQLite file in a
temporary folder), the environment config.settings.production requires for `manage.py`
subprocesses, running commands, building the site and adding fake members, checking the page
tree, and the description of the machine for the reports.

The scripts are run as `.venv/bin/python bench/<name>.py`: Python puts bench/ first on
sys.path, so they `import common` as is.
"""

import base64
import datetime
import hashlib
import itertools
import json
import os
import platform
import re
import secrets
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable))
MANAGE = [PYTHON, "manage.py"]

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", "5432", "postgres"
HOST = "127.0.0.1"


def run(command, env=None, quiet=False, show=None, tail=4000, wrap_errors=False, **kwargs):
    """Run a command, failing loudly; its output is shown unless `quiet`.

    `show` replaces the command in the `$ …` line. When a quiet command fails, the last `tail`
    characters of its output are printed to stderr; the CalledProcessError is raised again, or,
    with `wrap_errors`, a shorter RuntimeError naming the command and its exit status.
    """
    print("$", show or shlex.join(str(part) for part in command), flush=True)
    if quiet:
        kwargs.setdefault("stdout", subprocess.PIPE)
        kwargs.setdefault("stderr", subprocess.STDOUT)
        kwargs.setdefault("text", True)
    try:
        return subprocess.run([str(part) for part in command], env=env, check=True, **kwargs)
    except subprocess.CalledProcessError as error:
        if quiet and error.stdout:
            print(error.stdout[-tail:], file=sys.stderr)
        if not wrap_errors:
            raise
        shown = show or shlex.join(str(part) for part in command)
        raise RuntimeError(f"`{shown}` failed (exit status {error.returncode})") from None


def exit_on_sigterm():
    """Make SIGTERM (a CI timeout, kill) go through the same clean-up as Ctrl-C."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def require(tools):
    """Exit with a message when one of these programs is not on the PATH."""
    for tool in tools:
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is required.")


# -- The database -----------------------------------------------------------------------------


class PostgresDatabase:
    """A throwaway PostgreSQL database on PG_HOST:PG_PORT, reached as PG_USER.

    `run` runs its commands (createdb, dropdb, psql): this module's run() or a script's variant.
    """

    options = ["-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER]

    def __init__(self, name, run=run):
        self.name, self.run = name, run
        self.url = f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"

    def create(self):
        """Create the database, dropping a previous one first."""
        self.drop()
        self.run(["createdb", *self.options, self.name])

    def drop(self):
        """Drop the database, if it exists, closing its connections."""
        self.run(["dropdb", *self.options, "--if-exists", "--force", self.name])

    def analyze(self):
        """Refresh the planner's statistics, as autovacuum would."""
        self.run(["psql", *self.options, "-d", self.name, "-qc", "ANALYZE"])

    def version(self):
        """The server's version, for the report."""
        out = subprocess.run(
            ["psql", *self.options, "-d", self.name, "-tAc", "SHOW server_version"],
            check=True, capture_output=True, text=True,
        )
        return f"PostgreSQL {out.stdout.strip()}"


class SqliteDatabase:
    """A throwaway SQLite file, bench.sqlite3 in `folder`."""

    def __init__(self, folder):
        self.path = Path(folder) / "bench.sqlite3"
        self.url = f"sqlite:///{self.path}"

    def create(self):
        """Start from no file: `migrate` creates it."""
        self.drop()

    def drop(self):
        """Delete the file and its journals."""
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def analyze(self):
        """Nothing: nothing runs ANALYZE on SQLite in production either."""

    def version(self):
        """SQLite's version, for the report."""
        return f"SQLite {sqlite3.sqlite_version}"


def throwaway_database(sqlite, name, workdir, run=run):
    """An SQLite file in `workdir` when `sqlite`, else the PostgreSQL database `name`."""
    return SqliteDatabase(workdir) if sqlite else PostgresDatabase(name, run=run)


def drop(database, workdir):
    """Drop the database, then remove the temporary folder, even when the drop fails."""
    try:
        database.drop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# -- The site -----------------------------------------------------------------------------------


def production_env(database_url, workdir, **extra):
    """The environment config.settings.production requires, for a throwaway site.

    `extra` adds a script's own variables (PORT, EMAIL_DELIVERY_BACKEND…).
    """
    env = dict(os.environ)
    for name in ("REDIS_URL", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        # The families' key (support/): production refuses to start without one of its own.
        SUPPORT_ENCRYPTION_KEYS=base64.urlsafe_b64encode(os.urandom(32)).decode(),
        ALLOWED_HOSTS=f"{HOST},localhost",
        WAGTAILADMIN_BASE_URL="https://bench.parentescence.invalid",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(Path(workdir) / "media"),  # the content build's images stay out of var/
        PRIVATE_MEDIA_ROOT=str(Path(workdir) / "private"),
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def build_site(database, env, run=run):
    """Create the database, then `migrate` and `build_content` into it."""
    database.create()
    run([*MANAGE, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT)
    run([*MANAGE, "build_content"], env=env, cwd=ROOT, quiet=True)


def add_members(env, added, seed, run=run):
    """`generate_fake_members`: `added` members, usernames bench-<seed>-<n>."""
    run([*MANAGE, "generate_fake_members", str(added), "--seed", str(seed), "--yes"], env=env, cwd=ROOT)


def check_tree(env, count, noun, warn=False, run=run):
    """Wagtail's page tree must be sound after generating members, or the next step's pages
    collide. `fixtree` reports (and repairs) what is wrong; a repair is reported, not hidden:
    returned as a note (and printed too with `warn`). Raises when fixtree could not repair it.
    """
    out = run([*MANAGE, "fixtree", "--noinput"], env=env, cwd=ROOT, quiet=True).stdout
    problems = [line.strip() for line in out.splitlines() if line.startswith(("Incorrect", "Invalid", "Orphaned"))]
    if not problems:
        return []
    note = (
        f"After generating {count:,} {noun} the page tree was unsound ({'; '.join(problems)}): "
        "repaired with `manage.py fixtree` before going on."
    )
    if warn:
        print(f"WARNING: {note}", flush=True)
    if "Remaining problems" in out:
        raise RuntimeError(f"fixtree could not repair the page tree:\n{out}")
    return [note]


# -- The report -------------------------------------------------------------------------------


def machine(database):
    """What every report says of the machine: CPU model, RAM, kernel, the database's version,
    the date and the code's revision (taken at the start: another commit may land meanwhile)."""
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    mem_kb = int(re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE).group(1))
    return {
        "cpu": model.group(1).strip() if model else platform.processor() or "unknown",
        "ram": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "database": database.version(),
        "kernel": platform.release(),
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "revision": git_revision(),
    }


def git_revision():
    """`git describe --always --dirty` of the project, or "unknown"."""
    result = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


# -- Shared by the benchmarks' reports (fees.py, library.py, directory.py) --------------------


def bench_lines(output):
    return [json.loads(line[6:]) for line in output.splitlines() if line.startswith("BENCH ")]


def machine_info(database):
    """The machine, and the versions of Python, Django and Wagtail."""
    versions = subprocess.run(
        [PYTHON, "-c", "import platform, django, wagtail; "
                       "print(platform.python_version(), django.get_version(), wagtail.__version__)"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    return {
        **machine(database),
        "nproc": os.cpu_count(),
        "python": f"Python {versions[0]}",
        "django": f"Django {versions[1]}",
        "wagtail": f"Wagtail {versions[2]}",
    }


def fmt_queries(row):
    if row["queries_min"] == row["queries_max"]:
        return f"{row['queries']:g}"
    return f"{row['queries']:g} ({row['queries_min']}–{row['queries_max']})"


def foreign_cpu(db_name):
    """CPU seconds used so far by each process that is not the benchmark's: neither this script
    and its children nor PostgreSQL's processes for the benchmark's database `db_name`."""
    processes = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:  # gone meanwhile
            continue
        fields = stat[stat.rfind(")") + 2:].split()  # after "pid (command) "
        processes[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]), db_name.encode() in cmdline)
    ours = os.getpid()

    def foreign(pid):
        seen = set()
        while pid in processes and pid not in seen:
            if pid == ours or processes[pid][2]:
                return False
            seen.add(pid)
            pid = processes[pid][0]
        return True

    tick = os.sysconf("SC_CLK_TCK")
    return {pid: ticks / tick for pid, (_parent, ticks, _db) in processes.items() if foreign(pid)}


def others_share(db_name, fn):
    """fn(), and the share (%) of the machine's CPUs that processes other than the benchmark
    (and PostgreSQL's for its database `db_name`) took meanwhile."""
    before, started = foreign_cpu(db_name), time.monotonic()
    result = fn()
    seconds = time.monotonic() - started
    used = sum(cpu - before.get(pid, 0.0) for pid, cpu in foreign_cpu(db_name).items())
    return result, 100 * max(used, 0.0) / (seconds * (os.cpu_count() or 1))


def wait_until_quiet(db_name, limit, threshold=10):
    """Wait (at most `limit` seconds) until other processes take less than `threshold` % of the CPUs."""
    deadline = time.monotonic() + limit
    for attempt in itertools.count():
        _none, share = others_share(db_name, lambda: time.sleep(2))
        if share < threshold or time.monotonic() > deadline:
            return
        if attempt % 6 == 0:  # about once a minute
            print(f"  other processes take {share:.0f} % of the CPUs: waiting for them to calm down…", flush=True)
        time.sleep(8)


def code_state(root):
    """The commit and a digest of the uncommitted changes to tracked files: the code measured."""
    def git(*arguments):
        return subprocess.run(["git", *arguments], cwd=root, capture_output=True).stdout

    return git("rev-parse", "HEAD").strip().decode(), hashlib.sha256(git("diff", "HEAD")).hexdigest()[:12]


def shown_cell(row):
    """A results table's "shown" cell: how many items the measurement showed or worked on."""
    if row.get("shown") is None:
        return ""
    value = row["shown"]
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def per_item(old, new):
    """"; 1.5 then 1.5 queries per family erased", for a job that says what it worked on."""
    if not (old.get("per") and new.get("per") and old["per"][0] and new["per"][0]):
        return ""
    return (f"; {old['queries'] / old['per'][0]:.1f} then {new['queries'] / new['per'][0]:.1f} queries per "
            f"{new['per'][1]}, {old['per'][0]:,} then {new['per'][0]:,} of them")


def grows(old, new):
    """Whether the number of queries grows with the size: by more than a tenth and 3 queries
    (a page of 20 items runs a few more or fewer as the items it shows change)."""
    return new["queries_max"] > max(old["queries_max"] * 1.1, old["queries_max"] + 3)
