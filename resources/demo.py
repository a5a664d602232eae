"""Demo content of the vignette library (development only): two published vignettes with
members' views, an Intervision with its synthesis, a Prorencontre to come, and Marie
Membre's proposal waiting for the anonymisation review (two findings for the editor)."""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from network.models import Theme

VIGNETTES = [
    {
        "title": "Un retour à la maison qui isole",
        "period": "postpartum",
        "scenario": [
            "Mme A., 31 ans, a accouché il y a trois semaines de son premier enfant, après une césarienne en urgence. "
            "Le couple a emménagé dans la région quelques mois avant la naissance ; la famille élargie vit loin.",
            "Lors d'une visite, elle dit qu'elle « ne se reconnaît plus », pleure souvent le soir et n'ose pas sortir "
            "seule avec le bébé. Le bébé prend du poids ; l'allaitement est mixte. Son compagnon a repris le travail.",
        ],
        "questions": [
            "Qu'auriez-vous proposé, avec votre spécialité, à ce moment-là ?",
            "Vers qui, dans le réseau ou près de chez elle, l'auriez-vous orientée ?",
        ],
        "themes": ["post-partum", "lien-attachement"],
        "views": [
            ("nadia.benali", "Je lui aurais proposé une visite à domicile pour regarder l'allaitement mixte avec elle, "
                             "sans jugement, et l'aider à choisir ce qui lui convient."),
            ("membre", "Je serais attentive à ces pleurs du soir : un temps d'écoute, et l'invitation à un groupe de "
                       "parole de parents, pour rompre l'isolement."),
        ],
    },
    {
        "title": "Une grossesse après une perte",
        "period": "pregnancy",
        "scenario": [
            "M. et Mme D. attendent un enfant, deux ans après une mort fœtale in utero à sept mois de grossesse. "
            "Mme D. est suivie régulièrement ; elle demande des échographies supplémentaires et dort mal.",
            "M. D. dit qu'il « doit être fort pour deux » et ne parle pas du premier bébé.",
        ],
        "questions": ["Comment accompagner chacun des deux parents dans cette grossesse ?"],
        "themes": ["deuil-perinatal"],
        "views": [],
    },
]
PROPOSAL = {
    "title": "Une première consultation tendue",
    "period": "early_years",
    "scenario": "Léna, 18 mois, est amenée le 14 mars par sa mère qui trouve qu'elle « ne dort jamais ». "
                "La mère parle vite et regarde souvent son téléphone.",
    "questions": "Quelles hypothèses feriez-vous ?\nQue proposeriez-vous ?",
}


def user(username):

    return User.objects.filter(username=username).first()


@transaction.atomic
def create_demo_library():
    """Idempotent: does nothing once a vignette exists."""
    from resources import library
    from resources.content import publish_vignette
    from resources.models import Contribution, Event, VignettePage

    page = library.library_page()
    if page is None or VignettePage.objects.exists():
        return 0
    published = []
    for spec in VIGNETTES:
        authors = [u for u in (user("nadia.benali"),) if u]
        vignette = publish_vignette(
            page, title=spec["title"], period=spec["period"], scenario=spec["scenario"],
            questions=spec["questions"], authors=authors,
            themes=list(Theme.objects.filter(slug__in=spec["themes"])),
            professions=[library.author_profession(a) for a in authors if library.author_profession(a)],
        )
        for username, text in spec["views"]:
            author = user(username)
            if author is not None:
                Contribution.objects.create(vignette=vignette, author=author,
                                            profession=library.author_profession(author), text=text)
        published.append(vignette)
    now = timezone.now()
    evening = timezone.localtime(now).replace(hour=18, minute=30, second=0, microsecond=0)  # meetings at 18:30
    intervision = Event.objects.create(
        kind=Event.Kind.INTERVISION, audience=Event.Audience.MEMBERS, title="Intervision : l'isolement après la naissance",
        start=evening - datetime.timedelta(days=20), end=evening - datetime.timedelta(days=20, hours=-2),
        synthesis="Les regards se sont croisés sur l'isolement : l'écoute d'abord, puis l'orientation vers un "
                  "groupe de parole et, près de chez la famille, vers un lieu d'accueil enfants-parents.",
        synthesis_by=user("membre"), synthesis_updated_at=now,
    )
    intervision.vignettes.add(published[0])
    if user("membre"):
        intervision.facilitators.add(user("membre"))
    Event.objects.create(kind=Event.Kind.PRORENCONTRE, audience=Event.Audience.MEMBERS, title="Prorencontre : les métiers de la naissance",
                         start=evening + datetime.timedelta(days=40), end=evening + datetime.timedelta(days=40, hours=2))
    marie = user("membre")
    if marie is not None:
        library.propose(marie, {**PROPOSAL, "themes": Theme.objects.none()})
    return len(published)


