"""Benchmark: the members' vignette library (the `resources` app) as the number of vignettes grows.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust authentication), after `make install-dev`
(the vignettes and members are made with the test factories: factory_boy, wagtail-factories).
From the project's root:

    .venv/bin/python bench/library.py            # 200 then 2,000 vignettes (~4 min, more on a busy machine)
    .venv/bin/python bench/library.py --quick    # 50 then 200 vignettes, to try it out
    .venv/bin/python bench/library.py --sqlite   # on a throwaway SQLite file instead of PostgreSQL

It builds a throwaway database (PostgreSQL `parentescence_bench_library`, dropped first; or an
SQLite file in a temporary folder) and runs `migrate` and `build_content`, which creates the
library page, its review workflow, the editable list of identifying terms (Toulouse's
maternity wards) and the partner structures. Then, in `manage.py shell -c` processes
(config.settings.production, DEBUG off, local-memory cache, no HTTP server):

1. The anonymisation check alone: `resources.anonymisation.scan(text, names)` on texts of 500,
   5,000 and 50,000 words, with `names` the real list (`resources.library.structure_names()`:
   the identifying terms and the partner structures). The texts are made of the 23 French
   perinatal sentences below (CLEAN_SENTENCES, SEARCH_SENTENCE, IDENTIFYING_SENTENCES), drawn
   at random (fixed seed), in paragraphs; 8 of them carry identifying data (first names,
   dates, a phone number, an address and a postcode, an e-mail, a social security number,
   named maternity wards). Once to warm up, then --repeat times: median and max ms, words
   per second. Each sentence is checked first: the clean ones must have no finding, the
   others at least one.

2. For each vignette count (200 then 2,000; --quick: 50 then 200; the second count adds the
   difference), vignettes are published through `resources.factories.publish_vignette` (one
   transaction per 100: Wagtail's page tree, a revision, the anonymisation check twice — on
   the new revision, then on publication) from the clean sentences only (the check would
   refuse the others), 150 to 300 words each, a period at random, one or two themes of
   `network.models.Theme`; one in ten mentions "portage", the word searched for. The first
   stage also adds the reader, a member (group "Members", a membership started 30 days ago:
   `network.factories.current_membership`), 19 other current members, 100 contributions
   (`resources.factories.ContributionFactory`: 5 from each of the 20 members, 4 members for
   each of 5 professions; 5 of them the reader's own) on the first vignette, and a draft
   vignette of 2,000 words with identifying data. Then `manage.py update_index` and, on
   PostgreSQL, `ANALYZE` (as autovacuum would; --no-analyze to skip). Then each of these is run
   once to warm up, then --repeat (5) times, for its wall time (median and max) and its SQL
   queries (CaptureQueriesContext: how many, their total time, the slowest one):

   - the library's index page, first page, as the member (django.test.Client, force_login,
     `secure=True`: production redirects http); filtered by period (`?periode=postpartum`),
     by theme (`?theme=<the first theme, by id, vignettes have>`); searched (`?q=portage`),
     and searched for a word of nine vignettes in ten (`?q=sommeil`);
   - the vignette with the 100 contributions;
   - `resources.library.refresh_findings(page, page)` on the 2,000-word draft, twice: with its
     findings already recorded (what a new version with the same text does), and afresh
     (its findings deleted before each run, outside the timing);
   - `resources.library.propose(member, data)`: 20 proposals in a row (after one to warm up),
     a 200-word scenario with identifying data, time and queries per proposal.

   Every page must answer 200 (the script stops otherwise); the table gives its size and the
   number of vignettes (or contributions) it lists.

The figures and the machine are written to bench/results/library.md and printed. Notes flag
each measurement whose number of queries grows with the number of vignettes, whose time grows
by half or more (and 30 ms), that takes over a second, or that runs one query (the same SQL
but for its values) 15 times or more, the mark of an N+1 (every page runs the navigation's
locale lookup about 10 times); and a change of the code during the run (another commit, or
uncommitted changes to tracked files). The database is dropped at the end, even on failure or
Ctrl-C.

Caveats: in-process timings, without an HTTP server, a network or a browser: a page's real
latency adds gunicorn and the proxy (see bench/directory.py). The database runs on the same
machine and competes for the CPU with the measuring process: compare runs on the same machine
only, when nothing else runs. Before the measurements (the scan, then each count) the script
waits, up to --wait-quiet seconds (120), until other processes (neither the script's nor
PostgreSQL's work for its database) take less than 10 % of the CPUs; the report says how much
they took during the measurements, and adds a note over 20 %. The 2,000-vignette figures are
taken on the database of the first stage plus 1,800 vignettes (and the first stage's 21
proposals, drafts in review). The site search backend is Wagtail's database backend
(PostgreSQL full text search, or SQLite's FTS): figures on SQLite say little of production.
Static files are served by Django's plain storage (no `collectstatic`, no manifest). E-mails
(the review workflow's) go to the outbox (locmem backend, no worker runs): nothing is sent.
The vignettes' texts are generated from a few sentences: the search index holds few distinct
words, and real vignettes vary more.
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import common
from common import (
    bench_lines, code_state, fmt_queries, machine_info, others_share, wait_until_quiet,
    MANAGE, ROOT, build_site, drop, exit_on_sigterm, production_env, require, throwaway_database,
)

RESULTS = ROOT / "bench" / "results" / "library.md"

DB_NAME = "parentescence_bench_library"

# The word searched for, in one vignette in ten (and in no other sentence).
SEARCH_WORD = "portage"
# A word of two of the clean sentences: in nine vignettes in ten.
COMMON_WORD = "sommeil"

# Realistic sentences of French perinatal vignettes. The clean ones hold nothing the
# anonymisation check flags (the script checks it: publishing would be refused otherwise).
CLEAN_SENTENCES = [
    "La mère, âgée de 34 ans, attend son deuxième enfant et dit se sentir seule depuis un déménagement récent.",
    "Le couple a emménagé dans la région quelques mois avant la naissance ; la famille élargie vit loin.",
    "Lors de la visite à domicile, elle pleure souvent le soir et n'ose pas sortir seule avec le bébé.",
    "Le bébé prend du poids régulièrement, l'allaitement est mixte et les tétées sont rapprochées la nuit.",
    "Son compagnon a repris le travail au bout de onze jours et rentre tard le soir.",
    "La sage-femme note une grande fatigue, un sommeil haché et une perte d'appétit depuis la sortie de maternité.",
    "Au cours de l'entretien prénatal précoce, elle évoque un premier accouchement vécu comme violent.",
    "Le père dit qu'il « doit être fort pour deux » et ne parle pas de ses propres inquiétudes.",
    "La puéricultrice de la PMI propose une pesée chaque semaine et un temps d'écoute autour du sommeil.",
    "Elle demande des échographies supplémentaires, dort mal et se réveille avec des pensées envahissantes.",
    "Les grands-parents maternels, très présents, donnent des conseils contradictoires sur l'alimentation.",
    "L'enfant, âgé de dix-huit mois, se réveille plusieurs fois par nuit et refuse de s'endormir seul.",
    "La psychologue de la maternité a été sollicitée après une césarienne en urgence à trente-six semaines.",
    "Les parents hésitent à reprendre contact avec le réseau, de peur d'être jugés.",
]
SEARCH_SENTENCE = (
    f"Une séance de {SEARCH_WORD} en écharpe lui a été conseillée pour apaiser les pleurs de fin de journée."
)
IDENTIFYING_SENTENCES = [
    "Emma, 28 ans, a accouché le 14 mars 2023 à la Clinique Ambroise Paré après un long travail.",
    "Sa sœur Léa l'appelle chaque matin au 06 12 34 56 78 pour prendre des nouvelles.",
    "La famille vit au 12 rue des Lilas, 31300 Toulouse, dans un deux-pièces sans ascenseur.",
    "Elle a été suivie au CHU Purpan puis à l'Hôpital Paule de Viguier pour une pré-éclampsie.",
    "Le petit Lucas, né en juin 2022, a été hospitalisé en néonatologie pendant trois semaines.",
    "Son adresse, camille.durand@example.org, figure sur le courrier de sortie.",
    "Le numéro de sécurité sociale 2 85 03 31 555 123 45 apparaît sur l'ordonnance photographiée.",
    "Mme B. et son conjoint Karim se présentent à la consultation du mardi 3 octobre.",
]
QUESTIONS = [
    "Qu'auriez-vous proposé, avec votre spécialité, à ce moment-là ?",
    "Vers qui l'auriez-vous orientée, dans le réseau ou près de chez elle ?",
    "Comment accompagner chacun des deux parents dans cette période ?",
]
TITLES = [
    "une mère seule après la naissance", "un retour à la maison qui isole", "des nuits sans sommeil",
    "une grossesse après une perte", "un allaitement difficile", "un père en retrait",
    "une famille loin de ses proches", "une sortie de maternité précipitée",
]

# Shared by the scripts run inside the project: the texts, from the sentences above.
TEXTS = r"""
import json, os, random
SENTENCES = json.loads(os.environ["BENCH_SENTENCES"])
CLEAN, IDENTIFYING = SENTENCES["clean"], SENTENCES["identifying"]
SEARCH_SENTENCE, QUESTIONS, TITLES = SENTENCES["search"], SENTENCES["questions"], SENTENCES["titles"]
SEARCH_WORD = os.environ["SEARCH_WORD"]
DRAFT_TITLE = "Une situation longue à relire"  # the draft of 2,000 words, found by its title
MIXED = CLEAN + [SEARCH_SENTENCE] + IDENTIFYING


