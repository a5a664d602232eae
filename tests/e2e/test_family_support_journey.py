"""Individual family support: a partner of an MDS refers a family (the family's agreement to be
contacted is required); the coordinator sets up the second factor, opens the record and assigns a
field referent; the referent, with a second factor too, records the family's agreement to be
supported, a home visit and the family's first workshop, then closes with a summary the family
agrees to share; the partner sees the status and the summary, never the family's name. Every
opening of the record is written to the access log."""

import base64
import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from accounts.factories import UserFactory
from network.models import PartnerStructure
from resources.factories import WorkshopFactory
from resources.models import Venue
from support.models import AccessLog, Consent, Contact, Family, Referrer, Step

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "password-for-tests"
FAMILY_NAME = "Awa Diallo-Confidentielle"
WORKSHOP = "Atelier parents-enfants : éveil sensoriel"
SUMMARY = "La famille vient aux ateliers du mercredi et connaît maintenant la maison de quartier."


def log_in(page, url, username):
    """Open `url`, land on the real log-in form, and come back to `url` once logged in."""
    page.goto(url)
    expect(page.locator("h1")).to_have_text("Connexion à l'espace membres")
    page.get_by_label("Identifiant ou adresse e-mail").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def current_code(key):
    """What the person's authenticator app shows now for the base32 `key`."""
    return f"{totp(base64.b32decode(key)):06d}"


def set_up_second_factor(page, wrong_code_first=False):
    """The authenticator app set-up: the QR code, the key in text, a first code."""
    expect(page).to_have_url(re.compile(r"/suivi-familles/double-authentification/\?next="))
    expect(page.locator("h1")).to_have_text("Configurer la double authentification")
    expect(page.get_by_role("img", name="QR code à scanner avec votre application")).to_be_visible()
    key = page.locator("code").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", key)
    code_field = page.get_by_label("Code à 6 chiffres de votre application")
    if wrong_code_first:
        valid = {f"{totp(base64.b32decode(key), drift=drift):06d}" for drift in (-1, 0, 1)}
        wrong = next(code for code in ("000000", "111111", "222222") if code not in valid)
        code_field.fill(wrong)
        page.get_by_role("button", name="Activer").click()
        expect(page.get_by_role("alert")).to_contain_text("Ce code ne correspond pas")
        expect(page.locator("code")).to_have_text(re.compile(key[:4]))  # the same key, still to confirm
        page.wait_for_timeout(1_200)  # django-otp throttles: one second after a wrong code
    code_field.fill(current_code(key))
    page.get_by_role("button", name="Activer").click()
    expect(page).not_to_have_url(re.compile("double-authentification"))


