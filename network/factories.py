import secrets

import factory
import wagtail_factories
from django.utils import timezone

from network.models import Application, CharterPage, MemberProfilePage, Profession


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


def current_membership(user, today=None, **overrides):
    """A membership of `user` valid today (started a month ago)."""
    import datetime

    from network.models import Membership

    today = today or timezone.localdate()
    return Membership.objects.create(user=user, start_date=overrides.get("start_date", today - datetime.timedelta(days=30)))


class MemberProfilePageFactory(wagtail_factories.PageFactory):
    """A published profile of a member whose membership is current. Pass `parent` (the
    directory), and `themes=["allaitement"]`, `languages=["fr"]` to tag it;
    `membership=False` for a member without a current membership."""

    class Meta:
        model = MemberProfilePage
        skip_postgeneration_save = True

    title = factory.LazyAttribute(lambda page: page.member.get_full_name() if page.member else "Léa Martin")
    member = factory.SubFactory("accounts.factories.UserFactory", groups=["Members"], phone="0611223344")
    profession = factory.LazyFunction(lambda: Profession.objects.get(name="Sage-femme"))
    commune = "Toulouse"
    postcode = "31300"
    presentation = "J'accompagne les parents pendant la grossesse et après la naissance."
    member_since = factory.LazyFunction(timezone.localdate)
    live = True

    @factory.post_generation
    def membership(self, create, extracted, **kwargs):
        if create and extracted is not False and self.member is not None:
            current_membership(self.member)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        from network.models import Theme

        if create and extracted:
            self.themes.set(Theme.objects.filter(slug__in=extracted))

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        from network.models import Language

        if create and extracted:
            self.languages.set(Language.objects.filter(code__in=extracted))

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        if create:
            self.save()  # the tags above are in the search text
            if self.live:
                self.save_revision().publish(skip_permission_checks=True)
