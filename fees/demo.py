"""The demo members' payments (development only: `manage.py create_demo_accounts`)."""

from django.db import transaction

from fees import membership as rules
from fees.models import Payment
from network.demo import DEMO_EMAIL_DOMAIN
from network.models import Membership


@transaction.atomic
def create_demo_payments():
    """A cheque for each demo member's paid year that has no payment yet (the demo members of
    network.demo.make_member, not generate_fake_members' ones): a receipt number, and the
    receipt in the demo mailbox, as the treasurer's rules issue them."""
    unpaid = Membership.objects.filter(
        source=Membership.Source.PAYMENT, payment__isnull=True, user__email__endswith=DEMO_EMAIL_DOMAIN
    ).select_related("user")
    for membership in unpaid:
        rules.issue_payment(membership.user, membership, paid_on=membership.start_date, amount=rules.fee_amount(),
                            method=Payment.Method.CHEQUE)
    return len(unpaid)
