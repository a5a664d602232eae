"""Base settings for the Parentescence site: safe by default.

Nothing secret or environment-specific is written here: it comes from the environment.
`dev.py` relaxes these settings, `test.py` speeds them up, `production.py` hardens them.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list of non-empty strings."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "home",
    "network",
    "fees",
    "resources",
    "support",
    "contact",
    "wagtail_localize",
    "wagtail_localize.locales",  # never together with wagtail.locales: same app label
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",  # a layer over modelsearch: do not install "modelsearch" itself
    "wagtail.admin",
    "wagtail",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_q",
    "django_otp",
    "axes",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # API v2 and v3: absurd query strings answered with a 400, never a 500.
    "config.api.APIBadInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the second factor required of coordinators and referents.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a refused log-in into the "too many attempts" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # {% load admin_wording %}: wagtail-localize's English dates in French (i18n).
            "libraries": {"admin_wording": "home.admin_wording"},
        },
    },
]

# Database: SQLite by default so a newcomer needs nothing; PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker's processes write to the same file: take the write lock
    # when a transaction starts, and wait for it, rather than fail with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A new member's set-password link (sent on acceptance) stays valid two weeks.
PASSWORD_RESET_TIMEOUT = 14 * 24 * 60 * 60
# Behind a proxy: the request header holding the visitor's address (rate limits).
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
LOGIN_URL = "accounts:login"
# Wagtail's private pages (the vignette library) send visitors to the same log-in page.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# After logging in without a page asked for: where the person's work is (accounts.views.landing).
LOGIN_REDIRECT_URL = "accounts:landing"
# For someone no app claims (accounts.views.landing).
ACCOUNTS_DEFAULT_LANDING = "network:member_space"
AUTHENTICATION_BACKENDS = [
    # First: refuses an account or an address that failed too often, on both log-in pages.
    "accounts.security.AttemptLimitBackend",
    "accounts.backends.EmailOrUsernameBackend",
]

# Log-in attempts (django-axes, accounts/security.py): an account, or an address, that fails
# AXES_FAILURE_LIMIT times is refused for AXES_COOLOFF_TIME; a success resets the account's
# count. The same account typed as a username or an e-mail counts once. Successful log-ins
# are not recorded, failures are forgotten after the cool-off, and nothing identifying is
# logged. A coordinator of the site unlocks someone at once from *Paramètres → Tentatives de
# connexion* (or `manage.py axes_reset_username <username>`).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_USERNAME_CALLABLE = "accounts.security.attempted_account"
AXES_CLIENT_IP_CALLABLE = "accounts.security.attempt_address"
AXES_CLIENT_STR_CALLABLE = "accounts.security.no_personal_data"
AXES_LOCKOUT_CALLABLE = "accounts.security.locked_out"

# Cache: local memory by default, Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Internationalisation: French first, English translated with wagtail-localize.
LANGUAGE_CODE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# Each language in its own name: the public site's language switcher and the admin's choice
# of interface language.
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
# The content languages as the (French) admin names them: Wagtail and wagtail-localize show
# these labels in the explorer, the locale filters and the translation editor ("Publier en
# anglais", "français → anglais"). Plain strings, not lazy ones: wagtail-localize puts them in
# JSON with json.dumps, which refuses lazy translations.
WAGTAIL_CONTENT_LANGUAGES = [("fr", "français"), ("en", "anglais")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static and media files. whitenoise serves static files in every setting.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Documents (home.storage.private_storage): outside MEDIA_ROOT, never served directly.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},  # str: Wagtail passes it to a task as JSON
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail. Every message goes through the django-q2 worker: the configured backend only
# queues it (on transaction commit); the worker sends it with EMAIL_DELIVERY_BACKEND.
EMAIL_BACKEND = "home.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 20
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Parentescence <contact@parentescence.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# django-q2: the ORM broker by default (no extra service), Redis when REDIS_URL is set.
# `retry` must exceed `timeout`, or a task still running is handed out again;
# `max_attempts` is finite so a task that keeps failing stops after a bounded number of tries.
# No option here bounds how long a stop waits for running tasks: `manage.py qcluster` is our
# command (home/worker.py), which gives them a few seconds, then interrupts them (docs/worker.md).
Q_CLUSTER = {
    "name": "parentescence",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 60,
    "retry": 120,
    "max_attempts": 5,  # …at most this many times in all
    "catch_up": False,  # a stopped worker does not replay every missed scheduled run
    "save_limit": -1,  # keep no successful task: their arguments can hold personal data
    "ack_failures": False,  # a failed task is handed out again after `retry` seconds (ORM broker)…
    "label": "Tâches de fond",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# Wagtail 8's own background work (search index, reference index, file deletion) goes
# through django-tasks. We run it in-process with the immediate backend, deliberately:
# each task is small (index one object, delete one file), running it in the editor's
# request means a published page is searchable and its references are up to date the
# moment the editor sees "published", and it cannot silently pile up behind a stopped
# worker. Our own slow, outward-facing work (e-mail) goes through django-q2 instead.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# How long a decided application is kept in full (network.retention).
NETWORK_APPLICATION_RETENTION_DAYS = int(os.environ.get("NETWORK_APPLICATION_RETENTION_DAYS", "365"))
# Registrants' personal data (name, e-mail, phone, needs) is erased this many days after the
# event; the numbers (adults, children, attendance) stay for the annual report.
EVENT_REGISTRANTS_RETENTION_DAYS = int(os.environ.get("EVENT_REGISTRANTS_RETENTION_DAYS", "30"))
# Messages sent from the contact page are erased this many days (default: 12 months) after an
# editor marked them handled (contact.inbox.erase_handled); unhandled ones are never erased.
# A Django setting, like the other retention periods, not a site setting: it is a commitment
# of the processing record (docs/privacy.md) and of the text the contact page shows (derived
# from it), so it changes with a deployment, not from the admin.
CONTACT_MESSAGE_RETENTION_DAYS = int(os.environ.get("CONTACT_MESSAGE_RETENTION_DAYS", "365"))

# Individual family support (support/). The families' identifying fields are encrypted with
# these Fernet keys, separate from SECRET_KEY: comma-separated, the first one encrypts, all of
# them decrypt (rotation: put a new key first, run `manage.py rotate_support_key`, then drop
# the old one; see docs/privacy.md). Without a key, nothing of a family can be read or written.
SUPPORT_ENCRYPTION_KEYS = env_list("SUPPORT_ENCRYPTION_KEYS")
# Retention, in months: a closed support, and a referral refused or never answered.
SUPPORT_CLOSED_RETENTION_MONTHS = int(os.environ.get("SUPPORT_CLOSED_RETENTION_MONTHS", "24"))
SUPPORT_UNANSWERED_RETENTION_MONTHS = int(os.environ.get("SUPPORT_UNANSWERED_RETENTION_MONTHS", "6"))
# The read log (who opened which family's record) is kept this many months.
SUPPORT_ACCESS_LOG_RETENTION_MONTHS = int(os.environ.get("SUPPORT_ACCESS_LOG_RETENTION_MONTHS", "24"))
# Statistics never show a cell describing fewer families than this.
SUPPORT_STATISTICS_THRESHOLD = 5
# Name shown in authenticator apps for the second factor.
OTP_TOTP_ISSUER = "Parentescence"

# Membership fee (fees.membership): amount, and the time a newly accepted member has to pay
# their first fee while listed in the directory.
MEMBERSHIP_FEE = os.environ.get("MEMBERSHIP_FEE", "30.00")
MEMBERSHIP_FIRST_FEE_DAYS = int(os.environ.get("MEMBERSHIP_FIRST_FEE_DAYS", "30"))

# Online payment through HelloAsso (fees.helloasso). With no credentials, it is not offered.
HELLOASSO_API_URL = os.environ.get("HELLOASSO_API_URL", "https://api.helloasso.com")
HELLOASSO_CLIENT_ID = os.environ.get("HELLOASSO_CLIENT_ID", "")
HELLOASSO_CLIENT_SECRET = os.environ.get("HELLOASSO_CLIENT_SECRET", "")
HELLOASSO_ORGANIZATION_SLUG = os.environ.get("HELLOASSO_ORGANIZATION_SLUG", "")
# The association's public HelloAsso membership form, where the "pay online" link leads.
HELLOASSO_FORM_URL = os.environ.get("HELLOASSO_FORM_URL", "")

# Wagtail
WAGTAIL_SITE_NAME = "Parentescence"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Read once at import (override_settings in tests does not change it).
WAGTAIL_FINISH_WORKFLOW_ACTION = "network.workflow_actions.finish_workflow"
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "home.CustomDocument"
# serve_view checks collection privacy; "direct" and "redirect" would bypass it.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "xlsx", "ods", "pptx", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database search (modelsearch) with French keys, on SQLite and PostgreSQL:
        # see home/search/backend.py. Run `manage.py update_index` after changing it.
        "BACKEND": "home.search.backend",
        "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", ""),
    }
}
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_DOCS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatar service: Wagtail would ask Gravatar for each user's picture, sending a hash of
# their e-mail (coordinators of family support included) to a third party. Initials and
# uploaded avatars only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_PASSWORD_RESET_ENABLED = True

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # The session only (members reading what they may see); no HTTP Basic password guessing.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin JavaScript reads it
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Logging: messages say what happened, never to whom (charter: "devoir de discrétion").
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs the request path of 4xx/5xx responses; paths never carry personal data here.
        "django.request": {"level": "ERROR"},
    },
}
LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}
# Wagtail logs the title of every object it creates or publishes at INFO level; applications
# and member profiles are titled with people's names. The admin's history keeps the record.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}
