"""The guided entry and the partner structures page: one H1, the introduction once, and no
heading that repeats the H1."""

import re

import pytest

from network.models import HelpFinderPage, PartnerDirectoryPage

INTRO = "Une introduction que l'on ne lit qu'une fois."


def headings(html, level):
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)]


def main(html):
    return html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.fixture
def pages(network_site):
    home = network_site["home"]
    help_page = HelpFinderPage(title="Je cherche de l'aide pour…", slug="aide", intro=INTRO)
    home.add_child(instance=help_page)
    partners = PartnerDirectoryPage(title="Structures partenaires et de proximité", slug="structures", intro=INTRO)
    home.add_child(instance=partners)
    return {"help": help_page, "partners": partners}


@pytest.mark.parametrize("key", ["help", "partners"])
def test_one_h1_the_intro_once_and_no_h2_repeating_it(client, pages, key):
    page = pages[key]
    html = main(client.get(page.url).content.decode())
    assert len(headings(html, 1)) == 1
    assert headings(html, 1)[0].replace("&#x27;", "'") == page.title
    assert html.replace("&#x27;", "'").count(INTRO) == 1
    assert page.title not in [h.replace("&#x27;", "'") for h in headings(html, 2)]


def test_the_needs_list_is_named_by_the_page_title(client, pages):
    html = main(client.get(pages["help"].url).content.decode())
    assert 'class="help-finder__needs" aria-label="Je cherche de l&#x27;aide pour…"' in html


def test_a_chosen_need_keeps_one_h1(client, pages):
    html = main(client.get(pages["help"].url, {"besoin": "allaitement"}).content.decode())
    assert len(headings(html, 1)) == 1
    assert html.replace("&#x27;", "'").count(INTRO) == 1
