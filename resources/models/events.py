"""Events: the association's actions for families (parent discussion times, parent–child
workshops), the network's meetings (Prorencontres, Intervisions) and the commission's
meetings, with their venues, series, registrations and attendance."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.models import Page
from wagtail.search import index

from resources.admin_forms import EventAdminForm


class Venue(models.Model):
    """A place events are held at, chosen again and again: the maison de quartier des arènes
    romaines, a partner structure's premises. Public information about a place, no person."""

    name = models.CharField(_("nom"), max_length=200)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    structure = models.ForeignKey(
        "network.PartnerStructure", null=True, blank=True, on_delete=models.SET_NULL, related_name="venues",
        verbose_name=_("structure partenaire"),
        help_text=_("Si le lieu est celui d'une structure partenaire."),
    )
    access = models.TextField(
        _("accès"), blank=True, max_length=600,
        help_text=_("Comment venir, accessibilité (poussettes, fauteuils), à quel étage."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
        FieldPanel("structure"),
        FieldPanel("access"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")

    def __str__(self):
        return self.name

    @property
    def full_address(self):
        return ", ".join(part for part in (self.address, f"{self.postcode} {self.commune}".strip()) if part)


class EventSeries(models.Model):
    """Recurring events (a discussion time every other Tuesday): the occurrences are events
    of their own, created together and linked to their series."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("chaque semaine")
        FORTNIGHTLY = "fortnightly", _("toutes les deux semaines")
        MONTHLY = "monthly", _("chaque mois (même jour de la semaine)")

    title = models.CharField(_("titre"), max_length=200)
    frequency = models.CharField(_("fréquence"), max_length=20, choices=Frequency.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("série")
        verbose_name_plural = _("séries")

    def __str__(self):
        return self.title


class Event(index.Indexed, models.Model):
    """One event of any kind, in Europe/Paris time. For families: parent discussion times and
    parent–child workshops, public, with registrations without an account within capacity
    and a waiting list. For the network: every quarter, alternately, a Prorencontre (members
    present their profession) and an Intervision (members discuss anonymised vignettes; a
    facilitator attaches a synthesis the library's readers see), members only. For the
    commission: its meetings, about every two months, commission only."""

    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Temps d'échange entre parents")
        WORKSHOP = "workshop", _("Atelier parents-enfants")
        PRORENCONTRE = "prorencontre", _("Prorencontre")
        INTERVISION = "intervision", _("Intervision")
        COMMISSION = "commission", _("Réunion de la commission")

    class Audience(models.TextChoices):
        PUBLIC = "public", pgettext_lazy("event audience", "Public")
        MEMBERS = "members", _("Membres du réseau")
        COMMISSION = "commission", _("Commission")

    FAMILY_KINDS = (Kind.DISCUSSION, Kind.WORKSHOP)
    NETWORK_KINDS = (Kind.PRORENCONTRE, Kind.INTERVISION)

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(
        _("présentation"), blank=True, max_length=2000,
        help_text=_("Ce que les participant·es vont vivre ; visible de qui voit l'événement."),
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"), null=True, blank=True)
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="events", verbose_name=_("lieu")
    )
    audience = models.CharField(
        _("public concerné"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC,
        help_text=_("Public : tout le monde le voit ; Membres : les membres à jour ; Commission : la commission."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Nombre de personnes (adultes et enfants). Vide : sans limite. Au-delà, liste d'attente."),
    )
    registration_open = models.BooleanField(
        _("inscriptions ouvertes"), default=True,
        help_text=_("Les inscriptions ferment d'elles-mêmes au début de l'événement."),
    )
    series = models.ForeignKey(
        EventSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="events",
        verbose_name=_("série"),
    )
    resource = models.ForeignKey(
        "resources.WorkshopResourcePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="events",
        verbose_name=_("fiche d'animation"),
    )
    facilitators = models.ManyToManyField(
        "accounts.User", blank=True, related_name="facilitated_events", verbose_name=_("animation"),
        limit_choices_to={"groups__name": "Members"},
        help_text=_("Les membres qui animent : ils et elles voient les inscrit·es, notent les présences "
                    "et, pour une Intervision, joignent la synthèse."),
    )
    # Attendance of people who came without registering, counted by the facilitators.
    walk_in_adults = models.PositiveSmallIntegerField(_("adultes venus sans inscription"), default=0)
    walk_in_children = models.PositiveSmallIntegerField(_("enfants venus sans inscription"), default=0)
    vignettes = models.ManyToManyField(
        "resources.VignettePage", blank=True, related_name="events", verbose_name=_("vignettes discutées")
    )
    synthesis = models.TextField(_("synthèse"), blank=True, max_length=10000)
    synthesis_document = models.ForeignKey(
        get_document_model_string(), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("synthèse (document)"),
    )
    synthesis_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    synthesis_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    registrants_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("venue"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_open")]),
        FieldPanel("facilitators", widget=forms.SelectMultiple(attrs={"size": 8})),
        FieldPanel("resource"),
        MultiFieldPanel([FieldPanel("repeat"), FieldPanel("occurrences")], heading=_("Répétition")),
        MultiFieldPanel(
            [FieldPanel("vignettes", widget=forms.CheckboxSelectMultiple),
             FieldPanel("synthesis"), FieldPanel("synthesis_document")],
            heading=_("Intervision : vignettes et synthèse"),
        ),
    ]
    base_form_class = EventAdminForm
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("audience"),
        index.FilterField("start"),
    ]

    class Meta:
        ordering = ["-start"]
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        indexes = [models.Index(fields=["audience", "start"])]

    def __str__(self):
        return self.title

    @property
    def is_family_event(self):
        return self.kind in self.FAMILY_KINDS

    @property
    def is_network_meeting(self):
        return self.kind in self.NETWORK_KINDS

    def clean(self):
        super().clean()
        from resources.events import default_audience
        from resources.library import in_private_collection

        errors = {}
        if self.synthesis_document_id and not in_private_collection(self.synthesis_document):
            errors["synthesis_document"] = _("Choisissez un document de la collection privée « Vignettes ».")
        if self.end and self.start and self.end < self.start:
            errors["end"] = _("La fin doit suivre le début.")
        # The network's and the commission's meetings have one possible audience: theirs.
        required = default_audience(self.kind) if self.kind else self.Audience.PUBLIC
        if required != self.Audience.PUBLIC and self.audience != required:
            errors["audience"] = _("Une réunion de la commission est réservée à la commission ; "
                                   "une Prorencontre ou une Intervision, aux membres.")
        if self.kind == self.Kind.COMMISSION and self.registration_open:
            self.registration_open = False  # the commission's attendance is its meeting's minutes
        if errors:
            raise ValidationError(errors)


class Registration(models.Model):
    """Someone's place at an event: a parent without an account (the minimum to welcome the
    family and reach them), or a member (their account). Confirmed within capacity, waiting
    beyond it, promoted in order when a place frees up. The personal fields are blanked a
    configurable number of days after the event (EVENT_REGISTRANTS_RETENTION_DAYS), keeping
    the numbers the annual report counts."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("inscrit·e")
        WAITING = "waiting", _("en liste d'attente")
        CANCELLED = "cancelled", _("annulée")

    class AgeBand(models.TextChoices):
        PREGNANCY = "pregnancy", _("Grossesse en cours")
        UNDER_6M = "0-6m", _("Moins de 6 mois")
        UNDER_1Y = "6-12m", _("6 à 12 mois")
        UNDER_3Y = "1-3y", _("1 à 3 ans")
        OLDER = "3y+", _("Plus de 3 ans")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="event_registrations"
    )
    name = models.CharField(_("nom"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    adults = models.PositiveSmallIntegerField(
        _("adultes"), default=1, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    children = models.PositiveSmallIntegerField(
        _("enfants"), default=0, validators=[MaxValueValidator(8)]
    )
    child_age_band = models.CharField(_("âge de l'enfant"), max_length=10, choices=AgeBand.choices, blank=True)
    needs = models.TextField(_("besoins particuliers"), blank=True, max_length=500)
    language = models.CharField(max_length=10, default="fr")
    status = models.CharField(max_length=10, choices=Status.choices)
    position = models.PositiveIntegerField(default=0, help_text="order of arrival, for the waiting list")
    # The cancel link is derived from this with the site's secret key (resources.registrations
    # .cancel_token): a copy of the database alone gives no link; erasure replaces it.
    secret = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("présent·e"), null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], condition=Q(user__isnull=False) & ~Q(status="cancelled"),
                name="one_active_registration_per_member",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "position"])]

    def __str__(self):
        return f"registration {self.pk}"

    @property
    def places(self):
        return self.adults + self.children

    @property
    def display_name(self):
        if self.user_id is not None and self.user is not None:
            return self.user.get_full_name() or self.user.username
        return self.name



class CalendarFeedKey(models.Model):
    """The secret part of a person's private calendar feed address. The address is derived
    from it with the site's secret key (resources.calendar.feed_token), so a copy of the
    database alone does not give it; resetting it makes a new one and the old address
    stops working at once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_key")
    nonce = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now=True)


class EventCalendarPage(RoutablePageMixin, Page):
    """The calendar ("Agenda"): public events for everyone, in a list and a month view; a
    member also sees the network's events, the commission its meetings. Each event has its
    page here (with the registration form), its .ics, and the calendar its iCalendar feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    @path("")
    def upcoming(self, request):
        from resources import calendar_views

        return calendar_views.event_list(request, self)

    @path("mois/<int:year>-<int:month>/", name="month")
    def month(self, request, year, month):
        from resources import calendar_views

        return calendar_views.month(request, self, year, month)

    @path("ical/", name="public_feed")
    def public_feed(self, request):
        from resources import calendar_views

        return calendar_views.public_feed(request, self)

    @path("ical/<str:token>/", name="private_feed")
    def private_feed(self, request, token):
        from resources import calendar_views

        return calendar_views.private_feed(request, self, token)

    @path("<int:pk>/", name="event")
    def event(self, request, pk):
        from resources import registration_views

        return registration_views.event_detail(request, self, pk)

    @path("<int:pk>/ical/", name="event_ics")
    def event_ics(self, request, pk):
        from resources import calendar_views

        return calendar_views.event_ics(request, self, pk)

    @path("<int:pk>/inscription/", name="registered")
    def registered(self, request, pk):
        from resources import registration_views

        return registration_views.registered(request, self, pk)

    @path("annulation/<str:token>/", name="cancel")
    def cancel(self, request, token):
        from resources import registration_views

        return registration_views.cancel(request, self, token)
