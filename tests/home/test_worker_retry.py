"""A failed e-mail is retried by the real django-q2 worker code, a bounded number of times.

The worker's own functions (the pusher's dequeue, worker, monitor) run in this process
against the ORM broker, as `manage.py qcluster` runs them in its processes; the scheduled
sweep is called as the cluster's scheduler calls it.
"""

from multiprocessing import Queue, Value

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.utils import timezone
from django_q.brokers.orm import ORM
from django_q.conf import Conf
from django_q.models import OrmQ, Schedule
from django_q.monitor import monitor
from django_q.signing import SignedPackage
from django_q.worker import worker

from home.mail import MAX_ATTEMPTS, sweep_outbox
from home.models import OutgoingEmail

pytestmark = pytest.mark.django_db

REFUSING = "tests.home.failing_backend.RefusingBackend"


@pytest.fixture
def broker(monkeypatch):
    monkeypatch.setattr(Conf, "SYNC", False)  # queue for real instead of running inline
    # The worker closes "old" database connections between tasks, as a long-running process
    # should; here that would close the test's own transaction (PostgreSQL).
    monkeypatch.setattr("django_q.worker.close_old_django_connections", lambda: None)
    monkeypatch.setattr("django_q.monitor.close_old_django_connections", lambda: None)
    broker = ORM(list_key=Conf.CLUSTER_NAME)
    monkeypatch.setattr("django_q.tasks.get_broker", lambda *args, **kwargs: broker)
    return broker


def work_once(broker):
    """One pass of the cluster: take what the broker hands out, run it, record results."""
    tasks, results = Queue(), Queue()
    for ack_id, payload in broker.dequeue() or []:
        task = SignedPackage.loads(payload)
        task["ack_id"] = ack_id
        tasks.put(task)
    tasks.put("STOP")
    worker(tasks, results, Value("f", -1))
    results.put("STOP")
    monitor(results, broker)


def time_passes():
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())


def test_the_sweep_is_scheduled():
    schedule = Schedule.objects.get(func="home.mail.sweep_outbox")
    assert schedule.schedule_type == Schedule.MINUTES and schedule.minutes == 5 and schedule.repeats == -1


def test_failed_email_is_kept_and_retried_until_delivered(broker, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_DELIVERY_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Accusé de réception", "Corps", None, ["candidate@example.org"])

    work_once(broker)  # the mail server refuses
    assert mail.outbox == []
    email = OutgoingEmail.objects.get()
    assert email.attempts == 1 and email.status == OutgoingEmail.Status.QUEUED
    assert OrmQ.objects.count() == 0  # the task itself is done; the outbox keeps the message

    assert sweep_outbox() == 0  # not due yet
    time_passes()
    assert sweep_outbox() == 1  # due: handed to the worker again
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    work_once(broker)  # the server is back
    assert [message.subject for message in mail.outbox] == ["Accusé de réception"]
    assert not OutgoingEmail.objects.exists()  # delivered: no copy kept


def test_retries_stop_after_max_attempts(broker, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_DELIVERY_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Objet", "Corps", None, ["candidate@example.org"])
    work_once(broker)
    for _attempt in range(MAX_ATTEMPTS - 1):
        time_passes()
        assert sweep_outbox() == 1
        work_once(broker)
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.FAILED and email.attempts == MAX_ATTEMPTS
    time_passes()
    assert sweep_outbox() == 0  # given up on


def test_failed_messages_are_forgotten_after_the_retention_period(settings):
    from datetime import timedelta

    from home.mail import FAILED_RETENTION

    old = OutgoingEmail.objects.create(message=b"", status=OutgoingEmail.Status.FAILED)
    recent = OutgoingEmail.objects.create(message=b"", status=OutgoingEmail.Status.FAILED)
    OutgoingEmail.objects.filter(pk=old.pk).update(updated_at=timezone.now() - FAILED_RETENTION - timedelta(days=1))
    sweep_outbox()
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [recent.pk]
