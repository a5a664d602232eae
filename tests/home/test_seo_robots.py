"""robots.txt: the public site open to crawlers, the private spaces not, the sitemap named."""

import pytest


@pytest.mark.django_db
def test_robots_txt_allows_the_site_and_names_the_sitemap(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.django_db
@pytest.mark.parametrize(
    "prefix",
    ["/admin/", "/compte/", "/en/compte/", "/reseau/mon-espace/", "/en/reseau/mon-espace/",
     "/suivi-familles/", "/en/suivi-familles/"],
)
def test_robots_txt_disallows_the_private_spaces(client, home_page, prefix):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Disallow: {prefix}" in lines


@pytest.mark.django_db
def test_robots_txt_keeps_the_public_pages_open(client, home_page):
    """No Disallow covers a public page (the home page, the directory, the calendar)."""
    lines = client.get("/robots.txt").content.decode().splitlines()
    disallowed = [line.split(": ", 1)[1] for line in lines if line.startswith("Disallow: ")]
    for public in ("/", "/annuaire/", "/agenda/", "/en/", "/reseau/", "/sitemap.xml"):
        assert not any(public.startswith(prefix) for prefix in disallowed), public


@pytest.mark.django_db
def test_robots_txt_uses_the_host_asked_for(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["parentescence.example"]
    response = client.get("/robots.txt", HTTP_HOST="parentescence.example", secure=True)
    assert "Sitemap: https://parentescence.example/sitemap.xml" in response.content.decode()
