"""The fees app's demo step (DEMO_DATA 15): the demo members' payments, no one else's."""

import datetime

from django.utils import timezone

from accounts.factories import UserFactory
from fees.demo import create_demo_payments
from fees.models import Payment
from network.demo import DEMO_EMAIL_DOMAIN
from network.models import Membership
from network.models.membership import one_year_from


def paid_year(user, start):
    return Membership.objects.create(user=user, start_date=start, end_date=one_year_from(start),
                                     source=Membership.Source.PAYMENT)


def test_demo_members_get_their_payment_once_and_fake_or_real_members_none(db, django_capture_on_commit_callbacks):
    start = timezone.localdate() - datetime.timedelta(days=60)
    demo = paid_year(UserFactory(username="demo", email=f"marie.membre{DEMO_EMAIL_DOMAIN}"), start)
    fake = paid_year(UserFactory(username="fake", email="fake0001@example.org"), start)  # generate_fake_members
    with django_capture_on_commit_callbacks(execute=True):
        assert create_demo_payments() == 1
    payment = Payment.objects.get()
    assert (payment.membership, payment.paid_on, payment.receipt_sequence) == (demo, start, 1)
    assert not Payment.objects.filter(membership=fake).exists()
    assert create_demo_payments() == 0  # run again: nothing new
