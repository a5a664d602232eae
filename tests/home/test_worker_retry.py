"""A failed e-mail is retried by the real django-q2 worker code, a bounded number of times.

The worker's own functions (pusher's dequeue, worker, monitor) run in this process against
the ORM broker, as `manage.py qcluster` runs them in its processes.
"""

from datetime import timedelta
from multiprocessing import Queue, Value

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.utils import timezone
from django_q.brokers.orm import ORM
from django_q.conf import Conf
from django_q.models import OrmQ, Task
from django_q.monitor import monitor
from django_q.signing import SignedPackage
from django_q.worker import worker

pytestmark = pytest.mark.django_db

REFUSING = "tests.home.failing_backend.RefusingBackend"


@pytest.fixture
def broker(monkeypatch, settings):
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
    """The broker hands an unacknowledged task out again once its lock (`retry`) expires."""
    OrmQ.objects.update(lock=timezone.now() - timedelta(seconds=1))


def test_failed_email_is_kept_and_retried_until_delivered(broker, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_DELIVERY_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Accusé de réception", "Corps", None, ["candidate@example.org"])
    assert OrmQ.objects.count() == 1

    work_once(broker)  # the mail server refuses
    assert mail.outbox == []
    failed = Task.objects.get()
    assert not failed.success and failed.attempt_count == 1
    assert "candidate@example.org" not in str(failed.result)
    assert OrmQ.objects.count() == 1  # still queued…
    assert broker.queue_size() == 0  # …but locked until `retry` seconds have passed

    time_passes()
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    work_once(broker)  # the server is back
    assert [message.subject for message in mail.outbox] == ["Accusé de réception"]
    assert OrmQ.objects.count() == 0
    assert not Task.objects.exists()  # delivered: no failure record, no copy of the message


def test_retries_stop_after_max_attempts(broker, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_DELIVERY_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Objet", "Corps", None, ["candidate@example.org"])
    for _attempt in range(Conf.MAX_ATTEMPTS):
        assert OrmQ.objects.count() == 1
        work_once(broker)
        time_passes()
    assert OrmQ.objects.count() == 0
    assert Task.objects.get().attempt_count == Conf.MAX_ATTEMPTS
