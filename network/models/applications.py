"""Applications of perinatal professionals to join the network."""

from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from home.storage import private_storage
from network.panels import VotesPanel

# The commission's four admission criteria, as the seed states them.
CRITERIA = [
    (
        "criterion_charter",
        _("Adhérer aux valeurs et postures de la charte et s'engager à les faire vivre concrètement "
          "dans l'accompagnement des familles."),
    ),
    (
        "criterion_practice",
        _("Interroger sa pratique et la mettre en regard d'autres pratiques professionnelles, pour un "
          "accompagnement global des familles."),
    ),
    (
        "criterion_limits",
        _("Être conscient·e de ses limites afin de faire appel au réseau et pouvoir réorienter les "
          "familles vers le/la professionnel·le le/la plus adapté·e."),
    ),
    (
        "criterion_involvement",
        _("S'investir au sein de l'association (Prorencontres, Intervisions, implication bénévole, "
          "co-animation, autres projets)."),
    ),
]


# Short names of the criteria, for the commission's assessments and summaries.
CRITERIA_SHORT = [
    ("criterion_charter", _("1. La charte")),
    ("criterion_practice", _("2. Interroger sa pratique")),
    ("criterion_limits", _("3. Connaître ses limites")),
    ("criterion_involvement", _("4. S'investir")),
]


class Profession(models.Model):
    """A perinatal profession an applicant can choose (an editable list)."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    name_en = models.CharField(
        _("nom en anglais"), max_length=100, blank=True, help_text=_("Affiché sur le site anglais ; le nom français sinon.")
    )
    registration_label = models.CharField(
        _("numéro d'enregistrement"),
        max_length=20,
        blank=True,
        help_text=_("RPPS ou ADELI si la profession en a un ; vide sinon."),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("registration_label"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("profession")
        verbose_name_plural = _("professions")

    def __str__(self):
        return self.name

    @property
    def label(self):
        from network.models.taxonomy import localised

        return localised(self.name, self.name_en)


class Application(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A professional's application to join the network, reviewed collectively by the
    commission in the "Commission review" workflow.

    Private: visible to the commission and superusers only. Contact details stay here and
    are never copied to the public directory; a rejected application is erased after a
    retention period.
    """

    class Status(models.TextChoices):
        IN_REVIEW = "in_review", _("en cours d'examen")
        CHANGES_REQUESTED = "changes_requested", _("modifications demandées")
        ACCEPTED = "accepted", _("acceptée")
        REJECTED = "rejected", _("refusée")

    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    profession = models.ForeignKey(Profession, on_delete=models.PROTECT, verbose_name=_("profession"))
    registration_number = models.CharField(_("numéro RPPS / ADELI"), max_length=20, blank=True)
    structure = models.CharField(_("structure d'exercice"), max_length=200, blank=True)
    commune = models.CharField(_("commune"), max_length=100)
    postcode = models.CharField(
        _("code postal"), max_length=5, validators=[RegexValidator(r"^\d{5}$", _("Cinq chiffres."))]
    )
    home_visits = models.BooleanField(_("visites à domicile"), default=False)
    languages = models.CharField(_("langues parlées"), max_length=200, blank=True)
    themes = models.CharField(_("thèmes"), max_length=300, blank=True)
    presentation = models.TextField(_("présentation publique"), max_length=1500)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    criterion_charter = models.TextField(_("critère 1 : la charte"), max_length=2000)
    criterion_practice = models.TextField(_("critère 2 : interroger sa pratique"), max_length=2000)
    criterion_limits = models.TextField(_("critère 3 : connaître ses limites"), max_length=2000)
    criterion_involvement = models.TextField(_("critère 4 : s'investir"), max_length=2000)
    charter_version = models.CharField(_("version de la charte acceptée"), max_length=20)
    charter_accepted_at = models.DateTimeField(_("charte acceptée le"))
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.IN_REVIEW)
    decision_reason = models.TextField(_("motif de la décision"), blank=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    # A private link to amend the application after the commission asked for changes:
    # only a hash of it is kept.
    amend_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    amend_token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    # One per filled-in form: a double click or a resent form makes no second application.
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    # Set once the retention job has reduced an accepted application to membership data.
    minimised = models.BooleanField(default=False, editable=False)
    member = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="applications",
        verbose_name=_("compte membre"),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("first_name", read_only=True),
                FieldPanel("last_name", read_only=True),
                FieldPanel("profession", read_only=True),
                FieldPanel("registration_number", read_only=True),
            ],
            heading=_("Identité"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("structure", read_only=True),
                FieldPanel("commune", read_only=True),
                FieldPanel("postcode", read_only=True),
                FieldPanel("home_visits", read_only=True),
                FieldPanel("languages", read_only=True),
                FieldPanel("themes", read_only=True),
                FieldPanel("presentation", read_only=True),
            ],
            heading=_("Pratique"),
        ),
        MultiFieldPanel(
            [FieldPanel("email", read_only=True), FieldPanel("phone", read_only=True)],
            heading=_("Coordonnées (privées)"),
        ),
        MultiFieldPanel(
            [FieldPanel(name, read_only=True) for name, _label in CRITERIA],
            heading=_("Les quatre critères de la commission"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("charter_version", read_only=True),
                FieldPanel("charter_accepted_at", read_only=True),
                FieldPanel("status", read_only=True),
                FieldPanel("decision_reason"),
            ],
            heading=_("Décision"),
        ),
        VotesPanel(heading=_("Pièces jointes et votes de la commission")),
    ]

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission_key"], condition=~models.Q(submission_key=""), name="one_application_per_form"
            )
        ]
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.profession})"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def commission_votes(self):
        """The commission's votes on this application, every review round included."""
        from django.contrib.contenttypes.models import ContentType

        from network.models import Vote

        return Vote.objects.filter(
            task_state__workflow_state__base_content_type=ContentType.objects.get_for_model(Application),
            task_state__workflow_state__object_id=str(self.pk),
        ).select_related("voter").order_by("task_state__started_at", "created_at")

    commission_votes.short_description = _("votes de la commission")

    def attachments(self):
        return self.documents.all()

    attachments.short_description = _("pièces jointes")

    def get_attachments_display(self):
        from django.urls import reverse
        from django.utils.html import format_html_join

        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("network:application_document", args=[d.pk]), d.original_name) for d in self.documents.all()),
        ) or _("Aucune pièce jointe.")

    def get_commission_votes_display(self):
        return "\n".join(
            f"{vote.voter.get_full_name() or vote.voter.get_username()} — {vote.get_choice_display()}"
            + (f" : {vote.comment}" if vote.comment else "")
            for vote in self.commission_votes()
        ) or _("Aucun vote.")


class ApplicationDocument(models.Model):
    """A supporting document sent with an application (PDF, JPEG or PNG), kept in private
    storage and shown to the commission only."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("fichier"), upload_to="applications", storage=private_storage)
    original_name = models.CharField(_("nom du fichier"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("taille"))

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    def __str__(self):
        return self.original_name



@receiver(post_delete, sender=ApplicationDocument)
def delete_document_file(sender, instance, **kwargs):
    """Also on cascade deletes (an application deleted from the admin): remove the file
    once the deletion is committed."""
    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
