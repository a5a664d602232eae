"""Demo and benchmark members: real-looking people, never real ones (development only)."""

import datetime
import random

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts import roles
from accounts.models import User

# Communes around Toulouse (postcode, commune), where the network's members practise.
AREA = [
    ("31000", "Toulouse"), ("31100", "Toulouse"), ("31200", "Toulouse"), ("31300", "Toulouse"),
    ("31400", "Toulouse"), ("31500", "Toulouse"), ("31700", "Blagnac"), ("31770", "Colomiers"),
    ("31120", "Portet-sur-Garonne"), ("31600", "Muret"), ("31130", "Balma"), ("31140", "Aucamville"),
    ("31170", "Tournefeuille"), ("31240", "L'Union"), ("31320", "Castanet-Tolosan"), ("31520", "Ramonville-Saint-Agne"),
    ("31830", "Plaisance-du-Touch"), ("31150", "Fenouillet"), ("31650", "Saint-Orens-de-Gameville"),
    ("31270", "Cugnaux"), ("31490", "Léguevin"), ("31860", "Pins-Justaret"), ("31880", "La Salvetat-Saint-Gilles"),
    ("31380", "Montastruc-la-Conseillère"), ("31250", "Revel"), ("31800", "Saint-Gaudens"), ("82000", "Montauban"),
    ("81000", "Albi"), ("32000", "Auch"), ("09100", "Pamiers"),
]
PRESENTATIONS = [
    "J'accompagne les parents pendant la grossesse et après la naissance, au cabinet ou à domicile.",
    "Je reçois les familles dans un cadre bienveillant, pour soutenir le lien avec le tout-petit.",
    "Mon approche s'appuie sur l'écoute et le respect du rythme de chaque famille.",
    "Je travaille en lien avec les autres professionnel·les du réseau pour orienter au mieux les parents.",
    "Consultations individuelles, ateliers collectifs et accompagnement des premiers mois.",
]


# The demo members' addresses (a reserved top-level domain: nothing is ever delivered).
DEMO_EMAIL_DOMAIN = "@demo.parentescence.invalid"

def make_member(index, *, first_name, last_name, profession, postcode, commune, themes=(), languages=("fr",),
                username=None, password=None, phone="", show_phone=False, membership_start=None, publish=True,
                **fields):
    """A member with a current membership, the charter signed and a published profile."""
    from network.charter import required_version
    from network.directory import unique_slug
    from network.models import CharterSignature, Language, MemberProfilePage, Membership, Profession, Theme
    from network.models.membership import one_year_from

    start = membership_start or timezone.localdate() - datetime.timedelta(days=60)
    user = User(
        username=username or f"{slugify(first_name)}.{slugify(last_name)}",
        first_name=first_name,
        last_name=last_name,
        email=f"{slugify(first_name)}.{slugify(last_name)}{DEMO_EMAIL_DOMAIN}",
        phone=phone,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=roles.MEMBERS))
    # A paid year; the fees app records its payment, with a receipt (fees.demo, DEMO_DATA 15).
    Membership.objects.create(user=user, start_date=start, end_date=one_year_from(start), source=Membership.Source.PAYMENT)
    version = required_version()
    if version:
        CharterSignature.objects.create(user=user, charter_version=version, signed_at=timezone.now())
    profile = MemberProfilePage(
        title=f"{first_name} {last_name}",
        slug=unique_slug(index, f"{first_name}-{last_name}"),
        member=user,
        profession=Profession.objects.get(name=profession),
        postcode=postcode,
        commune=commune,
        show_phone=show_phone,
        member_since=start,
        **fields,
    )
    profile.themes = list(Theme.objects.filter(slug__in=themes))
    profile.languages = list(Language.objects.filter(code__in=languages))
    index.add_child(instance=profile)
    if publish:
        profile.save_revision().publish(skip_permission_checks=True)
    return user, profile


