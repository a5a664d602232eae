"""French first, English through wagtail-localize; a language switcher and hreflang."""

import pytest
from django.utils import translation

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(home_page, english_home, locales):
    page = StandardPageFactory(parent=home_page, title="L'association", slug="association")
    english = page.copy_for_translation(locales[1], alias=False)
    english.title = "The association"
    english.slug = "association"
    english.save_revision().publish()
    return page, english


def test_french_page_has_lang_switcher_and_hreflang(client, translated):
    page, english = translated
    content = client.get(page.url).content.decode()
    assert '<html lang="fr">' in content
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{english.url}">' in content
    assert f'<link rel="alternate" hreflang="fr" href="http://testserver{page.url}">' in content
    assert f'href="{english.url}" hreflang="en" lang="en">English</a>' in content
    assert "Aller au contenu" in content


def test_english_page_is_in_english(client, translated):
    page, english = translated
    assert english.url.startswith("/en/")
    content = client.get(english.url).content.decode()
    assert '<html lang="en">' in content
    assert "Skip to content" in content
    assert f'href="{page.url}" hreflang="fr" lang="fr">Français</a>' in content


def test_untranslated_page_offers_no_dead_link(client, home_page, english_home):
    page = StandardPageFactory(parent=home_page, title="Seulement en français")
    content = client.get(page.url).content.decode()
    assert "hreflang=\"en\" lang=\"en\"" not in content


def test_ui_catalogue_has_english():
    with translation.override("en"):
        assert translation.gettext("Rechercher sur le site") == "Search the site"
        assert translation.gettext("Page introuvable") == "Page not found"


def test_admin_speaks_french_to_editors(client, editor):
    client.force_login(editor)
    content = client.get("/admin/").content.decode()
    assert 'lang="fr"' in content


def test_english_catalogue_is_complete():
    from pathlib import Path

    import polib

    catalogue = polib.pofile(str(Path(__file__).resolve().parents[2] / "locale/en/LC_MESSAGES/django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()] + [
        entry.msgid for entry in catalogue.fuzzy_entries()
    ]
    assert untranslated == []


def test_french_plural_is_french():
    with translation.override("fr"):
        assert translation.ngettext("%(counter)s résultat", "%(counter)s résultats", 0) == "%(counter)s résultat"
        assert translation.ngettext("%(counter)s résultat", "%(counter)s résultats", 2) == "%(counter)s résultats"


def test_untranslated_menu_item_says_its_language(client, home_page, english_home, locales):
    from wagtail.models import Site

    from home.models import NavigationSettings

    page = StandardPageFactory(parent=home_page, title="Seulement en français")
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.main_navigation = [("page", page)]
    navigation.save()
    english_home.save_revision().publish()
    content = client.get("/en/").content.decode()
    assert 'lang="fr"' in content and "Seulement en français" in content
    assert 'lang="fr" aria-current' not in client.get(page.url).content.decode()
