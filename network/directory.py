"""The public directory of the network's members: what may be public, and only that.

`search_directory` turns a query string into the directory's results, its filters and
the count of results behind each filter value. Every filter can combine with the others;
unknown values are ignored; the number of SQL queries does not depend on the number of
profiles (tests/network/test_directory_search.py counts them).
"""

import hashlib
import math
import re
import secrets
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, ExpressionWrapper, F, FloatField, OuterRef, Prefetch, Q
from django.db.models.functions import Collate
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from home.models import CustomImage
from network import postcodes

PER_PAGE = 20
RADII = (5, 10, 20, 50)
DEFAULT_RADIUS = 10
KM_PER_DEGREE = 111.2
MAX_SEARCH_WORDS = 8
FEES = (
    ("conventionne", "fee_conventionne", _("Conventionné·e")),
    ("fixe", "fee_fixed", _("Tarif fixe")),
    ("adapte", "fee_sliding_scale", _("Tarif adapté aux revenus")),
)
SWITCHES = (
    ("domicile", "home_visits", _("Se déplace à domicile")),
    ("visio", "video_consultation", _("Consulte en visio")),
    ("accessible", "accessible", _("Lieu accessible (PMR)")),
)


def text_param(params, name, length=100):
    """A text value from the query string: stripped, bounded, without NUL characters
    (PostgreSQL refuses them)."""
    return params.get(name, "").replace("\x00", "").strip()[:length]


def int_param(value):
    """An integer written in ASCII digits, else None ("²" is a digit to str.isdigit)."""
    return int(value) if isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}", value) else None


def radius_param(params):
    radius = int_param(params.get("rayon", ""))
    return radius if radius in RADII else DEFAULT_RADIUS


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)
    multiple: bool = True

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


def listed_profiles(index, today=None):
    """Live, public profiles under the directory whose member's membership is current."""
    from network.models import MemberProfilePage, Membership

    current = Membership.objects.current(today).filter(user_id=OuterRef("member_id"))
    return MemberProfilePage.objects.child_of(index).live().public().filter(Exists(current))


def lapsed_profiles(today=None):
    """Live profiles whose member's membership is not current."""
    from network.models import MemberProfilePage, Membership

    return MemberProfilePage.objects.live().exclude(member_id__in=Membership.objects.current(today).values("user_id"))


def unlisted_profile_ids(today=None):
    """Ids of lapsed profiles still live (a subquery), until the nightly job unpublishes them:
    every public channel leaves them out (network.wagtail_hooks, PUBLIC_PAGES)."""
    return lapsed_profiles(today).values("pk")


def set_distances(objects):
    """`distance_km` on each object, from the `distance_squared` Location.within annotated."""
    for obj in objects:
        squared = getattr(obj, "distance_squared", None)
        obj.distance_km = round(math.sqrt(squared), 1) if squared is not None else None


class Location:
    """Where distances are measured from: a postcode and a radius in kilometres."""

    def __init__(self, postcode, radius):
        self.postcode = postcode
        self.radius = radius
        self.coordinates = postcodes.locate(postcode)

    def within(self, queryset):
        lat, lon = self.coordinates
        min_lat, max_lat, min_lon, max_lon = postcodes.bounding_box(lat, lon, self.radius)
        # An equirectangular distance: plain arithmetic that both SQLite and PostgreSQL
        # compute, within 1 % of the great-circle distance at these ranges.
        scale = math.cos(math.radians(lat))
        squared = ExpressionWrapper(
            ((F("latitude") - lat) * KM_PER_DEGREE) * ((F("latitude") - lat) * KM_PER_DEGREE)
            + ((F("longitude") - lon) * KM_PER_DEGREE * scale) * ((F("longitude") - lon) * KM_PER_DEGREE * scale),
            output_field=FloatField(),
        )
        return (
            queryset.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
            .annotate(distance_squared=squared)
            .filter(distance_squared__lte=self.radius * self.radius)
        )


