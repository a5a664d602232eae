"""Shared fixtures: a site tree (home page in French and English) and people in each role."""

import pytest
from wagtail.models import Locale

from accounts.factories import UserFactory
from home.factories import site_with_home


@pytest.fixture
def locales(db):
    fr = Locale.objects.get_or_create(language_code="fr")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    return fr, en


@pytest.fixture
def home_page(locales):
    """A French home page at the root of the default site, in place of Wagtail's welcome page."""
    return site_with_home(locale=locales[0])


@pytest.fixture
def english_home(home_page, locales):
    return home_page.copy_for_translation(locales[1], alias=False).specific


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def member(db):
    return UserFactory(username="member", groups=["Members"])


@pytest.fixture
def treasurer(db):
    return UserFactory(username="treasurer", groups=["Treasurer"])


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture(autouse=True)
def queued_email(settings):
    """Django's test setup swaps EMAIL_BACKEND for locmem; put ours back so every test
    exercises the real path (queued -> django-q2, synchronous in tests -> locmem outbox)."""
    settings.EMAIL_BACKEND = "home.mail.QueuedEmailBackend"


@pytest.fixture(autouse=True)
def clear_cache():
    """Wagtail caches site root paths; ids are reused between tests, so start clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def remove_uploaded_files():
    """Uploaded test files go to per-process folders (config.settings.test): remove them."""
    yield
    import shutil

    from django.conf import settings

    for folder in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        shutil.rmtree(folder, ignore_errors=True)
