"""Individual support of families referred by partner institutions.

Minimum data: who to contact and how, why they were referred (a category, a short text), the
contacts and steps of the support, the family's consents and requests. Everything that names or
locates a family, and every free text, is encrypted (`support.crypto`). None of it is a Wagtail
page, snippet or indexed model: no admin listing, no search, no API can reach it. Access goes
through `support.access` (per family) and every read is written to `AccessLog`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from support.crypto import EncryptedTextField

NOTE_REMINDER = _(
    "Ne notez que ce qui est utile à l'accompagnement : aucun détail médical, aucun diagnostic, "
    "rien sur des tiers, pas de jugement. La famille peut demander à lire ce qui est écrit."
)


def reference_for(family_pk):
    """A family's reference (F-00012): what lists, e-mails and logs show instead of a name."""
    return f"F-{family_pk:05d}" if family_pk else "F-?"


class Referrer(models.Model):
    """A referring professional of a partner institution (MDS, emergency housing, neonatology…):
    an account created by a coordinator, attached to the institution, that sends referrals and
    then sees their status only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referrer", verbose_name=_("compte")
    )
    institution = models.ForeignKey(
        "network.PartnerStructure", on_delete=models.PROTECT, related_name="referrers", verbose_name=_("institution")
    )
    job_title = models.CharField(_("fonction"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("professionnel·le orienteur·rice")
        verbose_name_plural = _("professionnel·les orienteur·rices")

    def __str__(self):
        return f"{self.user.get_full_name()} ({self.institution})"


class Family(models.Model):
    """A family referred by a partner institution, and the individual support that follows:
    first at home with a field referent, then towards the association's collective spaces,
    then towards the structures near where they live."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Reçue")
        IN_PROGRESS = "in_progress", _("En cours")
        CLOSED = "closed", _("Clôturée")

    class Reason(models.TextChoices):
        ISOLATION = "isolation", _("Isolement")
        PRECARITY = "precarity", _("Précarité sociale ou financière")
        HOUSING = "housing", _("Logement, hébergement d'urgence")
        BABY_HOSPITAL = "baby_hospital", _("Prématurité ou hospitalisation du bébé")
        PARENTING = "parenting", _("Signes de difficulté dans la relation parent-bébé")
        ARRIVAL = "arrival", _("Arrivée récente, barrière de la langue")
        OTHER = "other", _("Autre")

    class Outcome(models.TextChoices):
        COLLECTIVE = "collective", _("A rejoint les espaces collectifs de l'association")
        STRUCTURE = "structure", _("Relais pris par une structure de proximité")
        ENDED = "ended", _("Fin à la demande de la famille")
        MOVED = "moved", _("Déménagement")
        REFUSED = "refused", _("La famille n'a pas souhaité être accompagnée")
        UNREACHABLE = "unreachable", _("Famille injoignable, sans réponse")
        OTHER = "other", _("Autre")

    # Refused or never answered: erased after SUPPORT_UNANSWERED_RETENTION_MONTHS.
    UNANSWERED_OUTCOMES = (Outcome.REFUSED, Outcome.UNREACHABLE)

    referrer = models.ForeignKey(
        Referrer, on_delete=models.SET_NULL, null=True, blank=True, related_name="families", verbose_name=_("orienteur·rice")
    )
    institution = models.ForeignKey(
        "network.PartnerStructure", on_delete=models.PROTECT, related_name="referred_families", verbose_name=_("institution")
    )
    referred_at = models.DateTimeField(_("orientée le"), default=timezone.now)
    # Identifying fields: encrypted.
    contact_name = EncryptedTextField(_("nom et prénom du ou des parents"), max_length=150)
    phone = EncryptedTextField(_("téléphone"), max_length=30, blank=True)
    email = EncryptedTextField(_("e-mail"), max_length=254, blank=True)
    address = EncryptedTextField(_("adresse"), max_length=250, blank=True)
    reason = models.CharField(_("motif"), max_length=20, choices=Reason.choices)
    reason_note = EncryptedTextField(_("en quelques mots"), max_length=600, blank=True)
    language = models.ForeignKey(
        "network.Language", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("langue préférée")
    )
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="followed_families", verbose_name=_("référent·e de terrain"),
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("clôturée le"), null=True, blank=True)
    outcome = models.CharField(_("issue"), max_length=20, choices=Outcome.choices, blank=True)
    closing_summary = EncryptedTextField(_("synthèse pour l'orienteur·rice"), max_length=800, blank=True)

    class Meta:
        verbose_name = _("famille accompagnée")
        verbose_name_plural = _("familles accompagnées")
        ordering = ["-referred_at"]
        permissions = [
            ("coordinate_support", _("Coordonner l'accompagnement des familles (toutes les familles)")),
            ("follow_families", _("Accompagner les familles confiées (référent·e de terrain)")),
            ("refer_families", _("Orienter des familles (institution partenaire)")),
            ("view_support_statistics", _("Voir les statistiques anonymisées de l'accompagnement")),
        ]

    def __str__(self):
        return self.reference  # never the name: this string can end up in logs

    @property
    def reference(self):
        return reference_for(self.pk)

    def consent(self, purpose):
        """The family's latest answer for `purpose` (None: never asked)."""
        records = [record for record in self.consents.all() if record.purpose == purpose]  # prefetch-friendly
        if not records:
            return None
        return max(records, key=lambda record: (record.recorded_at, record.pk)).given

    @property
    def summary_shared(self):
        """The referrer may read the closing summary: the support is closed, there is a
        summary, and the family's latest answer about sharing it is yes."""
        return (
            self.status == self.Status.CLOSED
            and bool(self.closing_summary)
            and self.consent(Consent.Purpose.SHARE_SUMMARY) is True
        )


