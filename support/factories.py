"""Factories for the family support programme's tests and benchmarks (fictional families)."""

import time

import factory
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.factories import UserFactory
from network.models import PartnerStructure
from support.models import Contact, DropInSession, Family, Referrer
from support.two_factor import VERIFIED_AT


class PartnerStructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerStructure
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"MDS de test {n}")
    kind = PartnerStructure.Kind.MDS
    postcode = "31300"
    commune = "Toulouse"


class ReferrerFactory(factory.django.DjangoModelFactory):
    """A referring professional with an account in the Referrers group."""

    class Meta:
        model = Referrer

    user = factory.SubFactory(UserFactory, groups=["Referrers"])
    institution = factory.SubFactory(PartnerStructureFactory)


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    referrer = factory.SubFactory(ReferrerFactory)
    institution = factory.LazyAttribute(lambda family: family.referrer.institution if family.referrer else PartnerStructureFactory())
    contact_name = factory.Faker("name", locale="fr_FR")
    phone = "06 12 34 56 78"
    address = "3 rue de l'Exemple, 31300 Toulouse"
    reason = Family.Reason.ISOLATION
    reason_note = "Maman isolée, bébé de deux mois."
    referred_at = factory.LazyFunction(timezone.now)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    family = factory.SubFactory(FamilyFactory)
    date = factory.LazyFunction(timezone.localdate)
    kind = Contact.Kind.HOME_VISIT
    with_whom = Contact.With.PARENT_BABY
    note = "Visite tranquille."


class DropInSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DropInSession

    date = factory.LazyFunction(timezone.localdate)
    start_time = "09:30"
    end_time = "12:00"
    place = factory.SubFactory(PartnerStructureFactory, name="Udaf 31", kind=PartnerStructure.Kind.UDAF)


def pass_second_factor(client, user):
    """Log `user` in on the test `client`, with a confirmed authenticator and the second factor
    passed in this session (the set-up itself is tested through its views)."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, defaults={"name": "app", "confirmed": True})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[VERIFIED_AT] = int(time.time())
    session.save()
    return client
