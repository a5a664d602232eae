"""Issue 7: a facilitator's pages, checked with axe and used from the keyboard: the calendar
(list and month), Mes rencontres (registering to a Prorencontre), the attendance list, the
personal feed, the workshop resources (index, a members' guide)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.factories import UserFactory
from network.factories import current_membership
from resources.factories import EventFactory, RegistrationFactory, WorkshopFactory
from resources.models import Event, Registration

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "password-for-tests"


def test_a_facilitator_uses_the_calendar_mes_rencontres_and_the_attendance_list(site, page, axe_violations):
    member = UserFactory(username="animatrice", first_name="Anne", last_name="Animatrice", groups=["Members"])
    current_membership(member)
    past = WorkshopFactory(title="Atelier d'hier", start=timezone.now() - datetime.timedelta(days=1))
    past.facilitators.add(member)
    RegistrationFactory(event=past, name="Famille Présente", adults=1, children=2)
    prorencontre = EventFactory(kind=Event.Kind.PRORENCONTRE, title="Prorencontre de janvier",
                                start=timezone.now() + datetime.timedelta(days=12))

    page.goto(site.url + "/compte/connexion/")
    page.get_by_role("textbox", name="Identifiant ou adresse e-mail").fill("animatrice")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Mot de passe").press("Enter")
    expect(page.locator("h1")).to_have_text("Mon espace")

    page.goto(site.url + "/agenda/")
    expect(page.get_by_role("link", name="Prorencontre de janvier")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Vue par mois").click()
    expect(page.locator("table caption")).to_be_visible()
    assert axe_violations(page) == []

    # Registering from Mon espace, with the keyboard only.
    page.goto(site.url + "/reseau/mon-espace/agenda/")
    assert axe_violations(page) == []
    button = page.get_by_role("button", name="M'inscrire — Prorencontre de janvier")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Vous êtes inscrit·e à « Prorencontre de janvier ».")).to_be_visible()
    assert member.event_registrations.get(event=prorencontre).status == Registration.Status.CONFIRMED

    # Attendance of yesterday's workshop.
    page.goto(site.url + f"/reseau/mon-espace/agenda/{past.pk}/presences/")
    assert axe_violations(page) == []
    page.get_by_label("Présence de Famille Présente").select_option("present")
    page.get_by_label("Adultes", exact=True).fill("2")
    page.get_by_role("button", name="Enregistrer les présences").click()
    expect(page.get_by_text("Présent·es : 3 adultes, 2 enfants.")).to_be_visible()

    page.goto(site.url + "/reseau/mon-espace/agenda/flux/")
    assert axe_violations(page) == []

    page.goto(site.url + "/reseau-professionnel/ressources-d-animation/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Animer un temps d'échange entre parents").click()
    expect(page.locator("h1")).to_have_text("Animer un temps d'échange entre parents")
    assert axe_violations(page) == []
