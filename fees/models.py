"""Payments of the yearly membership fee, their receipts, the notices sent around the end of
a membership, and HelloAsso orders waiting to be matched to a member.

A membership period itself is `network.Membership`; a payment pays for exactly one period."""

from decimal import Decimal

from django.conf import settings
from django.contrib import admin
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class Payment(models.Model):
    class Method(models.TextChoices):
        CHEQUE = "cheque", _("Chèque")
        TRANSFER = "transfer", _("Virement")
        CASH = "cash", _("Espèces")
        HELLOASSO = "helloasso", "HelloAsso"

    receipt_year = models.PositiveSmallIntegerField(_("année du reçu"), editable=False)
    receipt_sequence = models.PositiveIntegerField(_("numéro dans l'année"), editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="payments",
        verbose_name=_("membre"),
    )
    # Kept for the association's accounts when the member's account is erased.
    payer_name = models.CharField(_("nom de l'adhérent·e"), max_length=200)
    paid_on = models.DateField(_("date du paiement"))
    amount = models.DecimalField(
        _("montant (€)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    method = models.CharField(_("moyen de paiement"), max_length=20, choices=Method.choices)
    reference = models.CharField(
        _("référence"), max_length=100, blank=True, help_text=_("Numéro de chèque, libellé du virement…")
    )
    membership = models.OneToOneField(
        "network.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="payment",
        verbose_name=_("période d'adhésion"),
    )
    helloasso_payment_id = models.CharField(max_length=40, null=True, blank=True, editable=False)
    recorded_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    receipt_sent_at = models.DateTimeField(_("reçu envoyé le"), null=True, blank=True, editable=False)
    # A fee paid in several instalments on HelloAsso: each instalment is a payment of its own,
    # with its receipt for what was received; the first opens the period (`membership`), the
    # later ones only point at it here and never move its dates.
    instalment_number = models.PositiveSmallIntegerField(_("échéance n°"), null=True, blank=True, editable=False)
    instalment_period = models.ForeignKey(
        "network.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("période payée en plusieurs fois"),
    )
    # A payment recorded by mistake is cancelled, never deleted: its receipt number stays used.
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True, editable=False)
    # None when HelloAsso cancelled it (refund or dispute).
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False,
        verbose_name=_("annulé par"),
    )
    cancellation_reason = models.CharField(_("motif de l'annulation"), max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["-paid_on", "-receipt_year", "-receipt_sequence"]
        verbose_name = _("paiement")
        verbose_name_plural = _("paiements")
        permissions = [
            ("view_board_report", _("Voir les rapports du bureau")),
            ("import_members", _("Importer les adhérent·es existant·es")),
            ("cancel_payment", _("Annuler un paiement enregistré par erreur")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["receipt_year", "receipt_sequence"], name="unique_receipt_number"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive"),
            # Each HelloAsso payment is recorded once (a cancelled record may be recorded again).
            models.UniqueConstraint(
                fields=["helloasso_payment_id"],
                condition=models.Q(cancelled_at__isnull=True),
                name="one_live_payment_per_helloasso_payment",
            ),
        ]

    def __str__(self):
        return _("Reçu %(number)s") % {"number": self.receipt_number}

    @property
    def cancelled(self):
        return self.cancelled_at is not None

    @property
    @admin.display(description=_("État"))
    def state_label(self):
        if self.cancelled_at is None:
            return _("Enregistré")
        date = date_format(timezone.localdate(self.cancelled_at), "j F Y")
        if self.cancellation_reason:
            return _("Annulé le %(date)s : %(reason)s") % {"date": date, "reason": self.cancellation_reason}
        return _("Annulé le %(date)s") % {"date": date}

    @property
    def period_membership(self):
        """The membership period this payment pays for: the one it opened, or, for a later
        instalment, the one the first instalment opened."""
        return self.membership if self.membership_id else self.instalment_period

    @property
    @admin.display(description=_("Période d'adhésion"))
    def period(self):
        membership = self.period_membership
        if membership is None:
            return ""
        return f"{membership.start_date:%d/%m/%Y} – {membership.end_date:%d/%m/%Y}"

    @property
    @admin.display(description=_("Échéance"))
    def instalment_label(self):
        if not self.instalment_number:
            return ""
        return _("Échéance n° %(number)s") % {"number": self.instalment_number}

    @property
    @admin.display(description=_("Reçu n°"))
    def receipt_number(self):
        if self.receipt_year is None:
            return ""
        return f"{self.receipt_year}-{self.receipt_sequence:04d}"


class ReceiptCounter(models.Model):
    """The last receipt number given in a year (locked while a payment is recorded)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)


class MembershipNotice(models.Model):
    """A message sent about one membership period: each kind goes out at most once."""

    class Kind(models.TextChoices):
        ENDS_IN_30_DAYS = "ends_in_30", _("Fin dans 30 jours")
        ENDS_IN_7_DAYS = "ends_in_7", _("Fin dans 7 jours")
        LAPSED = "lapsed", _("Adhésion terminée")
        LAPSED_14_DAYS = "lapsed_14", _("Relance 14 jours après la fin")

    membership = models.ForeignKey("network.Membership", on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_on = models.DateField()

    class Meta:
        verbose_name = _("relance d'adhésion")
        verbose_name_plural = _("relances d'adhésion")
        constraints = [models.UniqueConstraint(fields=["membership", "kind"], name="one_notice_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.sent_on:%d/%m/%Y})"


class HelloAssoOrder(models.Model):
    """A HelloAsso order confirmed through HelloAsso's API. Orders whose payer could not be
    matched to a member wait here for the treasurer; the payer's name and e-mail are kept
    only until then."""

    class Status(models.TextChoices):
        UNMATCHED = "unmatched", _("À rattacher à un·e membre")
        RECORDED = "recorded", _("Paiement enregistré")
        IGNORED = "ignored", _("Écartée par le ou la trésorier·e")

    order_id = models.CharField(_("commande HelloAsso"), max_length=40, unique=True)
    # The member the order pays for, once known (matched or attached by the treasurer): its
    # later instalments are recorded for them.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("membre"),
    )
    helloasso_payment_id = models.CharField(_("paiement HelloAsso"), max_length=40, blank=True)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.UNMATCHED)
    paid_on = models.DateField(_("date du paiement"))
    amount = models.DecimalField(_("montant reçu (€)"), max_digits=8, decimal_places=2)
    payer_name = models.CharField(_("nom du payeur"), max_length=200, blank=True)
    payer_email = models.EmailField(_("e-mail du payeur"), blank=True)
    payment = models.OneToOneField(
        Payment, null=True, blank=True, on_delete=models.SET_NULL, related_name="helloasso_order"
    )
    received_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("traitée le"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("commande HelloAsso")
        verbose_name_plural = _("commandes HelloAsso")

    def __str__(self):
        return _("Commande HelloAsso %(id)s") % {"id": self.order_id}


class HelloAssoInstalment(models.Model):
    """One payment HelloAsso took for an order: the whole fee, or one instalment of a fee paid
    in several times. Its state follows HelloAsso's: received (authorised: a payment with its
    receipt), waiting for the bank (a direct debit or transfer not validated yet: nothing
    recorded, no receipt), refused by the bank, or cancelled (refunded, being refunded or
    contested: its payment is kept, marked cancelled)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de validation par la banque")
        RECEIVED = "received", _("Reçu")
        FAILED = "failed", _("Refusé par la banque")
        CANCELLED = "cancelled", _("Remboursé ou contesté")

    order = models.ForeignKey(
        HelloAssoOrder, on_delete=models.CASCADE, related_name="instalments", verbose_name=_("commande HelloAsso")
    )
    helloasso_id = models.CharField(_("paiement HelloAsso"), max_length=40, unique=True)
    number = models.PositiveSmallIntegerField(_("échéance n°"), default=1)
    state = models.CharField(_("état chez HelloAsso"), max_length=40)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices)
    paid_on = models.DateField(_("date du paiement"))
    amount = models.DecimalField(_("montant (€)"), max_digits=8, decimal_places=2)
    payment = models.OneToOneField(
        Payment, null=True, blank=True, on_delete=models.SET_NULL, related_name="helloasso_instalment",
        verbose_name=_("paiement enregistré"),
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        ordering = ["order", "number", "pk"]
        verbose_name = _("échéance HelloAsso")
        verbose_name_plural = _("échéances HelloAsso")

    def __str__(self):
        return _("Échéance n° %(number)s de la commande HelloAsso %(id)s") % {
            "number": self.number, "id": self.order.order_id,
        }


class HelloAssoApiProblem(models.Model):
    """HelloAsso's API refused us for want of a right (HTTP 403): a setting of the association's
    API client on HelloAsso, that only the treasurer can fix, not a passing outage. Shown on
    the fees screens until the orders notified meanwhile have been read again."""

    class Right(models.TextChoices):
        ORDERS = "orders", _("lire les commandes et les paiements (privilège AccessTransactions)")
        CHECKOUT = "checkout", _("lire les paiements commencés sur le site (privilège Checkout)")

    right = models.CharField(max_length=20, choices=Right.choices, unique=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now=True)
    # Order ids only (no personal data), read again when the right is given.
    waiting_order_ids = models.JSONField(default=list)

    class Meta:
        verbose_name = _("problème de clé API HelloAsso")
        verbose_name_plural = _("problèmes de clé API HelloAsso")

    def __str__(self):
        return self.get_right_display()


@register_setting(icon="doc-full")
class FeeSettings(BaseSiteSetting):
    """How members pay their fee other than online, shown in the member space and the
    reminders; kept up to date by the treasurer."""

    payment_instructions = models.TextField(
        _("comment payer la cotisation"),
        blank=True,
        help_text=_("Ordre et adresse pour les chèques, coordonnées bancaires pour les virements…"),
    )
    # What a receipt must state about the association (printed on every receipt).
    rna_number = models.CharField(
        _("numéro RNA"), max_length=20, blank=True,
        help_text=_("Numéro d'inscription au répertoire national des associations (W + 9 chiffres)."),
    )
    siret = models.CharField(_("SIRET"), max_length=20, blank=True, help_text=_("Si l'association en a un."))
    receipt_place = models.CharField(
        _("lieu d'établissement des reçus"), max_length=100, blank=True, help_text=_("La ville du siège, par exemple.")
    )
    signatory_name = models.CharField(_("signataire des reçus"), max_length=120, blank=True)
    signatory_title = models.CharField(
        _("qualité du ou de la signataire"), max_length=120, blank=True, help_text=_("Trésorier·e, président·e…")
    )

    class Meta:
        verbose_name = _("cotisations")
