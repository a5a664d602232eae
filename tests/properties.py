"""Helpers for the property-based tests (hypothesis).

Each rule of the project is checked against a plain reference written from the rule in the
test itself, never from the code under test. Examples run inside the test's database
transaction; `rolled_back()` undoes each example so the next one starts from the same state.

Profiles: `ci` (the default, used by `make test` and CI) and `deep` for a longer local run:
    HYPOTHESIS_PROFILE=deep .venv/bin/python -m pytest tests -k property
"""

import contextlib
import os
import re

from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, settings

DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "deep"

_common = dict(
    deadline=None,  # database work: timing varies with the machine, speed is measured in bench/
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile("ci", **_common)
settings.register_profile("deep", **_common)
settings.load_profile("deep" if DEEP else "ci")


def examples(n):
    """`n` examples in CI, ten times more in the deep profile."""
    return settings(max_examples=n * 10 if DEEP else n)


@contextlib.contextmanager
def rolled_back():
    """Run one example in a savepoint that is rolled back, with an empty cache."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()


# -- Plain readings of a query string, for the references -----------------------------------


def last(pairs, key):
    """The value a view reads with `QueryDict.get`: the last one given, or ""."""
    values = [value for name, value in pairs if name == key]
    return values[-1] if values else ""


def page_number(raw, pages):
    """The page asked for; the first for nonsense, the last beyond either end."""
    if not re.fullmatch(r"-?[0-9]+", raw):
        return 1
    number = int(raw)
    return pages if number < 1 or number > pages else number
