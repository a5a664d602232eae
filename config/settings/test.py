"""Test settings: fast and self-contained (pytest uses these)."""

import os

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, PRIVATE_STORAGE, Q_CLUSTER

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SUPPORT_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LW5vdC1zZWNyZXQtcGFyZW50ZXNjZW4="]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Queued e-mails are delivered in-process (django-q2 sync mode) into Django's test outbox.
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
Q_CLUSTER = {**Q_CLUSTER, "sync": True}

MEDIA_ROOT = BASE_DIR / "var" / "test-media" / str(os.getpid())
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private" / str(os.getpid())
PRIVATE_STORAGE = {**PRIVATE_STORAGE, "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