DEMO_MEMBERS = [
    # The member who logs in (demo account "membre"), and the lactation consultant a parent
    # looking for help with breastfeeding near 31300 finds.
    dict(first_name="Marie", last_name="Membre", username="membre", profession="Sage-femme", postcode="31300",
         commune="Toulouse", themes=["grossesse", "post-partum", "allaitement"], languages=["fr", "es"],
         phone="06 12 34 56 78", show_phone=True, home_visits=True, fee_conventionne=True,
         structure="Cabinet de sages-femmes",
         presentation="Sage-femme libérale, j'accompagne la grossesse, la préparation à la naissance et les premières semaines."),
    dict(first_name="Nadia", last_name="Benali", profession="Consultant·e en lactation IBCLC", postcode="31300",
         commune="Toulouse", themes=["allaitement", "pleurs", "sommeil"], languages=["fr", "ar", "en"],
         home_visits=True, video_consultation=True, fee_fixed=True, fee_sliding_scale=True,
         fee_details="Première consultation 60 €, tarif adapté sur demande.",
         presentation="Consultante en lactation IBCLC, je soutiens l'allaitement à domicile et en visio."),
    dict(first_name="Samuel", last_name="Ortiz", profession="Psychologue", postcode="31770", commune="Colomiers",
         themes=["deuil-perinatal", "difficultes-parentales", "post-partum"], languages=["fr", "es"], accessible=True,
         fee_sliding_scale=True, presentation="Psychologue clinicien, j'accompagne les parents dans les moments difficiles de la périnatalité."),
    dict(first_name="Camille", last_name="Faure", profession="Ostéopathe", postcode="31700", commune="Blagnac",
         started_days_ago=350,  # the membership ends soon: the treasurer sees reminders due
         themes=["pleurs", "sommeil", "grossesse"], languages=["fr"], fee_fixed=True, accessible=True,
         presentation="Ostéopathe, je reçois les femmes enceintes et les nourrissons."),
    dict(first_name="Inès", last_name="Moreau", profession="Psychomotricien·ne", postcode="31200", commune="Toulouse",
         themes=["developpement", "prematurite", "lien-attachement"], languages=["fr", "lsf"], home_visits=True,
         presentation="Psychomotricienne, j'accompagne le développement des tout-petits, notamment nés prématurément."),
    dict(first_name="Lucie", last_name="Garnier", profession="Éducateur·rice de jeunes enfants", postcode="31400",
         commune="Toulouse", themes=["lien-attachement", "difficultes-parentales", "sommeil"], languages=["fr", "oc"],
         home_visits=True, fee_sliding_scale=True,
         presentation="Éducatrice de jeunes enfants, je co-anime les ateliers parents-enfants de l'association."),
]


@transaction.atomic
def create_demo_members(password):
    """The demo directory (idempotent: nothing is created twice)."""
    from network.directory import directory_index

    index = directory_index()
    if index is None:
        return 0
    created = 0
    for spec in DEMO_MEMBERS:
        spec = dict(spec)
        if "started_days_ago" in spec:
            spec["membership_start"] = timezone.localdate() - datetime.timedelta(days=spec.pop("started_days_ago"))
        username = spec.pop("username", None) or f"{slugify(spec['first_name'])}.{slugify(spec['last_name'])}"
        existing = User.objects.filter(username=username).first()
        if existing is not None and existing.profile_pages.exists():
            continue
        if existing is not None:
            existing.delete()  # an account without its profile, from an older demo: made again
        make_member(index, username=username, password=password if username == "membre" else None, **spec)
        created += 1
    return created


