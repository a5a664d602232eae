
import factory
import wagtail_factories

from network.models import CharterPage


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
