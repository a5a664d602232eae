"""The content build creates the contact page in French and English and fills in only what
the association's description says."""

import pytest
from wagtail.models import Locale, Site

from contact.models import ContactPage, ContactSettings
from home.content.build import build_site
from home.models import ContentRecord, SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        build_site(log=lambda message: None)


def test_contact_page_in_both_languages(built, client):
    french = ContentRecord.objects.get(key="page:contact").page.specific
    assert isinstance(french, ContactPage) and french.live
    assert french.get_parent().specific_class.__name__ == "HomePage"
    english = french.get_translation(Locale.objects.get(language_code="en")).specific
    assert english.title == "Contact us" and english.live
    assert "Write to us" in str(english.introduction)
    assert client.get(french.url).status_code == 200
    assert english.url == "/en/contact-us/"


def test_only_what_the_seed_says(built, client):
    site = Site.objects.get(is_default_site=True)
    contact_settings = ContactSettings.for_site(site)
    assert contact_settings.permanences_place == "Udaf 31, Toulouse"
    assert contact_settings.workshops_place == "Maison de quartier des Arènes romaines, Toulouse"
    assert contact_settings.permanences_hours == contact_settings.permanences_hours_en == ""
    assert contact_settings.messages_recipient == ""
    site_settings = SiteSettings.for_site(site)
    assert (site_settings.address, site_settings.email, site_settings.phone) == ("Toulouse", "", "")
    footer = client.get("/").content.decode()
    assert "Udaf 31, Toulouse" in footer and "Arènes romaines" in footer
    assert "tel:" not in footer and "mailto:" not in footer


def test_editors_changes_are_kept(built, django_capture_on_commit_callbacks):
    site = Site.objects.get(is_default_site=True)
    contact_settings = ContactSettings.for_site(site)
    contact_settings.permanences_place = ""
    contact_settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        build_site(log=lambda message: None)
    assert ContactSettings.for_site(site).permanences_place == ""
    assert ContactPage.objects.count() == 2
