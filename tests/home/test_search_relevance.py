"""The site search finds what a parent or a professional types, on the site's real content:
precision at 3 over home.search.relevance.QUERIES (30+ French queries) is at least 0.9."""

import html
import re

import pytest
from django.core.management import call_command

from home.content.build import build_site
from home.search.relevance import QUERIES, precision_at_3

pytestmark = pytest.mark.django_db

TITLE = re.compile(r'<h3><a href="[^"]+">([^<]+)</a>')


def test_precision_at_3_on_the_real_content(client):
    from network.demo import create_demo_members

    build_site(log=lambda message: None)
    create_demo_members(password=None)
    call_command("update_index", verbosity=0)

    def search(query):
        response = client.get("/recherche/", {"q": query})
        assert response.status_code == 200
        return [html.unescape(title) for title in TITLE.findall(response.content.decode())]

    assert len(QUERIES) >= 30
    precision, misses = precision_at_3(search)
    assert precision >= 0.9, misses
