"""Development settings: what `make run` uses on a newcomer's machine."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, DATABASES, PRIVATE_STORAGE, env_list

DEBUG = True
# Development settings must never serve a real database: DEBUG shows data in error pages.
if DATABASES["default"].get("HOST") not in (None, "", "localhost", "127.0.0.1", "::1"):
    raise ImproperlyConfigured(
        "config.settings.dev is for a local database only; use config.settings.production."
    )
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-parentescence")
# A development-only key for the families' encrypted fields (demo data only).
SUPPORT_ENCRYPTION_KEYS = env_list("SUPPORT_ENCRYPTION_KEYS", "ZGV2LW9ubHktbm90LXNlY3JldC1wYXJlbnRlc2NlbmM=")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# E-mails are queued through the worker like everywhere, then written to var/mail/.
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
