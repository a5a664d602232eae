"""The public directory: pages families use to find a professional of the network.

What is on a profile page is public. The member's phone and e-mail stay on the member's
account (private) and are shown only when the member chose to publish them; the reviewed
parts of a profile (presentation and photo) change through `ProfileUpdate`."""

import unicodedata

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from home.seo import canonical_url
from network.models.place import Located


def normalise(text):
    """Lower case without accents: what the directory's text search compares."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def profile_search_text(title, presentation, structure, commune, professions, themes, languages):
    """What the directory's free-text filter looks in: the name, presentation, structure and
    commune, and the French and English names of the professions, needs and languages."""
    words = [title, presentation, structure, commune]
    for term in [*professions, *themes, *languages]:
        words += [term.name, term.name_en]
    return normalise(" ".join(word for word in words if word))


class DirectoryIndexPage(Page):
    """The list of the network's professionals, with combinable filters (see network.directory)."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["network.MemberProfilePage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("annuaire")
        verbose_name_plural = _("annuaires")

    def source_index(self):
        """Profiles are published once, under the default-language directory; every
        language's directory lists them."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return (
            self.get_translations().filter(locale__language_code=settings.LANGUAGE_CODE).first() or self
        )

    def get_context(self, request, *args, **kwargs):
        from network.directory import search_directory

        context = super().get_context(request, *args, **kwargs)
        directory = search_directory(self.source_index(), request.GET)
        context["directory"] = directory
        # Filters make thousands of addresses of one list: each points to the unfiltered
        # directory; the unfiltered directory's page N to itself.
        context["canonical_url"] = canonical_url(request, None if directory.query.active else directory.page.number)
        return context


class MemberProfilePage(Located, Page):
    """A member's public profile in the directory."""

    member = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="profile_pages"
    )
    profession = models.ForeignKey("network.Profession", on_delete=models.PROTECT, verbose_name=_("profession"))
    other_professions = ParentalManyToManyField(
        "network.Profession", blank=True, related_name="+", verbose_name=_("autres professions")
    )
    photo = models.ForeignKey(
        "home.CustomImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("photo")
    )
    photo_alt = models.CharField(_("description de la photo"), max_length=200, blank=True)
    presentation = models.TextField(_("présentation"), blank=True)
    themes = ParentalManyToManyField("network.Theme", blank=True, related_name="profiles", verbose_name=_("besoins et thèmes"))
    languages = ParentalManyToManyField(
        "network.Language", blank=True, related_name="profiles", verbose_name=_("langues parlées")
    )
    structure = models.CharField(_("structure d'exercice"), max_length=200, blank=True)
    commune = models.CharField(_("commune"), max_length=100)
    postcode = models.CharField(_("code postal"), max_length=5)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    home_visits = models.BooleanField(_("visites à domicile"), default=False)
    video_consultation = models.BooleanField(_("consultations en visio"), default=False)
    accessible = models.BooleanField(_("lieu accessible aux personnes à mobilité réduite"), default=False)
    fee_conventionne = models.BooleanField(_("conventionné·e (remboursé par l'Assurance maladie)"), default=False)
    fee_fixed = models.BooleanField(_("tarif fixe"), default=False)
    fee_sliding_scale = models.BooleanField(_("tarif adapté aux revenus"), default=False)
    fee_details = models.CharField(_("précisions sur les tarifs"), max_length=200, blank=True)
    website = models.URLField(_("site web"), blank=True)
    show_phone = models.BooleanField(_("afficher mon téléphone"), default=False)
    show_email = models.BooleanField(_("afficher mon e-mail"), default=False)
    member_since = models.DateField(_("membre depuis"), null=True, blank=True)
    # Set when the member takes the profile out of the directory from their space: a renewed
    # membership then does not bring it back.
    hidden_by_member = models.BooleanField(default=False, editable=False)
    # Set when the profile left the directory because the membership ended: a renewal
    # brings back only such a profile (not one an editor unpublished).
    unlisted_for_lapse = models.BooleanField(default=False, editable=False)
    # Lower-case, accent-free name, professions, themes and presentation: the directory's
    # text search, in plain SQL so that it combines with the filters and their counts.
    search_text = models.TextField(blank=True, editable=False)
    # The title without accents or case: the directory's alphabetical order, the same on
    # SQLite and PostgreSQL whatever the database's collation ("Émilie" next to "Emma").
    sort_name = models.CharField(max_length=255, blank=True, editable=False)

    parent_page_types = ["network.DirectoryIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("profession"), FieldPanel("other_professions")], heading=_("Professions")),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")),
        FieldPanel("presentation"),
        FieldPanel("themes"),
        FieldPanel("languages"),
        MultiFieldPanel(
            [
                FieldPanel("structure"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
                FieldPanel("home_visits"),
                FieldPanel("video_consultation"),
                FieldPanel("accessible"),
            ],
            heading=_("Lieu et modalités"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("fee_conventionne"),
                FieldPanel("fee_fixed"),
                FieldPanel("fee_sliding_scale"),
                FieldPanel("fee_details"),
            ],
            heading=_("Tarifs"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("show_phone"), FieldPanel("show_email")], heading=_("Contact public")
        ),
        FieldPanel("member_since", read_only=True),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("presentation"),
        index.SearchField("commune"),
        index.SearchField("structure"),
        # What a parent may type to find a professional: the professions, the needs and
        # themes and the languages (in both languages: names in English for /en/).
        index.RelatedFields("profession", [index.SearchField("name"), index.SearchField("name_en")]),
        index.RelatedFields("other_professions", [index.SearchField("name"), index.SearchField("name_en")]),
        index.RelatedFields("themes", [index.SearchField("name"), index.SearchField("name_en")]),
        index.RelatedFields("languages", [index.SearchField("name"), index.SearchField("name_en")]),
        index.FilterField("profession"),
    ]
    api_fields = [
        APIField("profession_name"),
        APIField("structure"),
        APIField("commune"),
        APIField("postcode"),
        APIField("home_visits"),
        APIField("video_consultation"),
        APIField("accessible"),
        APIField("language_names"),
        APIField("theme_names"),
        APIField("presentation"),
        APIField("website"),
        APIField("public_phone"),
        APIField("public_email"),
        APIField("member_since"),
    ]

    class Meta:
        verbose_name = _("fiche de membre")
        verbose_name_plural = _("fiches de membres")
        indexes = [models.Index(fields=["latitude", "longitude"], name="profile_coordinates")]

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        self.sort_name = normalise(self.title)[:255]
        super().save(*args, **kwargs)  # Located sets the coordinates

    @classmethod
    def get_indexed_objects(cls):
        # modelsearch prefetches the relations its RelatedFields follow, except
        # ParentalManyToManyFields (RelatedFields.select_on_queryset skips them): without this,
        # `update_index` runs three queries per profile.
        return super().get_indexed_objects().prefetch_related("other_professions", "themes", "languages")

    def build_search_text(self):
        return profile_search_text(
            self.title, self.presentation, self.structure, self.commune,
            [self.profession, *self.other_professions.all()], self.themes.all(), self.languages.all(),
        )

    # -- What the public sees --------------------------------------------------------

    def is_listed(self, today=None):
        """Listed while live and while the member's membership is current: a lapsed or
        departed member's profile is never shown, even before the daily job unpublishes it."""
        from network.models import Membership

        if not self.live or self.member_id is None:
            return False
        return Membership.objects.current(today).filter(user_id=self.member_id).exists()

    def serve(self, request, *args, **kwargs):
        if not self.is_listed():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def seo_description(self):
        """What search engines and link previews show of a profile: its presentation
        (home/seo.py shortens it)."""
        return self.presentation

    @property
    def profession_name(self):
        return self.profession.label

    @cached_property
    def all_professions(self):
        return [self.profession] + [p for p in self.other_professions.all() if p.pk != self.profession_id]

    @cached_property
    def theme_list(self):
        return list(self.themes.all())

    @property
    def language_names(self):
        return [language.label for language in self.languages.all()]

    @property
    def theme_names(self):
        return [theme.label for theme in self.theme_list]

    @property
    def public_phone(self):
        return self.member.phone if self.show_phone and self.member_id else ""

    @property
    def public_email(self):
        return self.member.email if self.show_email and self.member_id else ""

    @property
    def fee_kinds(self):
        kinds = []
        if self.fee_conventionne:
            kinds.append(_("conventionné·e"))
        if self.fee_fixed:
            kinds.append(_("tarif fixe"))
        if self.fee_sliding_scale:
            kinds.append(_("tarif adapté aux revenus"))
        return kinds

    def signed_current_charter(self):
        from network.charter import required_version

        version = required_version()
        return bool(self.member_id and version and self.member.charter_signatures.filter(charter_version=version).exists())

    def schema_org(self):
        """schema.org Person metadata, public fields only."""
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": self.title,
            "jobTitle": [p.label for p in self.all_professions],
            "knowsLanguage": self.language_names,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": self.commune,
                "postalCode": self.postcode,
                "addressCountry": "FR",
            },
            "memberOf": {"@type": "Organization", "name": "Parentescence"},
        }
        if self.presentation:
            data["description"] = self.presentation
        if self.website:
            data["url"] = self.website
        if self.public_phone:
            data["telephone"] = self.public_phone
        if self.public_email:
            data["email"] = self.public_email
        return data