def paragraphs_of(rng, pool, words):
    # Paragraphs of 3 to 6 sentences drawn from `pool`, until `words` words at least.
    paragraphs, count = [], 0
    while count < words:
        paragraph = [rng.choice(pool) for _ in range(rng.randint(3, 6))]
        paragraphs.append(" ".join(paragraph))
        count += sum(len(sentence.split()) for sentence in paragraph)
    return paragraphs
"""

# 1. The anonymisation check alone.
SCAN = TEXTS + r"""
import statistics, time
from resources import anonymisation, library

REPEAT = int(os.environ["BENCH_REPEAT"])
names = library.structure_names()
for sentence in CLEAN + [SEARCH_SENTENCE] + QUESTIONS + TITLES:
    found = anonymisation.scan(sentence, names)
    if found:
        raise SystemExit(f"A clean sentence has findings (publishing would be refused): {sentence!r}: {found}")
for sentence in IDENTIFYING:
    if not anonymisation.scan(sentence, names):
        raise SystemExit(f"An identifying sentence has no finding: {sentence!r}")
for words in json.loads(os.environ["BENCH_WORDS"]):
    text = "\n\n".join(paragraphs_of(random.Random(words), MIXED, words))
    anonymisation.scan(text, names)  # warm-up: the first names read, the patterns compiled
    runs = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        found = anonymisation.scan(text, names)
        runs.append((time.perf_counter() - started) * 1000)
    actual = len(text.split())
    print("BENCH " + json.dumps({
        "words": actual, "chars": len(text), "names": len(names), "findings": len(found),
        "median_ms": statistics.median(runs), "max_ms": max(runs),
        "words_per_s": actual / (statistics.median(runs) / 1000),
    }), flush=True)
