"""Production settings: must pass `manage.py check --deploy` with no warning.

Required environment: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, WAGTAILADMIN_BASE_URL;
REDIS_URL for the worker's broker and the cache; EMAIL_HOST and friends for SMTP.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import SECRET_KEY, SUPPORT_ENCRYPTION_KEYS, env_bool

DEBUG = False
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random string of at least 50 characters.")
# The families' identifying data is encrypted with its own key, never derived from SECRET_KEY.
if not SUPPORT_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "SUPPORT_ENCRYPTION_KEYS must be set (python -c \"from cryptography.fernet import Fernet; "
        "print(Fernet.generate_key().decode())\"), see docs/privacy.md."
    )
try:
    from cryptography.fernet import Fernet

    [Fernet(key) for key in SUPPORT_ENCRYPTION_KEYS]
except ValueError as error:
    raise ImproperlyConfigured("SUPPORT_ENCRYPTION_KEYS holds a value that is not a Fernet key.") from error
if SECRET_KEY in SUPPORT_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("SUPPORT_ENCRYPTION_KEYS must not contain SECRET_KEY.")
# The development and test keys are published in this repository.
if {"ZGV2LW9ubHktbm90LXNlY3JldC1wYXJlbnRlc2NlbmM=", "dGVzdC1vbmx5LW5vdC1zZWNyZXQtcGFyZW50ZXNjZW4="} & set(SUPPORT_ENCRYPTION_KEYS):
    raise ImproperlyConfigured("SUPPORT_ENCRYPTION_KEYS holds a published development key: generate your own.")
# Links in e-mails, the sitemap and the API are built from it: it must be the real address.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")
if not WAGTAILADMIN_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured("WAGTAILADMIN_BASE_URL must be set to the site's https:// address.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# API v3 is a preview: its interactive docs and OpenAPI schema stay off in production.
WAGTAILAPI_DOCS_ENABLED = False
