"""An event's page as search engines and link previews read it (schema.org Event, Open
Graph), the sitemap's events and language alternates, and the canary: a members-only
event's title is never in anything a public page or the sitemap gives out."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import extruct
import pytest
from django.utils import timezone

from resources.factories import EventFactory, VenueFactory, WorkshopFactory

INJECTION = "</script><script>alert(1)</script>"
CANARY = "Intervision canari-zq7x"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def extract(response, url):
    return extruct.extract(response.content.decode(), base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)


def events_in(data):
    return [item for item in data["json-ld"] if item.get("@type") == "Event"]


@pytest.fixture
def english_site(english_home, calendar):
    """The English home page, published, with the calendar's English version."""
    from wagtail.models import Locale

    english_home.save_revision().publish()
    return calendar.copy_for_translation(Locale.objects.get(language_code="en"), alias=True)


@pytest.fixture
def workshop(calendar):
    start = timezone.make_aware(datetime.datetime(2031, 3, 11, 18, 30))  # Paris, winter time
    return WorkshopFactory(title="Atelier portage", start=start, end=start + datetime.timedelta(hours=2), capacity=10)


@pytest.fixture
def members_event(calendar):
    start = timezone.now() + datetime.timedelta(days=10)
    return EventFactory(title=CANARY, kind="intervision", start=start, end=start + datetime.timedelta(hours=2),
                        venue=VenueFactory(name="Salle du réseau"))


@pytest.mark.django_db
def test_event_page_gives_a_preview_and_a_schema_org_event(client, workshop):
    url = f"http://testserver/agenda/{workshop.pk}/"
    response = client.get(f"/agenda/{workshop.pk}/")
    assert response.status_code == 200
    data = extract(response, url)
    graph = data["opengraph"][0]
    assert graph["og:title"] == "Atelier portage"
    assert graph["og:description"] == workshop.description
    assert graph["og:url"] == url
    assert re.fullmatch(r"http://testserver/.+\.png", graph["og:image"])
    [event] = events_in(data)
    assert event["name"] == "Atelier portage"
    assert event["startDate"] == "2031-03-11T18:30:00+01:00"
    assert event["endDate"] == "2031-03-11T20:30:00+01:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["name"] == "Maison de quartier des arènes romaines"
    assert event["location"]["address"] == {
        "@type": "PostalAddress", "streetAddress": "Place Guy Hersant", "postalCode": "31300",
        "addressLocality": "Toulouse", "addressCountry": "FR",
    }
    assert event["organizer"] == {"@type": "Organization", "name": "Parentescence", "url": "http://testserver/"}
    assert event["offers"]["price"] == "0" and event["offers"]["priceCurrency"] == "EUR"
    assert event["offers"]["availability"] == "https://schema.org/InStock"
    assert event["isAccessibleForFree"] is True
    assert event["description"] == workshop.description
    assert event["inLanguage"] == "fr"
    assert event["url"] == url


@pytest.mark.django_db
def test_summer_time_offset(client, calendar):
    start = timezone.make_aware(datetime.datetime(2031, 7, 1, 10, 0))
    event = WorkshopFactory(start=start, end=None)
    [data] = events_in(extract(client.get(f"/agenda/{event.pk}/"), "http://testserver/"))
    assert data["startDate"] == "2031-07-01T10:00:00+02:00"
    assert "endDate" not in data  # none made up


@pytest.mark.django_db
def test_full_event_is_sold_out(client, workshop):
    from resources.factories import RegistrationFactory

    RegistrationFactory(event=workshop, adults=2, children=8, status="confirmed")
    [data] = events_in(extract(client.get(f"/agenda/{workshop.pk}/"), "http://testserver/"))
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"


@pytest.mark.django_db
def test_a_title_cannot_inject_a_script(client, calendar):
    event = WorkshopFactory(title=INJECTION, description=f"Texte {INJECTION} fin")
    response = client.get(f"/agenda/{event.pk}/")
    text = response.content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert len(scripts) == 1
    assert json.loads(scripts[0])["name"] == INJECTION
    assert "<script>alert(1)" not in text
    [data] = events_in(extract(response, "http://testserver/"))
    assert data["name"] == INJECTION


@pytest.mark.django_db
def test_members_event_page_has_no_json_ld_and_is_not_indexed(client, members_event):
    from accounts.factories import UserFactory
    from network.factories import current_membership

    member = UserFactory(username="lecteur", groups=["Members"])
    current_membership(member)
    client.force_login(member)
    response = client.get(f"/agenda/{members_event.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "application/ld+json" not in text
    assert '<meta name="robots" content="noindex">' in text
    assert CANARY not in extract(response, "http://testserver/")["opengraph"][0]["og:description"]


@pytest.mark.django_db
def test_event_language_alternates_point_to_the_event(client, workshop, english_site):
    text = client.get(f"/agenda/{workshop.pk}/").content.decode()
    assert f'hreflang="en" href="http://testserver/en/agenda/{workshop.pk}/"' in text
    assert f'hreflang="fr" href="http://testserver/agenda/{workshop.pk}/"' in text


# -- Sitemap --------------------------------------------------------------------------------


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return response.content.decode()


def entries(text):
    root = ET.fromstring(text.encode())
    return {
        url.find("s:loc", SITEMAP).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP)
        }
        for url in root.findall("s:url", SITEMAP)
    }


@pytest.mark.django_db
def test_sitemap_lists_upcoming_public_events_in_each_language(client, workshop, english_site):
    past = WorkshopFactory(title="Atelier passé", start=timezone.now() - datetime.timedelta(days=3))
    urls = entries(sitemap(client))
    fr, en = f"http://localhost/agenda/{workshop.pk}/", f"http://localhost/en/agenda/{workshop.pk}/"
    assert urls[fr] == urls[en] == {"fr": fr, "en": en, "x-default": fr}
    assert not any(f"/agenda/{past.pk}/" in url for url in urls)


@pytest.mark.django_db
def test_sitemap_pages_have_their_translations_as_alternates(client, english_site):
    urls = entries(sitemap(client))
    expected = {"fr": "http://localhost/", "en": "http://localhost/en/", "x-default": "http://localhost/"}
    assert urls["http://localhost/"] == expected
    assert urls["http://localhost/en/"] == expected


@pytest.mark.django_db
def test_a_page_without_translation_has_no_alternates(client, calendar):
    urls = entries(sitemap(client))
    assert urls["http://localhost/agenda/"] == {}


# -- The canary -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_members_event_never_leaks(client, members_event, workshop, english_site):
    """A members-only event's title is in nothing public: the sitemap, the JSON-LD or the
    Open Graph tags of the public pages an anonymous visitor (or a crawler) reads."""
    text = sitemap(client)
    assert CANARY not in text and f"/agenda/{members_event.pk}/" not in text
    month = timezone.localtime(members_event.start)
    for path in ["/", "/en/", "/agenda/", "/en/agenda/", f"/agenda/{workshop.pk}/",
                 f"/agenda/mois/{month.year}-{month.month}/", "/agenda/ical/", "/robots.txt"]:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert CANARY not in body, path
        if "html" in response["Content-Type"]:
            data = extract(response, "http://testserver/")
            assert CANARY not in json.dumps(data, ensure_ascii=False), path
    assert client.get(f"/agenda/{members_event.pk}/").status_code == 404
