"""The public directory: combinable filters with counts, search, pagination, bad input,
and a number of queries that does not grow with the number of profiles."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network.factories import MemberProfilePageFactory
from network.models import Membership, Profession


def profession(name):
    return Profession.objects.get(name=name)


@pytest.fixture
def directory(network_site):
    return network_site["directory"]


@pytest.fixture
def profiles(directory):
    """Four members: two near 31300 for breastfeeding, one far away, one for another need."""
    return {
        "ibclc": MemberProfilePageFactory(
            parent=directory, title="Nadia Benali", profession=profession("Consultant·e en lactation IBCLC"),
            postcode="31300", commune="Toulouse", home_visits=True, fee_sliding_scale=True,
            presentation="Je soutiens l'allaitement à domicile.", themes=["allaitement", "pleurs"], languages=["fr", "ar"],
        ),
        "midwife": MemberProfilePageFactory(
            parent=directory, title="Léa Martin", profession=profession("Sage-femme"), postcode="31700",
            commune="Blagnac", home_visits=False, fee_conventionne=True, themes=["allaitement", "grossesse"],
            languages=["fr"],
        ),
        "far": MemberProfilePageFactory(
            parent=directory, title="Paul Durand", profession=profession("Consultant·e en lactation IBCLC"),
            postcode="81000", commune="Albi", home_visits=True, themes=["allaitement"], languages=["fr"],
        ),
        "psy": MemberProfilePageFactory(
            parent=directory, title="Samuel Ortiz", profession=profession("Psychologue"), postcode="31300",
            commune="Toulouse", video_consultation=True, themes=["deuil-perinatal"], languages=["fr", "es"],
        ),
    }


def listed_titles(response):
    return [profile.title for profile in response.context["directory"].profiles]


def option(response, facet, value):
    return next(o for o in response.context["directory"].facets[facet].options if o.value == value)


def test_filters_combine(client, profiles):
    response = client.get("/annuaire/", {"besoin": "allaitement", "cp": "31300", "rayon": "10", "domicile": "1"})
    assert response.status_code == 200
    assert listed_titles(response) == ["Nadia Benali"]


def test_nearest_first_with_distance(client, profiles):
    response = client.get("/annuaire/", {"besoin": "allaitement", "cp": "31300", "rayon": "20"})
    assert listed_titles(response) == ["Nadia Benali", "Léa Martin"]  # Albi is 70 km away
    # Same postcode, same centre: "less than 1 km", never "0,0 km".
    html = response.content.decode()
    assert "à moins de 1 km" in html
    assert "0,0 km" not in html and "0.0 km" not in html


def test_counts_per_filter_value_leave_their_own_filter_out(client, profiles):
    response = client.get("/annuaire/", {"besoin": "allaitement"})
    # Among breastfeeding profiles: 2 IBCLC, 1 midwife; the psychologist is not counted.
    assert option(response, "profession", str(profession("Consultant·e en lactation IBCLC").pk)).count == 2
    assert option(response, "profession", str(profession("Sage-femme").pk)).count == 1
    # A need's count is what adding it gives: the three breastfeeding profiles, or the
    # perinatal-bereavement one.
    assert option(response, "besoin", "deuil-perinatal").count == 4
    assert option(response, "besoin", "allaitement").count == 3
    assert option(response, "besoin", "allaitement").selected
    assert option(response, "domicile", "1").count == 2
    assert option(response, "langue", "ar").count == 1
    assert option(response, "tarif", "conventionne").count == 1


def test_several_values_of_one_filter_widen(client, profiles):
    response = client.get("/annuaire/", {"besoin": ["deuil-perinatal", "grossesse"]})
    assert sorted(listed_titles(response)) == ["Léa Martin", "Samuel Ortiz"]


def test_text_search_ignores_accents_and_case(client, profiles):
    assert listed_titles(client.get("/annuaire/", {"q": "lea MARTIN"})) == ["Léa Martin"]
    assert listed_titles(client.get("/annuaire/", {"q": "psychologue"})) == ["Samuel Ortiz"]
    assert listed_titles(client.get("/annuaire/", {"q": "domicile"})) == ["Nadia Benali"]


def test_filters_are_in_the_links(client, profiles):
    response = client.get("/annuaire/", {"besoin": "allaitement", "domicile": "1"})
    html = response.content.decode()
    # The active filters can be removed one by one with a plain link (no JavaScript).
    assert 'href="?domicile=1"' in html or 'href="?domicile=1&amp;' in html
    assert 'value="allaitement" checked' in html


def test_unknown_filter_values_are_ignored(client, profiles):
    response = client.get(
        "/annuaire/",
        {"profession": ["abc", "999999"], "besoin": "licornes", "langue": "xx", "tarif": "gratuit", "rayon": "7",
         "domicile": "yes", "commune": "Atlantide"},
    )
    assert response.status_code == 200
    assert listed_titles(response) == []  # the unknown commune is a real (empty) filter
    response = client.get("/annuaire/", {"profession": "abc", "besoin": "licornes", "langue": "xx"})
    assert len(listed_titles(response)) == 4


def test_unknown_postcode_says_so_and_keeps_what_was_typed(client, profiles):
    response = client.get("/annuaire/", {"cp": "99999", "besoin": "allaitement"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Code postal inconnu" in html
    assert 'value="99999"' in html
    assert len(listed_titles(response)) == 3  # the need filter still applies


@pytest.mark.parametrize("page", ["999999999999999999999", "-4", "abc", "0", "2.5", ""])
def test_absurd_page_numbers_never_fail(client, directory, page):
    for n in range(25):
        MemberProfilePageFactory(parent=directory, title=f"Membre {n:02d}", slug=f"membre-{n}")
    response = client.get("/annuaire/", {"page": page})
    assert response.status_code == 200
    assert 1 <= response.context["directory"].page.number <= 2


def test_pagination_keeps_the_filters(client, directory):
    for n in range(25):
        MemberProfilePageFactory(parent=directory, title=f"Membre {n:02d}", slug=f"membre-{n}", themes=["sommeil"])
    response = client.get("/annuaire/", {"besoin": "sommeil"})
    assert 'href="?besoin=sommeil&amp;page=2"' in response.content.decode()
    assert len(listed_titles(client.get("/annuaire/", {"besoin": "sommeil", "page": "2"}))) == 5


def test_lapsed_and_departed_members_are_not_listed(client, profiles, django_capture_on_commit_callbacks):
    lapsed = profiles["psy"]
    # Shortened without signals, as if midnight had just passed: the page itself refuses.
    Membership.objects.filter(user=lapsed.member).update(end_date=timezone.localdate() - datetime.timedelta(days=1))
    response = client.get("/annuaire/")
    assert "Samuel Ortiz" not in listed_titles(response)
    assert client.get(lapsed.url).status_code == 404
    departed = profiles["far"]
    with django_capture_on_commit_callbacks(execute=True):
        departed.unpublish()
    assert client.get("/annuaire/").context["directory"].page.paginator.count == 2
    assert client.get(departed.url).status_code == 404


def test_english_directory_lists_the_same_profiles_with_english_labels(client, profiles, directory, english_home, locales):
    english = directory.copy_for_translation(locales[1])
    english.save_revision().publish()
    response = client.get(english.url, {"besoin": "allaitement"})
    assert response.status_code == 200
    assert "Nadia Benali" in listed_titles(response)
    assert "Breastfeeding" in response.content.decode()


def test_query_count_does_not_grow_with_the_number_of_profiles(client, directory):
    """1,000 then 10,000 profiles, three filters selected: the same number of queries."""
    from network.demo import generate_members

    params = {"besoin": "allaitement", "cp": "31300", "rayon": "20", "domicile": "1"}

    from network.directory import bump_generation

    def measure():
        client.get("/annuaire/", params)  # warm Wagtail's caches (site root paths…)
        bump_generation()  # but not the directory's own: measure a computed answer
        with CaptureQueriesContext(connection) as computed:
            response = client.get("/annuaire/", params)
        assert response.status_code == 200
        count = response.context["directory"].page.paginator.count
        assert count > 0
        with CaptureQueriesContext(connection) as cached:
            response = client.get("/annuaire/", params)
        assert response.context["directory"].page.paginator.count == count
        assert [p.pk for p in response.context["directory"].profiles]
        return len(computed), len(cached)

    generate_members(1000, seed=1)
    at_1000 = measure()
    generate_members(9000, seed=2)
    at_10000 = measure()
    assert at_1000 == at_10000
    assert at_1000[1] < at_1000[0]  # the cached answer needs fewer queries


@pytest.mark.parametrize(
    "params",
    [
        {"profession": "²"}, {"rayon": "²"}, {"q": "ab\x00cd"}, {"commune": "a\x00b"}, {"cp": "31\x0000"},
        {"besoin": "a\x00"}, {"page": "²"}, {"tarif": "\x00"},
    ],
)
def test_odd_query_strings_never_fail(client, profiles, params):
    assert client.get("/annuaire/", params).status_code == 200


def test_answers_are_cached_until_something_changes(client, profiles, django_capture_on_commit_callbacks):
    assert len(listed_titles(client.get("/annuaire/"))) == 4
    with django_capture_on_commit_callbacks(execute=True):
        MemberProfilePageFactory(parent=profiles["psy"].get_parent(), title="Nouvelle Membre", slug="nouvelle")
    assert "Nouvelle Membre" in listed_titles(client.get("/annuaire/"))


def test_a_new_day_is_a_new_answer(profiles, directory):
    """A membership ends at midnight: yesterday's cached answer is not today's."""
    from django.http import QueryDict

    from network.directory import search_directory

    today = timezone.localdate()
    lapsed = profiles["psy"]
    Membership.objects.filter(user=lapsed.member).update(end_date=today)
    assert search_directory(directory, QueryDict(), today=today).page.paginator.count == 4
    tomorrow = today + datetime.timedelta(days=1)
    assert search_directory(directory, QueryDict(), today=tomorrow).page.paginator.count == 3


def test_a_commune_with_nobody_stays_visible_and_removable(client, profiles):
    response = client.get("/annuaire/", {"commune": "Atlantide"})
    facet = response.context["directory"].facets["commune"]
    assert facet.selected[0].label == "Atlantide"
    assert 'href="?"' in response.content.decode() or "retirer ce filtre" in response.content.decode()


def test_a_cached_answer_never_shows_someone_unlisted_since(client, profiles):
    """With a cache per process (no Redis), another process may unlist a member without
    this one hearing of it: the cached page is checked against who is listed now."""
    from network.models import MemberProfilePage

    assert "Samuel Ortiz" in listed_titles(client.get("/annuaire/"))
    MemberProfilePage.objects.filter(pk=profiles["psy"].pk).update(live=False)  # no signal here
    assert "Samuel Ortiz" not in listed_titles(client.get("/annuaire/"))


def test_absurd_and_repeated_parameters_are_ignored(client, profiles):
    """Bad input is ignored, never a 500; the links the page builds keep only known filters."""
    params = (
        "besoin=" + "&besoin=".join(["allaitement"] * 200)
        + "&page=" + "9" * 30 + "&rayon=-1&cp=31300&utm_source=x&foo=%00&q=%00&profession=" + "1" * 30
    )
    response = client.get("/annuaire/?" + params)
    assert response.status_code == 200
    assert sorted(listed_titles(response)) == ["Léa Martin", "Nadia Benali"]  # 10 km around 31300
    d = response.context["directory"]
    assert d.query.radius == 10
    assert d.querystring == "cp=31300&rayon=10&besoin=allaitement"
    html = response.content.decode()
    assert "utm_source" not in html and "foo=" not in html


def test_help_finder_odd_needs_never_fail(client, network_site):
    from network.models import HelpFinderPage

    page = HelpFinderPage(title="Je cherche de l'aide pour…", slug="aide")
    network_site["home"].add_child(instance=page)
    for value in ["%00", "\x00", "a" * 5000, "allaitement\x00", "<script>"]:
        assert client.get(page.url, {"besoin": value}).status_code == 200


def test_a_renamed_need_is_found_by_its_new_name(client, profiles):
    from network.models import Theme

    theme = Theme.objects.get(slug="deuil-perinatal")
    theme.name = "Deuil périnatal et arc-en-ciel"
    theme.save()
    assert listed_titles(client.get("/annuaire/", {"q": "arc-en-ciel"})) == ["Samuel Ortiz"]


def test_text_search_understands_plurals_hyphens_and_apostrophes(client, profiles):
    assert listed_titles(client.get("/annuaire/", {"q": "l'allaitements"})) == ["Léa Martin", "Nadia Benali", "Paul Durand"]
    assert listed_titles(client.get("/annuaire/", {"q": "Sages-Femmes"})) == ["Léa Martin"]
    assert listed_titles(client.get("/annuaire/", {"q": "arabe"})) == ["Nadia Benali"]  # a language
    assert listed_titles(client.get("/annuaire/", {"q": "albi"})) == ["Paul Durand"]  # a commune
