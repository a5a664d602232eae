"""Issue 8: a family's data is in no Wagtail page, search index, API (v2, v3), admin listing
or export other than the anonymised statistics, for anyone, coordinators included."""

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.snippets.models import get_snippet_models

from support.factories import ContactFactory, FamilyFactory

NAME = "Zélie Introuvable"


@pytest.fixture
def family(db, home_page):
    family = FamilyFactory(contact_name=NAME, phone="06 55 44 33 22", reason_note="Texte introuvable")
    ContactFactory(family=family, note="Note introuvable")
    call_command("update_index", verbosity=0)
    return family


def test_no_support_model_is_a_page_a_snippet_or_indexed(db):
    from wagtail.models import Page
    from wagtail.search.index import Indexed

    for model in apps.get_app_config("support").get_models():
        assert not issubclass(model, (Page, Indexed)), model
        assert model not in get_snippet_models(), model
        assert AdminURLFinder().get_edit_url(model()) is None, model


@pytest.mark.parametrize("who", [None, "coordinator", "superuser", "referent_a"])
def test_search_and_apis_never_return_a_family(who, request, client, verified_client, family):
    from wagtail.models import APIToken

    headers = {}
    if who:
        user = request.getfixturevalue(who)
        verified_client(user)
        headers = {"Authorization": f"Bearer {APIToken.create_token(user=user, name='test')[1]}"}
    urls = ["/recherche/?q=introuvable", "/recherche/?q=Zélie", "/api/v2/pages/?search=introuvable",
            "/api/v2/pages/", "/api/v2/documents/", "/api/v2/images/", "/sitemap.xml"]
    for url in urls:
        assert not leaks(client.get(url).content.decode()), url
    for url in ["/api/v3/pages/", "/api/v3/documents/", "/api/v3/images/", "/api/v3/pages/?search=introuvable"]:
        assert not leaks(client.get(url, headers=headers).content.decode()), url
    if who == "superuser":
        # The admin's search and listings know nothing of families either.
        for url in ["/admin/pages/search/?q=introuvable", "/admin/snippets/", "/admin/reports/site-history/"]:
            assert not leaks(client.get(url).content.decode()), url


def leaks(content):
    return any(canary in content for canary in (NAME, "Texte introuvable", "Note introuvable", "06 55 44"))
