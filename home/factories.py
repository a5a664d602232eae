import factory
import wagtail_factories

from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Parentescence"
    slug = factory.Sequence(lambda n: f"accueil-{n}")
    intro = "Accompagner les parents en période périnatale."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")
    intro = "Une page de l'association."
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "Les objectifs", "level": "h2"}),
            ("paragraph", "<p>Replacer le parent au centre de sa parentalité.</p>"),
        ]
    )


def site_with_home(locale=None, **kwargs):
    """A home page at the root of the default site, in place of Wagtail's welcome page."""
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    if locale is not None:
        kwargs["locale"] = locale
    home = HomePageFactory(parent=root, **kwargs)
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = home
    site.save()
    if welcome.pk != home.pk and welcome.specific_class is Page:
        welcome.delete()
    return home