class DirectoryQuery:
    """The filters read from a query string, each one known to be valid.

    The rule (README, "The directory's rule"): values of one filter combine with OR,
    different filters with AND; the postcode's distance, the commune and the free text are
    filters like the others. Unknown values and parameters are ignored."""

    LISTS = ("profession", "besoin", "langue", "tarif")
    PARAMETERS = LISTS + tuple(key for key, _f, _l in SWITCHES) + ("commune", "q", "cp", "rayon")

    def __init__(self, params):
        from network.models import Language, Profession, Theme

        self.professions = {p.pk: p for p in Profession.objects.all()}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.languages = {language.code: language for language in Language.objects.all()}
        fees = [key for key, _f, _l in FEES]
        self.chosen_professions = chosen(params, "profession", {str(pk): pk for pk in self.professions})
        self.chosen_themes = chosen(params, "besoin", {slug: slug for slug in self.themes})
        self.chosen_languages = chosen(params, "langue", {code: code for code in self.languages})
        self.chosen_fees = chosen(params, "tarif", {key: key for key in fees})
        self.switches = {key for key, _f, _l in SWITCHES if params.get(key) == "1"}
        self.commune = text_param(params, "commune")
        self.text = text_param(params, "q", 200)
        self.words = normalised_words(self.text)
        postcode = text_param(params, "cp", 5)
        self.postcode, self.radius = postcode, radius_param(params)
        self.location = Location(postcode, self.radius) if postcodes.is_known(postcode) else None
        self.unknown_postcode = bool(postcode) and self.location is None

    def chosen_values(self, name):
        """The values chosen for the list filter `name`."""
        return {
            "profession": self.chosen_professions,
            "besoin": self.chosen_themes,
            "langue": self.chosen_languages,
            "tarif": self.chosen_fees,
        }[name]

    def matching(self, name, values):
        """Profiles with any of `values` of the list filter `name`: the OR within a filter."""
        from network.models import MemberProfilePage

        if name == "profession":
            other = MemberProfilePage.other_professions.through
            return Q(profession_id__in=values) | Q(
                pk__in=other.objects.filter(profession_id__in=values).values("memberprofilepage_id")
            )
        if name == "besoin":
            through = MemberProfilePage.themes.through
            ids = [self.themes[slug].pk for slug in values]
            return Q(pk__in=through.objects.filter(theme_id__in=ids).values("memberprofilepage_id"))
        if name == "langue":
            through = MemberProfilePage.languages.through
            ids = [self.languages[code].pk for code in values]
            return Q(pk__in=through.objects.filter(language_id__in=ids).values("memberprofilepage_id"))
        condition = Q()
        for key, field_name, _label in FEES:
            if key in values:
                condition |= Q(**{field_name: True})
        return condition

    def conditions(self):
        """Each active filter but the distance, by name, as a condition on profiles."""
        conditions = {name: self.matching(name, self.chosen_values(name)) for name in self.LISTS if self.chosen_values(name)}
        for key, field_name, _label in SWITCHES:
            if key in self.switches:
                conditions[key] = Q(**{field_name: True})
        if self.commune:
            conditions["commune"] = Q(commune=self.commune)
        if self.words:
            conditions["q"] = Q(*[Q(search_text__contains=word) for word in self.words])
        return conditions

    def apply(self, queryset, leave_out=None):
        """The profiles that pass every filter, but the one named `leave_out` (its facet's counts)."""
        for name, condition in self.conditions().items():
            if name != leave_out:
                queryset = queryset.filter(condition)
        if self.location and leave_out != "cp":
            queryset = self.location.within(queryset)
        return queryset

    @property
    def active(self):
        return bool(self.conditions()) or self.location is not None

    def cache_material(self):
        """What the answer depends on, once normalised: odd or repeated parameters share it."""
        return (
            sorted(self.chosen_professions), sorted(self.chosen_themes), sorted(self.chosen_languages),
            sorted(self.chosen_fees), sorted(self.switches), self.commune, self.words,
            self.location and (self.postcode, self.radius), self.unknown_postcode and self.postcode, self.text,
        )

    def querystring(self):
        """The query string of these filters alone (unknown parameters and values dropped),
        for the pagination's and the active filters' links."""
        params = QueryDict(mutable=True)
        params.setlist("q", [self.text] if self.text else [])
        params.setlist("cp", [self.postcode] if self.postcode else [])
        params.setlist("rayon", [str(self.radius)] if self.postcode else [])
        params.setlist("commune", [self.commune] if self.commune else [])
        for name in self.LISTS:
            params.setlist(name, [str(value) for value in self.chosen_values(name)])
        for key, _f, _l in SWITCHES:
            params.setlist(key, ["1"] if key in self.switches else [])
        return params.urlencode()


