"""Settings: safe by default, production passes `check --deploy` with no warning."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 30 + "-production-like-secret-key-with-length-" + "y" * 20,
    "ALLOWED_HOSTS": "parentescence.example.org",
    "DATABASE_URL": "sqlite:////tmp/parentescence-deploy-check.sqlite3",
    "WAGTAILADMIN_BASE_URL": "https://parentescence.example.org",
    "SUPPORT_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi1saWtlLWtleS1mb3ItdGhlLXRlc3Q=",
}


def run_manage(*args, env):
    full_env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_production_passes_check_deploy_with_no_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr and "issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def settings_value(module, expression, env):
    code = f"from config.settings import {module} as s; print(repr({expression}))"
    full_env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    full_env.update(env)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True)
    return result.stdout.strip(), result.stderr


def test_base_settings_are_safe_by_default():
    # With nothing in the environment: no debug, no secret, no host accepted.
    assert settings_value("base", "(s.DEBUG, s.SECRET_KEY, s.ALLOWED_HOSTS)", {})[0] == "(False, '', [])"


def test_base_settings_come_from_the_environment():
    value, _ = settings_value(
        "base", "(s.SECRET_KEY, s.ALLOWED_HOSTS)", {"SECRET_KEY": "k", "ALLOWED_HOSTS": "a.org, b.org"}
    )
    assert value == "('k', ['a.org', 'b.org'])"


def test_production_needs_the_real_https_address():
    env = {**PRODUCTION_ENV, "WAGTAILADMIN_BASE_URL": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0 and "WAGTAILADMIN_BASE_URL" in result.stderr


def test_development_settings_refuse_a_remote_database():
    value, error = settings_value("dev", "s.DEBUG", {"DATABASE_URL": "postgres://u:p@db.example.org:5432/prod"})
    assert value == "" and "local database only" in error


def test_api_v2_accepts_no_http_basic_passwords():
    assert settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] == [
        "rest_framework.authentication.SessionAuthentication"
    ]


def test_gunicorn_logs_neither_addresses_nor_query_strings():
    import runpy

    config = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))
    assert "%(h)s" not in config["access_log_format"] and "%(r)s" not in config["access_log_format"]
    assert "%(q)s" not in config["access_log_format"] and "%(U)s" in config["access_log_format"]
    mask = config["mask_path"]
    assert mask("/reseau/candidature/modifier/s3cr3t-token/") == "/reseau/candidature/modifier/…/"
    assert mask("/compte/mot-de-passe/MQ/abc-123/") == "/compte/mot-de-passe/…/"
    assert mask("/annuaire/") == "/annuaire/"


def test_production_turns_off_api_docs_and_uses_secure_cookies():
    code = (
        "from config.settings import production as p;"
        "print(p.DEBUG, p.WAGTAILAPI_DOCS_ENABLED, p.SESSION_COOKIE_SECURE, p.CSRF_COOKIE_SECURE)"
    )
    full_env = {**os.environ, **PRODUCTION_ENV}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True)
    assert result.stdout.split() == ["False", "False", "True", "True"], result.stderr


def test_redis_url_switches_broker_and_cache():
    code = "from config.settings import base as b; print(b.Q_CLUSTER.get('redis'), 'orm' in b.Q_CLUSTER, b.CACHES['default']['BACKEND'])"
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["redis://127.0.0.1:6379/0", "False", "django.core.cache.backends.redis.RedisCache"]


def test_stack_choices():
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.USE_TZ
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "home.search.backend"
    assert "INDEX_PREFIX" in settings.WAGTAILSEARCH_BACKENDS["default"]
    assert "modelsearch" not in settings.INSTALLED_APPS
    assert "wagtail.locales" not in settings.INSTALLED_APPS
    assert "wagtail_localize.locales" in settings.INSTALLED_APPS
    assert settings.AUTH_USER_MODEL == "accounts.User"
    assert settings.WAGTAILIMAGES_IMAGE_MODEL == "home.CustomImage"
    assert settings.WAGTAILDOCS_DOCUMENT_MODEL == "home.CustomDocument"
    assert settings.EMAIL_BACKEND == "home.mail.QueuedEmailBackend"


def test_production_refuses_to_start_without_the_families_encryption_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SUPPORT_ENCRYPTION_KEYS"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SUPPORT_ENCRYPTION_KEYS must be set" in result.stderr


def test_production_refuses_the_published_development_key():
    env = {**PRODUCTION_ENV, "SUPPORT_ENCRYPTION_KEYS": "ZGV2LW9ubHktbm90LXNlY3JldC1wYXJlbnRlc2NlbmM="}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "published development key" in result.stderr


def test_production_refuses_a_key_that_is_not_a_fernet_key():
    result = run_manage("check", env={**PRODUCTION_ENV, "SUPPORT_ENCRYPTION_KEYS": "not-a-key"})
    assert result.returncode != 0
    assert "not a Fernet key" in result.stderr
