"""The legal pages (legal notice, privacy notice, accessibility statement): built once by the
content build, public, in the sitemap, linked from the cached footer of every page type, and the
privacy notice states the retention periods docs/privacy.md records."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from home.content.build import build_site
from home.content.legal import LEGAL_PAGE_KEYS
from home.models import ContentRecord, StandardPage

PRIVACY_DOC = Path(__file__).resolve().parents[2] / "docs" / "privacy.md"
FOOTER = re.compile(r"<footer.*?</footer>", re.S)
# The footer's legal links, in either language ("Informations légales", "Legal information").
LEGAL_NAV = re.compile(r'<nav class="site-footer__legal" aria-label="[^"]+">.*?</nav>', re.S)


def quiet(message):
    pass


@pytest.fixture
def build(db, django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            build_site(log=quiet)

    return run


@pytest.fixture
def built(build):
    build()


def legal_page(key):
    return ContentRecord.objects.get(key=f"page:{key}").page.specific


def test_the_three_pages_are_built_once_in_french_and_english(built, build):
    en = Locale.objects.get(language_code="en")
    titles = {key: legal_page(key).title for key in LEGAL_PAGE_KEYS}
    assert titles == {"legal_notice": "Mentions légales", "privacy": "Protection des données", "accessibility": "Accessibilité"}
    for key in LEGAL_PAGE_KEYS:
        page = legal_page(key)
        assert isinstance(page, StandardPage) and page.live and not page.show_in_menus
        assert page.get_parent().pk == legal_page("home").pk
        assert page.get_translation(en).live
    count = StandardPage.objects.count()
    build()
    assert StandardPage.objects.count() == count


def test_an_editors_title_is_kept_when_the_build_runs_again(built, build):
    page = legal_page("privacy")
    page.title = "Vos données"
    page.save_revision().publish()
    build()
    assert legal_page("privacy").title == "Vos données"
    assert StandardPage.objects.filter(title="Protection des données").count() == 0


def test_a_deleted_legal_page_is_not_rebuilt(built, build):
    legal_page("accessibility").delete()
    build()
    assert not StandardPage.objects.filter(slug="accessibilite").exists()


def test_the_pages_are_public_and_in_the_sitemap(built, client):
    sitemap = client.get("/sitemap.xml").content.decode()
    en = Locale.objects.get(language_code="en")
    for key in LEGAL_PAGE_KEYS:
        page = legal_page(key)
        assert not PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()
        assert client.get(page.url).status_code == 200
        for version in (page, page.get_translation(en)):
            assert f"http://testserver{version.url}" in sitemap or version.full_url in sitemap


def test_the_legal_pages_stay_out_of_the_main_navigation(built, client):
    content = client.get(legal_page("home").url).content.decode()
    navigation = re.search(r'<nav class="main-nav".*?</nav>', content, re.S).group(0)
    assert "Mentions légales" not in navigation


@pytest.mark.parametrize("key", ["home", "about", "directory", "agenda", None])
def test_every_page_type_links_the_legal_pages_and_contact_from_its_footer(built, client, key):
    url = legal_page(key).url if key else "/cette-page-n-existe-pas/"
    response = client.get(url)
    assert response.status_code == (200 if key else 404)
    legal = LEGAL_NAV.search(FOOTER.search(response.content.decode()).group(0))
    assert legal, url
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', legal.group(0))
    expected = [(legal_page(k).url, legal_page(k).title) for k in (*LEGAL_PAGE_KEYS, "contact")]
    assert links == expected


def test_the_english_footer_links_the_english_versions(built, client):
    content = client.get("/en/").content.decode()
    links = re.findall(r'<a href="([^"]+)"', LEGAL_NAV.search(content).group(0))
    assert links == ["/en/legal-notice/", "/en/data-protection/", "/en/accessibility/", "/en/contact-us/"]


def test_a_renamed_or_moved_legal_page_shows_at_once_in_the_cached_footer(built, client):
    home_url = legal_page("home").url
    client.get(home_url)  # warm the cache
    page = legal_page("legal_notice")
    page.title = "Qui sommes-nous, légalement"
    page.save_revision().publish()
    assert "Qui sommes-nous, légalement" in LEGAL_NAV.search(client.get(home_url).content.decode()).group(0)
    page.move(legal_page("about"), pos="last-child")
    moved = legal_page("legal_notice")
    assert f'href="{moved.url}"' in LEGAL_NAV.search(client.get(home_url).content.decode()).group(0)
    moved.unpublish()
    assert moved.title not in LEGAL_NAV.search(client.get(home_url).content.decode()).group(0)


def test_the_footer_costs_no_query_once_cached(built, client):
    url = legal_page("about").url
    client.get(url)  # the first request fills the caches
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    sql = " ".join(query["sql"] for query in warm)
    assert "home_contentrecord" not in sql and "contact_contactpage" not in sql
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    assert len(again) == len(warm)
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    assert len(cold) > len(warm)


def retention_periods_in_the_doc():
    """The retention periods docs/privacy.md states, as (number, unit) pairs: bold numbers of
    months in the tables, the contact messages' "default 365 days: 12 months", the log-in
    attempts' minutes and the outbox's days."""
    text = PRIVACY_DOC.read_text()
    periods = {(int(n), "months") for n in re.findall(r"\*\*(\d+)\*\* months", text)}
    periods |= {(int(n), "months") for n in re.findall(r"default \d+ days: (\d+) months", text)}
    periods |= {(int(n), "minutes") for n in re.findall(r"\((\d+) minutes\)", text)}
    periods |= {(int(n), "days") for n in re.findall(r"kept (\d+) days after final failure", text)}
    return periods


def test_the_privacy_notice_states_the_documents_retention_periods(built, client):
    periods = retention_periods_in_the_doc()
    assert {unit for _n, unit in periods} == {"months", "minutes", "days"}, periods
    french = {"months": "mois", "minutes": "minutes", "days": "jours"}
    english = {"months": "months", "minutes": "minutes", "days": "days"}
    en = Locale.objects.get(language_code="en")
    fr_text = client.get(legal_page("privacy").url).content.decode().replace("\xa0", " ")
    # The English translation's own text (in this test set-up, /en/ sub-pages are not routed).
    english_page = legal_page("privacy").get_translation(en).specific
    en_text = "".join(str(block.value) for block in english_page.body if block.block_type == "paragraph")
    for number, unit in periods:
        assert f"<b>{number} {french[unit]}</b>" in fr_text, (number, unit)
        assert f"<b>{number} {english[unit]}</b>" in en_text, (number, unit)


def test_the_legal_notice_invents_no_number_nor_host(built, client):
    text = client.get(legal_page("legal_notice").url).content.decode()
    assert "Numéro RNA : à compléter par l'association" in text.replace("&#x27;", "'")
    assert "Hébergeur : à compléter lors de la mise en production" in text
    assert not re.search(r"W\d{9}|\b\d{14}\b", text)  # no RNA or SIRET number
    assert f'href="{legal_page("privacy").url}"' in text


def test_the_accessibility_statement_is_honest_and_says_how_to_report(built, client):
    text = client.get(legal_page("accessibility").url).content.decode()
    assert "partiellement conforme" in text and "RGAA" in text and "Audit non réalisé à ce jour" in text
    assert "axe" in text and f'href="{legal_page("contact").url}"' in text
    assert "Défenseur des droits" in text
