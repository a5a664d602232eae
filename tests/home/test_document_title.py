"""The document title: "<page> · <site name>", and the site name alone on the home page."""

import re

from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from home.factories import StandardPageFactory
from home.templatetags.title_tags import with_site_name


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_the_home_page_title_is_the_site_name_alone(client, home_page):
    assert home_page.title == "Parentescence"
    assert title(client.get("/").content.decode()) == "Parentescence"


def test_another_page_is_followed_by_the_site_name(client, home_page):
    page = StandardPageFactory(parent=home_page, title="L'association", slug="association")
    assert title(client.get(page.url).content.decode()) == "L&#x27;association · Parentescence"


def test_a_page_without_a_title_gets_the_site_name(client, home_page):
    assert title(client.get("/recherche/").content.decode()).endswith("· Parentescence")
    assert title(client.get("/nulle-part/").content.decode()) in ("Parentescence", "Page introuvable · Parentescence")


def render(block, site_name):
    # The same construction as base.html's <title>.
    template = Template(
        "{% load title_tags %}{% filter with_site_name:site_name %}{{ block }}{% endfilter %}"
    )
    return template.render(Context({"block": block, "site_name": site_name}))


@given(page_title=st.text(max_size=40), site_name=st.text(min_size=1, max_size=30))
def test_title_property(page_title, site_name):
    """Against a plain reference: the site name alone when the page's title is empty or is the
    site name, else both joined by a middle dot; everything escaped once."""
    from django.utils.html import escape

    rendered = render(page_title, site_name)
    shown, site = escape(page_title).strip(), escape(site_name)
    expected = site if shown in ("", site) else f"{shown} · {site}"
    assert rendered == expected


def test_the_filter_escapes_the_site_name():
    assert with_site_name("", "A & B") == "A &amp; B"
    assert with_site_name("A &amp; B", "A & B") == "A &amp; B"