"""

# 2. Vignettes numbered BENCH_FROM to BENCH_TO - 1, published; with BENCH_SETUP, the members,
# the contributions and the long draft too.
POPULATE = TEXTS + r"""
import time
from django.contrib.auth.models import Group
from django.db import transaction
from accounts.models import User
from network.factories import current_membership
from network.models import Profession, Theme
from resources import library
from resources.factories import ContributionFactory, publish_vignette
from resources.models import VignettePage

first, last = int(os.environ["BENCH_FROM"]), int(os.environ["BENCH_TO"])
page = library.library_page()
if page is None:
    raise SystemExit("No library page: did build_content run?")
themes = list(Theme.objects.order_by("pk"))
periods = list(VignettePage.Period.values)
if not themes:
    raise SystemExit("No themes: the vignettes could not be filtered by theme.")

started = time.perf_counter()
with_word = 0
for batch in range(first, last, 100):
    with transaction.atomic():
        for n in range(batch, min(batch + 100, last)):
            rng = random.Random(n)
            scenario = paragraphs_of(rng, CLEAN, rng.randint(150, 300))
            if rng.random() < 0.1:
                scenario[-1] += " " + SEARCH_SENTENCE
                with_word += 1
            publish_vignette(
                page, title=f"Situation {n + 1} : {rng.choice(TITLES)}", period=rng.choice(periods),
                scenario=scenario, questions=rng.sample(QUESTIONS, rng.randint(1, 2)),
                themes=rng.sample(themes, rng.randint(1, 2)),
            )
