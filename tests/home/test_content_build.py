"""The content build: the association's pages, in French and English, built once."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from home.content import seed
from home.content.build import build_site, translation_table
from home.content.spec import R, T
from home.models import ContentRecord, FooterText, HomePage, NavigationSettings, SiteSettings, StandardPage
from network.models import CharterPage

pytestmark = pytest.mark.django_db

CHARTER_VALUES_FR = [
    "Bienveillance",
    "Universalité",
    "Coopération",
    "Respect et non-jugement",
    "Écoute",
    "Valoriser les ressources parentales",
    "Coopération parents/professionnel·le·s",
]
CHARTER_POSTURES_FR = [
    "Empathie",
    "Respect inconditionnel de l'enfant",
    "Se maintenir informé·e",
    "Informer",
    "S'ajuster aux familles",
    "Devoir de discrétion",
]


def quiet(message):
    pass


@pytest.fixture
def build(db, django_capture_on_commit_callbacks):
    """Run the build; wagtail-localize publishes translations on commit."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            build_site(log=quiet)

    return run


@pytest.fixture
def built(build):
    build()


def test_every_page_is_built_in_french_and_english(built):
    fr, en = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="en")
    for spec in seed.PAGES:
        page = ContentRecord.objects.get(key=f"page:{spec.key}").page.specific
        assert page.locale == fr and page.live
        assert page.title == spec.title.fr
        english = page.get_translation(en)
        assert english.live
        assert english.title == spec.title.en
        assert english.slug == spec.slug.en


def test_home_page_is_the_site_root_and_welcome_page_is_gone(built):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(title__icontains="Welcome").exists()
    assert HomePage.objects.count() == 2  # French and English


def test_charter_has_all_values_and_postures_in_both_languages(built):
    charter_fr = CharterPage.objects.get(locale__language_code="fr")
    charter_en = CharterPage.objects.get(locale__language_code="en")
    names_fr = [block.value["name"] for block in charter_fr.values]
    postures_fr = [block.value["name"] for block in charter_fr.postures]
    normalise = lambda names: [name.replace("’", "'") for name in names]  # noqa: E731
    assert normalise(names_fr) == CHARTER_VALUES_FR
    assert normalise(postures_fr) == CHARTER_POSTURES_FR
    assert len(charter_en.values) == 7 and len(charter_en.postures) == 6
    for french, english in zip(list(charter_fr.values) + list(charter_fr.postures),
                               list(charter_en.values) + list(charter_en.postures)):
        assert english.value["definition"] and english.value["definition"] != french.value["definition"]
    assert charter_en.version == charter_fr.version
    assert "discrétion" in charter_fr.postures[5].value["definition"]


def test_network_page_states_the_four_criteria_and_membership(built, client):
    network = ContentRecord.objects.get(key="page:network").page
    text = client.get(network.url).content.decode()
    assert "30 €" in text or "30&nbsp;€" in text or "30€" in text
    assert "Prorencontres" in text and "Intervisions" in text
    assert "commission" in text.lower()


def test_build_is_idempotent_and_keeps_editors_changes(built, build, client):
    pages_before = Page.objects.count()
    about = ContentRecord.objects.get(key="page:about").page.specific
    about.title = "Qui sommes-nous ?"
    about.save_revision().publish()
    collective = ContentRecord.objects.get(key="page:collective").page
    collective.delete()

    build()

    assert Page.objects.count() == pages_before - 1  # the deleted page stays deleted
    about.refresh_from_db()
    assert about.title == "Qui sommes-nous ?"
    assert ContentRecord.objects.get(key="page:collective").page is None
    assert StandardPage.objects.filter(locale__language_code="fr").count() == len(
        [s for s in seed.PAGES if s.type == "home.StandardPage"]
    ) - 1
    # The home page linked to the deleted page: it still renders, without that link.
    response = client.get("/")
    assert response.status_code == 200
    assert "Découvrir les actions collectives" not in response.content.decode()


def test_build_keeps_editors_site_wide_changes(built, build):
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    site_settings.address = ""
    site_settings.organisation_name = "Parentescence 31"
    site_settings.save()
    navigation = NavigationSettings.for_site(site)
    navigation.main_navigation = []
    navigation.save()
    FooterText.objects.all().delete()

    build()

    assert SiteSettings.for_site(site).organisation_name == "Parentescence 31"
    assert SiteSettings.for_site(site).address == ""
    assert len(NavigationSettings.for_site(site).main_navigation) == 0
    assert not FooterText.objects.exists()


def test_deleted_translation_is_not_recreated(built, build):
    about_en = ContentRecord.objects.get(key="page:about").page.get_translation(Locale.objects.get(language_code="en"))
    about_en.delete()
    build()
    assert not StandardPage.objects.filter(locale__language_code="en", title=about_en.title).exists()


def test_page_edited_before_its_translation_is_left_to_editors(db, django_capture_on_commit_callbacks):
    from home.content.build import ContentBuilder

    messages = []
    # An interrupted first build: French pages only.
    builder = ContentBuilder(seed.PAGES, seed.NAVIGATION, seed.SITE_SETTINGS, seed.FOOTER, log=messages.append)
    fr = Locale.objects.get_or_create(language_code="fr")[0]
    Locale.objects.get_or_create(language_code="en")
    for spec in seed.PAGES:
        builder.build_page(spec, fr)
    about = ContentRecord.objects.get(key="page:about").page.specific
    about.intro = "Un chapeau réécrit par l'équipe."
    about.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        build_site(log=messages.append)  # resumes: completes links, translates the rest, does not abort

    assert not about.get_translations().exists()
    assert any(message.startswith("  about: not translated automatically") for message in messages)
    home = ContentRecord.objects.get(key="page:home").page.specific
    assert len(home.entry_points) == 3 and all(block.value["page"] for block in home.entry_points)
    assert ContentRecord.objects.get(key="page:home").complete
    charter = ContentRecord.objects.get(key="page:charter").page
    assert charter.get_translations().filter(locale__language_code="en").exists()


def test_site_wide_values(built):
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    assert [block.value.specific.title for block in navigation.main_navigation] == [
        ContentRecord.objects.get(key=f"page:{key}").page.title for key in seed.NAVIGATION
    ]
    assert SiteSettings.for_site(site).organisation_name == "Parentescence"
    assert FooterText.objects.filter(locale__language_code="fr").exists()
    assert FooterText.objects.filter(locale__language_code="en").exists()


def test_management_command_builds_and_indexes(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("build_content", stdout=open("/dev/null", "w"))
    results = Page.objects.live().search("Prorencontres")
    assert len(results) >= 1


def test_translation_table_pairs_rich_text_segments():
    table = translation_table([T("Bonjour", "Hello"), R("<p>Un</p><ul><li>deux</li></ul>", "<p>One</p><ul><li>two</li></ul>")])
    assert table == {"Bonjour": "Hello", "Un": "One", "deux": "two"}


def test_every_rich_text_of_the_seed_has_matching_structure():
    # translation_table raises when a French rich text has more segments than its English.
    table = translation_table([spec.fields for spec in seed.PAGES] + [seed.FOOTER])
    assert all(table.values())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_build_leaves_no_stray_redirects():
    # Transactional, as in `manage.py build_content`: translations publish on commit.
    from wagtail.contrib.redirects.models import Redirect

    build_site(log=quiet)
    assert not Redirect.objects.exists()
