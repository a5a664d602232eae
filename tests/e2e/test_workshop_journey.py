"""Issue 7, registrations: a parent registers to a full parent–child workshop and lands on the
waiting list; a family already registered cancels from the link of its confirmation e-mail;
the parent is promoted and told by e-mail, with a cancel link of their own."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from resources import registrations as rules
from resources.factories import WorkshopFactory
from resources.models import Registration, Venue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Atelier parents-enfants : comptines et jeux de doigts"


def test_a_parent_on_the_waiting_list_is_promoted_when_a_family_cancels(site, page, axe_violations):
    venue = Venue.objects.get(name="Maison de quartier des Arènes romaines")  # made by the content build
    workshop = WorkshopFactory(title=TITLE, capacity=2, venue=venue)
    rules.register(workshop, name="Famille Première", email="premiere@example.org", adults=1, children=1)
    (confirmation,) = [m for m in mail.outbox if m.to == ["premiere@example.org"]]
    # The e-mail names the site's own host; the journey's server listens elsewhere.
    cancel_link = re.sub(r"^https?://[^/]+", site.url,
                         re.search(r"https?://\S+/annulation/\S+/", confirmation.body).group(0))
    mail.outbox.clear()

    # The parent finds the workshop in the calendar: it is full.
    page.goto(site.url + "/agenda/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.get_by_text("Complet : les inscriptions continuent sur liste d'attente.")).to_be_visible()
    assert axe_violations(page) == []

    # A mistake first: no way to reach them. What was typed is kept.
    page.get_by_label("Votre nom (ou prénom)").fill("Léa Attente")
    page.get_by_label("Nombre d'enfants").fill("1")
    page.get_by_label("Âge de l'enfant (du plus jeune)").select_option("6-12m")
    page.get_by_label("J'accepte que ces informations").check()
    page.get_by_role("button", name="M'inscrire sur la liste d'attente").click()
    expect(page.get_by_role("alert")).to_contain_text("Indiquez un e-mail ou un téléphone")
    expect(page.get_by_label("Votre nom (ou prénom)")).to_have_value("Léa Attente")
    assert axe_violations(page) == []
    page.get_by_label("E-mail").fill("lea@example.org")
    page.get_by_role("button", name="M'inscrire sur la liste d'attente").click()
    expect(page.locator("h1")).to_have_text("Vous êtes sur la liste d'attente")
    lea = Registration.objects.get(email="lea@example.org")
    assert lea.status == Registration.Status.WAITING
    (waiting,) = [m for m in mail.outbox if m.to == ["lea@example.org"]]
    assert "Liste d'attente" in waiting.subject

    # The first family cannot come any more: it cancels from its e-mail's link.
    page.goto(cancel_link)
    page.get_by_role("button", name="Oui, annuler mon inscription").click()
    expect(page.get_by_text("Votre inscription est annulée. Merci de nous avoir prévenus.")).to_be_visible()

    # The parent is promoted and told, with a cancel link of their own.
    lea.refresh_from_db()
    assert lea.status == Registration.Status.CONFIRMED and lea.promoted_at is not None
    (promoted,) = [m for m in mail.outbox if m.to == ["lea@example.org"] and "place s'est libérée" in m.subject]
    assert TITLE in promoted.body and "/annulation/" in promoted.body
    assert rules.confirmed_places(workshop) == 2

    # The same link again changes nothing.
    page.goto(cancel_link)
    expect(page.get_by_text("Cette inscription était déjà annulée : rien n'a changé.")).to_be_visible()
