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
    "check_payment", "record_payment", "issue_payment", "cancel_payment", "record_later_instalment",
    "cancel_refunded_payment",
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
def record_payment(user, *, paid_on, amount, method, reference="", recorded_by=None, helloasso_payment_id=None,
                   instalment_number=None):
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
        recorded_by=recorded_by, helloasso_payment_id=helloasso_payment_id, instalment_number=instalment_number,
    )


@transaction.atomic
def record_later_instalment(user, period, *, paid_on, amount, method, reference="", recorded_by=None,
                            helloasso_payment_id=None, instalment_number=None):
    """A later instalment of a fee whose first instalment opened `period`: a payment with its
    own receipt for the amount received, that never moves the period's dates."""
    check_payment(amount, paid_on)
    user = User.objects.select_for_update().get(pk=user.pk)
    return issue_payment(
        user, None, paid_on=paid_on, amount=amount, method=method, reference=reference, recorded_by=recorded_by,
        helloasso_payment_id=helloasso_payment_id, instalment_number=instalment_number, instalment_period=period,
    )


def issue_payment(user, membership, *, paid_on, amount, method, reference="", recorded_by=None,
                  helloasso_payment_id=None, instalment_number=None, instalment_period=None):
    """The payment of `membership`'s period (or an instalment towards `instalment_period`),
    with the next receipt number of the year and its receipt e-mailed (inside the caller's
    transaction)."""
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
        instalment_number=instalment_number,
        instalment_period=instalment_period,
    )
    send_receipt(payment)
    logger.info("Payment %s recorded (receipt %s).", payment.pk, payment.receipt_number)
    return payment


def _release_period(payment, *, refuse_when_renewed):
    """Take the membership period `payment` opened away from it. Another live instalment of
    the same fee takes it over unchanged; otherwise the period goes: removed, or, for the
    first payment after acceptance, back to the period to pay the first fee. With
    `refuse_when_renewed`, refused when a renewal was recorded after it (cancel that first)."""
    from fees.models import Payment

    membership = payment.membership
    if membership is None:
        return
    successor = (
        Payment.objects.select_for_update(of=("self",))
        .filter(instalment_period=membership, cancelled_at__isnull=True)
        .exclude(pk=payment.pk)
        .order_by("instalment_number", "paid_on", "pk")
        .first()
    )
    if successor is not None:
        # Another instalment of the same fee was received: the period stays as it was opened.
        payment.membership = None
        payment.save(update_fields=["membership"])
        successor.membership, successor.instalment_period = membership, None
        successor.save(update_fields=["membership", "instalment_period"])
        return
    if refuse_when_renewed:
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
    payment.save(update_fields=["membership"])
    # Cancelled instalments pointing at the period no longer pay for anything.
    Payment.objects.filter(instalment_period=membership).update(instalment_period=None)
    if membership.application_id:
        # The first payment after (re)admission: back to the period to pay the first fee.
        decided = membership.application.decided_at
        accepted_on = timezone.localdate(decided) if decided else membership.start_date
        membership.source = Membership.Source.ACCEPTANCE
        membership.start_date, membership.end_date = first_fee_period(accepted_on)
        membership.save()
    else:
        membership.delete()


def _mark_cancelled(payment, *, by, reason):
    payment.instalment_period = None  # a cancelled payment pays for no period
    payment.cancelled_at = timezone.now()
    payment.cancelled_by = by
    payment.cancellation_reason = reason.strip()[:200]
    payment.save(update_fields=["membership", "instalment_period", "cancelled_at", "cancelled_by",
                                "cancellation_reason"])


@transaction.atomic
def cancel_payment(payment, *, by, reason):
    """Cancel a payment recorded by mistake. Its receipt number stays used (the receipt is
    marked cancelled) and the membership period it paid for goes: removed, or, for the first
    payment after acceptance, back to the period to pay the first fee (unless another
    instalment of the same fee takes it over). Refused when a later period was recorded after
    it (cancel that one first). The member is told by e-mail."""
    from fees.models import HelloAssoInstalment, HelloAssoOrder, Payment
    from fees.receipts import send_cancellation

    payment = Payment.objects.select_for_update(of=("self",)).select_related("membership").get(pk=payment.pk)
    if payment.cancelled:
        raise ValidationError(_("Ce paiement est déjà annulé."))
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez le motif de l'annulation.")})
    if payment.user_id is not None:
        User.objects.select_for_update().get(pk=payment.user_id)
    _release_period(payment, refuse_when_renewed=True)
    instalment = HelloAssoInstalment.objects.filter(payment=payment).select_related("order").first()
    order = instalment.order if instalment is not None else HelloAssoOrder.objects.filter(payment=payment).first()
    if instalment is not None:
        # Recorded for the wrong member: the money received waits to be attached again.
        instalment.payment = None
        instalment.save(update_fields=["payment"])
    if order is not None:
        # The money HelloAsso collected waits again in the treasurer's queue, to be attached
        # to the right member or set aside (refunded).
        order.status, order.resolved_at, order.member = HelloAssoOrder.Status.UNMATCHED, None, None
        if order.payment_id == payment.pk:
            order.payment = None
        order.save(update_fields=["status", "payment", "resolved_at", "member"])
    _mark_cancelled(payment, by=by, reason=reason)
    payment.member_told = send_cancellation(payment)
    logger.info("Payment %s cancelled (receipt %s).", payment.pk, payment.receipt_number)
    return payment


@transaction.atomic
def cancel_refunded_payment(payment, *, reason):
    """HelloAsso says the money of a recorded payment went back (refunded, being refunded,
    or contested by the payer's bank): the payment is kept, marked cancelled with `reason`,
    its receipt marked cancelled, and it no longer pays for a period (another instalment of
    the same fee takes the period over, else it goes, as for a cancellation). Never refused:
    the money is gone whatever was recorded since. The member and the treasurers are told.
    Returns False when it was already cancelled."""
    from fees.models import Payment
    from fees.receipts import send_cancellation, tell_treasurers_of_cancellation

    payment = Payment.objects.select_for_update(of=("self",)).select_related("membership").get(pk=payment.pk)
    if payment.cancelled:
        return False
    if payment.user_id is not None:
        User.objects.select_for_update().get(pk=payment.user_id)
    _release_period(payment, refuse_when_renewed=False)
    _mark_cancelled(payment, by=None, reason=reason)
    payment.member_told = send_cancellation(payment)
    tell_treasurers_of_cancellation(payment)
    logger.info("Payment %s cancelled by HelloAsso (receipt %s).", payment.pk, payment.receipt_number)
    return True
