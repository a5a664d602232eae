"""Factories for the vignette library (tests, demo content, benchmarks)."""

import datetime

import factory
from django.utils import timezone

from resources.content import publish_vignette  # noqa: F401 - a factory for tests and benchmarks too
from resources.models import Contribution, Event
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
