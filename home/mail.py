"""Every e-mail of the site goes through the django-q2 worker.

`QueuedEmailBackend` is Django's EMAIL_BACKEND: it does not talk to a mail server, it hands
each message to the worker once the surrounding transaction commits (a rolled-back action
sends nothing). The worker delivers it with EMAIL_DELIVERY_BACKEND; if the server is down
the task fails and django-q2 retries it (bounded by Q_CLUSTER["max_attempts"]).
This covers our own mails and Wagtail's (moderation notifications, password resets).
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django_q.tasks import async_task

logger = logging.getLogger(__name__)

DELIVERY_TASK = "home.mail.deliver_message"


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            # The connection is not picklable and belongs to this process.
            message.connection = None
            transaction.on_commit(partial(async_task, DELIVERY_TASK, message, q_options={"group": "email"}))
            count += 1
        return count


class DeliveryFailed(Exception):
    """The mail server refused or could not be reached; the worker will retry."""


def deliver_message(message):
    """Worker task: send one message with the real backend. Raises on failure so the
    worker records the failure and retries. Logs no address or content."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        sent = connection.send_messages([message])
    except Exception as error:
        # SMTP errors can quote addresses: record only the kind of failure.
        raise DeliveryFailed(type(error).__name__) from None
    logger.info("e-mail delivered (%d recipient(s))", len(message.recipients()))
    return sent


def forget_delivered(sender, task, **kwargs):
    """Once a message is delivered, drop the failure records of its earlier attempts:
    the worker's failure list then shows only mails still undelivered, and no copy of
    a delivered message stays in the database (its arguments hold the message)."""
    if task.get("success") and task.get("func") == DELIVERY_TASK:
        from django_q.models import Task

        Task.objects.filter(id=task["id"]).delete()
