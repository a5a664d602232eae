"""No admin page makes the browser fetch anything from another host: no avatar service
(Gravatar would receive a hash of each user's e-mail, family-support coordinators included),
no CDN, no font service. Every page linked from the admin's menus and dashboard is read, as a
superuser whose e-mail Gravatar would know."""

import re
from urllib.parse import urlsplit

from accounts.factories import UserFactory

# What makes a browser fetch: src and srcset, stylesheets, preloads, icons, CSS url(), and
# scripts' fetches written as absolute URLs in data attributes.
FETCHED = re.compile(
    r"""(?:\bsrc|\bsrcset|\bdata-[a-z-]*url|\bposter)\s*=\s*["']([^"']+)["']"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']([^"']+)["']"""
    r"""|url\(\s*["']?([^"')]+)""",
    re.I,
)
LOCAL_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}


def outside_fetches(html):
    found = []
    for groups in FETCHED.findall(html):
        for value in filter(None, groups):
            for url in value.split(","):  # srcset: "url 1x, url 2x"
                url = url.strip().split(" ")[0]
                host = urlsplit(url).hostname if url.startswith(("http:", "https:", "//")) else ""
                if (host or "") not in LOCAL_HOSTS:
                    found.append(url)
    return found


def admin_links(html):
    """Admin addresses on the page, the sidebar's menu (JSON in a data attribute) included."""
    return {url for url in re.findall(r"/admin/[a-z0-9_/-]*/", html.replace("\\/", "/")) if "logout" not in url}


def test_the_checker_sees_a_gravatar():
    assert outside_fetches('<img src="//www.gravatar.com/avatar/abc?s=50">') == ["//www.gravatar.com/avatar/abc?s=50"]
    assert outside_fetches('<link rel="stylesheet" href="https://cdn.example.org/a.css">')
    assert not outside_fetches('<img src="/static/wagtailadmin/images/default-user-avatar.png">')


def test_no_admin_page_fetches_from_another_host(client, home_page):
    root = UserFactory(username="root", email="root@example.org", is_superuser=True, is_staff=True)
    client.force_login(root)
    dashboard = client.get("/admin/").content.decode()
    pages = {"/admin/", "/admin/account/", "/admin/users/", f"/admin/users/edit/{root.pk}/"} | admin_links(dashboard)
    checked, problems = 0, {}
    for url in sorted(pages):
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        found = outside_fetches(response.content.decode())
        if found:
            problems[url] = found
    assert checked >= 15
    assert problems == {}


def test_wagtails_default_would_be_caught(db, client, settings):
    """With Wagtail's default avatar service the same check fails: it is not vacuous."""
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = "//www.gravatar.com/avatar"
    client.force_login(UserFactory(username="root", email="root@example.org", is_superuser=True, is_staff=True))
    assert any("gravatar.com" in url for url in outside_fetches(client.get("/admin/account/").content.decode()))
