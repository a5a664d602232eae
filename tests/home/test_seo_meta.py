"""What a link preview and a search engine read in the head of every public page: a meta
description, Open Graph, a Twitter card, and the home page's schema.org Organization,
read back with a maintained parser (extruct), as a link-preview service would."""

import html
import json
import re

import extruct
import pytest
from PIL import Image

from home import seo
from home.factories import StandardPageFactory
from network.factories import MemberProfilePageFactory
from tests.network.conftest import network_site, profession  # noqa: F401

TAGLINE = "Accompagner la parentalité en période périnatale"


def metadata(response, url="http://testserver/"):
    text = response.content.decode()
    return extruct.extract(text, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)


def og(response):
    found = metadata(response)["opengraph"]
    assert len(found) == 1, found
    return found[0]


def meta(response, name):
    found = re.findall(rf'<meta name="{re.escape(name)}" content="([^"]*)">', response.content.decode())
    assert len(found) == 1, (name, found)
    return html.unescape(found[0])


def assert_preview(response, url):
    """What a preview needs: a title, a description and an absolute image, on the page's address."""
    graph = og(response)
    assert graph["og:title"]
    assert graph["og:description"]
    assert re.fullmatch(r"https?://testserver/.+\.png", graph["og:image"])
    assert graph["og:url"] == url
    assert graph["og:site_name"] == "Parentescence"
    assert graph["@type"] == "website"  # extruct (uniform) reads og:type as @type
    assert meta(response, "twitter:card") == "summary_large_image"
    assert meta(response, "twitter:image") == graph["og:image"]
    assert meta(response, "description") == graph["og:description"]
    return graph


@pytest.mark.django_db
def test_home_page_preview_and_organization(client, home_page):
    from home.models import SiteSettings
    from wagtail.models import Site

    values = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    values.address = "Maison des associations\n31000 Toulouse"
    values.email = "contact@parentescence.example"
    values.phone = "05 61 00 00 00"
    values.social_links = [("link", {"network": "facebook", "url": "https://facebook.example/parentescence", "label": ""})]
    values.save()
    response = client.get("/")
    graph = assert_preview(response, "http://testserver/")
    assert graph["og:title"] == home_page.title
    assert graph["og:locale"] == "fr_FR"
    # The home page's intro is its description.
    assert graph["og:description"] == home_page.intro
    organizations = [item for item in metadata(response)["json-ld"] if item.get("@type") == "Organization"]
    assert len(organizations) == 1
    organization = organizations[0]
    assert organization["name"] == "Parentescence"
    assert organization["url"] == "http://testserver/"
    assert organization["logo"].startswith("http://testserver/")
    assert organization["address"] == "Maison des associations 31000 Toulouse"
    assert organization["email"] == "contact@parentescence.example"
    assert organization["contactPoint"]["telephone"] == "05 61 00 00 00"
    assert organization["sameAs"] == ["https://facebook.example/parentescence"]


@pytest.mark.django_db
def test_organization_only_on_the_home_page(client, home_page):
    StandardPageFactory(parent=home_page, slug="qui-sommes-nous")
    assert metadata(client.get("/qui-sommes-nous/"))["json-ld"] == []


@pytest.mark.django_db
def test_english_home_page_says_its_locale(client, english_home):
    graph = og(client.get("/en/"))
    assert graph["og:locale"] == "en_GB"
    assert graph["og:url"] == "http://testserver/en/"


@pytest.mark.django_db
def test_search_description_wins(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="page", search_description="Ce que les moteurs montrent.")
    assert meta(client.get("/page/"), "description") == "Ce que les moteurs montrent."


@pytest.mark.django_db
def test_page_without_intro_describes_itself_with_its_first_paragraph(client, home_page):
    StandardPageFactory(parent=home_page, slug="page", intro="")
    assert meta(client.get("/page/"), "description") == "Replacer le parent au centre de sa parentalité."


@pytest.mark.django_db
def test_page_without_text_falls_back_on_the_tagline(client, home_page):
    StandardPageFactory(parent=home_page, slug="page", intro="", body=[])
    assert meta(client.get("/page/"), "description") == TAGLINE


@pytest.mark.django_db
def test_profile_is_described_by_its_presentation(client, network_site):
    presentation = (
        "<b>Sage-femme</b> libérale depuis 2010, j'accompagne les parents &amp; les familles pendant la grossesse, "
        "la naissance et les premiers mois : préparation à la naissance, allaitement, sommeil du bébé, "
        "rééducation et écoute des difficultés de chacun."
    )
    profile = MemberProfilePageFactory(parent=network_site["directory"], slug="lea", presentation=presentation)
    response = client.get(profile.url)
    description = meta(response, "description")
    plain = seo.plain_text(presentation)
    assert "<" not in description and "&amp;" not in description
    assert len(description) <= 160
    assert description.endswith("…")
    assert plain.startswith(description[:-1])
    # Cut on a word: what follows the cut in the presentation is no letter.
    assert not plain[len(description) - 1].isalnum()
    assert_preview(response, f"http://testserver{profile.url}")


@pytest.mark.django_db
def test_login_page_has_a_preview_too(client, home_page):
    response = client.get("/compte/connexion/")
    if response.status_code == 404:
        pytest.skip("log-in address differs")
    assert meta(response, "description") == TAGLINE
    assert og(response)["og:title"] == "Parentescence"


def test_shorten_cuts_on_a_word():
    assert seo.shorten("court") == "court"
    text = "mot " * 60
    short = seo.shorten(text)
    assert len(short) <= 160 and short.endswith("mot…")
    assert seo.shorten("x" * 300).startswith("x") and len(seo.shorten("x" * 300)) == 160


def test_default_social_image_is_a_1200_by_630_png():
    from django.contrib.staticfiles import finders

    path = finders.find(seo.DEFAULT_IMAGE)
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (1200, 630)


def test_json_ld_cannot_close_its_script():
    title = "</script><script>alert(1)</script> & <!--"
    script = seo.json_ld_script({"name": title})
    body = script[len('<script type="application/ld+json">'):-len("</script>")]
    assert "<" not in body and ">" not in body
    assert json.loads(body)["name"] == title
