"""The library's place in the site, built once by `manage.py build_content`: the library page
under the professional network's page (French only: the vignettes are written in French), its
view restriction, its anonymisation workflow, the private collection for its documents."""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import PageViewRestriction, WorkflowPage

from accounts import roles
from resources import library

TITLE = "Bibliothèque des vignettes cliniques"
SLUG = "vignettes"
INTRO = (
    "Les vignettes cliniques travaillées en Intervision : des situations pratiques, anonymisées et "
    "construites comme des scénarios, chacune avec ses questions, et le regard que chaque "
    "professionnel·le du réseau y apporte depuis sa spécialité."
)


# The editable list starts with Toulouse's maternity wards and hospitals; the partner
# structures of the directory are checked as well.
IDENTIFYING_TERMS = [
    "CHU Purpan", "CHU Rangueil", "Hôpital Paule de Viguier", "Paule de Viguier", "Hôpital des Enfants",
    "Hôpital Joseph Ducuing", "Clinique Ambroise Paré", "Clinique Sarrus-Teinturiers",
]


SCENARIO = (
    "Mme B., 34 ans, attend son deuxième enfant. Depuis un déménagement récent, elle ne connaît "
    "personne dans son quartier et dit se sentir seule le soir, quand son compagnon travaille."
)


def restrict(page):
    """Members, editors and the commission; resources.access adds the membership's end date."""
    restriction = PageViewRestriction.objects.filter(page=page).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.set(Group.objects.filter(name__in=[roles.MEMBERS, roles.EDITORS, roles.COMMISSION]))
    return restriction


@transaction.atomic
def build_library(parent, log=print):
    from resources.models import VignetteLibraryPage

    page = VignetteLibraryPage.objects.first()
    if page is None:
        page = VignetteLibraryPage(title=TITLE, slug=SLUG, intro=INTRO, locale=parent.locale)
        parent.add_child(instance=page)
        page.save_revision().publish()
        log(f"  vignette library: {page.url_path}")
    restrict(page)
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": library.review_workflow()})
    library.vignettes_collection()
    from resources.models import IdentifyingTerm

    for name in IDENTIFYING_TERMS:
        IdentifyingTerm.objects.get_or_create(name=name)
    return page


def publish_vignette(library, title="Une mère seule avant la naissance", scenario=SCENARIO, period="pregnancy",
                     questions=("Qu'auriez-vous proposé ?",), authors=(), themes=(), professions=(), attachments=()):
    """A published vignette (as after the anonymisation review)."""
    from resources.library import neutral_slug
    from resources.models import VignettePage

    page = VignettePage(
        title=title,
        slug=neutral_slug(library),
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