def chosen(params, name, known):
    """The known values of a repeatable parameter, each once, in the order given."""
    values = []
    for raw in params.getlist(name)[:100]:
        value = known.get(raw)
        if value is not None and value not in values:
            values.append(value)
    return values


def normalised_words(text):
    """The words of the free-text filter: no accents or case; spaces, hyphens and apostrophes
    separate words; a final plural "s" or "x" is dropped, so "Sages-femmes" finds "sage-femme"
    and "allaitements" finds "allaitement". A profile must contain every word."""
    from network.models.directory import normalise

    words = []
    for word in re.split(r"[\W_]+", normalise(text)):
        if len(word) > 3 and word[-1] in "sx":
            word = word[:-1]
        if len(word) > 1 and word not in words:
            words.append(word)
    return words[:MAX_SEARCH_WORDS]


def value_counts(name, queryset, query):
    """Profiles of `queryset` per value of the list filter `name`, keyed by the option's value."""
    from network.models import MemberProfilePage

    if name == "profession":
        counts = {
            str(row["profession_id"]): row["n"]
            for row in queryset.order_by().values("profession_id").annotate(n=Count("pk"))
        }
        other = MemberProfilePage.other_professions.through
        extra = (
            other.objects.filter(memberprofilepage_id__in=queryset.values("pk"))
            .exclude(profession_id=F("memberprofilepage__profession_id"))
            .order_by()
            .values("profession_id")
            .annotate(n=Count("memberprofilepage_id", distinct=True))
        )
        for row in extra:
            key = str(row["profession_id"])
            counts[key] = counts.get(key, 0) + row["n"]
        return counts
    if name == "besoin":
        slugs = {t.pk: slug for slug, t in query.themes.items()}
        counts = counts_by(queryset, MemberProfilePage.themes.through, "theme_id")
        return {slugs[pk]: n for pk, n in counts.items() if pk in slugs}
    if name == "langue":
        codes = {lang.pk: code for code, lang in query.languages.items()}
        counts = counts_by(queryset, MemberProfilePage.languages.through, "language_id")
        return {codes[pk]: n for pk, n in counts.items() if pk in codes}
    return queryset.aggregate(**{key: Count("pk", filter=Q(**{field_name: True})) for key, field_name, _l in FEES})


def counts_by(queryset, through, key):
    """Profiles per value of a many-to-many relation, among `queryset`."""
    rows = (
        through.objects.filter(memberprofilepage_id__in=queryset.values("pk"))
        .order_by()
        .values(key)
        .annotate(n=Count("memberprofilepage_id", distinct=True))
    )
    return {row[key]: row["n"] for row in rows}


def list_facet(query, listed, name, total):
    """The counts of a list filter's values: for each value, the number of results the
    visitor gets by adding it to the values already chosen (OR within a filter).

    Among the profiles that pass the other filters, that is today's results plus those
    that have the value and none of the chosen ones: `total + having[v] - already[v]`.
    Returns (having, counts): `having` says which values anyone among them has."""
    others = query.apply(listed, leave_out=name)
    having = value_counts(name, others, query)
    values = query.chosen_values(name)
    if not values:
        return having, having
    already = value_counts(name, others.filter(query.matching(name, values)), query)
    return having, {value: total + n - already.get(value, 0) for value, n in having.items()}