def generate_members(count, seed=1, batch=1000):
    """`count` fake members spread around Toulouse, for benchmarks and the query-count test.

    Fast rather than faithful to the editing path: rows are inserted in bulk (pages without
    revisions, outside Wagtail's search and reference indexes), about 1,000 members a second.
    Never for real data."""
    from django.contrib.contenttypes.models import ContentType
    from faker import Faker
    from wagtail.models import Page

    from network import postcodes
    from network.directory import directory_index
    from network.models import Language, MemberProfilePage, Membership, Profession, Theme
    from network.models.directory import normalise, profile_search_text

    rng = random.Random(seed)
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    index = directory_index()
    professions = list(Profession.objects.all())
    themes = list(Theme.objects.prefetch_related("professions"))
    answering = {p.pk: [t for t in themes if p in t.professions.all()] or themes for p in professions}
    languages = list(Language.objects.exclude(code="fr"))
    french = Language.objects.get(code="fr")
    members_group = Group.objects.get(name=roles.MEMBERS)
    content_type = ContentType.objects.get_for_model(MemberProfilePage)
    today, now = timezone.localdate(), timezone.now()
    # Not index.get_children(): treebeard answers from the (possibly stale) numchild.
    children = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
    last = children.order_by("-path").first()
    step = last._get_lastpos_in_path() if last else 0
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    profile_fields = MemberProfilePage._meta.local_concrete_fields
    themes_through = MemberProfilePage.themes.through
    languages_through = MemberProfilePage.languages.through
    done = 0
    while done < count:
        size = min(batch, count - done)
        with transaction.atomic():
            prefix = f"bench-{seed}-"
            User.objects.bulk_create(
                User(
                    username=f"{prefix}{done + n}",
                    first_name=fake.first_name(),
                    last_name=fake.last_name(),
                    email=f"{prefix}{done + n}@example.invalid",
                    password="!",
                )
                for n in range(size)
            )
            users = list(User.objects.filter(username__in=[f"{prefix}{done + n}" for n in range(size)]).order_by("pk"))
            User.groups.through.objects.bulk_create(
                User.groups.through(user_id=user.pk, group_id=members_group.pk) for user in users
            )
            memberships = []
            profiles, tags = [], []
            for user in users:
                start = today - datetime.timedelta(days=rng.randint(0, 360))
                memberships.append(Membership(user=user, start_date=start, end_date=one_year_from_(start)))
                step += 1
                profession = rng.choice(professions)
                postcode, commune = rng.choice(AREA)
                title = f"{user.first_name} {user.last_name}"
                latitude, longitude = postcodes.commune_coordinates(postcode, commune) or (None, None)
                pool = answering[profession.pk]
                chosen_themes = rng.sample(pool, k=min(len(pool), rng.randint(1, 3)))
                chosen_languages = [french] + rng.sample(languages, k=rng.choice([0, 0, 1, 2]))
                presentation = rng.choice(PRESENTATIONS)
                profiles.append(
                    MemberProfilePage(
                        title=title, draft_title=title, slug=user.username, content_type=content_type,
                        path=MemberProfilePage._get_path(index.path, index.depth + 1, step), depth=index.depth + 1,
                        numchild=0, url_path=f"{index.url_path}{user.username}/", locale_id=index.locale_id,
                        live=True, has_unpublished_changes=False, first_published_at=now, last_published_at=now,
                        member=user, profession=profession, postcode=postcode, commune=commune,
                        latitude=latitude, longitude=longitude, presentation=presentation,
                        home_visits=rng.random() < 0.4, video_consultation=rng.random() < 0.3,
                        accessible=rng.random() < 0.5, fee_conventionne=rng.random() < 0.4,
                        fee_fixed=rng.random() < 0.5, fee_sliding_scale=rng.random() < 0.3, member_since=start,
                        search_text=profile_search_text(
                            title, presentation, "", commune, [profession], chosen_themes, chosen_languages
                        ),
                        sort_name=normalise(title),
                    )
                )
                tags.append((chosen_themes, chosen_languages))
            Membership.objects.bulk_create(memberships)
            # Multi-table inheritance: the Page rows first, then the profile rows beside them.
            pages = Page.objects.bulk_create(
                Page(**{f.attname: getattr(profile, f.attname) for f in page_fields}) for profile in profiles
            )
            if pages[0].pk is None:
                pages = list(Page.objects.filter(path__in=[p.path for p in profiles]).order_by("path"))
            for profile, page in zip(profiles, pages):
                profile.pk = profile.page_ptr_id = page.pk
            MemberProfilePage._base_manager._insert(profiles, fields=profile_fields)
            themes_through.objects.bulk_create(
                themes_through(memberprofilepage_id=profile.pk, theme_id=theme.pk)
                for profile, (chosen, _langs) in zip(profiles, tags)
                for theme in chosen
            )
            languages_through.objects.bulk_create(
                languages_through(memberprofilepage_id=profile.pk, language_id=language.pk)
                for profile, (_themes, chosen) in zip(profiles, tags)
                for language in chosen
            )
            Page.objects.filter(pk=index.pk).update(numchild=children.count())
        done += size
    from network.directory import bump_generation

    bump_generation()  # bulk inserts send no signal
    return count


def one_year_from_(start):
    from network.models.membership import one_year_from

    return one_year_from(start)


DEMO_APPLICATIONS = [
    ("Léa", "Martin", "Sage-femme", "Toulouse", "31000"),
    ("Samir", "Haddad", "Psychologue", "Colomiers", "31770"),
    ("Julie", "Roux", "Consultant·e en lactation IBCLC", "Blagnac", "31700"),
]


@transaction.atomic
def create_demo_applications():
    """A few applications in review, so the commission's vote can be tried at once."""
    from django.utils import timezone
    from django.utils.text import slugify

    from network import review
    from network.models import Application, CharterPage, Profession

    if Application.objects.exists():
        return 0
    charter = CharterPage.objects.live().filter(locale__language_code="fr").first()
    for first_name, last_name, profession, commune, postcode in DEMO_APPLICATIONS:
        application = Application.objects.create(
            first_name=first_name,
            last_name=last_name,
            profession=Profession.objects.get(name=profession),
            registration_number="10000000000" if Profession.objects.get(name=profession).registration_label else "",
            commune=commune,
            postcode=postcode,
            home_visits=True,
            languages="français",
            themes="périnatalité",
            presentation=f"{profession} à {commune}, j'accompagne les parents pendant la période périnatale.",
            email=f"{slugify(first_name)}.{slugify(last_name)}@demo.parentescence.invalid",
            criterion_charter="Je fais vivre la bienveillance et l'écoute dans chaque accompagnement.",
            criterion_practice="Je participe à un groupe d'analyse de pratique chaque mois.",
            criterion_limits="J'oriente vers d'autres professionnel·les quand une demande dépasse ma pratique.",
            criterion_involvement="Je souhaite participer aux Intervisions et co-animer des ateliers.",
            charter_version=charter.version if charter else "1",
            charter_accepted_at=timezone.now(),
            live=False,
        )
        review.submit(application)
    return len(DEMO_APPLICATIONS)