published_s = time.perf_counter() - started

setup = {}
if os.environ.get("BENCH_SETUP"):
    members_group = Group.objects.get(name="Members")
    professions = list(Profession.objects.order_by("sort_order", "name")[:5])
    if len(professions) < 5:
        raise SystemExit(f"Only {len(professions)} professions: 5 are needed.")

    def member(username, first_name, last_name):
        user = User.objects.create(username=username, first_name=first_name, last_name=last_name,
                                   email=f"{username}@example.invalid", password="!")
        user.groups.add(members_group)
        current_membership(user)
        return user

    with transaction.atomic():
        reader = member("bench-member", "Mathilde", "Lecteur")
        authors = [reader] + [member(f"bench-contributor-{n}", "Membre", f"Contributeur {n}") for n in range(1, 20)]
        vignette = VignettePage.objects.child_of(page).live().order_by("path").first()
        rng = random.Random(0)
        for n in range(100):
            author = authors[n % 20]
            ContributionFactory(
                vignette=vignette, author=author, profession=professions[authors.index(author) % 5],
                text=" ".join(rng.sample(CLEAN, rng.randint(2, 4))),
            )
        # A draft of 2,000 words, with identifying data, for refresh_findings.
        long_text = paragraphs_of(random.Random(2000), MIXED, 2000)
        draft = VignettePage(
            title=DRAFT_TITLE, slug="bench-draft", period="postpartum", live=False,
            scenario=[("paragraph", text) for text in long_text], questions=[("question", QUESTIONS[0])],
        )
        page.add_child(instance=draft)
    setup = {"contributions": vignette.contributions.count(), "contributors": len(authors),
             "professions": [p.name for p in professions],
             "draft_words": sum(len(text.split()) for text in long_text)}

print("BENCH " + json.dumps({
    "published": last - first, "published_s": published_s, "with_word": with_word,
    "live": VignettePage.objects.child_of(page).live().count(), **setup,
}), flush=True)
"""

# 3. The measurements. One line "BENCH {json}" per measurement.
MEASURE = TEXTS + r"""
import collections, re, statistics, time
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from accounts.models import User
from network.models import Theme
from resources import library
from resources.models import VignettePage

