"""Issue 8: the family's identifying fields are encrypted at rest with SUPPORT_ENCRYPTION_KEYS
(not SECRET_KEY); a wrong key fails loudly; rotating the key is a command."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from support.crypto import DecryptionError
from support.factories import ContactFactory, FamilyFactory
from support.models import Family

NAME = "Zélie Confidentielle"


def raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_the_database_holds_no_identifying_field_in_clear(db):
    family = FamilyFactory(contact_name=NAME, phone="06 98 76 54 32", email="zelie@example.org",
                           address="7 impasse Secrète, 31300 Toulouse", reason_note="Grande fatigue.")
    contact = ContactFactory(family=family, note="Bébé dort mal.")
    for column, clear in [("contact_name", NAME), ("phone", "06 98 76 54 32"), ("email", "zelie@example.org"),
                          ("address", "7 impasse Secrète"), ("reason_note", "Grande fatigue.")]:
        stored = raw("support_family", column, family.pk)
        assert stored.startswith("fernet:") and clear not in stored
    assert "Bébé dort mal" not in raw("support_contact", "note", contact.pk)
    assert Family.objects.get(pk=family.pk).contact_name == NAME


def test_the_sqlite_file_does_not_contain_the_name(db):
    """The whole database, as bytes: on SQLite, the file itself (its name never in clear)."""
    if connection.vendor != "sqlite":
        pytest.skip("the database file check is for SQLite; the column check above covers PostgreSQL")
    FamilyFactory(contact_name=NAME)
    connection.ensure_connection()
    content = connection.connection.serialize()  # the database file's bytes (Python 3.11+)
    assert NAME.encode() not in content and "Confidentielle".encode() not in content
    assert b"fernet:" in content


def test_the_key_is_not_derived_from_secret_key(settings, db):
    family = FamilyFactory(contact_name=NAME)
    settings.SECRET_KEY = "another-secret-key"
    assert Family.objects.get(pk=family.pk).contact_name == NAME
    settings.SUPPORT_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(DecryptionError):
        Family.objects.get(pk=family.pk)


def test_a_wrong_or_missing_key_fails_loudly(settings, db):
    family = FamilyFactory(contact_name=NAME)
    settings.SUPPORT_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(DecryptionError, match="wrong or missing key"):
        Family.objects.get(pk=family.pk)
    settings.SUPPORT_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        Family.objects.get(pk=family.pk)
    with pytest.raises(ImproperlyConfigured), transaction.atomic():
        FamilyFactory(contact_name="Autre")
    settings.SUPPORT_ENCRYPTION_KEYS = ["not-a-key"]
    with pytest.raises(ImproperlyConfigured):
        Family.objects.get(pk=family.pk)


def test_encrypted_fields_cannot_be_searched(db):
    FamilyFactory(contact_name=NAME)
    with pytest.raises(Exception):
        list(Family.objects.filter(contact_name__icontains="Zélie"))


def test_rotating_the_key(settings, db):
    old = settings.SUPPORT_ENCRYPTION_KEYS[0]
    family = FamilyFactory(contact_name=NAME)
    contact = ContactFactory(family=family, note="Note à garder.")
    before = raw("support_family", "contact_name", family.pk)
    new = Fernet.generate_key().decode()
    settings.SUPPORT_ENCRYPTION_KEYS = [new, old]
    call_command("rotate_support_key", stdout=open("/dev/null", "w"))
    assert raw("support_family", "contact_name", family.pk) != before
    settings.SUPPORT_ENCRYPTION_KEYS = [new]  # the old key removed: everything still reads
    assert Family.objects.get(pk=family.pk).contact_name == NAME
    assert family.contacts.get(pk=contact.pk).note == "Note à garder."
    settings.SUPPORT_ENCRYPTION_KEYS = [old]  # and the old key alone no longer does
    with pytest.raises(DecryptionError):
        Family.objects.get(pk=family.pk)


def test_rotation_without_the_old_key_changes_nothing(settings, db):
    family = FamilyFactory(contact_name=NAME)
    before = raw("support_family", "contact_name", family.pk)
    settings.SUPPORT_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(CommandError, match="keep the old key"):
        call_command("rotate_support_key")
    assert raw("support_family", "contact_name", family.pk) == before
