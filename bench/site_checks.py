"""Site checks (issue 19, "Keep"): Lighthouse and the Nu HTML Checker on the public page types.

    .venv/bin/python bench/site_checks.py              # about 3 minutes
    .venv/bin/python bench/site_checks.py --runs 3     # Lighthouse 3 times a page, the median kept

Builds a throwaway site (an SQLite file in a temporary folder: `migrate`, `build_content`,
`create_demo_accounts`), collects the static files into that folder and serves the site as in
production: gunicorn (config/gunicorn.py, 2 sync workers), config.settings.production (DEBUG
off, whitenoise with its compressed manifest storage), bound to 127.0.0.1 on a free port above
8100. Differences from production, said in the report: plain http on localhost (no TLS, so
SECURE_SSL_REDIRECT is off), no Redis (local-memory cache), STATIC_ROOT in the temporary folder
(a settings module there imports config.settings.production and only moves STATIC_ROOT, so that
the shared var/static is left alone). `create_demo_accounts` refuses to run with DEBUG off: it
alone runs with config.settings.dev, on the same database and keys.

Then, on home, the directory, a member's profile, a public event and the charter:
- Lighthouse (npm `lighthouse`, with Debian's Chromium, /usr/bin/chromium), mobile form factor,
  the four categories performance, accessibility, best practices and SEO;
- the Nu HTML Checker (npm `vnu-jar`, run with Java) on each page's HTML fetched with urllib
  (errors only; warnings and info are not counted).

Writes bench/results/site-checks.md (machine, commit, date, scores, Nu errors, and for each score
under 100 the audits that lost points) and exits with status 1 when a score is under 100 or the
checker reports an error. Installs Lighthouse and vnu-jar (pinned below) with npm when missing;
needs /usr/bin/chromium and java.
The performance score is measured under Lighthouse's simulated mobile throttling on this
machine: it varies from run to run (a busy machine loses points); `--runs` keeps the median.
"""

import argparse
import json
import os
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from common import (
    HOST, MANAGE, PYTHON, ROOT, SqliteDatabase, code_state, exit_on_sigterm, machine, production_env, run,
)

CHROMIUM = "/usr/bin/chromium"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
BENCH_TOOLS = ["lighthouse@12.8.2", "vnu-jar@26.9.27"]
RESULTS = ROOT / "bench" / "results" / "site-checks.md"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CATEGORY_NAMES = {"performance": "Performance", "accessibility": "Accessibility",
                  "best-practices": "Best practices", "seo": "SEO"}

# Printed as JSON by `manage.py shell`: the pages checked, found through the content build's
# records (ContentRecord) and the models, not typed in.
FIND_URLS = r"""
import json
from urllib.parse import urlsplit
from django.utils import timezone
from home.models import ContentRecord
from network.models.directory import MemberProfilePage
from resources.models.events import Event, EventCalendarPage

def path(url):
    return urlsplit(url).path

def page(key):
    return ContentRecord.objects.select_related("page").get(key=f"page:{key}").page.specific

urls = {"home": path(page("home").get_url()), "directory": path(page("directory").get_url())}
profile = MemberProfilePage.objects.live().public().filter(locale__language_code="fr").order_by("path").first()
urls["profile"] = path(profile.get_url())
calendar = EventCalendarPage.objects.live().public().filter(locale__language_code="fr").first()
event = (Event.objects.filter(audience=Event.Audience.PUBLIC, start__gte=timezone.now()).order_by("start").first()
         or Event.objects.filter(audience=Event.Audience.PUBLIC).order_by("-start").first())
urls["event"] = path(calendar.get_url()) + calendar.reverse_subpage("event", args=[event.pk])
urls["charter"] = path(page("charter").get_url())
print("URLS " + json.dumps(urls))
"""

SETTINGS_SHIM = '''"""config.settings.production with STATIC_ROOT in the site checks' temporary folder."""
from pathlib import Path

from config.settings.production import *  # noqa: F401,F403

STATIC_ROOT = Path(__file__).resolve().parent / "static"
'''


def free_port(start=8101, end=8999):
    """The first port above 8100 nobody listens on (nor binds) on HOST."""
    for port in range(start, end):
        with socket.socket() as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port between {start} and {end}")


class Server:
    """gunicorn with the project's config (config/gunicorn.py), bound to HOST only."""

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
                with urllib.request.urlopen(self.url("/"), timeout=5):
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


# -- Building the site ----------------------------------------------------------------------


