from decimal import Decimal

from django.utils import timezone

from fees import membership as rules


def paid_membership(user, paid_on=None, amount=Decimal("30.00"), method="cheque", **kwargs):
    """Record a fee for `user` through the real rules (period, receipt number, receipt)."""
    return rules.record_payment(
        user, paid_on=paid_on or timezone.localdate(), amount=amount, method=method, **kwargs
    )

