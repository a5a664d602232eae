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


def test_base_settings_are_safe_by_default():
    from config.settings import base

    assert base.DEBUG is False
    assert base.SECRET_KEY == os.environ.get("SECRET_KEY", "")
    assert base.ALLOWED_HOSTS == [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]


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
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "wagtail.search.backends.database"
    assert "INDEX_PREFIX" in settings.WAGTAILSEARCH_BACKENDS["default"]
    assert "modelsearch" not in settings.INSTALLED_APPS
    assert "wagtail.locales" not in settings.INSTALLED_APPS
    assert "wagtail_localize.locales" in settings.INSTALLED_APPS
    assert settings.AUTH_USER_MODEL == "accounts.User"
    assert settings.WAGTAILIMAGES_IMAGE_MODEL == "home.CustomImage"
    assert settings.WAGTAILDOCS_DOCUMENT_MODEL == "home.CustomDocument"
    assert settings.EMAIL_BACKEND == "home.mail.QueuedEmailBackend"
