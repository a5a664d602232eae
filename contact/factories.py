import factory
import wagtail_factories
from django.utils import timezone

from contact.models import ContactMessage, ContactPage


class ContactPageFactory(wagtail_factories.PageFactory):
    """The "Nous contacter" page; pass `parent` (a home page)."""

    class Meta:
        model = ContactPage

    title = "Nous contacter"
    slug = "nous-contacter"
    introduction = "<p>Écrivez-nous : une personne de l'équipe vous répondra.</p>"
    thank_you = "<p>Merci, votre message est bien arrivé.</p>"


class ContactMessageFactory(factory.django.DjangoModelFactory):
    """A message as the contact page stores it (nothing sent)."""

    class Meta:
        model = ContactMessage

    name = factory.Faker("name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"parent{n}@example.org")
    sender_kind = ContactMessage.SenderKind.PARENT
    message = "Bonjour, je cherche un groupe de parole pour jeunes parents près de chez moi."
    received_at = factory.LazyFunction(timezone.now)
