"""rel=canonical: every public page names its own address, without the query string; a
list's page N > 1 keeps `?page=N`; the directory's (and the calendar's) filtered addresses
point to the unfiltered list."""

import html
import re
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from network import directory as directory_module
from network.factories import MemberProfilePageFactory
from resources.factories import WorkshopFactory, calendar_site
from tests.network.conftest import network_site, profession  # noqa: F401
from tests.properties import examples, last, page_number, rolled_back

CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')


def canonical(response):
    found = CANONICAL.findall(response.content.decode())
    assert len(found) == 1, found
    return html.unescape(found[0])


@pytest.fixture
def directory(network_site):
    return network_site["directory"]


@pytest.mark.django_db
def test_home_page_canonical_is_its_own_absolute_address(client, home_page):
    assert canonical(client.get("/?utm_source=x&page=3")) == "http://testserver/"


@pytest.mark.django_db
def test_content_page_drops_its_query_string(client, network_site):
    response = client.get("/reseau/charte/?ref=newsletter")
    assert response.status_code == 200
    assert canonical(response) == "http://testserver/reseau/charte/"


@pytest.mark.django_db
def test_canonical_follows_the_host_asked_for(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["parentescence.example"]
    response = client.get("/", HTTP_HOST="parentescence.example", secure=True)
    assert canonical(response) == "https://parentescence.example/"


@pytest.mark.django_db
def test_directory_page_two_is_its_own_canonical(client, directory, monkeypatch):
    monkeypatch.setattr(directory_module, "PER_PAGE", 2)
    for n in range(3):
        MemberProfilePageFactory(parent=directory, slug=f"membre-{n}")
    assert canonical(client.get("/annuaire/?page=2")) == "http://testserver/annuaire/?page=2"
    assert canonical(client.get("/annuaire/?page=1")) == "http://testserver/annuaire/"
    # A page past the end shows the last page: that is what the canonical names.
    assert canonical(client.get("/annuaire/?page=99")) == "http://testserver/annuaire/?page=2"
    # Filtered, page 2 or not: the unfiltered directory.
    assert canonical(client.get("/annuaire/?q=grossesse&page=2")) == "http://testserver/annuaire/"
    assert canonical(client.get("/annuaire/?domicile=1")) == "http://testserver/annuaire/"


@pytest.mark.django_db
def test_profile_canonical_is_the_profile(client, directory):
    profile = MemberProfilePageFactory(parent=directory, slug="lea-martin")
    response = client.get(profile.url + "?from=directory")
    assert canonical(response) == f"http://testserver{profile.url}"


@pytest.mark.django_db
def test_calendar_canonicals(client, network_site, monkeypatch):
    from resources import calendar_views

    monkeypatch.setattr(calendar_views, "PER_PAGE", 1)
    calendar = calendar_site(network_site["home"])
    events = [WorkshopFactory(title=f"Atelier {n}") for n in range(2)]
    assert canonical(client.get("/agenda/")) == "http://testserver/agenda/"
    assert canonical(client.get("/agenda/?page=2")) == "http://testserver/agenda/?page=2"
    assert canonical(client.get("/agenda/?type=workshop&page=2")) == "http://testserver/agenda/"
    month = calendar.reverse_subpage("month", kwargs={"year": 2026, "month": 3})
    assert canonical(client.get(f"/agenda/{month}?type=workshop")) == f"http://testserver/agenda/{month}"
    event_url = f"/agenda/{events[0].pk}/"
    assert canonical(client.get(event_url + "?x=1")) == f"http://testserver{event_url}"


@pytest.mark.django_db
def test_partner_directory_filtered_points_to_the_unfiltered_list(client, home_page):
    from network.models import PartnerDirectoryPage

    page = PartnerDirectoryPage(title="Structures partenaires", slug="structures")
    home_page.add_child(instance=page)
    assert canonical(client.get("/structures/?commune=Toulouse&page=2")) == "http://testserver/structures/"
    assert canonical(client.get("/structures/?type=garbage")) == "http://testserver/structures/"


# -- Property: whatever the filters or the garbage, one canonical ----------------------------

PARAMETERS = ["q", "cp", "rayon", "commune", "profession", "besoin", "langue", "tarif",
              "domicile", "visio", "accessible", "page", "utm_source", "fbclid"]
names = st.one_of(st.sampled_from(PARAMETERS), st.text(min_size=1, max_size=8))
values = st.one_of(
    st.sampled_from(["1", "2", "-1", "0", "31300", "10", "Toulouse", "sage-femme", "allaitement", "fr",
                     "conventionne", "<script>", "%00", "２", " 2"]),
    st.text(max_size=12),
)
query_strings = st.lists(st.tuples(names, values), max_size=6).map(lambda pairs: urlencode(pairs))


@examples(60)
@given(query=query_strings)
def test_any_directory_query_has_the_unfiltered_directory_as_canonical(client, directory, query):
    """With one page of profiles, every address of the directory (filters, garbage, page
    numbers) names the unfiltered directory, absolute, on the host asked for."""
    with rolled_back():
        if not directory.get_children().exists():
            MemberProfilePageFactory(parent=directory, slug="lea-martin")
        response = client.get(f"/annuaire/?{query}")
        assert response.status_code == 200
        assert canonical(response) == "http://testserver/annuaire/"


@examples(40)
@given(pairs=st.lists(st.tuples(st.sampled_from(["page", "utm_source", "fbclid", "x"]),
                                st.sampled_from(["1", "2", "3", "-4", "abc", "", "99"])), max_size=4))
def test_unfiltered_directory_page_n_is_its_own_canonical(client, directory, monkeypatch, pairs):
    """Without filters (only unknown parameters and pages), the canonical is the page of the
    directory shown: `?page=N` for N > 1, the plain address for the first."""
    monkeypatch.setattr(directory_module, "PER_PAGE", 1)
    with rolled_back():
        for n in range(3):
            MemberProfilePageFactory(parent=directory, slug=f"membre-{n}")
        response = client.get(f"/annuaire/?{urlencode(pairs)}")
        # Reference: the page Django's paginator shows (nonsense: the first; out of range: the last).
        number = page_number(last(pairs, "page"), 3)
        expected = "http://testserver/annuaire/" + (f"?page={number}" if number > 1 else "")
        assert canonical(response) == expected


@pytest.mark.django_db
def test_not_found_page_is_not_indexed_and_names_no_canonical(client, home_page):
    response = client.get("/nulle-part/?x=1")
    assert response.status_code == 404
    text = response.content.decode()
    assert '<meta name="robots" content="noindex">' in text
    assert not CANONICAL.findall(text)
