"""The demo members' payments (development only: `manage.py create_demo_accounts`)."""

from django.db import transaction
from django.utils import timezone

from fees import membership as rules
from fees.models import Payment
from fees.receipts import send_receipt
from network.demo import DEMO_EMAIL_DOMAIN
from network.models import Membership


@transaction.atomic
def create_demo_payments():
    """A cheque for each demo member's paid year that has no payment yet: a receipt number,
    and the receipt in the demo mailbox, as the treasurer's rules record them."""
    created = 0
    year = timezone.localdate().year
    # The demo members (network.demo.make_member), not the fake ones of generate_fake_members.
    unpaid = Membership.objects.filter(
        source=Membership.Source.PAYMENT, payment__isnull=True, user__email__endswith=DEMO_EMAIL_DOMAIN
    ).select_related("user")
    for membership in unpaid:
        user = membership.user
        payment = Payment.objects.create(
            receipt_year=year,
            receipt_sequence=rules.next_receipt_number(year),
            user=user,
            payer_name=user.get_full_name() or user.username,
            paid_on=membership.start_date,
            amount=rules.fee_amount(),
            method=Payment.Method.CHEQUE,
            membership=membership,
        )
        send_receipt(payment)
        created += 1
    return created
