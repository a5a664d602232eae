"""The library's place in the site, built once by `manage.py build_content`: the library page
under the professional network's page (French only: the vignettes are written in French), its
view restriction, its anonymisation workflow, the private collection for its documents."""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import PageViewRestriction, WorkflowPage

from accounts import roles
from network.models import PartnerStructure, Profession, Theme
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


# --- Workshop resources -----------------------------------------------------------------
# The first facilitation resources, from the association's own description of its two
# collective actions (discussion times between parents, parent–child workshops, mostly at
# the maison de quartier des arènes romaines) and from its charter. Editors complete them.

WORKSHOP_RESOURCES = [
    {
        "title": "Les temps d'échange entre parents",
        "slug": "temps-d-echange-entre-parents",
        "members_only": False,
        "action": "discussion",
        "format": "flyer",
        "period": "all",
        "participants": "parents",
        "summary": (
            "Pour les parents : des temps d'échange entre parents, pour partager son expérience, rompre "
            "l'isolement et libérer la parole, pendant la grossesse et après la naissance."
        ),
        "objectives": (
            "Favoriser le partage d'expériences entre parents.\n"
            "Rompre l'isolement que beaucoup de parents vivent au sortir de la maternité et pendant les congés "
            "maternité, paternité et parental.\n"
            "Libérer la parole sur les questionnements et les difficultés liés à la parentalité."
        ),
        "unfolding": [
            ("heading", "Où et avec qui"),
            ("paragraph", (
                "Les temps d'échange ont lieu principalement à la maison de quartier des arènes romaines, à "
                "Toulouse, ou au sein de structures d'accueil partenaires. Ils sont portés par des "
                "professionnel·les qualifié·es et formé·es à la périnatalité."
            )),
            ("heading", "Comment ça se passe"),
            ("paragraph", (
                "Des parents se retrouvent pour parler de ce qu'ils vivent, à leur rythme : on peut prendre "
                "la parole ou simplement écouter. L'accueil se fait dans la bienveillance, l'écoute et le "
                "respect de chacun·e, sans jugement."
            )),
            ("paragraph", "Les prochaines dates sont dans l'agenda du site."),
        ],
        "themes": ["difficultes-parentales", "post-partum"],
        "professions": [],
    },
    {
        "title": "Animer un temps d'échange entre parents",
        "slug": "animer-un-temps-d-echange-entre-parents",
        "members_only": True,
        "action": "discussion",
        "format": "guide",
        "period": "all",
        "participants": "parents",
        "summary": (
            "Fiche d'animation : préparer, ouvrir, faire vivre et clore un temps d'échange entre parents, "
            "dans l'esprit de la charte du réseau."
        ),
        "objectives": (
            "Favoriser le partage d'expériences, rompre l'isolement et libérer la parole.\n"
            "Replacer le parent au centre de sa parentalité et valoriser les compétences parentales.\n"
            "Accompagner les parents à porter une réflexion sur leur parentalité : les questionnements nés de "
            "ce changement, ses effets sur leur quotidien.\n"
            "Prévenir les difficultés parentales, et orienter si besoin vers un·e professionnel·le du réseau."
        ),
        "duration": 90,
        "group_size": "4 à 10 parents (à adapter au lieu)",
        "materials": (
            "Une salle calme, des chaises en cercle.\n"
            "De quoi boire pour les participant·es.\n"
            "Si des bébés accompagnent leurs parents : un tapis et quelques jeux.\n"
            "Les prochaines dates, et de quoi orienter : les professionnel·les du réseau, les structures du "
            "quartier (LAEP, PMI, centres sociaux, RPE)."
        ),
        "unfolding": [
            ("heading", "Avant la séance"),
            ("paragraph", (
                "Installer la salle. Entre co-animateur·rices, se répartir les rôles : qui accueille, qui "
                "veille au temps, qui relance les échanges."
            )),
            ("heading", "Accueil (environ 15 minutes)"),
            ("paragraph", (
                "Accueillir chacun·e personnellement, puis rappeler le cadre : ce qui se dit ici reste ici, "
                "chacun·e parle s'il ou elle le souhaite, on écoute sans juger."
            )),
            ("heading", "Échanges (environ 60 minutes)"),
            ("paragraph", (
                "Partir des questions et de l'expérience des parents plutôt que d'un exposé. Faire circuler "
                "la parole, relancer, souligner les recherches, les efforts et les essais que les parents "
                "mettent en place. L'animateur·rice n'apporte pas « la bonne réponse » : son éclairage "
                "professionnel vient en appui, adapté à chaque famille."
            )),
            ("heading", "Clôture (environ 15 minutes)"),
            ("paragraph", (
                "Un dernier tour de parole, les prochaines dates, et, pour qui le souhaite, un temps "
                "individuel après la séance ou une orientation vers un·e professionnel·le du réseau ou une "
                "structure proche de chez soi."
            )),
            ("heading", "Après la séance"),
            ("paragraph", (
                "Un court temps entre animateur·rices sur ce qui s'est passé, sans noter d'élément qui "
                "permettrait de reconnaître une famille."
            )),
        ],
        "vigilance": (
            "Devoir de discrétion : rien de ce qui permettrait de reconnaître une famille ne sort de la séance.\n"
            "Accueillir toutes les familles dans leurs différences (cultures, langues, modèle familial, "
            "handicap, situation sociale), sans jugement.\n"
            "Être attentif·ve aux signes de difficultés parentales ou maternelles (épuisement, isolement, "
            "tristesse qui dure) : proposer un temps individuel ou une orientation, sans dénigrer les "
            "compétences du parent.\n"
            "Quand une situation personnelle prend toute la place, proposer d'en reparler après la séance."
        ),
        "themes": ["difficultes-parentales", "post-partum"],
        "professions": ["Éducateur·rice de jeunes enfants"],
    },
    {
        "title": "Animer un atelier parents-enfants",
        "slug": "animer-un-atelier-parents-enfants",
        "members_only": True,
        "action": "workshop",
        "format": "guide",
        "period": "first_year",
        "participants": "parent_child",
        "summary": (
            "Fiche d'animation : un atelier parents-enfants pour développer et renforcer les liens "
            "d'attachement et revaloriser les compétences parentales."
        ),
        "objectives": (
            "Développer et renforcer les liens d'attachement entre les parents et leur enfant.\n"
            "Mettre en valeur les relations parents-enfants et revaloriser les compétences parentales.\n"
            "Offrir un moment partagé avec son enfant et avec d'autres familles, pour rompre l'isolement."
        ),
        "duration": 60,
        "group_size": "4 à 6 familles",
        "materials": (
            "Une salle calme et chauffée, des tapis et des coussins au sol.\n"
            "Quelques jeux et objets adaptés à l'âge des enfants, en bon état et faciles à nettoyer.\n"
            "Un coin pour changer et nourrir les bébés.\n"
            "De l'eau pour les parents."
        ),
        "unfolding": [
            ("heading", "Avant l'atelier"),
            ("paragraph", (
                "Installer l'espace au sol et vérifier sa sécurité (prises, petits objets). Préparer une "
                "proposition simple pour le temps partagé."
            )),
            ("heading", "Accueil (environ 10 minutes)"),
            ("paragraph", (
                "Accueillir chaque famille et laisser à l'enfant le temps de découvrir le lieu, dans les bras "
                "ou près de son parent. Rappeler le cadre : chacun·e à son rythme, sans jugement."
            )),
            ("heading", "Temps partagé (environ 40 minutes)"),
            ("paragraph", (
                "Une proposition à vivre entre le parent et son enfant : comptines, jeux d'éveil, temps de "
                "découverte libre. L'animateur·rice observe, met des mots sur ce qui se passe entre le parent "
                "et l'enfant et souligne ce que le parent fait déjà ; il ou elle propose, sans faire à la "
                "place du parent."
            )),
            ("heading", "Clôture (environ 10 minutes)"),
            ("paragraph", (
                "Un rituel de fin (une comptine), un mot de chaque parent sur le moment vécu, les prochaines "
                "dates ; une orientation si un parent le demande."
            )),
        ],
        "vigilance": (
            "Respect inconditionnel de l'enfant : de son rythme, de son consentement, de ses besoins (faim, "
            "sommeil, pleurs). L'atelier s'adapte à l'enfant, pas l'inverse.\n"
            "Le parent est la personne qui connaît le mieux son enfant : proposer, ne pas juger, ne pas faire "
            "à sa place.\n"
            "Sécurité : objets adaptés à l'âge, regard constant sur l'espace au sol.\n"
            "Être attentif·ve aux signes de difficultés dans le lien ou de difficultés maternelles : proposer "
            "un temps individuel ou une orientation vers un·e professionnel·le du réseau.\n"
            "Devoir de discrétion : rien de ce qui permettrait de reconnaître une famille ne sort de l'atelier."
        ),
        "themes": ["lien-attachement", "developpement"],
        "professions": ["Éducateur·rice de jeunes enfants"],
    },
]


