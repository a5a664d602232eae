"""Unknown URLs and server errors get branded pages that leak nothing."""

import pytest
from django.test import RequestFactory

from home.views import server_error

pytestmark = pytest.mark.django_db


def test_404_in_french(client, home_page):
    response = client.get("/cette-page-nexiste-pas/")
    assert response.status_code == 404
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert "Page introuvable" in content
    assert 'href="#main"' in content  # the branded layout, with its skip link


def test_404_in_english(client, home_page, english_home):
    response = client.get("/en/this-page-does-not-exist/")
    assert response.status_code == 404
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "Page not found" in content


def test_500_is_branded_and_leaks_nothing():
    request = RequestFactory().get("/")
    response = server_error(request)
    assert response.status_code == 500
    content = response.content.decode()
    assert "Parentescence" in content
    assert "Traceback" not in content and "Exception" not in content


def test_server_error_through_the_stack(client, home_page, settings, monkeypatch):
    from home.models import HomePage

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("secret-internal-detail")

    monkeypatch.setattr(HomePage, "serve", explode)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "secret-internal-detail" not in response.content.decode()
    assert "Une erreur est survenue" in response.content.decode()