class Consent(models.Model):
    """What the family agreed to (or refused), when, and who recorded it. The latest record
    for a purpose is the family's current answer; earlier ones are kept as the history."""

    class Purpose(models.TextChoices):
        CONTACT = "contact", _("Être contactée par l'association (recueilli par l'orienteur·rice)")
        SUPPORT = "support", _("Être accompagnée, et que l'association garde pour cela ces informations, motif de l'orientation compris")
        SHARE_SUMMARY = "share_summary", _("Qu'une synthèse de fin d'accompagnement soit transmise à l'orienteur·rice")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("objet"), max_length=20, choices=Purpose.choices)
    given = models.BooleanField(_("accord"))
    recorded_at = models.DateTimeField(_("recueilli le"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recueilli par")
    )

    class Meta:
        verbose_name = _("consentement")
        verbose_name_plural = _("consentements")
        ordering = ["recorded_at", "pk"]


class Contact(models.Model):
    """One contact with the family: a home visit, a call, an accompanied outing."""

    class Kind(models.TextChoices):
        HOME_VISIT = "home_visit", _("Visite à domicile")
        PHONE = "phone", _("Téléphone")
        OUTING = "outing", _("Sortie accompagnée")
        OTHER = "other", _("Autre rencontre")

    class With(models.TextChoices):
        MOTHER = "mother", _("La mère")
        FATHER = "father", _("Le père")
        PARENTS = "parents", _("Les deux parents")
        PARENT_BABY = "parent_baby", _("Parent(s) et bébé")
        FAMILY = "family", _("Toute la famille")
        OTHER = "other", _("Autre")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField(_("date"))
    kind = models.CharField(_("type de contact"), max_length=20, choices=Kind.choices)
    with_whom = models.CharField(_("avec qui"), max_length=20, choices=With.choices)
    note = EncryptedTextField(_("note brève"), max_length=600, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-date", "-pk"]


class Step(models.Model):
    """A step of the path: the first home visit, a collective space joined (an event of the
    association the family attended), a local structure the family was oriented to."""

    class Kind(models.TextChoices):
        FIRST_HOME_VISIT = "first_home_visit", _("Première visite à domicile")
        COLLECTIVE_SPACE = "collective_space", _("A rejoint un espace collectif")
        LOCAL_STRUCTURE = "local_structure", _("Orientée vers une structure de proximité")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("étape"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    event = models.ForeignKey(
        "resources.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("temps collectif"),
    )
    structure = models.ForeignKey(
        "network.PartnerStructure", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("structure"),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("étape")
        verbose_name_plural = _("étapes")
        ordering = ["date", "pk"]

    def clean(self):
        if self.kind == self.Kind.COLLECTIVE_SPACE and not self.event_id:
            raise ValidationError({"event": _("Choisissez le temps collectif auquel la famille a participé.")})
        if self.kind == self.Kind.LOCAL_STRUCTURE and not self.structure_id:
            raise ValidationError({"structure": _("Choisissez la structure vers laquelle la famille est orientée.")})


class DataRequest(models.Model):
    """A family's request about its data (GDPR): to read it, to correct it, to erase it."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Accès à ses données")
        CORRECTION = "correction", _("Rectification")
        ERASURE = "erasure", _("Effacement")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(_("demande"), max_length=20, choices=Kind.choices)
    received_on = models.DateField(_("reçue le"), default=timezone.localdate)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    completed_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    @property
    def family_reference(self):
        return reference_for(self.family_id)

    @property
    def due_on(self):
        """The GDPR's time limit to answer: one month from receipt."""
        from support.retention import months_after

        return months_after(self.received_on, 1)

    @property
    def overdue(self):
        return self.completed_at is None and timezone.localdate() > self.due_on

    class Meta:
        verbose_name = _("demande de la famille")
        verbose_name_plural = _("demandes des familles")
        ordering = ["-received_on", "-pk"]


class AccessLog(models.Model):
    """Who opened, changed or exported which family's record, and when. Kept after the
    family's erasure (with the reference only), for SUPPORT_ACCESS_LOG_RETENTION_MONTHS."""

    class Action(models.TextChoices):
        VIEW = "view", _("Consultation")
        CHANGE = "change", _("Modification")
        EXPORT = "export", _("Export des données (demande d'accès)")
        SUMMARY = "summary", _("Lecture de la synthèse par l'orienteur·rice")
        ERASE = "erase", _("Effacement")

    family = models.ForeignKey(Family, on_delete=models.SET_NULL, null=True, related_name="access_log")
    reference = models.CharField(max_length=12)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)

    class Meta:
        ordering = ["-at", "-pk"]


class AnonymisedSupport(models.Model):
    """What stays of an erased family: the numbers the statistics need, nothing that names,
    locates or dates a family more precisely than a month."""

    referral_month = models.DateField()
    institution = models.ForeignKey("network.PartnerStructure", on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.CharField(max_length=20, choices=Family.Reason.choices)
    days_to_first_contact = models.PositiveIntegerField(null=True)
    contacts = models.PositiveIntegerField(default=0)
    reached_collective = models.BooleanField(default=False)
    reached_structure = models.BooleanField(default=False)
    closed_month = models.DateField(null=True)
    outcome = models.CharField(max_length=20, choices=Family.Outcome.choices, blank=True)
    erased_on = models.DateField(default=timezone.localdate)
    # Erased at the family's request (the trace that the request was carried out), not by the job.
    erased_on_request = models.BooleanField(default=False)


class ErasureRun(models.Model):
    """What one run of the retention job erased: counts only."""

    ran_at = models.DateTimeField(default=timezone.now)
    closed = models.PositiveIntegerField(default=0)
    unanswered = models.PositiveIntegerField(default=0)
    log_entries = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-ran_at"]


class DropInSession(models.Model):
    """A "permanence familles": drop-in hours at a partner's premises (UDAF 31…), where
    families come without an appointment. Only anonymous counts are kept."""

    date = models.DateField(_("date"))
    start_time = models.TimeField(_("début"))
    end_time = models.TimeField(_("fin"))
    place = models.ForeignKey(
        "network.PartnerStructure", on_delete=models.PROTECT, related_name="drop_in_sessions", verbose_name=_("lieu")
    )
    families_seen = models.PositiveSmallIntegerField(_("familles reçues"), null=True, blank=True)
    themes = models.ManyToManyField(
        "network.Theme", through="DropInTheme", related_name="+", blank=True, verbose_name=_("thèmes abordés")
    )

    class Meta:
        verbose_name = _("permanence familles")
        verbose_name_plural = _("permanences familles")
        ordering = ["date", "start_time"]

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("La fin doit suivre le début.")})


class DropInTheme(models.Model):
    """How many families raised a theme at one drop-in session."""

    session = models.ForeignKey(DropInSession, on_delete=models.CASCADE, related_name="theme_counts")
    theme = models.ForeignKey("network.Theme", on_delete=models.CASCADE, related_name="+")
    families = models.PositiveSmallIntegerField()

    class Meta:
        unique_together = [("session", "theme")]
