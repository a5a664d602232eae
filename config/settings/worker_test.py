"""Settings for the tests that start real processes (`manage.py qcluster`, `bin/run-dev`):
tests/home/test_worker_processes.py. The test settings, with django-q2 really queueing
through its ORM broker, on the file SQLite database named by DATABASE_URL (several processes
share it), e-mails written by the worker into EMAIL_FILE_PATH, and the tables created from
the models (`migrate --run-syncdb`, no migrations: seconds instead of half a minute; no
scheduled jobs either, so only the worker's start can send an e-mail at once)."""

import os

from .test import *  # noqa: F401,F403
from .test import Q_CLUSTER

if not os.environ.get("DATABASE_URL", "").startswith("sqlite:///"):
    raise RuntimeError("config.settings.worker_test needs DATABASE_URL=sqlite:///<file>")

Q_CLUSTER = {key: value for key, value in Q_CLUSTER.items() if key != "redis"}
Q_CLUSTER.update({"sync": False, "orm": "default"})

EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]


class NoMigrations:
    """Every app "has no migrations": `migrate --run-syncdb` creates its tables directly."""

    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


MIGRATION_MODULES = NoMigrations()
