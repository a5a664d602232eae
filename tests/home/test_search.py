"""Site search lists live public pages of the visitor's language, never private ones."""

import pytest
from wagtail.models import PageViewRestriction

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    public = StandardPageFactory(parent=home_page, title="Ateliers parents-enfants", intro="Zanzibar public")
    private = StandardPageFactory(parent=home_page, title="Espace réservé", intro="Zanzibar secret")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    private_child = StandardPageFactory(parent=private, title="Sous-page réservée", intro="Zanzibar enfant")
    draft = StandardPageFactory(parent=home_page, title="Brouillon", intro="Zanzibar brouillon", live=False)
    return public, private, private_child, draft


def test_search_shows_public_pages_only(client, pages):
    response = client.get("/recherche/", {"q": "Zanzibar"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ateliers parents-enfants" in content
    assert "Espace réservé" not in content
    assert "Sous-page réservée" not in content
    assert "Brouillon" not in content


def test_search_hides_private_pages_from_members_too(client, pages, member):
    client.force_login(member)
    content = client.get("/recherche/", {"q": "Zanzibar"}).content.decode()
    assert "Espace réservé" not in content


def test_search_is_in_the_visitors_language(client, pages, english_home, locales):
    public = pages[0]
    english = public.copy_for_translation(locales[1], alias=False)
    english.title = "Parent-child workshops"
    english.save_revision().publish()
    assert "Parent-child workshops" in client.get("/en/recherche/", {"q": "Zanzibar"}).content.decode()
    french = client.get("/recherche/", {"q": "Zanzibar"}).content.decode()
    assert "Parent-child workshops" not in french


def test_empty_query_and_bad_page_number(client, pages):
    assert client.get("/recherche/").status_code == 200
    assert client.get("/recherche/", {"q": "Zanzibar", "page": "abc"}).status_code == 200
    assert client.get("/recherche/", {"q": "Zanzibar", "page": "999"}).status_code == 200


def test_sitemap_lists_public_pages_of_every_language(client, pages, english_home, locales):
    public, private, private_child, draft = pages
    english = public.copy_for_translation(locales[1], alias=False)
    english.save_revision().publish()
    content = client.get("/sitemap.xml").content.decode()
    assert public.url in content
    assert english.url.startswith("/en/") and english.url in content
    for hidden in (private, private_child, draft):
        assert f"/{hidden.slug}/" not in content
