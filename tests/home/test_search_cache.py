"""The site search keeps the set of visible pages in the cache (home/search/backend.py's
visible_ids); the rule is that this never changes what a visitor gets.

1. Whatever changes (pages published, unpublished, restricted, opened again, deleted; a
   member's membership ended or renewed; a text edited), the next search lists exactly what a
   search with an empty cache lists. Checked on generated sequences of changes.
2. Even with a stale set (another process's cache, which does not see the change), a page that
   stopped being visible is never shown: the page of results is checked again in SQL.
"""

import datetime
import re
from unittest import mock

from django.core.cache import cache
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from home.factories import StandardPageFactory
from network.factories import MemberProfilePageFactory
from network.models import DirectoryIndexPage, Membership
from tests.properties import examples, rolled_back

RESULT = re.compile(r'<h3><a href="[^"]+">([^<]+)</a>')
COUNT = re.compile(r"<h2>\s*([\d\s\u202f\xa0]+)résultat")
PAGES, PROFILES = 3, 3


def search(client, query="zanzibar"):
    content = client.get("/recherche/", {"q": query}).content.decode()
    count = COUNT.search(content)
    return sorted(RESULT.findall(content)), int(re.sub(r"\D", "", count.group(1))) if count else 0


OPERATIONS = st.one_of(
    st.tuples(st.sampled_from(["unpublish", "publish", "restrict", "open", "delete", "edit"]),
              st.integers(0, PAGES + PROFILES - 1)),
    st.tuples(st.sampled_from(["lapse", "renew"]), st.integers(0, PROFILES - 1)),
)


def apply(operation, pages, profiles):
    name, index = operation
    if name in {"lapse", "renew"}:
        member = profiles[index].member
        today = timezone.localdate()
        if name == "lapse":
            Membership.objects.filter(user=member).update(end_date=today - datetime.timedelta(days=1))
            # .update() sends no signal: save one row as the treasurer's screens do.
            for membership in Membership.objects.filter(user=member)[:1]:
                membership.save()
        else:
            Membership.objects.create(user=member, start_date=today)
        return
    page = (pages + profiles)[index]
    if not page.__class__.objects.filter(pk=page.pk).exists():
        return
    page.refresh_from_db()
    if name == "unpublish" and page.live:
        page.unpublish()
    elif name == "publish":
        page.save_revision().publish()
    elif name == "restrict" and not PageViewRestriction.objects.filter(page=page).exists():
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif name == "open":
        PageViewRestriction.objects.filter(page=page).delete()
    elif name == "delete":
        page.delete()
    elif name == "edit":
        page.title = page.title.replace("Zanzibar", "Tombouctou") if "Zanzibar" in page.title else page.title + " Zanzibar"
        page.save_revision().publish()


@given(operations=st.lists(OPERATIONS, min_size=1, max_size=6))
@examples(20)
def test_a_warm_cache_lists_what_an_empty_cache_lists(client, home_page, operations):
    with rolled_back():
        directory = DirectoryIndexPage(title="Annuaire", slug="annuaire", intro="Le réseau.")
        home_page.add_child(instance=directory)
        pages = [StandardPageFactory(parent=home_page, title=f"Zanzibar {n}") for n in range(PAGES)]
        profiles = [
            MemberProfilePageFactory(parent=directory, title=f"Zanzibar Pro {n}", presentation="Zanzibar.")
            for n in range(PROFILES)
        ]
        for query in ("zanzibar", "tombouctou"):
            search(client, query)  # warm
        for operation in operations:
            apply(operation, pages, profiles)
            for query in ("zanzibar", "tombouctou"):
                warm = search(client, query)
                cache.clear()
                assert warm == search(client, query), (operation, query)


def test_a_stale_set_never_shows_a_page_that_stopped_being_visible(client, home_page):
    directory = DirectoryIndexPage(title="Annuaire", slug="annuaire", intro="Le réseau.")
    home_page.add_child(instance=directory)
    StandardPageFactory(parent=home_page, title="Zanzibar page")
    profile = MemberProfilePageFactory(parent=directory, title="Zanzibar Pro", presentation="Zanzibar.")
    assert search(client) == (["Zanzibar Pro", "Zanzibar page"], 2)
    # Another process's cache would not see this change (.update() sends no signal either):
    # the cached set still holds the profile.
    with mock.patch("home.chrome.bump_generation"):
        Membership.objects.filter(user=profile.member).update(end_date=timezone.localdate() - datetime.timedelta(days=1))
    titles, _count = search(client)
    assert titles == ["Zanzibar page"]


def test_a_view_restriction_changes_the_set_at_once(client, home_page):
    """The restrictions' paths are in the set's key (its SQL): no signal needed."""
    page = StandardPageFactory(parent=home_page, title="Zanzibar page")
    assert search(client) == (["Zanzibar page"], 1)
    with mock.patch("home.chrome.bump_generation"):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert search(client) == ([], 0)
    with mock.patch("home.chrome.bump_generation"):
        restriction.delete()
    assert search(client) == (["Zanzibar page"], 1)
