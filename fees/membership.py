"""Recording a membership fee (with its receipt number and its receipt e-mail), the fee and
how to pay it. The periods' rules (which period a payment pays for, what state a member is
in) live with the model, in network.membership, and are read from here too."""

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from network.membership import (
    ENDING_SOON_DAYS,
    State,
    first_fee_period,
    latest_membership,
    period_for_payment,
    state_of,
)
from network.models import Membership

logger = logging.getLogger(__name__)

__all__ = [
    "ENDING_SOON_DAYS", "State", "first_fee_period", "latest_membership", "period_for_payment", "state_of",
    "fee_amount", "fee_display", "online_payment_enabled", "pay_online_url", "how_to_pay", "next_receipt_number",
    "check_payment", "record_payment", "issue_payment", "cancel_payment",
]

def fee_amount():
    return Decimal(settings.MEMBERSHIP_FEE)


def fee_display():
    amount = fee_amount()
    return formats.number_format(amount, decimal_pos=0 if amount == amount.to_integral() else 2)


def online_payment_enabled():
    """Online payment is offered only when HelloAsso's API credentials and form are set."""
    return bool(
        settings.HELLOASSO_CLIENT_ID
        and settings.HELLOASSO_CLIENT_SECRET
        and settings.HELLOASSO_ORGANIZATION_SLUG
        and settings.HELLOASSO_FORM_URL
    )


def pay_online_url():
    return settings.HELLOASSO_FORM_URL if online_payment_enabled() else ""


def how_to_pay(site=None):
    """The fee and how to pay it, as the member space, the welcome e-mail and the reminders
    say it (`site`: the default site when not given)."""
    from wagtail.models import Site

    from fees.models import FeeSettings

    site = site or Site.objects.filter(is_default_site=True).first()
    return {
        "fee": fee_display(),
        "pay_online_url": pay_online_url(),
        "payment_instructions": FeeSettings.for_site(site).payment_instructions if site else "",
    }


def next_receipt_number(year):
    """The next sequential receipt number of `year`, safe against concurrent payments."""
    from fees.models import ReceiptCounter

    try:
        with transaction.atomic():
            ReceiptCounter.objects.get_or_create(year=year)
    except IntegrityError:  # created meanwhile by a concurrent payment
        pass
    ReceiptCounter.objects.filter(year=year).update(last=F("last") + 1)
    return ReceiptCounter.objects.select_for_update().get(year=year).last


def check_payment(amount, paid_on, today=None):
    today = today or timezone.localdate()
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = _("Le montant doit être supérieur à zéro.")
    if paid_on is None:
        errors["paid_on"] = _("Indiquez la date du paiement.")
    elif paid_on > today:
        errors["paid_on"] = _("La date du paiement ne peut pas être dans le futur.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_payment(user, *, paid_on, amount, method, reference="", recorded_by=None, helloasso_payment_id=None):
    """Record a membership fee: the period it pays for, a receipt number, and the receipt
    e-mailed to the member (through the outbox, in this same transaction). Two payments
    recorded at once for the same member are serialised on the member's row, so the second
    extends the first instead of overlapping it."""
    check_payment(amount, paid_on)
    user = User.objects.select_for_update().get(pk=user.pk)
    latest = latest_membership(user)
    start, end = period_for_payment(latest, paid_on)
    if latest is not None and latest.source == Membership.Source.ACCEPTANCE:
        membership = latest
        membership.start_date, membership.end_date, membership.source = start, end, Membership.Source.PAYMENT
        membership.save()
    else:
        membership = Membership.objects.create(
            user=user, start_date=start, end_date=end, source=Membership.Source.PAYMENT
        )
    return issue_payment(
        user, membership, paid_on=paid_on, amount=amount, method=method, reference=reference,
        recorded_by=recorded_by, helloasso_payment_id=helloasso_payment_id,
    )


def issue_payment(user, membership, *, paid_on, amount, method, reference="", recorded_by=None,
                  helloasso_payment_id=None):
    """The payment of `membership`'s period, with the next receipt number of the year and its
    receipt e-mailed (inside the caller's transaction)."""
    from fees.models import Payment
    from fees.receipts import send_receipt

    year = timezone.localdate().year
    payment = Payment.objects.create(
        receipt_year=year,
        receipt_sequence=next_receipt_number(year),
        user=user,
        payer_name=user.get_full_name() or user.username,
        paid_on=paid_on,
        amount=amount,
        method=method,
        reference=reference,
        membership=membership,
        recorded_by=recorded_by,
        helloasso_payment_id=helloasso_payment_id,
    )
    send_receipt(payment)
    logger.info("Payment %s recorded (receipt %s).", payment.pk, payment.receipt_number)
    return payment


@transaction.atomic
def cancel_payment(payment, *, by, reason):
    """Cancel a payment recorded by mistake. Its receipt number stays used (the receipt is
    marked cancelled) and the membership period it paid for goes: removed, or, for the first
    payment after acceptance, back to the period to pay the first fee. Refused when a later
    period was recorded after it (cancel that one first). The member is told by e-mail."""
    from fees.models import HelloAssoOrder, Payment
    from fees.receipts import send_cancellation

    payment = Payment.objects.select_for_update(of=("self",)).select_related("membership").get(pk=payment.pk)
    if payment.cancelled:
        raise ValidationError(_("Ce paiement est déjà annulé."))
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez le motif de l'annulation.")})
    if payment.user_id is not None:
        User.objects.select_for_update().get(pk=payment.user_id)
    membership = payment.membership
    if membership is not None:
        # A renewal paid before the end starts the day after this period: it depends on it.
        following = Payment.objects.filter(
            membership__user_id=membership.user_id,
            membership__start_date=membership.end_date + datetime.timedelta(days=1),
            cancelled_at__isnull=True,
        ).first()
        if following is not None:
            raise ValidationError(
                _("Un renouvellement a été enregistré après ce paiement : annulez d'abord le paiement du reçu "
                  "%(number)s.") % {"number": following.receipt_number}
            )
        payment.membership = None
        if membership.application_id:
            # The first payment after (re)admission: back to the period to pay the first fee.
            decided = membership.application.decided_at
            accepted_on = timezone.localdate(decided) if decided else membership.start_date
            membership.source = Membership.Source.ACCEPTANCE
            membership.start_date, membership.end_date = first_fee_period(accepted_on)
            membership.save()
        else:
            membership.delete()
    order = HelloAssoOrder.objects.filter(payment=payment).first()
    if order is not None:
        # The money HelloAsso collected waits again in the treasurer's queue, to be attached
        # to the right member or set aside (refunded).
        order.status, order.payment, order.resolved_at = HelloAssoOrder.Status.UNMATCHED, None, None
        order.save(update_fields=["status", "payment", "resolved_at"])
    payment.cancelled_at = timezone.now()
    payment.cancelled_by = by
    payment.cancellation_reason = reason.strip()[:200]
    payment.save(update_fields=["membership", "cancelled_at", "cancelled_by", "cancellation_reason"])
    payment.member_told = send_cancellation(payment)
    logger.info("Payment %s cancelled (receipt %s).", payment.pk, payment.receipt_number)
    return payment