def build(workdir):
    """The throwaway site's database and static files; returns the production environment."""
    database = SqliteDatabase(workdir)
    (Path(workdir) / "site_checks_settings.py").write_text(SETTINGS_SHIM)
    env = production_env(
        database.url, workdir,
        SECURE_SSL_REDIRECT="0",  # plain http on localhost: no TLS in front of gunicorn
        WEB_CONCURRENCY="2",
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(workdir), env.get("PYTHONPATH")]))
    env["DJANGO_SETTINGS_MODULE"] = "site_checks_settings"
    database.create()
    run([*MANAGE, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT)
    run([*MANAGE, "build_content"], env=env, cwd=ROOT, quiet=True)
    # Development only (it refuses DEBUG off): the same database and keys, dev settings.
    run([*MANAGE, "create_demo_accounts"], env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
        cwd=ROOT, quiet=True)
    run([*MANAGE, "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT)
    return database, env


def find_urls(env):
    out = run([*MANAGE, "shell", "-c", FIND_URLS], env=env, cwd=ROOT, quiet=True, show="manage.py shell -c FIND_URLS").stdout
    line = next(line for line in out.splitlines() if line.startswith("URLS "))
    return json.loads(line[5:])


# -- The checks -----------------------------------------------------------------------------


def lighthouse(url, output, log):
    """One Lighthouse run on `url`: its JSON report (lhr)."""
    command = [
        "npx", "--no-install", "lighthouse", url, f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless=new --no-sandbox", "--form-factor=mobile",
        f"--only-categories={','.join(CATEGORIES)}", "--output=json", f"--output-path={output}", "--quiet",
    ]
    print("$", shlex.join(command), flush=True)
    with open(log, "ab") as log_file:
        subprocess.run(command, cwd=ROOT, check=True, stdout=log_file, stderr=subprocess.STDOUT)
    lhr = json.loads(Path(output).read_text())
    if lhr.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load {url}: {lhr['runtimeError']}")
    if lhr.get("finalDisplayedUrl") != url:
        raise RuntimeError(f"Lighthouse ended at {lhr.get('finalDisplayedUrl')}, not {url} (a redirect?)")
    for warning in lhr.get("runWarnings", []):
        print(f"  Lighthouse warning: {warning}", flush=True)
    return lhr


def scores(lhr):
    return {name: round(100 * lhr["categories"][name]["score"]) for name in CATEGORIES
            if lhr["categories"][name]["score"] is not None}


def lost_points(lhr, category):
    """The audits of `category` that lost it points (weight > 0, score < 1), then, for
    performance, the diagnostics Lighthouse flags (not weighted but what to look at)."""
    audits = lhr["audits"]
    lines = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        score = audit.get("score")
        if score is None or score >= 1 or audit.get("scoreDisplayMode") in ("notApplicable", "manual", "informative"):
            continue
        if ref.get("weight", 0) > 0:
            detail = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            lines.append(f"{audit['title']}{detail}: score {score:.2f}, weight {ref['weight']:g} [`{ref['id']}`]")
        elif category == "performance" and score < 0.9 and audit.get("scoreDisplayMode") == "metricSavings":
            detail = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            lines.append(f"(diagnostic) {audit['title']}{detail} [`{ref['id']}`]")
    return lines


def fetch(url):
    """The page's HTML; fails unless it answers 200 itself (no redirect)."""
    with urllib.request.urlopen(url, timeout=30) as response:
        if response.status != 200 or response.url != url:
            raise RuntimeError(f"{url} answered {response.status} at {response.url}")
        return response.read()


def validate(files):
    """The Nu HTML Checker's errors in `files` ({name: path}): {name: [message, …]}."""
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files.values())]
    print("$", shlex.join(command), flush=True)
    result = subprocess.run(command, capture_output=True, text=True)  # exit status 1 when errors
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        raise RuntimeError(f"the Nu HTML Checker failed ({result.returncode}):\n{result.stderr[-2000:]}") from None
    by_file = {Path(path).name: name for name, path in files.items()}
    errors = {name: [] for name in files}
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        name = by_file.get(urlsplit(message.get("url", "")).path.rsplit("/", 1)[-1], "?")
        errors.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message.get('message', '')}")
    return errors


def nu_checker(pages, folder):
    """The pages' HTML fetched with urllib, then validated: {name: [error, …]}."""
    files = {}
    for name, url in pages.items():
        files[name] = Path(folder) / f"{name}.html"
        files[name].write_bytes(fetch(url))
    return validate(files)


# -- The report -----------------------------------------------------------------------------


