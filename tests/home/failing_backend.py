import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every recipient (and quotes them, as real ones do)."""

    def send_messages(self, email_messages):
        recipients = {address: (550, b"no such user") for m in email_messages for address in m.recipients()}
        raise smtplib.SMTPRecipientsRefused(recipients)
