"""Applying through the "Rejoindre le réseau" page: what is stored, what is said."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from network.factories import application_form_data
from network.models import Application, ApplicationDocument

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def post(client, network_site, profession, django_capture_on_commit_callbacks):
    def send(data, files=None):
        payload = dict(data)
        if files:
            payload["documents"] = files
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(network_site["join"].url, payload)

    return send


def test_the_form_is_shown_with_the_four_criteria_and_the_charter(client, network_site, profession):
    content = client.get(network_site["join"].url).content.decode()
    assert "Les quatre critères de la commission" in content
    assert "Interroger sa pratique" in content
    assert escape("J'ai lu la charte des valeurs et postures") in content
    assert network_site["charter"].url in content
    assert "Nous conservons ces informations douze mois." in content  # the consent text


def test_a_complete_application_is_stored_sent_into_review_and_acknowledged(client, post, network_site):
    response = post(application_form_data(), files=[SimpleUploadedFile("diplome.pdf", PDF, "application/pdf")])
    assert response.status_code == 302 and response["Location"].endswith("?envoyee=1")
    application = Application.objects.get()
    assert application.status == Application.Status.IN_REVIEW and application.workflow_in_progress
    assert application.charter_version == network_site["charter"].version
    assert application.charter_accepted_at is not None
    document = ApplicationDocument.objects.get()
    assert document.content_type == "application/pdf" and document.original_name == "diplome.pdf"
    assert [message.to for message in mail.outbox] == [["lea.martin@example.org"]]
    assert "bien reçu" in mail.outbox[0].body
    thanks = client.get(response["Location"])
    assert "Merci, votre candidature est envoyée." in thanks.content.decode()


def test_a_double_submission_makes_one_application(post):
    data = application_form_data()
    post(data)
    post(data)  # the same form, sent again
    assert Application.objects.count() == 1
    assert len(mail.outbox) == 1


def test_two_forms_make_two_applications(post):
    post(application_form_data())
    post(application_form_data(email="lea.martin@example.org"))  # she applies again, new form
    assert Application.objects.count() == 2


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"accept_charter": ""}, "il faut accepter la charte"),
        ({"consent": ""}, "sans votre accord"),
        ({"postcode": "310"}, "Cinq chiffres"),
        ({"registration_number": ""}, "Indiquez votre numéro RPPS"),
        ({"criterion_limits": ""}, "Champ requis."),
        ({"website": "http://spam.example"}, "Ce champ doit rester vide"),
    ],
)
def test_bad_input_keeps_what_was_typed_and_stores_nothing(post, overrides, message):
    data = application_form_data(**overrides)
    response = post(data)
    content = response.content.decode()
    assert response.status_code == 200
    assert escape(message) in content or message in content
    assert 'value="Léa"' in content and "Réponse au critère 1." in content
    assert not Application.objects.exists() and mail.outbox == []


def test_documents_are_checked_by_content_and_size(post, monkeypatch):
    disguised = SimpleUploadedFile("diplome.pdf", b"MZ\x90\x00 this is a program", "application/pdf")
    response = post(application_form_data(), files=[disguised])
    assert "n&#x27;est pas un PDF, un JPEG ou un PNG" in response.content.decode()
    assert "Les pièces jointes doivent être choisies à nouveau." in response.content.decode()
    assert not Application.objects.exists()

    monkeypatch.setattr("network.forms.MAX_FILE_SIZE", 100)
    large = SimpleUploadedFile("scan.png", png_bytes() + b"\0" * 200, "image/png")
    response = post(application_form_data(), files=[large])
    assert "dépasse" in response.content.decode()
    assert not Application.objects.exists()


def test_at_most_three_documents(post):
    files = [SimpleUploadedFile(f"d{n}.pdf", PDF, "application/pdf") for n in range(4)]
    response = post(application_form_data(), files=files)
    assert "Trois fichiers au plus." in response.content.decode()
    assert not Application.objects.exists()


def test_documents_are_stored_privately(post, settings):
    from pathlib import Path

    post(application_form_data(), files=[SimpleUploadedFile("photo.png", png_bytes(), "image/png")])
    document = ApplicationDocument.objects.get()
    assert Path(settings.PRIVATE_MEDIA_ROOT) in Path(document.file.path).parents
    assert document.content_type == "image/png"


def test_too_many_applications_from_one_address_are_refused_politely(post, monkeypatch):
    monkeypatch.setattr("network.models.join.JOIN_RATE_LIMIT", 1)
    post(application_form_data())
    response = post(application_form_data(email="autre@example.org"))
    assert response.status_code == 429
    content = response.content.decode()
    assert "réessayer dans une heure" in content and 'value="autre@example.org"' in content
    assert Application.objects.count() == 1


def test_the_thank_you_page_needs_a_sent_application(client, network_site):
    response = client.get(network_site["join"].url + "?envoyee=1")
    assert "Merci, votre candidature est envoyée." not in response.content.decode()


def test_mail_server_down_keeps_the_application(post, settings):
    from home.models import OutgoingEmail

    settings.EMAIL_DELIVERY_BACKEND = "tests.home.failing_backend.RefusingBackend"
    response = post(application_form_data())
    assert response.status_code == 302
    assert Application.objects.count() == 1
    email = OutgoingEmail.objects.get()
    assert email.attempts == 1 and email.status == OutgoingEmail.Status.QUEUED  # the worker will retry
