"""Benchmark: how fast the public pages and APIs answer, rendered by Django in-process.

Run after `make run` has built the content (it uses the development database):

    .venv/bin/python bench/public_pages.py [--requests 50]

Prints, per URL, the median and 95th percentile time and the number of SQL queries of one
request. Figures depend on the machine: compare runs on the same machine only.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

URLS = [
    "/",
    "/reseau-professionnel/",
    "/reseau-professionnel/charte/",
    "/en/professional-network/charter/",
    "/recherche/?q=parents",
    "/api/v2/pages/?fields=*",
    "/api/v3/pages/",
    "/nulle-part/",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    client = Client()
    print(f"{'URL':<40} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["*"]):  # as in production
        for url in URLS:
            client.get(url)  # warm caches
            timings = []
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            queries = len(captured.captured_queries)
            p95 = statistics.quantiles(timings, n=20)[-1]
            print(f"{url:<40} {response.status_code:>6} {statistics.median(timings):>10.1f} {p95:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
