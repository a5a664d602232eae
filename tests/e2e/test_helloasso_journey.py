"""The treasurer receives an instalment, then a refund, from HelloAsso (the fake API on
loopback, notifications posted to the live site) and finds each receipt right; the member
sees the cancelled receipt in her space; a missing right on HelloAsso's API client is shown
on the fees screens. Screenshots at 375 and 1280 px go to /tmp/shots_helloasso/."""

import io
import json
import re
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.factories import UserFactory
from fees.models import Payment
from tests.fees.fake_helloasso import FakeHelloAsso
from tests.fees.helloasso_setup import PAYER_EMAIL, configure, iso, order_notification

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "password-for-tests"
ORDER = "48500001"
SHOTS = Path("/tmp/shots_helloasso")


@pytest.fixture
def fake(settings):
    server = FakeHelloAsso().start()
    configure(settings, server)
    yield server
    server.stop()


def notify(site, payload):
    request = urllib.request.Request(
        site.url + "/cotisation/helloasso/notification/", data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 1400 if width < 600 else 900})
        page.wait_for_timeout(600)  # the admin's sidebar settles after a resize
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_timeout(600)


def download_text(page, link):
    with page.expect_download() as download:
        link.click()
    data = Path(download.value.path()).read_bytes()
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def log_in_admin(browser, site, username):
    page = browser.new_context(locale="fr-FR", accept_downloads=True).new_page()
    page.set_default_timeout(15_000)
    page.goto(site.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def test_an_instalment_then_a_refund_each_receipt_right(site, browser, fake):
    UserFactory(username="tresoriere", first_name="Thérèse", email="tresoriere@example.org",
                groups=["Treasurer"], password=PASSWORD)
    UserFactory(username="camille", first_name="Camille", last_name="Durand", email=PAYER_EMAIL,
                groups=["Members"], password=PASSWORD)
    today = timezone.localdate()
    fake.instalment_order(ORDER, [
        (91001, 3000, "Authorized", iso(today - timezone.timedelta(days=31))),
        (91002, 3000, "Pending", iso(today)),
        (91003, 3000, "Pending", iso(today)),
    ])

    # The first instalment: 30 € received, not the item's 90 €.
    assert notify(site, order_notification(ORDER)) == (200, b"recorded")
    treasurer = log_in_admin(browser, site, "tresoriere")
    treasurer.goto(site.url + reverse("payments:index"))
    first = Payment.objects.get()
    row = treasurer.locator("tr", has_text=first.receipt_number)
    assert "30,00" in row.inner_text() and "Échéance n° 1" in row.inner_text()
    text = download_text(treasurer, row.get_by_role("link", name=re.compile(r"Reçu .* \(PDF\)")))
    assert "la somme de 30,00 € (trente euros)" in text and "90,00" not in text and "échéance n° 1" in text

    # The second instalment is taken, then HelloAsso refunds the first.
    fake.set_state(ORDER, 91002, "Authorized", iso(today))
    assert notify(site, fake.payment_notification(ORDER, 91002)) == (200, b"recorded")
    fake.set_state(ORDER, 91001, "Refunded")
    assert notify(site, fake.payment_notification(ORDER, 91001)) == (200, b"cancelled")

    treasurer.goto(site.url + reverse("payments:index"))
    second = Payment.objects.get(helloasso_payment_id="91002")
    cancelled_row = treasurer.locator("tr", has_text=first.receipt_number)
    assert re.search(r"Annulé le \d{1,2} \w+ \d{4} : Remboursé sur HelloAsso", cancelled_row.inner_text())
    assert cancelled_row.get_by_role("link", name=re.compile("Annuler le paiement")).count() == 0
    shoot(treasurer, "payments")
    text = download_text(treasurer, cancelled_row.get_by_role("link", name=re.compile(r"Reçu .* \(PDF\)")))
    assert "ANNULÉ" in text and "Remboursé sur HelloAsso" in text and "ne vaut plus justificatif" in text
    live_row = treasurer.locator("tr", has_text=second.receipt_number)
    text = download_text(treasurer, live_row.get_by_role("link", name=re.compile(r"Reçu .* \(PDF\)")))
    assert "30,00 €" in text and "échéance n° 2" in text and "ANNULÉ" not in text
    assert "Adhésion valable du" in text  # the period stays: the second instalment covers it

    # The payment's own page, and the order with its instalments.
    treasurer.goto(site.url + reverse("payments:inspect", args=[first.pk]))
    assert treasurer.get_by_text("Remboursé sur HelloAsso").first.is_visible()
    shoot(treasurer, "payment-inspect")
    treasurer.goto(site.url + reverse("fees_helloasso:index"))
    treasurer.get_by_role("link", name=re.compile(ORDER)).first.click()
    treasurer.get_by_role("heading", name="Paiements de la commande").wait_for()
    assert treasurer.get_by_text("Remboursé ou contesté").first.is_visible()
    shoot(treasurer, "helloasso-order")

    # The member finds both receipts, the first marked cancelled.
    member = browser.new_context(locale="fr-FR").new_page()
    member.goto(site.url + "/compte/connexion/")
    member.get_by_role("textbox", name="Identifiant ou adresse e-mail").fill("camille")
    member.get_by_label("Mot de passe").fill(PASSWORD)
    member.get_by_role("button", name="Se connecter").click()
    member.goto(site.url + reverse("network:member_space"))
    receipts = member.locator("ul.receipts").first.inner_text()
    assert f"Reçu {first.receipt_number} : 30,00 €" in receipts and "annulé le" in receipts
    assert f"Reçu {second.receipt_number} : 30,00 €" in receipts
    shoot(member, "member-space")

    # A right missing on HelloAsso: said on the fees screens, not "try again later".
    fake.forbidden.add("/v5/orders/")
    status, body = notify(site, fake.payment_notification(ORDER, 91003))
    assert status == 503 and b"configuration" in body
    treasurer.goto(site.url + reverse("payments:index"))
    assert treasurer.get_by_text(re.compile("La clé API HelloAsso n'a pas le droit de lire les commandes")).is_visible()
    shoot(treasurer, "api-403-payments")
    treasurer.goto(site.url + reverse("fees_helloasso:index"))
    shoot(treasurer, "api-403-orders")
    fake.forbidden.clear()
    treasurer.get_by_role("button", name="Relire les commandes en attente").click()
    treasurer.get_by_text(re.compile("1 commande relue")).wait_for()