def test_a_referred_family_is_supported_then_the_partner_reads_the_summary(site, browser, page, axe_violations):
    mds = PartnerStructure.objects.get(name="Maisons des solidarités (MDS) de la Haute-Garonne")
    partner = UserFactory(username="partenaire", first_name="Nadia", last_name="Orienteuse", groups=["Referrers"])
    Referrer.objects.create(user=partner, institution=mds, job_title="Assistante sociale")
    coordinator = UserFactory(username="coordinatrice", first_name="Claire", last_name="Coordination",
                              groups=["Coordinators"])
    referent = UserFactory(username="referente", first_name="Inès", last_name="Terrain", groups=["FieldReferents"])
    venue = Venue.objects.get(name="Maison de quartier des Arènes romaines")  # made by the content build
    start = timezone.now() - datetime.timedelta(days=3)
    workshop = WorkshopFactory(title=WORKSHOP, venue=venue, start=start, end=start + datetime.timedelta(hours=2))

    # The partner logs in and refers a family, forgetting the family's agreement first.
    log_in(page, site.url + "/suivi-familles/orienter/", "partenaire")
    expect(page.locator("h1")).to_have_text("Orienter une famille")
    assert axe_violations(page) == []
    page.get_by_label("Nom et prénom du ou des parents").fill(FAMILY_NAME)
    page.get_by_label("Téléphone").fill("06 11 22 33 44")
    page.get_by_label("Adresse").fill("12 rue des Lilas, 31300 Toulouse")
    page.get_by_label("Motif").select_option(label="Isolement")
    page.get_by_label("En quelques mots").fill("Maman seule avec un bébé de trois mois, arrivée récemment.")
    page.get_by_role("button", name="Envoyer l'orientation").click()
    expect(page.get_by_role("alert")).to_contain_text("Sans l'accord de la famille, l'association ne peut pas la contacter")
    expect(page.get_by_label("Nom et prénom du ou des parents")).to_have_value(FAMILY_NAME)
    expect(page.get_by_label("Téléphone")).to_have_value("06 11 22 33 44")
    expect(page.get_by_label("Motif")).to_have_value("isolation")
    assert axe_violations(page) == []
    assert not Family.objects.exists()
    page.get_by_label("La famille a donné son accord pour être contactée").check()
    page.get_by_role("button", name="Envoyer l'orientation").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"Orientation envoyée, référence F-\d{5}\."))
    family = Family.objects.get()
    reference = family.reference
    expect(page.get_by_role("status")).to_contain_text(f"Orientation envoyée, référence {reference}.")
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text("Isolement")
    expect(row).to_contain_text("Reçue")
    assert family.institution == mds and family.consent(Consent.Purpose.CONTACT) is True
    # The coordinators are told by e-mail, with the reference only.
    (new_referral,) = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert reference in new_referral.subject and FAMILY_NAME not in new_referral.body

    # The coordinator logs in, sets up the second factor (a wrong code first), assigns a referent.
    coordination = browser.new_context(locale="fr-FR")
    coordinator_page = coordination.new_page()
    coordinator_page.set_default_timeout(15_000)
    log_in(coordinator_page, site.url + "/suivi-familles/", "coordinatrice")
    set_up_second_factor(coordinator_page, wrong_code_first=True)
    expect(coordinator_page.locator("h1")).to_have_text("Accompagnement des familles")
    to_assign = coordinator_page.get_by_role("region", name="Orientations à confier à un·e référent·e")
    expect(to_assign).not_to_contain_text(FAMILY_NAME)  # lists show references only
    assert axe_violations(coordinator_page) == []
    to_assign.get_by_role("link", name=reference).click()
    expect(coordinator_page.locator("h1")).to_have_text(f"Famille {reference}")
    expect(coordinator_page.get_by_text(FAMILY_NAME)).to_be_visible()
    coordinator_page.get_by_role("combobox", name="Référent·e de terrain").select_option(label="Inès Terrain")
    coordinator_page.get_by_role("button", name="Confier la famille").click()
    expect(coordinator_page.get_by_role("status")).to_contain_text("Famille confiée à Inès Terrain")
    expect(coordinator_page.locator(".lead")).to_contain_text("En cours · accompagnée par Inès Terrain")
    coordination.close()

    # The referent logs in from the record's link, sets up the second factor, opens the record.
    field = browser.new_context(locale="fr-FR")
    referent_page = field.new_page()
    referent_page.set_default_timeout(15_000)
    log_in(referent_page, f"{site.url}/suivi-familles/familles/{family.pk}/", "referente")
    set_up_second_factor(referent_page)
    expect(referent_page.locator("h1")).to_have_text(f"Famille {reference}")
    expect(referent_page.get_by_text(FAMILY_NAME)).to_be_visible()
    expect(referent_page.get_by_text("Les étapes du parcours s'enregistrent une fois l'accord")).to_be_visible()
    assert axe_violations(referent_page) == []

    # At the first home visit, the family agrees to be supported.
    referent_page.get_by_role("link", name="Enregistrer la réponse de la famille").click()
    referent_page.get_by_label("Objet").select_option(
        label="Être accompagnée, et que l'association garde pour cela ces informations, motif de l'orientation compris")
    referent_page.get_by_label("La famille est d'accord").check()
    referent_page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(referent_page.get_by_role("status")).to_contain_text("Réponse de la famille enregistrée.")

    today = timezone.localdate()
    referent_page.get_by_role("link", name="Enregistrer un contact").click()
    referent_page.get_by_label("Date").fill(f"{today - datetime.timedelta(days=10):%Y-%m-%d}")
    referent_page.get_by_label("Type de contact").select_option(label="Visite à domicile")
    referent_page.get_by_label("Avec qui").select_option(label="Parent(s) et bébé")
    referent_page.get_by_label("Note brève").fill("Premier contact chaleureux, proposition de l'atelier du mercredi.")
    referent_page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(referent_page.get_by_role("status")).to_contain_text("Contact enregistré.")
    expect(referent_page.get_by_role("region", name="Contacts").first).to_contain_text("Visite à domicile")

    # The family came to its first workshop three days ago.
    referent_page.get_by_role("link", name="Enregistrer une étape").click()
    referent_page.get_by_label("Étape").select_option(label="A rejoint un espace collectif")
    attended = timezone.localtime(start)
    referent_page.get_by_label("Date").fill(f"{attended:%Y-%m-%d}")
    referent_page.get_by_label("Temps collectif").select_option(label=f"{attended:%d/%m/%Y} · {WORKSHOP}")
    referent_page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(referent_page.get_by_role("status")).to_contain_text("Étape enregistrée.")
    expect(referent_page.locator("ol.steps")).to_contain_text(f"A rejoint un espace collectif — {WORKSHOP}")

    # The support ends: the family joined the collective spaces and agrees to share the summary.
    referent_page.get_by_role("link", name="Clôturer l'accompagnement").click()
    referent_page.get_by_label("Issue").select_option(label="A rejoint les espaces collectifs de l'association")
    referent_page.get_by_label("Synthèse pour l'orienteur·rice").fill(SUMMARY)
    referent_page.get_by_label("Oui", exact=True).check()
    referent_page.get_by_role("button", name="Clôturer", exact=True).click()
    expect(referent_page.get_by_role("status")).to_contain_text("Accompagnement clôturé.")
    expect(referent_page.get_by_text("La famille a accepté que cette synthèse soit transmise")).to_be_visible()
    assert axe_violations(referent_page) == []
    field.close()

    family.refresh_from_db()
    assert family.status == Family.Status.CLOSED and family.outcome == Family.Outcome.COLLECTIVE
    assert family.referent == referent and family.summary_shared
    assert Contact.objects.get(family=family).kind == Contact.Kind.HOME_VISIT
    assert Step.objects.get(family=family).event_id == workshop.pk

    # The partner reloads the dashboard: closed, the summary, and never the family's name.
    page.reload()
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text("Clôturée")
    expect(row).to_contain_text(SUMMARY)
    assert FAMILY_NAME not in page.content()
    assert axe_violations(page) == []

    # Every opening of the record is in the access log, under the person who opened it.
    views = AccessLog.objects.filter(family=family, reference=reference, action=AccessLog.Action.VIEW)
    assert views.filter(user=coordinator).exists()
    assert views.filter(user=referent).exists()
    assert AccessLog.objects.filter(family=family, user=coordinator, action=AccessLog.Action.CHANGE).exists()
    # The partner never opened the record; reading the shared summary is logged as such.
    assert set(AccessLog.objects.filter(user=partner).values_list("action", flat=True)) == {"summary"}
