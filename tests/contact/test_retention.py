"""The retention rule: a message handled more than CONTACT_MESSAGE_RETENTION_DAYS ago is
erased by the daily job; a message nobody handled is never erased, however old."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contact.factories import ContactMessageFactory
from contact.inbox import erase_handled
from contact.models import ContactMessage
from tests.properties import examples, rolled_back

UTC = datetime.timezone.utc
START = datetime.datetime(2024, 1, 1, tzinfo=UTC)
SPAN = 3 * 365 * 24 * 3600  # three years of seconds


def moment(seconds):
    return START + datetime.timedelta(seconds=seconds)


messages = st.lists(
    st.fixed_dictionaries(
        {
            "status": st.sampled_from(["new", "handled"]),
            "received": st.integers(0, SPAN),
            # Unhandled messages also get a date sometimes: the rule must not look at it alone.
            "handled": st.one_of(st.none(), st.integers(0, SPAN)),
        }
    ),
    max_size=12,
)


def test_examples(db, settings):
    settings.CONTACT_MESSAGE_RETENTION_DAYS = 365
    now = datetime.datetime(2026, 12, 7, 12, tzinfo=UTC)
    old = ContactMessageFactory(status="handled", handled_at=now - datetime.timedelta(days=365, seconds=1))
    just_in = ContactMessageFactory(status="handled", handled_at=now - datetime.timedelta(days=365))
    recent = ContactMessageFactory(status="handled", handled_at=now - datetime.timedelta(days=30))
    forgotten = ContactMessageFactory(status="new", received_at=now - datetime.timedelta(days=3000))
    assert erase_handled(now) == 1
    assert set(ContactMessage.objects.values_list("pk", flat=True)) == {just_in.pk, recent.pk, forgotten.pk}
    assert not ContactMessage.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db
@examples(60)
@given(batch=messages, today=st.integers(0, SPAN + 400 * 24 * 3600), days=st.sampled_from([1, 30, 365, 730]))
def test_property_erases_exactly_the_messages_handled_before_the_period(batch, today, days, settings):
    settings.CONTACT_MESSAGE_RETENTION_DAYS = days
    now = moment(today)
    with rolled_back():
        created = []
        for spec in batch:
            message = ContactMessageFactory(
                status=spec["status"],
                received_at=moment(spec["received"]),
                handled_at=None if spec["handled"] is None else moment(spec["handled"]),
            )
            created.append((message.pk, spec))

        erase_handled(now)

        # The reference, from the rule alone: handled, and handled more than `days` days ago.
        def must_go(spec):
            if spec["status"] != "handled" or spec["handled"] is None:
                return False
            return now - moment(spec["handled"]) > datetime.timedelta(days=days)

        remaining = set(ContactMessage.objects.values_list("pk", flat=True))
        assert remaining == {pk for pk, spec in created if not must_go(spec)}
        # The invariant: an unhandled message is never erased.
        assert {pk for pk, spec in created if spec["status"] == "new"} <= remaining
