"""The navigation, the logo's link and the footer are cached (home/chrome.py) and never stale.

The rule: whatever editors change, the next page shows the same navigation and footer as a site
with an empty cache. The property test applies generated sequences of changes (renames, slugs,
publishing, unpublishing, moves, deletions, the navigation's order, the settings, the footer
text, the contact page) to a warm cache, and compares each page with one built from nothing.
"""

import re

import pytest
from django.core.cache import cache
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Site

from contact.factories import ContactPageFactory
from contact.models import ContactSettings
from home.factories import StandardPageFactory
from home.models import FooterText, NavigationSettings, SiteSettings
from tests.properties import examples, rolled_back

PAGES = 4
CHROME = re.compile(r'<a class="site-logo" href="[^"]*"|<nav class="main-nav".*?</nav>|<footer.*?</footer>', re.S)


def chrome(client, url):
    """The parts of a page that come from the cache: the logo's link, the navigation, the footer."""
    response = client.get(url)
    assert response.status_code == 200, url
    return CHROME.findall(response.content.decode())


def texts():
    return st.text(alphabet="abcdéèçœ ", min_size=1, max_size=12).map(str.strip).filter(bool)


OPERATIONS = st.one_of(
    st.tuples(st.just("rename"), st.integers(0, PAGES - 1), texts()),
    st.tuples(st.just("slug"), st.integers(0, PAGES - 1), st.sampled_from(["un", "deux", "trois", "quatre"])),
    st.tuples(st.just("unpublish"), st.integers(0, PAGES - 1)),
    st.tuples(st.just("publish"), st.integers(0, PAGES - 1)),
    st.tuples(st.just("move"), st.integers(0, PAGES - 1), st.integers(-1, PAGES - 1)),
    st.tuples(st.just("delete"), st.integers(0, PAGES - 1)),
    st.tuples(st.just("navigation"), st.lists(st.integers(0, PAGES - 1), max_size=PAGES)),
    st.tuples(st.just("organisation"), texts()),
    st.tuples(st.just("footer"), texts()),
    st.tuples(st.just("place"), texts()),
    st.tuples(st.just("contact"), st.booleans()),
)


def apply(operation, pages, home, contact, site):
    """Change the site as an editor would (each change through the models' usual paths)."""
    name, *args = operation
    if name in {"rename", "slug", "unpublish", "publish", "move", "delete"}:
        page = pages[args[0]]
        if page is None:
            return
        page = page.specific.__class__.objects.get(pk=page.pk)
        if name == "rename":
            page.title = args[1]
            page.save_revision().publish()
        elif name == "slug":
            if not page.get_parent().get_children().filter(slug=args[1]).exclude(pk=page.pk).exists():
                page.slug = args[1]
                page.save_revision().publish()
        elif name == "unpublish" and page.live:
            page.unpublish()
        elif name == "publish":
            page.save_revision().publish()
        elif name == "move":
            target = home if args[1] < 0 else pages[args[1]]
            target = target and target.__class__.objects.get(pk=target.pk)
            if target and not target.is_descendant_of(page) and target.pk != page.pk:
                if not target.get_children().filter(slug=page.slug).exists():
                    page.move(target, pos="last-child")
        elif name == "delete":
            for index, other in enumerate(pages):  # its descendants go with it
                if other is not None and (other.pk == page.pk or other.specific.__class__.objects.get(
                        pk=other.pk).is_descendant_of(page)):
                    pages[index] = None
            page.delete()
        return
    if name == "navigation":
        navigation = NavigationSettings.for_site(site)
        navigation.main_navigation = [("page", pages[i]) for i in args[0] if pages[i] is not None]
        navigation.save()
    elif name == "organisation":
        settings = SiteSettings.for_site(site)
        settings.organisation_name = args[0]
        settings.save()
    elif name == "footer":
        footer = FooterText.objects.filter(locale=home.locale).first() or FooterText(locale=home.locale)
        footer.body = f"<p>{args[0]}</p>"
        footer.save()
    elif name == "place":
        settings = ContactSettings.for_site(site)
        settings.workshops_place = args[0]
        settings.save()
    elif name == "contact":
        contact.refresh_from_db()
        if args[0]:
            contact.save_revision().publish()
        elif contact.live:
            contact.unpublish()


@given(operations=st.lists(OPERATIONS, min_size=1, max_size=6))
@examples(25)
def test_the_cached_chrome_is_what_an_empty_cache_shows(client, home_page, operations):
    with rolled_back():
        site = Site.objects.get(is_default_site=True)
        pages = [StandardPageFactory(parent=home_page, title=f"Page {n}", slug=f"page-{n}") for n in range(PAGES)]
        contact = ContactPageFactory(parent=home_page)
        navigation = NavigationSettings.for_site(site)
        navigation.main_navigation = [("page", page) for page in pages] + [("page", contact)]
        navigation.save()
        urls = [home_page.url, "/recherche/"]
        for url in urls:
            chrome(client, url)  # warm
        for operation in operations:
            apply(operation, pages, home_page, contact, site)
            for url in urls:
                cached = chrome(client, url)
                cache.clear()
                assert cached == chrome(client, url), (operation, url)


def test_the_navigation_and_footer_cost_no_query_once_cached(client, home_page, django_assert_max_num_queries):
    from django.db import connection

    site = Site.objects.get(is_default_site=True)
    pages = [StandardPageFactory(parent=home_page, title=f"Page {n}") for n in range(9)]
    navigation = NavigationSettings.for_site(site)
    navigation.main_navigation = [("page", page) for page in pages]
    navigation.save()
    ContactPageFactory(parent=home_page)
    FooterText.objects.create(locale=home_page.locale, body="<p>Toulouse</p>")
    client.get("/recherche/")  # the first request fills the caches
    with CaptureQueriesContext(connection) as captured:
        content = client.get("/recherche/").content.decode()
    # The site (Site.find_for_request) and the view restrictions of the search page's
    # session-less visit: nothing for the nine items, the footer or the logo.
    assert len(captured) <= 2, [query["sql"] for query in captured]
    assert all(f"Page {n}" in content for n in range(9)) and "Toulouse" in content


@pytest.mark.parametrize("language, prefix", [("fr", ""), ("en", "/en")])
def test_each_language_has_its_own_navigation(client, home_page, english_home, language, prefix):
    site = Site.objects.get(is_default_site=True)
    page = StandardPageFactory(parent=home_page, title="Le réseau")
    english = page.copy_for_translation(english_home.locale, copy_parents=False, alias=False)
    english.title = "The network"
    english.save_revision().publish()
    navigation = NavigationSettings.for_site(site)
    navigation.main_navigation = [("page", page)]
    navigation.save()
    client.get(f"{prefix}/recherche/")
    content = client.get(f"{prefix}/recherche/").content.decode()
    assert ("The network" in content) == (language == "en")
    assert ("Le réseau" in content) == (language == "fr")
