"""Every e-mail goes through the django-q2 worker, on transaction commit, with retries."""

import pytest
from django.core import mail
from django.core.mail import send_mail

from home import mail as queued_mail

pytestmark = pytest.mark.django_db


def test_mail_is_handed_to_the_worker_on_commit(monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(queued_mail, "async_task", lambda *args, **kwargs: queued.append((args, kwargs)))
    with django_capture_on_commit_callbacks() as callbacks:
        send_mail("Objet", "Corps", None, ["parent@example.org"])
    assert queued == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert len(queued) == 1
    (task, message), _options = queued[0]
    assert task == "home.mail.deliver_message"
    assert message.to == ["parent@example.org"]
    assert mail.outbox == []  # not sent in the request


def test_rolled_back_action_sends_nothing(monkeypatch, django_capture_on_commit_callbacks):
    from django.db import transaction

    queued = []
    monkeypatch.setattr(queued_mail, "async_task", lambda *args, **kwargs: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                send_mail("Objet", "Corps", None, ["parent@example.org"])
                raise RuntimeError("rollback")
    assert callbacks == [] and queued == []


def test_worker_delivers_with_the_real_backend(django_capture_on_commit_callbacks):
    # Test settings run django-q2 tasks synchronously, delivering to the locmem outbox.
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Bienvenue", "Corps", None, ["membre@example.org"])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Bienvenue"


def test_failed_delivery_raises_for_a_retry_without_personal_data(settings):
    settings.EMAIL_DELIVERY_BACKEND = "tests.home.failing_backend.RefusingBackend"
    message = mail.EmailMessage("Objet", "Corps", "from@example.org", ["parent@example.org"])
    with pytest.raises(queued_mail.DeliveryFailed) as error:
        queued_mail.deliver_message(message)
    assert "parent@example.org" not in str(error.value)
    assert "SMTPRecipientsRefused" in str(error.value)


def test_retry_settings_are_bounded(settings):
    q = settings.Q_CLUSTER
    assert q["retry"] > q["timeout"]
    assert 0 < q["max_attempts"] <= 10
    assert q["ack_failures"] is False  # failed tasks are handed out again
