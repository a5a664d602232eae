"""The treasurer records a renewal; the member gets the receipt; a lapsed member's profile
leaves the directory the day after the end date and comes back with the renewal."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from accounts.factories import UserFactory
from home.models import ContentRecord
from network.demo import create_demo_members
from network.member_space import unpublish_lapsed_profiles
from network.models import Membership

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "password-for-tests"


def test_a_lapsed_member_renews_through_the_treasurer(site, browser, axe_violations):
    create_demo_members(PASSWORD)
    UserFactory(username="tresoriere", groups=["Treasurer"], password=PASSWORD)
    marie = Membership.objects.get(user__username="membre").user
    profile_path = ContentRecord.objects.get(key="page:directory").page.url + "marie-membre/"

    # Her year ended yesterday: today the profile is gone, before any job has run…
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Membership.objects.filter(user=marie).update(start_date=yesterday - datetime.timedelta(days=364), end_date=yesterday)
    visitor = browser.new_context(locale="fr-FR").new_page()
    assert visitor.goto(site.url + profile_path).status == 404
    # …and the nightly job takes it out of the listings, the API and the search index.
    unpublish_lapsed_profiles()
    visitor.goto(site.url + ContentRecord.objects.get(key="page:directory").page.url)
    assert visitor.locator(".directory-results").get_by_role("link", name="Marie Membre").count() == 0

    # She still has her account, and is told how to renew.
    member = browser.new_context(locale="fr-FR", accept_downloads=True).new_page()
    member.goto(site.url + "/compte/connexion/")
    member.get_by_role("textbox", name="Identifiant ou adresse e-mail").fill("membre")
    member.get_by_label("Mot de passe").fill(PASSWORD)
    member.get_by_role("button", name="Se connecter").click()
    assert member.get_by_text(re.compile("Votre adhésion a pris fin le")).is_visible()
    assert member.get_by_role("heading", name="Régler ma cotisation").is_visible()
    assert axe_violations(member) == []

    # The treasurer records her cheque in the admin.
    treasurer = browser.new_context(locale="fr-FR").new_page()
    treasurer.goto(site.url + "/admin/login/")
    treasurer.locator("#id_username").fill("tresoriere")
    treasurer.locator("#id_password").fill(PASSWORD)
    treasurer.locator("form button[type=submit]").click()
    treasurer.wait_for_load_state()
    treasurer.goto(site.url + "/admin/cotisations/paiements/")
    treasurer.get_by_role("link", name=re.compile("Ajouter|Add")).first.click()
    treasurer.get_by_label("Membre").select_option(label=f"MEMBRE Marie — {marie.email}")
    assert treasurer.get_by_label("Montant (€)").input_value() in ("30.00", "30")
    treasurer.get_by_label("Moyen de paiement").select_option(label="Chèque")
    treasurer.get_by_label("Référence").fill("Chèque n° 4417")
    mail.outbox.clear()
    treasurer.get_by_role("button", name=re.compile("Enregistrer|Save|Créer|Create")).first.click()
    treasurer.get_by_text(re.compile("Paiement enregistré")).wait_for()

    # The receipt is in her mailbox, and in her space.
    receipts = [m for m in mail.outbox if m.to == [marie.email]]
    assert len(receipts) == 1 and receipts[0].attachments[0][1].startswith(b"%PDF")
    today = timezone.localdate()
    member.reload()
    member.get_by_text(re.compile("Adhésion valable du")).wait_for()
    with member.expect_download() as download:
        member.get_by_role("link", name=re.compile("^Reçu .*PDF")).first.click()
    assert download.value.suggested_filename.startswith(f"recu-adhesion-{today.year}-")

    # Her profile is back in the directory, at once.
    assert visitor.goto(site.url + profile_path).status == 200
    assert visitor.locator("h1").inner_text() == "Marie Membre"
