"""Every e-mail goes through the outbox and the django-q2 worker, on transaction commit."""

import pickle

import pytest
from django.core import mail
from django.core.mail import send_mail

from home import mail as outbox
from home.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def test_mail_is_stored_then_handed_to_the_worker_on_commit(monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(outbox, "async_task", lambda *args, **kwargs: queued.append(args))
    with django_capture_on_commit_callbacks() as callbacks:
        send_mail("Objet", "Corps", None, ["parent@example.org"])
    email = OutgoingEmail.objects.get()
    assert pickle.loads(email.message).to == ["parent@example.org"]
    assert queued == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert queued == [("home.mail.deliver_outgoing_email", email.pk)]
    assert mail.outbox == []  # not sent in the request


def test_rolled_back_action_sends_nothing(monkeypatch, django_capture_on_commit_callbacks):
    from django.db import transaction

    queued = []
    monkeypatch.setattr(outbox, "async_task", lambda *args, **kwargs: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                send_mail("Objet", "Corps", None, ["parent@example.org"])
                raise RuntimeError("rollback")
    assert callbacks == [] and queued == []
    assert not OutgoingEmail.objects.exists()


def test_worker_delivers_and_forgets_the_message(django_capture_on_commit_callbacks):
    # Test settings run django-q2 tasks synchronously, delivering to the locmem outbox.
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Bienvenue", "Corps", None, ["membre@example.org"])
    assert [message.subject for message in mail.outbox] == ["Bienvenue"]
    assert not OutgoingEmail.objects.exists()


def test_unreachable_broker_loses_nothing(monkeypatch, django_capture_on_commit_callbacks, caplog):
    def broker_down(*args, **kwargs):
        raise ConnectionError("redis://secret-host:6379 refused")

    monkeypatch.setattr(outbox, "async_task", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_mail("Objet", "Corps", None, ["parent@example.org"]) == 1  # the action succeeds
    assert OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED).count() == 1
    assert "parent@example.org" not in caplog.text and "ConnectionError" in caplog.text


def test_failed_delivery_is_recorded_without_personal_data(settings, caplog, django_capture_on_commit_callbacks):
    settings.EMAIL_DELIVERY_BACKEND = "tests.home.failing_backend.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Objet", "Corps", None, ["parent@example.org"])
    email = OutgoingEmail.objects.get()
    assert email.attempts == 1 and email.status == OutgoingEmail.Status.QUEUED
    assert email.last_error == "SMTPRecipientsRefused"
    assert email.next_attempt_at > email.created_at
    assert "parent@example.org" not in caplog.text


def test_messages_without_recipients_are_not_queued():
    assert send_mail("Objet", "Corps", None, []) == 0
    assert not OutgoingEmail.objects.exists()


def test_every_message_says_it_is_automatic_with_an_id_on_the_sites_domain(
    settings, django_capture_on_commit_callbacks
):
    """Message-ID on the site's domain (Django's default is the machine's name, "localhost"
    here), the same across a retry; Auto-Submitted so that auto-responders stay quiet."""
    settings.WAGTAILADMIN_BASE_URL = "https://parentescence.example"
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Objet", "Corps", None, ["parent@example.org"])
    [sent] = mail.outbox
    parsed = sent.message()
    assert parsed["Message-ID"].startswith("<") and parsed["Message-ID"].endswith("@parentescence.example>")
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["X-Auto-Response-Suppress"] == "All"
    # Stored with its id: a retry sends the same Message-ID (receivers drop the duplicate).
    with django_capture_on_commit_callbacks(execute=False):
        send_mail("Objet", "Corps", None, ["parent@example.org"])
    stored = pickle.loads(OutgoingEmail.objects.get().message)
    assert stored.message()["Message-ID"] == stored.message()["Message-ID"] != parsed["Message-ID"]
