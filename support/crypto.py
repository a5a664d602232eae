"""Encryption at rest of the families' identifying fields.

The keys come from SUPPORT_ENCRYPTION_KEYS, never from SECRET_KEY: a copy of the database (or
of the settings' SECRET_KEY) alone does not give a family's name. Fernet (AES-128-CBC with an
HMAC-SHA256) is authenticated, so a wrong key fails loudly instead of returning garbage.

Rotation: put a new key first in SUPPORT_ENCRYPTION_KEYS (the old one after it), run
`manage.py rotate_support_key` (every encrypted value is re-encrypted with the first key), then
remove the old key. See docs/privacy.md.
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


class DecryptionError(Exception):
    """A value cannot be decrypted with any configured key: the key is wrong or missing.
    Never silenced: showing an empty name would hide a lost key until it is too late."""


def _fernet():
    keys = list(settings.SUPPORT_ENCRYPTION_KEYS)
    if not keys:
        raise ImproperlyConfigured("SUPPORT_ENCRYPTION_KEYS is not set: the families' data cannot be read or written.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured("SUPPORT_ENCRYPTION_KEYS holds a value that is not a Fernet key.") from error


def encrypt(text):
    if text in (None, ""):
        return text
    return PREFIX + _fernet().encrypt(text.encode()).decode()


def decrypt(value):
    if value in (None, ""):
        return value
    if not value.startswith(PREFIX):
        raise DecryptionError("an encrypted field holds a value that was not encrypted")
    try:
        return _fernet().decrypt(value[len(PREFIX):].encode()).decode()
    except InvalidToken as error:
        raise DecryptionError(
            "cannot decrypt a family's data with SUPPORT_ENCRYPTION_KEYS: wrong or missing key"
        ) from error


class EncryptedTextField(models.TextField):
    """A text stored encrypted; Python code sees the clear text. It cannot be searched,
    filtered or sorted on in the database (by design: nothing looks families up by name).
    `max_length` limits the clear text (forms), not the stored column."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name not in {"isnull"}:
            return None  # an encrypted value matches nothing: refuse rather than mislead
        return super().get_lookup(lookup_name)


def encrypted_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]