def build_facets(query, listed, total):
    """Every filter's values with their counts, `total` being the number of results now."""
    facets = []

    having, counts = list_facet(query, listed, "profession", total)
    facets.append(
        Facet(
            "profession",
            _("Profession"),
            [
                Option(str(pk), p.label, counts.get(str(pk), total), pk in query.chosen_professions)
                for pk, p in query.professions.items()
                if having.get(str(pk)) or pk in query.chosen_professions
            ],
        )
    )

    _having, counts = list_facet(query, listed, "besoin", total)
    facets.append(
        Facet(
            "besoin",
            _("Besoin ou thème"),
            [
                Option(slug, t.label, counts.get(slug, total if query.chosen_themes else 0), slug in query.chosen_themes)
                for slug, t in query.themes.items()
            ],
        )
    )

    having, counts = list_facet(query, listed, "langue", total)
    facets.append(
        Facet(
            "langue",
            _("Langue parlée"),
            [
                Option(code, lang.label, counts.get(code, total), code in query.chosen_languages)
                for code, lang in query.languages.items()
                if having.get(code) or code in query.chosen_languages
            ],
        )
    )

    _having, counts = list_facet(query, listed, "tarif", total)
    facets.append(
        Facet("tarif", _("Tarifs"), [Option(key, label, counts[key], key in query.chosen_fees) for key, _n, label in FEES])
    )

    for key, name, label in SWITCHES:
        count = query.apply(listed, leave_out=key).filter(**{name: True}).count()
        facets.append(Facet(key, label, [Option("1", label, count, key in query.switches)], multiple=False))

    # One commune at a time: a commune's count is what choosing it, in place of the
    # chosen one, would list.
    among = query.apply(listed, leave_out="commune")
    rows = among.values("commune").annotate(n=Count("pk")).order_by("commune")
    options = [Option(row["commune"], row["commune"], row["n"], row["commune"] == query.commune) for row in rows]
    if query.commune and not any(option.selected for option in options):
        # A commune with nobody listed stays visible, so it can be seen and removed.
        options.insert(0, Option(query.commune, query.commune, 0, True))
    facets.append(Facet("commune", _("Commune"), options, multiple=False))
    return {facet.name: facet for facet in facets}


@dataclass
class DirectoryResults:
    query: DirectoryQuery
    facets: dict
    page: object
    querystring: str

    @property
    def profiles(self):
        return self.page.object_list


CACHE_SECONDS = 10 * 60
GENERATION_KEY = "directory:generation"