# No collectstatic: plain static storage (production's needs a manifest).
override_settings(STORAGES={
    **settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()

REPEAT = int(os.environ["BENCH_REPEAT"])
STAGE = os.environ["BENCH_STAGE"]
member = User.objects.get(username="bench-member")
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(member)
page = library.library_page()

# CaptureQueriesContext counts from the length of connection.queries_log, a deque of at most
# 9,000 queries: once full, it would count none. Emptied before each measurement, and larger.
connection.queries_log = collections.deque(maxlen=1_000_000)
LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")


def timed(fn):
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - started
    times = [float(q["time"]) * 1000 for q in captured.captured_queries]
    slowest = max(range(len(times)), key=times.__getitem__) if times else None
    # The same query with other values, run again and again: the mark of an N+1.
    shapes = collections.Counter(LITERALS.sub("?", q["sql"]) for q in captured.captured_queries)
    repeated, repeats = shapes.most_common(1)[0] if shapes else ("", 0)
    return result, {
        "ms": seconds * 1000, "queries": len(times), "sql_ms": sum(times),
        "slowest_ms": times[slowest] if times else 0,
        "slowest_sql": captured.captured_queries[slowest]["sql"][:400] if times else "",
        "repeats": repeats, "repeated_sql": repeated[:400],
    }


def emit(group, label, runs, **extra):
    ms = [r["ms"] for r in runs]
    slowest = max(runs, key=lambda r: r["slowest_ms"])
    row = {"group": group, "label": label, "n": len(runs), "median_ms": statistics.median(ms), "max_ms": max(ms),
           "queries": statistics.median(r["queries"] for r in runs),
           "queries_max": max(r["queries"] for r in runs), "queries_min": min(r["queries"] for r in runs),
           "sql_ms": statistics.median(r["sql_ms"] for r in runs),
           "slowest_ms": slowest["slowest_ms"], "slowest_sql": slowest["slowest_sql"],
           "repeats": runs[-1]["repeats"], "repeated_sql": runs[-1]["repeated_sql"], **extra}
    print("BENCH " + json.dumps(row, default=str), flush=True)


def measure(fn, before=None):
    # One run to warm up, then REPEAT; `before` runs before each, outside the timing.
    if before:
        before()
    fn()
    results, runs = [], []
    for _ in range(REPEAT):
        if before:
            before()
        result, run = timed(fn)
        results.append(result)
        runs.append(run)
    return results, runs


def get(url):
    def fetch():
        response = client.get(url, secure=True)
        return response.status_code, response.content
    return fetch


HEADING = re.compile(r'id="vignettes-heading">\s*([\d\s\u202f\xa0.]+)')


def page_row(group, label, url, listed):
    results, runs = measure(get(url))
    statuses = {status for status, _body in results}
    if statuses != {200}:
        raise SystemExit(f"{url} answered {statuses}, not 200")
    body = results[-1][1]
    count = listed(body.decode())
    if not count:
        raise SystemExit(f"{url} lists nothing: the benchmark would measure an empty page")
    emit(group, label, runs, url=url, kb=len(body) / 1024, rows=count)


def listed_vignettes(html):
    found = HEADING.search(html)
    if not found:
        raise SystemExit("The library's page says nothing of how many vignettes it lists.")
    return int(re.sub(r"\D", "", found.group(1)))


live = VignettePage.objects.child_of(page).live()
# The same theme at every count: the first one (by id) the vignettes have.
theme = Theme.objects.filter(vignettes__in=live).order_by("pk").first()
index = page.url
for label, query in [
    ("library, first page", ""),
    ("library, by period", "?periode=postpartum"),
    ("library, by theme", f"?theme={theme.slug}"),
    ("library, search", f"?q={SEARCH_WORD}"),
    ("library, search, a word of most vignettes", f"?q={os.environ['COMMON_WORD']}"),
]:
    page_row("library", label, index + query, listed_vignettes)

vignette = VignettePage.objects.get(pk=live.order_by("path").first().pk)
page_row("vignette", f"vignette with {vignette.contributions.count()} contributions", vignette.url,
         lambda html: html.count('<article class="contribution'))

# The anonymisation findings of a 2,000-word draft.
draft = VignettePage.objects.get(title=DRAFT_TITLE, live=False)
words = len(library.text_fields(draft)["scenario"].split())
findings, runs = measure(lambda: library.refresh_findings(draft, draft))
emit("findings", f"`refresh_findings`, {words:,} words, findings already recorded", runs, rows=findings[-1])
findings, runs = measure(lambda: library.refresh_findings(draft, draft),
                         before=lambda: draft.findings.all().delete())
emit("findings", f"`refresh_findings`, {words:,} words, findings recorded afresh", runs, rows=findings[-1])

# Proposals from "Mon espace", one after another.
runs = []
for n in range(21):
    rng = random.Random(f"proposal-{STAGE}-{n}")
    data = {
        "title": f"Proposition {STAGE}-{n} : {rng.choice(TITLES)}",
        "period": "postpartum",
        "scenario": "\n\n".join(paragraphs_of(rng, MIXED, 200)),
        "questions": "\n".join(rng.sample(QUESTIONS, 2)),
        "themes": Theme.objects.none(),
    }
    proposal, run = timed(lambda: library.propose(member, data))
    if proposal.live or not proposal.findings.exists():
        raise SystemExit(f"Proposal {proposal.pk} is live, or has no finding to review.")
    if n:  # the first one warms up
        runs.append(run)
emit("propose", "`propose`, per proposal (20 in a row)", runs, total_s=sum(r["ms"] for r in runs) / 1000)
"""


def run(command, **kwargs):
    """common.run(), showing more of a failed command's output and raising a short RuntimeError."""
    return common.run(command, tail=6000, wrap_errors=True, **kwargs)


def shell(env, script, show, **extra):
    """Run `script` with `manage.py shell -c`; its BENCH lines."""
    sentences = json.dumps({"clean": CLEAN_SENTENCES, "search": SEARCH_SENTENCE,
                            "identifying": IDENTIFYING_SENTENCES, "questions": QUESTIONS, "titles": TITLES})
    out = run([*MANAGE, "shell", "-c", script], cwd=ROOT, quiet=True, show=f"manage.py shell -c <{show}>",
              env={**env, "BENCH_SENTENCES": sentences, "SEARCH_WORD": SEARCH_WORD, "COMMON_WORD": COMMON_WORD,
                   **{key: str(value) for key, value in extra.items()}}).stdout
    return bench_lines(out)


# -- The report -------------------------------------------------------------------------------


def label_of(row):
    return f"{row['label']}: `{row['url']}`" if row.get("url") else row["label"]


def scan_table(rows):
    lines = [
        "| words | characters | findings | median ms | max ms | words per second |",
        "|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        lines.append(f"| {row['words']:,} | {row['chars']:,} | {row['findings']:,} | {row['median_ms']:.1f} "
                     f"| {row['max_ms']:.1f} | {row['words_per_s']:,.0f} |")
    return lines


def table(rows):
    lines = [
        "| measurement | median ms | max ms | queries | same query × | SQL ms | slowest query ms | listed | KB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        kb = "" if row.get("kb") is None else f"{row['kb']:.0f}"
        rows_cell = "" if row.get("rows") is None else f"{row['rows']:,}"
        lines.append(
            f"| {label_of(row)} | {row['median_ms']:.0f} | {row['max_ms']:.0f} | {fmt_queries(row)} "
            f"| {row['repeats']} | {row['sql_ms']:.0f} | {row['slowest_ms']:.0f} | {rows_cell} | {kb} |"
        )
    return lines


def key(row):
    """A measurement's name across stages (the theme's label carries its count)."""
    return row.get("url") or row["label"]


# A query run this many times in one measurement is named in the notes. Every page runs one
# (the site's navigation: a locale lookup per menu item) about 10 times.
REPEATED = 15


def growth_notes(stages):
    """Measurements whose queries grow with the number of vignettes, or whose time grows much faster."""
    if len(stages) < 2:
        return []
    notes = []
    first, last = stages[0], stages[-1]
    factor = last["vignettes"] / first["vignettes"]
    before = {key(row): row for row in first["rows"]}
    for row in last["rows"]:
        old = before.get(key(row))
        if old is None:
            continue
        if row["queries_max"] > old["queries_max"]:
            notes.append(f"{label_of(row)}: {old['queries_max']} queries at {first['vignettes']:,} vignettes, "
                         f"{row['queries_max']} at {last['vignettes']:,}: the number of queries grows "
                         f"(most repeated, × {old['repeats']} then × {row['repeats']}: "
                         f"`{row['repeated_sql'][:160]}…`).")
        ratio = row["median_ms"] / max(old["median_ms"], 0.1)
        if ratio >= 1.5 and row["median_ms"] - old["median_ms"] >= 30:
            notes.append(f"{label_of(row)}: {old['median_ms']:.0f} ms at {first['vignettes']:,} vignettes, "
                         f"{row['median_ms']:.0f} ms at {last['vignettes']:,} (× {ratio:.1f} for × {factor:.0f} "
                         f"vignettes); SQL {old['sql_ms']:.0f} → {row['sql_ms']:.0f} ms.")
    seen = set()
    for stage in reversed(stages):
        for row in stage["rows"]:
            if row["repeats"] >= REPEATED and key(row) not in seen:
                seen.add(key(row))
                notes.append(f"{label_of(row)}: one query ran {row['repeats']} times (with other values) at "
                             f"{stage['vignettes']:,} vignettes: `{row['repeated_sql'][:200]}…`")
    for stage in stages:
        for row in stage["rows"]:
            if row["median_ms"] > 1000:
                notes.append(f"{label_of(row)} takes {row['median_ms'] / 1000:.1f} s (median) at "
                             f"{stage['vignettes']:,} vignettes; its slowest query ({row['slowest_ms']:.0f} ms): "
                             f"`{row['slowest_sql'][:200]}…`")
    return notes


def report(scans, scan_busy, stages, info, args, command, notes):
    lines = [
        "# Vignette library benchmark (the `resources` app)",
        "",
        f"Produced by `{command}` on {info['date']}, code at `{info['revision']}`.",
        "",
        f"**Machine:** {info['nproc']} CPU ({info['cpu']}), {info['ram']} RAM, Linux {info['kernel']}; "
        f"{info['python']}, {info['django']}, {info['wagtail']}, {info['database']}.",
        "",
        "**Set-up:** in-process (`manage.py shell -c`), config.settings.production (DEBUG off, local-memory "
        "cache, plain static storage instead of the manifest), no HTTP server: pages through "
        "django.test.Client, logged in as a member with a current membership, `secure=True`. Each measurement "
        f"runs once to warm up, then {args.repeat} times: *median ms* and *max ms* are wall times of those runs; "
        "*queries* is the median number of SQL queries (the range when it varies), *SQL ms* their median total "
        "time, *same query ×* how many times the most repeated query (the same SQL but for its values) ran "
        f"in the last run (named in the notes from {REPEATED} times), *slowest query ms* the slowest single "
        "query seen; *listed* is the number of vignettes the page "
        "says it found, the contributions shown, or the open findings `refresh_findings` returns. "
        "See the docstring of bench/library.py for how the data is made. "
        + ("PostgreSQL's statistics are refreshed (`ANALYZE`) after adding vignettes and indexing them."
           if args.analyze and not args.sqlite else "Statistics not refreshed after adding vignettes."),
        "",
        "## The anonymisation check: `anonymisation.scan(text, names)`",
        "",
        f"Texts drawn from {len(CLEAN_SENTENCES) + 1 + len(IDENTIFYING_SENTENCES)} sentences "
        f"({len(IDENTIFYING_SENTENCES)} with identifying data), against the {scans[0]['names']} names of "
        f"`structure_names()`; once to warm up, then {args.repeat} times. Other processes took "
        f"{scan_busy:.0f} % of the CPUs meanwhile.",
        "",
        *scan_table(scans),
        "",
    ]
    for stage in stages:
        data = stage["data"]
        lines += [
            f"## {stage['vignettes']:,} published vignettes",
            "",
            f"{data['published']:,} vignettes published with `publish_vignette` in {data['published_s']:.0f} s "
            f"({1000 * data['published_s'] / data['published']:.0f} ms each; {data['with_word']} of them with "
            f"\"{SEARCH_WORD}\"), `update_index` in {stage['index_s']:.0f} s. Other processes took "
            f"{stage['busy']:.0f} % of the CPUs during the measurements.",
            "",
            *table(stage["rows"]),
            "",
        ]
        proposal = next((r for r in stage["rows"] if r["group"] == "propose"), None)
        if proposal:
            lines += [f"20 proposals made in {proposal['total_s']:.1f} s.", ""]
    if notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    return "\n".join(lines)


# -- Main -------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 then 200 vignettes")
    parser.add_argument("--sqlite", action="store_true", help="a throwaway SQLite file instead of PostgreSQL")
    parser.add_argument("--repeat", type=int, default=5, help="measured runs of each measurement")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--wait-quiet", type=int, default=120, metavar="SECONDS",
                        help="before measuring, wait at most this long for other processes to calm down (0: never)")
    parser.add_argument("--no-analyze", dest="analyze", action="store_false",
                        help="measure without refreshing PostgreSQL's statistics after adding vignettes")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    counts = [50, 200] if args.quick else [200, 2000]
    command = " ".join([".venv/bin/python bench/library.py", *sys.argv[1:]])

    # SIGTERM (a CI timeout, kill) goes through the same clean-up as Ctrl-C.
    exit_on_sigterm()
    require([] if args.sqlite else ["createdb", "dropdb", "psql"])

    workdir = tempfile.mkdtemp(prefix="parentescence-bench-library-")
    database = throwaway_database(args.sqlite, DB_NAME, workdir, run=run)
    # No worker runs, but never to a real mail server in any case.
    env = production_env(database.url, workdir,
                         EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    stages = []
    try:
        code = code_state(ROOT)
        build_site(database, env, run=run)
        info = machine_info(database)
        if args.wait_quiet:
            wait_until_quiet(DB_NAME, args.wait_quiet)
        scans, scan_busy = others_share(DB_NAME, lambda: shell(
            env, SCAN, "the anonymisation check on 500 to 50,000 words",
            BENCH_REPEAT=args.repeat, BENCH_WORDS=json.dumps([500, 5000, 50000])))
        for row in scans:
            print(f"  scan, {row['words']:>6,} words: median {row['median_ms']:>8.1f} ms  "
                  f"max {row['max_ms']:>8.1f} ms  {row['words_per_s']:>9,.0f} words/s  {row['findings']} findings",
                  flush=True)
        previous = 0
        for stage, count in enumerate(counts, start=1):
            data = shell(env, POPULATE, f"publish {count - previous} vignettes", BENCH_FROM=previous, BENCH_TO=count,
                         **({"BENCH_SETUP": "1"} if stage == 1 else {}))[0]
            print(f"  {data['published']:,} vignettes published in {data['published_s']:.0f} s", flush=True)
            started = time.monotonic()
            run([*MANAGE, "update_index"], env=env, cwd=ROOT, quiet=True)
            index_s = time.monotonic() - started
            if args.analyze:
                database.analyze()  # as autovacuum would within minutes of a bulk import
            print(f"{count:,} vignettes; measuring:", flush=True)
            if args.wait_quiet:
                wait_until_quiet(DB_NAME, args.wait_quiet)
            rows, busy = others_share(DB_NAME, lambda: shell(env, MEASURE, "measure", BENCH_REPEAT=args.repeat,
                                                    BENCH_STAGE=stage))
            for row in rows:
                print(f"  {label_of(row):<80} median {row['median_ms']:>7.0f} ms  max {row['max_ms']:>7.0f} ms  "
                      f"{fmt_queries(row):>9} queries  SQL {row['sql_ms']:.0f} ms", flush=True)
            print(f"  (other processes took {busy:.0f} % of the CPUs meanwhile)", flush=True)
            stages.append({"vignettes": count, "data": data, "index_s": index_s, "rows": rows, "busy": busy})
            previous = count
        notes = growth_notes(stages)
        if code_state(ROOT) != code:
            notes.append("The code changed during the run (another commit, or uncommitted changes to tracked "
                         "files): the figures of one stage and the next may not measure the same code.")
        busiest = max([scan_busy] + [stage["busy"] for stage in stages])
        if busiest > 20:
            notes.append(f"Other processes took up to {busiest:.0f} % of the CPUs during the measurements: those "
                         "figures are higher than a quiet machine's. Run again when nothing else runs to compare.")
        text = report(scans, scan_busy, stages, info, args, command, notes)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text)
        print()
        print(text)
        print(f"Written to {args.output}.")
    finally:
        drop(database, workdir)


if __name__ == "__main__":
    main()
