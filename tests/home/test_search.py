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


# -- French: case, accents, singular and plural ---------------------------------------------


@pytest.fixture
def french_pages(home_page):
    workshops = StandardPageFactory(
        parent=home_page, title="Nos ateliers", intro="Des ateliers d'éveil pour les bébés et la prématurité."
    )
    sleep = StandardPageFactory(parent=home_page, title="Le sommeil", intro="Une éducatrice parle du sommeil.")
    return workshops, sleep


@pytest.mark.parametrize(
    "query", ["atelier", "ateliers", "ATELIER", "Atéliers", "prématurité", "prematurites", "PREMATURITE", "bébé", "bebes"]
)
def test_every_form_of_a_word_finds_the_page(client, french_pages, query):
    content = client.get("/recherche/", {"q": query}).content.decode()
    assert "Nos ateliers" in content
    assert "Le sommeil" not in content


@pytest.mark.parametrize("query", ["éducatrice", "educatrices", "Sommeil", "sommeils"])
def test_accents_and_plural_give_the_same_results(client, french_pages, query):
    content = client.get("/recherche/", {"q": query}).content.decode()
    assert "Le sommeil" in content and "Nos ateliers" not in content


def test_words_of_a_listed_profile_find_it(client, home_page):
    from network.factories import MemberProfilePageFactory
    from network.models import DirectoryIndexPage

    directory = DirectoryIndexPage(title="Trouver un·e professionnel·le", slug="annuaire", intro="Le réseau.")
    home_page.add_child(instance=directory)
    MemberProfilePageFactory(
        parent=directory, title="Léa Martin", themes=["allaitement"], languages=["ar"], presentation="Ostéopathe."
    )
    for query in ["sage-femme", "sages femmes", "allaitements", "arabe", "osteopathes"]:
        assert "Léa Martin" in client.get("/recherche/", {"q": query}).content.decode(), query
    assert "Léa Martin" not in client.get("/recherche/", {"q": "psychologue"}).content.decode()
    content = client.get("/recherche/", {"q": "allaitement"}).content.decode()
    assert '<p class="search-kind">Professionnel·le</p>' in content
    assert "Sage-femme · Toulouse · <mark>Allaitement</mark> · Arabe" in content


# -- What a result shows -------------------------------------------------------------------


def test_a_result_shows_its_kind_and_an_excerpt_with_the_words_marked(client, home_page):
    StandardPageFactory(parent=home_page, title="Soutien", intro="Nous parlons d'allaitement et de sommeil.")
    content = client.get("/recherche/", {"q": "allaitements"}).content.decode()
    assert '<p class="search-kind">Page</p>' in content
    assert "Nous parlons d&#x27;<mark>allaitement</mark> et de sommeil." in content


def test_the_excerpt_is_escaped_before_words_are_marked(client, home_page):
    StandardPageFactory(
        parent=home_page, title="Piège", intro='<script>alert("x")</script> <b>allaitement</b> <mark>x</mark>'
    )
    content = client.get("/recherche/", {"q": "allaitement alert"}).content.decode()
    assert "<script>alert" not in content and "<b>" not in content
    assert "&lt;script&gt;<mark>alert</mark>(&quot;x&quot;)&lt;/script&gt;" in content
    assert "&lt;b&gt;<mark>allaitement</mark>&lt;/b&gt; &lt;mark&gt;x&lt;/mark&gt;" in content


def test_no_page_with_every_word_shows_pages_with_any(client, french_pages):
    content = client.get("/recherche/", {"q": "sommeil zanzibar"}).content.decode()
    assert "Le sommeil" in content
    assert "Aucune page ne contient tous ces mots" in content


def test_query_count_does_not_depend_on_the_number_of_hits(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/recherche/", {"q": "allaitement"}).status_code == 200
        return len(captured)

    for n in range(12):
        StandardPageFactory(parent=home_page, title=f"Page {n}", intro="allaitement")
    queries()  # the first request fills caches (site root paths, content types)
    few = queries()
    for n in range(12, 40):
        StandardPageFactory(parent=home_page, title=f"Page {n}", intro="allaitement")
    assert queries() == few


# -- Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"q": "allait\x00ement"},
        {"q": "a" * 5000},
        {"q": "allaitement " * 500},
        {"q": "!?;:«»…—'\"()[]{}*^~-"},
        {"q": '"unterminated AND OR NOT NEAR('},
        {"q": "Zanzibar", "page": "9" * 30},
        {"q": "Zanzibar", "page": "-1"},
        {"q": "Zanzibar", "page": "abc"},
        {"q": "Zanzibar", "page": "1e9"},
    ],
)
def test_bad_input_never_fails(client, pages, params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200


def test_bad_page_numbers_give_the_first_or_the_last_page(client, home_page):
    for n in range(12):
        StandardPageFactory(parent=home_page, title=f"Zanzibar {n}")
    assert "Page 1 sur 2" in client.get("/recherche/", {"q": "Zanzibar", "page": "abc"}).content.decode()
    assert "Page 2 sur 2" in client.get("/recherche/", {"q": "Zanzibar", "page": "9" * 30}).content.decode()


def test_the_admin_page_search_uses_the_same_keys(client, french_pages, superuser):
    client.force_login(superuser)
    response = client.get("/admin/pages/search/", {"q": "atelier"})
    assert response.status_code == 200
    assert "Nos ateliers" in response.content.decode()
