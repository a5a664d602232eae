"""Issue 8: the coordinator's other screens (statistics, accounts, drop-in sessions, the read
log, a data request form) are accessible (axe) and work with the keyboard-only basics: every
form field has a label, errors take the focus."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.factories import UserFactory
from network.models import PartnerStructure
from support.factories import ContactFactory, DropInSessionFactory, FamilyFactory, pass_second_factor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def verified_session(user):
    """A session cookie for `user`, second factor passed (the set-up itself is in the journey)."""
    return pass_second_factor(Client(), user).session.session_key


def test_the_coordinators_screens_are_accessible(site, page, axe_violations):
    coordinator = UserFactory(username="coordinatrice", groups=["Coordinators"])
    udaf = PartnerStructure.objects.get(name="Udaf 31")
    DropInSessionFactory(place=udaf, date=timezone.localdate() - datetime.timedelta(days=2), families_seen=7)
    family = FamilyFactory(referrer=None, institution=udaf)
    ContactFactory(family=family)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": verified_session(coordinator), "url": site.url}])
    for path, heading in [
        ("/suivi-familles/", "Accompagnement des familles"),
        ("/suivi-familles/statistiques/", f"Accompagnement des familles : statistiques {timezone.localdate().year}"),
        ("/suivi-familles/comptes/", "Comptes de l'accompagnement des familles"),
        ("/suivi-familles/permanences/", "Permanences familles"),
        ("/suivi-familles/journal/", "Journal des consultations"),
        (f"/suivi-familles/familles/{family.pk}/", f"Famille {family.reference}"),
        (f"/suivi-familles/familles/{family.pk}/demande/", "Enregistrer une demande de la famille sur ses données"),
    ]:
        page.goto(site.url + path)
        expect(page.locator("h1")).to_have_text(heading)
        assert axe_violations(page) == [], path

    # A form error: the summary takes the focus, what was typed stays.
    page.goto(site.url + "/suivi-familles/comptes/")
    page.get_by_label("Prénom").fill("Nora")
    page.get_by_role("button", name="Ouvrir le compte").click()
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_label("Prénom")).to_have_value("Nora")
    assert axe_violations(page) == []
