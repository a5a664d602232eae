import datetime
from decimal import Decimal

from django.utils import timezone

from fees import membership as rules


def paid_membership(user, paid_on=None, amount=Decimal("30.00"), method="cheque", **kwargs):
    """Record a fee for `user` through the real rules (period, receipt number, receipt)."""
    return rules.record_payment(
        user, paid_on=paid_on or timezone.localdate(), amount=amount, method=method, **kwargs
    )


def lapsed_member_payment(user, days_ago=10):
    """A payment whose year ended `days_ago` days ago."""
    today = timezone.localdate()
    from network.models.membership import one_year_from

    paid_on = today - datetime.timedelta(days=400)
    payment = paid_membership(user, paid_on=paid_on)
    end = today - datetime.timedelta(days=days_ago)
    payment.membership.start_date = paid_on
    payment.membership.end_date = end
    payment.membership.save()
    assert one_year_from(paid_on) >= end
    return payment
