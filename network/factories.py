import secrets

import factory
import wagtail_factories
from django.utils import timezone

from network.models import Application, CharterPage, Profession


class CharterPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CharterPage

    title = "Charte des valeurs et postures"
    slug = "charte"
    version = "1"
    version_date = None
    values = factory.LazyFunction(lambda: [("entry", {"name": "Écoute", "definition": "Prêter attention."})])
    postures = factory.LazyFunction(lambda: [("entry", {"name": "Empathie", "definition": "Accueillir."})])
    commitment = "Le/la professionnel·le signataire s'engage à respecter cette charte."


class ProfessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profession
        django_get_or_create = ("name",)

    name = "Sage-femme"
    registration_label = "RPPS"


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application as the form creates it (not yet sent into review: see network.review.submit)."""

    class Meta:
        model = Application

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    profession = factory.LazyFunction(lambda: Profession.objects.get(name="Sage-femme"))
    registration_number = "10001234567"
    structure = "Cabinet libéral"
    commune = "Toulouse"
    postcode = "31000"
    home_visits = True
    languages = "français, espagnol"
    themes = "allaitement, sommeil"
    presentation = "Sage-femme libérale, j'accompagne les parents pendant la grossesse et après."
    email = factory.Sequence(lambda n: f"candidate{n}@example.org")
    phone = "0600000000"
    criterion_charter = "Je fais vivre la bienveillance et l'écoute au quotidien."
    criterion_practice = "Je participe à des groupes d'analyse de pratique."
    criterion_limits = "J'oriente vers une psychologue quand la demande dépasse ma pratique."
    criterion_involvement = "Je souhaite co-animer des ateliers parents-enfants."
    charter_version = "1"
    charter_accepted_at = factory.LazyFunction(timezone.now)
    live = False


def application_form_data(**overrides):
    """What an applicant types in the form (files apart)."""
    data = {
        "first_name": "Léa",
        "last_name": "Martin",
        "profession": str(Profession.objects.get(name="Sage-femme").pk),
        "registration_number": "10001234567",
        "structure": "Cabinet libéral",
        "commune": "Toulouse",
        "postcode": "31000",
        "home_visits": "on",
        "languages": "français",
        "themes": "allaitement",
        "presentation": "Sage-femme libérale à Toulouse.",
        "email": "lea.martin@example.org",
        "phone": "0611223344",
        "criterion_charter": "Réponse au critère 1.",
        "criterion_practice": "Réponse au critère 2.",
        "criterion_limits": "Réponse au critère 3.",
        "criterion_involvement": "Réponse au critère 4.",
        "accept_charter": "on",
        "consent": "on",
        "website": "",
        "submission_key": secrets.token_urlsafe(24),  # a new form each time
    }
    data.update(overrides)
    return data
