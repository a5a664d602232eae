"""Factories for the vignette library (tests, demo content, benchmarks)."""

import datetime
import secrets

import factory
from django.utils import timezone

from resources.content import publish_vignette  # noqa: F401 - a factory for tests and benchmarks too
from resources.models import Contribution, Event, Registration, Venue
from resources.events import default_audience


def library_site(home_page, network_page=None):
    """The library under the network page (or the home page), as the content build makes it."""
    from resources.content import build_library

    return build_library(network_page or home_page, log=lambda *args: None)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    author = factory.SubFactory("accounts.factories.UserFactory", groups=["Members"])
    text = "J'aurais proposé une visite à domicile et un lien avec un groupe de parole."


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = Event.Kind.INTERVISION
    title = "Intervision de printemps"
    start = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    audience = factory.LazyAttribute(lambda event: default_audience(event.kind))


def calendar_site(home_page):
    """The calendar ("Agenda") under the home page, as the content build makes it."""
    from resources.models import EventCalendarPage

    page = EventCalendarPage(title="Agenda", slug="agenda")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = "Maison de quartier des arènes romaines"
    address = "Place Guy Hersant"
    postcode = "31300"
    commune = "Toulouse"


class WorkshopFactory(EventFactory):
    """A parent–child workshop, public, in a week, with places."""

    kind = Event.Kind.WORKSHOP
    title = "Atelier portage et massage bébé"
    description = "Un moment pour découvrir le portage et le massage, avec son bébé."
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    venue = factory.SubFactory(VenueFactory)
    capacity = 10


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A parent's confirmed registration (no account)."""

    class Meta:
        model = Registration

    event = factory.SubFactory(WorkshopFactory)
    name = "Claire Parent"
    email = factory.Sequence(lambda n: f"parent{n}@example.org")
    adults = 1
    children = 1
    child_age_band = Registration.AgeBand.UNDER_6M
    status = Registration.Status.CONFIRMED
    position = factory.Sequence(lambda n: n + 1)
    secret = factory.LazyFunction(lambda: secrets.token_hex(16))