def versions():
    out = subprocess.run(
        [PYTHON, "-c", "import platform, django, wagtail, gunicorn; "
                       "print(platform.python_version(), django.get_version(), wagtail.__version__, gunicorn.__version__)"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    packages = {}
    for package in ("lighthouse", "vnu-jar"):
        manifest = ROOT / "node_modules" / package / "package.json"
        packages[package] = json.loads(manifest.read_text())["version"] if manifest.exists() else "?"
    return (f"Python {out[0]}, Django {out[1]}, Wagtail {out[2]}, gunicorn {out[3]}; "
            f"{chromium}; Lighthouse {packages['lighthouse']}; vnu-jar {packages['vnu-jar']} ({java})")


def report(info, stack, urls, results, nu_errors, runs, command):
    lines = [
        "# Site checks: Lighthouse and the Nu HTML Checker",
        "",
        f"Produced by `{command}` on {info['date']}, code at `{info['revision']}` (commit {info['commit']}"
        + (f", uncommitted changes to tracked files with diff digest `{info['diff']}`)." if info["revision"].endswith("-dirty") else ")."),
        "",
        f"**Machine:** {os.cpu_count()} CPU ({info['cpu']}), {info['ram']} RAM, Linux {info['kernel']}; "
        f"{info['database']}; {stack}.",
        "",
        "**Set-up:** a throwaway SQLite site (`migrate`, `build_content`, `create_demo_accounts`), "
        "`collectstatic`, served by gunicorn (config/gunicorn.py, 2 sync workers) with "
        "config.settings.production (DEBUG off, whitenoise's compressed manifest storage, "
        "local-memory cache) over plain http on 127.0.0.1 (SECURE_SSL_REDIRECT off; no TLS, no "
        "proxy, no CDN). Lighthouse: mobile form factor, simulated throttling, "
        + (f"median of {runs} runs per page" if runs > 1 else "one run per page")
        + "; `--chrome-flags=\"--headless=new --no-sandbox\"`. Nu HTML Checker: the HTML fetched "
        "with urllib, errors only.",
        "",
        "| Page | URL | Performance | Accessibility | Best practices | SEO | Nu errors |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for name, url in urls.items():
        got = results[name]["scores"]
        cells = [str(got.get(category, "–")) for category in CATEGORIES]
        lines.append(f"| {name} | `{url}` | {' | '.join(cells)} | {len(nu_errors.get(name, []))} |")
    failures = []
    for name, url in urls.items():
        section = []
        for category in CATEGORIES:
            if results[name]["scores"].get(category, 0) < 100:
                section.append(f"- {CATEGORY_NAMES[category]} {results[name]['scores'].get(category, '–')}:")
                section += [f"  - {line}" for line in results[name]["lost"][category]] or ["  - (no audit named)"]
        if nu_errors.get(name):
            section.append(f"- Nu HTML Checker, {len(nu_errors[name])} error(s):")
            section += [f"  - {message}" for message in nu_errors[name]]
        if section:
            failures += ["", f"### {name} (`{url}`)", "", *section]
    lines += ["", "## What loses points", *(failures or ["", "Nothing: 100 everywhere, no Nu error."])]
    lines += ["", "The performance score depends on the machine and its load: compare runs on the same machine only.", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median score is kept")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the report (default: bench/results/site-checks.md)")
    args = parser.parse_args()
    exit_on_sigterm()
    if not (VNU_JAR.exists() and LIGHTHOUSE.exists()):
        # Pinned here, not in package.json: the test suite's `npm install` (axe-core) stays
        # small, and only those who run this check download Lighthouse and the checker.
        print(f"Installing {' and '.join(BENCH_TOOLS)} with npm (not saved to package.json)…")
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", *BENCH_TOOLS], cwd=ROOT, check=False)
    for tool, path in (("Chromium", Path(CHROMIUM)), ("vnu.jar (npm)", VNU_JAR), ("Lighthouse (npm)", LIGHTHOUSE)):
        if not path.exists():
            sys.exit(f"{tool} is required: {path} is missing.")
    command = " ".join([".venv/bin/python bench/site_checks.py", *sys.argv[1:]])
    info = machine(SqliteDatabase(ROOT))  # the date and revision at the start
    info["commit"], info["diff"] = code_state(ROOT)
    workdir = tempfile.mkdtemp(prefix="site-checks-")
    server = None
    try:
        database, env = build(workdir)
        urls = find_urls(env)
        port = free_port()
        server = Server(env, port, Path(workdir) / "gunicorn.log")
        server.start()
        results = {}
        for name, path in urls.items():
            url = server.url(path)
            runs = [lighthouse(url, Path(workdir) / f"{name}-{n}.json", Path(workdir) / "lighthouse.log")
                    for n in range(args.runs)]
            medians = {category: statistics.median_low([scores(lhr).get(category, 0) for lhr in runs])
                       for category in CATEGORIES}
            # The run whose performance score is the median one explains the losses.
            chosen = next(lhr for lhr in runs if scores(lhr).get("performance") == medians["performance"])
            results[name] = {"scores": medians, "lost": {c: lost_points(chosen, c) for c in CATEGORIES}}
            print(f"  {name}: " + ", ".join(f"{c} {medians[c]}" for c in CATEGORIES), flush=True)
        nu_errors = nu_checker({name: server.url(path) for name, path in urls.items()}, workdir)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        if server is not None:
            print(f"\nFailed. gunicorn's log (last lines):\n{server.log_tail()}", file=sys.stderr)
        sys.exit(f"Failed: {error}")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    text = report(info, versions(), urls, results, nu_errors, args.runs, command)
    args.output.write_text(text)
    print(f"\nWrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}.")
    problems = [f"{name}: {CATEGORY_NAMES[c]} {score}" for name, result in results.items()
                for c, score in result["scores"].items() if score < 100]
    problems += [f"{name}: Nu: {message}" for name, messages in nu_errors.items() for message in messages]
    if problems:
        print("\nUnder 100 or invalid:", *problems, sep="\n  ", file=sys.stderr)
        sys.exit(1)
    print("All pages: 100 in the four categories, no Nu HTML Checker error.")


if __name__ == "__main__":
    main()