def bump_generation():
    """Any change to what the directory shows (a profile published or unpublished, a
    membership, a vocabulary) makes every cached answer stale."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)


def cache_key(index, query, page, today):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = secrets.token_hex(8)
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    material = repr((generation, index.pk, str(today), get_language(), query.cache_material(), page))
    return "directory:" + hashlib.sha256(material.encode()).hexdigest()


class CachedPage:
    """The page of results as cached: the paginator reads its count, then slices it."""

    def __init__(self, count, profiles):
        self._count, self._profiles = count, profiles

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, item):
        return self._profiles  # the page asked for is the page cached


def search_directory(index, params, today=None):
    """The directory's answer to a query string. Cached (facets, count, the page's ids)
    until anything it shows changes, and for the day: a membership ends at midnight."""
    today = today or timezone.localdate()
    query = DirectoryQuery(params)
    page_number = text_param(params, "page", 20)
    key = cache_key(index, query, page_number, today)
    cached = cache.get(key)
    if cached is None:
        results = compute_directory(index, query, page_number, today)
        cached = {
            "facets": results.facets,
            "count": results.page.paginator.count,
            "number": results.page.number,
            "ids": [(p.pk, p.distance_km) for p in results.page.object_list],
        }
        cache.set(key, cached, CACHE_SECONDS)
        return results
    # Still listed now: with a per-process cache (no Redis), another process may have
    # unlisted someone since this answer was cached.
    ids = [pk for pk, _d in cached["ids"]]
    by_id = {p.pk: p for p in with_card_data(listed_profiles(index, today).filter(pk__in=ids))}
    profiles = []
    for pk, distance in cached["ids"]:
        if pk in by_id:
            by_id[pk].distance_km = distance
            profiles.append(by_id[pk])
    page = Paginator(CachedPage(cached["count"], profiles), PER_PAGE).get_page(cached["number"])
    return DirectoryResults(query, cached["facets"], page, query.querystring())


def with_card_data(queryset):

    return queryset.select_related("profession").prefetch_related(
        "themes",
        "languages",
        "other_professions",
        Prefetch("photo", queryset=CustomImage.objects.prefetch_renditions("fill-96x96")),
    )


def alphabetical():
    """The profiles' name order: accents and case left out (`sort_name`), compared code point
    by code point on both databases (PostgreSQL's collation would otherwise decide)."""
    return Collate("sort_name", "C") if connection.vendor == "postgresql" else F("sort_name")


def compute_directory(index, query, page_number=None, today=None):
    """The results in order (nearest first from a postcode, else by name), one page of
    them, and every filter's counts."""
    listed = listed_profiles(index, today)
    results = with_card_data(query.apply(listed))
    if query.location:
        results = results.order_by("distance_squared", alphabetical(), "pk")
    else:
        results = results.order_by(alphabetical(), "pk")
    page = Paginator(results, PER_PAGE).get_page(page_number)
    set_distances(page.object_list)
    facets = build_facets(query, listed, page.paginator.count)
    return DirectoryResults(query, facets, page, query.querystring())


def querystring_without(params, *names):
    kept = QueryDict(mutable=True)
    for key in params:
        if key not in names:
            kept.setlist(key, [v for v in params.getlist(key) if v][:20])
    return kept.urlencode()


def search_structures(params):
    """The partner structures, by type and commune, nearest first from a postcode."""
    from network.models import PartnerStructure

    kinds = dict(PartnerStructure.Kind.choices)
    chosen_kinds = [v for v in params.getlist("type") if v in kinds]
    commune = text_param(params, "commune")
    postcode, radius = text_param(params, "cp", 5), radius_param(params)
    location = Location(postcode, radius) if postcodes.is_known(postcode) else None

    structures = PartnerStructure.objects.all()
    by_commune = structures.filter(kind__in=chosen_kinds) if chosen_kinds else structures
    if commune:
        # Case-insensitive in Python: SQLite's iexact (LIKE) folds ASCII letters only, so
        # "évry" missed "Évry" there while PostgreSQL found it.
        names = {name for name in structures.values_list("commune", flat=True).distinct() if name.lower() == commune.lower()}
    by_kind = structures.filter(commune__in=names) if commune else structures
    if location:
        by_commune, by_kind = location.within(by_commune), location.within(by_kind)
    kind_counts = {row["kind"]: row["n"] for row in by_kind.order_by().values("kind").annotate(n=Count("pk"))}
    communes = [(row["commune"], row["n"]) for row in by_commune.values("commune").annotate(n=Count("pk")).order_by("commune")]
    results = by_kind.filter(kind__in=chosen_kinds) if chosen_kinds else by_kind
    # Ties broken by creation: without it PostgreSQL may return equal rows in any order, and
    # pages repeat or skip a structure.
    results = results.order_by(*(("distance_squared",) if location else ("commune",)), "name", "pk")
    page = Paginator(results, PER_PAGE).get_page(params.get("page"))
    set_distances(page.object_list)
    commune_options = [Option(name, name, n, name.lower() == commune.lower()) for name, n in communes]
    if commune and not any(option.selected for option in commune_options):
        # A commune with no structure left stays visible, so it can be seen and removed.
        commune_options.insert(0, Option(commune, commune, 0, True))
    return {
        "page": page,
        "kinds": [Option(key, label, kind_counts.get(key, 0), key in chosen_kinds) for key, label in kinds.items()],
        "communes": commune_options,
        "postcode": postcode,
        "radius": radius,
        "radii": RADII,
        "unknown_postcode": bool(postcode) and location is None,
        "querystring": querystring_without(params, "page"),
    }


# -- Profiles -----------------------------------------------------------------------------


def directory_index():
    from network.models import DirectoryIndexPage

    return DirectoryIndexPage.objects.filter(locale__language_code="fr").first()


def terms_in(text, queryset):
    """The vocabulary terms an applicant wrote in free text ("allaitement, sommeil")."""
    from network.models.directory import normalise

    written = normalise(text)
    return [term for term in queryset if normalise(term.name) in written or (term.name_en and normalise(term.name_en) in written)]


def unique_slug(index, text):
    """A slug for a new profile, free among the directory's children."""
    base = slugify(text) or "membre"
    slug, n = base, 1
    while index.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def publish_profile(application, user):
    """Create and publish the member's profile page from the public fields of the
    application. Contact details and the criteria answers are never copied."""
    from django.utils import timezone

    from network.models import Language, MemberProfilePage, Theme

    index = directory_index()
    if index is None:
        raise RuntimeError("No directory page: the content build creates one.")
    profile = MemberProfilePage(
        title=application.full_name,
        slug=unique_slug(index, f"{application.first_name}-{application.last_name}"),
        member=user,
        profession=application.profession,
        structure=application.structure,
        commune=application.commune,
        postcode=application.postcode,
        home_visits=application.home_visits,
        presentation=application.presentation,
        member_since=timezone.localdate(),
    )
    profile.themes = terms_in(application.themes, Theme.objects.all())
    profile.languages = terms_in(application.languages, Language.objects.all())
    index.add_child(instance=profile)
    profile.save_revision().publish(skip_permission_checks=True)
    return profile
