"""Every e-mail of the site goes out through an outbox emptied by the django-q2 worker.

`QueuedEmailBackend` is Django's EMAIL_BACKEND. It never talks to a mail server: it stores
each message in the outbox (`OutgoingEmail`) inside the current transaction, so a message
exists exactly when the action that wrote it was saved, and asks the worker to deliver it
once the transaction commits. The worker sends it with EMAIL_DELIVERY_BACKEND.

When the server refuses or cannot be reached, the message stays in the outbox and is tried
again later, with a growing delay, at most MAX_ATTEMPTS times; a scheduled sweep
(`sweep_outbox`, every few minutes) hands due messages to the worker again. The retry does
not depend on the broker (the Redis broker never redelivers a failed task), and a message
whose hand-off to the broker failed is still sent by the next sweep.
A delivered message is deleted at once; one that failed for good is kept for
FAILED_RETENTION so the team can see it, then deleted. Logs never contain an address or a
message, only outbox ids and the kind of failure.
This covers our own mails and Wagtail's (moderation notifications, password resets).
Each text-only message gets its HTML part here, once for all, in the language it is being
written in (home/mail_html.py).
"""

import logging
import pickle
from datetime import timedelta
from email.utils import make_msgid
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_q.tasks import async_task

from home.mail_html import with_html_alternative

logger = logging.getLogger(__name__)

DELIVERY_TASK = "home.mail.deliver_outgoing_email"
MAX_ATTEMPTS = 6
RETRY_DELAYS = [timedelta(minutes=m) for m in (2, 10, 30, 120, 360)]  # after attempts 1…5
FAILED_RETENTION = timedelta(days=30)


def enqueue_delivery(email_id):
    """Hand one outbox message to the worker. A broker failure is logged, not raised: the
    message is safe in the outbox and the next sweep will hand it over again."""
    try:
        async_task(DELIVERY_TASK, email_id, q_options={"group": "email"})
    except Exception as error:  # noqa: BLE001 - any broker failure
        logger.warning("outbox %s: could not reach the worker's broker (%s)", email_id, type(error).__name__)


def message_id_domain():
    """The site's own domain, for Message-ID (Django would use the machine's name, often
    "localhost", which spam filters hold against a message)."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def mark_automatic(message):
    """Headers every message of the site carries: a Message-ID on the site's domain, kept
    across retries, and Auto-Submitted (RFC 3834), so that out-of-office replies and
    auto-responders leave it alone."""
    message.extra_headers.setdefault("Message-ID", make_msgid(domain=message_id_domain()))
    message.extra_headers.setdefault("Auto-Submitted", "auto-generated")
    message.extra_headers.setdefault("X-Auto-Response-Suppress", "All")


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from home.models import OutgoingEmail

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            mark_automatic(message)
            message = with_html_alternative(message)
            message.connection = None  # not picklable, and belongs to this process
            email = OutgoingEmail.objects.create(message=pickle.dumps(message))
            transaction.on_commit(partial(enqueue_delivery, email.pk), robust=True)
            count += 1
        return count


def send_to_user(user, template, context, subject, subject_params=None, attachments=()):
    """E-mail `user` in their preferred language: the subject (a lazy string, formatted with
    `subject_params`) and the body (`template`, given `user` and `context`) are translated
    inside it. Goes through the outbox like every message. False when the person has no
    account or no address any more."""
    if user is None or not user.email:
        return False
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        body = render_to_string(template, {"user": user, **context})
        message = EmailMessage(str(subject) % (subject_params or {}), body, to=[user.email])
        for attachment in attachments:
            message.attach(*attachment)
        message.send()
    return True


def deliver_outgoing_email(email_id):
    """Worker task: send one outbox message, or schedule its next attempt."""
    from home.models import OutgoingEmail

    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != OutgoingEmail.Status.QUEUED:
            return "nothing to do"  # already delivered, or given up on
        message = pickle.loads(email.message)
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
        try:
            connection.send_messages([message])
        except Exception as error:  # noqa: BLE001 - any delivery failure is retried
            # SMTP errors can quote addresses: record only the kind of failure.
            email.record_failure(type(error).__name__)
            logger.warning("outbox %s: attempt %s failed (%s)", email.pk, email.attempts, email.last_error)
            return "failed"
        email.delete()
    logger.info("outbox %s: delivered", email_id)
    return "delivered"


def sweep_outbox():
    """Scheduled task: hand due messages to the worker again; forget old failures."""
    from home.models import OutgoingEmail

    now = timezone.now()
    OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED, updated_at__lt=now - FAILED_RETENTION).delete()
    due = list(
        OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED, next_attempt_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    for email_id in due:
        enqueue_delivery(email_id)
    return len(due)
