"""Factories for the vignette library (tests, demo content, benchmarks)."""

import datetime

import factory
from django.utils import timezone

from resources.models import Contribution, Event, VignettePage

SCENARIO = (
    "Mme B., 34 ans, attend son deuxième enfant. Depuis un déménagement récent, elle ne connaît "
    "personne dans son quartier et dit se sentir seule le soir, quand son compagnon travaille."
)


def library_site(home_page, network_page=None):
    """The library under the network page (or the home page), as the content build makes it."""
    from resources.content import build_library

    return build_library(network_page or home_page, log=lambda *args: None)


def publish_vignette(library, title="Une mère seule avant la naissance", scenario=SCENARIO, period="pregnancy",
                     questions=("Qu'auriez-vous proposé ?",), authors=(), themes=(), professions=(), attachments=()):
    """A published vignette (as after the anonymisation review)."""
    from resources.library import unique_slug

    page = VignettePage(
        title=title,
        slug=unique_slug(library, title),
        period=period,
        scenario=[("paragraph", text) for text in ([scenario] if isinstance(scenario, str) else scenario)],
        questions=[("question", question) for question in questions],
        attachments=[("document", document) for document in attachments],
    )
    page.authors = list(authors)
    page.themes = list(themes)
    page.author_professions = list(professions)
    library.add_child(instance=page)
    page.save_revision().publish(skip_permission_checks=True)
    return VignettePage.objects.get(pk=page.pk)


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