@transaction.atomic
def build_workshop_resources(index_page, log=print):
    """The first facilitation resources under their index page, published, and the private
    collection for the members-only ones' documents. A resource already there (by its slug)
    is left as editors made it."""
    from resources.models import WorkshopResourcePage
    from resources.workshops import workshops_collection

    workshops_collection()
    existing = set(WorkshopResourcePage.objects.child_of(index_page).values_list("slug", flat=True))
    for spec in WORKSHOP_RESOURCES:
        if spec["slug"] in existing:
            continue
        fields = dict(spec)
        themes = fields.pop("themes")
        professions = fields.pop("professions")
        page = WorkshopResourcePage(locale=index_page.locale, **fields)
        page.themes = list(Theme.objects.filter(slug__in=themes))
        page.professions = list(Profession.objects.filter(name__in=professions))
        index_page.add_child(instance=page)
        page.save_revision().publish()
        log(f"  workshop resource: {page.url_path}")
    return list(WorkshopResourcePage.objects.child_of(index_page).order_by("path"))


MAIN_VENUE = "Maison de quartier des Arènes romaines"


def build_venues(log=print):
    """The association's main venue, tied to its partner structure (content build, once)."""
    from resources.models import Venue

    structure = PartnerStructure.objects.filter(name=MAIN_VENUE).first()
    venue, created = Venue.objects.get_or_create(
        name=MAIN_VENUE,
        defaults={
            "structure": structure,
            "postcode": structure.postcode if structure else "31300",
            "commune": structure.commune if structure else "Toulouse",
            "address": structure.address if structure else "",
        },
    )
    if created:
        log(f"  venue: {venue.name}")
    return venue


# --- Steps of the site's content build (home/hooks.py, CONTENT_BUILD) ------------------------

def venues_step(builder, site):
    """The places the association holds its actions at, once: the maison de quartier des
    Arènes romaines (editors add the partner structures' premises as needed)."""
    if builder.data.get("partner_structures") and builder.once("event-venues"):
        build_venues(log=builder.log)


def library_step(builder, site):
    """The members' vignette library, under the professional network's page, once."""
    if "network" in builder.built and builder.once("vignette-library"):
        build_library(builder.built["network"], log=builder.log)


def workshop_resources_step(builder, site):
    """The first facilitation resources, under their index page, once (a resource an editor
    deletes is not rebuilt)."""
    if "workshop-resources" in builder.built and builder.once("workshop-resources-content"):
        build_workshop_resources(builder.built["workshop-resources"], log=builder.log)