DEMO_PARENTS = [
    ("Camille L.", 1, 1, "0-6m"), ("Inès B.", 1, 1, "6-12m"), ("Thomas R.", 2, 1, "0-6m"),
    ("Awa D.", 1, 1, "1-3y"), ("Sofia M.", 1, 0, "pregnancy"),
]


def create_demo_events():
    """Demo events (development only): a series of discussion times, a parent–child
    workshop that is full with one family waiting, a past workshop with its attendance (for
    the annual report), Marie Membre registered to the Prorencontre and present at the
    Intervision, a commission meeting. Made once."""
    from resources import events, registrations
    from resources.content import build_venues
    from resources.models import Event, EventSeries, Registration

    if Event.objects.filter(kind__in=Event.FAMILY_KINDS).exists():
        return 0
    venue = build_venues(log=lambda *args: None)
    marie = user("membre")
    today = timezone.localdate()

    def at(days, hour, minute=0):
        day = today + datetime.timedelta(days=days)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    with transaction.atomic():
        next_tuesday = (1 - today.weekday()) % 7 or 7
        discussion = Event.objects.create(
            kind=Event.Kind.DISCUSSION, audience=Event.Audience.PUBLIC, venue=venue, capacity=12,
            title="Temps d'échange entre parents : devenir parents",
            description="Un temps pour partager son expérience avec d'autres parents, rompre l'isolement et "
                        "libérer la parole, accompagné par deux professionnelles du réseau. Les bébés sont les "
                        "bienvenus.",
            start=at(next_tuesday, 10), end=at(next_tuesday, 11, 30),
        )
        if marie is not None:
            discussion.facilitators.add(marie)
        events.repeat(discussion, EventSeries.Frequency.FORTNIGHTLY, 4)
        workshop = Event.objects.create(
            kind=Event.Kind.WORKSHOP, audience=Event.Audience.PUBLIC, venue=venue, capacity=6,
            title="Atelier parents-enfants : jeux et comptines",
            description="Jouer, chanter, se regarder : un atelier pour renforcer le lien avec son tout-petit "
                        "(0–3 ans) et reprendre confiance dans ses compétences de parent.",
            start=at(10, 9, 30), end=at(10, 11),
        )
        if marie is not None:
            workshop.facilitators.add(marie)
        for number, (name, adults, children, band) in enumerate(DEMO_PARENTS[:4], start=1):
            registrations.register(workshop, name=name, email=f"parent{number}@example.org", adults=adults,
                                   children=children, child_age_band=band, language="fr")
        past = Event.objects.create(
            kind=Event.Kind.WORKSHOP, audience=Event.Audience.PUBLIC, venue=venue, capacity=10,
            title="Atelier parents-enfants : massage bébé", start=at(-12, 9, 30), end=at(-12, 11),
            walk_in_adults=1, walk_in_children=1,
        )
        for number, (name, adults, children, band) in enumerate(DEMO_PARENTS, start=1):
            Registration.objects.create(
                event=past, name=name, email=f"ancien{number}@example.org", adults=adults, children=children,
                child_age_band=band, status=Registration.Status.CONFIRMED, position=number,
                attended=number != 5, secret=secrets.token_hex(16),
            )
        Event.objects.create(
            kind=Event.Kind.COMMISSION, audience=Event.Audience.COMMISSION, registration_open=False,
            title="Réunion de la commission", start=at(15, 18), end=at(15, 20),
        )
        if marie is not None:
            prorencontre = Event.objects.filter(kind=Event.Kind.PRORENCONTRE).order_by("start").first()
            if prorencontre is not None:
                registrations.register(prorencontre, name="", user=marie)
            intervision = Event.objects.filter(kind=Event.Kind.INTERVISION).order_by("start").first()
            if intervision is not None:
                Registration.objects.create(
                    event=intervision, user=marie, status=Registration.Status.CONFIRMED, attended=True,
                    position=1, secret=secrets.token_hex(16),
                )
    return Event.objects.filter(kind__in=Event.FAMILY_KINDS).count()
