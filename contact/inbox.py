"""The rules of the association's inbox: which professional a message may be about, what is
sent when a message arrives, and how long a handled message is kept.

Logs never hold a name, an address or a message: only ids and counts.
"""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from home.models import SiteSettings
from network.models import MemberProfilePage

logger = logging.getLogger(__name__)

ABOUT_PARAMETER = "au-sujet-de"
RATE_SCOPE = "contact"
RATE_LIMIT = 5  # messages per address per hour (home.ratelimit)
_PAGE_ID = re.compile(r"[1-9][0-9]{0,9}")


def listed_profile(value):
    """The live, public, listed profile whose page id is `value`, or None.

    Anything else (garbage, an absurd number, an unpublished, restricted or lapsed member's
    profile) gives None, and the caller ignores it: whether such a profile exists is never
    revealed, nor its name."""

    if not isinstance(value, str) or not _PAGE_ID.fullmatch(value) or int(value) > 2**31 - 1:
        return None
    profile = MemberProfilePage.objects.live().public().filter(pk=int(value)).first()
    if profile is None or not profile.is_listed():
        return None
    return profile


def retention():
    return timedelta(days=settings.CONTACT_MESSAGE_RETENTION_DAYS)


def retention_months():
    """The retention period as the visitor reads it, in months (12 for 365 days)."""
    return max(1, round(settings.CONTACT_MESSAGE_RETENTION_DAYS / 30.44))


def recipients(site):
    """Who receives the messages: the address in "Permanences et messages", else the site's
    public e-mail, else the address the site sends from."""
    from contact.models import ContactSettings

    if site is not None:
        address = ContactSettings.for_site(site).messages_recipient or SiteSettings.for_site(site).email
        if address:
            return [address]
    return [settings.DEFAULT_FROM_EMAIL]


@transaction.atomic
def receive(form, page, about, site):
    """Store the message, then queue (in the same transaction, through the outbox) the
    e-mail to the association and the acknowledgement to the sender."""
    message = form.save(commit=False)
    message.about = about
    message.language = page.locale.language_code
    message.save()
    notify_association(message, site)
    acknowledge(message)
    logger.info("contact message %s received", message.pk)
    return message


def notify_association(message, site):
    """The message itself, in French (the association's language), answered by replying."""
    admin_url = settings.WAGTAILADMIN_BASE_URL + reverse("contact_messages:inspect", args=[message.pk])
    with translation.override("fr"):
        body = render_to_string("contact/emails/new_message.txt", {"message": message, "admin_url": admin_url})
        subject = str(_("Nouveau message reçu sur le site (%(kind)s)")) % {"kind": message.get_sender_kind_display()}
    EmailMessage(subject, body, to=recipients(site), reply_to=[message.email]).send()


def acknowledge(message):
    """Tell the sender the message arrived, in the language of the page they used. It does not
    repeat the message: the form must not become a way to send any text to any address."""
    with translation.override(message.language):
        body = render_to_string("contact/emails/acknowledgement.txt", {"message": message, "months": retention_months()})
        subject = str(_("Parentescence a bien reçu votre message"))
    EmailMessage(subject, body, to=[message.email]).send()


def erase_handled(now=None):
    """Scheduled daily: erase the messages handled more than the retention period ago.
    A message nobody handled is never erased here, however old."""
    from contact.models import ContactMessage

    now = now or timezone.now()
    deleted, _detail = ContactMessage.objects.filter(
        status=ContactMessage.Status.HANDLED, handled_at__lt=now - retention()
    ).delete()
    if deleted:
        logger.info("contact: %s handled message(s) erased", deleted)
    return deleted
