"""Shared set-up for the HelloAsso tests: the fake API on loopback wired into the settings,
a member whose account e-mail is the payer's, notifications, and a receipt's text."""

import datetime
import io
import json

from django.utils import timezone
from pypdf import PdfReader

from fees.receipts import render_receipt_pdf

NOTIFY_URL = "/cotisation/helloasso/notification/"
PAYER_EMAIL = "camille.durand@example.org"
FORM_URL = "https://www.helloasso.com/associations/parentescence/adhesions/adhesion-au-reseau"


def configure(settings, fake):
    settings.HELLOASSO_API_URL = fake.url
    settings.HELLOASSO_CLIENT_ID = fake.client_id
    settings.HELLOASSO_CLIENT_SECRET = fake.client_secret
    settings.HELLOASSO_ORGANIZATION_SLUG = "parentescence"
    settings.HELLOASSO_FORM_URL = FORM_URL


def order_notification(order_id):
    from tests.fees.fake_helloasso import sample

    payload = sample("notification_order")
    payload["data"]["id"] = int(order_id)
    return payload


def post(client, payload):
    return client.post(NOTIFY_URL, data=json.dumps(payload), content_type="application/json")


def iso(day):
    """A HelloAsso date (Paris, with its offset) at 10:21 on `day`."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 21, 43)))
    return moment.isoformat()


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def receipt_text(payment):
    """The receipt's text as a PDF reader extracts it, with lines joined (the text wraps)."""
    payment.refresh_from_db()
    return " ".join(pdf_text(render_receipt_pdf(payment)).split())
